"""`zongjie generate --report`: each paragraph of the draft with the library entries it was worded from.

What a reader of the report relies on: the paragraphs are the draft's, in order and word for word; every entry
named is in the library with the origin, support and sources stated; the share of mined stock is a recount of the
entries listed; every 【待补充】 of the draft is listed with the facts key that fills it; the file is written whole,
UTF-8, and a bad path is refused in Chinese before anything is written.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from generator.api import generate, summary_lines
from generator.base.typography import fullwidth_punctuation as fw
from generator.errors import OutputError, UsageError
from generator.library.core import load_library
from generator.render.report import STOCK_SUPPORT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HALF = ROOT / "examples" / "半年总结-青山县.yaml"
INDENT = "\u3000\u3000"


def ids(path: Path) -> str:
    return path.stem


@pytest.fixture(scope="module", params=EXAMPLES, ids=ids)
def written(request, tmp_path_factory):
    """Each example drafted as .txt and .md with its report (seed 1, so that the golden seed 0 is not all)."""
    folder = tmp_path_factory.mktemp("report")
    facts = request.param
    result = generate(facts, folder / "草稿.txt", seed=1, report=folder / "报告.json")
    generate(facts, folder / "草稿.md", seed=1)
    report = json.loads((folder / "报告.json").read_text(encoding="utf-8"))
    return facts, folder, result, report


def test_report_paragraphs_are_the_drafts_paragraphs_word_for_word(written):
    _, folder, result, report = written
    texts = [p["text"] for p in report["paragraphs"]]
    lines = [line.removeprefix(INDENT) for line in (folder / "草稿.txt").read_text(encoding="utf-8").splitlines()]
    assert texts == [line for line in lines if line]
    assert [p["index"] for p in report["paragraphs"]] == list(range(len(result.draft.blocks)))
    # The Markdown body says the same, once its markup is taken off.
    markdown = (folder / "草稿.md").read_text(encoding="utf-8")
    bare = [re.sub(r"^#+ ", "", re.sub(r"\\(.)", r"\1", block.replace("**", ""))) for block in markdown.split("\n\n")]
    assert "".join(bare).replace("\n", "") == "".join(texts)


def test_every_entry_is_in_the_library_as_the_report_says(written):
    _, _, _, report = written
    library = load_library()
    listed = [e for p in report["paragraphs"] for e in p["entries"]]
    assert listed, "a draft uses some library entries"
    for entry in listed:
        if entry["type"] == "phrase":
            phrase = library.phrases[entry["id"]]
            assert entry["origin"] == phrase.origin and entry["kind"] == phrase.kind
            assert entry["text"] == phrase.text
            assert entry["support"] == (phrase.support if phrase.origin == "mined" else 0)
            assert entry["sources"] == [s.as_dict() for s in phrase.sources]
            assert entry.get("why", "") == phrase.why
            if phrase.origin == "mined":
                assert entry["sources"], "a mined entry is traceable to the reports it was found in"
                assert len({s["file"] for s in entry["sources"]}) >= entry["support"]
        elif entry["type"] == "outline_heading":
            outline = library.outlines[report["outline"]["name"]]
            name, _, line = entry["id"].rpartition(":")
            node = next(n for n in outline.walk() if n.line == int(line))
            assert name == outline.name and entry["text"] == node.heading and entry["origin"] == outline.origin
        else:
            assert entry["type"] == "role_heading" and entry["origin"] == "manual"


def test_the_share_is_a_recount_of_the_entries_listed(written):
    _, _, result, report = written
    distinct = {e["id"]: e for p in report["paragraphs"] for e in p["entries"]}
    # Stock is a mined phrase pattern of two or more reports; a mined outline's heading has no count of its own.
    stock = [
        e for e in distinct.values() if e["type"] == "phrase" and e["origin"] == "mined" and e["support"] >= STOCK_SUPPORT
    ]
    summary = report["summary"]
    assert summary["entries"] == len(distinct) == len(report["entries"])
    assert summary["mined_support2"] == len(stock) == result.stock
    assert summary["mined_support2_share"] == round(len(stock) / len(distinct), 4)
    assert sum(summary["by_origin"].values()) == len(distinct)
    # Every entry is listed where it was used, and only there.
    for entry in report["entries"]:
        assert entry["paragraphs"] == [p["index"] for p in report["paragraphs"] if entry["id"] in {e["id"] for e in p["entries"]}]


def test_every_pattern_the_composer_recorded_is_reported(written):
    """Manual uses are never left out: the entries are all the draft's recorded uses, by paragraph."""
    _, _, result, report = written
    for use in result.draft.patterns_used:
        assert use.pattern_id in {e["id"] for e in report["paragraphs"][use.block_index]["entries"]}
    assert len(report["entries"]) >= len({u.pattern_id for u in result.draft.patterns_used})


