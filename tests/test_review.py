"""The office head's review: every error of a file in one run, and the draft's notes as Word comments."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.api import draft_from_facts
from generator.drafting.model import Block, Draft, Span
from generator.errors import MAX_ERRORS, ErrorCollector, FactsError, TemplateError
from generator.facts.load import load_facts, parse_facts
from generator.render.docx import COMMENT_AUTHOR, render_docx

try:
    from test_cli_facts import run
except ImportError:  # tests/ became a package
    from test_cli_facts import run

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Nine different mistakes, one per line marked; everything else in the file is right.
NINE = """类型: 半年总结
单为: 青山县教育局
单位: 青山县教育局
地区: 青山县
年度: 2025年度
半年: 上半
成文日期: 2025-02-30
工作:
  - 领域: 学前教育
    举施:
      - 实施学前教育扩容提质工程
    数据:
      - 项目: 新建幼儿园
        数值: 十几所
      - 项目: 普惠性幼儿园覆盖率
        数值: 188.5
        单位: "%"
      - 项目: 新增学位
        数值: 1620
        上年: -3
      - 数值: 5
        单位: 所
  - 领域: 义务教育
    举措:
      - 推进集团化办学
      - 举措: 开展课后服务
"""
# (line, a words of the message that say what is wrong there)
NINE_EXPECTED = [
    (2, "不认识的键「单为」"),
    (5, "「年度」请只写数字"),
    (6, "「半年」写的是「上半」"),
    (7, "不是真实存在的日期"),
    (10, "不认识的键「举施」"),
    (14, "「数值」应当是一个数字"),
    (16, "不能超过 100"),
    (20, "「上年」是负数"),
    (21, "缺少「项目」"),
    (26, "应当是一句话"),
]


# --- every error at once ------------------------------------------------------------------------------------


def test_one_check_lists_every_mistake_in_line_order(tmp_path: Path) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_text(NINE, encoding="utf-8")
    result = run("check", facts)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"事实文件错误:{facts}:共发现 {len(NINE_EXPECTED)} 处错误,按行号列出,请逐条改正:"
    items = lines[1:]
    assert len(items) == len(NINE_EXPECTED)
    for number, (item, (line, what)) in enumerate(zip(items, NINE_EXPECTED, strict=True), start=1):
        # each: its number, the file, the line, what is wrong and (after 。) how to fix it
        assert item.startswith(f"  {number}. {facts} 第 {line} 行:"), item
        assert what in item, (what, item)
        assert "。" in item.split(":", 1)[1], item


def test_generate_reports_the_same_errors_and_writes_nothing(tmp_path: Path) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_text(NINE, encoding="utf-8")
    result = run("generate", facts, "-o", tmp_path / "草稿.docx")
    assert result.returncode == 4
    assert f"共发现 {len(NINE_EXPECTED)} 处错误" in result.stderr
    assert not (tmp_path / "草稿.docx").exists()


def test_each_error_is_kept_for_a_program() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(NINE, "事实.yaml")
    assert [(e.line, e.path) for e in caught.value.errors] == [
        (line, "事实.yaml") for line, _ in NINE_EXPECTED
    ]
    assert caught.value.line == 2  # the first, for callers that show one place


def test_fixing_the_errors_one_by_one_needs_no_second_discovery() -> None:
    fixed = (
        NINE.replace("单为: 青山县教育局\n", "")
        .replace("2025年度", "2025")
        .replace("上半\n", "上半年\n")
        .replace("2025-02-30", "2025-07-05")
        .replace("举施", "举措")
        .replace("十几所", "12\n        单位: 所")
        .replace("188.5", "88.5")
        .replace("上年: -3", "上年: 1500")
        .replace("      - 数值: 5\n", "      - 项目: 新建学校\n        数值: 5\n")
        .replace("      - 举措: 开展课后服务", "      - 开展课后服务")
    )
    facts = parse_facts(fixed, "事实.yaml")
    assert facts.half == "上半年" and len(facts.work[0].data) == 4


def test_a_single_error_reads_as_before() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(
            NINE.split("单为")[0] + "单位: 青山县教育局\n地区: 青山县\n年度: 2025年\n半年: 上半年\n"
            "工作:\n  - 领域: 学前教育\n    举措: [扩容]\n",
            "事实.yaml",
        )
    assert caught.value.errors == [caught.value]
    assert str(caught.value).startswith("事实.yaml 第 4 行:「年度」请只写数字")


def test_collector_caps_a_hopeless_file() -> None:
    text = "类型: 半年总结\n" + "".join(f"乱{i}: 1\n" for i in range(200))
    with pytest.raises(FactsError) as caught:
        parse_facts(text, "事实.yaml")
    assert len(caught.value.errors) == MAX_ERRORS
    message = str(caught.value)
    assert f"至少 {MAX_ERRORS} 处" in message and "改正后再检查一次" in message


def test_collector_keeps_the_class_and_exit_code_of_its_errors() -> None:
    collector = ErrorCollector()
    with collector.guard():
        raise TemplateError("第二处", path="提纲.yaml", line=9, hint="改")
    collector.add(TemplateError("第一处", path="提纲.yaml", line=3, hint="改"))
    collector.add(TemplateError("第一处", path="提纲.yaml", line=3, hint="改"))  # the same fault twice: once
    with pytest.raises(TemplateError) as caught:
        collector.raise_if_any()
    assert caught.value.exit_code == TemplateError.exit_code
    assert [e.line for e in caught.value.errors] == [3, 9]


# --- comments -----------------------------------------------------------------------------------------------


def docx_comments(data: bytes) -> list[tuple[str, str]]:
    """(anchored text, comment text) of every comment in a .docx, read back from its XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        notes = etree.fromstring(archive.read("word/comments.xml")) if "word/comments.xml" in names else None
    texts = {}
    if notes is not None:
        for comment in notes.iter(f"{W}comment"):
            texts[comment.get(f"{W}id")] = "\n".join(
                "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
            )
    anchored: dict[str, str] = {}
    open_ids: list[str] = []
    for element in body.iter():
        if element.tag == f"{W}commentRangeStart":
            open_ids.append(element.get(f"{W}id"))
            anchored[open_ids[-1]] = ""
        elif element.tag == f"{W}commentRangeEnd":
            open_ids.remove(element.get(f"{W}id"))
        elif element.tag == f"{W}t":
            for cid in open_ids:
                anchored[cid] += element.text or ""
    assert set(anchored) == set(texts), "every comment has its range and every range its comment"
    return [(anchored[cid], texts[cid]) for cid in texts]


