"""The .docx renderer, read back from the saved file: page, styles, fonts, runs, footers, placeholders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.drafting.model import Block, Draft, Span
from generator.render.docx import render_docx, split_title
from generator.render.output import write_draft
from generator.render.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
TITLE = "某县教育局2025年上半年工作总结及下半年工作打算"


def _para(*parts: str | Span) -> Block:
    return Block("paragraph", [p if isinstance(p, Span) else Span(p) for p in parts])


def _heading(level: int, marker: str, text: str) -> Block:
    return Block("heading", [Span(text)], level=level, marker=marker)


def sample_draft() -> Draft:
    """A realistic half-year summary of about 60 paragraphs, built by hand (no composer involved).

    Markers come with ASCII brackets on purpose: the renderer must make them full-width.
    """
    blocks = [Block("title", [Span(TITLE)])]
    blocks.append(
        _para(
            "2025年上半年,县教育局坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的教育方针,"
            "围绕“办好人民满意的教育”目标,各项工作取得新进展。现将有关情况总结如下:"
        )
    )
    blocks.append(_heading(1, "一、", "上半年工作开展情况"))
    for number, (marker, text) in enumerate(
        [
            ("(一)", "加强党的建设,落实立德树人根本任务"),
            ("(二)", "推进义务教育优质均衡发展"),
            ("(三)", "深化教育教学改革"),
        ]
    ):
        blocks.append(_heading(2, marker, text))
        for index, lead in enumerate(["一是加强组织建设。", "二是强化队伍管理。", "三是狠抓作风建设。"]):
            blocks.append(
                _para(
                    Span(lead, strong=True),
                    f"全县开展专题培训{12 + number * 3 + index}场次,参训教师{1520 + number * 100}人次,"
                    f"比上年增加{8 + index}.5%;新建改扩建校舍{3 + index}万平方米,投入资金",
                    Span("【待补充:投入资金(万元)】", placeholder=True),
                    ",办学条件明显改善。",
                )
            )
        blocks.append(_heading(3, "1.", "规范办学行为"))
        blocks.append(_para("严格落实“双减”政策,课后服务覆盖率达到100%,学生参与率达到95.2%。"))
        blocks.append(_heading(4, "(1)", "加强课后服务管理"))
        blocks.append(_para("建立健全课后服务监管机制,定期开展督导检查。"))
    blocks.append(_heading(1, "二、", "存在的问题"))
    blocks.append(_para("在肯定成绩的同时,我们也清醒地认识到,工作中还存在一些问题和不足。"))
    for lead, text in [
        ("一是", "城乡教育资源配置仍不均衡,农村学校办学条件有待改善。"),
        ("二是", "教师队伍结构性缺编问题依然突出,音体美等学科教师不足。"),
        ("三是", "学前教育普惠性资源供给不足,入园难问题尚未根本解决。"),
        ("四是", "校园安全管理仍有薄弱环节,隐患排查整治需持续用力。"),
    ]:
        blocks.append(_para(Span(lead, strong=True), text))
    blocks.append(_heading(1, "三、", "下半年工作打算"))
    for marker, text in [
        ("(一)", "持续推进教育优质均衡发展"),
        ("(二)", "全面加强教师队伍建设"),
        ("(三)", "切实维护校园安全稳定"),
        ("\uff08四\uff09", "着力办好人民满意的教育"),  # already full-width: kept as it is
    ]:
        blocks.append(_heading(2, marker, text))
        for lead in ["一是完善制度机制。", "二是加大投入力度。", "三是强化督导考核。", "四是营造良好氛围。"]:
            blocks.append(_para(Span(lead, strong=True), "坚持问题导向,聚焦群众关切,确保各项任务落到实处。"))
    blocks.append(_para("下半年,我们将凝心聚力、真抓实干,奋力开创全县教育高质量发展新局面。"))
    blocks.append(Block("signature", [Span("某县教育局")]))
    blocks.append(Block("date", [Span("2025年7月5日")]))
    return Draft(blocks=blocks, title=TITLE)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    path = tmp_path_factory.mktemp("render") / "总结.docx"
    write_draft(sample_draft(), path)
    return docx.Document(str(path))


EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_DRAFTS = sorted(p.stem for p in EXAMPLES_DIR.glob("*.docx"))


@pytest.fixture(scope="module", params=["样例", *EXAMPLE_DRAFTS])
def any_saved(request: pytest.FixtureRequest, saved):  # noqa: ANN001, ANN201
    """The hand-built sample, then each shipped example's saved .docx: the format holds for every one."""
    if request.param == "样例":
        return saved
    return docx.Document(str(EXAMPLES_DIR / f"{request.param}.docx"))


