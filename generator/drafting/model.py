"""The plain draft model between meaning and format: blocks of text that renderers write out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["title", "subtitle", "heading", "paragraph", "signature", "date"]


@dataclass(frozen=True)
class Span:
    """A run of text. A placeholder is text the writer must still supply (【待补充:…】),
    highlighted in Word; ``strong`` marks a run-in lead (a level-3 heading inside a paragraph).

    ``comment`` is a note for the reviewer (how a figure was computed, what to fill in and where, a warning,
    the data behind an evaluation); the .docx renderer writes it as a Word comment anchored on this span.
    To comment on a whole sentence, give the sentence as one span with the comment."""

    text: str
    placeholder: bool = False
    strong: bool = False
    comment: str = ""


PLACEHOLDER = re.compile("【待补充(?:[:\uff1a](.*))?】")


def placeholder(what: str) -> Span:
    """The one constructor of a visible hole for a fact the writer has not given: 【待补充:what】."""
    return Span(f"【待补充:{what}】", placeholder=True)


def placeholder_label(text: str) -> str | None:
    """What a placeholder's text asks for (「标题」 of 【待补充:标题】), or None when the text is no placeholder."""
    found = PLACEHOLDER.fullmatch(text.strip())
    return (found.group(1) or "") if found else None


@dataclass
class Block:
    """One paragraph of the draft.

    ``kind`` decides the style: title (2号小标宋, centred), subtitle, heading (``level`` 1–4,
    ``marker`` such as "一、" or "(一)" kept apart from the text), paragraph (body, first-line
    indent), signature and date (right-aligned at the end).
    """

    kind: BlockKind
    spans: list[Span]
    level: int = 0
    marker: str = ""
    comment: str = ""  # a reviewer's note on the whole paragraph (written as a Word comment over it)

    @property
    def text(self) -> str:
        return self.marker + "".join(s.text for s in self.spans)

    @property
    def style_name(self) -> str:
        if self.kind == "heading":
            return f"heading{self.level}"
        return self.kind


@dataclass
class PatternUse:
    """Which library entry produced which block (for the summary, `generate --report` and review)."""

    pattern_id: str
    block_index: int


@dataclass
class OutlineUse:
    """A heading the outline itself worded (a node's fixed ``heading``, or its role's default heading when
    ``default``), and the block it became: outline text, not a phrase pattern, reported as its own entry."""

    line: int  # the node's line in the outline file (0 when the outline was built in code)
    block_index: int
    role: str = ""
    default: bool = False


@dataclass
class Draft:
    """A composed draft: blocks in order plus what the summary reports."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    patterns_used: list[PatternUse] = field(default_factory=list)
    outline_used: list[OutlineUse] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def placeholders(self) -> list[str]:
        return [s.text for b in self.blocks for s in b.spans if s.placeholder]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def comments(self) -> list[str]:
        """Every reviewer's note in reading order: a block's own note, then its spans' notes."""
        notes: list[str] = []
        for block in self.blocks:
            if block.comment:
                notes.append(block.comment)
            notes.extend(s.comment for s in block.spans if s.comment)
        return notes

    def dump(self) -> str:
        """A normalised, golden-testable dump: ``style<TAB>text`` a block, placeholders kept visible."""
        return "\n".join(f"{b.style_name}\t{b.text}" for b in self.blocks) + "\n"

    @property
    def sections(self) -> int:
        return sum(1 for b in self.blocks if b.kind == "heading" and b.level == 1)

    @property
    def characters(self) -> int:
        return sum(len(b.text) for b in self.blocks)