def test_span_and_block_comments_are_word_comments_on_their_text() -> None:
    draft = Draft(
        blocks=[
            Block("title", [Span("青山县教育局工作总结")]),
            Block(
                "paragraph",
                [
                    Span("新建幼儿园6所,"),
                    Span("比上年增加2所", comment="由 数值 6 与 上年 4 算出"),
                    Span("。"),
                ],
                comment="这一段的依据",
            ),
        ]
    )
    data = render_docx(draft)
    found = docx_comments(data)
    assert ("比上年增加2所", "由 数值 6 与 上年 4 算出") in found
    assert ("新建幼儿园6所,比上年增加2所。", "这一段的依据") in found
    document = docx.Document(io.BytesIO(data))
    assert {c.author for c in document.comments} == {COMMENT_AUTHOR}
    assert docx_comments(render_docx(draft, comments=False)) == []
    # the text itself is the same with or without comments
    plain = docx.Document(io.BytesIO(render_docx(draft, comments=False)))
    assert [p.text for p in plain.paragraphs] == [p.text for p in document.paragraphs]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_drafts_carry_a_comment_for_every_figure_hole_and_warning(path: Path) -> None:
    facts = load_facts(path)
    draft = draft_from_facts(facts)
    found = docx_comments(render_docx(draft))
    comments = [text for _, text in found]
    assert comments == draft.comments
    # every computed clause the draft says (a change against last year, a target's completion) carries its note
    said = re.findall(
        r"(?:比上年|较上年|同比)(?:增加|增长|提高|减少|下降)[\d.]+(?:个百分点|%|[^\d,，。;；、]{1,4})|与上年持平"
        r"|超额完成(?:年度|全年)?目标(?:任务)?|完成(?:年度|全年)?目标(?:任务)?(?:的[\d.]+%)?|[高低]于目标[\d.]+个百分点",
        draft.text,
    )
    computed = [(anchor, text) for anchor, text in found if "算出" in text]
    assert sorted(anchor for anchor, _ in computed) == sorted(said)
    for anchor, text in computed:
        assert anchor and f"「{anchor}」由 数值" in text
        assert re.search(r"第 \d+ 行", text)
    # every placeholder the summary lists has its own comment, anchored on it
    holes = [(anchor, text) for anchor, text in found if anchor.startswith("【待补充")]
    assert [anchor for anchor, _ in holes] == draft.placeholders
    for _, text in holes:
        assert "事实文件" in text or "草稿" in text
    # every warning the summary prints stands in a comment
    shown = "\n".join(comments)
    for warning in draft.warnings:
        assert warning.split(" ", 1)[-1] in shown, warning


