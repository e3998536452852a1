"""Wrap spaces: the spaces a PDF conversion leaves between characters and numbers and at its line breaks, taken out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.base.tables import needed_chars
from generator.corpus.steps.marks import HOLE
from generator.corpus.steps.rules import _compile, load_cleaning_yaml

if TYPE_CHECKING:
    from generator.corpus.clean import CleanStats

_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class _SpaceRules:
    join: tuple[re.Pattern[str], ...]
    hole: re.Pattern[str]
    min_gaps: int
    min_segment: int
    # Characters one of which every match of every rule here holds (needed_chars: the space and the tab), or None.
    needs: frozenset[str] | None = None


@lru_cache(maxsize=1)
def _rules() -> _SpaceRules:
    data = load_cleaning_yaml("spaces.yaml")
    wrapped = data.get("wrapped") or {}
    join = tuple(_compile(str(p), "spaces.yaml", "换行空格规则") for p in data.get("join") or [])
    hole = _compile(str(data.get("hole") or "(?!)"), "spaces.yaml", "空格空洞规则")
    needs = [needed_chars(p) for p in (hole, *join, _HAN_GAP)]
    known = [need for need in needs if need is not None]
    return _SpaceRules(
        join=join,
        hole=hole,
        min_gaps=int(wrapped.get("min_gaps", 2)),
        min_segment=int(wrapped.get("min_segment", 8)),
        needs=frozenset().union(*known) if len(known) == len(needs) else None,
    )


def _quoted(line: str, pos: int) -> bool:
    before = line[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


def join_wrap_spaces(line: str, stats: CleanStats | None = None) -> str:
    """The line without the spaces of a PDF's layout: around numbers, and at the breaks of a wrapped paragraph.

    A gap that is a lost line break comes back as "\n": the caller splits the result into lines.
    """
    rules = _rules()
    if rules.needs is not None and rules.needs.isdisjoint(line):
        return line  # no space or tab: no rule here can match (most lines of a report)
    before = line
    line = rules.hole.sub(HOLE, line)
    for pattern in rules.join:
        line = pattern.sub("", line)
    gaps = list(_HAN_GAP.finditer(line))
    if len(gaps) >= rules.min_gaps:
        edges = [0, *(g.start() for g in gaps), len(line)]
        segments = [b - a for a, b in zip(edges, edges[1:], strict=False)]
        inner = segments[1:-1] or segments
        if sum(1 for n in inner if n >= rules.min_segment) * 2 >= len(inner):
            line = _HAN_GAP.sub("", line)
    # What is left is a lost line break, or a gap inside a quoted slogan or title.
    line = _HAN_GAP.sub(lambda m: "" if _quoted(line, m.start()) else "\n", line)
    if stats is not None and line != before:
        stats.wrap_spaces += len(before) - len(line)
    return line
