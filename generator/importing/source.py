"""A report file through the corpus pipeline (read, clean, structure), with the place of everything in it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.corpus.doctree import Document, Section
from generator.errors import InputReadError


@dataclass
class Source:
    """A cleaned, structured report and where its lines stand in the file (a .docx: its paragraphs)."""

    path: str
    raw: str
    lines: list[str]
    document: Document
    docx: bool
    traditional: bool = False
    origin: list[int] = field(default_factory=list, repr=False)  # the cleaner's file line of each cleaned line

    def file_line(self, line: int) -> int:
        """The line of the file (paragraph of a .docx), 1-based, where cleaned line ``line`` begins; 0 if unknown."""
        return self.origin[line - 1] if 0 < line <= len(self.origin) else 0

    def texts(self, headings: bool = False) -> Iterator[tuple[str, int, str]]:
        """Every paragraph (and, with ``headings``, every heading): its text, cleaned line and the headings above."""
        for paragraph in self.document.opening:
            yield paragraph.text, paragraph.line, "导语"

        def visit(section: Section, path: list[str]) -> Iterator[tuple[str, int, str]]:
            here = [*path, section.marker + section.title]
            if headings:
                yield section.title, section.line, " / ".join(path or here)
            for paragraph in section.paragraphs:
                yield paragraph.text, paragraph.line, " / ".join(here)
            for child in section.children:
                yield from visit(child, here)

        for section in self.document.sections:
            yield from visit(section, [])
        for paragraph in self.document.closing:
            yield paragraph.text, paragraph.line, "结尾"


def read_source(path: str | Path) -> Source:
    """Read (.txt in any encoding, or .docx), clean and structure a report; an empty one is an InputReadError."""
    from generator.corpus.clean import clean_text
    from generator.corpus.read import read_document
    from generator.corpus.structure import parse_structure

    read = read_document(path)
    cleaned = clean_text(read.text, source=read.path)
    if not cleaned.lines:
        raise InputReadError("清洗后没有正文", path=path, hint="请确认这是一份工作总结")
    return Source(
        path=str(path),
        raw=read.text,
        lines=cleaned.lines,
        document=parse_structure(cleaned),
        docx=read.encoding == "docx",
        traditional=cleaned.stats.traditional_chars > 0,
        origin=cleaned.source_lines,
    )
