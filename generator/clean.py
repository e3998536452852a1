"""Stage 2, clean: strip web noise from a scraped report and mark what was cut out, keeping the rest verbatim.

Conventions the later stages rely on: a placeholder of the source is wrapped as 〖XX〗, a number cut out of the
text is the token 〖缺〗 where the number should be, a number with a year spliced into it is 〖疑:532023〗.
Nothing else uses 〖〗. Rules are data: templates/cleaning/*.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import TemplateError
from generator.markers import MARKER_START, marker_at
from generator.resources import template_path
from generator.rules import compile_rule, load_rules

HOLE = "〖缺〗"
OPEN, CLOSE = "〖", "〗"
VALID_MARK = re.compile(r"〖(?:缺|疑:\d+|[Xx#*＊_＿ＸＸｘ]+)〗")

SENTENCE_END = "。!?!?"
# Where a list item may end: a chunk number after one of these starts a new line, it does not cut a sentence.
ITEM_END = "。!?!?;;::"
CLOSING_QUOTES = '”’"」』'
_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_PINYIN_LOWER = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_CJK = "\u4e00-\u9fff"
# A gloss: pinyin with at least one tone mark, in brackets of either width; scraped files sometimes lose the
# opening bracket to a "?" (mojibake of the bracket).
PINYIN_GLOSS = re.compile(rf"(?:[((（]|\?)[{_PINYIN_LETTERS}]*[{_TONE}][{_PINYIN_LETTERS}]*[))）]\^?")
# Where a gloss that had lost its bracket to "?" was taken out (\x00 cannot occur after _normalise).
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
# A page holding several reports marks each with 篇一、篇二…:
# "篇一:《…总结》" opening a line, or "…总结篇一" / "…总结(篇一)" closing it; not "论文50篇一等奖".
ARTICLE_LEAD = re.compile(r"^(.{0,40}?\s)?篇[一二三四五六七八九十]{1,3}\s*(?:[::]\s*(.{0,40}?))?\s*$")
ARTICLE_TAIL = re.compile(r"^(.{2,40}?)\s*[((]?篇[一二三四五六七八九十]{1,3}[))]?\s*$")
NUMBERED_ARTICLE = re.compile(r"^(.{4,40}?(?:总结|计划|报告|汇报|讲话|要点))\s*(\d{1,2})\s*$")
DATE_DIGITS = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
SIGNATURE_DATE = re.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日\s*$"
)


@dataclass
class CleanStats:
    """What the cleaner did to one document: removals, joins, conversions, repairs and marks."""

    chars_in: int = 0
    chars_out: int = 0
    boilerplate: list[str] = field(default_factory=list)  # removed lines, as they were
    title_decorations: list[str] = field(default_factory=list)
    chunk_markers: int = 0
    traditional_chars: int = 0
    pinyin_glosses: int = 0
    spun: Counter[str] = field(default_factory=Counter)  # "原那么→原则": count
    placeholders: Counter[str] = field(default_factory=Counter)  # "XX": count
    holes: int = 0
    corrupted: list[str] = field(default_factory=list)
    headings_split: int = 0
    extra_articles: int = 0  # further reports on the same page (篇二, 篇三…), left out
    unbalanced_quotes: int = 0  # paragraphs whose “ and ” do not pair up (a closing quote lost in scraping)
    truncated: bool = False  # the text stops mid-sentence (the page ended)
    spin_threshold: float = 1.0

    @property
    def spun_total(self) -> int:
        return sum(self.spun.values())

    @property
    def spin_rate(self) -> float:
        """Spun-form repairs per 1,000 characters of cleaned text."""
        return 1000.0 * self.spun_total / max(self.chars_out, 1)

    @property
    def heavy_spinning(self) -> bool:
        return self.spin_rate > self.spin_threshold

    def as_dict(self) -> dict[str, Any]:
        return {
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "boilerplate_lines": len(self.boilerplate),
            "title_decorations": list(self.title_decorations),
            "chunk_markers": self.chunk_markers,
            "traditional_chars": self.traditional_chars,
            "pinyin_glosses": self.pinyin_glosses,
            "spun": dict(self.spun),
            "placeholders": dict(self.placeholders),
            "holes": self.holes,
            "corrupted": list(self.corrupted),
            "headings_split": self.headings_split,
            "extra_articles": self.extra_articles,
            "unbalanced_quotes": self.unbalanced_quotes,
            "truncated": self.truncated,
            "spin_rate": round(self.spin_rate, 2),
            "heavy_spinning": self.heavy_spinning,
        }


@dataclass
class CleanResult:
    """A cleaned report: one paragraph or heading a line, the title and date found, and the stats.

    ``title`` has the site's decorations removed (范文, (2), .docx…); ``date`` is the signature date
    ("2024年12月20日") when the report has one, else the date the site gives ("2020-07-04"), else "".
    """

    source: str
    lines: list[str]
    title: str = ""
    date: str = ""
    stats: CleanStats = field(default_factory=CleanStats)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# ---------------------------------------------------------------------------------------------- rules


@dataclass
class _Rules:
    line_boilerplate: list[re.Pattern[str]]
    head: list[re.Pattern[str]]
    inline: list[re.Pattern[str]]
    any_length: list[re.Pattern[str]]
    max_boilerplate_chars: int
    tail: list[re.Pattern[str]]
    tail_body_min: int
    decorations: list[re.Pattern[str]]
    title_words: tuple[str, ...]
    max_title_chars: int
    placeholders: list[tuple[re.Pattern[str], bool]]
    holes: list[re.Pattern[str]]
    lone_point: re.Pattern[str]
    corrupt_units: str
    spun: list[tuple[re.Pattern[str], str, re.Pattern[str] | None, str]]
    spin_threshold: float
    context_window: int
    run_in_nouns: list[str]
    run_in_openers: tuple[str, ...]


def load_cleaning_yaml(name: str) -> dict[str, Any]:
    """One rules file of templates/cleaning/ as a mapping; a missing or broken file is a TemplateError."""
    data = load_rules("cleaning", name)
    if not isinstance(data, dict):
        raise TemplateError("清洗规则文件应是一个映射(键: 值)", path=template_path("cleaning", name))
    return data


def _compile(pattern: str, name: str, what: str) -> re.Pattern[str]:
    return compile_rule(pattern, "cleaning", name, what)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    bp = load_cleaning_yaml("boilerplate.yaml")
    title = load_cleaning_yaml("title.yaml")
    holes = load_cleaning_yaml("holes.yaml")
    spun = load_cleaning_yaml("spun.yaml")
    heads = load_cleaning_yaml("headings.yaml")
    numerals = str(holes["numerals"])
    not_words = "|".join(re.escape(str(w)) for w in holes.get("not_words") or []) or "(?!)"
    spun_entries = []
    for entry in spun.get("entries") or []:
        context = entry.get("context")
        spun_entries.append(
            (
                _compile(entry["pattern"], "spun.yaml", "换词复原表"),
                str(entry["replacement"]),
                _compile(context, "spun.yaml", "换词复原表") if context else None,
                str(entry.get("note", "")),
            )
        )
    return _Rules(
        line_boilerplate=[_compile(p, "boilerplate.yaml", "杂质行规则") for p in bp["line"]],
        max_boilerplate_chars=int(bp.get("max_line_chars", 160)),
        head=[_compile(p, "boilerplate.yaml", "页眉规则") for p in bp.get("head") or []],
        inline=[_compile(p, "boilerplate.yaml", "行内杂质规则") for p in bp.get("inline") or []],
        any_length=[_compile(p, "boilerplate.yaml", "整段杂质规则") for p in bp.get("any_length") or []],
        tail=[_compile(p, "boilerplate.yaml", "页脚规则") for p in bp["tail"]],
        tail_body_min=int(bp.get("tail_body_min_chars", 80)),
        decorations=[_compile(p, "title.yaml", "标题装饰规则") for p in title["decorations"]],
        title_words=tuple(title["title_words"]),
        max_title_chars=int(title.get("max_title_chars", 48)),
        placeholders=[
            (_compile(e["pattern"], "holes.yaml", "占位符规则"), bool(e.get("empty", False)))
            for e in holes["placeholders"]
        ],
        holes=[
            _compile(
                e["pattern"].replace("{numerals}", numerals).replace("{not_words}", not_words),
                "holes.yaml",
                "空洞规则",
            )
            for e in holes["holes"]
        ],
        lone_point=_compile(holes["lone_decimal_point"], "holes.yaml", "小数点规则"),
        corrupt_units=str(holes["corrupt_year_units"]),
        spun=spun_entries,
        spin_threshold=float(spun.get("heavy_per_1000", 1.0)),
        context_window=int(spun.get("context_window", 12)),
        run_in_nouns=sorted((str(n) for n in heads.get("run_in_nouns") or []), key=len, reverse=True),
        run_in_openers=tuple(str(w) for w in heads.get("run_in_openers") or []),
    )


_OPENCC: Any = None


def _opencc() -> Any:
    # One converter for the process; imported on first use so that `import generator` stays cheap.
    global _OPENCC
    if _OPENCC is None:
        import opencc

        _OPENCC = opencc.OpenCC("t2s")
    return _OPENCC


# ---------------------------------------------------------------------------------------------- entry


def clean_text(text: str, source: str = "<文本>") -> CleanResult:
    """Clean one report's text: boilerplate, chunk markers, run-in headings, script, spinning, holes."""
    rules = _rules()
    stats = CleanStats(chars_in=len(text), spin_threshold=rules.spin_threshold)
    text = _normalise(text)
    text = _strip_glosses(text, stats, rules)
    text = _to_simplified(text, stats)
    lines = [line.strip() for line in text.split("\n")]

    kept, removed = _drop_boilerplate(lines, rules)
    stats.boilerplate.extend(removed)
    kept = _first_article(kept, rules, stats)
    title, raw_title, kept = _find_title(kept, removed, rules, stats)
    date = _find_date(kept, removed)

    body = _join_chunks("\n".join(kept), stats)
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    lines = _strip_title_echo(lines, title, raw_title, stats)
    lines = _split_headings(lines, rules, stats)

    years = set(re.findall(r"((?:19|20)\d\d)\s*年", "\n".join(lines)))
    out: list[str] = []
    for line in lines:
        line = _repair_spun(line, rules, stats)
        line = _mark(line, rules, stats, years)
        if line.strip():
            out.append(line)
    if title:
        title = _mark(title, rules, CleanStats(), years)
    stats.chars_out = sum(len(line) for line in out)
    stats.unbalanced_quotes = sum(1 for line in out if line.count("“") != line.count("”"))
    if out:
        last = out[-1]
        stats.truncated = last[-1] not in '。!?!?”’"」』)》' and not SIGNATURE_DATE.match(last)
    return CleanResult(source=source, lines=out, title=title, date=date, stats=stats)


