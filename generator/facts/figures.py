"""Arithmetic on the writer's figures: exact formatting, comparisons with last year and targets, consistency checks."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.facts.model import Figure

Number = int | float | Decimal

# Units whose values are already percentages: a change is told in 个百分点, never as a relative rate.
PERCENT_UNITS = frozenset({"%", "\uff05", "个百分点", "百分点"})

# A stated growth rate is accepted when it lies this close to the computed one (percentage points).
GROWTH_TOLERANCE = Decimal("0.5")

_CENT = Decimal("0.01")

# The arithmetic on figures runs in this context: room for any figure the facts schema lets through (at most
# 13 digits before the point, a handful after) and for the ratio of the largest to the smallest, and no trap,
# so that no pair of figures can make a rate raise; a rate beyond _MAX_RATE is not told (it says nothing).
_CONTEXT = Context(prec=80, Emax=10_000, Emin=-10_000, traps=[])
_MAX_RATE = Decimal(10) ** 9


def to_decimal(x: Number) -> Decimal:
    """The exact decimal a writer meant: 0.1 stays 0.1 and 0.1 + 0.2 becomes 0.3, never 0.30000000000000004."""
    if isinstance(x, bool):
        raise TypeError("布尔值不是数字")
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise ValueError("不是有限的数字")
        # 15 significant digits is all a double carries faithfully; it also absorbs artifacts like 0.1 + 0.2.
        return Decimal(format(x, ".15g"))
    raise TypeError(f"不是数字:{x!r}")


def format_number(x: Number) -> str:
    """Write a number as Chinese official prose does: no thousands separators, no trailing .0, no exponent."""
    d = to_decimal(x)
    if d == d.to_integral_value():
        text = str(int(d))
    else:
        text = format(d, "f")
    return "0" if text == "-0" else text


def _format_rate(d: Decimal) -> str:
    """A percentage rounded half-up to at most two decimals, trailing zeros trimmed (16.64, 12.5, 50)."""
    with localcontext(_CONTEXT):
        q = d.quantize(_CENT, rounding=ROUND_HALF_UP)
        return format_number(q.normalize() if q != q.to_integral_value() else q.to_integral_value())


def _rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator in percent, exactly enough to round; None when it cannot be told (no base, or
    a rate so large, from a tiny base, that it would only mislead)."""
    if denominator == 0:
        return None
    with localcontext(_CONTEXT):
        rate = numerator / denominator * 100
        if not rate.is_finite() or abs(rate) >= _MAX_RATE:
            return None
        return rate


def is_percent_unit(unit: str | None) -> bool:
    """Whether figures in this unit are percentages (changes told in 个百分点)."""
    return (unit or "").strip() in PERCENT_UNITS


def growth_rate(value: Number | None, previous: Number | None) -> Decimal | None:
    """Relative change in percent, rounded to two decimals; None when it cannot be computed (no or zero base)."""
    if value is None or previous is None:
        return None
    v, p = to_decimal(value), to_decimal(previous)
    with localcontext(_CONTEXT):
        rate = _rate(v - p, abs(p))
        return None if rate is None else rate.quantize(_CENT, rounding=ROUND_HALF_UP)


def compare(value: Number, previous: Number, unit: str = "", *, label: str = "上年") -> str:
    """The clause comparing this year's figure with the previous one: 比上年增加4所,增长50% and its variants."""
    v, p = to_decimal(value), to_decimal(previous)
    with localcontext(_CONTEXT):
        diff = v - p
    if diff == 0:
        return f"与{label}持平"
    amount = format_number(abs(diff))
    if is_percent_unit(unit):
        verb = "提高" if diff > 0 else "下降"
        return f"比{label}{verb}{amount}个百分点"
    unit = unit or ""
    verb, rate_verb = ("增加", "增长") if diff > 0 else ("减少", "下降")
    clause = f"比{label}{verb}{amount}{unit}"
    exact = _rate(abs(diff), p) if p > 0 else None
    if exact is not None:
        rate = _format_rate(exact)
        # A change too small to show at two decimals is told without a rate rather than as 增长0%.
        if rate != "0":
            clause += f",{rate_verb}{rate}%"
    return clause


def completion(value: Number, target: Number, unit: str = "") -> str:
    """The clause comparing a figure with its target: 完成目标的80%, 达到目标, 超额完成目标."""
    v, t = to_decimal(value), to_decimal(target)
    if v == t:
        return "达到目标"
    if is_percent_unit(unit):
        side = "高于" if v > t else "低于"
        return f"{side}目标{format_number(abs(v - t))}个百分点"
    if v > t:
        return "超额完成目标"
    share = _rate(v, t) if t > 0 else None
    if share is None:
        return "未达到目标"
    return f"完成目标的{_format_rate(share)}%"


