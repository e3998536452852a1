"""The format profile: GB/T 9704 page and style values as data, with a writer's overrides merged in and checked."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.base.files import read_bounded
from generator.base.resources import template_path
from generator.base.yamlio import colon_without_space, load_user_yaml, node_data
from generator.errors import ErrorCollector, TemplateError, did_you_mean, suggest

DEFAULT_PROFILE = ("profiles", "gbt9704.yaml")

# A profile is a few dozen lines; anything much larger is not a profile (and bounds alias bombs).
_MAX_BYTES = 256 * 1024

PARAGRAPH_STYLES = (
    "body",
    "title",
    "subtitle",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "signature",
    "date",
)

ALIGNMENTS = ("left", "center", "right", "justify")
# The colour names Word accepts in w:highlight (ST_HighlightColor).
HIGHLIGHTS = (
    "yellow",
    "green",
    "cyan",
    "magenta",
    "blue",
    "red",
    "darkBlue",
    "darkCyan",
    "darkGreen",
    "darkMagenta",
    "darkRed",
    "darkYellow",
    "darkGray",
    "lightGray",
    "black",
)

# Ranges by key: wide enough for every unit's habit, narrow enough to catch a typo (2.8 for 28).
_RANGES: dict[str, tuple[float, float]] = {
    "width_mm": (100, 500),
    "height_mm": (100, 500),
    "margin_top_mm": (10, 60),
    "margin_bottom_mm": (10, 60),
    "margin_left_mm": (10, 60),
    "margin_right_mm": (10, 60),
    "size_pt": (8, 40),
    "percent_decimals": (0, 3),
    "line_spacing_pt": (20, 40),
    "first_line_indent_chars": (0, 10),
    "right_indent_chars": (0, 10),
    "side_indent_chars": (0, 10),
    "chars_per_line": (0, 60),
    "blank_lines_before": (0, 5),
    "blank_lines_after": (0, 5),
    "below_type_area_mm": (0, 30),
}
_CHOICES: dict[str, tuple[str, ...]] = {"align": ALIGNMENTS, "highlight": HIGHLIGHTS}
_INTEGERS = {"blank_lines_before", "blank_lines_after", "chars_per_line", "percent_decimals"}


class PageSpec(NamedTuple):
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float


class ParagraphSpec(NamedTuple):
    """One paragraph style: East Asian font (and its substitute), size, weight, spacing, indents, alignment."""

    font: str
    alt_font: str
    size_pt: float
    chars_per_line: int
    bold: bool
    line_spacing_pt: float
    first_line_indent_chars: float
    right_indent_chars: float
    align: str
    blank_lines_before: int
    blank_lines_after: int


class PageNumberSpec(NamedTuple):
    font: str
    alt_font: str
    size_pt: float
    below_type_area_mm: float
    side_indent_chars: float
    dash: str


class Profile(NamedTuple):
    """Every number the .docx renderer uses, already validated."""

    page: PageSpec
    latin_font: str
    body: ParagraphSpec
    title: ParagraphSpec
    subtitle: ParagraphSpec
    heading1: ParagraphSpec
    heading2: ParagraphSpec
    heading3: ParagraphSpec
    heading4: ParagraphSpec
    signature: ParagraphSpec
    date: ParagraphSpec
    page_number: PageNumberSpec
    placeholder_highlight: str
    # Places of the percentages a draft computes (增长7.3%); the writer's own numbers are kept as written.
    percent_decimals: int = 1
    source: str = ""

    def paragraph(self, name: str) -> ParagraphSpec:
        """The spec of a paragraph style by its profile key (body, title, heading1…, date)."""
        spec = getattr(self, name)
        assert isinstance(spec, ParagraphSpec)
        return spec

    @property
    def type_area_mm(self) -> tuple[float, float]:
        """版心 width and height: what is left of the page inside the margins."""
        p = self.page
        return (
            p.width_mm - p.margin_left_mm - p.margin_right_mm,
            p.height_mm - p.margin_top_mm - p.margin_bottom_mm,
        )

    def character_spacing_pt(self, spec: ParagraphSpec) -> float:
        """Extra (negative: condensed) spacing after each character so that ``chars_per_line`` characters fill
        the type area's width exactly; 0 when the style keeps its natural spacing."""
        if not spec.chars_per_line:
            return 0.0
        width_pt = self.type_area_mm[0] * 72 / 25.4
        return width_pt / spec.chars_per_line - spec.size_pt

    @property
    def footer_distance_mm(self) -> float:
        """Page bottom to the footer line's bottom, so that the number's top sits ``below_type_area_mm`` under
        the type area (the footer paragraph has an exact line height equal to its font size)."""
        number = self.page_number
        return self.page.margin_bottom_mm - number.below_type_area_mm - number.size_pt * 25.4 / 72


