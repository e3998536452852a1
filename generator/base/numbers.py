"""Numbers as written: Arabic and Chinese numerals, 万/亿, approximate qualifiers and units, in running text or alone.

One recogniser for everything that reads a number a person wrote: a facts value (近500, 约1.2万, 十二), and the
figures of a report's text (「新建幼儿园6所」, 「投入资金3.8亿元」, 「百分之九十五」, 「提高2.5个百分点」). The word
lists (units, scales, qualifiers) are data: templates/numbers.yaml. Chinese numerals are read by cn2an, loaded
only when a Chinese numeral is actually met.

Full-width digits and signs (１２．５％) read as their ASCII forms; offsets always refer to the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from generator.base.resources import template_path
from generator.base.tables import load_table

# Full-width forms a writer's input method types, folded one character for one (offsets stay valid).
_FOLD = str.maketrans("０１２３４５６７８９．％，：－", "0123456789.%,:-")
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_CN_DIGITS = "零〇一二两三四五六七八九"
_SCALE_VALUES = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7, "百万": 10**6}
# A bare 百/千/万 after a qualifier (近百个, 逾千人) is a round number; cn2an reads no bare unit.
_ROUND = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}
_PERCENT_UNITS = frozenset({"%", "个百分点", "百分点", "‰"})


@dataclass(frozen=True)
class Quantity:
    """One number as written: 「近1.2万人」 is value 1.2, scale 万, unit 人, qualifier 近.

    ``value`` is the numeral itself, in the scale written (1.2 for 1.2万, 350 for 三百五十万); ``unit`` the
    measure word after it; ``qualifier`` the approximate or bounding word (近, 约, 余, 多, 以上, 超过…) or "";
    ``text`` the span as written, at ``start``:``end`` of the text it was found in.
    """

    value: Decimal
    unit: str = ""
    scale: str = ""
    qualifier: str = ""
    text: str = ""
    start: int = 0
    end: int = 0
    chinese: bool = False

    @property
    def approximate(self) -> bool:
        """A qualified figure (近500, 2300余): no exact change may be computed from it."""
        return bool(self.qualifier)

    @property
    def full_unit(self) -> str:
        """The unit as a facts file writes it: the scale joins the unit (万元, 亿元, 万人)."""
        return self.scale + self.unit

    @property
    def amount(self) -> Decimal:
        """The value in the plain unit: 1.2万 → 12000."""
        return self.value * _SCALE_VALUES.get(self.scale, 1)

    @property
    def is_percent(self) -> bool:
        return self.unit in _PERCENT_UNITS

    @property
    def number(self) -> int | float:
        """The value as YAML writes it: 12, 3.5 (never 12.0)."""
        if self.value == self.value.to_integral_value():
            return int(self.value)
        return float(self.value)

    def written(self, scale: bool = True) -> str:
        """The number with its scale and qualifier, without the unit: 近500, 2300余, 约1.2万, 99以上.

        ``scale=False`` leaves the scale out too, for a value whose unit already holds it (约1.2 万人).
        """
        value = self.value
        digits = format(value, "f") if value != value.to_integral_value() else str(int(value))
        before = next((w for w in _words().before if self.qualifier.startswith(w)), "")
        after = self.qualifier[len(before) :]
        return before + digits + (self.scale if scale else "") + after


@dataclass(frozen=True)
class _Words:
    scales: tuple[str, ...]
    units: tuple[str, ...]
    before: tuple[str, ...]
    after_number: tuple[str, ...]
    after_unit: tuple[str, ...]


@lru_cache(maxsize=1)
def _words() -> _Words:
    path = template_path("numbers.yaml")
    data: Any = load_table(path, "数字写法词表")
    from generator.errors import TemplateError

    lists: dict[str, tuple[str, ...]] = {}
    for key in ("scales", "units", "before", "after_number", "after_unit"):
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise TemplateError(f"数字写法词表的 {key} 应当是文字列表", path=path, hint="请重新安装 zongjie")
        # Longest first: 个百分点 before 个, 万亿 before 万, 人次 before 人.
        lists[key] = tuple(sorted(value, key=len, reverse=True))
    return _Words(**lists)


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern[str]:
    words = _words()

    def alt(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in items)

    arabic = r"(?<![\d.A-Za-z])\d+(?:\.\d+)?(?![\d.]*[A-Za-z])"
    chinese = rf"[{CN_NUMERALS}]+(?:点[{_CN_DIGITS}]+)?"
    return re.compile(
        rf"(?P<before>{alt(words.before)})?"
        rf"(?:(?P<pct>百分之|千分之)(?P<pnum>{arabic}|{chinese})"
        rf"|(?P<num>{arabic}|{chinese})(?P<scale>{alt(words.scales)})?(?P<after>{alt(words.after_number)})?"
        rf"(?P<scale2>{alt(words.scales)})?"
        rf"(?P<unit>{alt(words.units)})?)"
        rf"(?P<tail>{alt(words.after_unit)})?"
    )


def unit_words() -> tuple[str, ...]:
    """The units (measure words) a figure may have, longest first."""
    return _words().units


def fold(text: str) -> str:
    """Full-width digits and signs as ASCII, one character for one."""
    return text.translate(_FOLD)


def chinese_value(numeral: str) -> Decimal | None:
    """十二 → 12, 一千六百二十 → 1620, 二十五点五 → 25.5, 两万三千 → 23000; None for what is no number (七一, 几十).

    A run of bare digits without 十/百/千/万/亿 (七一, 二〇二三, 九五) is a name, a date or a year, not a count.
    """
    if not numeral or any(ch not in CN_NUMERALS + "点" for ch in numeral):
        return None
    whole = numeral.split("点", 1)[0]
    if len(whole) > 1 and not any(ch in "十百千万亿" for ch in whole):
        return None
    plain = _plain_chinese(numeral)
    if plain is not None:
        return Decimal(plain)
    import cn2an  # the other forms (点, 亿, 三万五…): its import takes a tenth of a second

    try:
        value = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - cn2an returns int or float
        return None


_PLAIN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLAIN_UNITS = {"十": 10, "百": 100, "千": 1000}
# A whole number under 一亿 written in full (十八, 一千六百二十, 两万三千, 一百零五): every digit but the last is
# followed by its unit. Only these are read here, because cn2an's import costs 0.1 s of every draft that holds one;
# tests/test_numbers.py checks this reading against cn2an for every number below 100,000.
_PLAIN_NUMERAL = re.compile(
    "^(?:(?:[一二两三四五六七八九]千)?(?:零?[一二两三四五六七八九]百)?(?:零?[一二两三四五六七八九]?十)?"
    "(?:零?[一二两三四五六七八九])?万)?"
    "(?:零?[一二两三四五六七八九]千)?(?:零?[一二两三四五六七八九]百)?(?:零?[一二两三四五六七八九]?十)?"
    "(?:零?[一二三四五六七八九])?$"
)


def _plain_chinese(numeral: str) -> int | None:
    """The value of a whole numeral written in full, or None for any other form (left to cn2an)."""
    if not _PLAIN_NUMERAL.match(numeral) or not any(ch in _PLAIN_DIGITS or ch == "十" for ch in numeral):
        return None
    for part in numeral.split("万"):
        # 一千五, 三万五: a last digit straight after 百/千/万 is said short (1500, 35000); cn2an reads those.
        if len(part) >= 2 and part[-1] in _PLAIN_DIGITS and part[-2] in "百千":
            return None
    if "万" in numeral and numeral.split("万")[1][:1] in _PLAIN_DIGITS and len(numeral.split("万")[1]) == 1:
        return None
    total = section = digit = 0
    for ch in numeral:
        if ch in _PLAIN_DIGITS:
            digit = _PLAIN_DIGITS[ch]
        elif ch in _PLAIN_UNITS:
            section += (digit or (1 if ch == "十" else 0)) * _PLAIN_UNITS[ch]
            digit = 0
        else:  # 万
            total = (section + digit) * 10000
            section = digit = 0
    return total + section + digit


def _split_scale(numeral: str) -> tuple[str, str]:
    """三百五十万 → (三百五十, 万): a trailing 万/亿 is the scale the unit is told in, as in 350万元."""
    for scale in ("万亿", "亿", "万"):
        if numeral.endswith(scale) and len(numeral) > len(scale) and numeral[-len(scale) - 1] not in "万亿":
            return numeral[: -len(scale)], scale
    return numeral, ""


def _value(raw: str) -> tuple[Decimal | None, bool]:
    if raw[:1].isdigit():
        try:
            return Decimal(raw), False
        except InvalidOperation:
            return None, False
    return chinese_value(raw), True


def _quantity(m: re.Match[str], text: str, offset: int = 0) -> Quantity | None:
    before = m.group("before") or ""
    tail = m.group("tail") or ""
    if m.group("pct"):
        value, chinese = _value(m.group("pnum"))
        if value is None:
            return None
        unit = "%" if m.group("pct") == "百分之" else "‰"
        scale, after = "", ""
    else:
        raw = m.group("num")
        scale = m.group("scale") or m.group("scale2") or ""
        after = m.group("after") or ""
        unit = m.group("unit") or ""
        if not raw[:1].isdigit() and not scale:
            raw, scale = _split_scale(raw)
        value, chinese = _value(raw)
        if value is None and before and raw in _ROUND:
            value = _ROUND[raw]  # 近百个, 逾千人, 近万名: a round number, always approximate
        if value is None:
            return None
    qualifier = before + after + tail
    return Quantity(
        value=value,
        unit=unit,
        scale=scale,
        qualifier=qualifier,
        text=text[m.start() : m.end()],
        start=offset + m.start(),
        end=offset + m.end(),
        chinese=chinese,
    )


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole value is (近500, 约1.2万, 2300余, 十二, 95%, 3.5个百分点, 超过3000人), or None.

    Spaces around the parts are allowed; thousands separators (12,345) are read. Anything else in the value
    (a word, two numbers) makes it no quantity.
    """
    folded = fold(text).strip().replace(" ", "").replace("\u3000", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?\D*", folded):
        folded = re.sub(r"(?<=\d),(?=\d{3})", "", folded)
    if not folded:
        return None
    m = _scanner().fullmatch(folded)
    if m is None:
        return None
    return _quantity(m, folded)


def find_quantities(text: str) -> list[Quantity]:
    """Every figure of running text, in order: a number with a unit, a scale or a percent sign.

    Left out: years and dates (2013年, 7月4日), ordinals (第四届), numbers inside quotation marks and book titles
    (“三个%”, 《……(2013-2015年)》), heading numbers and enumerations (一是, 一、), Chinese numerals that name
    rather than count (十八中, 七一, 四中全会), the single 一 of 一所/一批 (an article more often than a count),
    and a bare number with no unit.
    """
    folded = fold(text)
    shielded = _shield(folded)
    found: list[Quantity] = []
    for m in _scanner().finditer(shielded):
        if not (m.group("num") or m.group("pct")):
            continue
        if not (m.group("unit") or m.group("scale") or m.group("scale2") or m.group("pct")):
            # A bare number (a code, a ratio) is no figure; a Chinese numeral ending in 万 (三百五十万) has a scale.
            num = m.group("num")
            if num[:1].isdigit() or not num.endswith(("万", "亿")) or len(num) < 2:
                continue
        if folded[max(0, m.start() - 1) : m.start()] == "第":
            continue
        rest = folded[m.end() :]
        chinese = bool(m.group("num")) and not m.group("num")[:1].isdigit()
        if chinese and not m.group("pct"):
            # 一所/一批 (an article), 十九届四中全会, 一是, 二本 (a university tier), 五科A卷: numerals that name.
            if (
                m.group("num") == "一"
                or m.group("unit") in ("届", "本")
                or rest.startswith(("是", "者", "中全会"))
                or rest[:1].isascii() and rest[:1].isalpha()  # 五科A卷: the name of a composite, not a count
            ):
                continue
        quantity = _quantity(m, folded)  # only now a Chinese numeral is read (and cn2an loaded)
        if quantity is None:
            continue
        found.append(quantity)
    return found


# Spans whose numbers are names, not figures: quotations, book titles, dates and years, cleaner marks.
_SHIELDS = re.compile(
    r"“[^”\n]{0,40}”|《[^》\n]*》|〖[^〗\n]*〗|\d{4}\s*[-—~至到]\s*\d{2,4}\s*年|(?:19|20)\d\d\s*年(?:度)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:份)?|[\d一二三四五六七八九十]{1,3}\s*[、.．](?=\D)"
)


def _shield(text: str) -> str:
    """The text with the spans that hold no figures blanked out (same length, so offsets stay valid)."""
    return _SHIELDS.sub(lambda m: "\x00" * len(m.group(0)), text)