def _places(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _growth_matches(actual: Decimal, stated: Decimal) -> bool:
    with localcontext(_CONTEXT):
        if abs(actual - stated) <= GROWTH_TOLERANCE:
            return True
        return actual.quantize(Decimal(1).scaleb(-_places(stated)), rounding=ROUND_HALF_UP) == stated


def _sum(values: Iterable[Number]) -> Decimal:
    return sum((to_decimal(v) for v in values), Decimal(0))


# Words of an approximate number (9200余, 近500): they belong with the value, never in the unit.
APPROXIMATE_WORDS = ("余", "多", "近", "约", "超过", "以上", "左右")
# Items that name a change, whose value may well be in 个百分点 (本科上线率提高, 巩固率同比增长).
_CHANGE_ITEM_WORDS = ("增长", "增幅", "增速", "涨幅", "降幅", "下降", "提高", "提升", "变化", "同比", "环比", "增加", "减少", "差")


def unit_advice(item: str, value: str, unit: str) -> str:
    """The fix for a value written with a word that is no unit, or a unit that says something else (the hint
    of an error and of a warning alike): advice that, followed, gives a correct draft."""
    unit = unit.strip()
    if unit in ("个百分点", "百分点") and not any(w in item for w in _CHANGE_ITEM_WORDS):
        return (
            f"「个百分点」只用来说两个百分率之差,草稿会写成「{item}{value}个百分点」;如果 {value} 是比率本身,"
            f"请改为 数值: {value}、单位: %(写了「上年」,程序会算出「比上年提高…个百分点」)"
        )
    word = next((w for w in APPROXIMATE_WORDS if unit.startswith(w) or unit.endswith(w)), None)
    if word is not None:
        rest = unit.removeprefix(word) if unit.startswith(word) else unit.removesuffix(word)
        written = f"{word}{value}" if word in ("近", "约", "超过") else f"{value}{word}"
        return (
            f"「{word}」表示约数,不是单位:写进单位,算出的差也会带上它(如「增加600{word}{rest}」)。"
            f"请改为 数值: {written}、单位: {rest}" + ("" if rest else "(没有单位就不写单位)")
        )
    return ""


def check_figure(fig: Figure) -> list[str]:
    """Warnings for figures that contradict each other (a stated growth rate, parts that do not add up) and for
    units that would make the draft say something else (个百分点 for a rate itself, 余 in the unit)."""
    warnings: list[str] = []
    where = f"第 {fig.line} 行" if fig.line else ""
    name = f"「{fig.item}」"
    unit = fig.unit or ""
    if fig.value is not None and unit:
        advice = unit_advice(fig.item, format_number(fig.value), unit)
        if advice:
            warnings.append(f"{where}:{name}的单位写的是「{unit}」。{advice}")
    if fig.stated_growth is not None and fig.value is not None and fig.previous is not None:
        stated = to_decimal(fig.stated_growth)
        actual = growth_rate(fig.value, fig.previous)
        candidates = [actual] if actual is not None else []
        if is_percent_unit(unit):
            # For a rate, writers sometimes give the change in points under 增长率: accept either reading.
            candidates.append(to_decimal(fig.value) - to_decimal(fig.previous))
        if candidates and not any(_growth_matches(c, stated) for c in candidates):
            shown = actual if actual is not None else candidates[-1]
            warnings.append(
                f"{where}:{name}写的增长率 {format_number(stated)}% 与数值 {format_number(fig.value)}、"
                f"上年 {format_number(fig.previous)} 算出的 {_format_rate(shown)}% 不符,请核对这三个数"
            )
    parts = list(fig.parts)
    if parts and fig.value is not None and all(part.value is not None for part in parts):
        total = _sum(part.value for part in parts if part.value is not None)
        if total != to_decimal(fig.value):
            warnings.append(
                f"{where}:{name}的「其中」各项之和为 {format_number(total)}{unit},与总数 "
                f"{format_number(fig.value)}{unit} 不符,请核对(如果「其中」只列了一部分,可以忽略这条提示)"
            )
    if parts and fig.previous is not None and all(part.previous is not None for part in parts):
        total = _sum(part.previous for part in parts if part.previous is not None)
        if total != to_decimal(fig.previous):
            warnings.append(
                f"{where}:{name}的「其中」各项上年数之和为 {format_number(total)}{unit},与总数的上年数 "
                f"{format_number(fig.previous)}{unit} 不符,请核对"
            )
    for part in parts:
        warnings.extend(check_figure(part))
    return warnings
