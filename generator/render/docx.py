"""The .docx renderer: a Draft onto the GB/T 9704 base document, styles and page set from the format profile.

This is the only module on the drafting path that imports python-docx.
"""

from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from lxml import etree

from generator.base.resources import template_path
from generator.drafting.model import Block, Draft, Span
from generator.render.profile import PageNumberSpec, ParagraphSpec, Profile, default_profile
from generator.render.text import clean_text, heading_marker

if TYPE_CHECKING:
    from docx.document import Document

BASE_DOCX = ("base.docx",)

# Profile key → the style name Word shows. Built-in names (Normal, Title, Heading n) keep Word's navigation
# pane, outline view and localised names (正文, 标题, 标题 1) working; the rest are our own.
STYLE_NAMES: dict[str, str] = {
    "body": "Normal",
    "title": "Title",
    "subtitle": "副标题",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "heading3": "Heading 3",
    "heading4": "Heading 4",
    "signature": "署名",
    "date": "成文日期",
}
# Our own styles get ASCII ids: some tools mishandle non-ASCII w:styleId.
CUSTOM_STYLE_IDS = {"副标题": "ZJSubtitle", "署名": "ZJSignature", "成文日期": "ZJDate"}
OUTLINE_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2, "heading4": 3}
# Everything else in python-docx's default template is removed so that the style gallery shows only ours.
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Header", "Footer"}

_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}
# Places where a long title may break: after the issuing unit, before the period or the kind of report.
_TITLE_BREAK_AFTER = ("局", "委", "委员会", "政府", "办公室", "中心", "总结", "年")
_TITLE_BREAK_BEFORE = ("关于", "及", "和", "暨")
# "2024年度", "7月份": a break here would split a word.
_NO_BREAK_PAIRS = {("年", "度"), ("月", "份"), ("年", "底"), ("年", "初")}
_NO_BREAK_BEFORE = set(
    ",.;:?!)"
    + "\uff0c\u3002\u3001\uff1b\uff1a\uff1f\uff01\uff09\u300b\u300d\u300f\u201d\u2019\u2026\u2014\u00b7"
)


# Comments name the tool as their author, so that the reviewer tells them from a colleague's.
COMMENT_AUTHOR = "总结助手"
COMMENT_INITIALS = "ZJ"


def render_docx(draft: Draft, profile: Profile | None = None, *, comments: bool = True) -> bytes:
    """The draft as the bytes of a .docx file in GB/T 9704 format (``profile`` defaults to GB/T 9704).

    With ``comments`` (the default) every reviewer's note of the draft (Span.comment, Block.comment) becomes a
    Word comment anchored on its text, shown in Word's and WPS's review pane; without, a clean copy."""
    profile = profile or default_profile()
    document = docx.Document(BytesIO(_base_bytes()))
    if profile != default_profile():
        # base.docx already holds the default profile (a test keeps the two in step).
        prepare_document(document, profile)
    _clear_body(document)
    notes = _Comments(document) if comments else None
    _write_blocks(document, draft, profile, notes)
    _set_core_properties(document, draft)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def prepare_document(document: Document, profile: Profile) -> None:
    """Apply the profile to a document: styles, font table, page, footers and settings. Idempotent, so the
    build script and the renderer share it and a profile override reaches the style values."""
    _prune_styles(document)
    _apply_doc_defaults(document, profile)
    for key, name in STYLE_NAMES.items():
        spec = profile.paragraph(key)
        style = _paragraph_style(document, name)
        _write_style(
            style.element,
            spec,
            profile,
            OUTLINE_LEVELS.get(key),
            keep_next=key != "body",
            tight=key == "date",
        )
    # The header stays empty but must not look foreign: body font, no indent, natural spacing.
    header = profile.body._replace(
        chars_per_line=0, first_line_indent_chars=0, right_indent_chars=0, align="center"
    )
    _write_style(_paragraph_style(document, "Header").element, header, profile, None, keep_next=False)
    _write_footer_style(_paragraph_style(document, "Footer").element, profile.page_number)
    _write_font_table(document, profile)
    _apply_section(document, profile)
    document.settings.odd_and_even_pages_header_footer = True


