"""Advice that does not mislead: follow what an error or a warning says to do, and the draft comes out right."""

from __future__ import annotations

import re

import pytest

from generator.api import draft_from_facts
from generator.errors import FactsError
from generator.facts.load import parse_facts

HEAD = """类型: 年度总结
单位: 青山县教育局
地区: 青山县
年度: 2025
工作:
  - 领域: 普通高中
    举措:
      - 深化课堂教学改革
    数据:
      - 项目: {item}
{fields}"""

# 请改为 数值: 9200余、单位: 人次 / 请改为 数值: 9200,并删去「上年」 / 请只写数字 12,把「所」写到「单位」里
_SET = re.compile(r"请改为 数值: ([^\s、,,。(]+)(?:、单位: ([^\s,,。(]+))?")
_MOVE = re.compile(r"请只写数字 ([^\s,,]+)[,,]把「([^」]+)」写到「单位」里")
_PERCENT = re.compile(r"请只写数字 ([^\s,,]+)[,,]并在「单位」里写 %")


def facts_text(item: str, fields: dict[str, str]) -> str:
    return HEAD.format(item=item, fields="".join(f"        {k}: {v}\n" for k, v in fields.items()))


def advice(item: str, fields: dict[str, str]) -> str | None:
    """What the tool says about this figure: an error's hint, else a warning; None when it has nothing to say."""
    try:
        facts = parse_facts(facts_text(item, fields), "事实.yaml")
    except FactsError as error:
        return str(error)
    said = [w for w in facts.warnings if f"「{item}」" in w]
    return said[0] if said else None


def follow(message: str, fields: dict[str, str]) -> dict[str, str]:
    """Do what the message says, as a writer would, to the figure's fields."""
    fields = dict(fields)
    if found := _SET.search(message):
        fields["数值"] = found.group(1)
        if found.group(2):
            fields["单位"] = '"%"' if found.group(2) == "%" else found.group(2)
    elif found := _MOVE.search(message):
        fields["数值"] = found.group(1)
        fields["单位"] = found.group(2)
    elif found := _PERCENT.search(message):
        fields["数值"] = found.group(1)
        fields["单位"] = '"%"'
    else:
        raise AssertionError(f"不知道怎么照着做:{message}")
    if "删去「上年」" in message:
        fields.pop("上年", None)
    return fields


def settle(item: str, fields: dict[str, str]) -> tuple[str, list[str]]:
    """Follow the advice until the tool has none left (at most three rounds); the draft's sentence and the path."""
    said: list[str] = []
    for _ in range(3):
        message = advice(item, fields)
        if message is None:
            draft = draft_from_facts(parse_facts(facts_text(item, fields), "事实.yaml"))
            sentence = next(line for line in draft.text.splitlines() if item in line)
            return sentence, said
        said.append(message)
        fields = follow(message, fields)
    raise AssertionError("照着提示改了三次仍有提示:\n" + "\n".join(said))


@pytest.mark.parametrize(
    "fields",
    [
        {"数值": "68.2个百分点", "上年": "65"},
        {"数值": "68.2", "单位": "个百分点", "上年": "65"},
    ],
    ids=["个百分点写在数值里", "个百分点写在单位里"],
)
def test_points_for_a_rate_itself_lead_to_percent(fields: dict[str, str]) -> None:
    sentence, said = settle("本科上线率", fields)
    assert said and "单位: %" in said[0]
    assert "68.2%" in sentence and "68.2个百分点" not in sentence
    assert "提高3.2个百分点" in sentence  # the change is still told in points


def test_points_stay_for_an_item_that_is_a_change() -> None:
    assert advice("本科上线率提高", {"数值": "3.2", "单位": "个百分点"}) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"数值": "9200余", "单位": "人次", "上年": "8600"},
        {"数值": "9200", "单位": "余人次", "上年": "8600"},
        {"数值": "9200余人次", "上年": "8600"},
    ],
    ids=["余写在数值里", "余写在单位里", "余和单位都写在数值里"],
)
def test_an_approximate_number_never_gets_an_exact_change(fields: dict[str, str]) -> None:
    sentence, said = settle("参加研学学生", fields)
    assert "9200" in sentence and "人次" in sentence
    assert "600" not in sentence, (sentence, said)  # no change computed from a guess
    for message in said:
        assert "把「余」写到「单位」里" not in message


