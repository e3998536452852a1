"""Marks and repairs in the text: placeholders, holes, spliced years, pinyin glosses, traditional script, spun words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.corpus.steps.rules import Rules

if TYPE_CHECKING:
    from generator.corpus.clean import CleanStats

HOLE = "〖缺〗"
OPEN, CLOSE = "〖", "〗"
VALID_MARK = re.compile(r"〖(?:缺|疑:\d+|[Xx#*＊_＿ＸＸｘ]+)〗")

_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_PINYIN_LOWER = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_CJK = "\u4e00-\u9fff"
# A gloss: pinyin with at least one tone mark, in brackets of either width; scraped files sometimes lose the
# opening bracket to a "?" (mojibake of the bracket).
PINYIN_GLOSS = re.compile(rf"(?:[((（]|\?)[{_PINYIN_LETTERS}]*[{_TONE}][{_PINYIN_LETTERS}]*[))）]\^?")
# Where a gloss that had lost its bracket to "?" was taken out (\x00 cannot occur after normalise).
_GLOSS_CUT = "\x00-\x00"
# Latin letters a mangled gloss leaves behind: never X or x, which a source writes as a placeholder (XX人次).
_RESIDUE_LETTERS = "A-WYZa-wyz"
# A mangled gloss leaves a mojibake character with a Latin tail, right after its "?" or after the "?"-gloss just
# taken out ("??偨Y工作", "發展?fàn)顩r。"). Without that evidence a character before Latin letters is text.
GLOSS_RESIDUE = re.compile(
    rf"(?:\?+|{_GLOSS_CUT})[{_CJK}][{_RESIDUE_LETTERS}]{{1,2}}(?=[。,,;;、!?!?{_CJK}])"
)
# A bare "?" (with a letter or two) where a character was: "我們?月份", "支持?h政府".
GLOSS_QUESTION = re.compile(rf"(?<=[{_CJK}])\?[{_RESIDUE_LETTERS}]{{0,2}}(?=[{_CJK}\d])")
# Pinyin that lost its brackets: lower-case letters with a tone mark right after a character ("發展zhǎn。");
# only the letters go. A tone mark is what tells pinyin from an English word (APP, WiFi, PPT stay).
BARE_PINYIN = re.compile(rf"(?<=[{_CJK}])[{_PINYIN_LOWER}]*[{_TONE}][{_PINYIN_LOWER}]*(?=[^A-Za-z]|$)")


# Placeholders set aside while glosses are cut: one private-use character each between two markers, which no
# gloss rule can match or split (digits between NULs could be read as part of a number).
_PARK_OPEN, _PARK_CLOSE, _PARK_BASE = "\U000F0000", "\U000F0001", 0xF0100
_PARKED = re.compile("\U000F0000(.)\U000F0001")
_TONES = frozenset(_TONE)  # a gloss has one of these: a text without any has no gloss

_OPENCC: Any = None


def _opencc() -> Any:
    # One converter for the process; imported on first use so that `import generator` stays cheap.
    global _OPENCC
    if _OPENCC is None:
        import opencc

        _OPENCC = opencc.OpenCC("t2s")
    return _OPENCC


# The full-width forms block (！ to ～) and the ideographic space, mapped to the ASCII forms NFKC gives them.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")  # one _FOLD maps


def fold_width(text: str) -> str:
    """Full-width forms folded as the seeds and the corpus store them: （一） → (一), ，→ ,, ：→ :, 　 → space.

    A writer's own file (Word, WPS, a Chinese input method) types the full-width forms; the folded form is what
    every rule is written against, so both give the same cleaned text, outline and patterns. Only the full-width
    block is folded: ①, 〖〗 and … stay as written. A text with none of them (the corpus, a scraped page) is
    returned as it is: str.translate with a mapping looks every character up, a third of a microsecond each.
    """
    return text.translate(_FOLD) if _WIDE.search(text) else text


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").replace("\x00", "")
    text = fold_width(text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    # 〖〗 are reserved for the cleaner's marks; other uses in a source get the ordinary 【】
    # (marks already made, as in a cleaned text cleaned again, stay).
    kept: list[str] = []

    def park(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = VALID_MARK.sub(park, text).replace(OPEN, "【").replace(CLOSE, "】")
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def strip_glosses(text: str, stats: CleanStats, rules: Rules) -> str:
    if _TONES.isdisjoint(text) and "\x00" not in text and _PARK_OPEN not in text:
        # No tone mark, no gloss: setting the placeholders aside and back would give the text back as it is.
        return text
    # Placeholders are set aside first: "资金XX万元" is a hole to fill, never a gloss's leftovers.
    parked: list[str] = []

    def park(m: re.Match[str]) -> str:
        parked.append(m.group(0))
        return _PARK_OPEN + chr(_PARK_BASE + len(parked) - 1) + _PARK_CLOSE

    for pattern, empty in rules.placeholders:
        if not empty:
            text = pattern.sub(park, text)
    n = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return _GLOSS_CUT if m.group(0).startswith("?") else ""

    text = PINYIN_GLOSS.sub(cut, text)
    stats.pinyin_glosses += n
    if n:
        # Only a glossed copy has mangled glosses; elsewhere "?" and Latin letters are the author's.
        text, m = GLOSS_RESIDUE.subn("", text)
        text = text.replace(_GLOSS_CUT, "")
        text, k = GLOSS_QUESTION.subn("", text)
        text, b = BARE_PINYIN.subn("", text)
        stats.pinyin_glosses += m + k + b
    text = text.replace(_GLOSS_CUT, "")
    return _PARKED.sub(lambda m: parked[ord(m.group(1)) - _PARK_BASE], text)


def to_simplified(text: str, stats: CleanStats) -> str:
    converted = _opencc().convert(text)
    if converted == text:
        return text
    if len(converted) == len(text):
        stats.traditional_chars += sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    else:
        import difflib

        matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
        stats.traditional_chars += sum(
            i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"
        )
    return converted


@dataclass
class _LineMarks:
    """What repairing and marking one line adds to a document's stats."""

    holes: int = 0
    placeholders: Counter[str] = field(default_factory=Counter)
    corrupted: list[str] = field(default_factory=list)
    spun: Counter[str] = field(default_factory=Counter)

    def add_to(self, stats: CleanStats) -> None:
        stats.holes += self.holes
        for key, count in self.placeholders.items():
            stats.placeholders[key] += count
        stats.corrupted.extend(self.corrupted)
        for key, count in self.spun.items():
            stats.spun[key] += count


