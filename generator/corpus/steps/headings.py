"""Title, date and headings: the report's title and date found, its title echo cut, run-in headings split off."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.base.markers import MARKER_START, SENTENCE_ENDS, marker_at
from generator.corpus.steps.rules import Rules, cleaning_rules

if TYPE_CHECKING:
    from generator.corpus.clean import CleanStats

DATE_DIGITS = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
SIGNATURE_DATE = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日\s*$"
)


def _undecorate(title: str, rules: Rules, found: list[str] | None = None) -> str:
    changed = True
    while changed:
        changed = False
        # A decoration is looked for where the title holds a character it needs (taking one out adds none).
        for pattern in rules.applicable(rules.decorations, set(title)):
            m = pattern.search(title)
            if m and m.group(0) and len(title) > len(m.group(0)):
                if found is not None:
                    found.append(m.group(0).strip())
                title = (title[: m.start()] + title[m.end() :]).strip()
                changed = True
    return title


def _title_like(text: str, rules: Rules) -> bool:
    stripped = _undecorate(text, rules)
    return (
        0 < len(stripped) <= rules.max_title_chars
        and not re.search(r"[。!?!?;;,,]", stripped)
        and stripped.endswith(rules.title_words)
    )


def find_title(
    kept: list[str], removed: list[str], rules: Rules, stats: CleanStats
) -> tuple[str, str, list[str]]:
    """The report's title (decorations removed), the raw form it had, and the lines without it."""
    non_empty = [i for i, line in enumerate(kept) if line]
    raw = ""
    # Site furniture above the title (site name, slogan, menu): short lines before a title-like line.
    for position, index in enumerate(non_empty[:6]):
        line = kept[index]
        if _title_like(line, rules) and not marker_at(line, 0):
            above = [kept[i] for i in non_empty[:position]]
            if all(len(x) <= 120 and x[-1] not in SENTENCE_ENDS for x in above):
                stats.boilerplate.extend(above)
                kept = [x for i, x in enumerate(kept) if i not in set(non_empty[:position])]
                non_empty = [i for i, x in enumerate(kept) if x]
            break
    if non_empty:
        first = non_empty[0]
        line = kept[first]
        if _title_like(line, rules) and not marker_at(line, 0):
            raw = line
            kept = kept[:first] + kept[first + 1 :]
        else:
            # A first chunk that opens with the title and runs on into the text ("1、某局年度工作总结 一年来,…").
            m = re.match(r"^(?:\d{1,2}[、.]\s*)?(\S{4,60}?)\s+(\S.*)$", line)
            if m and _title_like(m.group(1), rules) and not marker_at(m.group(1), 0):
                raw = m.group(1)
                kept = kept[:first] + [m.group(2)] + kept[first + 1 :]
    if not raw:
        for line in removed:
            for pattern in (
                r"整理(?:了|的)(.+?)(?:范文|,|,|。|希望|供)",
                r"《(.+?)》\s*由",
                r"^(.+?)》\s*由",
                r"(?:当前位置|您的位置)\s*[::].*[>›»]\s*([^>›»]+?)\s*$",
                r"^(.+?)_第\s*\d+\s*页",
            ):
                m = re.search(pattern, line)
                if m and _title_like(m.group(1), rules):
                    raw = m.group(1).strip()
                    break
            if raw:
                break
    title = _undecorate(raw, rules, stats.title_decorations) if raw else ""
    if title:
        # Doc sites repeat the title (breadcrumb, page header); a repeat inside the body is noise too.
        # Taking decorations off only deletes characters: a line lacking one of the title's cannot become it.
        needed = set(title)
        again = []
        for line in kept:
            if (
                line
                and len(title) <= len(line) <= rules.max_title_chars + 30
                and all(char in line for char in needed)
                and _undecorate(line, rules) == title
            ):
                stats.boilerplate.append(line)
            else:
                again.append(line)
        kept = again
    return title, raw, kept


def find_date(kept: list[str], removed: list[str]) -> str:
    for line in reversed(kept):
        if line:
            if SIGNATURE_DATE.match(line):
                return line.strip()
            break
    # A date under the title, "(2023年12月20日)", is the report's date too; it stays in the text.
    for line in [x for x in kept if x][:2]:
        m = re.fullmatch(r"\s*[((]?\s*(.+?)\s*[))]?\s*", line)
        if m and SIGNATURE_DATE.match(m.group(1)):
            return m.group(1)
    for line in removed:
        m = DATE_DIGITS.search(line)
        if m and re.search(r"时间|日期|发布|发表|^\s*\d{4}[-/.]", line):
            return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""


