"""The corpus document tree: what `structure` recovers from a cleaned report and `mine` reads."""

from __future__ import annotations

from dataclasses import dataclass, field

# Heading levels by marker style, as GB/T 9704 numbers them.
MARKER_LEVELS = {"一、": 1, "(一)": 2, "1.": 3, "(1)": 4}


@dataclass
class Item:
    """One member of an in-paragraph enumeration: 一是/二是…, 首先/其次…, 第一/第二…."""

    marker: str  # as written, e.g. "一是" or "首先"
    text: str  # the item's text, marker removed


@dataclass
class Paragraph:
    """A body paragraph with the source line it starts on (1-based, in the cleaned text)."""

    text: str
    line: int
    items: list[Item] = field(default_factory=list)
    # The part of the paragraph before its first enumeration marker (a lead sentence), when items exist.
    lead: str = ""


@dataclass
class Section:
    """A heading and what it holds.

    ``level`` is 1 for 一、, 2 for (一), 3 for 1. / 1、, 4 for (1); 0 for a part heading such as
    下半年工作打算, which has no marker. ``marker`` is as written ("一、", "(一)", "1、", "1."),
    ``style`` the normalised marker style (a key of MARKER_LEVELS, or "" for a part).
    ``title`` is the heading text without marker; for a run-in heading ("1.基层党建不断深入。本年…")
    the heading is the first sentence and the rest goes to ``paragraphs``.
    """

    level: int
    marker: str
    style: str
    title: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    run_in: bool = False

    @property
    def is_part(self) -> bool:
        return self.level == 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    """A cleaned, structured report."""

    source: str  # file name
    title: str = ""
    date: str = ""
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # Paragraphs after the last section that read as a close (signature, 结尾).
    closing: list[Paragraph] = field(default_factory=list)

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def outline_lines(self) -> list[str]:
        """The headings one a line, indented two spaces a level, with the marker as written."""
        lines: list[str] = []

        def visit(section: Section, depth: int) -> None:
            lines.append("  " * depth + section.marker + section.title)
            for child in section.children:
                visit(child, depth + 1)

        for section in self.sections:
            visit(section, 0)
        return lines