def _body_paragraphs(document):  # noqa: ANN001, ANN202
    return [p for p in document.paragraphs if p.text.strip()]


def _style_fonts(style) -> dict[str, str | None]:  # noqa: ANN001
    fonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")}


def test_sample_is_realistic() -> None:
    draft = sample_draft()
    assert 55 <= len(draft.blocks) <= 70
    assert draft.sections == 3


def test_page_is_a4_with_gbt9704_margins(any_saved) -> None:  # noqa: ANN001
    section = any_saved.sections[0]
    for actual, expected in [
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ]:
        assert abs(actual.mm - expected) <= 1
    # The page number's top sits 7 mm under the type area: 35 − 7 − 4号字高 4.94 mm from the page bottom.
    assert abs(section.footer_distance.mm - (35 - 7 - 14 * 25.4 / 72)) < 0.3


@pytest.mark.parametrize(
    ("style", "east_asia", "size", "bold"),
    [
        ("Normal", "仿宋_GB2312", 16, False),
        ("Title", "方正小标宋简体", 22, False),
        ("Heading 1", "黑体", 16, False),
        ("Heading 2", "楷体_GB2312", 16, False),
        ("Heading 3", "仿宋_GB2312", 16, True),
        ("Heading 4", "仿宋_GB2312", 16, False),
        ("副标题", "楷体_GB2312", 16, False),
        ("署名", "仿宋_GB2312", 16, False),
        ("成文日期", "仿宋_GB2312", 16, False),
    ],
)
def test_styles_carry_gbt9704_fonts(any_saved, style: str, east_asia: str, size: int, bold: bool) -> None:  # noqa: ANN001
    st = any_saved.styles[style]
    assert _style_fonts(st) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": east_asia}
    assert st.font.size == Pt(size)
    assert bool(st.font.bold) is bold
    fmt = st.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(fmt.line_spacing.pt - 28.95) < 0.05
    assert fmt.space_before == 0 and fmt.space_after == 0
    assert st.element.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "000000"


def test_body_and_heading_indents_and_outline_levels(any_saved) -> None:  # noqa: ANN001
    normal = any_saved.styles["Normal"].paragraph_format
    assert normal.first_line_indent == Pt(32)  # two characters of 16 pt
    assert normal.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    for level in range(1, 5):
        style = any_saved.styles[f"Heading {level}"]
        assert style.paragraph_format.first_line_indent == Pt(32)
        outline = style.element.find(qn("w:pPr")).find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)
    assert any_saved.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # 28 characters a line: 156 mm ÷ 28 = 15.79 pt, so 16 pt characters are condensed by 0.25 pt.
    spacing = any_saved.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"


def test_styles_have_no_theme_fonts_or_colours(any_saved) -> None:  # noqa: ANN001
    xml = any_saved.styles.element.xml
    for theme_attribute in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "themeColor"):
        assert theme_attribute not in xml
    names = {s.name for s in any_saved.styles}
    assert {"Normal", "Title", "Heading 1", "Heading 4", "副标题", "署名", "成文日期"} <= names
    assert "Heading 5" not in names and "Light Shading" not in names


def test_paragraphs_use_the_styles_by_kind(saved) -> None:  # noqa: ANN001
    paragraphs = _body_paragraphs(saved)
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[1].style.name == "Normal"
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "一、上半年工作开展情况")
    assert ("Heading 2", "\uff08一\uff09加强党的建设,落实立德树人根本任务") in headings
    assert ("Heading 3", "1.规范办学行为") in headings
    assert ("Heading 4", "\uff081\uff09加强课后服务管理") in headings
    assert sum(1 for name, _ in headings if name == "Heading 1") == 3
    assert len(paragraphs) == len(sample_draft().blocks)


