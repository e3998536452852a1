"""Write library files: stable, diff-friendly YAML for phrase files and outlines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import yaml

from generator.library.model import Outline, Phrase


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any, header: str = "") -> str:
    """Stable, diff-friendly YAML: keys in the order given, Unicode kept, wide lines."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    lines = "".join(f"# {h}\n" if h else "#\n" for h in header.splitlines()) if header else ""
    return lines + body


def dump_phrases(phrases: Iterable[Phrase], origin: str, header: str = "") -> str:
    """A phrase file (origin, then phrases sorted by id) laid out exactly as dump_yaml would, written line by line.

    A mined archive gives thousands of sources: representing them through PyYAML costs more than the mining. The
    layout of a phrase is fixed (Phrase.as_dict's keys, the choices' wordings as block lists), so only its scalars
    go through YAML's rules, cached.
    """
    lines = ["".join(f"# {h}\n" if h else "#\n" for h in header.splitlines()) + f"origin: {_scalar(origin)}"]
    add = lines.append
    ordered = sorted(phrases, key=lambda p: p.id)
    add("phrases:" if ordered else "phrases: []")
    for phrase in ordered:
        if not _simple(phrase):
            # A line break or a very long line: the scalar's layout depends on its indent, so let PyYAML lay it out.
            entry = yaml.dump([phrase.as_dict()], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
            add(entry.rstrip("\n"))
            continue
        add(f"- id: {_scalar(phrase.id)}\n  kind: {_scalar(phrase.kind)}")
        if phrase.topics:
            add("  topics:")
            lines.extend(f"  - {_scalar(topic)}" for topic in phrase.topics)
        else:
            add("  topics: []")
        add(f"  text: {_scalar(phrase.text)}")
        if phrase.slots:
            add("  slots:")
            lines.extend(f"    {_scalar(name)}: {_scalar(kind)}" for name, kind in phrase.slots.items())
        else:
            add("  slots: {}")
        if phrase.choices:
            add("  choices:")
            for name, words in phrase.choices.items():
                if words:
                    add(f"    {_scalar(name)}:")
                    lines.extend(f"    - {_scalar(word)}" for word in words)
                else:
                    add(f"    {_scalar(name)}: []")
        if phrase.family:
            add(f"  family: {_scalar(phrase.family)}")
        add(f"  support: {phrase.support}")
        if phrase.scope:
            add(f"  scope: {_scalar(phrase.scope)}")
        add(f"  origin: {_scalar(phrase.origin)}")
        if phrase.sources:
            add("  sources:")
            lines.extend(
                f"  - file: {_scalar(s.file)}\n    line: {s.line}\n    sentence: {s.sentence}"
                for s in phrase.sources
            )
        else:
            add("  sources: []")
        add(f"  example: {_scalar(phrase.example)}")
    return "\n".join(lines) + "\n"


def _simple(phrase: Phrase) -> bool:
    if phrase.why:
        return False  # a reviewed entry's reason (manual files): PyYAML lays it out
    strings = (
        *(phrase.id, phrase.kind, phrase.text, phrase.family, phrase.origin, phrase.example, *phrase.topics),
        *(*phrase.slots, *phrase.slots.values(), *(s.file for s in phrase.sources)),
        *(*phrase.choices, *(word for words in phrase.choices.values() for word in words)),
    )
    return all(len(v) < 900 and not _BREAKS.search(v) for v in strings)


@lru_cache(maxsize=65536)
def _scalar(value: str) -> str:
    """One string as dump_yaml writes it in block context (plain when it can be, else quoted).

    PyYAML's own choice, made the way its emitter makes it (the scalar analysis and the resolver's implicit tag),
    without a whole dump for each string: plain when the text reads back as this string and may stand plain,
    else single-quoted. A string with a line break, a long one (folded at the width) or one needing double quotes
    (escapes) goes through yaml.dump.
    """
    if value and len(value) < _FAST_MAX and not _BREAKS.search(value):
        # The shapes a mined library is made of, decided as the analysis would decide them: a text starting with
        # a Chinese character in plain Chinese and punctuation (no space, no YAML indicator) is plain and reads
        # back as a string; a pattern starting with {{ is single-quoted (a flow indicator first); an id or a file
        # name of letters, digits and . _ - is plain unless it reads back as something else (2025, yes, null).
        if _PLAIN_CHINESE.fullmatch(value):
            return value
        if _SLOT_FIRST.fullmatch(value):
            return "'" + value + "'"
        if _WORD.fullmatch(value):
            if _ANALYST.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
                return value
            return "'" + value + "'"
        analysis = _ANALYST.analyze_scalar(value)
        if not analysis.multiline:
            if analysis.allow_block_plain and _ANALYST.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
                return value
            if analysis.allow_single_quoted:
                return "'" + value.replace("'", "''") + "'"
    return _dumped_scalar(value)


def _dumped_scalar(value: str) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1000)
    return text[: -len("\n...\n")] if text.endswith("\n...\n") else text.rstrip("\n")


