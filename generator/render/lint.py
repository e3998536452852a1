"""`zongjie lint`: check any .docx, ours or a writer's, against the format profile (GB/T 9704 by default).

What is checked, each with the paragraph it concerns: page size and margins; the font of every level (the
Chinese font is the w:eastAsia slot, the one Word uses for Chinese characters), sizes, line spacing and
indents; the heading markers in order (一、 then (一) then 1. then (1), no gaps, no repeats) and their
full-width brackets; page numbers; the date's form; the signature. Findings come in three severities:
must fix (the file is out of the standard), should fix, hint. The document's properties are resolved the way
Word resolves them: the run, its character style, the paragraph, its style chain, the document defaults.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree

from generator.base.files import read_bounded
from generator.base.markers import cn_number, cn_value
from generator.errors import InputReadError
from generator.render.profile import Profile, default_profile

MAX_BYTES = 50 * 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

MUST, SHOULD, HINT = "必须修改", "建议修改", "提示"
SEVERITIES = (MUST, SHOULD, HINT)

# Faces that stand for each other: Word and WPS show the one the machine has.
_SAME_FACE = [
    {"仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "仿宋_GBK"},
    {"楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "楷体_GBK"},
    {"黑体", "SimHei", "方正黑体_GBK", "方正黑体简体"},
    {"方正小标宋简体", "方正小标宋_GBK", "小标宋", "华文中宋", "STZhongsong", "方正小标宋"},
    {"宋体", "SimSun", "NSimSun", "新宋体"},
    {"Times New Roman"},
]
_H1 = re.compile("^([一二三四五六七八九十]+)\u3001")
_H2 = re.compile("^([(\uff08])([一二三四五六七八九十]+)([)\uff09])")
_H3 = re.compile("^(\\d{1,2})[.\uff0e](?!\\d)")
_H4 = re.compile("^([(\uff08])(\\d{1,2})([)\uff09])")
_DATE = re.compile(
    "^([\\d\u3007\u96f6\u4e00-\u9fa5]{4})\u5e74([\\d\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})\u6708"
    "([\\d\u3007\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})\u65e5$"
)
_DATE_OTHER = re.compile("^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}$")
_CJK = re.compile("[\u3400-\u9fff]")
_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
_KEY_NAMES = {
    "part": "部分标题",
    "title": "标题",
    "body": "正文",
    "signature": "署名",
    "date": "成文日期",
    **{f"heading{n}": name for n, name in _LEVEL_NAMES.items()},
}


@dataclass
class Finding:
    severity: str
    what: str
    fix: str
    paragraph: int = 0  # 1-based, counting every paragraph of the body; 0: the document as a whole
    text: str = ""

    def line(self) -> str:
        where = f"第 {self.paragraph} 段「{_clip(self.text)}」:" if self.paragraph else ""
        return f"{where}{self.what}。{self.fix}"


@dataclass
class LintReport:
    path: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, severity: str, what: str, fix: str, paragraph: int = 0, text: str = "") -> None:
        self.findings.append(Finding(severity, what, fix, paragraph, text))

    def of(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def ok(self) -> bool:
        """No must-fix finding."""
        return not self.of(MUST)

    def lines(self) -> list[str]:
        counts = "、".join(f"{s} {len(self.of(s))} 处" for s in SEVERITIES)
        out = [f"{self.path}:{counts}"]
        for severity in SEVERITIES:
            found = self.of(severity)
            if not found:
                continue
            out.append(f"{severity}:")
            # The same fault in several paragraphs is one line naming them all.
            groups: dict[tuple[str, str], list[Finding]] = {}
            for finding in sorted(found, key=lambda f: f.paragraph):
                groups.setdefault((finding.what, finding.fix), []).append(finding)
            for (what, fix), same in groups.items():
                if len(same) == 1:
                    out.append(f"  {same[0].line()}")
                    continue
                numbers = "、".join(str(f.paragraph) for f in same)
                out.append(f"  第 {numbers} 段(「{_clip(same[0].text)}」等):{what}。{fix}")
        if not self.findings:
            out.append("没有发现格式问题。")
        return out


def _clip(text: str, width: int = 16) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


# --- reading ------------------------------------------------------------------------------------------------


class _Doc:
    """The parts of a .docx that lint reads, with property lookup through styles and defaults."""

    def __init__(self, data: bytes, path: Path) -> None:
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
                self.body = self._xml(archive, "word/document.xml")
                self.styles = self._xml(archive, "word/styles.xml") if "word/styles.xml" in names else None
                theme = (
                    self._xml(archive, "word/theme/theme1.xml") if "word/theme/theme1.xml" in names else None
                )
                rels = (
                    self._xml(archive, "word/_rels/document.xml.rels")
                    if "word/_rels/document.xml.rels" in names
                    else None
                )
                self.footers: dict[str, etree._Element] = {}
                if rels is not None:
                    for rel in rels:
                        target = rel.get("Target", "")
                        if rel.get("Type", "").endswith("/footer"):
                            name = "word/" + target.lstrip("/").removeprefix("word/")
                            if name in names:
                                self.footers[rel.get("Id", "")] = self._xml(archive, name)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError):
            raise InputReadError(
                "这不是一个能读的 Word(.docx)文件",
                path=path,
                hint="请确认文件是用 Word 或 WPS 保存的 .docx(不是 .doc 或 .wps)",
            ) from None
        # Theme fonts (minorHAnsi, minorEastAsia…) by name, as the theme part gives them.
        self.theme_fonts: dict[str, str] = {}
        drawing = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        if theme is not None:
            for kind in ("major", "minor"):
                font = theme.find(f".//{drawing}{kind}Font")
                if font is None:
                    continue
                for slot, tag in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
                    el = font.find(f"{drawing}{tag}")
                    if el is not None and el.get("typeface"):
                        self.theme_fonts[f"{kind}{slot}"] = el.get("typeface", "")
        self.style_by_id: dict[str, etree._Element] = {}
        self.default_style = None
        if self.styles is not None:
            for style in self.styles.findall("w:style", _NS):
                sid = style.get(f"{{{_W}}}styleId", "")
                self.style_by_id[sid] = style
                if style.get(f"{{{_W}}}type") == "paragraph" and style.get(f"{{{_W}}}default") in (
                    "1",
                    "true",
                    "on",
                ):
                    self.default_style = sid

    @staticmethod
    def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
        info = archive.getinfo(name)
        if info.file_size > MAX_BYTES:
            raise ValueError(name)
        return etree.fromstring(archive.read(name), _PARSER)

    def _style_chain(self, style_id: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.style_by_id and style_id not in seen:
            seen.add(style_id)
            style = self.style_by_id[style_id]
            chain.append(style)
            based = style.find("w:basedOn", _NS)
            style_id = based.get(f"{{{_W}}}val") if based is not None else None
        return chain

    def _defaults(self, tag: str) -> etree._Element | None:
        if self.styles is None:
            return None
        return self.styles.find(f"w:docDefaults/w:{tag}Default/w:{tag}", _NS)

    def paragraph_style(self, p: etree._Element) -> str | None:
        ps = p.find("w:pPr/w:pStyle", _NS)
        return ps.get(f"{{{_W}}}val") if ps is not None else self.default_style

    def _layers(
        self, kind: str, tag: str, own: list[etree._Element | None], style_ids: list[str | None]
    ) -> list[etree._Element]:
        """``kind``/``tag`` (pPr or rPr) from the element's own properties, then each style chain, then the
        document defaults: every setting that applies, nearest first."""
        found = [el.find(f"w:{kind}/w:{tag}", _NS) for el in own if el is not None]
        for style_id in style_ids:
            found += [style.find(f"w:{kind}/w:{tag}", _NS) for style in self._style_chain(style_id)]
        default = self._defaults(kind)
        if default is not None:
            found.append(default.find(f"w:{tag}", _NS))
        return [el for el in found if el is not None]

    def ppr(self, p: etree._Element, tag: str) -> list[etree._Element]:
        """Every w:pPr/tag that applies to a paragraph, nearest first (direct, styles, defaults)."""
        return self._layers("pPr", tag, [p], [self.paragraph_style(p)])

    def rpr(self, p: etree._Element, r: etree._Element | None, tag: str) -> list[etree._Element]:
        """Every rPr/tag that applies to a run, nearest first (the run, its character style, the paragraph's)."""
        rs = r.find("w:rPr/w:rStyle", _NS) if r is not None else None
        char_style = rs.get(f"{{{_W}}}val") if rs is not None else None
        return self._layers("rPr", tag, [r], [char_style, self.paragraph_style(p)])

    def attr(self, elements: list[etree._Element], name: str) -> str | None:
        for el in elements:
            value = el.get(f"{{{_W}}}{name}")
            if value is not None:
                return value
        return None

    def font(self, p: etree._Element, r: etree._Element | None, slot: str) -> str | None:
        """The font of a slot (eastAsia, ascii) as Word resolves it; "(主题字体)" when a theme font decides."""
        for el in self.rpr(p, r, "rFonts"):
            value = el.get(f"{{{_W}}}{slot}")
            if value:
                return value
            theme = el.get(f"{{{_W}}}{slot}Theme")
            if theme:
                return self.theme_fonts.get(theme, "未指定(随主题,Word 多显示为等线或宋体)")
        return None

    def size_pt(self, p: etree._Element, r: etree._Element | None) -> float | None:
        value = self.attr(self.rpr(p, r, "sz"), "val")
        try:
            return int(value) / 2 if value else None
        except ValueError:
            return None


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{_W}}}t"))