# --- styles -------------------------------------------------------------------------------------------------


def _prune_styles(document: Document) -> None:
    styles = document.styles.element
    wanted = KEEP_STYLES | set(STYLE_NAMES.values())
    for style in list(styles.findall(qn("w:style"))):
        name_el = style.find(qn("w:name"))
        name = _ui_name(name_el.get(qn("w:val")) if name_el is not None else "")
        if name not in wanted:
            styles.remove(style)
            continue
        # Linked "… Char" styles are gone; hidden flags would keep our heading 4 out of the style gallery.
        tags = ("w:link", "w:semiHidden", "w:unhideWhenUsed") if name in STYLE_NAMES.values() else ("w:link",)
        for tag in tags:
            for child in style.findall(qn(tag)):
                style.remove(child)
    # The Word 2010 copy of the styles would show the template's old look in Word 2010.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def _ui_name(xml_name: str) -> str:
    # python-docx stores built-in names in lower case ("heading 1", "footer"); Word shows them capitalised.
    mapping = {
        "heading 1": "Heading 1",
        "heading 2": "Heading 2",
        "heading 3": "Heading 3",
        "heading 4": "Heading 4",
    }
    mapping.update({"header": "Header", "footer": "Footer", "title": "Title"})
    return mapping.get(xml_name, xml_name)


def _paragraph_style(document: Document, name: str):  # noqa: ANN202 - python-docx's style proxy
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), CUSTOM_STYLE_IDS.get(name, name))
        style.base_style = styles["Normal"]
        style.next_paragraph_style = styles["Normal"]
        style.quick_style = True
        return style


def _fonts_xml(east_asia: str, latin: str, declare: bool = False) -> str:
    ns = f" {nsdecls('w')}" if declare else ""
    return f'<w:rFonts{ns} w:ascii="{_attr(latin)}" w:hAnsi="{_attr(latin)}" w:eastAsia="{_attr(east_asia)}" w:cs="{_attr(latin)}"/>'