_STR = "tag:yaml.org,2002:str"
# Characters PyYAML writes as they are with allow_unicode (printable, no space, no line break, no indicator where
# they may stand: ASCII punctuation only . _ / ( ) % -, never first).
_QUIET = "\u4e00-\u9fff\u3001-\u303f\uff01-\uffef\u2010-\u2027A-Za-z0-9._/()%\\-"
_PLAIN_CHINESE = re.compile(f"[\u4e00-\u9fff][{_QUIET}]*")
_SLOT_FIRST = re.compile(f"{{[{_QUIET}{{}} ]*")  # no quote inside: nothing to double
_WORD = re.compile("[A-Za-z0-9][A-Za-z0-9_.-]*")
_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")
_FAST_MAX = 400  # well under the width (1000) at any indent a phrase file has: never folded
# The dumper dump_yaml uses, kept for its scalar analysis and its resolver (it never writes: no stream is opened).
_ANALYST = _Dumper(None, allow_unicode=True, width=1000)  # type: ignore[arg-type]


def dump_outline(outline: Outline, header: str = "") -> str:
    """An outline file laid out exactly as dump_yaml would, written line by line: its mappings, lists, strings and
    numbers in block style, each string through _scalar; PyYAML lays out an outline holding anything else."""
    data = outline.as_dict()
    lines: list[str] = []
    if not _block_mapping(data, "", "", lines):
        return dump_yaml(data, header)
    comments = "".join(f"# {h}\n" if h else "#\n" for h in header.splitlines()) if header else ""
    return comments + "\n".join(lines) + "\n"


def _block_mapping(mapping: dict[Any, Any], indent: str, first: str, lines: list[str]) -> bool:
    """Write a mapping in block style at ``indent`` (its first key after ``first``, "- " in a list); False when
    it holds what only PyYAML lays out."""
    for key, value in mapping.items():
        if not isinstance(key, str) or not _WORD.fullmatch(key):
            return False
        lead, first = first or indent, ""
        if isinstance(value, dict):
            if not value:
                lines.append(f"{lead}{_scalar(key)}: {{}}")
                continue
            lines.append(f"{lead}{_scalar(key)}:")
            if not _block_mapping(value, indent + "  ", "", lines):
                return False
        elif isinstance(value, list):
            if not value:
                lines.append(f"{lead}{_scalar(key)}: []")
                continue
            lines.append(f"{lead}{_scalar(key)}:")
            for item in value:  # a list in a mapping stands at the key's indent
                if isinstance(item, dict) and item:
                    if not _block_mapping(item, indent + "  ", indent + "- ", lines):
                        return False
                    continue
                text = _block_scalar(item)
                if text is None:
                    return False
                lines.append(f"{indent}- {text}")
        else:
            text = _block_scalar(value)
            if text is None:
                return False
            lines.append(f"{lead}{_scalar(key)}: {text}")
    return True


def _block_scalar(value: Any) -> str | None:
    if isinstance(value, str) and len(value) < 900 and not _BREAKS.search(value):
        return _scalar(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None  # a boolean, a null, a float, a long or broken line, a nested list: PyYAML's layout
