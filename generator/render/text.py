"""Plain renderers: a Draft as Markdown (for review and diffs) or as plain text (for pasting into any editor)."""

from __future__ import annotations

import re

from generator.drafting.model import Block, Draft, Span

# XML 1.0 forbids these, and no editor shows them usefully; lone surrogates cannot even be encoded.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Written as escapes: full-width forms are easily lost to NFKC normalisation by editors and tools.
_HALF_TO_FULL_BRACKETS = str.maketrans({"(": "\uff08", ")": "\uff09"})
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")
INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of a Chinese paragraph


def clean_text(text: str) -> str:
    """Text without control characters and with one kind of line break; < > & " ' are kept as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def heading_marker(block: Block) -> str:
    """The heading's marker with full-width brackets, as GB/T 9704 writes "(一)" and "(1)"."""
    return clean_text(block.marker).translate(_HALF_TO_FULL_BRACKETS)


def render_markdown(draft: Draft) -> str:
    """The draft as Markdown: title as ``#``, headings ``##``–``#####``, placeholders in bold so they stand out."""
    out: list[str] = []
    blocks = draft.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "title":
            # Consecutive title blocks are the lines of one title.
            lines = []
            while index < len(blocks) and blocks[index].kind == "title":
                lines.append(_md_spans(blocks[index].spans, single_line=True))
                index += 1
            out.append("# " + "".join(lines))
            continue
        if block.kind == "heading":
            level = min(max(block.level, 1), 4)
            out.append(
                "#" * (level + 1) + " " + _md_escape(heading_marker(block)) + _md_spans(block.spans, True)
            )
        else:
            out.append(_md_line_start(_md_spans(block.spans, single_line=False)))
        index += 1
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def render_text(draft: Draft) -> str:
    """The draft as plain text: one paragraph a line, body and headings indented with two full-width spaces,
    a blank line after the title and before the signature."""
    lines: list[str] = []
    previous = ""
    for block in draft.blocks:
        text = _spans_text(block)
        if block.kind in ("title", "subtitle"):
            lines.append(text)
        elif block.kind in ("signature", "date"):
            if previous not in ("signature", "date", ""):
                lines.append("")
            lines.append(text)
        else:
            if previous in ("title", "subtitle"):
                lines.append("")
            marker = heading_marker(block) if block.kind == "heading" else ""
            lines.append(INDENT + marker + text)
        previous = block.kind
    return "\n".join(lines) + "\n"


def _spans_text(block: Block) -> str:
    return "".join(clean_text(s.text) for s in block.spans).replace("\n", "")


def block_text(block: Block) -> str:
    """A block's text as the plain-text draft prints it, without the indent: a heading with its marker."""
    marker = heading_marker(block) if block.kind == "heading" else ""
    return marker + _spans_text(block)


def _md_spans(spans: list[Span], single_line: bool) -> str:
    parts = []
    for span in spans:
        text = clean_text(span.text)
        text = text.replace("\n", "" if single_line else "  \n")
        if not text.strip():
            parts.append(text)
            continue
        escaped = _md_escape(text)
        parts.append(f"**{escaped}**" if span.placeholder or span.strong else escaped)
    return "".join(parts)


def _md_escape(text: str) -> str:
    return _MD_INLINE.sub(r"\\\1", text)


def _md_line_start(text: str) -> str:
    # A paragraph that happens to begin with "#", "-" or "1." must not turn into a heading or a list.
    def escape(match: re.Match[str]) -> str:
        if match.group(2):
            return match.group(1) + "\\" + match.group(2)
        return match.group(1) + match.group(3) + "\\" + match.group(4)

    return "\n".join(_MD_LINE_START.sub(escape, line) for line in text.split("\n"))
