"""Fuzzing loading and drafting: any facts file ends in a .docx python-docx reopens, or in one of our errors."""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.api import draft_from_facts
from generator.errors import ZongjieError
from generator.facts.load import load_facts
from generator.facts.model import AREA_KEYS, FIGURE_KEYS, HONOUR_KEYS, MEASURE_KEYS, TOP_KEYS
from generator.library.core import load_library
from generator.render.output import render, write_draft
from generator.taxonomy.kinds import kind_ids
from generator.taxonomy.topics import topic_names

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# What XML 1.0 forbids in a document, and what a .docx therefore must never hold.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CJK = re.compile(r"[\u4e00-\u9fff]")


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    parts.append(document.core_properties.title or "")
    return "\n".join(parts)


def draft_outcome(data: bytes, folder: Path, seed: int = 0, outline: str | None = None) -> str:
    """Load, draft and write one facts file; the outcome's name ('docx' or our error's class).

    Anything else (a KeyError, an lxml error, a corrupt .docx) propagates: that is the bug the fuzzer hunts.
    """
    source = folder / "事实.yaml"
    target = folder / "草稿.docx"
    source.write_bytes(data)
    target.unlink(missing_ok=True)
    try:
        facts = load_facts(source)
        draft = draft_from_facts(facts, seed=seed, outline=outline)
        # The text renderings take the same draft: they must not fail where the .docx does not.
        for fmt in ("md", "txt"):
            assert render(draft, fmt).decode("utf-8")
        write_draft(draft, target, force=True)
    except ZongjieError as error:
        message = str(error)
        # One line per error (several errors of one file come as a heading and one line each), in Chinese.
        for one in error.errors:
            assert "\n" not in one.single().strip(), message
        if len(error.errors) == 1:
            assert "\n" not in message.strip(), message
        else:
            assert len(message.strip().splitlines()) == len(error.errors) + 1 + error.truncated, message
        assert CJK.search(message), message
        assert not target.exists()
        return type(error).__name__
    text = docx_text(target)
    assert not XML_ILLEGAL.search(text), ascii(text[:200])
    # Nothing of the draft is lost on the way into Word: every block's letters and digits are in the document.
    flat = _visible(text)
    for block in draft.blocks:
        assert _visible("".join(span.text for span in block.spans)) in flat, ascii(block)
    return "docx"


def _visible(text: str) -> str:
    # The renderer drops what XML cannot hold and splits long titles; punctuation and spacing may change.
    return re.sub(r"[\W_]", "", XML_ILLEGAL.sub("", text))


# ---------------------------------------------------------------- valid structure, arbitrary content

# Text as writers paste it: any printable character, plus control characters, markup, template syntax and emoji.
_TRICKY = st.sampled_from(
    [
        "{{ ''.__class__.__mro__ }}",
        "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
        "<w:t>",
        "]]>",
        "&amp;",
        '"',
        "'",
        "\x00",
        "\x01",
        "\x0b",
        "\x1b",
        "\x7f",
        "\x85",
        "\u2028",
        "\ufeff",
        "\ufffe",
        "\ue000",
        "\ue0010\ue001",
        "【待补充:x】",
        "👩\u200d🏫",
        "🇨🇳",
        "𠮷",
        ",",
        ";",
        ":",
        "%",
        "#",
        "- ",
        ": ",
        "\t",
        "\n",
        "\r",
        " ",
        "一是",
        "一、",
        "(一)",
    ]
)
# Any character a file can hold: everything but the lone surrogates, which no encoding can write.
_ANY_CHAR = st.one_of(st.characters(max_codepoint=0xD7FF), st.characters(min_codepoint=0xE000))
_CHAR_TEXT = st.text(_ANY_CHAR, max_size=30)
_CHINESE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=16)
_PHRASES = st.sampled_from(
    ["推进集团化办学", "落实资助政策", "开展师德师风专题教育", "青山县", "教育局", "2025年"]
)
# What a writer writes, with the odd characters pasted text brings: most of it must reach drafting.
WRITTEN = st.one_of(
    _CHINESE,
    st.lists(st.one_of(_PHRASES, _CHINESE, _TRICKY), min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(_PHRASES, _TRICKY), min_size=1, max_size=4).map("".join),
)
PLAIN_NUMBER = st.one_of(
    st.integers(min_value=0, max_value=100_000),
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)),
    st.decimals(min_value=0, max_value=10**6, places=2).map(float),
)
TOPICS = sorted(topic_names())

