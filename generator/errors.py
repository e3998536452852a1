"""One error family: every message a user sees names the file, the line and what to do."""

from __future__ import annotations

import errno
import re
from pathlib import Path

# A message is one line on a terminal: a value quoted from the user's file may hold line breaks (shown as a
# space) or control characters such as ESC (shown escaped, so that they cannot drive the terminal).
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


class ZongjieError(Exception):
    """Root of every error that is the user's input, not our bug.

    ``message`` says what is wrong, ``hint`` what to do; ``path`` and ``line``
    point at the place. The CLI prints ``str(error)`` and exits with ``exit_code``.
    """

    exit_code = 1
    label = "错误"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def where(self) -> str:
        if self.path and self.line:
            return f"{self.path} 第 {self.line} 行"
        if self.path:
            return self.path
        return ""

    def __str__(self) -> str:
        head = self.where()
        text = f"{head}:{self.message}" if head else self.message
        if self.hint:
            text += f"。{self.hint}" if not text.endswith(("。", "!", "?")) else self.hint
        text = _LINE_BREAKS.sub(" ", text)
        return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class InputReadError(ZongjieError):
    """A corpus or input file that cannot be read or decoded."""

    exit_code = 3
    label = "读取错误"


class FactsError(ZongjieError):
    """The writer's facts file is malformed, mistyped or incomplete."""

    exit_code = 4
    label = "事实文件错误"


class TemplateError(ZongjieError):
    """An outline, phrase or profile file (shipped or the user's) has a mistake."""

    exit_code = 5
    label = "模板错误"


class OutputError(ZongjieError):
    """The output cannot be written, or would overwrite a file without --force."""

    exit_code = 6
    label = "输出错误"


class UsageError(ZongjieError):
    """A command was called with arguments that do not fit together."""

    exit_code = 2
    label = "用法错误"


# What an operating system error means for the person at the keyboard.
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EROFS: "磁盘是只读的",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "同时打开的文件太多",
    errno.ELOOP: "路径中的符号链接绕成了圈",
}


def os_reason(exc: OSError) -> str:
    """The Chinese reason for an OSError (never the system's English strerror)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    return f"系统错误 {exc.errno}" if exc.errno else "系统错误"