def test_heading_markers_have_full_width_brackets(saved) -> None:  # noqa: ANN001
    headings = [p.text for p in saved.paragraphs if p.style.name.startswith("Heading")]
    assert headings
    assert not any("(" in h or ")" in h for h in headings)
    assert any(h.startswith("\uff08一\uff09") for h in headings)
    assert any(h.startswith("\uff081\uff09") for h in headings)


def test_every_run_names_its_east_asian_and_latin_fonts(any_saved) -> None:  # noqa: ANN001
    runs = [(p, r) for p in _body_paragraphs(any_saved) for r in p.runs if r.text.strip()]
    assert len(runs) > 20
    for paragraph, run in runs:
        fonts = run._r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == _style_fonts(paragraph.style)["eastAsia"], paragraph.text
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
        assert fonts.get(qn("w:hAnsi")) == "Times New Roman"


HEADING_MARKERS = {
    "Heading 1": re.compile("^[一二三四五六七八九十]+、"),
    "Heading 2": re.compile("^\uff08[一二三四五六七八九十]+\uff09"),
    "Heading 3": re.compile("^[0-9]+[.\u3001]"),
    "Heading 4": re.compile("^\uff08[0-9]+\uff09"),
}


def test_heading_levels_match_their_markers(any_saved) -> None:  # noqa: ANN001
    """一、 is Heading 1, (一) Heading 2, 1. Heading 3, (1) Heading 4; brackets are full-width everywhere."""
    headings = [(p.style.name, p.text) for p in any_saved.paragraphs if p.style.name.startswith("Heading")]
    assert headings
    numbered = 0
    for style, text in headings:
        assert "(" not in text and ")" not in text, text
        if any(rule.match(text) for rule in HEADING_MARKERS.values()):
            numbered += 1
            assert HEADING_MARKERS[style].match(text), (style, text)
    assert numbered >= len(headings) - 2  # part headings such as 下半年工作打算 carry no marker


def test_run_in_leads_are_bold_and_placeholders_highlighted(saved) -> None:  # noqa: ANN001
    runs = [r for p in saved.paragraphs for r in p.runs]
    leads = [r for r in runs if r.text == "一是加强组织建设。"]
    assert leads and all(r.bold for r in leads)
    placeholders = [r for r in runs if r.text.startswith("【待补充")]
    assert len(placeholders) == 9
    for run in placeholders:
        assert run.text == "【待补充:投入资金(万元)】"
        highlight = run._r.find(qn("w:rPr")).find(qn("w:highlight"))
        assert highlight is not None and highlight.get(qn("w:val")) == "yellow"
    plain = [r for r in runs if r.text.startswith(",办学条件")]
    assert plain and all(r._r.find(qn("w:rPr")).find(qn("w:highlight")) is None for r in plain)


def test_signature_and_date_are_right_aligned_at_the_end(saved) -> None:  # noqa: ANN001
    paragraphs = saved.paragraphs
    signature, date = paragraphs[-2], paragraphs[-1]
    assert (signature.style.name, signature.text) == ("署名", "某县教育局")
    assert (date.style.name, date.text) == ("成文日期", "2025年7月5日")
    for style in ("署名", "成文日期"):
        fmt = saved.styles[style].paragraph_format
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert fmt.right_indent == Pt(32)
        assert not fmt.first_line_indent
    # GB/T 9704 7.3.5.3: the date (6 characters wide: digits count half) keeps 右空二字, and the signature
    # (5 characters) starts two characters left of the date: 2 + 6 + 2 − 5 = 5 characters from the right.
    assert date.paragraph_format.right_indent == Pt(32)
    assert signature.paragraph_format.right_indent == Pt(80)
    # 正文下空一行 before the signature, and one empty line after the title.
    assert paragraphs[-3].text == ""
    assert paragraphs[1].text == "" and paragraphs[2].text.startswith("2025年上半年")


