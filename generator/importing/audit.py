"""`zongjie audit`: every stated change, 其中 list, completion rate and product in a finished report, recomputed.

「281779万元,比上年增加33754万元,增长16.64%」: the year before is 248025万元, so the growth is 13.61%, not
16.64%. Each such disagreement is listed with its place (the line of the file, or the paragraph of a .docx, and
the headings above it). The arithmetic is the facts checker's (generator.facts.figures), so that a figure
the draft would compute and a figure the audit recomputes agree to the digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.base.numbers import Quantity
from generator.corpus.figures import Mention, find_mentions, same_kind
from generator.facts.figures import GROWTH_TOLERANCE, format_number, growth_rate

_PER = re.compile(r"^每(?:人|生|名|位|所|校|户|个)")
_TOTAL = re.compile(r"(?:共|合计|总计|累计|总额|总金额)(?:计|为|达)?$")


@dataclass
class Finding:
    """One inconsistency (or, with ``note``, a thing worth a look), with its place."""

    line: int  # line of the file (paragraph of a .docx), 1-based; 0 when unknown
    where: str  # the headings above it
    sentence: str
    message: str
    note: bool = False  # a 提示, not an inconsistency (a 其中 list that may be partial)


@dataclass
class AuditResult:
    path: str
    docx: bool
    checked: dict[str, int] = field(default_factory=lambda: {"增减": 0, "其中": 0, "完成率": 0, "乘积": 0})
    findings: list[Finding] = field(default_factory=list)

    @property
    def inconsistencies(self) -> list[Finding]:
        return [f for f in self.findings if not f.note]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.note]


def audit_report(path: str | Path) -> AuditResult:
    """Read a finished report (.docx or .txt) through the corpus pipeline and recompute its stated figures."""
    from generator.errors import InputReadError
    from generator.importing.source import read_source

    source = read_source(path)
    result = AuditResult(path=str(path), docx=source.docx)
    figures = 0
    for text, cleaned_line, where in source.texts():
        mentions = find_mentions(text, cleaned_line)
        figures += len(mentions)
        line = source.file_line(cleaned_line)
        for mention in mentions:
            for one in mention.walk():
                _check(one, result, line, where)
        _products(mentions, result, line, where)
    if figures == 0:
        raise InputReadError(
            "材料里没有找到任何数字,没有可以核对的内容",
            path=path,
            hint="audit 核对的是「比上年增加……增长……%」「其中……」「完成目标的……%」这样的数字",
        )
    return result


def _shown(q: Quantity) -> str:
    return q.written(scale=False) + q.full_unit


def _amount(value: Decimal, unit: str) -> Decimal:
    for scale, factor in (("万亿", 10**12), ("亿", 10**8), ("千万", 10**7), ("百万", 10**6), ("万", 10**4)):
        if unit.startswith(scale) and len(unit) > len(scale) or unit == scale:
            return value * factor
    return value


def _matches(actual: Decimal, stated: Decimal) -> bool:
    """A stated rate agrees with the computed one: within half a point, or equal at the precision written."""
    if abs(actual - stated) <= GROWTH_TOLERANCE:
        return True
    exponent = stated.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return actual.quantize(Decimal(1).scaleb(-places)) == stated


def _check(m: Mention, result: AuditResult, line: int, where: str) -> None:
    add = result.findings.append
    q = m.quantity
    if m.change is not None or m.previous is not None:
        result.checked["增减"] += 1
    if m.change is not None and m.rate is not None and m.change_down != m.rate_down:
        add(
            Finding(
                line,
                where,
                m.sentence,
                f"「{m.item}」写的是{'减少' if m.change_down else '增加'}{_shown(m.change)},"
                f"却又说{'下降' if m.rate_down else '增长'}{_shown(m.rate)},增减方向前后矛盾",
            )
        )
        return
    before = m.year_before()
    if (
        before is not None
        and m.rate is not None
        and m.rate.unit == "%"
        and not q.is_percent
        and not q.approximate
        and not m.rate.approximate
    ):
        actual = growth_rate(q.value, before)
        stated = m.rate.value
        if actual is not None and not _matches(abs(actual), stated):
            how = (
                f"由{_shown(m.previous)}到{_shown(q)}"
                if m.previous is not None
                else f"按{_shown(q)}和比{m.label}{'减少' if m.change_down else '增加'}{_shown(m.change)}"  # type: ignore[arg-type]
            )
            add(
                Finding(
                    line,
                    where,
                    m.sentence,
                    f"「{m.item}」{how},{m.label}为{format_number(before)}{m.unit},"
                    f"{'下降' if m.rate_down else '增长'}率应为{format_number(abs(actual))}%,文中写的是{_shown(m.rate)}",
                )
            )
    if m.previous is not None and m.change is not None and not q.approximate:
        stated_change = m.change.value if not m.change_down else -m.change.value
        if same_kind(m.previous.full_unit, m.unit) and q.value - m.previous.value != stated_change:
            add(
                Finding(
                    line,
                    where,
                    m.sentence,
                    f"「{m.item}」由{_shown(m.previous)}到{_shown(q)},变化应为{format_number(q.value - m.previous.value)}"
                    f"{m.unit},文中写的是{_shown(m.change)}",
                )
            )
    if m.parts:
        _parts(m, result, line, where)
    if m.completion is not None and m.target is not None and not q.approximate:
        result.checked["完成率"] += 1
        target = _amount(m.target.value, m.target.full_unit)
        if target > 0:
            actual = _amount(q.value, q.full_unit) / target * 100
            if not _matches(actual, m.completion.value):
                add(
                    Finding(
                        line,
                        where,
                        m.sentence,
                        f"「{m.item}」完成{_shown(q)},目标{_shown(m.target)},完成率应为"
                        f"{format_number(actual.quantize(Decimal('0.01')))}%,文中写的是{_shown(m.completion)}",
                    )
                )


def _parts(m: Mention, result: AuditResult, line: int, where: str) -> None:
    parts = [p for p in m.parts if same_kind(p.unit, m.unit) and not p.quantity.approximate]
    if not parts or m.quantity.approximate:
        return
    result.checked["其中"] += 1
    total = _amount(m.quantity.value, m.unit)
    summed = sum((_amount(p.quantity.value, p.unit) for p in parts), Decimal(0))
    shown = "、".join(f"{p.item}{_shown(p.quantity)}" for p in parts)
    scale = _amount(Decimal(1), m.unit)
    in_unit = format_number(summed / scale) + m.unit
    if summed > total:
        result.findings.append(
            Finding(
                line,
                where,
                m.sentence,
                f"「{m.item}」{_shown(m.quantity)},其中{shown},各项之和为{in_unit},超过了总数",
            )
        )
    elif summed < total and len(parts) >= 2:
        result.findings.append(
            Finding(
                line,
                where,
                m.sentence,
                f"「{m.item}」{_shown(m.quantity)},其中{shown},各项之和为{in_unit},少于总数"
                "(如果「其中」只列了一部分,可以不管)",
                note=True,
            )
        )


def _products(mentions: list[Mention], result: AuditResult, line: int, where: str) -> None:
    """「救助困难学生700名,每人救助5000元,共350万元」: count × each = total."""
    flat = [x for m in mentions for x in m.walk()]
    for count, each, total in zip(flat, flat[1:], flat[2:], strict=False):
        if not (_PER.match(each.item) or _PER.match(each.lead)) or not _TOTAL.search(total.lead):
            continue
        if count.quantity.approximate or each.quantity.approximate or total.quantity.approximate:
            continue
        if not same_kind(each.unit.lstrip("万亿"), total.unit.lstrip("万亿")):
            continue
        result.checked["乘积"] += 1
        product = _amount(count.quantity.value, count.unit) * _amount(each.quantity.value, each.unit)
        stated = _amount(total.quantity.value, total.unit)
        if product != stated:
            scale = _amount(Decimal(1), total.unit)
            result.findings.append(
                Finding(
                    line,
                    where,
                    total.sentence,
                    f"{_shown(count.quantity)}×{_shown(each.quantity)}应为{format_number(product / scale)}"
                    f"{total.unit},文中写的是{_shown(total.quantity)}",
                )
            )