def test_headings_not_the_writers_own_are_traceable_to_an_entry(written):
    """Every heading is either the writer's words (from the facts file) or taken from a listed library entry."""
    facts, _, _, report = written
    own = fw(facts.read_text(encoding="utf-8"))
    for paragraph in report["paragraphs"]:
        if not paragraph["kind"].endswith("标题") or paragraph["entries"]:
            continue
        words = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", paragraph["text"])
        assert fw(words) in own, paragraph


def test_placeholders_listed_are_the_drafts_with_their_facts_key(written):
    facts, _, result, report = written
    listed = [h for p in report["paragraphs"] for h in p["placeholders"]]
    assert [h["text"] for h in listed] == result.draft.placeholders
    assert report["summary"]["placeholders"] == len(listed)
    lines = facts.read_text(encoding="utf-8").splitlines()
    for hole in listed:
        assert hole["note"], "every hole says what to write"
        if hole["facts_line"]:
            key = hole["facts_key"].split(": ")[-1]
            assert key in lines[hole["facts_line"] - 1], hole


def test_half_year_hole_points_at_its_figure():
    report = _report(HALF)
    (hole,) = [h for p in report["paragraphs"] for h in p["placeholders"]]
    assert hole["label"] == fw("教师培训(人次)") and hole["facts_key"] == "项目: 教师培训"
    line = HALF.read_text(encoding="utf-8").splitlines()[hole["facts_line"] - 1]
    assert line.strip() == "- 项目: 教师培训"


def test_outline_headings_are_entries_of_the_outline():
    """（三）重点工作 is the outline's own heading: reported as an entry of that outline, at its line. (一、2025年工作总结
    above it is the mined part heading, tested in test_opening.)"""
    report = _report(ROOT / "examples" / "年度总结及计划-云溪市.yaml")
    part = next(p for p in report["paragraphs"] if p["text"] == fw("(三)重点工作"))
    (entry,) = part["entries"]
    assert entry["type"] == "outline_heading" and entry["id"].startswith(report["outline"]["name"] + ":")
    assert entry["defined_in"]["file"] == report["outline"]["defined_in"]["file"]
    outline_file = (ROOT / entry["defined_in"]["file"]).read_text(encoding="utf-8").splitlines()
    # The line is where the node starts in the outline file; its heading is written in the lines after.
    node = outline_file[entry["defined_in"]["line"] - 1 :]
    assert node[0].strip() == "- role: plans" and any(line.strip().startswith("heading:") for line in node[1:6])
    assert entry["text"] == "重点工作"
    # The paragraphs under it say so.
    after = report["paragraphs"][part["index"] + 1 : part["index"] + 3]
    assert after and all(part["text"] in p["under"] for p in after)


def test_the_turn_to_the_plans_is_the_mined_part_heading():
    """下半年工作计划 opens the plans as reports open them: the mined part heading, its sources, not the outline's."""
    report = _report(HALF)
    part = next(p for p in report["paragraphs"] if p["kind"] == "部分标题")
    (entry,) = part["entries"]
    assert entry["type"] == "phrase" and entry["origin"] == "mined" and entry["support"] >= 2
    assert entry["id"].startswith("transition.plan_part.") and len(entry["sources"]) >= 2
    assert part["text"] == "下半年工作计划"
    after = report["paragraphs"][part["index"] + 1 :]
    assert all(p["under"][:1] == [part["text"]] for p in after if p["kind"] not in ("署名", "成文日期"))


def test_writers_own_library_entries_are_origin_user(tmp_path):
    mine = tmp_path / "我的词库"
    mine.mkdir()
    (mine / "句式.yaml").write_text(
        textwrap.dedent(
            """\
            phrases:
            - id: my.opening.1
              kind: opening
              text: '{{ 年度 }}年{{ 半年 }},{{ 单位 }}按自己的写法开头。'
            """
        ),
        encoding="utf-8",
    )
    result = generate(HALF, tmp_path / "草稿.md", libraries=[mine], report=tmp_path / "r.json")
    opening = result.report["paragraphs"][1]
    assert [(e["id"], e["origin"]) for e in opening["entries"]] == [("my.opening.1", "user")]
    assert opening["entries"][0]["defined_in"]["file"] == str(mine / "句式.yaml")
    assert result.report["summary"]["by_origin"]["user"] == 1
    assert "自己的词库 1" in "\n".join(summary_lines(result))


