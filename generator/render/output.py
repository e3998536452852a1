"""Atomic output: render the whole draft in memory, write it beside the target, then rename it into place."""

from __future__ import annotations

from pathlib import Path

from generator.base.files import check_target, write_atomic
from generator.drafting.model import Draft
from generator.errors import OutputError
from generator.render.profile import Profile, load_profile

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given (docx, md or txt), otherwise from the file's suffix."""
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        fmt = {"markdown": "md", "text": "txt"}.get(fmt, fmt)
        if fmt not in ("docx", "md", "txt"):
            raise OutputError(f"不支持的输出格式「{fmt}」", hint="请用 docx、md 或 txt")
        named = FORMATS.get(Path(path).suffix.lower())
        # A Word file named .md or a Markdown file named .docx opens in nothing; .md and .txt are both text.
        if named is not None and named != fmt and "docx" in (named, fmt):
            raise OutputError(
                f"文件名是 {Path(path).suffix} 结尾,--format 却是 {fmt}:这样写出的文件打不开",
                path=path,
                hint=f"请把文件名改为以 .{fmt} 结尾,或去掉 --format(按扩展名写出 {named})",
            )
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise OutputError(
        f"无法从文件名判断输出格式(扩展名「{suffix or '无'}」)",
        path=path,
        hint="请把文件名改为以 .docx、.md 或 .txt 结尾,或用 --format 指定格式",
    )


def render(
    draft: Draft, fmt: str, profile: Profile | str | Path | None = None, *, comments: bool = True
) -> bytes:
    """The complete file content in ``fmt``; nothing touches the disk here. ``comments``: the reviewer's notes
    as Word comments (.docx only; a text preview carries none)."""
    if fmt == "docx":
        from generator.render.docx import render_docx

        resolved = profile if isinstance(profile, Profile) or profile is None else load_profile(profile)
        return render_docx(draft, resolved, comments=comments)
    from generator.render.text import render_markdown, render_text

    text = render_markdown(draft) if fmt == "md" else render_text(draft)
    # A text file ends with a line break (editors, `cat` and diff expect one).
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def write_draft(
    draft: Draft,
    path: str | Path,
    fmt: str | None = None,
    force: bool = False,
    profile: Profile | str | Path | None = None,
    *,
    comments: bool = True,
) -> Path:
    """Write the draft to ``path`` as docx, md or txt (``fmt`` None: from the suffix) and return the path.

    The file appears whole or not at all: the content is rendered in memory, written to a temporary file in
    the same folder, flushed to disk, then renamed over the target. An existing file is replaced only with
    ``force``. Every failure is an OutputError naming the path and what to do.
    """
    target = Path(path).expanduser()
    fmt = format_for(target, fmt)
    check_target(target, force)
    content = render(draft, fmt, profile, comments=comments)
    return write_atomic(target, content, force=force)


