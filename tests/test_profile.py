"""The format profile: GB/T 9704 defaults as data, a writer's overrides merged key by key, mistakes pointed at."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.base.resources import template_path
from generator.errors import TemplateError
from generator.render.profile import load_profile


def test_defaults_are_gbt9704() -> None:
    profile = load_profile()
    page = profile.page
    assert (page.width_mm, page.height_mm) == (210, 297)
    assert (page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm, page.margin_right_mm) == (
        37,
        35,
        28,
        26,
    )
    assert profile.type_area_mm == (156, 225)
    # 22 lines a page: the exact line height, in whole twips, must let 22 lines (and not 23) fit into 225 mm.
    line_twips = round(profile.body.line_spacing_pt * 20)
    assert int(225 / 25.4 * 72 * 20 // line_twips) == 22
    assert (profile.body.font, profile.body.size_pt, profile.body.align) == ("仿宋_GB2312", 16, "justify")
    assert profile.body.first_line_indent_chars == 2
    assert (profile.title.font, profile.title.size_pt, profile.title.align) == (
        "方正小标宋简体",
        22,
        "center",
    )
    assert (profile.heading1.font, profile.heading1.bold) == ("黑体", False)
    assert profile.heading2.font == "楷体_GB2312"
    assert profile.heading3.bold is True and profile.heading4.bold is False
    assert profile.latin_font == "Times New Roman"
    assert (profile.page_number.font, profile.page_number.size_pt, profile.page_number.dash) == (
        "宋体",
        14,
        "\u2014",
    )
    assert profile.signature.align == profile.date.align == "right"
    assert profile.placeholder_highlight == "yellow"
    # 28 characters of 16 pt in 156 mm: each condensed by about 0.21 pt.
    assert profile.character_spacing_pt(profile.body) == pytest.approx(156 / 25.4 * 72 / 28 - 16)
    assert profile.character_spacing_pt(profile.title) == 0


def test_every_default_number_carries_its_reason() -> None:
    text = template_path("profiles", "gbt9704.yaml").read_text("utf-8")
    # The page and the body set every number the other styles repeat: each one there says why.
    head = text[: text.index("\ntitle:")]
    bare = [line for line in head.splitlines() if re.search(r":\s*[\d.]+\s*$", line)]
    assert bare == []


def _write(tmp_path: Path, text: str, name: str = "我的格式.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_override_changes_only_the_keys_given(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "page:\n  margin_left_mm: 30\nbody:\n  line_spacing_pt: 28\n  font: 方正仿宋_GBK\n"
    )
    profile = load_profile(path)
    default = load_profile()
    assert profile.page.margin_left_mm == 30
    assert profile.body.line_spacing_pt == 28
    assert profile.body.font == "方正仿宋_GBK"
    # Deep merge: the siblings of an overridden key keep their defaults.
    assert profile.page.margin_right_mm == default.page.margin_right_mm == 26
    assert profile.body.size_pt == 16 and profile.body.alt_font == "仿宋"
    assert profile.heading1 == default.heading1
    assert profile.source == str(path)


def test_integers_and_floats_are_interchangeable(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, "title:\n  size_pt: 21.5\nbody:\n  line_spacing_pt: 30\n"))
    assert profile.title.size_pt == 21.5 and profile.body.line_spacing_pt == 30.0


ERRORS = [
    ("body:\n  line_spacing: 28\n", "第 2 行:未知的键「body.line_spacing」。您是不是想写「line_spacing_pt」?"),
    ("bodyy:\n  size_pt: 16\n", "第 1 行:未知的键「bodyy」。您是不是想写「body」?"),
    (
        "page:\n  margin_left_mm: 30\n  colour: red\n",
        "第 3 行:未知的键「page.colour」。可用的键有:width_mm、height_mm、margin_top_mm、margin_bottom_mm、"
        "margin_left_mm、margin_right_mm",
    ),
    (
        'body:\n  line_spacing_pt: "28磅"\n',
        "第 2 行:「body.line_spacing_pt」应是数字,而不是文字「28磅」。请只写数字,例如 line_spacing_pt: 28.95",
    ),
    (
        "body:\n  line_spacing_pt: 50\n",
        "第 2 行:「body.line_spacing_pt」的值 50 超出允许范围 20~40。请填 20 到 40 之间的数(GB/T 9704 的默认值是 28.95)",
    ),
    (
        "page:\n  margin_left_mm: 5\n",
        "第 2 行:「page.margin_left_mm」的值 5 超出允许范围 10~60。请填 10 到 60 之间的数(GB/T 9704 的默认值是 28)",
    ),
    (
        "title:\n  size_pt: 72\n",
        "第 2 行:「title.size_pt」的值 72 超出允许范围 8~40。请填 8 到 40 之间的数(GB/T 9704 的默认值是 22)",
    ),
    ('body:\n  bold: "yes"\n', "第 2 行:「body.bold」应是 true 或 false,而不是文字「yes」。请写 true 或 false"),
    ("body:\n  align: centre\n", "第 2 行:「body.align」的值「centre」无效。您是不是想写「center」?"),
    (
        "body:\n  blank_lines_after: 1.5\n",
        "第 2 行:「body.blank_lines_after」应是整数,而不是 1.5。请写 0、1、2 这样的整数",
    ),
    ('body:\n  font: ""\n', "第 2 行:「body.font」应是非空文字,而不是文字「」。例如 font: 仿宋_GB2312"),
    ("body: [1, 2]\n", "第 1 行:「body」应是「键: 值」的映射,而不是列表。例如 body: {font: …}"),
    ("latin_font: 12\n", "第 1 行:「latin_font」应是非空文字,而不是数字 12。例如 latin_font: Times New Roman"),
    ("- a\n- b\n", "第 1 行:格式配置的最外层应是「键: 值」的映射。例如 page: {margin_left_mm: 30}"),
    (
        "body:\n  size_pt: 16\n  size_pt: 18\n",
        "第 3 行:键「size_pt」重复出现(第 2 行和第 3 行)。"
        "同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
    ),
    ("body:\n\tsize_pt: 16\n", "第 2 行:这一行用 Tab 键缩进了。请用空格缩进,不要用 Tab"),
    (
        "body: !!python/object:os.system {}\n",
        "第 1 行:格式配置文件中不能使用 YAML 标签「!!python/object:os.system」。"
        "格式配置文件只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
    ),
    (
        "body: {size_pt: 16\n",
        "第 1 行:YAML 格式错误:花括号「{ }」没有配对(这一行是「body: {size_pt: 16」)。"
        "请检查花括号;如果这是文字,请给整段文字加上引号",
    ),
    ("", ":格式配置文件是空的。请写入要覆盖的键,例如 body: {line_spacing_pt: 28}"),
    ("# 全部注释掉了\n", ":格式配置文件里没有任何设置。请写入要覆盖的键,例如 body: {line_spacing_pt: 28}"),
    (
        "page:\n  margin_bottom_mm: 10\n",
        ":页码放不下:下边距 10 mm 容不下距版心 7 mm 的 14 磅页码。"
        "请增大 page.margin_bottom_mm 或减小 page_number.below_type_area_mm",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS, ids=range(len(ERRORS)))
def test_profile_mistakes_are_pointed_at(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TemplateError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message == f"{path} {expected}" if expected.startswith("第") else message == f"{path}{expected}"
    assert caught.value.exit_code == TemplateError.exit_code


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="格式配置文件不存在。请检查路径是否写对"):
        load_profile(tmp_path / "没有这个.yaml")
    with pytest.raises(TemplateError, match="这是一个文件夹,不是格式配置文件"):
        load_profile(tmp_path)


def test_gbk_binary_and_huge_files(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("body:\n  font: 仿宋\n".encode("gbk"))
    with pytest.raises(TemplateError) as caught:
        load_profile(gbk)
    assert str(caught.value) == f"{gbk} 第 2 行:文件不是 UTF-8 编码。请在编辑器中另存为 UTF-8 编码后重试"
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(TemplateError, match="这不是文本文件"):
        load_profile(binary)
    huge = tmp_path / "huge.yaml"
    huge.write_text("# " + "x" * 300_000 + "\n", "utf-8")
    with pytest.raises(TemplateError, match="格式配置文件过大"):
        load_profile(huge)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffbody:\n  line_spacing_pt: 30\n".encode())
    assert load_profile(path).body.line_spacing_pt == 30


def test_alias_bomb_ends_quickly_in_an_error(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines.append("body: *a8")
    path = _write(tmp_path, "\n".join(lines) + "\n")
    start = time.monotonic()
    with pytest.raises(TemplateError, match="格式配置文件中不能使用 YAML 的锚点和引用"):
        load_profile(path)
    assert time.monotonic() - start < 2


def test_default_file_is_plain_safe_yaml() -> None:
    tree = yaml.safe_load(template_path("profiles", "gbt9704.yaml").read_text("utf-8"))
    assert list(tree)[:3] == ["page", "latin_font", "body"]
    styles = [
        "body",
        "title",
        "subtitle",
        "heading1",
        "heading2",
        "heading3",
        "heading4",
        "signature",
        "date",
    ]
    keys = {name: list(tree[name]) for name in styles}
    assert len({tuple(v) for v in keys.values()}) == 1  # every paragraph style has the same keys


def test_control_characters_and_deep_nesting(tmp_path: Path) -> None:
    path = _write(tmp_path, 'body:\n  font: "仿宋\\0"\n')
    with pytest.raises(TemplateError) as caught:
        load_profile(path)
    assert (
        str(caught.value)
        == f"{path} 第 2 行:「body.font」里有看不见的控制字符。请重新输入,例如 font: 仿宋_GB2312"
    )
    deep = _write(tmp_path, "body: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml")
    with pytest.raises(TemplateError, match="嵌套层次太深"):
        load_profile(deep)


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-100, 100), st.floats(allow_nan=True), st.text(max_size=12)
)
_KEYS = st.sampled_from(
    [
        "page",
        "body",
        "title",
        "heading3",
        "page_number",
        "placeholder",
        "latin_font",
        "margin_left_mm",
        "size_pt",
        "font",
        "align",
        "bold",
        "line_spacing_pt",
        "highlight",
        "dash",
        "chars_per_line",
        "x",
    ]
)
_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.dictionaries(_KEYS, inner, max_size=4) | st.lists(inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(tree=st.dictionaries(_KEYS, _TREES, max_size=5))
def test_any_mapping_gives_a_profile_or_a_template_error(
    tmp_path_factory: pytest.TempPathFactory, tree: dict
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "p.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    try:
        profile = load_profile(path)
    except TemplateError as error:
        assert error.path == str(path) and error.message
    else:
        assert 20 <= profile.body.line_spacing_pt <= 40 and 8 <= profile.title.size_pt <= 40


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_gives_a_profile_or_a_template_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "p.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_profile(path)
    except TemplateError as error:
        assert error.message
