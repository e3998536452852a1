"""A copy of a .docx draft with the sentences `zongjie compare` found reused marked in yellow (nothing else changed)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

_SENTENCE = re.compile(r"[^。!?;！？；]+[。!?;！？；]?")


def highlight_copy(
    draft: Path, target: Path, keys: set[str], key_of: Callable[[str], str], *, force: bool = False
) -> Path:
    """Write ``target``: the draft with every sentence whose key is in ``keys`` highlighted; returns the path."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    from generator.base.files import write_atomic

    document = Document(str(draft))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        text = "".join(run.text for run in paragraph.runs)
        ranges = [
            (m.start(), m.end())
            for m in _SENTENCE.finditer(text)
            if m.group(0).strip() and key_of(m.group(0)) in keys
        ]
        if ranges:
            _mark(paragraph, ranges, WD_COLOR_INDEX.YELLOW)
    buffer = io.BytesIO()
    document.save(buffer)
    return write_atomic(target, buffer.getvalue(), force=force)


def _mark(paragraph, ranges: list[tuple[int, int]], colour) -> None:
    """Highlight the characters in ``ranges``, splitting runs where a range starts or ends inside one."""
    from docx.text.run import Run

    def covered(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in ranges)

    pos = 0
    for run in list(paragraph.runs):
        text = run.text
        start, end = pos, pos + len(text)
        pos = end
        if not text:
            continue
        cuts = sorted({start, end, *(x for a, b in ranges for x in (a, b) if start < x < end)})
        if len(cuts) == 2:
            if covered(start, end):
                run.font.highlight_color = colour
            continue
        for a, b in zip(cuts, cuts[1:], strict=False):
            element = deepcopy(run._r)
            run._r.addprevious(element)
            piece = Run(element, paragraph)
            piece.text = text[a - start : b - start]
            if covered(a, b):
                piece.font.highlight_color = colour
        run._r.getparent().remove(run._r)