# The catalogue's unit advice, swept: every word a writer types after a number.
@pytest.mark.parametrize(
    ("item", "written", "unit"),
    [
        ("新建幼儿园", "12所", "所"),
        ("教育经费投入", "18.62亿元", "亿元"),
        ("普惠性幼儿园覆盖率", "88.5%", "%"),
        ("普惠性幼儿园覆盖率", "88.5\uff05", "%"),
        ("培训教师", "3200人次", "人次"),
        ("本科上线率提高", "3.2个百分点", "个百分点"),
        ("参加研学学生", "9200多人", "人"),
        ("新增学位", "1620个", "个"),
    ],
)
def test_following_unit_advice_gives_a_clean_file_and_a_right_sentence(
    item: str, written: str, unit: str
) -> None:
    sentence, said = settle(item, {"数值": written, "上年": "10"})
    # Numbers as writers write them (12所, 88.5%, 9200多人) are read as they are; advice only where needed.
    assert all("单位" in message or "约数" in message for message in said), said
    number = re.match(r"[\d.]+", written)
    assert number is not None
    # an approximate number keeps its word (9200多人): the writer's qualifier stays in the text
    assert re.search(re.escape(number.group()) + "(多|余)?" + re.escape(unit), sentence), sentence
    if "多" in written:
        assert "比上年" not in sentence  # approximate: no change computed


# --- the facts catalogue swept: every message whose advice is a mechanical edit, followed on its line ------

try:
    from test_facts import CASES
except ImportError:  # tests/ became a package
    from test_facts import CASES

_FIXES = [
    # (advice, how to change the line it names)
    (re.compile(r"请只写数字 ([^\s,,]+)[,,]把「([^」]+)」写到「单位」里"),
     lambda line, m: [_with_value(line, m.group(1)), _sibling(line, f"单位: {m.group(2)}")]),
    (re.compile(r"请只写数字 ([^\s,,]+)[,,]并在「单位」里写 %"),
     lambda line, m: [_with_value(line, m.group(1)), _sibling(line, '单位: "%"')]),
    (re.compile(r"请改为 数值: ([^\s、,,。(]+)(?:、单位: ([^\s,,。(]+))?"),
     lambda line, m: [_with_value(line, m.group(1))] + ([_sibling(line, f"单位: {m.group(2)}")] if m.group(2) else [])),
    (re.compile(r"写成 ([^\s:;;,,。]+: [^\s;;,,。]+)$"), lambda line, m: [line[: len(line) - len(line.lstrip())] + m.group(1)]),
    (re.compile(r"千位分隔符[,,]写成 (\S+)$"), lambda line, m: [_with_value(line, m.group(1))]),
    (re.compile(r"不认识的键.*您是不是想写「([^」]+)」"),
     lambda line, m: [re.sub(r"^(\s*-?\s*)[^:\s]+:", rf"\g<1>{m.group(1)}:", line)]),
    (re.compile(r"写的是.*您是不是想写「([^」]+)」"), lambda line, m: [_with_value(line, m.group(1))]),
]  # fmt: skip


def _with_value(line: str, value: str) -> str:
    return re.sub(r":\s.*$", f": {value}", line)


def _sibling(line: str, text: str) -> str:
    indent = re.match(r"\s*(- )?", line)
    assert indent is not None
    return " " * len(indent.group(0)) + text


def _error_lines(content: str) -> set[int | None] | None:
    try:
        parse_facts(content, "事实.yaml")
    except FactsError as error:
        return {e.line for e in error.errors}
    return None


def _followable() -> list[tuple[str, str, str]]:
    cases = []
    for name, content, expected in CASES:
        if (
            isinstance(content, str)
            and re.search(r"第 \d+ 行", expected)
            and any(p.search(expected) for p, _ in _FIXES)
        ):
            cases.append((name, content, expected))
    return cases


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    _followable(),
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "",
)
def test_catalogue_advice_followed_fixes_its_line_and_adds_no_error(
    name: str, content: str, expected: str
) -> None:
    line_no = int(re.search(r"第 (\d+) 行", expected).group(1))  # type: ignore[union-attr]
    lines = content.split("\n")
    for pattern, change in _FIXES:
        found = pattern.search(expected)
        if found:
            lines[line_no - 1 : line_no] = change(lines[line_no - 1], found)
            break
    before = _error_lines(content)
    after = _error_lines("\n".join(lines))
    assert before is not None and line_no in before
    # the fixed line has no error left, and following the advice made no new one anywhere
    assert after is None or (line_no not in after and after <= before), (name, "\n".join(lines))