def _runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(f"{{{_W}}}r") if "".join(t.text or "" for t in r.findall("w:t", _NS))]


def _twips(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _same_face(found: str, wanted: set[str]) -> bool:
    for group in _SAME_FACE:
        if found in group and group & wanted:
            return True
    return found in wanted


# --- the checks ---------------------------------------------------------------------------------------------


def lint_docx(path: str | Path, profile: Profile | None = None) -> LintReport:
    """Check a .docx against the format profile (GB/T 9704 by default)."""
    p = Path(path)
    data = read_bounded(p, what="Word 文件", max_bytes=MAX_BYTES, error=InputReadError)
    return lint_bytes(data, p, profile)


def lint_bytes(data: bytes, path: Path, profile: Profile | None = None) -> LintReport:
    profile = profile or default_profile()
    doc = _Doc(data, path)
    report = LintReport(str(path))
    _page(doc, profile, report)
    paragraphs = list(doc.body.iter(f"{{{_W}}}p"))
    body_el = doc.body.find("w:body", _NS)
    top = [p for p in paragraphs if body_el is not None and p.getparent() is body_el]
    roles = _roles(doc, top)
    index = {id(p): n for n, p in enumerate(top, start=1)}
    for p, role in roles:
        _paragraph(doc, p, role, index[id(p)], profile, report)
    _markers([(p, role) for p, role in roles if role.startswith("heading") or role == "part"], index, report)
    _ending(roles, index, report)
    _page_numbers(doc, report)
    return report


def _page(doc: _Doc, profile: Profile, report: LintReport) -> None:
    sect = doc.body.find("w:body/w:sectPr", _NS)
    if sect is None:
        report.add(
            MUST,
            "文档没有页面设置",
            "请在 Word 的「布局 → 页面设置」中设为 A4,上 37、下 35、左 28、右 26 毫米",
        )
        return
    mm = 25.4 / 1440
    size = sect.find("w:pgSz", _NS)
    page = profile.page
    if size is not None:
        w, h = _twips(size.get(f"{{{_W}}}w")), _twips(size.get(f"{{{_W}}}h"))
        if w and h and (abs(w * mm - page.width_mm) > 1 or abs(h * mm - page.height_mm) > 1):
            report.add(
                MUST,
                f"纸张是 {w * mm:.0f}×{h * mm:.0f} 毫米,不是 A4({page.width_mm:.0f}×{page.height_mm:.0f} 毫米)",
                "请在「布局 → 纸张大小」中选 A4",
            )
    margins = sect.find("w:pgMar", _NS)
    if margins is None:
        return
    wanted = {
        "top": ("上", page.margin_top_mm),
        "bottom": ("下", page.margin_bottom_mm),
        "left": ("左", page.margin_left_mm),
        "right": ("右", page.margin_right_mm),
    }
    wrong = []
    for side, (name, value) in wanted.items():
        found = _twips(margins.get(f"{{{_W}}}{side}"))
        if found is not None and abs(found * mm - value) > 1:
            wrong.append(f"{name} {found * mm:.1f} 毫米(应为 {value:g})")
    if wrong:
        report.add(
            MUST,
            "页边距不对:" + "、".join(wrong),
            "GB/T 9704 的版心为 156×225 毫米:请在「布局 → 页边距 → 自定义页边距」中改正(允许 ±1 毫米)",
        )


def _roles(doc: _Doc, paragraphs: list[etree._Element]) -> list[tuple[etree._Element, str]]:
    """What each non-empty paragraph is: title, heading1-4, body, signature, date."""
    roles: list[tuple[etree._Element, str]] = []
    seen_heading = False
    for p in paragraphs:
        text = _text(p).strip()
        if not text:
            continue
        style = (doc.paragraph_style(p) or "").lower()
        align = doc.attr(doc.ppr(p, "jc"), "val")
        if _H1.match(text):
            role = "heading1"
        elif _H2.match(text):
            role = "heading2"
        elif _H4.match(text):
            role = "heading4"
        elif _H3.match(text):
            role = "heading3"
        elif not roles and not seen_heading and (align == "center" or style == "title"):
            role = "title"
        elif doc.attr(doc.ppr(p, "outlineLvl"), "val") == "0" and len(text) <= 40:
            role = "part"  # a heading without a marker (下半年工作打算): the numbering starts again below it
        else:
            role = "body"
        seen_heading |= role.startswith("heading")
        roles.append((p, role))
    # The ending: a date as the last paragraph, the short line before it the signature.
    if roles and (_DATE.match(_text(roles[-1][0]).strip()) or _DATE_OTHER.match(_text(roles[-1][0]).strip())):
        roles[-1] = (roles[-1][0], "date")
        if len(roles) > 1:
            before = _text(roles[-2][0]).strip()
            if (
                len(before) <= 30
                and not before.endswith(("\u3002", "\uff1b", "\uff1a"))
                and roles[-2][1] == "body"
            ):
                roles[-2] = (roles[-2][0], "signature")
    return roles


def _paragraph(
    doc: _Doc, p: etree._Element, role: str, number: int, profile: Profile, report: LintReport
) -> None:
    if role == "part":
        role = "heading1"
        spec = profile.paragraph(role)
        checked_markers = False
    else:
        spec = profile.paragraph(role)
        checked_markers = True
    text = _text(p)
    name = _KEY_NAMES.get(role, role)
    wanted = {spec.font, spec.alt_font}
    runs = _runs(p)
    # A heading 3 runs into its paragraph (1.……。正文): its own font is the first run's.
    checked = runs[:1] if role in ("heading3", "heading4") else runs
    for r in checked:
        run_text = "".join(t.text or "" for t in r.findall("w:t", _NS))
        if _CJK.search(run_text):
            face = doc.font(p, r, "eastAsia")
            if face is None or not _same_face(face, wanted):
                shown = face or "未指定"
                report.add(
                    MUST if role in ("body", "heading1", "title") else SHOULD,
                    f"{name}的中文字体是 {shown},应为 {spec.font}",
                    f"请选中这段,在「字体 → 中文字体」中选 {spec.font}(没有时用 {spec.alt_font});"
                    "只改「西文字体」不会改变汉字的字体",
                    number,
                    text,
                )
                break
    for r in checked:
        run_text = "".join(t.text or "" for t in r.findall("w:t", _NS))
        if re.search("[0-9A-Za-z]", run_text):
            latin = doc.font(p, r, "ascii")
            if (
                latin is not None
                and not _same_face(latin, {profile.latin_font})
                and not _same_face(latin, wanted)
            ):
                report.add(
                    MUST if role == "body" else SHOULD,
                    f"{name}的西文字体是 {latin},应为 {profile.latin_font}",
                    f"请在「字体 → 西文字体」中选 {profile.latin_font}(数字和字母用它)",
                    number,
                    text,
                )
                break
    for r in checked[:1]:
        size = doc.size_pt(p, r)
        if size is not None and abs(size - spec.size_pt) > 0.25:
            report.add(
                MUST if role in ("body", "title") else SHOULD,
                f"{name}的字号是 {size:g} 磅,应为 {spec.size_pt:g} 磅({_size_name(spec.size_pt)})",
                f"请把字号改为{_size_name(spec.size_pt)}",
                number,
                text,
            )
    if role in ("body", "heading1", "heading2", "heading3", "heading4"):
        _spacing(doc, p, name, number, text, spec.line_spacing_pt, report)
    if role == "body":
        _indent(doc, p, name, number, text, spec.first_line_indent_chars, spec.size_pt, report)
        if spec.chars_per_line and not _grid_sets(doc, spec.chars_per_line) and runs:
            _characters_a_line(doc, p, runs, name, number, text, profile, report)
    if checked_markers and role in ("heading2", "heading4"):
        found = (_H2 if role == "heading2" else _H4).match(text.strip())
        if found and (found.group(1) == "(" or found.group(3) == ")"):
            report.add(
                SHOULD,
                f"{name}的序号用了半角括号「{found.group(0)}」",
                f"公文的序号用全角括号:「\uff08{found.group(2)}\uff09」",
                number,
                text,
            )
    if role == "heading3":
        found = _H3.match(text.strip())
        if found and "\uff0e" in found.group(0):
            report.add(
                SHOULD,
                f"三级标题序号「{found.group(0)}」用了全角点",
                f"请写成「{found.group(1)}.」(半角点)",
                number,
                text,
            )


def _grid_sets(doc: _Doc, chars: int) -> bool:
    """Whether the section's character grid (Word's 文档网格, type linesAndChars) lays out ``chars`` a line."""
    sect = doc.body.find("w:body/w:sectPr", _NS)
    if sect is None:
        return False
    grid, size, margins = (sect.find(f"w:{tag}", _NS) for tag in ("docGrid", "pgSz", "pgMar"))
    if grid is None or size is None or margins is None:
        return False
    if grid.get(f"{{{_W}}}type") not in ("linesAndChars", "snapToChars"):
        return False
    defaults = doc._defaults("rPr")
    default_size = defaults.find("w:sz", _NS) if defaults is not None else None
    try:
        width = sum(float(el.get(f"{{{_W}}}{name}", "0")) * sign for el, name, sign in (
            (size, "w", 1), (margins, "left", -1), (margins, "right", -1)))  # fmt: skip
        half_points = int(default_size.get(f"{{{_W}}}val", "21")) if default_size is not None else 21
        pitch = half_points / 2 + int(grid.get(f"{{{_W}}}charSpace", "0")) / 4096
    except ValueError:
        return False
    return pitch > 0 and int(width / 20 / pitch + 1e-6) == chars


def _characters_a_line(
    doc: _Doc,
    p: etree._Element,
    runs: list[etree._Element],
    name: str,
    number: int,
    text: str,
    profile: Profile,
    report: LintReport,
) -> None:
    """The body's 28 characters a line come from the character spacing of every run (or from a grid)."""
    spec = profile.body
    wanted = math.floor(profile.character_spacing_pt(spec) * 20)
    for r in runs:
        found = doc.attr(doc.rpr(p, r, "spacing"), "val")
        got = _twips(found) or 0
        if got != wanted:
            width_pt = profile.type_area_mm[0] / 25.4 * 72
            fits = int(width_pt / (spec.size_pt + got / 20) + 1e-6)
            report.add(
                SHOULD,
                f"{name}每行排 {fits} 字,不是 {spec.chars_per_line} 字(字距 {got / 20:g} 磅)",
                f"请选中这段,在「字体 → 高级 → 间距」中选「紧缩」{-wanted / 20:g} 磅;粘贴别处的文字时用「只保留文本」,"
                "就会沿用正文的字距",
                number,
                text,
            )
            return


_SIZES = {42: "初号", 26: "一号", 22: "二号", 16: "三号", 15: "小三", 14: "四号", 12: "小四", 10.5: "五号"}


def _size_name(pt: float) -> str:
    return _SIZES.get(pt, f"{pt:g} 磅")


def _spacing(
    doc: _Doc, p: etree._Element, name: str, number: int, text: str, wanted: float, report: LintReport
) -> None:
    spacing = doc.ppr(p, "spacing")
    line = _twips(doc.attr(spacing, "line"))
    rule = doc.attr(spacing, "lineRule") or "auto"
    if line is None:
        report.add(SHOULD, f"{name}没有设行距", f"请设为固定值 {wanted:g} 磅(每页 22 行)", number, text)
    elif rule != "exact":
        report.add(
            SHOULD,
            f"{name}的行距不是固定值",
            f"请在「段落 → 行距」中选「固定值」{wanted:g} 磅,每页才排得下 22 行",
            number,
            text,
        )
    elif not 28 * 20 <= line <= 30 * 20:
        report.add(
            SHOULD,
            f"{name}的行距是 {line / 20:g} 磅",
            f"请设为固定值 {wanted:g} 磅(28 到 30 磅之间)",
            number,
            text,
        )


def _indent(
    doc: _Doc,
    p: etree._Element,
    name: str,
    number: int,
    text: str,
    chars: float,
    size: float,
    report: LintReport,
) -> None:
    ind = doc.ppr(p, "ind")
    by_chars = _twips(doc.attr(ind, "firstLineChars"))
    first = _twips(doc.attr(ind, "firstLine"))
    hanging = _twips(doc.attr(ind, "hanging"))
    if by_chars:
        got = by_chars / 100
    elif first is not None:
        got = first / 20 / size
    else:
        got = -(hanging or 0) / 20 / size
    if abs(got - chars) > 0.3:
        report.add(
            SHOULD,
            f"{name}首行缩进 {got:.1f} 字",
            f"每段首行应空{cn_number(int(chars))}字:请在「段落 → 特殊格式」中选「首行缩进」{chars:g} 字符",
            number,
            text,
        )


_ORDINAL = {f"heading{n}": n for n in range(1, 5)}


def _marker_number(role: str, text: str) -> int | None:
    pattern = {1: _H1, 2: _H2, 3: _H3, 4: _H4}[_ORDINAL[role]]
    found = pattern.match(text.strip())
    if not found:
        return None
    digits = found.group(2) if role in ("heading2", "heading4") else found.group(1)
    return int(digits) if digits.isdigit() else (cn_value(digits) or None)


def _markers(headings: list[tuple[etree._Element, str]], index: dict[int, int], report: LintReport) -> None:
    """一、 二、 … with (一)(二) … under each, 1. 2. under each (n), (1)(2) under each 1.: no gap, no repeat."""
    expected = {1: 1, 2: 1, 3: 1, 4: 1}
    for p, role in headings:
        if role == "part":
            expected = {1: 1, 2: 1, 3: 1, 4: 1}
            continue
        level = _ORDINAL[role]
        text = _text(p)
        number = _marker_number(role, text)
        if number is None:
            continue
        want = expected[level]
        shown = {
            1: f"{cn_number(want)}\u3001",
            2: f"\uff08{cn_number(want)}\uff09",
            3: f"{want}.",
            4: f"\uff08{want}\uff09",
        }[level]
        if number < want:
            report.add(
                MUST,
                f"{_LEVEL_NAMES[level]}序号重复或倒退:这里是第 {number} 个,前面已经有第 {want - 1} 个",
                f"请改为「{shown}」,并顺次调整后面的序号",
                index[id(p)],
                text,
            )
        elif number > want:
            missing = "、".join(
                {
                    1: f"{cn_number(n)}\u3001",
                    2: f"\uff08{cn_number(n)}\uff09",
                    3: f"{n}.",
                    4: f"\uff08{n}\uff09",
                }[level]
                for n in range(want, number)
            )
            report.add(
                MUST,
                f"{_LEVEL_NAMES[level]}序号跳号:缺少「{missing}」",
                f"请补上缺少的部分,或把这里改为「{shown}」并顺次调整后面的序号",
                index[id(p)],
                text,
            )
        expected[level] = max(number, want) + 1 if number >= want else want
        for deeper in range(level + 1, 5):
            expected[deeper] = 1


def _ending(roles: list[tuple[etree._Element, str]], index: dict[int, int], report: LintReport) -> None:
    dates = [(p, r) for p, r in roles if r == "date"]
    if not dates:
        last = roles[-1][0] if roles else None
        report.add(
            HINT,
            "文末没有找到成文日期",
            "总结一般以署名和成文日期结尾,日期用阿拉伯数字写全,如 2025年7月5日",
            index[id(last)] if last is not None else 0,
            _text(last) if last is not None else "",
        )
        return
    p, _ = dates[-1]
    text = _text(p).strip()
    number = index[id(p)]
    found = _DATE.match(text)
    if found is None:
        report.add(
            MUST,
            f"成文日期写成了「{text}」",
            "GB/T 9704 要求用阿拉伯数字写年、月、日,如 2025年7月5日",
            number,
            text,
        )
    elif not all(part.isdigit() for part in found.groups()):
        digits = _arabic_date(found.groups())
        report.add(
            MUST,
            f"成文日期用了汉字数字「{text}」",
            "GB/T 9704-2012 要求成文日期用阿拉伯数字"
            + (f",写成「{digits}」" if digits else ",如 2025年7月5日"),
            number,
            text,
        )
    elif found.group(2).startswith("0") or found.group(3).startswith("0"):
        report.add(
            SHOULD,
            f"成文日期「{text}」的月、日编了虚位",
            f"月、日不编虚位:写成「{int(found.group(1))}年{int(found.group(2))}月{int(found.group(3))}日」",
            number,
            text,
        )
    signatures = [q for q, r in roles if r == "signature"]
    if not signatures:
        report.add(
            HINT,
            "成文日期前没有署名",
            "以单位名义报送的总结,日期上一行写署名(如 青山县教育局),右空二字",
            number,
            text,
        )


def _arabic_date(parts: tuple[str, ...]) -> str:
    digits = {
        "\u3007": "0",
        "\u96f6": "0",
        "\u4e00": "1",
        "\u4e8c": "2",
        "\u4e09": "3",
        "\u56db": "4",
        "\u4e94": "5",
        "\u516d": "6",
        "\u4e03": "7",
        "\u516b": "8",
        "\u4e5d": "9",
    }
    year = "".join(digits.get(c, c) for c in parts[0])
    out = []
    for part in parts[1:]:
        if part.isdigit():
            out.append(str(int(part)))
            continue
        value = cn_value(part)
        if not value:
            return ""
        out.append(str(value))
    if not year.isdigit():
        return ""
    return f"{year}年{out[0]}月{out[1]}日"


def _page_numbers(doc: _Doc, report: LintReport) -> None:
    texts = []
    has_field = False
    for footer in doc.footers.values():
        instr = "".join(t.text or "" for t in footer.iter(f"{{{_W}}}instrText"))
        simple = " ".join(f.get(f"{{{_W}}}instr", "") for f in footer.iter(f"{{{_W}}}fldSimple"))
        if "PAGE" in instr.upper() or "PAGE" in simple.upper():
            has_field = True
        texts.append("".join(t.text or "" for t in footer.iter(f"{{{_W}}}t")))
    if not has_field:
        report.add(
            MUST,
            "没有页码",
            "GB/T 9704 要求页码:4 号半角宋体阿拉伯数字,两侧各一条一字线「— 1 —」,单页居右空一字、双页居左空一字;"
            "请在「插入 → 页码」中添加",
        )
    elif not any("\u2014" in t for t in texts):
        report.add(SHOULD, "页码两侧没有一字线", "页码应写成「— 1 —」:数字左右各一条一字线(—)")