def test_title_and_subtitle_form_one_head_and_an_empty_draft_still_opens(tmp_path: Path) -> None:
    draft = Draft(
        blocks=[
            Block("title", [Span("工作总结")]),
            Block("subtitle", [Span("某县教育局")]),
            _para("正文。"),
            Block("date", [Span("2025年7月5日")]),
        ]
    )
    paragraphs = docx.Document(str(write_draft(draft, tmp_path / "x.docx"))).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Title", "工作总结"),
        ("副标题", "某县教育局"),
        ("Normal", ""),
        ("Normal", "正文。"),
        ("Normal", ""),
        ("成文日期", "2025年7月5日"),
    ]
    assert _style_fonts(paragraphs[1].style)["eastAsia"] == "楷体_GB2312"
    empty = docx.Document(str(write_draft(Draft(), tmp_path / "empty.docx")))
    assert [p.text for p in empty.paragraphs] == [""]
    assert empty.sections[0].footer.paragraphs[0].text == "— 1 —"


def _footer_paragraph(footer):  # noqa: ANN001, ANN202
    paragraphs = footer.paragraphs
    assert len(paragraphs) == 1
    return paragraphs[0]


@pytest.mark.parametrize(
    ("signature", "date", "signature_right", "date_right"),
    [
        ("某县教育局", "2025年7月5日", 5, 2),  # date the longer: it keeps 右空二字
        ("某某市某某区教育体育局", "2025年7月5日", 2, 5),  # signature the longer: it keeps 右空二字
    ],
)
def test_signature_and_date_follow_gbt9704(
    tmp_path: Path, signature: str, date: str, signature_right: int, date_right: int
) -> None:
    draft = Draft(
        blocks=[_para("正文。"), Block("signature", [Span(signature)]), Block("date", [Span(date)])]
    )
    paragraphs = docx.Document(str(write_draft(draft, tmp_path / "x.docx"))).paragraphs
    assert paragraphs[-2].paragraph_format.right_indent == Pt(16 * signature_right)
    assert paragraphs[-1].paragraph_format.right_indent == Pt(16 * date_right)


def test_page_number_footers_odd_right_even_left(any_saved) -> None:  # noqa: ANN001
    section = any_saved.sections[0]
    settings = any_saved.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    odd = _footer_paragraph(section.footer)
    even = _footer_paragraph(section.even_page_footer)
    for paragraph in (odd, even):
        instructions = [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        kinds = [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph.text == "— 1 —"
        for run in paragraph.runs:
            fonts = run._r.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
            assert run.font.size == Pt(14)
    assert odd.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert odd.paragraph_format.right_indent == Pt(14)  # one 4号 character in
    assert even.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert even.paragraph_format.left_indent == Pt(14)


def test_font_table_names_substitutes(any_saved) -> None:  # noqa: ANN001
    from lxml import etree

    part = next(r.target_part for r in any_saved.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in root.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["方正小标宋简体"] == "华文中宋"
    assert alt["楷体_GB2312"] == "楷体"


def test_long_title_is_split_into_a_trapezoid(saved) -> None:  # noqa: ANN001
    title = saved.paragraphs[0]
    breaks = title._p.findall(".//" + qn("w:br"))
    assert len(breaks) == 1
    lines = "".join(r.text for r in title.runs).split("\n")
    assert "".join(lines) == TITLE
    assert all(len(line) <= 20 for line in lines)
    assert len(lines[0]) <= len(lines[1])


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某县教育局2025年工作总结", ["某县教育局2025年工作总结"]),
        (TITLE, ["某县教育局2025年", "上半年工作总结及下半年工作打算"]),
        (
            "市教育局关于2024年度工作总结和2025年工作计划的报告",
            ["市教育局关于2024年度工作总结", "和2025年工作计划的报告"],
        ),
    ],
)
def test_split_title(title: str, expected: list[str]) -> None:
    lines = split_title(title, 20)
    assert "".join(lines) == title
    assert all(len(line) <= 20 for line in lines)
    assert lines == expected


def test_markup_and_control_characters_survive_or_vanish(tmp_path: Path) -> None:
    text = "学校<一中>&“二中” 'A' \"B\"\x00\x07\x0b\x1f\ud800完成😀"
    draft = Draft(blocks=[Block("title", [Span("标题")]), _para(text), _heading(2, "(一)", "a<b>&c")])
    path = write_draft(draft, tmp_path / "x.docx")
    reopened = docx.Document(str(path))
    texts = [p.text for p in reopened.paragraphs if p.text]
    assert texts[1] == "学校<一中>&“二中” 'A' \"B\"完成😀"
    assert texts[2] == "\uff08一\uff09a<b>&c"


def test_profile_override_changes_the_saved_values(tmp_path: Path) -> None:
    user = tmp_path / "我的格式.yaml"
    user.write_text(
        "page:\n  margin_left_mm: 30\nbody:\n  line_spacing_pt: 28\nheading1:\n  font: 方正黑体_GBK\n",
        "utf-8",
    )
    path = write_draft(sample_draft(), tmp_path / "x.docx", profile=load_profile(user))
    reopened = docx.Document(str(path))
    assert abs(reopened.sections[0].left_margin.mm - 30) < 0.1
    assert abs(reopened.sections[0].right_margin.mm - 26) < 0.1
    assert reopened.styles["Normal"].paragraph_format.line_spacing == Pt(28)
    assert reopened.styles["Heading 1"].paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    assert _style_fonts(reopened.styles["Heading 1"])["eastAsia"] == "方正黑体_GBK"
    runs = [r for p in reopened.paragraphs if p.style.name == "Heading 1" for r in p.runs]
    assert runs and all(
        r._r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正黑体_GBK" for r in runs
    )


def test_render_docx_returns_a_complete_document() -> None:
    from io import BytesIO

    data = render_docx(sample_draft())
    assert data[:2] == b"PK"
    reopened = docx.Document(BytesIO(data))
    assert reopened.core_properties.title == TITLE
    assert reopened.core_properties.author == ""


def _style_signature(document) -> dict[str, tuple]:  # noqa: ANN001
    signature: dict[str, tuple] = {}
    for name in (
        "Normal",
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "副标题",
        "署名",
        "成文日期",
        "Footer",
    ):
        style = document.styles[name]
        fmt = style.paragraph_format
        outline = style.element.find(qn("w:pPr")).find(qn("w:outlineLvl"))
        signature[name] = (
            tuple(sorted(_style_fonts(style).items())),
            style.font.size,
            style.font.bold,
            fmt.line_spacing,
            fmt.line_spacing_rule,
            fmt.first_line_indent,
            fmt.right_indent,
            fmt.alignment,
            None if outline is None else outline.get(qn("w:val")),
        )
    section = document.sections[0]
    signature["section"] = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
        section.footer_distance,
        _footer_paragraph(section.footer).text,
        _footer_paragraph(section.even_page_footer).text,
    )
    return signature


