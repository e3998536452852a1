"""Variation: wording the composer chooses must not repeat a phrase already said in the same section.

A section holds the writer's words (measures, items, honours) and stock wording (headings, leads, closes). Stock
wording may not repeat any four-character run of other stock wording in the section (扎实推进 twice), nor echo
the writer: a whole phrase of its own (应助尽助) or six characters running (学前教育扩容提质) that the writer
already wrote. The field's own terms (学校建设, 教师队伍: the taxonomy's names, aliases and keywords) are no
repetition. The checker (drafting/checks.py) counts with the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING

from generator.taxonomy.topics import term_grams

if TYPE_CHECKING:
    from generator.facts.model import Area, Facts

_HAN = re.compile("[\u4e00-\u9fff]+")
# The arithmetic's own words: every comparison says them, and that is no repetition of a phrase.
_FORMULA = re.compile(
    r"(?:比上年|较上年|同比)(?:增加|增长|提高|减少|下降)|与上年持平|个百分点|(?:超额)?完成(?:年度|全年)?目标(?:任务)?的?"
    r"|高于目标|低于目标|其中"
)
_SEGMENT = re.compile(r"[^,，、;；。:：!！?？“”\"()（）\s]+")


def writer_strings(facts: Facts, areas: Iterable[Area] | None = None) -> tuple[str, ...]:
    """Everything the writer wrote that a draft may repeat word for word, clause by clause, longest first.

    ``areas``: only these areas' words (with the file's own: unit, region, problems, honours…); default all.
    """
    found: set[str] = set()
    for area in [*facts.work, *facts.plans] if areas is None else areas:
        found.update(str(m.text) for m in area.measures)
        found.update(m.result or "" for m in area.measures)
        found.update(f.item for m in area.measures for f in m.data)
        found.update(f.item for f in area.data)
        found.update(x for h in area.honours for x in (h.name, h.winner, h.count))
        found.update(x for m in area.measures for h in m.honours for x in (h.name, h.winner, h.count))
        found.add(area.heading or "")
    found.update(facts.problems)
    found.update(g if isinstance(g, str) else g.item for g in facts.goals)
    found.update(x for h in facts.honours for x in (h.name, h.winner, h.count))
    found.update(f.item for f in facts.figures)
    for text in (facts.opening, facts.closing, facts.approach, facts.theme, facts.unit, facts.region, facts.superior,
                 facts.campaign, facts.stage, facts.title, facts.signature):
        if text:
            found.add(text)
    parts: set[str] = set()
    for text in found:
        # The writer's own sentences are matched clause by clause: the draft punctuates them anew.
        parts.update(p for p in _SEGMENT.findall(text.strip()) if len(p) >= 2)
    return tuple(sorted(parts, key=len, reverse=True))


def grams46(text: str) -> tuple[set[str], set[str]]:
    """The runs of four and of six Chinese characters in a text, in one pass."""
    four: set[str] = set()
    six: set[str] = set()
    for run in _HAN.findall(text):
        size = len(run)
        if size >= 4:
            four.update([run[i : i + 4] for i in range(size - 3)])
            if size >= 6:
                six.update([run[i : i + 6] for i in range(size - 5)])
    return four, six


def grams(text: str, n: int) -> set[str]:
    """The runs of n Chinese characters in a text."""
    out: set[str] = set()
    for run in _HAN.findall(text):
        if len(run) >= n:
            out.update([run[i : i + n] for i in range(len(run) - n + 1)])
    return out


class Context:
    """The text of a section so far, kept as the runs a candidate could repeat: four- and six-character runs of
    stock wording (the writer's words taken out) and six-character runs of everything. Grows block by block."""

    def __init__(self, writer: Iterable[str], terms: Iterable[str] = ()) -> None:
        self.writer = tuple(writer)
        self.terms = term_grams() | _term_runs(terms)
        self.text = ""
        self.stock4: set[str] = set()
        self.stock6: set[str] = set()
        self.six: set[str] = set()

    def stock(self, text: str) -> str:
        """The text with the arithmetic's words and the writer's words taken out: what the composer chose."""
        stock = _FORMULA.sub("\n", text)
        for words in self.writer:
            if words in stock:
                stock = stock.replace(words, "\n")
        return stock

    def add(self, text: str) -> None:
        four, six = grams46(self.stock(text))
        self.text += text + "\n"
        self.stock4 |= four
        self.stock6 |= six
        self.six |= grams(text, 6)

    def repeats(self, candidate: str, seen: str = "", terms: Iterable[str] = ()) -> list[str]:
        """The phrases of a candidate that the section (and ``seen``, words not yet written) already holds:
        empty when it is fresh. ``terms``: more words that are no repetition (the section's topic).

        Stock against stock: any four characters running. Stock against the writer's words, either way: six
        characters running, or a whole phrase of the stock (between punctuation, four to eight characters)."""
        return self.probe(seen, terms).repeats(candidate)

    def probe(self, seen: str = "", terms: Iterable[str] = ()) -> Probe:
        """The section with ``seen`` added, for testing several candidates (nothing is copied)."""
        return Probe(self, seen, self.terms | _term_runs(terms))


class Probe:
    """A section plus words not yet written, against which candidates are tested one after another."""

    def __init__(self, context: Context, seen: str, skip: Set[str]) -> None:
        self.context = context
        stock = context.stock(seen) if seen else ""
        self.seen = seen
        self.stock4, self.stock6 = grams46(stock)
        self.six = grams(seen, 6)
        self.skip = skip

    def repeats(self, candidate: str) -> list[str]:
        c = self.context
        own = c.stock(candidate)
        four, six = grams46(own)
        found = [g for g in four if g in c.stock4 or g in self.stock4]
        found += [g for g in six if g in c.six or g in self.six]
        found += [g for g in grams(_FORMULA.sub("\n", candidate), 6) if g in c.stock6 or g in self.stock6]
        found += [
            seg for seg in _SEGMENT.findall(own) if 4 <= len(seg) <= 8 and (seg in c.text or seg in self.seen)
        ]
        return sorted(g for g in set(found) if g not in self.skip)


def _term_runs(terms: Iterable[str]) -> set[str]:
    return {t[i : i + 4] for t in terms for i in range(len(t) - 3)}
