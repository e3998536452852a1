"""`zongjie mine` and `zongjie phrases` as a user runs them: the summary table, bad files, browsing, errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.library.core import load_library

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_004 = SEEDS / "004_87e61cf8e36a790c.txt"


def _table_rows(out: str) -> dict[str, list[str]]:
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 9 and cells[0].endswith((".txt", ".docx")):
            rows[cells[0]] = cells[1:]
    return rows


def test_mine_defaults_to_seeds_and_corpus_and_prints_a_row_per_file(cli, tmp_path):
    code, out, _ = cli("mine", "-o", str(tmp_path / "lib"))
    assert code == 0
    rows = _table_rows(out)
    corpus = SEEDS.parent / "corpus"
    assert sorted(rows) == sorted(p.name for p in [*SEEDS.glob("*.txt"), *corpus.rglob("*.txt")])
    assert "来自 128 份不同的材料" in out  # 135 files, reposts (and a repost cut short, e065) counted once
    for cells in rows.values():
        sentences, new, joined, specific, noise, hole, length = (int(c) for c in cells[1:])
        assert sentences == new + joined + specific + noise + hole + length
    assert rows["001_f08b529532b5985e.txt"][0] == "年度总结及计划"
    assert int(rows["001_f08b529532b5985e.txt"][6]) > 0  # 001's cut-out numbers are counted as holes
    assert "条出现在两份以上材料中)、5 个提纲" in out
    assert sorted(p.name for p in (tmp_path / "lib" / "outlines").glob("*.yaml")) == [
        "annual.yaml",
        "annual_with_plan.yaml",
        "campaign_stage.yaml",
        "development_report.yaml",
        "half_year.yaml",
    ]


def test_bad_files_are_reported_and_skipped_and_the_rest_is_mined(cli, tmp_path):
    corpus = tmp_path / "材料"
    (corpus / "子文件夹").mkdir(parents=True)
    shutil.copy(SEED_004, corpus / "子文件夹" / "好的.txt")
    (corpus / "空的.txt").write_text("", encoding="utf-8")
    (corpus / "二进制.txt").write_bytes(b"\x00\x01\x02PK\x00" * 200)
    (corpus / "坏的.docx").write_bytes(b"not a zip file at all")
    (corpus / "说明.pdf").write_bytes(b"%PDF-1.4")  # not a report format: not read at all
    code, out, err = cli("mine", str(corpus), "-o", str(tmp_path / "lib"))
    assert code == 0
    rows = _table_rows(out)
    assert rows["好的.txt"][0] == "专项阶段总结" and int(rows["好的.txt"][2]) > 0
    for name in ("空的.txt", "二进制.txt", "坏的.docx"):
        assert rows[name][0] == "跳过"
        assert name in err
    assert "说明.pdf" not in out + err
    assert (tmp_path / "lib" / "outlines" / "campaign_stage.yaml").exists()


def test_nothing_mineable_is_an_error_and_writes_nothing(cli, tmp_path):
    (tmp_path / "空的.txt").write_text("", encoding="utf-8")
    code, _, err = cli("mine", str(tmp_path / "空的.txt"), "-o", str(tmp_path / "lib"))
    assert code == 2
    assert "没有一份材料能够挖掘" in err and "Traceback" not in err
    assert not (tmp_path / "lib").exists()


def test_missing_corpus_names_the_path(cli, tmp_path):
    code, _, err = cli("mine", str(tmp_path / "没有这个文件夹"), "-o", str(tmp_path / "lib"))
    assert code == 2 and "找不到语料" in err and "没有这个文件夹" in err


def test_mining_into_the_manual_library_is_refused(cli):
    manual = ROOT / "templates" / "library" / "manual"
    code, _, err = cli("mine", str(SEED_004), "-o", str(manual))
    assert code == 2 and "人工词库" in err


def test_phrases_lists_patterns_with_their_sources(cli):
    code, out, err = cli("phrases", "--kind", "opening")
    assert code == 0
    lines = out.splitlines()
    assert lines and all(line.split("\t")[1] == "导语" for line in lines)
    mined = [line for line in lines if "{{ 年度 }}年,在{{ 上级 }}的正确领导下" in line and "003_" in line]
    # The opening is on line 2 of the seed file (line 1 is the title): the position is the source file's line.
    # Found in one report only: an example to browse, marked as such, never drafted.
    assert mined and mined[0].split("\t")[4:] == ["仅见一份(示例,不用于起草)", "挖掘", "出处 003_e24b092d9f87ed40.txt:2"]
    assert (SEEDS / "003_e24b092d9f87ed40.txt").read_text(encoding="utf-8").splitlines()[1].startswith("2013年,在市委")
    assert "support=" not in out and "\tmined" not in out
    assert f"共 {len(lines)} 条" in err


def test_phrases_source_positions_are_lines_of_the_source_file(cli):
    """Every mined position points at a line of its file that holds the start of the sentence's paragraph."""
    import re

    code, out, _ = cli("phrases", "--kind", "achievement")
    assert code == 0 and out
    checked = 0
    for line in out.splitlines():
        for name, number in re.findall(r"(00[0-4]_[0-9a-f]{16}\.txt):(\d+)", line.split("\t")[6]):
            source = (SEEDS / name).read_text(encoding="utf-8").splitlines()
            assert 1 <= int(number) <= len(source) and source[int(number) - 1].strip()
            checked += 1
    assert checked > 20


