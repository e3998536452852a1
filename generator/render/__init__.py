"""Stage: a composed Draft becomes bytes and a file: .docx (GB/T 9704, docx.py), Markdown or plain text (text.py), with
the format profile (profile.py). Entry: output.write_draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.render.text import render_markdown, render_text

if TYPE_CHECKING:
    from generator.drafting.model import Draft
    from generator.render.profile import Profile


def render_docx(draft: Draft, profile: Profile | None = None) -> bytes:
    """The draft as .docx bytes; python-docx is imported only when a .docx is actually rendered."""
    from generator.render.docx import render_docx as _render_docx

    return _render_docx(draft, profile)


__all__ = ["render_docx", "render_markdown", "render_text"]