def clean_file(path: str | Path) -> CleanResult:
    """Read a report file (.txt in any common encoding, or .docx) and clean it."""
    from generator.read import read_document

    source = read_document(path)
    return clean_text(source.text, source=source.path)


# ---------------------------------------------------------------------------------------------- steps


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").replace("\x00", "")
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


def _strip_glosses(text: str, stats: CleanStats, rules: _Rules) -> str:
    # Placeholders are set aside first: "资金XX万元" is a hole to fill, never a gloss's leftovers.
    parked: list[str] = []

    def park(m: re.Match[str]) -> str:
        parked.append(m.group(0))
        return f"\x00{len(parked) - 1}\x00"

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
    return re.sub("\x00(\\d+)\x00", lambda m: parked[int(m.group(1))], text)


def _to_simplified(text: str, stats: CleanStats) -> str:
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


def _is_boilerplate(line: str, rules: _Rules) -> bool:
    if any(p.search(line) for p in rules.any_length):
        return True
    return len(line) <= rules.max_boilerplate_chars and any(p.search(line) for p in rules.line_boilerplate)


def _drop_boilerplate(lines: list[str], rules: _Rules) -> tuple[list[str], list[str]]:
    """Drop boilerplate lines; after a footer marker, drop everything that does not read as body text."""
    kept: list[str] = []
    removed: list[str] = []
    in_tail = False
    in_head = True
    for index, line in enumerate(lines):
        if not line:
            kept.append(line)
            continue
        if in_head and any(p.search(line) for p in rules.head) and len(line) <= rules.max_boilerplate_chars:
            removed.append(line)
            continue
        if (
            not in_tail
            and any(p.search(line) for p in rules.tail)
            and len(line) <= rules.max_boilerplate_chars
        ):
            rest = [x for x in lines[index + 1 :] if x]
            if not any(_reads_as_body(x, rules) for x in rest):
                in_tail = True
        if in_tail or _is_boilerplate(line, rules):
            removed.append(line)
            continue
        for pattern in rules.inline:
            m = pattern.search(line)
            if m:
                removed.append(m.group(0).strip())
                line = line[: m.start()].rstrip()
        kept.append(line)
        in_head = False
    return kept, removed