def load_profile(path: str | Path | None = None) -> Profile:
    """The GB/T 9704 defaults, with the keys a writer's profile YAML at ``path`` gives merged over them.

    Raises TemplateError (file, line, what to do) on an unreadable file, a YAML mistake, an unknown key,
    a wrong type or an out-of-range value.
    """
    if path is None:
        return default_profile()
    defaults = _default_tree()
    path = Path(path)
    user, lines = _read_user(path)
    # Every mistake of the file in one run, in line order.
    errors = ErrorCollector()
    merged = _merge(defaults, user, lines, path, (), errors)
    errors.raise_if_any()
    profile = _build(merged, str(path))
    _check_consistent(profile, path)
    return profile


@lru_cache(maxsize=1)
def default_profile() -> Profile:
    """The GB/T 9704 profile as shipped (read once per process)."""
    return _build(_default_tree(), str(template_path(*DEFAULT_PROFILE)))


@lru_cache(maxsize=1)
def _default_tree() -> dict[str, Any]:
    path = template_path(*DEFAULT_PROFILE)
    # The C loader when PyYAML has it: this file is read on every `zongjie generate`.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    tree = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    assert isinstance(tree, dict), f"{path} 不是映射"
    return tree


def _read_user(path: Path) -> tuple[dict[str, Any], dict[tuple[str, ...], int]]:
    """The user's mapping and the line of every key in it (from the composed node tree)."""
    raw = read_bounded(
        path,
        what="格式配置文件",
        max_bytes=_MAX_BYTES,
        error=TemplateError,
        folder_hint="请给出一个 .yaml 文件的路径",
        large_hint="格式配置只需几十行,请确认没有选错文件",
    )
    if b"\x00" in raw:
        raise TemplateError("这不是文本文件", path=path, hint="格式配置应是 UTF-8 编码的 YAML 文本")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateError(
            "文件不是 UTF-8 编码", path=path, line=line, hint="请在编辑器中另存为 UTF-8 编码后重试"
        ) from None
    if not text.strip():
        raise TemplateError(
            "格式配置文件是空的", path=path, hint="请写入要覆盖的键,例如 body: {line_spacing_pt: 28}"
        )
    node = load_user_yaml(text, what="格式配置文件", max_bytes=_MAX_BYTES, error=TemplateError, path=path)
    data = node_data(node, lines=False)
    if data is None:
        raise TemplateError(
            "格式配置文件里没有任何设置", path=path, hint="请写入要覆盖的键,例如 body: {line_spacing_pt: 28}"
        )
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise TemplateError(
            "格式配置的最外层应是「键: 值」的映射", path=path, line=1, hint="例如 page: {margin_left_mm: 30}"
        )
    lines: dict[tuple[str, ...], int] = {}
    _collect_lines(node, (), lines, path)
    return data, lines


def _collect_lines(
    node: yaml.Node, prefix: tuple[str, ...], lines: dict[tuple[str, ...], int], path: Path
) -> None:
    lines.setdefault(prefix, node.start_mark.line + 1)
    if not isinstance(node, yaml.MappingNode):
        return
    # Duplicate keys never get here: the YAML reader (base/yamlio.py) refuses them with both lines.
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[(*prefix, key)] = key_node.start_mark.line + 1
        lines[(*prefix, key, "")] = value_node.start_mark.line + 1  # where its value starts
        # Only the profile's two levels carry meaning; deeper nodes are reported by _merge as wrong types.
        if len(prefix) < 2:
            _collect_lines(value_node, (*prefix, key), lines, path)


def _merge(
    default: dict[str, Any],
    user: dict[Any, Any],
    lines: dict[tuple[str, ...], int],
    path: Path,
    prefix: tuple[str, ...],
    errors: ErrorCollector,
) -> dict[str, Any]:
    """Deep-merge ``user`` over ``default``, checking every key the user gives against the defaults' shape;
    each key's mistake is recorded in ``errors`` and the walk goes on with the default for that key."""
    merged = dict(default)
    for key, value in user.items():
        with errors.guard():
            merged[key] = _merge_key(default, key, value, lines, path, prefix, errors)
    return merged


def _merge_key(
    default: dict[str, Any],
    key: Any,
    value: Any,
    lines: dict[tuple[str, ...], int],
    path: Path,
    prefix: tuple[str, ...],
    errors: ErrorCollector,
) -> Any:
    where = (*prefix, str(key))
    line = lines.get(where, lines.get(prefix))
    dotted = ".".join(where)
    if not isinstance(key, str) or key not in default:
        hint = did_you_mean(suggest(str(key), default, cutoff=0.5)) or "可用的键有:" + "、".join(default)
        raise TemplateError(f"未知的键「{dotted}」", path=path, line=line, hint=hint)
    expected = default[key]
    if isinstance(expected, dict):
        if not isinstance(value, dict):
            if isinstance(value, str) and colon_without_space(value):
                raise TemplateError(
                    f"冒号后面缺少空格(「{dotted}」下写成了「{value}」)",
                    path=path,
                    line=lines.get((*where, ""), line),
                    hint="键和值之间请用英文冒号加一个空格,如 size_pt: 16",
                )
            raise TemplateError(
                f"「{dotted}」应是「键: 值」的映射,而不是{_kind(value)}",
                path=path,
                line=line,
                hint=f"例如 {key}: {{{next(iter(expected))}: …}}",
            )
        return _merge(expected, value, lines, path, where, errors)
    return _check_value(key, dotted, expected, value, path, line)