def test_report_file_is_utf8_json_in_a_stable_order(tmp_path):
    first = generate(HALF, tmp_path / "a.md", report=tmp_path / "a.json")
    generate(HALF, tmp_path / "b.md", report=tmp_path / "b.json")
    raw = (tmp_path / "a.json").read_bytes()
    assert b"\\u" not in raw and "青山县教育局".encode() in raw
    data = json.loads(raw)
    assert list(data) == ["facts", "output", "seed", "outline", "library", "summary", "entries", "paragraphs"]
    assert list(data["paragraphs"][0]) == ["index", "kind", "under", "text", "entries", "placeholders"]
    # The same facts and seed give the same report (but for the output's own name).
    other = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert {**other, "output": ""} == {**data, "output": ""}
    assert first.report_path == tmp_path / "a.json"
    summary = "\n".join(summary_lines(first))
    share = data["summary"]["mined_support2_share"]
    assert f"占 {share:.0%}" in summary and f"报告:{tmp_path / 'a.json'}" in summary


def test_cli_report_option_and_summary(cli, tmp_path):
    code, out, err = cli("generate", str(HALF), "-o", str(tmp_path / "草稿.docx"), "--report", str(tmp_path / "报告.json"))
    assert code == 0, err
    report = json.loads((tmp_path / "报告.json").read_text(encoding="utf-8"))
    line = next(line for line in out.splitlines() if line.startswith("句式:"))
    summary = report["summary"]
    assert line.startswith(f"句式:{summary['entries']} 条")
    assert f"挖掘且见于两份以上材料的 {summary['mined_support2']} 条" in line


def test_report_in_a_missing_folder_is_refused_before_anything_is_written(cli, tmp_path):
    draft = tmp_path / "草稿.docx"
    code, out, err = cli("generate", str(HALF), "-o", str(draft), "--report", str(tmp_path / "没有" / "报告.json"))
    assert code == OutputError.exit_code and not out
    assert "输出文件夹不存在" in err and "报告.json" in err and "Traceback" not in err
    assert not draft.exists()


def test_existing_report_needs_force_and_is_left_untouched(cli, tmp_path):
    report = tmp_path / "报告.json"
    report.write_text("我的笔记", encoding="utf-8")
    draft = tmp_path / "草稿.md"
    code, _, err = cli("generate", str(HALF), "-o", str(draft), "--report", str(report))
    assert code == OutputError.exit_code and "--force" in err
    assert report.read_text(encoding="utf-8") == "我的笔记" and not draft.exists()
    code, _, err = cli("generate", str(HALF), "-o", str(draft), "--report", str(report), "--force")
    assert code == 0, err
    assert json.loads(report.read_text(encoding="utf-8"))["paragraphs"]


def test_report_cannot_be_the_draft_itself(cli, tmp_path):
    draft = tmp_path / "草稿.md"
    code, _, err = cli("generate", str(HALF), "-o", str(draft), "--report", str(draft))
    assert code == UsageError.exit_code and "报告文件与草稿文件是同一个文件" in err
    assert not draft.exists()


def test_report_that_is_a_folder_is_refused(cli, tmp_path):
    code, _, err = cli("generate", str(HALF), "-o", str(tmp_path / "草稿.md"), "--report", str(tmp_path))
    assert code == OutputError.exit_code and "输出路径是一个文件夹" in err


def _report(facts: Path) -> dict:
    from generator.api import report_from_facts
    from generator.facts.load import load_facts

    return report_from_facts(load_facts(facts))


def test_an_honour_worded_by_the_writers_pattern_is_reported_wherever_the_outline_puts_it(tmp_path):
    """The writer's honour pattern is a library entry: listed on the paragraph that says it, whatever the body
    style of the outline (一是 chain, numbered 1. 2., one paragraph a measure, 首先/其次)."""
    mine = tmp_path / "我的词库"
    mine.mkdir()
    (mine / "句式.yaml").write_text(
        "phrases:\n- id: my.honour.1\n  kind: honour\n  text: '{{ 主题 }}工作获得{{ 荣誉 }}。'\n", encoding="utf-8"
    )
    text = HALF.read_text(encoding="utf-8").replace(
        "      - 项目: 教师培训\n        单位: 人次\n",
        "      - 项目: 教师培训\n        单位: 人次\n    荣誉:\n      - 全省师德建设示范县\n",
    )
    facts_path = tmp_path / "事实.yaml"
    facts_path.write_text(text, encoding="utf-8")
    from generator.api import report_from_facts
    from generator.facts.load import load_facts

    facts = load_facts(facts_path)
    checked = 0
    for outline in sorted(load_library().outlines):
        report = report_from_facts(facts, outline=outline, libraries=[mine])
        saying = [p for p in report["paragraphs"] if "“全省师德建设示范县”" in p["text"]]
        if not saying:
            continue  # an outline with no place for the teachers' area
        (paragraph,) = saying
        assert "my.honour.1" in [e["id"] for e in paragraph["entries"]], outline
        assert [e["origin"] for e in paragraph["entries"] if e["id"] == "my.honour.1"] == ["user"]
        checked += 1
    assert checked >= 3
