"""The shipped data tables (templates/cleaning/, templates/mining/, kinds, topics): safely loaded, mistakes named."""

from __future__ import annotations

import json
import os
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.base.files import cache_dir, write_atomic
from generator.base.resources import template_path
from generator.errors import OutputError, TemplateError, os_reason

_WHAT = {"cleaning": "清洗规则文件", "mining": "挖掘规则文件"}
# libyaml when present: kinds and topics are read on every `zongjie generate`, where the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rules(folder: str, name: str) -> Any:
    """One rules file under templates/<folder>/, safely loaded."""
    return load_table(template_path(folder, name), _WHAT.get(folder, "规则文件"))


def load_table(path: Path, what: str) -> Any:
    """A shipped YAML table, safely loaded; a missing or broken file is a TemplateError naming file and line.

    The loaded data is kept as JSON in the user's cache folder, beside the YAML text it came from: a later
    run that reads the same text takes the JSON (several times faster than YAML, and `zongjie generate` reads
    four tables). Data JSON cannot give back exactly (a date, a number as a key) is simply not kept.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"无法读取{what}({os_reason(exc)})", path=path, hint="请重新安装 zongjie") from None
    cache = _table_cache(path, text)
    if cache is not None:
        try:
            kept = json.loads(cache.read_text(encoding="utf-8"))
            if kept["format"] == _TABLE_FORMAT and kept["source"] == text:
                return kept["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            f"{what}的 YAML 语法有误",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint="请检查缩进和引号",
        ) from None
    if cache is not None:
        _keep(cache, text, data)
    return data


_TABLE_FORMAT = 1


def _table_cache(path: Path, text: str) -> Path | None:
    if os.environ.get("ZONGJIE_NO_CACHE"):
        return None
    # The name only spreads tables apart; the YAML text kept inside decides whether the entry is current.
    return cache_dir() / f"table-{path.stem}-{zlib.crc32(text.encode('utf-8')):08x}.json"


def _keep(cache: Path, text: str, data: Any) -> None:
    try:
        kept = json.dumps({"format": _TABLE_FORMAT, "source": text, "data": data}, ensure_ascii=False)
        # JSON gives back str, int, float, bool, None, list and dict as they were; anything else (a date, a
        # key that is not text) fails here or compares unequal, and the table is read from YAML every time.
        if json.loads(kept)["data"] != data:
            return
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, kept, force=True)
    except (TypeError, ValueError, OSError, OutputError):
        # A read-only home or a full disk only costs the next run its speed.
        pass


def compile_rule(pattern: str, folder: str, name: str, what: str) -> re.Pattern[str]:
    """A rule's regular expression; a broken one names its file and the rule."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise TemplateError(
            f"{what}的正则表达式有误({exc.msg}):{pattern}",
            path=template_path(folder, name),
            hint="请修正这条规则",
        ) from None


def literal_needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every text a rule matches in holds (read off the expression's parse), or None.

    A rule applied to thousands of sentences mostly matches none of them: a text holding none of them cannot
    match (see needed_chars). Only what the expression makes certain counts: literal runs, a group or a repeat
    of at least one, every branch of an alternation, a small class of single characters, a lookahead or
    lookbehind (the text holds what they look at); anything else (case-insensitive rules, ranges, categories,
    negations) gives no need. Of the needs a sequence has, the one with the longest strings is kept. Read once a
    process for each expression (a mask rule is asked twice: needed_chars, and its longer needs).
    """
    return _literal_needs(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _literal_needs(source: str, flags: int) -> tuple[str, ...] | None:
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    if flags & re.IGNORECASE:
        return None
    try:
        tree = parser.parse(source, flags)
    except Exception:  # noqa: BLE001 - an expression this Python's parser reads otherwise: no shortcut
        return None

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        if a is None or b is None:
            return a if b is None else b
        return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b

    def sequence(items: Any) -> set[str] | None:
        best: set[str] | None = None
        run = ""
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                best, run = better(best, {run}), ""
            if op is not None:
                best = better(best, item(op, av))
        return best

    def item(op: Any, av: Any) -> set[str] | None:
        if op is c.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else sequence(av[3])
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                need = sequence(branch)
                if not need:
                    return None
                found |= need
            return found if len(found) <= _MAX_NEEDS else None
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            return sequence(av[2]) if av[0] >= 1 else None
        if op is c.IN:
            if not all(o is c.LITERAL for o, _ in av) or len(av) > _MAX_NEEDS:
                return None
            return {chr(a) for _, a in av}
        if op is c.ASSERT:
            return sequence(av[1])
        return None

    found = sequence(tree)
    return tuple(sorted(found)) if found else None


_MAX_NEEDS = 24
_NEEDED: dict[int, tuple[re.Pattern[str], frozenset[str] | None]] = {}


def needs_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """needed_chars of a rule, read once a process."""
    entry = _NEEDED.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _NEEDED[id(pattern)] = (pattern, needed_chars(pattern))
    return entry[1]


def needed_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every text a rule matches in holds (the first of each literal_needs), or None.

    A rule is skipped on a text whose set of characters (made once for all the rules) has none of them: one set
    operation where the regular expression engine would try the rule at every position."""
    needs = literal_needs(pattern)
    return frozenset(need[0] for need in needs) if needs else None
