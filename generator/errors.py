"""One error family: every message a user sees names the file, the line and what to do."""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
        # Set by ErrorCollector when this error stands for several found in one pass over a file.
        self.others: list[ZongjieError] = []
        self.truncated = False  # the collector stopped at its limit: more errors may follow

    @property
    def errors(self) -> list[ZongjieError]:
        """Every error this one reports: itself, or each one a collector gathered (in line order)."""
        return self.others or [self]

    def where(self) -> str:
        if self.path and self.line:
            return f"{self.path} 第 {self.line} 行"
        if self.path:
            return self.path
        return ""

    def __str__(self) -> str:
        if self.others:
            return _many_text(self.others, self.truncated)
        return self.single()

    def single(self) -> str:
        """This error alone, on one line: where, what, how to fix."""
        head = self.where()
        text = f"{head}:{self.message}" if head else self.message
        if self.hint:
            text += f"。{self.hint}" if not text.endswith(("。", "!", "?")) else self.hint
        text = _LINE_BREAKS.sub(" ", text)
        return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# A file with more mistakes than this is reported in parts: the first ones, then the rest on the next run.
MAX_ERRORS = 30


def _many_text(errors: list[ZongjieError], truncated: bool) -> str:
    count = f"至少 {len(errors)} 处" if truncated else f"{len(errors)} 处"
    paths = {error.path for error in errors}
    head = f"{paths.pop()}:" if len(paths) == 1 and None not in paths else ""
    lines = [f"{head}共发现 {count}错误,按行号列出,请逐条改正:"]
    lines.extend(f"  {number}. {error.single()}" for number, error in enumerate(errors, start=1))
    if truncated:
        lines.append(f"  (只列出前 {len(errors)} 处;改正后再检查一次,会列出其余的错误)")
    return "\n".join(lines)


class ErrorCollector:
    """Gathers the errors found in one pass over a file, so that a run reports them all at once.

    A checker calls ``add`` for each fault (or wraps the work on one entry in ``with collector.guard():``,
    which records a raised ZongjieError and carries on with the next entry), then ``raise_if_any()``. One
    error is raised as it is; several are raised as a copy of the first (same class, exit code and label)
    whose ``errors`` lists them all in line order. At ``limit`` errors the walk stops: the rest of a badly
    broken file would only bury the first mistakes.
    """

    def __init__(self, limit: int = MAX_ERRORS) -> None:
        self.limit = limit
        self.found: list[ZongjieError] = []
        self._seen: set[tuple[str | None, int | None, str]] = set()

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def add(self, error: ZongjieError) -> None:
        for one in error.errors:
            key = (one.path, one.line, one.message)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.found.append(one)
        if len(self.found) >= self.limit:
            raise self.combined(truncated=True)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Record a ZongjieError raised inside the block and carry on after it."""
        try:
            yield
        except ZongjieError as error:
            if error.truncated:
                raise  # a nested walk already reached the limit
            self.add(error)

    def lines(self) -> set[int]:
        """The lines that already have an error (a later check may skip what they would make it repeat)."""
        return {e.line for e in self.found if e.line is not None}

    def combined(self, truncated: bool = False) -> ZongjieError:
        ordered = sorted(self.found, key=lambda e: (e.path or "", e.line is None, e.line or 0))
        first = ordered[0]
        if len(ordered) == 1 and not truncated:
            return first
        many = type(first).__new__(type(first))
        many.__dict__.update(first.__dict__)
        Exception.__init__(many, first.message)
        many.others = ordered
        many.truncated = truncated
        return many

    def raise_if_any(self) -> None:
        if self.found:
            raise self.combined()


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


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to a mistyped ``word``, or None (difflib is imported only when a guess is needed)."""
    import difflib

    found = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(guess: str | None) -> str:
    """The one wording of a guess: 「您是不是想写「…」?」, or "" when there is none (see suggest)."""
    return f"您是不是想写「{guess}」?" if guess else ""