def _attr(value: str) -> str:
    return (
        clean_text(value)
        .replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _twips(points: float) -> int:
    return round(points * 20)


def _ppr_xml(spec: ParagraphSpec, outline: int | None, keep_next: bool, tight: bool = False) -> str:
    ind = []
    if spec.first_line_indent_chars:
        ind.append(
            f'w:firstLine="{_twips(spec.first_line_indent_chars * spec.size_pt)}" '
            f'w:firstLineChars="{round(spec.first_line_indent_chars * 100)}"'
        )
    else:
        ind.append('w:firstLine="0" w:firstLineChars="0"')
    ind.append(
        f'w:right="{_twips(spec.right_indent_chars * spec.size_pt)}" w:rightChars="{round(spec.right_indent_chars * 100)}"'
    )
    parts = [
        "<w:keepNext/>" if keep_next else "",
        # The date prints as "2025年7月5日", without the gap word processors add between Chinese and digits.
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' if tight else "",
        f'<w:spacing w:before="0" w:beforeLines="0" w:after="0" w:afterLines="0" '
        f'w:line="{_twips(spec.line_spacing_pt)}" w:lineRule="exact"/>',
        f'<w:ind w:left="0" w:leftChars="0" {" ".join(ind)}/>',
        f'<w:jc w:val="{_ALIGN[spec.align]}"/>',
        f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "",
    ]
    return f"<w:pPr {nsdecls('w')}>{''.join(parts)}</w:pPr>"


def _rpr_xml(east_asia: str, latin: str, size_pt: float, bold: bool, spacing_pt: float = 0.0) -> str:
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    half_points = round(size_pt * 2)
    # Round towards condensing: a line one twentieth of a point too long would push its last character down.
    spacing = math.floor(spacing_pt * 20)
    return (
        f"<w:rPr {nsdecls('w')}>{_fonts_xml(east_asia, latin)}{weight}"
        f'<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/><w:spacing w:val="{spacing}"/><w:kern w:val="0"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        f'<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )


def _replace_child(style_el: etree._Element, tag: str, new: etree._Element) -> None:
    for old in style_el.findall(qn(tag)):
        style_el.remove(old)
    # CT_Style order: …, qFormat, …, rsid, pPr, rPr, tblPr…; pPr and rPr go last among what we keep.
    if tag == "w:pPr":
        rpr = style_el.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(new)
            return
    style_el.append(new)


def _write_style(
    style_el: etree._Element,
    spec: ParagraphSpec,
    profile: Profile,
    outline: int | None,
    keep_next: bool,
    tight: bool = False,
) -> None:
    _replace_child(style_el, "w:pPr", parse_xml(_ppr_xml(spec, outline, keep_next, tight)))
    rpr = _rpr_xml(spec.font, profile.latin_font, spec.size_pt, spec.bold, profile.character_spacing_pt(spec))
    _replace_child(style_el, "w:rPr", parse_xml(rpr))


def _write_footer_style(style_el: etree._Element, spec: PageNumberSpec) -> None:
    ppr = (
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" '
        f'w:line="{_twips(spec.size_pt)}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/></w:pPr>'
    )
    _replace_child(style_el, "w:pPr", parse_xml(ppr))
    # 半角宋体 digits: the page number is the one place where the Latin slots also hold the Chinese font.
    _replace_child(style_el, "w:rPr", parse_xml(_rpr_xml(spec.font, spec.font, spec.size_pt, False)))


def _apply_doc_defaults(document: Document, profile: Profile) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    body = profile.body
    # Theme fonts (asciiTheme, eastAsiaTheme) would outrank the explicit names, so the defaults name fonts directly.
    rpr = _rpr_xml(body.font, profile.latin_font, body.size_pt, False)
    defaults.append(parse_xml(f"<w:rPrDefault {nsdecls('w')}>{rpr}</w:rPrDefault>"))
    defaults.append(
        parse_xml(
            f'<w:pPrDefault {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" '
            f'w:line="{_twips(body.line_spacing_pt)}" w:lineRule="exact"/></w:pPr></w:pPrDefault>'
        )
    )


def _write_font_table(document: Document, profile: Profile) -> None:
    """Declare each Chinese font with its substitute (w:altName) and GB2312 charset, which is what Word and
    WPS fall back on when a machine lacks 仿宋_GB2312 or 方正小标宋简体."""
    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE), None
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    fonts: dict[str, str] = {}
    for key in STYLE_NAMES:
        spec = profile.paragraph(key)
        fonts.setdefault(spec.font, spec.alt_font)
    fonts.setdefault(profile.page_number.font, profile.page_number.alt_font)
    for name, alt in fonts.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), clean_text(name))
        if alt and alt != name:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), clean_text(alt))
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "fixed")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- page ---------------------------------------------------------------------------------------------------


def _apply_section(document: Document, profile: Profile) -> None:
    page = profile.page
    section = document.sections[0]
    section.page_width = Mm(page.width_mm)
    section.page_height = Mm(page.height_mm)
    section.top_margin = Mm(page.margin_top_mm)
    section.bottom_margin = Mm(page.margin_bottom_mm)
    section.left_margin = Mm(page.margin_left_mm)
    section.right_margin = Mm(page.margin_right_mm)
    section.gutter = Mm(0)
    section.header_distance = Mm(min(15.0, page.margin_top_mm - 5))
    section.footer_distance = Mm(profile.footer_distance_mm)
    section.different_first_page_header_footer = False
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _write_page_number(section.footer, profile, odd=True)
    _write_page_number(section.even_page_footer, profile, odd=False)


