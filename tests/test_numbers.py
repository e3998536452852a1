"""Numbers as written (generator/base/numbers.py): facts values and the figures of a report's running text."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from generator.base.numbers import find_quantities, parse_quantity

FW = str.maketrans("0123456789.%,", "０１２３４５６７８９．％，")

VALUE_CASES = [
    # as written, value, unit as a facts file writes it, qualifier, written()
    ("12", Decimal(12), "", "", "12"),
    ("3.50", Decimal("3.50"), "", "", "3.50"),  # the precision the writer gave is kept
    ("近500", Decimal(500), "", "近", "近500"),
    ("约1.2万", Decimal("1.2"), "万", "约", "约1.2万"),
    ("2300余", Decimal(2300), "", "余", "2300余"),
    ("300多所", Decimal(300), "所", "多", "300多"),
    ("超过3000人", Decimal(3000), "人", "超过", "超过3000"),
    ("99%以上", Decimal(99), "%", "以上", "99以上"),
    ("十二", Decimal(12), "", "", "12"),
    ("一千六百二十", Decimal(1620), "", "", "1620"),
    ("两万三千", Decimal(23000), "", "", "23000"),
    ("二十五点五", Decimal("25.5"), "", "", "25.5"),
    ("三百五十万元", Decimal(350), "万元", "", "350万"),
    ("百分之九十五", Decimal(95), "%", "", "95"),
    ("95%", Decimal(95), "%", "", "95"),
    ("2.5个百分点", Decimal("2.5"), "个百分点", "", "2.5"),
    ("3.8亿元", Decimal("3.8"), "亿元", "", "3.8亿"),
    ("1800余台", Decimal(1800), "台", "余", "1800余"),
    ("300余万元", Decimal(300), "万元", "余", "300万余"),
    ("12,345", Decimal(12345), "", "", "12345"),
    ("0", Decimal(0), "", "", "0"),
    (" 12 所 ", Decimal(12), "所", "", "12"),
    ("近百个", Decimal(100), "个", "近", "近100"),
    ("逾千人", Decimal(1000), "人", "逾", "逾1000"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier", "written"), VALUE_CASES)
def test_parse_quantity(text: str, value: Decimal, unit: str, qualifier: str, written: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.full_unit, q.qualifier, q.written()) == (value, unit, qualifier, written)
    assert q.approximate == bool(qualifier)


@pytest.mark.parametrize("text", ["12", "近500", "95%", "1.2万人", "12,345"])
def test_full_width_reads_the_same(text: str) -> None:
    wide = text.translate(FW)
    assert wide != text
    a, b = parse_quantity(text), parse_quantity(wide)
    assert a is not None and b is not None
    assert (a.value, a.full_unit, a.qualifier) == (b.value, b.full_unit, b.qualifier)


@pytest.mark.parametrize(
    "text", ["", "所", "十二所学校", "12所3", "明年", "几十", "七一", "12/3", "abc", "1,23"]
)
def test_not_a_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_amount_and_percent() -> None:
    q = parse_quantity("约1.2万人")
    assert q is not None and q.amount == Decimal(12000) and not q.is_percent
    p = parse_quantity("3个百分点")
    assert p is not None and p.is_percent and p.number == 3 and isinstance(p.number, int)
    assert parse_quantity("16.64%").number == 16.64  # type: ignore[union-attr]


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(q.written(), q.full_unit, text[q.start : q.end]) for q in find_quantities(text)]


def test_figures_of_running_text() -> None:
    text = "2013年,全市财政年初预算安排教育经费281779万元,比上年增加33754万元,增长16.64%。"
    assert _found(text) == [
        ("281779万", "万元", "281779万元"),
        ("33754万", "万元", "33754万元"),
        ("16.64", "%", "16.64%"),
    ]


def test_chinese_numerals_that_count_and_those_that_name() -> None:
    text = "全力支持五所创新型人才培养实验学校建设;市十八中、二职六个单位;认真学习十九届四中全会精神;举办第四届“教坛新秀”比赛;一是建组织;建成一所公办中心幼儿园;七一表彰大会;五科A卷优秀率"
    assert _found(text) == [("5", "所", "五所"), ("6", "个", "六个")]


def test_years_dates_quotes_titles_and_markers_are_no_figures() -> None:
    text = (
        "制定下发《XX市加快推进教育信息化实施方案(2013-2015年)》;全面落实“十个到位”“三个%”;"
        "2020-07-04;7月4日召开;1.基层党建不断深入;(2)开展12场培训;三年行动计划;近3年;5G网络"
    )
    assert _found(text) == [("12", "场", "12场")]


def test_approximate_figures_keep_their_qualifier() -> None:
    text = "发放口罩近300万只,慰问困难教师800余人次,师生满意率达95%以上,约1.2万名学生参加"
    assert [(q.written(), q.full_unit) for q in find_quantities(text)] == [
        ("近300万", "万只"),
        ("800余", "人次"),
        ("95以上", "%"),
        ("约1.2万", "万名"),
    ]


def test_offsets_point_into_full_width_text() -> None:
    text = "新建幼儿园６所，新增学位１６２０个，覆盖率达到８８．５％。"
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["６所", "１６２０个", "８８．５％"]
    assert [q.number for q in found] == [6, 1620, 88.5]


def test_cleaner_marks_hold_no_figures() -> None:
    assert find_quantities("获得各级表彰〖缺〗余次,新增学位〖疑:532023〗个,投入〖XX〗万元") == []


def test_arabic_figures_do_not_load_cn2an_or_jieba() -> None:
    code = (
        "import sys\n"
        "from generator.base.numbers import find_quantities, parse_quantity\n"
        "assert find_quantities('投入资金3.8亿元,新建6所') and parse_quantity('近500')\n"
        "assert 'cn2an' not in sys.modules and 'jieba' not in sys.modules, sorted(sys.modules)\n"
        "assert parse_quantity('十二').number == 12 and 'cn2an' not in sys.modules\nassert parse_quantity('二十五点五').number == 25.5 and 'cn2an' in sys.modules\n"
        "assert 'jieba' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plain_chinese_numerals_read_without_cn2an_agree_with_cn2an() -> None:
    """Whole numerals written in full are read without importing cn2an (0.1 s a draft); cn2an is the reference."""
    import cn2an

    from generator.base.numbers import _plain_chinese

    read = 0
    for value in range(1, 100_000):
        numeral = cn2an.an2cn(value, "low")
        plain = _plain_chinese(numeral)
        if plain is not None:
            assert plain == value, (numeral, plain)
            read += 1
    assert read > 99_000  # nearly every form is the plain one
    for numeral in ("十八", "一千六百二十", "两万三千", "一百零五", "二十"):
        assert _plain_chinese(numeral) == cn2an.cn2an(numeral, "normal")
    for other in ("三万五", "一千五", "三千五万", "二十五点五", "七一", "二〇二三", "百", "十十", "万", ""):
        assert _plain_chinese(other) is None