def test_a_hole_names_the_key_and_line_to_fill(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "半年总结-青山县.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^成文日期:.*$", "成文日期:", text)
    line = text.splitlines().index("成文日期:") + 1
    draft = draft_from_facts(parse_facts(text, "事实.yaml"))
    date = [b for b in draft.blocks if b.kind == "date"][0]
    assert date.spans[0].placeholder
    assert f"事实文件第 {line} 行的「成文日期」还是空的" in date.spans[0].comment


def test_warnings_stand_at_their_sentence() -> None:
    text = (ROOT / "examples" / "半年总结-青山县.yaml").read_text(encoding="utf-8")
    # a 其中 that does not add up, a stated growth rate the values contradict, a date from another year
    assert "成文日期: 2025-07-05" in text
    text = text.replace("成文日期: 2025-07-05", "成文日期: 2023-07-05")
    facts = parse_facts(text, "事实.yaml")
    fig = next(f for a in facts.work for f in a.data if f.parts)
    text = text.replace(f"数值: {fig.parts[0].value}", f"数值: {fig.parts[0].value + 1}", 1)
    growth = next(f for a in facts.work for f in a.data if f.previous and not f.parts)
    lines = text.splitlines()
    lines.insert(growth.line, "        增长率: 99")
    facts = parse_facts("\n".join(lines) + "\n", "事实.yaml")
    draft = draft_from_facts(facts)
    # (the example's own 领域 研学实践 adds a fourth, about the topic)
    assert len([w for w in draft.warnings if "自定义领域" not in w]) == 3
    by_text = {}
    for block in draft.blocks:
        for span in [Span(block.text, comment=block.comment), *block.spans]:
            if "提示:" in span.comment:
                by_text[span.text] = span.comment
    assert any("其中" in anchor and "之和" in note for anchor, note in by_text.items())
    assert any(re.match("比上年|较上年|同比", anchor) and "增长率 99%" in note for anchor, note in by_text.items())
    assert any(
        re.fullmatch(r"2023年7月5日", anchor) and "成文日期" in note for anchor, note in by_text.items()
    )


def test_no_comments_gives_a_clean_copy(tmp_path: Path) -> None:
    example = ROOT / "examples" / "半年总结-青山县.yaml"
    with_notes = run("generate", example, "-o", tmp_path / "批注.docx")
    assert with_notes.returncode == 0, with_notes.stderr
    found = re.search(
        r"批注:(\d+) 条\(算出的数字 (\d+) 处、待补充 (\d+) 处、提示 (\d+) 条、「其中」核对 (\d+) 处、评价的依据 (\d+) 处",
        with_notes.stdout,
    )
    assert found, with_notes.stdout
    count, computed, holes, warnings, parts, praised = (int(g) for g in found.groups())
    # every comment is of one of the kinds the summary names (a warning may share a span with a computed figure)
    assert computed + holes + parts + praised <= count <= computed + holes + warnings + parts + praised
    assert praised > 0
    # the summary's own counts: its 待补充 list and its 提示 lines
    assert holes == int(re.search(r"待补充:(\d+) 处", with_notes.stdout).group(1))  # type: ignore[union-attr]
    assert warnings == with_notes.stdout.count("\n提示:")
    assert computed > 0
    assert count == len(docx_comments((tmp_path / "批注.docx").read_bytes())) > 0
    clean = run("generate", example, "-o", tmp_path / "干净.docx", "--no-comments")
    assert clean.returncode == 0, clean.stderr
    assert "批注" not in clean.stdout
    assert docx_comments((tmp_path / "干净.docx").read_bytes()) == []
    assert docx.Document(tmp_path / "干净.docx").comments.__len__() == 0


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="没有安装 LibreOffice(soffice),.ci/run 会安装 libreoffice-writer")
def test_libreoffice_opens_the_draft_with_its_comments(tmp_path: Path) -> None:
    draft = draft_from_facts(load_facts(ROOT / "examples" / "半年总结-青山县.yaml"))
    source = tmp_path / "草稿.docx"
    source.write_bytes(render_docx(draft))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    with zipfile.ZipFile(tmp_path / "草稿.odt") as archive:
        content = etree.fromstring(archive.read("content.xml"))
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    notes = ["".join(a.itertext()) for a in content.iter(f"{office}annotation")]
    assert len(notes) == len(draft.comments) > 0
    # LibreOffice shows the author, the date and the note's text: each of ours is there
    for comment in draft.comments:
        assert any(comment.replace("\n", "") in note.replace("\n", "") for note in notes), comment


# --- the same for profile, outline and phrase files ---------------------------------------------------------


def _numbered_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(r"  \d+\. ", line)]


