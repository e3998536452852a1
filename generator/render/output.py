"""Atomic output: render the whole draft in memory, write it beside the target, then rename it into place."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from generator.base import interrupts
from generator.drafting.model import Draft
from generator.errors import OutputError, os_reason
from generator.render.profile import Profile, load_profile

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given (docx, md or txt), otherwise from the file's suffix."""
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        fmt = {"markdown": "md", "text": "txt"}.get(fmt, fmt)
        if fmt not in ("docx", "md", "txt"):
            raise OutputError(f"不支持的输出格式“{fmt}”", hint="请用 docx、md 或 txt")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise OutputError(
        f"无法从文件名判断输出格式(扩展名“{suffix or '无'}”)",
        path=path,
        hint="请把文件名改为以 .docx、.md 或 .txt 结尾,或用 --format 指定格式",
    )


def render(draft: Draft, fmt: str, profile: Profile | str | Path | None = None) -> bytes:
    """The complete file content in ``fmt``; nothing touches the disk here."""
    if fmt == "docx":
        from generator.render.docx import render_docx

        resolved = profile if isinstance(profile, Profile) or profile is None else load_profile(profile)
        return render_docx(draft, resolved)
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
) -> Path:
    """Write the draft to ``path`` as docx, md or txt (``fmt`` None: from the suffix) and return the path.

    The file appears whole or not at all: the content is rendered in memory, written to a temporary file in
    the same folder, flushed to disk, then renamed over the target. An existing file is replaced only with
    ``force``. Every failure is an OutputError naming the path and what to do.
    """
    target = Path(path).expanduser()
    fmt = format_for(target, fmt)
    check_target(target, force)
    content = render(draft, fmt, profile)
    return write_atomic(target, content, force=force)


def write_atomic(path: str | Path, data: bytes | str, *, force: bool) -> Path:
    """Write ``data`` (str as UTF-8 with \\n line ends) to ``path`` whole or not at all, and return the path.

    The one file writer of the project: a temporary file beside the target, flushed to disk, then renamed
    over it (only with ``force`` if the target exists, never replacing a file that appeared meanwhile). The
    file gets the mode the user's umask gives. Every failure is an OutputError in Chinese naming the path;
    the old file, if any, is untouched and no temporary file is left behind.
    """
    target = Path(path).expanduser()
    check_target(target, force)
    content = data.encode("utf-8") if isinstance(data, str) else data
    _write_atomic(target, content, force)
    return target


def check_target(target: Path, force: bool) -> None:
    """Refuse, before any work is done, an output path that cannot or must not be written."""
    if target.is_dir():
        raise OutputError(
            "输出路径是一个文件夹", path=target, hint=f"请在后面加上文件名,例如 {target / '工作总结.docx'}"
        )
    if target.exists() and not target.is_file():
        # A device node, a pipe or a socket: writing would block or vanish, and --force would replace the node
        # itself with a regular file. Neither is what anyone means; a draft goes to an ordinary file.
        raise OutputError(
            "输出路径不是普通文件(是设备、管道或套接字),不会向它写入,加 --force 也不会替换它",
            path=target,
            hint="请换一个普通文件名,例如 草稿.docx",
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise OutputError(
            f"输出文件夹不存在:{folder}", path=target, hint="请先创建这个文件夹,或换一个输出路径"
        )
    if not folder.is_dir():
        raise OutputError(f"{folder} 不是文件夹", path=target, hint="请换一个输出路径")
    if target.exists() and not force:
        raise OutputError("文件已存在,如需覆盖请加 --force", path=target)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"没有权限在文件夹 {folder} 中写入", path=target, hint="请换一个有写权限的文件夹")


def _write_atomic(target: Path, content: bytes, force: bool) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    # Ctrl-C or SIGTERM while the temporary file exists waits until it is renamed into place or removed.
    with interrupts.deferred():
        try:
            handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _os_error(exc, target, folder) from None
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            _match_mode(temp, target)
            if force:
                os.replace(temp, target)
            else:
                _rename_no_clobber(temp, target)
        except BaseException as exc:
            # Whatever went wrong (disk full, a bug), the target is untouched and the half-written copy goes.
            temp.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _os_error(exc, target, folder) from None
            raise
        interrupts.record_written(target)
    _sync_folder(folder)


# A file name may take 255 bytes; the temporary name adds a dot, a dot, 8 random characters and ".tmp".
_NAME_MAX = 255
_TEMP_EXTRA = len("..") + 8 + len(".tmp")


def _temp_prefix(name: str) -> str:
    """'.<name>.' for the temporary file, the name shortened (whole characters) so that any legal name fits."""
    room = _NAME_MAX - _TEMP_EXTRA
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > room:
        name = encoded[:room].decode("utf-8", "ignore")
    return f".{name}."


def _rename_no_clobber(temp: Path, target: Path) -> None:
    """Rename without ever replacing a file that appeared meanwhile: a hard link fails if the target exists."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputError("文件已存在,如需覆盖请加 --force", path=target) from None
    except OSError:
        # File systems without hard links (FAT, some network shares): check, then rename.
        if target.exists():
            raise OutputError("文件已存在,如需覆盖请加 --force", path=target) from None
        os.replace(temp, target)
        return
    temp.unlink()


def _match_mode(temp: Path, target: Path) -> None:
    # mkstemp creates 0600; a draft is an ordinary document, so give it what the user's umask (or the file it
    # replaces) would give.
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder entry is on disk; not every platform allows this.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _os_error(exc: OSError, target: Path, folder: Path) -> OutputError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"没有权限在文件夹 {folder} 中写入", path=target, hint="请换一个有写权限的文件夹")
    if exc.errno == errno.ENOSPC:
        return OutputError(
            "磁盘空间不足,文件没有写入", path=target, hint="请清理磁盘空间后重试,原有文件未被改动"
        )
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError("文件名过长", path=target, hint="请换一个短一些的文件名")
    return OutputError(
        f"写入失败({os_reason(exc)})", path=target, hint="请检查路径和磁盘后重试,原有文件未被改动"
    )