def _reads_as_body(line: str, rules: _Rules) -> bool:
    return len(line) >= rules.tail_body_min and line[-1] in SENTENCE_END and not _is_boilerplate(line, rules)


def _article_header(line: str) -> str | None:
    """The report name on an article header line ("" when it names none), or None for an ordinary line."""
    lead = ARTICLE_LEAD.match(line)
    if lead:
        return lead.group(2) or lead.group(1) or ""
    tail = ARTICLE_TAIL.match(line)
    if tail and not re.search(r"[,,。;;]", tail.group(1)):
        return tail.group(1)
    return None


def _first_article(kept: list[str], rules: _Rules, stats: CleanStats) -> list[str]:
    """Keep the first of several reports on one page; its header line becomes the title line."""
    headers = [
        i for i, line in enumerate(kept) if line and len(line) <= 60 and _article_header(line) is not None
    ]
    if not headers:
        # "…工作总结1", "…工作总结2": numbered copies of the page title.
        numbered = [
            (i, NUMBERED_ARTICLE.match(line)) for i, line in enumerate(kept) if line and len(line) <= 50
        ]
        found = [(i, m) for i, m in numbered if m]
        if len(found) >= 2 and [int(m.group(2)) for _, m in found[:2]] == [1, 2]:
            stats.extra_articles += len(found) - 1
            stats.boilerplate.extend([x for x in kept[: found[0][0]] if x])
            stats.boilerplate.append(f"(另有 {len(found) - 1} 篇未收:自“{kept[found[1][0]]}”起)")
            return [found[0][1].group(1)] + kept[found[0][0] + 1 : found[1][0]]
        return kept
    start = headers[0]
    end = headers[1] if len(headers) > 1 else len(kept)
    stats.extra_articles += len(headers) - 1
    name = (_article_header(kept[start]) or "").strip().strip("《》")
    if len(headers) > 1:
        stats.boilerplate.append(f"(另有 {len(headers) - 1} 篇未收:自“{kept[headers[1]]}”起)")
    stats.boilerplate.append(kept[start])
    head = [line for line in kept[:start] if line]
    # Text above the first header is the page's own introduction, not the report.
    stats.boilerplate.extend(head)
    body = kept[start + 1 : end]
    return ([name] if name else []) + body


