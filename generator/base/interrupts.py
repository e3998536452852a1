"""Ctrl-C and SIGTERM: stop at once, but never in the middle of putting a file in place, and say what was written.

The command line installs ``handlers()`` for its run. A signal then raises ``Interrupted`` (a BaseException, so
that no ``except Exception`` swallows it) where the program is, except inside ``deferred()``: a file writer
holds that while its temporary file exists, so the signal waits until the file is renamed into place or the
temporary file is removed, and is raised then. ``written`` lists the files put in place during the run, for the
message that says what was and was not written.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The user (Ctrl-C) or the system (SIGTERM) asked the program to stop; exits 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def cause(self) -> str:
        return "按下了 Ctrl-C" if self.signum == signal.SIGINT else f"收到终止信号 {signal.Signals(self.signum).name}"


_state = threading.local()
# Files put in place, in order, since handlers() was entered.
written: list[Path] = []


def _depth() -> int:
    return getattr(_state, "depth", 0)


def _handler(signum: int, frame: FrameType | None) -> None:
    if _depth() > 0:
        _state.pending = signum
        return
    raise Interrupted(signum)


@contextmanager
def handlers(restore: bool = True) -> Iterator[None]:
    """Turn SIGINT and SIGTERM into Interrupted for the duration (main thread only; a no-op elsewhere).

    With ``restore`` False (the program itself, about to exit) the signals are ignored afterwards instead: the
    outcome has been printed, and a signal during interpreter shutdown must not turn it into a kill (Python
    resets its own handlers to the default then, but leaves an ignored signal ignored).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Callable[..., object] | int | None] = {}
    for signum in SIGNALS:
        previous[signum] = signal.signal(signum, _handler)
    written.clear()
    try:
        yield
    finally:
        for number, handler in previous.items():
            if not restore:
                handler = signal.SIG_IGN
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a signal until the block is done (a file is in place or its temporary copy removed), then raise it."""
    _state.depth = _depth() + 1
    try:
        yield
    finally:
        _state.depth = _depth() - 1
        pending = getattr(_state, "pending", None)
        if _state.depth == 0 and pending is not None:
            _state.pending = None
            raise Interrupted(pending)


def record_written(path: Path) -> None:
    written.append(path)


def interrupted_message(stop: Interrupted) -> str:
    """One line: that the run was interrupted, why, and which files were and were not written."""
    if written:
        names = "、".join(str(p) for p in written[:5]) + (f" 等 {len(written)} 个文件" if len(written) > 5 else "")
        return f"已中断({stop.cause}):已完整写出 {names};其余没有写出"
    return f"已中断({stop.cause}):没有写出任何文件,原有的文件未被改动"
