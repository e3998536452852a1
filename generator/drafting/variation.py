"""Variation: wording the composer chooses must not repeat a phrase already said in the same section.

A section holds the writer's words (measures, items, honours) and stock wording (headings, leads, closes). Stock
wording may not repeat any four-character run of other stock wording in the section (扎实推进 twice), nor echo
the writer: a whole phrase of its own (应助尽助) or six characters running (学前教育扩容提质) that the writer
already wrote. The field's own terms (学校建设, 教师队伍: the taxonomy's names, aliases and keywords) are no
repetition. The checker (drafting/checks.py) counts with the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.taxonomy.topics import term_grams

if TYPE_CHECKING:
    from generator.facts.model import Facts

_HAN = re.compile("[\u4e00-\u9fff]+")
# The arithmetic's own words: every comparison says them, and that is no repetition of a phrase.
_FORMULA = re.compile(
    r"(?:比上年|较上年|同比)(?:增加|增长|提高|减少|下降)|与上年持平|个百分点|(?:超额)?完成(?:年度|全年)?目标(?:任务)?的?"
    r"|高于目标|低于目标|其中"
)
_SEGMENT = re.compile(r"[^,，、;；。:：!！?？“”\"()（）\s]+")


def writer_strings(facts: Facts) -> tuple[str, ...]:
    """Everything the writer wrote that a draft may repeat word for word, longest first."""
    found: set[str] = set()
    for area in [*facts.work, *facts.plans]:
        found.update(str(m.text) for m in area.measures)
        found.update(m.result or "" for m in area.measures)
        found.update(f.item for m in area.measures for f in m.data)
        found.update(f.item for f in area.data)
        found.update(x for h in area.honours for x in (h.name, h.winner, h.count))
        found.update(x for m in area.measures for h in m.honours for x in (h.name, h.winner, h.count))
        if area.heading:
            found.add(area.heading)
    found.update(facts.problems)
    found.update(x for h in facts.honours for x in (h.name, h.winner, h.count))
    found.update(f.item for f in facts.figures)
    for text in (
        facts.opening,
        facts.closing,
        facts.approach,
        facts.theme,
        facts.unit,
        facts.region,
        facts.superior,
        facts.campaign,
        facts.stage,
        facts.title,
        facts.signature,
    ):
        if text:
            found.add(text)
    parts: set[str] = set()
    for text in found:
        # The writer's own sentences are matched clause by clause: the draft punctuates them anew.
        parts.update(p for p in _SEGMENT.findall(text.strip()) if len(p) >= 2)
    return tuple(sorted(parts, key=len, reverse=True))


def grams(text: str, n: int) -> set[str]:
    """The runs of n Chinese characters in a text."""
    out: set[str] = set()
    for run in _HAN.findall(text):
        out.update(run[i : i + n] for i in range(len(run) - n + 1))
    return out


class Context:
    """The text of a section so far, split into the writer's words and stock wording."""

    def __init__(self, text: str, writer: Iterable[str], terms: Iterable[str] = ()) -> None:
        self.text = text
        # The section's own topic (a writer's own 领域 is no taxonomy term) is no repetition either.
        self.terms = term_grams() | {t[i : i + 4] for t in terms for i in range(len(t) - 3)}
        stock = _FORMULA.sub("\n", text)
        for words in writer:
            if words in stock:
                stock = stock.replace(words, "\n")
        self.stock = stock
        self.stock_grams = grams(stock, 4) - self.terms
        self.six = grams(text, 6) - self.terms

    def repeats(self, candidate: str) -> list[str]:
        """The phrases of a candidate that the section has already said (empty: it is fresh)."""
        candidate = _FORMULA.sub("\n", candidate)
        found = [g for g in grams(candidate, 4) if g in self.stock_grams]
        found += [g for g in grams(candidate, 6) if g in self.six]
        found += [
            seg
            for seg in _SEGMENT.findall(candidate)
            if 4 <= len(seg) <= 8 and seg in self.text and seg not in self.terms
        ]
        return sorted(set(found))