def _check_value(key: str, dotted: str, expected: Any, value: Any, path: Path, line: int | None) -> Any:
    if isinstance(expected, bool):
        if not isinstance(value, bool):
            raise TemplateError(
                f"「{dotted}」应是 true 或 false,而不是{_kind(value)}",
                path=path,
                line=line,
                hint="请写 true 或 false",
            )
        return value
    if isinstance(expected, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TemplateError(
                f"「{dotted}」应是数字,而不是{_kind(value)}",
                path=path,
                line=line,
                hint=f"请只写数字,例如 {dotted.split('.')[-1]}: {expected}",
            )
        if value != value or value in (float("inf"), float("-inf")):
            raise TemplateError(
                f"「{dotted}」应是一个有限的数字,而不是 {value}",
                path=path,
                line=line,
                hint=f"请写一个具体的数,例如 {dotted.split('.')[-1]}: {expected}",
            )
        if key in _INTEGERS and value != int(value):
            raise TemplateError(
                f"「{dotted}」应是整数,而不是 {value}", path=path, line=line, hint="请写 0、1、2 这样的整数"
            )
        low, high = _RANGES.get(key, (float("-inf"), float("inf")))
        if not low <= value <= high:
            raise TemplateError(
                f"「{dotted}」的值 {value} 超出允许范围 {low:g}~{high:g}",
                path=path,
                line=line,
                hint=f"请填 {low:g} 到 {high:g} 之间的数(GB/T 9704 的默认值是 {expected})",
            )
        return int(value) if key in _INTEGERS else float(value)
    if isinstance(expected, str):
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(
                f"「{dotted}」应是非空文字,而不是{_kind(value)}",
                path=path,
                line=line,
                hint=f"例如 {key}: {expected}",
            )
        if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in value):
            raise TemplateError(
                f"「{dotted}」里有看不见的控制字符",
                path=path,
                line=line,
                hint=f"请重新输入,例如 {key}: {expected}",
            )
        choices = _CHOICES.get(key)
        if choices and value not in choices:
            hint = did_you_mean(suggest(value, choices, cutoff=0.5)) or "可选的值有:" + "、".join(choices)
            raise TemplateError(f"「{dotted}」的值「{value}」无效", path=path, line=line, hint=hint)
        return value.strip()
    raise AssertionError(f"默认格式配置里有无法校验的值:{dotted}")


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字「{value}」"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def _build(tree: dict[str, Any], source: str) -> Profile:
    page = tree["page"]
    return Profile(
        page=PageSpec(**{k: float(v) for k, v in page.items()}),
        latin_font=tree["latin_font"],
        **{name: _paragraph(tree[name]) for name in PARAGRAPH_STYLES},
        page_number=PageNumberSpec(
            font=tree["page_number"]["font"],
            alt_font=tree["page_number"]["alt_font"],
            size_pt=float(tree["page_number"]["size_pt"]),
            below_type_area_mm=float(tree["page_number"]["below_type_area_mm"]),
            side_indent_chars=float(tree["page_number"]["side_indent_chars"]),
            dash=tree["page_number"]["dash"],
        ),
        placeholder_highlight=tree["placeholder"]["highlight"],
        percent_decimals=int(tree["text"]["percent_decimals"]),
        source=source,
    )


def _paragraph(values: dict[str, Any]) -> ParagraphSpec:
    return ParagraphSpec(
        font=values["font"],
        alt_font=values["alt_font"],
        size_pt=float(values["size_pt"]),
        chars_per_line=int(values["chars_per_line"]),
        bold=bool(values["bold"]),
        line_spacing_pt=float(values["line_spacing_pt"]),
        first_line_indent_chars=float(values["first_line_indent_chars"]),
        right_indent_chars=float(values["right_indent_chars"]),
        align=values["align"],
        blank_lines_before=int(values["blank_lines_before"]),
        blank_lines_after=int(values["blank_lines_after"]),
    )


def _check_consistent(profile: Profile, path: Path) -> None:
    """Checks across keys: the type area must stay usable and the page number must fit under it."""
    width, height = profile.type_area_mm
    if width < 60 or height < 60:
        raise TemplateError(
            f"页边距过大,版心只剩 {width:g} × {height:g} mm", path=path, hint="请减小页边距或增大纸张尺寸"
        )
    if profile.footer_distance_mm < 3:
        raise TemplateError(
            f"页码放不下:下边距 {profile.page.margin_bottom_mm:g} mm 容不下距版心 "
            f"{profile.page_number.below_type_area_mm:g} mm 的 {profile.page_number.size_pt:g} 磅页码",
            path=path,
            hint="请增大 page.margin_bottom_mm 或减小 page_number.below_type_area_mm",
        )