def test_phrases_kind_and_topic_take_chinese_names_and_aliases(cli):
    _, english, _ = cli("phrases", "--kind", "opening")
    code, chinese, _ = cli("phrases", "--kind", "导语")
    assert code == 0 and chinese == english
    _, canonical, _ = cli("phrases", "--topic", "学前教育")
    code, alias, _ = cli("phrases", "--topic", "幼儿教育")
    assert code == 0 and alias == canonical and canonical


def test_phrases_unknown_topic_is_a_chinese_usage_error_listing_the_topics(cli):
    code, out, err = cli("phrases", "--topic", "宇宙探索")
    assert code == 2 and not out
    assert "没有「宇宙探索」这个主题" in err and "学前教育" in err and "教师队伍" in err


def test_phrases_filters_by_topic_and_query(cli):
    code, out, _ = cli("phrases", "--topic", "学前教育", "幼儿园")
    assert code == 0 and out
    for line in out.splitlines():
        _, _, topics, text, *_ = line.split("\t")
        assert "学前教育" in topics.split("、") and "幼儿园" in text


def test_phrases_reads_the_users_library_over_the_shipped_one(cli, tmp_path):
    (tmp_path / "my.yaml").write_text(
        "phrases:\n- id: my.closing.1\n  kind: closing\n  text: 新的一年,我们将再接再厉。\n", encoding="utf-8"
    )
    code, out, _ = cli("phrases", "--kind", "closing", "--library", str(tmp_path))
    assert code == 0
    assert "my.closing.1\t结尾\t综合\t新的一年,我们将再接再厉。\t支持 -\t人工\t出处 -" in out.splitlines()


def _support(line: str) -> int:
    """The count a line shows: 支持 N 份 → N; 仅见一份 → 1; a manual entry (支持 -) → 0."""
    column = line.split("\t")[4]
    if column.startswith("仅见一份"):
        return 1
    return 0 if column == "支持 -" else int(column.removeprefix("支持 ").removesuffix(" 份"))


def test_phrases_are_sorted_by_support_then_id(cli):
    code, out, _ = cli("phrases")
    lines = out.splitlines()
    assert code == 0 and len(lines) > 100
    keys = [(-_support(line), line.split("\t")[0]) for line in lines]
    assert keys == sorted(keys)
    # Mined stock first, the one-report examples after it, the manual list last.
    assert _support(lines[0]) >= 2 and lines[-1].split("\t")[5] == "人工"
    library = load_library()
    assert _support(lines[0]) == max(p.support for p in library.phrases.values() if p.origin == "mined")


