"""Printing what came from a file without letting it drive the terminal."""

from __future__ import annotations

import re

import typer

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