def strip_title_echo(lines: list[str], title: str, raw_title: str, stats: CleanStats) -> list[str]:
    """The first chunk of a doc-site copy repeats the title (once or twice) and runs on into the first sentence."""
    lines = _strip_title_echo(lines, title, raw_title, stats)
    # A repeat of the title, decorated or not, on a line of its own is no text either.
    undecorated = [_undecorate(line, cleaning_rules()) if len(line) <= 80 else line for line in lines]
    if title:
        kept = [line for line, bare in zip(lines, undecorated, strict=True) if bare != title]
        stats.boilerplate.extend(line for line, bare in zip(lines, undecorated, strict=True) if bare == title)
        return kept
    return lines


def _strip_title_echo(lines: list[str], title: str, raw_title: str, stats: CleanStats) -> list[str]:
    """The first chunk of a doc-site copy repeats the title (once or twice) and runs on into the first sentence."""
    if not lines or not title:
        return lines
    first = lines[0]
    for _ in range(3):
        for form in sorted({raw_title, title}, key=len, reverse=True):
            if form and first.startswith(form) and len(first) > len(form):
                rest = first[len(form) :]
                decoration = TITLE_ECHO_TAIL.match(rest)
                cut = len(form) + (decoration.end() if decoration else 0)
                stats.boilerplate.append(first[:cut])
                first = first[cut:].lstrip()
                break
        else:
            break
    # An echo that differs from the title by a prefix ("2022市教育局…报告" echoed as "市教育局…报告 一、…").
    token = re.match(r"^(\S{4,60}?)(?:\s|$)", first)
    if token and _title_like(token.group(1), cleaning_rules()):
        echo = _undecorate(token.group(1), cleaning_rules())
        if echo and (title.endswith(echo) or echo.endswith(title)):
            stats.boilerplate.append(token.group(1))
            first = first[token.end() :].lstrip()
    return [first, *lines[1:]] if first else lines[1:]


# What a doc site hangs on the echoed title: 范文, .docx, (2), 精选3篇.
TITLE_ECHO_TAIL = re.compile(
    r"(?:范文稿?|范本|模板|\.docx?|\.pdf|\.wps|VIP|[((]\d{1,2}[))]|(?:精选)?\d+篇|\d+字|〖_+〗\d*|_\d+)+"
)
_DECORATED_END = re.compile(r"(?:范文稿?|范本|模板|\.docx?|\.pdf|\.wps|VIP|\d+字)+$")
# Where a glued title may end: before the first punctuation or space of its line.
_GLUE_SEGMENT = re.compile(r"^[^,,。;;::!?!?\s]+")
# What a report's own title names: the issuing body, or a year.
_ISSUER = re.compile(r"局|委|厅|府|办|中心|学校|系统|(?:19|20)\d\d")
GLUE_LINES = 2  # a title is glued to one of the first lines of the body, never later


def _overlap(a: str, b: str) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / max(len(sa | sb), 1)


def strip_glued_title(lines: list[str], title: str, stats: CleanStats) -> tuple[str, list[str]]:
    """A title (with its site decorations: 范文稿, .docx, 3790字) glued to the first words of the text.

    "教育局2020上半年工作总结报告范文稿2020年,教育在…": the longest start of the line that ends in a title word and
    is the title (or, decorated, a title of its own) is cut off; the rest is the text. Returns the title (found here
    when the page had none) and the lines.
    """
    rules = cleaning_rules()
    out = list(lines)
    for index in range(min(GLUE_LINES, len(out))):
        line = out[index]
        segment = _GLUE_SEGMENT.match(line)
        if not segment:
            continue
        best = None
        whole = _DECORATED_END.search(segment.group(0))
        if whole and len(line) > segment.end() and _ISSUER.search(segment.group(0)[: whole.start()]):
            # The whole first word is a decorated title ("…工作总结和…工作准备范文 〖xxxx〗年在…").
            best = (segment.group(0)[: whole.start()], segment.end(), line[segment.end() :].lstrip())
        words = "|".join(map(re.escape, rules.title_words))
        for m in [] if best else re.finditer(words, segment.group(0)):
            prefix = line[: m.end()]
            decoration = TITLE_ECHO_TAIL.match(line, m.end())
            end = decoration.end() if decoration else m.end()
            rest = line[end:].lstrip()
            if len(prefix) < 6 or not rest or rest[0] in ",,。;;::、!?!?)和及与":
                continue
            if title:
                fits = _overlap(_undecorate(prefix, rules), title) >= 0.6
            else:
                fits = index == 0 and "工作" in prefix and _ISSUER.search(prefix) is not None
            if fits or (decoration and _ISSUER.search(prefix)):
                best = (prefix, end, rest)
        if best:
            prefix, end, rest = best
            stats.boilerplate.append(line[:end])
            title = title or _undecorate(prefix, rules)
            out[index] = rest
            break
    return title, out