# Each line is repaired and marked once a process (reposts and copies of a report repeat its lines): the result
# and what it adds to the stats, by line (and by the document's years, for a line with a four-digit number).
_LINE_MEMO: dict[int, tuple[Rules, dict[tuple[str, str, frozenset[str] | None], tuple[str, _LineMarks]]]] = {}
_MEMO_LINES = 100_000
_LONG_NUMBER = re.compile(r"\d{4,}")
# A number of four digits or more that may have a year spliced in (not a decimal, a date, a year itself or a range).
_CORRUPT = re.compile(r"(?<![\d.．:/:-])(\d{4,})(?![\d.．]\d|年|届|级|-|—|/)")


def _line_memo(rules: Rules) -> dict[tuple[str, str, frozenset[str] | None], tuple[str, _LineMarks]]:
    entry = _LINE_MEMO.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = _LINE_MEMO[id(rules)] = (rules, {})
    if len(entry[1]) >= _MEMO_LINES:
        entry[1].clear()
    return entry[1]


def repair_spun(line: str, rules: Rules, stats: CleanStats) -> str:
    memo = _line_memo(rules)
    key = ("spun", line, None)
    done = memo.get(key)
    if done is None:
        marks = _LineMarks()
        done = memo[key] = (_repair_spun(line, rules, marks), marks)
    done[1].add_to(stats)
    return done[0]


