"""Chunk markers: the document site's running page numbers 1、2、3、… removed and the text they cut rejoined."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.base.markers import marker_at

if TYPE_CHECKING:
    from generator.corpus.clean import CleanStats

# Where a list item may end: a chunk number after one of these starts a new line, it does not cut a sentence.
ITEM_END = "。!?!?;;::"
CLOSING_QUOTES = '”’"」』'


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


def join_chunks(text: str, stats: CleanStats) -> str:
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