def test_profile_file_reports_every_mistake(tmp_path: Path) -> None:
    profile = tmp_path / "格式.yaml"
    profile.write_text(
        "body:\n  size_pt: 99\n  fnt: 黑体\npage:\n  margin_top_mm: abc\nfoo: 1\n", encoding="utf-8"
    )
    example = ROOT / "examples" / "半年总结-青山县.yaml"
    result = run("generate", example, "-o", tmp_path / "草稿.docx", "--profile", profile)
    assert result.returncode == 5
    items = _numbered_lines(result.stderr)
    assert [re.search(r"第 (\d+) 行", line).group(1) for line in items] == ["2", "3", "5", "6"]  # type: ignore[union-attr]
    assert "size_pt" in items[0] and "fnt" in items[1] and "margin_top_mm" in items[2] and "foo" in items[3]
    assert not (tmp_path / "草稿.docx").exists()


def _broken_outline(tmp_path: Path, pattern: str, first: str, last: str) -> tuple[list[int], list[str]]:
    """half_year's outline with the first and the last line matching ``pattern`` rewritten, then drafted with:
    the changed lines (1-based) and the numbered error lines."""
    outline = tmp_path / "提纲.yaml"
    assert run("outline", "copy", "half_year", outline).returncode == 0
    lines = outline.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    lines[found[0]] = re.sub(r"(\w+): .*", first, lines[found[0]])
    lines[found[-1]] = re.sub(r"(\w+): .*", last, lines[found[-1]])
    outline.write_text("\n".join(lines) + "\n", encoding="utf-8")
    example = ROOT / "examples" / "半年总结-青山县.yaml"
    result = run("generate", example, "-o", tmp_path / "草稿.docx", "--outline", outline)
    assert result.returncode == 5, result.stderr
    assert not (tmp_path / "草稿.docx").exists()
    return [found[0] + 1, found[-1] + 1], _numbered_lines(result.stderr)


def test_outline_file_reports_every_mistake(tmp_path: Path) -> None:
    changed, items = _broken_outline(tmp_path, r"\s*- role: ", "role: 开头", "role: 结束")
    assert len(items) == 2, items
    assert f"第 {changed[0]} 行" in items[0] and f"第 {changed[1]} 行" in items[1]


def test_phrase_file_reports_every_mistake(tmp_path: Path) -> None:
    folder = tmp_path / "词库"
    folder.mkdir()
    (folder / "句式.yaml").write_text(
        "phrases:\n"
        "- id: my.opening.1\n  kind: opening\n  text: '{{ 单位 }}{{ 不存在 }}'\n"
        "- id: my.opening.2\n  kind: opening\n  text: '{{ 单位 }}坚持'\n"
        "- id: my.opening.3\n  kind: 开头\n  text: '{{ 单位 }}'\n",
        encoding="utf-8",
    )
    example = ROOT / "examples" / "半年总结-青山县.yaml"
    result = run("generate", example, "-o", tmp_path / "草稿.docx", "--library", folder)
    assert result.returncode == 5, result.stderr
    items = _numbered_lines(result.stderr)
    assert len(items) == 2, result.stderr
    assert "不存在" in items[0] and "开头" in items[1]


def test_type_mistakes_in_an_outline_are_all_reported(tmp_path: Path) -> None:
    changed, items = _broken_outline(tmp_path, r"\s*level: ", "level: [1, 2]", "level: {a: 1}")
    assert len(items) == 2, items
    assert f"第 {changed[0]} 行" in items[0] and "列表" in items[0]
    assert f"第 {changed[1]} 行" in items[1]


def test_every_evaluation_sentence_carries_the_data_that_allowed_it() -> None:
    """Issue 14: an evaluation close (进一步提升, 得到上级肯定…) is commented with the figures or honour behind it,
    each of which the draft itself states."""
    from generator.api import draft_from_facts as compose_example
    from generator.drafting.checks import EVALUATION
    from generator.facts.load import load_facts

    examples = Path(__file__).resolve().parent.parent / "examples"
    checked = 0
    for example in sorted(examples.glob("*.yaml")):
        draft = compose_example(load_facts(example), seed=0)
        text = unicodedata.normalize("NFKC", "\n".join(block.text for block in draft.blocks))
        for block in draft.blocks:
            for span in block.spans:
                if not span.comment.startswith("这句评价的依据:"):
                    continue
                checked += 1
                assert span.text.endswith("。") and any(word in span.text for word in EVALUATION), span.text
                for reason in span.comment.removeprefix("这句评价的依据:").split(";"):
                    reason = unicodedata.normalize("NFKC", reason)
                    assert reason and (reason in text or reason.startswith(("国家级", "省级", "市级", "上级"))), reason
    assert checked >= 5, "the examples hold evaluation sentences, each with its note"