class _Sequence:
    """The last number seen at each heading level, to tell a real inline heading from a stray 二、."""

    def __init__(self) -> None:
        self.last: dict[int, int] = {}

    def fits(self, level: int, number: int) -> bool:
        last = self.last.get(level, 0)
        return number == 1 or number == last + 1

    def see(self, level: int, number: int) -> None:
        self.last[level] = number
        for deeper in [lv for lv in self.last if lv > level]:
            del self.last[deeper]


# Words that open an enumeration; "第一" is left out because "创建第一批" is no enumeration.
ENUMERATION_OPENERS = ("一是", "首先", "其一")
_HEAD_CONTEXT = re.compile(r"^[^。!?!?;;]{0,40}$")


def split_headings(lines: list[str], rules: Rules, stats: CleanStats) -> list[str]:
    """Put every heading that runs together with text on a line of its own."""
    seq = _Sequence()
    out: list[str] = []
    for line in lines:
        segments = _split_line(line, seq, stats)
        for segment in segments:
            out.extend(_detach_heading(segment, rules))
    return out


def _split_line(line: str, seq: _Sequence, stats: CleanStats) -> list[str]:
    cuts: list[int] = []
    segment_start = 0
    head = marker_at(line, 0)
    if head:
        seq.see(head[0], head[2])
    seg_is_heading = head is not None
    skip_to = 1
    for candidate in MARKER_START.finditer(line, 1):
        pos = candidate.start()
        if pos < skip_to:
            continue
        found = marker_at(line, pos)
        if not found:
            continue
        level, _style, number, end = found
        prev_raw = line[pos - 1]
        if prev_raw.isdigit():
            continue
        prev = line[:pos].rstrip()[-1:]
        segment = line[segment_start:pos]
        after_space = prev_raw in " \t"
        after_sentence = bool(prev) and prev in SENTENCE_ENDS
        after_colon = bool(prev) and prev in "::"
        heading_context = seg_is_heading and _HEAD_CONTEXT.match(segment) is not None and level >= 2
        if level in (3, 4):
            # 1. and (1) inside a paragraph after a colon are an in-text list, not headings.
            allowed = after_space or after_sentence or heading_context
        elif level == 1:
            allowed = after_space or after_sentence or after_colon
        else:
            # (一) rarely sits inside a sentence except in references (第(一)项).
            allowed = not prev or prev not in "第、和及与至或到"
        if not allowed or not seq.fits(level, number):
            continue
        seq.see(level, number)
        cuts.append(pos)
        stats.headings_split += 1
        segment_start = pos
        seg_is_heading = True
        skip_to = end
    if not cuts:
        return [line]
    parts = []
    previous = 0
    for cut in cuts:
        parts.append(line[previous:cut].strip())
        previous = cut
    parts.append(line[previous:].strip())
    return [p for p in parts if p]


def _detach_heading(segment: str, rules: Rules) -> list[str]:
    """Split a level-1/2 heading from the text it runs into (level 3 stays run-in: structure splits it)."""
    found = marker_at(segment, 0)
    if not found or found[0] not in (1, 2):
        return [segment]
    end = found[3]
    rest = segment[end:]
    first_stop = re.search(r"[。!?!?]", rest)
    limit = first_stop.start() if first_stop else len(rest)
    # "(三)重点工作一是瞄准焦点…": the heading has no full stop before the enumeration starts.
    for word in ENUMERATION_OPENERS:
        at = rest.find(word)
        if 0 < at <= 40 and at < limit:
            return [segment[: end + at], rest[at:]]
    # Flattened copies keep a space between a heading and its text: "一、取得的成绩 上半年,…".
    spaced = re.match(r"^([^\s。!?!?;;]{2,40})[ \t]+(\S.{9,})$", rest)
    if spaced:
        return [segment[:end] + spaced.group(1), spaced.group(2)]
    for noun in rules.run_in_nouns:
        at = rest.find(noun)
        cut = at + len(noun)
        if 0 <= at <= 8 and limit > cut + 4 and rest.startswith(rules.run_in_openers, cut):
            return [segment[: end + cut], rest[cut:]]
    if first_stop and limit <= 40 and rest[limit + 1 :].strip():
        return [segment[: end + limit + 1], rest[limit + 1 :].strip()]
    return [segment]
