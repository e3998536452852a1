"""Heading markers of the genre (一、 (一) 1. (1)) and Chinese numerals: what the cleaner, structurer and composer share."""

from __future__ import annotations

import re

CN_DIGITS = "零一二三四五六七八九"

# The characters that end a sentence, full-width as writers type them and ASCII as the folded corpus stores them.
# One home for every stage.
SENTENCE_ENDS = "\u3002\uff01\uff1f!?"
SENTENCE_STOP = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")

# Heading markers by level, as written in the genre (GB/T 9704 numbering, with the 1、 variant).
# Order matters: (一) before (1), and 1. last, so that the first pattern that matches names the level.
MARKER_PATTERNS: list[tuple[int, str, re.Pattern[str]]] = [
    # Not "二、三等奖" or "一、二年级": a numeral list inside a sentence.
    (1, "一、", re.compile(r"([一二三四五六七八九十]{1,3})[、.．](?![一二三四五六七八九十]{1,3}[、等年])")),
    (2, "(一)", re.compile(r"[((]([一二三四五六七八九十]{1,3})[))]")),
    (4, "(1)", re.compile(r"[((](\d{1,2})[))]")),
    (3, "1.", re.compile(r"(\d{1,2})[.．、](?=[^\d.．、\s])")),
]
# The normalised marker style of each level (keys of doctree.MARKER_LEVELS).
STYLE_OF_LEVEL = {level: style for level, style, _ in MARKER_PATTERNS}
# Where a heading marker may start (checked in full by marker_at).
MARKER_START = re.compile(r"[一二三四五六七八九十]{1,3}[、.．]|[((][一二三四五六七八九十\d]|\d{1,2}[.．、]")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五, 101 → 一百零一 (as in 一是 and (十二))."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else CN_DIGITS[tens]
        return head + "十" + (CN_DIGITS[ones] if ones else "")
    if n >= 10000:
        return str(n)
    # A facts file may hold a hundred areas or more; their headings still need a marker.
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if gap else "") + CN_DIGITS[digit] + unit
            gap = False
        elif out:
            gap = True
    return out


# Headings are numbered 一 to 九十九; the reading is the inverse of cn_number over that range.
_CN_VALUES = {cn_number(n): n for n in range(1, 100)}


def cn_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 三十五 → 35; 0 when the numeral is not one a heading uses (零, 十十, 一二)."""
    return _CN_VALUES.get(numeral, 0)


def marker_at(text: str, pos: int = 0) -> tuple[int, str, int, int] | None:
    """The heading marker starting at ``pos``: (level, style, number, end), or None."""
    for level, style, pattern in MARKER_PATTERNS:
        m = pattern.match(text, pos)
        if m:
            raw = m.group(1)
            number = int(raw) if raw.isdigit() else cn_value(raw)
            if number:
                return level, style, number, m.end()
    return None
