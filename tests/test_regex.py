"""The re compiler's memory of character sets (generator/base/regex.py): the same programs, built once a set."""

from __future__ import annotations

import gc
import re
import sys

import pytest

from generator.base import regex

compiler = sys.modules.get("re._compiler") or __import__("sre_compile")
parser = sys.modules.get("re._parser") or __import__("sre_parse")


def _program(source: str | bytes, flags: int) -> list[int]:
    """The program re.compile hands to the matching engine for an expression."""
    return compiler._code(parser.parse(source, flags), flags)


def _every_expression() -> list[tuple[str | bytes, int]]:
    """Every compiled expression alive once mining's and cleaning's rule tables are loaded (theirs, the modules'
    own, the standard library's and the packages' the program imports), and a few the rules do not use."""
    from generator.corpus.steps.rules import cleaning_rules
    from generator.corpus.steps.spaces import _rules as space_rules
    from generator.mining.clauses import clause_rules
    from generator.mining.outline import kind_rules
    from generator.mining.slot import rules

    cleaning_rules(), space_rules(), clause_rules(), kind_rules(), rules()
    gc.unfreeze()  # a mine run before this test moved the cached tables' expressions out of gc.get_objects' sight
    alive = {(p.pattern, p.flags) for p in gc.get_objects() if isinstance(p, re.Pattern)}
    extra = [
        ("[a-zа-я\u4e00-\u9fff]+", re.IGNORECASE),  # case folding with the fixes table
        ("[^\u4e00-\u9fff\U00020000-\U0002a6df]", 0),  # negated, with a range beyond the BMP
        ("[\U00010000-\U0010ffff]|[\xe0-\u0101]", re.IGNORECASE),
        ("[ \t\u3000\u4e00-\u9fff]", 0),
        (b"[a-z\x80-\xff]", re.IGNORECASE),
        (b"[\x00-\x1f\x7f]", 0),
    ]
    return sorted(alive | set(extra), key=repr)


def _plain_step():
    step = compiler._optimize_charset
    while hasattr(step, "__wrapped__"):
        step = step.__wrapped__
    return step


def test_every_expression_compiles_to_the_same_program_with_the_sets_remembered(monkeypatch):
    plain = _plain_step()
    monkeypatch.setattr(compiler, "_optimize_charset", plain)
    expressions = _every_expression()
    assert len(expressions) > 300  # the rule tables are there
    assert any("\u4e00-\u9fff" in str(source) for source, _ in expressions)
    programs = [_program(source, flags) for source, flags in expressions]

    marking = regex._marking_ranges_whole(compiler, plain)
    assert marking is not plain  # this Python's compiler has the names the step needs
    monkeypatch.setattr(compiler, "_optimize_charset", marking)
    assert [_program(source, flags) for source, flags in expressions] == programs

    monkeypatch.setattr(compiler, "_optimize_charset", regex._remembering(marking))
    # Twice: the second pass takes every set from the memory, in another order of expressions.
    assert [_program(source, flags) for source, flags in expressions] == programs
    assert [_program(source, flags) for source, flags in reversed(expressions)] == programs[::-1]


def test_a_remembered_expression_matches_as_before(monkeypatch):
    plain = _plain_step()
    monkeypatch.setattr(compiler, "_optimize_charset", regex._remembering(regex._marking_ranges_whole(compiler, plain)))
    re.purge()
    han = re.compile("[\u4e00-\u9fff]+")
    again = re.compile("(?:[\u4e00-\u9fff]+)x?")  # the same set, from the memory
    assert han.findall("abc\u4e2d\u6587\uff0c\u5b57123\u9fff") == ["\u4e2d\u6587", "\u5b57", "\u9fff"]
    assert again.match("教育局。").group(0) == "教育局"
    assert re.compile("[A-Z\u4e00]+", re.IGNORECASE).fullmatch("abcXYZ一")


@pytest.mark.skipif(not hasattr(compiler, "_optimize_charset"), reason="this Python's compiler has no such step")
def test_remembering_is_installed_once_and_only_over_the_compilers_own_step(monkeypatch):
    plain = _plain_step()
    monkeypatch.setattr(compiler, "_optimize_charset", plain)
    assert regex.remember_charsets()
    installed = compiler._optimize_charset
    assert _plain_step() is plain and installed is not plain
    assert regex.remember_charsets() and compiler._optimize_charset is installed  # not wrapped twice

    def other(charset, flags):  # another signature: left as it is
        return charset, False

    monkeypatch.setattr(compiler, "_optimize_charset", other)
    assert not regex.remember_charsets()
    assert compiler._optimize_charset is other