FIGURE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "项目": st.one_of(
        WRITTEN, st.sampled_from(["普惠性幼儿园覆盖率", "新建幼儿园", "资助资金增长", "教师培训"])
    ),
    # Numbers as writers write them, beside plain ones: approximate, scaled, Chinese, with their unit.
    "数值": st.one_of(
        PLAIN_NUMBER, st.sampled_from(["近500", "2300余", "约1.2万", "十二", "一千六百二十", "99%以上", "超过300", "0"])
    ),
    "单位": st.sampled_from(["%", "所", "万元", "亿元", "人次", "个百分点", "％", "平方米", "个"]),
    "上年": PLAIN_NUMBER,
    "目标": PLAIN_NUMBER,
    "增长率": PLAIN_NUMBER,
    "其中": st.just([]),  # one level of parts, filled in by _figure
}


def _figure(depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    optional = {k: v for k, v in FIGURE_FIELDS.items() if k not in ("项目", "其中")}
    if depth == 0:
        optional["其中"] = st.lists(_figure(1), max_size=3)
    return st.fixed_dictionaries({"项目": FIGURE_FIELDS["项目"]}, optional=optional)


HONOUR_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "名称": WRITTEN,
    "获得者": st.one_of(WRITTEN, st.sampled_from(["青山县教育局", "县实验小学", "教师"])),
    "级别": st.sampled_from(["国家级", "省级", "市级", "县级", "全省"]),
    "数量": st.one_of(st.integers(min_value=1, max_value=50), st.sampled_from(["6名", "3所"])),
}
HONOUR = st.one_of(
    WRITTEN, st.fixed_dictionaries({"名称": HONOUR_FIELDS["名称"]}, optional={k: v for k, v in HONOUR_FIELDS.items() if k != "名称"})
)
MEASURE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "内容": WRITTEN,
    "数据": st.lists(_figure(), max_size=3),
    "荣誉": st.lists(HONOUR, max_size=2),
    "成效": WRITTEN,
}
MEASURE = st.one_of(
    WRITTEN,
    st.fixed_dictionaries({"内容": MEASURE_FIELDS["内容"]}, optional={k: v for k, v in MEASURE_FIELDS.items() if k != "内容"}),
)
AREA_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    # Taxonomy topics, and now and then a writer's own.
    "领域": st.one_of(st.sampled_from(TOPICS), st.sampled_from(["研学实践", "国防教育"])),
    "标题": WRITTEN,
    "板块": st.one_of(st.sampled_from(["加强党的领导", "办好人民满意的教育"]), WRITTEN),
    "举措": st.lists(MEASURE, max_size=5),
    "数据": st.lists(_figure(), max_size=4),
    "荣誉": st.lists(HONOUR, max_size=3),
}
AREA = st.fixed_dictionaries(
    {"领域": AREA_FIELDS["领域"]}, optional={k: v for k, v in AREA_FIELDS.items() if k != "领域"}
)
FACTS_REQUIRED: dict[str, st.SearchStrategy[Any]] = {
    "类型": st.one_of(st.sampled_from(list(kind_ids())), st.sampled_from(["half_year", "annual", "campaign_stage"])),
    "单位": st.one_of(st.just("青山县教育局"), WRITTEN),
    "地区": st.one_of(st.sampled_from(["青山县", "云溪市", "江北区", "草原旗"]), WRITTEN),
    "年度": st.integers(min_value=2000, max_value=2030),
    "工作": st.lists(AREA, min_size=1, max_size=6),
    # Required for some kinds only (a half-year report, a campaign stage): always written here.
    "半年": st.sampled_from(["上半年", "下半年"]),
    "活动名称": WRITTEN,
}
FACTS_OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "上级": WRITTEN,
    "工作主线": WRITTEN,
    "阶段": WRITTEN,
    "标题": WRITTEN,
    "成文日期": st.dates(datetime.date(2000, 1, 1), datetime.date(2031, 12, 31)).map(datetime.date.isoformat),
    "署名": WRITTEN,
    "导语": WRITTEN,
    "结尾": WRITTEN,
    "荣誉": st.lists(HONOUR, max_size=4),
    "数据": st.lists(_figure(), max_size=3),
    "问题": st.lists(WRITTEN, max_size=3),
    "计划": st.lists(AREA, max_size=4),
    "总体思路": WRITTEN,
    "主要目标": st.lists(st.one_of(_figure(1), WRITTEN), max_size=3),
    "计划回顾": st.lists(
        st.fixed_dictionaries(
            {"计划": WRITTEN},
            optional={"完成情况": st.sampled_from(["已完成", "部分完成", "未完成", "基本完成", "尚未完成"]), "说明": WRITTEN},
        ),
        max_size=4,
    ),
    # A 词库 folder that is not there: the library layer must say so, not crash.
    "词库": st.one_of(*[st.just([])] * 5, st.sampled_from([["没有的词库"], ["../没有的词库"]])),
}
FACTS = st.fixed_dictionaries(FACTS_REQUIRED, optional=FACTS_OPTIONAL)