def _undecorate(title: str, rules: _Rules, found: list[str] | None = None) -> str:
    changed = True
    while changed:
        changed = False
        for pattern in rules.decorations:
            m = pattern.search(title)
            if m and m.group(0) and len(title) > len(m.group(0)):
                if found is not None:
                    found.append(m.group(0).strip())
                title = (title[: m.start()] + title[m.end() :]).strip()
                changed = True
    return title


def _title_like(text: str, rules: _Rules) -> bool:
    stripped = _undecorate(text, rules)
    return (
        0 < len(stripped) <= rules.max_title_chars
        and not re.search(r"[。!?!?;;,,]", stripped)
        and stripped.endswith(rules.title_words)
    )


def _find_title(
    kept: list[str], removed: list[str], rules: _Rules, stats: CleanStats
) -> tuple[str, str, list[str]]:
    """The report's title (decorations removed), the raw form it had, and the lines without it."""
    non_empty = [i for i, line in enumerate(kept) if line]
    raw = ""
    # Site furniture above the title (site name, slogan, menu): short lines before a title-like line.
    for position, index in enumerate(non_empty[:6]):
        line = kept[index]
        if _title_like(line, rules) and not marker_at(line, 0):
            above = [kept[i] for i in non_empty[:position]]
            if all(len(x) <= 120 and x[-1] not in SENTENCE_END for x in above):
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
        again = []
        for line in kept:
            if line and len(line) <= rules.max_title_chars + 30 and _undecorate(line, rules) == title:
                stats.boilerplate.append(line)
            else:
                again.append(line)
        kept = again
    return title, raw, kept


