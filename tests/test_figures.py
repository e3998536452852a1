"""Figures arithmetic: exact strings for comparisons, completion and formatting; warnings for contradictions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.facts.figures import check_figure, compare, completion, format_number, growth_rate
from generator.facts.load import Figure

FORMAT_CASES = [
    (12, "12"),
    (12.0, "12"),
    (3.5, "3.5"),
    (0.1 + 0.2, "0.3"),  # never 0.30000000000000004
    (Decimal("12.50"), "12.50"),  # the precision the writer gave is kept
    (Decimal("7.0"), "7"),
    (1234567, "1234567"),  # no thousands separators in official prose
    (1e11, "100000000000"),  # no exponent
    (0.00015, "0.00015"),
    (-3, "-3"),
    (-0.0, "0"),
]


@pytest.mark.parametrize(("number", "expected"), FORMAT_CASES)
def test_format_number(number: float, expected: str) -> None:
    assert format_number(number) == expected


COMPARE_CASES = [
    # value, previous, unit, expected
    (12, 8, "所", "比上年增加4所,增长50%"),
    (21, 24, "所", "比上年减少3所,下降12.5%"),
    (5, 5, "所", "与上年持平"),
    (4, 0, "所", "比上年增加4所"),  # no rate against a zero base
    (1165, 998.9, "万元", "比上年增加166.1万元,增长16.63%"),
    (3.2, 2.8, "亿元", "比上年增加0.4亿元,增长14.29%"),
    (0.3, 0.1, "亿元", "比上年增加0.2亿元,增长200%"),
    (2.8, 3.2, "亿元", "比上年减少0.4亿元,下降12.5%"),
    (1050, 1000, "人", "比上年增加50人,增长5%"),
    (1001, 1000, "人", "比上年增加1人,增长0.1%"),
    (10001, 10000, "人", "比上年增加1人,增长0.01%"),
    (100001, 100000, "人", "比上年增加1人"),  # 0.001% rounds away: no 增长0%
    (2, 3, "", "比上年减少1,下降33.33%"),
    (0, 7, "所", "比上年减少7所,下降100%"),
    (95.3, 93, "%", "比上年提高2.3个百分点"),
    (92.1, 93.4, "%", "比上年下降1.3个百分点"),
    (88.8, 88.8, "%", "与上年持平"),
    (3.5, 2, "个百分点", "比上年提高1.5个百分点"),
]


@pytest.mark.parametrize(("value", "previous", "unit", "expected"), COMPARE_CASES)
def test_compare(value: float, previous: float, unit: str, expected: str) -> None:
    assert compare(value, previous, unit) == expected


def test_compare_with_another_label() -> None:
    assert compare(12, 8, "所", label="上年同期") == "比上年同期增加4所,增长50%"


COMPLETION_CASES = [
    (80, 100, "所", "完成目标的80%"),
    (2, 3, "亿元", "完成目标的66.67%"),
    (100, 100, "所", "达到目标"),
    (130, 100, "所", "超额完成目标"),
    (5, 0, "所", "超额完成目标"),
    (96, 95, "%", "高于目标1个百分点"),
    (93.5, 95, "%", "低于目标1.5个百分点"),
    (95, 95, "%", "达到目标"),
]


@pytest.mark.parametrize(("value", "target", "unit", "expected"), COMPLETION_CASES)
def test_completion(value: float, target: float, unit: str, expected: str) -> None:
    assert completion(value, target, unit) == expected


@pytest.mark.parametrize(
    ("value", "previous", "expected"),
    [
        (12, 8, Decimal("50.00")),
        (21, 24, Decimal("-12.50")),
        (5, 5, Decimal("0.00")),
        (4, 0, None),
        (None, 3, None),
    ],
)
def test_growth_rate(value: int | None, previous: int, expected: Decimal | None) -> None:
    assert growth_rate(value, previous) == expected


CHECK_CASES = [
    (Figure(item="新建幼儿园", value=12, unit="所", previous=8, stated_growth=50, line=3), []),
    (Figure(item="新建幼儿园", value=12, unit="所", previous=8, stated_growth=50.4, line=3), []),
    (
        Figure(item="新建幼儿园", value=12, unit="所", previous=8, stated_growth=5, line=3),
        ["第 3 行:「新建幼儿园」写的增长率 5% 与数值 12、上年 8 算出的 50% 不符,请核对这三个数"],
    ),
    (
        Figure(item="在校生", value=900, unit="人", previous=1000, stated_growth=10, line=7),
        ["第 7 行:「在校生」写的增长率 10% 与数值 900、上年 1000 算出的 -10% 不符,请核对这三个数"],
    ),
    (Figure(item="在校生", value=900, unit="人", previous=1000, stated_growth=-10, line=7), []),
    (Figure(item="合格率", value=98.5, unit="%", previous=97, stated_growth=1.5, line=2), []),
    (Figure(item="合格率", value=98.5, unit="%", previous=97, stated_growth=1.55, line=2), []),
    (
        Figure(
            item="经费",
            value=0.3,
            unit="亿元",
            line=4,
            parts=[Figure(item="甲", value=0.1, line=5), Figure(item="乙", value=0.2, line=6)],
        ),
        [],
    ),
    (
        Figure(
            item="经费",
            value=1,
            unit="亿元",
            previous=0.9,
            line=4,
            parts=[
                Figure(item="甲", value=0.4, previous=0.5, line=5),
                Figure(item="乙", value=0.5, previous=0.5, line=6),
            ],
        ),
        [
            "第 4 行:「经费」的「其中」各项之和为 0.9亿元,与总数 1亿元 不符,请核对(如果「其中」只列了一部分,可以忽略这条提示)",
            "第 4 行:「经费」的「其中」各项上年数之和为 1亿元,与总数的上年数 0.9亿元 不符,请核对",
        ],
    ),
    (Figure(item="新建幼儿园", value=30, unit="所", target=10, line=3), []),  # far beyond target: fine
    (Figure(item="新建幼儿园", value=None, unit="所", previous=8, stated_growth=50, line=3), []),
]


@pytest.mark.parametrize(("figure", "expected"), CHECK_CASES)
def test_check_figure(figure: Figure, expected: list[str]) -> None:
    assert check_figure(figure) == expected
