"""`zongjie generate` as a user runs it: the summary, overwriting only with --force, exit codes, no traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.api import draft_from_facts, generate
from generator.base.typography import fullwidth_punctuation as fw
from generator.errors import FactsError, OutputError, TemplateError, UsageError
from generator.facts.load import load_facts

ROOT = Path(__file__).resolve().parent.parent
HALF = ROOT / "examples" / "半年总结-青山县.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT, timeout=120
    )


def test_cli_writes_the_draft_and_prints_the_summary(tmp_path):
    out = tmp_path / "草稿.docx"
    proc = run("-m", "generator", "generate", str(HALF), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and out.stat().st_size > 10_000
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"已写出 {out}")
    assert any(line.startswith("章节:") for line in lines)
    assert any(line.startswith("字数:") for line in lines)
    assert "待补充:1 处" in proc.stdout and fw("【待补充:教师培训(人次)】") in proc.stdout
    assert any(line.startswith("句式:") for line in lines)


def test_existing_output_needs_force_and_is_left_untouched(tmp_path):
    out = tmp_path / "草稿.md"
    out.write_text("我的修改", encoding="utf-8")
    proc = run("-m", "generator", "generate", str(HALF), "-o", str(out))
    assert proc.returncode == OutputError.exit_code
    assert "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == "我的修改"
    proc = run("-m", "generator", "generate", str(HALF), "-o", str(out), "--force")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("# 青山县教育局")


@pytest.mark.parametrize(
    ("facts_text", "args", "code", "words"),
    [
        ("类型: 半年总结\n单位: 局\n", (), FactsError.exit_code, "事实文件错误"),
        (None, ("--outline", "没有这个提纲"), UsageError.exit_code, "没有名为「没有这个提纲」的提纲"),
        (None, ("--outline", "不存在.yaml"), TemplateError.exit_code, "提纲文件不存在"),
        (None, ("--format", "pdf"), OutputError.exit_code, "不支持的输出格式"),
    ],
)
def test_bad_input_exits_with_one_chinese_line(tmp_path, facts_text, args, code, words):
    facts = HALF
    if facts_text is not None:
        facts = tmp_path / "坏.yaml"
        facts.write_text(facts_text, encoding="utf-8")
    out = tmp_path / "草稿.docx"
    proc = run("-m", "generator", "generate", str(facts), "-o", str(out), *args)
    assert proc.returncode == code
    assert words in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and list(tmp_path.glob(".*tmp")) == []


def test_unknown_suffix_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(OutputError, match="扩展名"):
        generate(HALF, tmp_path / "草稿.pdf")
    assert list(tmp_path.iterdir()) == []


def test_format_option_and_text_output(tmp_path):
    out = tmp_path / "草稿.txt"
    result = generate(HALF, out, fmt="txt", seed=2)
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == result.draft.title
    assert result.seed == 2 and result.sections == result.draft.sections


def test_user_outline_file_and_library_overlay(tmp_path):
    outline = tmp_path / "我的提纲.yaml"
    outline.write_text(
        textwrap.dedent(
            """\
            name: 我的提纲
            title: 只写工作
            kind: 半年总结
            nodes:
            - role: opening
            - role: work
              repeat: 工作
              level: 1
              marker: 一、
            - role: closing
            """
        ),
        encoding="utf-8",
    )
    mine = tmp_path / "词库"
    mine.mkdir()
    (mine / "phrases.yaml").write_text(
        textwrap.dedent(
            """\
            phrases:
            - id: manual.closing.half_year.1
              kind: closing
              text: '{{ 单位 }}将以自己的写法结尾。'
            - id: manual.closing.half_year.2
              kind: closing
              text: '{{ 单位 }}将以自己的写法结尾。'
            """
        ),
        encoding="utf-8",
    )
    result = generate(HALF, tmp_path / "a.md", outline=str(outline), libraries=[mine])
    assert result.outline == "我的提纲"
    assert [b.text for b in result.draft.blocks if b.kind == "heading"][0].startswith("一、")
    assert "青山县教育局将以自己的写法结尾。" in result.draft.text
    assert any("问题" in w for w in result.warnings)


def test_hundred_drafts_reuse_the_cached_library():
    facts = load_facts(HALF)
    first = draft_from_facts(facts, seed=1).dump()
    dumps = {draft_from_facts(facts, seed=seed % 10).dump() for seed in range(100)}
    assert first in dumps and 2 <= len(dumps) <= 10


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_generate_does_not_import_jieba_and_md_does_not_import_docx(tmp_path, suffix):
    out = tmp_path / f"草稿{suffix}"
    proc = run("-X", "importtime", "-m", "generator", "generate", str(HALF), "-o", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "jieba" not in modules and "generator.mining.miner" not in modules
    assert ("docx" in modules) == (suffix == ".docx")
    # Only generate's own command module: the other commands are neither imported nor built.
    assert {m for m in modules if m.startswith("generator.cli.")} == {
        "generator.cli.i18n", "generator.cli.root", "generator.cli.draft", "generator.cli.terminal"
    }


def test_library_cache_gives_the_same_library_and_notices_edits(tmp_path, monkeypatch):
    from generator.library.cache import cached_library
    from generator.library.core import _load_library_cached, load_library

    def clear():
        cached_library.cache_clear()
        _load_library_cached.cache_clear()

    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path / "cache"))
    mine = tmp_path / "词库"
    mine.mkdir()
    phrases = mine / "phrases.yaml"
    phrases.write_text("phrases:\n- id: my.closing.1\n  kind: closing\n  text: 第一种结尾。\n", encoding="utf-8")
    folders = (str(mine),)

    def snapshot(library):
        return (
            {pid: (p.as_dict(), p.path, p.line) for pid, p in library.phrases.items()},
            {name: o.as_dict() for name, o in library.outlines.items()},
        )

    clear()
    first = cached_library(folders)  # reads the YAML and writes the cache
    assert list((tmp_path / "cache").glob("library-*.json"))
    clear()
    second = cached_library(folders)  # reads the cache
    assert snapshot(second) == snapshot(first) == snapshot(load_library(folders))
    phrases.write_text("phrases:\n- id: my.closing.1\n  kind: closing\n  text: 另一种结尾,长一些。\n", encoding="utf-8")
    clear()
    assert cached_library(folders).phrases["my.closing.1"].text == "另一种结尾,长一些。"
    for cache in (tmp_path / "cache").glob("library-*.json"):
        cache.write_text("{损坏", encoding="utf-8")
    clear()
    assert cached_library(folders).phrases["my.closing.1"].text == "另一种结尾,长一些。"
    clear()


def test_table_cache_gives_the_same_data_and_notices_edits(tmp_path, monkeypatch):
    import yaml

    from generator.base.tables import load_table

    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path / "cache"))
    table = tmp_path / "topics.yaml"
    table.write_text("主题:\n- 名称: 学前教育\n  词: [幼儿园, 普惠]\n  权重: 1.5\n  启用: true\n", encoding="utf-8")
    first = load_table(table, "主题分类")  # reads the YAML and keeps the JSON
    assert len(list((tmp_path / "cache").glob("table-topics-*.json"))) == 1
    second = load_table(table, "主题分类")  # reads the JSON
    assert second == first == {"主题": [{"名称": "学前教育", "词": ["幼儿园", "普惠"], "权重": 1.5, "启用": True}]}
    assert type(second["主题"][0]["启用"]) is bool and type(second["主题"][0]["权重"]) is float
    # The same size and time stamp would not tell this edit apart; the kept text does.
    table.write_text("主题:\n- 名称: 义务教育\n  词: [幼儿园, 普惠]\n  权重: 1.5\n  启用: true\n", encoding="utf-8")
    assert load_table(table, "主题分类")["主题"][0]["名称"] == "义务教育"
    for kept in (tmp_path / "cache").glob("table-*.json"):
        kept.write_text("{损坏", encoding="utf-8")
    assert load_table(table, "主题分类")["主题"][0]["名称"] == "义务教育"
    # What JSON cannot give back as it was (a date, a number as a key) is not kept, and still read right.
    dated = tmp_path / "dated.yaml"
    dated.write_text("2025-07-01: 开学\n1: 一\n", encoding="utf-8")
    assert load_table(dated, "表") == load_table(dated, "表") == {__import__("datetime").date(2025, 7, 1): "开学", 1: "一"}
    assert not list((tmp_path / "cache").glob("table-dated-*.json"))
    # A broken table is never kept and still names its line.
    table.write_text("主题:\n- 名称: [学前\n", encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        load_table(table, "主题分类")
    assert raised.value.line is not None
    # Every shipped table comes back from the cache as YAML gives it.
    for shipped in sorted((ROOT / "templates").glob("*.yaml")):
        assert load_table(shipped, "表") == load_table(shipped, "表") == yaml.safe_load(shipped.read_text("utf-8"))


def test_the_writers_own_patterns_come_first(tmp_path):
    mine = tmp_path / "我的词库"
    mine.mkdir()
    (mine / "我的句式.yaml").write_text(
        textwrap.dedent(
            """\
            phrases:
            - id: my.opening.1
              kind: opening
              text: '{{ 年度 }}年{{ 半年 }},{{ 单位 }}按自己的写法开头。'
            - id: my.honour.1
              kind: honour
              text: '{{ 主题 }}工作获得{{ 荣誉 }}。'
            """
        ),
        encoding="utf-8",
    )
    # An honour with no winner named is the writer's own pattern's to word.
    text = HALF.read_text(encoding="utf-8").replace(
        "      - 项目: 教师培训\n        单位: 人次\n",
        "      - 项目: 教师培训\n        单位: 人次\n    荣誉:\n      - 全省师德建设示范县\n",
    )
    facts_path = tmp_path / "事实.yaml"
    facts_path.write_text(text, encoding="utf-8")
    draft = draft_from_facts(load_facts(facts_path), libraries=[mine])
    assert draft.blocks[1].text == fw("2025年上半年,青山县教育局按自己的写法开头。")
    assert fw("队伍建设工作获得“全省师德建设示范县”。") in draft.text
    assert {"my.opening.1", "my.honour.1"} <= {u.pattern_id for u in draft.patterns_used}


def test_unknown_outline_name_is_a_usage_mistake_with_a_suggestion() -> None:
    proc = run("-m", "generator", "outline", "show", "half_yaer")
    assert proc.returncode == UsageError.exit_code
    assert "没有名为「half_yaer」的提纲。您是不是想写「half_year」?可用的提纲:" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_outputs_end_with_a_newline_and_their_summary_does_not_speak_of_word(tmp_path, suffix) -> None:
    from generator.api import summary_lines

    out = tmp_path / f"草稿{suffix}"
    result = generate(HALF, out)
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    summary = "\n".join(summary_lines(result))
    assert "Word" not in summary
    if result.placeholders:
        assert "【待补充:…】" in summary


def test_docx_summary_points_at_the_shading(tmp_path) -> None:
    from generator.api import summary_lines

    result = generate(HALF, tmp_path / "草稿.docx")
    assert result.placeholders, "the half-year example leaves placeholders to fill"
    assert any("Word 中以底色标出" in line for line in summary_lines(result))
    as_text = generate(HALF, tmp_path / "草稿2.txt", fmt="txt")
    assert not any("Word" in line for line in summary_lines(as_text))
