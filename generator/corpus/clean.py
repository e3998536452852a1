"""Stage 2, clean: strip web noise from a scraped report and mark what was cut out, keeping the rest verbatim.

Conventions the later stages rely on: a placeholder of the source is wrapped as 〖XX〗, a number cut out of the
text is the token 〖缺〗 where the number should be, a number with a year spliced into it is 〖疑:532023〗.
Nothing else uses 〖〗. Rules are data: templates/cleaning/*.yaml. The steps live in generator/cleaning/.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.corpus.steps.chunks import join_chunks
from generator.corpus.steps.headings import (
    SIGNATURE_DATE,
    find_date,
    find_title,
    split_headings,
    strip_glued_title,
    strip_title_echo,
)
from generator.corpus.steps.locate import line_keys, locate_lines
from generator.corpus.steps.marks import (
    CLOSE,
    HOLE,
    OPEN,
    VALID_MARK,
    mark,
    normalise,
    repair_spun,
    strip_glosses,
    to_simplified,
)
from generator.corpus.steps.page import drop_addresses, drop_boilerplate, first_article, is_boilerplate
from generator.corpus.steps.rules import cleaning_rules, load_cleaning_yaml
from generator.corpus.steps.spaces import join_wrap_spaces

__all__ = [
    "CLOSE",
    "HOLE",
    "OPEN",
    "VALID_MARK",
    "CleanResult",
    "CleanStats",
    "clean_file",
    "clean_text",
    "load_cleaning_yaml",
]


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
    wrap_spaces: int = 0  # spaces of a PDF's layout taken out ("12 所", "承上启 下")
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
            "wrap_spaces": self.wrap_spaces,
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
    title_line: int = 0  # the file line (1-based) of the title; 0 when unknown
    source_lines: list[int] = field(default_factory=list)  # the file line where each of ``lines`` begins (0: unknown)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def clean_text(text: str, source: str = "<文本>") -> CleanResult:
    """Clean one report's text: boilerplate, chunk markers, run-in headings, script, spinning, holes."""
    rules = cleaning_rules()
    stats = CleanStats(chars_in=len(text), spin_threshold=rules.spin_threshold)
    text = normalise(text)
    text, addresses, positions = drop_addresses(text, rules)
    stats.boilerplate.extend(addresses)
    text = strip_glosses(text, stats, rules)
    text = to_simplified(text, stats)
    lines = [line.strip() for line in text.split("\n")]
    # The lines as they stand in the file (simplified, folded), each with its file line: where every output
    # line came from is found among these at the end, never by searching the raw text again.
    located = list(lines)

    kept, removed = drop_boilerplate(lines, rules)
    stats.boilerplate.extend(removed)
    kept = first_article(kept, rules, stats)
    title, raw_title, kept = find_title(kept, removed, rules, stats)
    # What the title line ran on into ("…的报告 2023-11-15") is judged like any other line.
    stats.boilerplate.extend(line for line in kept if line and is_boilerplate(line, rules))
    kept = [line for line in kept if not (line and is_boilerplate(line, rules))]
    date = find_date(kept, removed)

    body = join_chunks("\n".join(kept), stats)
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    title, lines = strip_glued_title(lines, title, stats)
    lines = strip_title_echo(lines, title, raw_title, stats)
    lines = split_headings(lines, rules, stats)
    lines = [part.strip() for line in lines for part in join_wrap_spaces(line, stats).split("\n") if part.strip()]

    years = set(re.findall(r"((?:19|20)\d\d)\s*年", "\n".join(lines)))
    out: list[str] = []
    for line in lines:
        line = repair_spun(line, rules, stats)
        line = mark(line, rules, stats, years)
        if line.strip():
            out.append(line)
    if title:
        title = mark(join_wrap_spaces(title).replace("\n", ""), rules, CleanStats(), years)
    stats.chars_out = sum(len(line) for line in out)
    stats.unbalanced_quotes = sum(1 for line in out if line.count("“") != line.count("”"))
    if out:
        last = out[-1]
        stats.truncated = last[-1] not in '。!?!?”’"」』)》' and not SIGNATURE_DATE.match(last)
    keys = line_keys(located)  # the title and the lines are located apart, in the same source lines
    title_line = locate_lines(located, positions, [title], keys)[0] if title else 0
    # The title is located on its own: a page may repeat it anywhere (breadcrumbs, related links).
    return CleanResult(
        source=source,
        lines=out,
        title=title,
        date=date,
        stats=stats,
        title_line=title_line,
        source_lines=locate_lines(located, positions, out, keys),
    )


def clean_file(path: str | Path) -> CleanResult:
    """Read a report file (.txt in any common encoding, or .docx) and clean it."""
    from generator.corpus.read import read_document

    source = read_document(path)
    return clean_text(source.text, source=source.path)