def test_shipped_base_docx_is_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "base.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_base_docx.py"), str(out)],
        check=True,
        capture_output=True,
    )
    shipped = docx.Document(str(ROOT / "templates" / "base.docx"))
    built = docx.Document(str(out))
    assert _style_signature(shipped) == _style_signature(built)
    assert not [p for p in shipped.paragraphs]  # an empty body: the renderer writes into it
    assert abs(_style_signature(shipped)["section"][0].mm - 210) < 0.1


def test_python_docx_stays_off_the_import_path() -> None:
    code = (
        "import sys, generator.render.output, generator.render, generator.render.profile, generator.render.text; "
        "print('docx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "False"


_ANY_TEXT = st.text(alphabet=st.characters(codec=None), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["title", "subtitle", "heading", "paragraph", "signature", "date"]),
            st.integers(min_value=0, max_value=6),
            _ANY_TEXT,
            st.lists(st.tuples(_ANY_TEXT, st.booleans(), st.booleans()), max_size=4),
        ),
        max_size=8,
    )
)
def test_any_text_gives_a_document_python_docx_reopens(blocks: list) -> None:  # noqa: ANN001
    from io import BytesIO

    from generator.render.text import clean_text, heading_marker

    draft = Draft(
        blocks=[
            Block(
                kind,
                [Span(text, placeholder, strong) for text, placeholder, strong in spans],
                level=level,
                marker=marker,
            )
            for kind, level, marker, spans in blocks
        ]
    )
    reopened = docx.Document(BytesIO(render_docx(draft)))
    written = "".join(p.text for p in reopened.paragraphs)
    expected = "".join(heading_marker(b) + "".join(clean_text(s.text) for s in b.spans) for b in draft.blocks)
    # Text comes back whole: control characters dropped, markup kept, tabs as w:tab; line breaks as w:br (and a
    # long title gains some of its own).
    assert written.replace("\n", "") == expected.replace("\n", "")
