r"""Regular expressions compiled once a character set: CPython's compiler remembers the sets it has built (one run).

A run of `zongjie` compiles some four hundred expressions (the rule tables of templates/cleaning/ and
templates/mining/, and the modules' own), most with a class of Chinese characters such as [\u4e00-\u9fff]. For each
class, CPython's re compiler (``_optimize_charset``, in Python) marks every code point of every range in a table one
at a time, 21,000 steps for that class alone, and it builds the same class again in every expression that has it,
and twice in an expression that begins with it. That is about half of all the compiling, and the same sets recur.

``remember_charsets`` puts a memory in front of that step for the rest of the process: a set built once (the
same items in the same order, for the same case-folding) is handed back as it was built, so the compiled programs
are the very programs the compiler makes without it (tests/test_regex.py compares them for every shipped rule).
Where this Python's compiler has no such step, or another signature, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

_MEMO_LIMIT = 4096  # sets remembered at most (a run builds a few hundred distinct ones)


def _compiler_module() -> Any:
    import re

    return sys.modules.get("re._compiler") or sys.modules.get("sre_compile") or getattr(re, "_compiler", None)


def remember_charsets() -> bool:
    """Make the re compiler remember the character sets it builds, for this process; whether it now does."""
    module = _compiler_module()
    original = getattr(module, "_optimize_charset", None)
    if getattr(original, "remembers", False):
        return True
    code = getattr(original, "__code__", None)
    if original is None or code is None or code.co_varnames[:4] != ("charset", "iscased", "fixup", "fixes"):
        return False
    module._optimize_charset = _remembering(original)
    return True


def _remembering(original: Callable[..., tuple[list[Any], bool]]) -> Callable[..., tuple[list[Any], bool]]:
    memo: dict[tuple[Any, ...], tuple[list[Any], bool]] = {}

    def optimize_charset(
        charset: list[Any], iscased: Any = None, fixup: Any = None, fixes: Any = None
    ) -> tuple[list[Any], bool]:
        # The set's items are (opcode, int or tuple of ints); the case functions are the same builtins each time,
        # and fixes one module-level table or None.
        try:
            key = (tuple(charset), iscased, fixup, None if fixes is None else id(fixes))
            done = memo.get(key)
        except TypeError:  # an item that cannot be a key: built as the compiler builds it
            return original(charset, iscased, fixup, fixes)
        if done is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            built, hascased = original(charset, iscased, fixup, fixes)
            done = memo[key] = (list(built), hascased)  # the compiler may hand back the caller's own list
        # The compiler only reads what it gets back; each caller still gets a list of its own.
        return list(done[0]), done[1]

    optimize_charset.remembers = True  # type: ignore[attr-defined]
    optimize_charset.__wrapped__ = original  # type: ignore[attr-defined]
    return optimize_charset
