"""Printing what came from a file without letting it drive the terminal."""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.table import Table

# C0 and C1 control characters (an ESC starts a sequence that can retitle, recolour or clear the terminal; CR
# and backspace overwrite what is shown) and the bidirectional overrides that reorder a line. Line feed and Tab
# are layout and stay.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` with every control character shown as an escape (\\x1b, \\u202e) instead of acting."""
    return _UNSAFE.sub(_escape, str(text))


def echo(text: object = "", *, err: bool = False) -> None:
    """typer.echo for anything that may hold a file's content: the file's words, its name, a path."""
    typer.echo(safe(text), err=err)


# Cells that rich would read as markup ([bold]), an emoji code (:smile:) or an escape, or lay out otherwise.
_RICH_TEXT = re.compile(r"[\[\]:\\\t\n\r]")


def plain_table(
    title: str,
    headers: list[str],
    right: list[bool],
    rows: list[list[str]],
    sections: set[int],
    width: int,
) -> str | None:
    """A table laid out character for character as rich lays out ``Table(title=…)`` on a console of ``width``
    without colour (piped output), or None when rich would lay it out otherwise (too wide: it wraps cells;
    markup-like text) and so must draw it itself. Drawing with rich costs a tenth of a second for a large corpus:
    it measures and styles every cell through its renderables. ``sections`` are the row numbers a rule goes before
    (Table.add_section), ``right`` the right-justified columns.
    """
    from rich.cells import cell_len

    cells = [headers, *rows]
    if any(_RICH_TEXT.search(cell) or _UNSAFE.search(cell) for row in cells for cell in row) or _RICH_TEXT.search(title):
        return None
    widths = [max(cell_len(row[n]) for row in cells) for n in range(len(headers))]
    total = sum(widths) + 3 * len(widths) + 1
    if total > width or cell_len(title) > total:
        return None

    def line(left: str, fill: str, cross: str, end: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + end

    def row(values: list[str], bar: str) -> str:
        out = []
        for value, size, at_right in zip(values, widths, right, strict=True):
            pad = " " * (size - cell_len(value))
            out.append(f" {pad}{value} " if at_right else f" {value}{pad} ")
        return bar + bar.join(out) + bar

    left = (total - cell_len(title)) // 2
    lines = [" " * left + title + " " * (total - cell_len(title) - left)]
    lines.append(line("┏", "━", "┳", "┓"))
    lines.append(row(headers, "┃"))
    lines.append(line("┡", "━", "╇", "┩"))
    for number, values in enumerate(rows):
        if number in sections:
            lines.append(line("├", "─", "┼", "┤"))
        lines.append(row(values, "│"))
    lines.append(line("└", "─", "┴", "┘"))
    return "\n".join(lines) + "\n"


# What makes rich treat a stream as a terminal whatever it is (its own switches), besides a terminal itself.
_RICH_SWITCHES = ("FORCE_TERMINAL", "FORCE_COLOR", "TTY_COMPATIBLE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def rich_table(
    title: str, headers: list[str], right: list[bool], rows: list[list[str]], sections: set[int]
) -> Table:
    """The table as rich draws it on a terminal: plain_table's twin, drawn by rich itself (imports rich)."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for header, at_right in zip(headers, right, strict=True):
        table.add_column(header, justify="right" if at_right else "left")
    for number, values in enumerate(rows):
        if number in sections:
            table.add_section()
        table.add_row(*values)
    return table


def rich_terminal(stream: IO[str]) -> bool:
    """Whether rich may draw on ``stream`` as on a terminal (progress bars, colours): a terminal, or one of
    rich's environment switches set (then rich decides). Otherwise plain text is what it would print anyway."""
    if any(name in os.environ for name in _RICH_SWITCHES):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