def _find_date(kept: list[str], removed: list[str]) -> str:
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


@dataclass
class _Candidate:
    number: int
    start: int  # where the removal starts (joins: end of the previous text)
    end: int  # end of the marker
    marker_start: int
    strong: bool  # continues the previous text mid-sentence
    at_line_start: bool


_CHUNK_MARKER = re.compile(r"(?<![\d.．])(\d{1,3})、(?!\d{1,3}、)")
# Doc sites cut pages of several hundred characters; real list items that run on without a full stop are shorter.
CHUNK_MIN_GAP = 200


def _join_chunks(text: str, stats: CleanStats) -> str:
    """Remove the document site's running chunk numbers 1、2、3、… and rejoin what they cut in two.

    A chunk marker starts a page-sized block and usually falls mid-sentence (or mid-number), so the text before
    it does not end a sentence. Real list items 1、2、 follow a finished sentence and are close together.
    """
    candidates: list[_Candidate] = []
    for m in _CHUNK_MARKER.finditer(text):
        before = text[: m.start()]
        back = before.rstrip(" \t")
        at_line_start = back.endswith("\n") or not back
        core = back.rstrip()
        prev = core[-1:] if core else ""
        sentence_end = bool(prev) and (
            prev in ITEM_END or (prev in CLOSING_QUOTES and core[-2:-1] in ITEM_END)
        )
        if at_line_start:
            strong = not sentence_end
        else:
            # Inline, a chunk number sits right after a word cut short, never after punctuation.
            if not ("\u4e00" <= prev <= "\u9fff" or prev.isdigit() and before.endswith((" ", "\t"))):
                continue
            strong = True
        start = len(core) if strong else m.start()
        candidates.append(_Candidate(int(m.group(1)), start, m.end(), m.start(), strong, at_line_start))
    chain = _best_chain(candidates)
    strong_count = sum(1 for c in chain if c.strong)
    if len(chain) < 2 or strong_count < 2 or strong_count * 2 < len(chain):
        chain = []
    if chain and chain[0].at_line_start and chain[0].number == 1:
        # The first chunk opens the document: it continues nothing that came before it.
        chain[0].start = chain[0].marker_start
    cuts = sorted([*chain, *_lone_markers(text, candidates, chain)], key=lambda c: c.start)
    if not cuts:
        return text
    pieces: list[str] = []
    cursor = 0
    for c in cuts:
        pieces.append(text[cursor : c.start])
        cursor = c.end
    pieces.append(text[cursor:])
    stats.chunk_markers += len(cuts)
    return "".join(pieces)


