r"""Regular expressions compiled once a character set: CPython's compiler remembers the sets it has built (one run).

A run of `zongjie` compiles some four hundred expressions (the rule tables of templates/cleaning/ and
templates/mining/, and the modules' own), most with a class of Chinese characters such as [\u4e00-\u9fff]. For each
class, CPython's re compiler (``_optimize_charset``, in Python) marks every code point of every range in a table one
at a time, 21,000 steps for that class alone, and it builds the same class again in every expression that has it,
and twice in an expression that begins with it. That is about half of all the compiling, and the same sets recur.

``remember_charsets`` puts a memory in front of that step for the rest of the process: a set built once (the
same items in the same order, for the same case-folding) is handed back as it was built; and a set without case
folding is built with each range marked by one slice assignment, the rest of the step as the compiler does it. The
compiled programs are the very programs the compiler makes without either (tests/test_regex.py compares them for
every expression a mining process holds). Where this Python's compiler has no such step, or another signature,
nothing is changed.
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
    module._optimize_charset = _remembering(_marking_ranges_whole(module, original))
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


def _marking_ranges_whole(module: Any, original: Callable[..., tuple[list[Any], bool]]) -> Callable[..., tuple[list[Any], bool]]:
    """The compiler's step for a set without case folding, each range marked in its table by one slice assignment
    instead of a Python step a code point (the rest as the compiler does it, line for line); a set with case
    folding, or a compiler without these names, goes to the compiler's own step."""
    names = ("LITERAL", "RANGE", "NEGATE", "CHARSET", "BIGCHARSET", "_mk_bitmap", "_bytes_to_codes")
    if not all(hasattr(module, name) for name in names):
        return original
    literal, range_, negate, charset_op, bigcharset = (getattr(module, name) for name in names[:5])
    mk_bitmap, bytes_to_codes = module._mk_bitmap, module._bytes_to_codes
    ones = b"\x01" * 0x10000

    def optimize_charset(
        charset: list[Any], iscased: Any = None, fixup: Any = None, fixes: Any = None
    ) -> tuple[list[Any], bool]:
        if fixup:
            return original(charset, iscased, fixup, fixes)
        out: list[Any] = []
        tail: list[Any] = []
        charmap = bytearray(256)
        for op, av in charset:
            if op is literal:
                if av >= 256 and len(charmap) == 256:
                    charmap += b"\0" * 0xFF00  # a code point past Latin-1: the table covers the BMP
                if av < 0x10000:
                    charmap[av] = 1
                else:
                    tail.append((op, av))
            elif op is range_:
                low, high = av
                if high >= 256 and len(charmap) == 256:
                    charmap += b"\0" * 0xFF00
                top = min(high, 0xFFFF)
                if low <= top:
                    charmap[low : top + 1] = ones[: top + 1 - low]
                if high > 0xFFFF:
                    tail.append((op, av))  # the part past the BMP is matched as a range
            elif op is negate:
                out.append((op, av))
            else:
                tail.append((op, av))
        # From here on as the compiler does it: at most two runs as literals and ranges, else a bitmap.
        runs: list[tuple[int, int]] = []
        many = False
        q = 0
        while True:
            p = charmap.find(1, q)
            if p < 0:
                break
            if len(runs) >= 2:
                many = True
                break
            q = charmap.find(0, p)
            if q < 0:
                runs.append((p, len(charmap)))
                break
            runs.append((p, q))
        if not many:
            for p, q in runs:
                out.append((literal, p) if q - p == 1 else (range_, (p, q - 1)))
            out += tail
            return (out, False) if len(out) < len(charset) else (charset, False)
        if len(charmap) == 256:
            out.append((charset_op, mk_bitmap(charmap)))
            out += tail
            return out, False
        table = bytes(charmap)
        comps: dict[bytes, int] = {}
        mapping = bytearray(256)
        block = 0
        data = bytearray()
        for i in range(0, 65536, 256):
            chunk = table[i : i + 256]
            if chunk in comps:
                mapping[i // 256] = comps[chunk]
            else:
                mapping[i // 256] = comps[chunk] = block
                block += 1
                data += chunk
        bitmap = mk_bitmap(data)
        bitmap[0:0] = [block, *bytes_to_codes(mapping)]
        out.append((bigcharset, bitmap))
        out += tail
        return out, False

    optimize_charset.__wrapped__ = original  # type: ignore[attr-defined]
    return optimize_charset