def test_min_support_keeps_the_mined_patterns_of_that_many_reports(cli):
    library = load_library()
    for floor in (2, 5):
        code, out, err = cli("phrases", "--min-support", str(floor))
        listed = {line.split("\t")[0] for line in out.splitlines()}
        wanted = {p.id for p in library.phrases.values() if p.origin == "mined" and p.support >= floor}
        assert code == 0 and listed == wanted and wanted
        assert f"共 {len(wanted)} 条" in err
        assert "仅见一份" not in out and "\t人工\t" not in out
    # Combined with the other filters.
    code, out, _ = cli("phrases", "--min-support", "2", "--kind", "标题")
    assert code == 0 and out
    assert all(line.split("\t")[1] == "标题" and _support(line) >= 2 for line in out.splitlines())


def test_min_support_must_be_a_count(cli):
    code, out, err = cli("phrases", "--min-support", "-1")
    assert code == 2 and not out and "--min-support" in err
    code, _, err = cli("phrases", "--min-support", "两份")
    assert code == 2 and "两份" in err


def test_many_sources_are_shortened_to_three_and_a_count(cli):
    library = load_library()
    code, out, _ = cli("phrases", "--min-support", "2")
    checked = 0
    for line in out.splitlines():
        phrase = library.phrases[line.split("\t")[0]]
        shown = line.split("\t")[6].removeprefix("出处 ")
        places = list(dict.fromkeys(f"{s.file}:{s.line}" if s.line else s.file for s in phrase.sources))
        if len(places) <= 3:
            assert shown == "、".join(places)
        else:
            files = len({s.file for s in phrase.sources})
            assert shown == "、".join(places[:3]) + f" 等 {files} 个文件" and files >= phrase.support
            checked += 1
    assert checked, "some stock phrase recurs in more than three reports"


def test_phrases_unknown_kind_is_a_chinese_usage_error(cli):
    code, _, err = cli("phrases", "--kind", "nonsense")
    assert code == 2 and "没有「nonsense」这种用途" in err and "导语(opening)" in err


@pytest.mark.parametrize("command", ["mine", "phrases"])
def test_help_is_chinese_with_an_example(cli, command):
    code, out, _ = cli(command, "--help")
    assert code == 0 and "例:zongjie " + command in out


def test_the_cli_does_not_load_jieba_or_the_miner_until_mining():
    probe = (
        "import sys; from generator.cli import app; "
        "print(len(app.registered_commands) > 5, any(m in sys.modules for m in ('jieba', 'generator.mining.miner')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "True False"


def test_docx_and_gbk_reports_are_mined_like_the_utf8_seeds(cli, tmp_path):
    import docx

    corpus = tmp_path / "档案"
    corpus.mkdir()
    document = docx.Document()
    for line in (SEEDS / "003_e24b092d9f87ed40.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(corpus / "发展报告.docx"))
    text = (SEEDS / "000_6729c89874232e6a.txt").read_text(encoding="utf-8")
    (corpus / "半年总结.txt").write_bytes(text.encode("gbk", errors="ignore"))
    (corpus / "只有一段.txt").write_text(
        "县教育局上半年工作总结\n上半年,我们扎实开展了各项工作,取得了一定成效。\n", encoding="utf-8"
    )
    code, out, _ = cli("mine", str(corpus), "-o", str(tmp_path / "lib"))
    assert code == 0
    rows = _table_rows(out)
    _, seeds_out, _ = cli("mine", str(SEEDS), "-o", str(tmp_path / "seeds_lib"))
    seed_rows = _table_rows(seeds_out)
    assert rows["发展报告.docx"] == seed_rows["003_e24b092d9f87ed40.txt"]
    assert rows["半年总结.txt"] == seed_rows["000_6729c89874232e6a.txt"]
    # Two half-year reports: the outline follows the one with the richer structure, and names both.
    outline = (tmp_path / "lib" / "outlines" / "half_year.yaml").read_text(encoding="utf-8")
    assert "- 半年总结.txt\n- 只有一段.txt\n" in outline and "下半年工作打算" in outline