def _lone_markers(text: str, candidates: list[_Candidate], chain: list[_Candidate]) -> list[_Candidate]:
    """Chunk numbers outside the chain that still cut a sentence ("我们积极与" / "3、县发改委对接").

    Such a number opens a line right after a word cut short (the line before ends in a character or digit and is
    no heading), and it belongs to no list: the line-start number before it is not one less, the one after it
    not one more. A real list item (after a finished sentence, or 1、 2、 3、 in a row) is never taken.
    """
    in_chain = {id(c) for c in chain}
    at_line_start = [c for c in candidates if c.at_line_start]
    lone: list[_Candidate] = []
    for index, c in enumerate(at_line_start):
        if id(c) in in_chain or not c.strong:
            continue
        before = text[: c.marker_start].rstrip()
        if not before:
            continue  # the document starts here: nothing was cut
        previous_line = before.rsplit("\n", 1)[-1].strip()
        last = previous_line[-1]
        if not ("\u4e00" <= last <= "\u9fff" or last.isdigit()) or marker_at(previous_line, 0):
            continue
        before_number = at_line_start[index - 1].number if index else None
        after_number = at_line_start[index + 1].number if index + 1 < len(at_line_start) else None
        if before_number == c.number - 1 or after_number == c.number + 1:
            continue
        lone.append(c)
    return lone


def _best_chain(candidates: list[_Candidate]) -> list[_Candidate]:
    best: list[tuple[int, int, int]] = []  # (strong count, length, previous index)
    for i, c in enumerate(candidates):
        entry = (int(c.strong), 1, -1)
        for j in range(i):
            p = candidates[j]
            if p.number + 1 == c.number and c.marker_start - p.end >= CHUNK_MIN_GAP:
                s, n, _ = best[j]
                option = (s + int(c.strong), n + 1, j)
                if option[:2] > entry[:2]:
                    entry = option
        best.append(entry)
    if not best:
        return []
    index = max(range(len(best)), key=lambda k: best[k][:2])
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = best[index][2]
    return chain[::-1]


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
    if token and _title_like(token.group(1), _rules()):
        echo = _undecorate(token.group(1), _rules())
        if echo and (title.endswith(echo) or echo.endswith(title)):
            stats.boilerplate.append(token.group(1))
            first = first[token.end() :].lstrip()
    return [first, *lines[1:]] if first else lines[1:]


# What a doc site hangs on the echoed title: 范文, .docx, (2), 精选3篇.
TITLE_ECHO_TAIL = re.compile(r"(?:范文|范本|模板|\.docx?|\.pdf|\.wps|[((]\d{1,2}[))]|(?:精选)?\d+篇)+")


# ---------------------------------------------------------------------------------------------- headings


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


def _split_headings(lines: list[str], rules: _Rules, stats: CleanStats) -> list[str]:
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
        after_sentence = bool(prev) and prev in SENTENCE_END
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


def _detach_heading(segment: str, rules: _Rules) -> list[str]:
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


# ---------------------------------------------------------------------------------------------- per line


def _repair_spun(line: str, rules: _Rules, stats: CleanStats) -> str:
    for pattern, replacement, context, _note in rules.spun:
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
    return line


def _mark(line: str, rules: _Rules, stats: CleanStats, years: set[str]) -> str:
    """Wrap placeholders, flag numbers with a year spliced in, and insert holes where numbers were cut."""
    # Placeholders first, so that hole rules see 〗 and never put a hole beside a placeholder.
    for pattern, empty in rules.placeholders:

        def wrap(m: re.Match[str], empty: bool = empty) -> str:
            if empty:
                stats.holes += 1
                return HOLE
            stats.placeholders[m.group(0)] += 1
            return f"{OPEN}{m.group(0)}{CLOSE}"

        line = _sub_outside_marks(pattern, wrap, line)
    line = _mark_corrupt(line, rules, stats, years)

    def point(m: re.Match[str]) -> str:
        stats.holes += 1
        return HOLE

    line = _sub_outside_marks(rules.lone_point, point, line)
    positions: set[int] = set()
    for pattern in rules.holes:
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


def _mark_corrupt(line: str, rules: _Rules, stats: CleanStats, years: set[str]) -> str:
    if not years:
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

    return re.sub(r"(?<![\d.．:/:-])(\d{4,})(?![\d.．]\d|年|届|级|-|—|/)", check, line)