# What a spoiled value becomes: any text, text just over the limit, numbers out of every range, other types.
LONG = st.integers(min_value=1990, max_value=2010).map(lambda n: ("推进教育优质均衡发展," * 201)[:n])
WILD = st.one_of(
    _CHAR_TEXT,
    LONG,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["2025-02-30", "二〇二五年", "1e30", "-1", "101", "", "~", "是", "上半年和下半年"]),
    st.none(),
    st.booleans(),
    st.lists(_CHAR_TEXT, max_size=2),
    st.dictionaries(_CHAR_TEXT, _CHAR_TEXT, max_size=2),
    st.dates(),
)


def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) of a tree, so that any one value can be spoiled."""
    found: list[tuple[Any, Any]] = []
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in items:
        found.append((tree, key))
        found.extend(_slots(value))
    return found


@st.composite
def facts_tree(draw: st.DrawFn) -> dict[str, Any]:
    """A valid facts tree, then (most of the time) zero, one or two values spoiled, or a key dropped or renamed."""
    tree = draw(FACTS)
    # Now and then a report with a hundred areas or more (headings numbered past 九十九), cheaply by repetition.
    tree["工作"] = tree["工作"] * draw(st.sampled_from([1] * 12 + [25, 110]))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
        container, key = draw(st.sampled_from(_slots(tree)))
        action = draw(st.sampled_from(["value", "value", "value", "drop", "rename"]))
        if action == "value":
            container[key] = draw(WILD)
        elif action == "drop":
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.one_of(_CHINESE, st.sampled_from(["工作主先", "数据 ", "Type"])))] = (
                container.pop(key)
            )
    return tree


def _dump(tree: dict[str, Any], unicode: bool, flow: bool | None) -> str:
    return yaml.safe_dump(tree, allow_unicode=unicode, sort_keys=False, default_flow_style=flow, width=10_000)


STRUCTURED = st.builds(
    lambda tree, unicode, flow, encoding: _dump(tree, unicode, flow).encode(encoding, errors="replace"),
    facts_tree(),
    st.booleans(),
    st.sampled_from([False, False, None]),
    st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16"]),
)


# ---------------------------------------------------------------- the shipped examples, damaged

EXAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in EXAMPLES]


def _delete_line(lines: list[str], i: int, _: str) -> None:
    del lines[i]


def _duplicate_line(lines: list[str], i: int, _: str) -> None:
    lines.insert(i, lines[i])


def _swap_value(lines: list[str], i: int, new: str) -> None:
    key, sep, _ = lines[i].partition(": ")
    lines[i] = f"{key}{sep or ': '}{new}"


def _indent(lines: list[str], i: int, new: str) -> None:
    lines[i] = (" " * (len(new) % 5)) + lines[i].lstrip(" ") if new else "\t" + lines[i]


def _insert_text(lines: list[str], i: int, new: str) -> None:
    at = len(new) % (len(lines[i]) + 1)
    lines[i] = lines[i][:at] + new + lines[i][at:]


MUTATIONS: list[Callable[[list[str], int, str], None]] = [
    _delete_line,
    _duplicate_line,
    _swap_value,
    _indent,
    _insert_text,
]
# Values of another type than the key expects (lists for text, text for numbers, mappings, nulls, tags), and
# plausible ones that keep the file valid.
SWAPS = st.one_of(
    st.sampled_from(
        [
            "[1, 2]",
            "{甲: 1}",
            "很多",
            "~",
            "",
            "-5",
            "1e400",
            "101",
            "2025-02-30",
            "!!python/object:os.system",
            "&a x",
            "*a",
            "|",
            "'未闭合",
        ]
    ),
    PLAIN_NUMBER.map(str),
    PLAIN_NUMBER.map(str),
    _CHINESE,
    _CHINESE,
    WRITTEN.map(
        lambda t: yaml.safe_dump(t, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
    ),
)


@st.composite
def damaged_example(draw: st.DrawFn) -> bytes:
    """One of examples/*.yaml with a few lines deleted, repeated, re-indented or given another value."""
    lines = draw(st.sampled_from(EXAMPLE_TEXTS)).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        mutation = draw(st.sampled_from([_swap_value, _swap_value, _swap_value, *MUTATIONS]))
        mutation(lines, draw(st.integers(min_value=0, max_value=len(lines) - 2)), draw(SWAPS))
    data = "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "utf-8", "gb18030"])))
    if draw(st.sampled_from([False] * 9 + [True])):  # integers() would favour 0 far more than one in ten
        # Random bytes spliced in: a half-saved file, a wrong encoding, a stray binary block.
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    return data


# Mostly the outline the 类型 picks; sometimes any shipped one, whatever kind it was written for.
OUTLINES = st.one_of(*[st.none()] * 3, st.sampled_from(sorted(load_library().outlines)))
FACTS_FILES = st.one_of(STRUCTURED, damaged_example())


# ---------------------------------------------------------------- the properties


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=FACTS_FILES, seed=st.integers(min_value=0, max_value=5), outline=OUTLINES)
def test_any_facts_file_drafts_or_fails_with_our_error(data: bytes, seed: int, outline: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        draft_outcome(data, Path(folder), seed, outline)


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tree=FACTS.filter(lambda t: "词库" not in t))
def test_well_formed_facts_reach_a_docx_or_a_facts_error(tree: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome = draft_outcome(_dump(tree, True, False).encode("utf-8"), Path(folder))
    # The structure is right: whatever is wrong is the writer's content, never the library or the output.
    assert outcome in {"docx", "FactsError"}


def test_the_strategies_cover_every_key_of_the_facts_schema() -> None:
    # A key added to the schema is a key the fuzzer must learn to write.
    assert set(FACTS_REQUIRED) | set(FACTS_OPTIONAL) == set(TOP_KEYS)
    assert set(AREA_FIELDS) == set(AREA_KEYS)
    assert set(FIGURE_FIELDS) == set(FIGURE_KEYS)
    assert set(MEASURE_FIELDS) == set(MEASURE_KEYS)
    assert set(HONOUR_FIELDS) == set(HONOUR_KEYS)


def test_every_example_drafts_untouched() -> None:
    assert len(EXAMPLES) >= 5
    with tempfile.TemporaryDirectory() as folder:
        for text in EXAMPLE_TEXTS:
            assert draft_outcome(text.encode("utf-8"), Path(folder)) == "docx"