def _write_page_number(footer, profile: Profile, odd: bool) -> None:  # noqa: ANN001 - python-docx footer proxy
    spec = profile.page_number
    element = footer._element
    for child in list(element):
        element.remove(child)
    indent_twips = _twips(spec.side_indent_chars * spec.size_pt)
    indent_chars = round(spec.side_indent_chars * 100)
    if odd:
        ind = f'<w:ind w:left="0" w:right="{indent_twips}" w:rightChars="{indent_chars}" w:firstLine="0"/>'
        jc = "right"
    else:
        ind = f'<w:ind w:left="{indent_twips}" w:leftChars="{indent_chars}" w:right="0" w:firstLine="0"/>'
        jc = "left"
    rpr = _rpr_xml(spec.font, spec.font, spec.size_pt, False)
    dash = _text_xml(spec.dash)

    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"

    paragraph = (
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{jc}"/></w:pPr>'
        + run(f'<w:t xml:space="preserve">{dash} </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run(f'<w:t xml:space="preserve"> {dash}</w:t>')
        + "</w:p>"
    )
    element.append(parse_xml(paragraph))


def _text_xml(text: str) -> str:
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- body ---------------------------------------------------------------------------------------------------


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


_GROUPS = {"title": "head", "subtitle": "head", "signature": "end", "date": "end"}


def _profile_key(block: Block) -> str:
    if block.kind == "heading":
        return f"heading{min(max(block.level, 1), 4)}"
    if block.kind == "paragraph":
        return "body"
    return block.kind


class _Comments:
    """Adds Word comments to a document and gives the markup that anchors each on a stretch of the body."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def add(self, text: str) -> int:
        comment = self.document.comments.add_comment(
            text=clean_text(text), author=COMMENT_AUTHOR, initials=COMMENT_INITIALS
        )
        # The review pane is narrow: the comment reads in a small plain face, not in the body's 3号 on a grid.
        for paragraph in comment.paragraphs:
            paragraph._p.insert(0, parse_xml(_COMMENT_PPR))
            for run in paragraph.runs:
                run._r.insert(0, parse_xml(_COMMENT_RPR))
        return comment.comment_id

    @staticmethod
    def wrap(comment_id: int, runs: list[str]) -> list[str]:
        """The runs with a comment range around them and the reference mark after."""
        return [
            f'<w:commentRangeStart w:id="{comment_id}"/>',
            *runs,
            f'<w:commentRangeEnd w:id="{comment_id}"/>',
            f'<w:r><w:commentReference w:id="{comment_id}"/></w:r>',
        ]


_COMMENT_PPR = (
    f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/></w:pPr>'
)
_COMMENT_RPR = (
    f'<w:rPr {nsdecls("w")}><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/>'
    '<w:b w:val="0"/><w:spacing w:val="0"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>'
)


def _write_blocks(document: Document, draft: Draft, profile: Profile, notes: _Comments | None = None) -> None:
    """Write every block as WordprocessingML text and parse it once: python-docx's run-by-run proxies cost
    more than all the rest of rendering together."""
    style_ids = {key: document.styles[name].style_id for key, name in STYLE_NAMES.items()}
    fonts = {key: _fonts_xml(profile.paragraph(key).font, profile.latin_font) for key in STYLE_NAMES}
    # The characters a line (28 in the body) are set on every run as well as in the style: text that is copied
    # out keeps them, and a reader that ignores the style still sets 28 a line.
    spacing = {key: _spacing_xml(profile.character_spacing_pt(profile.paragraph(key))) for key in STYLE_NAMES}
    parts: list[str] = []
    previous: Block | None = None
    closing = _closing_indents(draft.blocks, profile)
    ending = _ending_start(draft.blocks)
    for position, block in enumerate(draft.blocks):
        key = _profile_key(block)
        spec = profile.paragraph(key)
        if previous is not None:
            prev_key = _profile_key(previous)
            same_group = _GROUPS.get(prev_key) is not None and _GROUPS.get(prev_key) == _GROUPS.get(key)
            if not same_group:
                blank = max(profile.paragraph(prev_key).blank_lines_after, spec.blank_lines_before)
                # The blank line before the signature travels with it (see keep_next below).
                keep = position == ending
                parts.extend(_paragraph_xml(style_ids["body"], [], keep_next=keep) for _ in range(blank))
        if block.kind == "title":
            runs = _title_runs(block, spec, profile, notes)
        else:
            spans = ([Span(heading_marker(block))] if block.marker else []) + list(block.spans)
            runs = [_commented_run(span, fonts[key], profile, notes, spacing[key]) for span in spans]
        if notes is not None and block.comment and any(runs):
            runs = notes.wrap(notes.add(block.comment), runs)
        # No page holds only the signature and date: the paragraph before them keeps with them (and the
        # signature with the date, in its style), so the last lines of text move over together (GB/T 9704 7.3.5).
        parts.append(_paragraph_xml(style_ids[key], runs, closing.get(position), keep_next=position == ending - 1))
        previous = block
    if not parts:
        parts.append(_paragraph_xml(style_ids["body"], []))  # Word wants at least one paragraph in a body
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    for paragraph in list(fragment):
        if section is not None:
            section.addprevious(paragraph)
        else:
            body.append(paragraph)


def _paragraph_xml(
    style_id: str, runs: list[str], right_indent_twips: int | None = None, keep_next: bool = False
) -> str:
    indent = "" if right_indent_twips is None else f'<w:ind w:right="{right_indent_twips}" w:rightChars="0"/>'
    keep = "<w:keepNext/>" if keep_next else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{_attr(style_id)}"/>{keep}{indent}</w:pPr>{"".join(runs)}</w:p>'


def _width_chars(text: str) -> float:
    """Printed width in characters of the body size: ASCII (digits in Times New Roman) counts half."""
    return sum(
        0.5 if ord(ch) < 0x2E80 and ch.isprintable() and not ("\u2000" <= ch <= "\u206f") else 1.0
        for ch in text
    )


def _closing_indents(blocks: list[Block], profile: Profile) -> dict[int, int]:
    """Right indents (twips) for a signature followed by its date, as GB/T 9704 7.3.5.3 places them: the
    signature 右空二字 and the date starting two characters right of the signature's first character; when
    the date is the longer, the date keeps 右空二字 and the signature moves left to stay two characters ahead."""
    for index in range(len(blocks) - 1):
        signature, date = blocks[index], blocks[index + 1]
        if signature.kind != "signature" or date.kind != "date":
            continue
        if index > 0 and blocks[index - 1].kind == "signature":
            return {}  # several issuing units: a layout the writer arranges by hand
        sig_spec, date_spec = profile.signature, profile.date
        sig_w = _width_chars(clean_text(signature.text))
        date_w = _width_chars(clean_text(date.text))
        sig_right = sig_spec.right_indent_chars
        date_right = sig_right + sig_w - 2 - date_w
        if date_right < date_spec.right_indent_chars:
            date_right = date_spec.right_indent_chars
            sig_right = date_right + date_w + 2 - sig_w
        return {
            index: _twips(sig_right * sig_spec.size_pt),
            index + 1: _twips(date_right * date_spec.size_pt),
        }
    return {}


_LINE_BREAK_RUN = "<w:r><w:br/></w:r>"


def _commented_run(span: Span, fonts: str, profile: Profile, notes: _Comments | None, spacing: str = "") -> str:
    run = _run_xml(span, fonts, profile, spacing)
    if notes is None or not span.comment or not run:
        return run
    return "".join(notes.wrap(notes.add(span.comment), [run]))


def _spacing_xml(points: float) -> str:
    """Character spacing as a run property (twentieths of a point, rounded towards condensing as the style)."""
    return f'<w:spacing w:val="{math.floor(points * 20)}"/>' if points else ""


def _ending_start(blocks: list[Block]) -> int:
    """Where the closing signature and date start (len(blocks) when the draft has none)."""
    start = len(blocks)
    while start > 0 and blocks[start - 1].kind in ("signature", "date"):
        start -= 1
    return start if start < len(blocks) else len(blocks) + 1


def _run_xml(span: Span, fonts: str, profile: Profile, spacing: str = "") -> str:
    """One run. Every run names its fonts as its style does, so that text pasted elsewhere keeps 仿宋 and
    Times New Roman; line breaks and tabs inside a span become w:br and w:tab."""
    text = clean_text(span.text)
    if not text:
        return ""
    props = fonts
    if span.strong:
        props += "<w:b/><w:bCs/>"
    props += spacing
    if span.placeholder:
        props += f'<w:highlight w:val="{profile.placeholder_highlight}"/>'
    content = []
    for index, line in enumerate(text.split("\n")):
        if index:
            content.append("<w:br/>")
        for number, piece in enumerate(line.split("\t")):
            if number:
                content.append("<w:tab/>")
            if piece:
                content.append(f'<w:t xml:space="preserve">{_text_xml(piece)}</w:t>')
    return f"<w:r><w:rPr>{props}</w:rPr>{''.join(content)}</w:r>"


def _title_runs(
    block: Block, spec: ParagraphSpec, profile: Profile, notes: _Comments | None = None
) -> list[str]:
    fonts = _fonts_xml(spec.font, profile.latin_font)
    spans = ([Span(heading_marker(block))] if block.marker else []) + list(block.spans)
    text = clean_text("".join(s.text for s in spans))
    if any(s.placeholder or s.strong or s.comment for s in spans) or "\n" in text:
        # Explicit lines or marked spans: written as given, the writer's own breaks kept.
        return [_commented_run(span, fonts, profile, notes) for span in spans]
    width_mm, _ = profile.type_area_mm
    per_line = max(8, int(width_mm / (spec.size_pt * 25.4 / 72)))
    runs: list[str] = []
    for index, line in enumerate(split_title(text, per_line)):
        if index:
            runs.append(_LINE_BREAK_RUN)
        runs.append(_run_xml(Span(line), fonts, profile))
    return runs


def split_title(text: str, per_line: int) -> list[str]:
    """Break a long title into lines of at most ``per_line`` characters, at a phrase boundary, upper lines no
    longer than lower ones (the trapezoid GB/T 9704 asks for); a short title stays one line."""
    if len(text) <= per_line:
        return [text]
    best: tuple[float, int] | None = None
    for cut in range(1, len(text)):
        head, tail = text[:cut], text[cut:]
        if len(head) > per_line:
            break
        if text[cut] in _NO_BREAK_BEFORE or (
            text[cut - 1].isascii() and text[cut].isascii() and text[cut].isalnum()
        ):
            continue
        score = -abs(len(tail) - len(head))
        if (text[cut - 1], text[cut]) in _NO_BREAK_PAIRS:
            continue
        if any(head.endswith(word) for word in _TITLE_BREAK_AFTER) or tail.startswith(_TITLE_BREAK_BEFORE):
            score += 8
        if len(head) > len(tail):
            score -= 4
        if len(tail) > per_line:
            score -= 100
        if best is None or score > best[0]:
            best = (score, cut)
    if best is None:
        return [text]
    cut = best[1]
    return [text[:cut], *split_title(text[cut:], per_line)]


def _set_core_properties(document: Document, draft: Draft) -> None:
    props = document.core_properties
    title = draft.title or next((b.text for b in draft.blocks if b.kind == "title"), "")
    props.title = clean_text(title).replace("\n", "")[:255]
    props.author = ""
    props.last_modified_by = ""
    props.comments = "由总结助手(zongjie)起草"
    props.language = "zh-CN"
    props.revision = 1
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    return template_path(*BASE_DOCX).read_bytes()