def _repair_spun(line: str, rules: Rules, stats: _LineMarks) -> str:
    chars = set(line)
    for pattern, replacement, context, _note in rules.spun:
        if rules.skip(pattern, chars):
            continue
        pieces: list[str] = []
        cursor = 0
        for m in pattern.finditer(line):
            if context is not None:
                window = line[max(0, m.start() - rules.context_window) : m.end() + rules.context_window]
                if not context.search(window):
                    continue
            pieces.append(line[cursor : m.start()])
            pieces.append(replacement)
            cursor = m.end()
            stats.spun[f"{m.group(0)}→{replacement}"] += 1
        if pieces:
            line = "".join(pieces) + line[cursor:]
            chars = set(line)
    return line


def mark(line: str, rules: Rules, stats: CleanStats, years: set[str]) -> str:
    """Wrap placeholders, flag numbers with a year spliced in, and insert holes where numbers were cut."""
    # The years matter only where a number of four digits or more may be a year spliced in (_mark_corrupt).
    memo = _line_memo(rules)
    key = ("mark", line, frozenset(years) if years and _LONG_NUMBER.search(line) else None)
    done = memo.get(key)
    if done is None:
        marks = _LineMarks()
        done = memo[key] = (_mark(line, rules, marks, years), marks)
    done[1].add_to(stats)
    return done[0]


def _mark(line: str, rules: Rules, stats: _LineMarks, years: set[str]) -> str:
    # Placeholders first, so that hole rules see 〗 and never put a hole beside a placeholder.
    chars = set(line)
    for pattern, empty in rules.placeholders:
        if rules.skip(pattern, chars):
            continue

        def wrap(m: re.Match[str], empty: bool = empty) -> str:
            if empty:
                stats.holes += 1
                return HOLE
            stats.placeholders[m.group(0)] += 1
            return f"{OPEN}{m.group(0)}{CLOSE}"

        line = _sub_outside_marks(pattern, wrap, line)
        chars = set(line)
    line = _mark_corrupt(line, rules, stats, years)
    chars = set(line)

    def point(m: re.Match[str]) -> str:
        stats.holes += 1
        return HOLE

    if not rules.skip(rules.lone_point, chars):
        line = _sub_outside_marks(rules.lone_point, point, line)
        chars = set(line)
    positions: set[int] = set()
    for pattern in rules.applicable(rules.holes, chars):  # the line is the same for each hole rule
        for m in pattern.finditer(line):
            at = m.start("at")
            if not _inside_mark(line, at):
                positions.add(at)
    for at in sorted(positions, reverse=True):
        line = line[:at] + HOLE + line[at:]
    stats.holes += len(positions)
    return line


def _inside_mark(line: str, pos: int) -> bool:
    opened = line.rfind(OPEN, 0, pos)
    return opened >= 0 and line.rfind(CLOSE, 0, pos) < opened


def _sub_outside_marks(pattern: re.Pattern[str], repl: Any, line: str) -> str:
    def guarded(m: re.Match[str]) -> str:
        if _inside_mark(line, m.start()) or line[m.start() - 1 : m.start()] == OPEN:
            return m.group(0)
        return repl(m)

    return pattern.sub(guarded, line)


def _mark_corrupt(line: str, rules: Rules, stats: _LineMarks, years: set[str]) -> str:
    if not years or not _LONG_NUMBER.search(line):  # every match is a number of four digits or more
        return line

    def check(m: re.Match[str]) -> str:
        digits = m.group(1)
        following = line[m.end(1) : m.end(1) + 1]
        bad = False
        if len(digits) > 4 and any(y in digits for y in years):
            bad = True
        elif digits in years and following and re.match(rules.corrupt_units, following):
            bad = True
        if not bad or _inside_mark(line, m.start()):
            return m.group(0)
        stats.corrupted.append(digits)
        return f"{OPEN}疑:{digits}{CLOSE}"

    return _CORRUPT.sub(check, line)
