"""The facts file described for a form: every key with its type, required mark, help text and choices.

Nothing here is a second copy of the schema. The keys, their order and the Python types come from the key
tables (``*_KEYS``) and dataclasses of facts/model.py; the help texts and "必填" marks from the comments of the
shipped skeletons (templates/skeletons/); the choices from the kinds, halves and topic taxonomy. A key added
to a key table and its dataclass (and explained in the skeletons) appears in a form built from this
description without any form code.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import types
import typing
from dataclasses import dataclass
from functools import lru_cache

import yaml

from generator.base.resources import template_path
from generator.facts import model
from generator.taxonomy.kinds import find_kind, load_kinds
from generator.taxonomy.topics import topic_names

# What a form shows for a key: one line of text, a whole number, a number, a date, a list of sentences, a
# list of items (each a group of keys), or a list whose items are a group of keys or a sentence.
KeyType = typing.Literal["text", "integer", "number", "date", "texts", "items", "mixed"]

_NONE = type(None)
_HELP_MARKS = re.compile(r"[((][^()()]*(?:必填|可不填|建议填写)[^()()]*[))]")
_BARE_MARK = re.compile(r"^\s*(?:每项)?(?:必填|可不填|建议填写)\s*[,,;;。]?")
_YAML_HOW = re.compile(r"[,,;;]?\s*(?:每(?:条|项)一行[,,]?)?以「- [^」]*」开头")
_COMMENT_ENTRY = re.compile(r"^#\s{2,}(?:-\s+)?([^\s::#]+)\s*[::]\s*(.*)$")


@dataclass(frozen=True)
class KeyInfo:
    """One key of the facts file as a form shows it."""

    key: str  # the Chinese key of the YAML
    field: str  # the attribute of the model's dataclass it fills
    type: KeyType
    required: bool = False
    help: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()
    # Choices that only suggest (the topics: a writer's own topic may be allowed): typed, with a list to pick from.
    open_choices: bool = False
    # For items and mixed: the keys of one item, in the order of its key table.
    item: tuple[KeyInfo, ...] = ()
    # Top-level keys only: whether the skeleton of the kind lists the key (the others are optional extras), and
    # whether it writes out a blank entry to fill in (工作, 计划).
    in_skeleton: bool = True
    blank_in_skeleton: bool = False

    def child(self, key: str) -> KeyInfo | None:
        return next((k for k in self.item if k.key == key), None)


@dataclass(frozen=True)
class FactsDescription:
    """The top-level keys of one kind's facts file, skeleton keys first."""

    kind: str
    keys: tuple[KeyInfo, ...]

    def get(self, key: str) -> KeyInfo | None:
        return next((k for k in self.keys if k.key == key), None)


def describe(kind: str | None = None) -> FactsDescription:
    """The description of the facts file of ``kind`` (中文名 or id; None or unknown: the first kind)."""
    found = find_kind((kind or "").strip()) or load_kinds()[0]
    return _describe(found.name)


@lru_cache(maxsize=16)
def _describe(kind: str) -> FactsDescription:
    known = find_kind(kind)
    assert known is not None  # describe() passes a kind's name
    own = _skeleton_help(known.id)
    helps = _Helps(list(own.top_order), dict(own.text), dict(own.required), set(own.with_entries))
    order = list(helps.top_order)
    # Keys the kind's skeleton leaves out are explained by the skeletons that have them (never marked 必填).
    for other in (k.id for k in load_kinds()):
        for place, value in _skeleton_help(other).text.items():
            helps.text.setdefault(place, value)
    required = set(model.REQUIRED) | set(known.requires)
    keys = [
        _info(
            key,
            name,
            _field_types(model.Facts)[name],
            model.Facts,
            helps,
            required=key in required or helps.required.get((model.Facts, key), False),
            stack=(model.Facts,),
        )
        for key, name in _key_table(model.Facts).items()
    ]
    keys = [
        dataclasses.replace(k, in_skeleton=k.key in order, blank_in_skeleton=k.key in own.with_entries) for k in keys
    ]
    keys.sort(key=lambda k: (order.index(k.key) if k.key in order else len(order)))
    return FactsDescription(kind=kind, keys=tuple(keys))


# -- the model: key tables, dataclasses and their field types


@lru_cache(maxsize=1)
def _tables() -> dict[type, dict[str, str]]:
    """Each dataclass of facts/model.py with its key table: the largest ``*_KEYS`` table naming only its fields."""
    classes = [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
    ]
    tables = [value for name, value in vars(model).items() if name.endswith("_KEYS") and isinstance(value, dict)]
    found: dict[type, dict[str, str]] = {}
    for cls in classes:
        names = {f.name for f in dataclasses.fields(cls)}
        fitting = [t for t in tables if t and set(t.values()) <= names]
        if fitting:
            found[cls] = max(fitting, key=len)
    return found


def _key_table(cls: type) -> dict[str, str]:
    return _tables().get(cls, {})


@lru_cache(maxsize=16)
def _field_types(cls: type) -> dict[str, typing.Any]:
    return typing.get_type_hints(cls, vars(model))


def _members(hint: typing.Any) -> list[typing.Any]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(hint) if a is not _NONE]
    return [hint]


def _kind_of(hint: typing.Any) -> tuple[KeyType, type | None]:
    """The form type of a field's annotation, with the dataclass of its items for lists of groups."""
    members = _members(hint)
    if len(members) == 1 and typing.get_origin(members[0]) is list:
        inner = _members(typing.get_args(members[0])[0])
        groups = [m for m in inner if isinstance(m, type) and m in _tables()]
        if groups:
            return ("mixed" if str in inner else "items"), groups[0]
        return "texts", None
    if members and all(m in (int, float) for m in members):
        return ("integer" if members == [int] else "number"), None
    if members == [datetime.date]:
        return "date", None
    # str, and any type the model may add that a writer types as text (a number as written, say).
    return "text", None


def _info(
    key: str,
    name: str,
    hint: typing.Any,
    owner: type,
    helps: _Helps,
    *,
    required: bool,
    stack: tuple[type, ...],
) -> KeyInfo:
    key_type, group = _kind_of(hint)
    item: tuple[KeyInfo, ...] = ()
    if group is not None:
        # A group inside itself (a figure's 「其中」 parts) is described once more, without its own list.
        types_of = _field_types(group)
        item = tuple(
            _info(k, n, types_of[n], group, helps, required=helps.required.get((group, k), False), stack=(*stack, group))
            for k, n in _key_table(group).items()
            if not (group in stack and _kind_of(types_of[n])[1] is group)
        )
    help_text, example = helps.text.get((owner, key), ("", ""))
    return KeyInfo(
        key=key,
        field=name,
        type=key_type,
        required=required,
        help=help_text,
        example=example,
        choices=_choices(owner, name),
        # Only 类型 and 半年 take nothing else; a topic may be the writer's own, a status may be spelt otherwise.
        open_choices=not (owner is model.Facts and name in ("kind", "half")),
        item=item,
    )


def kind_names() -> tuple[str, ...]:
    """The kinds of report, 中文名, in the table's order."""
    return tuple(k.name for k in load_kinds())


def _choices(owner: type, name: str) -> tuple[str, ...]:
    if owner is model.Facts and name == "kind":
        return kind_names()
    if owner is model.Facts and name == "half":
        return model.HALVES
    if name == "topic":
        return tuple(dict.fromkeys(topic_names().values()))
    return _value_table(name)


def _value_table(name: str) -> tuple[str, ...]:
    """The values a field takes, when facts/model.py names a table after it: PLAN_STATUSES for ``status``,
    HONOUR_LEVELS for ``level`` (a tuple of the values, or a dict keyed by them)."""
    plural = (f"_{name.upper()}S", f"_{name.upper()}ES")
    for table_name, table in vars(model).items():
        if not table_name.endswith(plural) or not isinstance(table, tuple | dict) or not table:
            continue
        values = tuple(table)
        if all(isinstance(v, str) for v in values):
            return values
    return ()


# -- help texts and required marks from the skeletons' comments


@dataclass
class _Helps:
    top_order: list[str]
    text: dict[tuple[type, str], tuple[str, str]]
    required: dict[tuple[type, str], bool]
    with_entries: set[str]


def _clean(comment: str, key: str) -> tuple[str, str, bool]:
    """(help, example, required) from one comment line about ``key``."""
    text = comment.strip()
    text = re.sub(rf"^{re.escape(key)}\s*[::]\s*", "", text)
    required = "必填" in text and "可不填" not in text
    example = ""
    found = re.search(r"[。;;,,]?\s*例[::]\s*(.*)$", text)
    if found:
        example = found.group(1).strip()
        text = text[: found.start()]
    text = _BARE_MARK.sub("", _HELP_MARKS.sub("", text))
    # How to type a list in YAML is no help in a form, which has a box a line.
    return re.sub(r"^[\s,,;;。::]+|[\s,,;;。::]+$", "", _YAML_HOW.sub("", text)), example, required


@lru_cache(maxsize=8)
def _skeleton_help(kind_id: str) -> _Helps:
    helps = _Helps([], {}, {}, set())
    path = template_path("skeletons", f"{kind_id}.yaml")
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return helps
    lines = text.split("\n")
    for key_node, value_node, owner, item_cls in _key_nodes(root, model.Facts):
        key = key_node.value
        if owner is model.Facts:
            helps.top_order.append(key)
            if value_node is not None and isinstance(value_node, yaml.SequenceNode) and value_node.value:
                helps.with_entries.add(key)
        # The comment block right above the key: its first line is the key's help; "  KEY: …" lines in it
        # explain the keys of the key's items.
        block: list[str] = []
        index = key_node.start_mark.line - 1
        while index >= 0 and lines[index].strip().startswith("#"):
            block.insert(0, lines[index].strip())
            index -= 1
        if block:
            first = block[0].lstrip("#").strip()
            if not _COMMENT_ENTRY.match(block[0]):
                help_text, example, required = _clean(first, key)
                helps.text.setdefault((owner, key), (help_text, example))
                helps.required.setdefault((owner, key), required)
        for line in block:
            entry = _COMMENT_ENTRY.match(line)
            target = item_cls or owner
            if not entry or entry.group(1) not in _key_table(target):
                continue
            sub, rest = entry.group(1), entry.group(2)
            # "数据:数字事实;荣誉:本部分获得的荣誉" explains two keys on one line.
            rest = re.split(r"[;;]\s*(?=[^\s::;;]+[::])", rest)[0]
            if "#" in rest:  # "- 项目: 新建幼儿园   # 说的是什么(必填)": an example, then the help
                example, _, note = rest.partition("#")
                help_text, _, required = _clean(note, sub)
                value = (help_text, example.strip())
            else:
                help_text, example, required = _clean(rest, sub)
                value = (help_text, example)
            helps.text.setdefault((target, sub), value)
            helps.required.setdefault((target, sub), required)
    return helps


def _key_nodes(
    node: yaml.Node | None, owner: type
) -> typing.Iterator[tuple[yaml.ScalarNode, yaml.Node, type, type | None]]:
    """Every key of the skeleton with the dataclass it belongs to and, for list keys, their items' dataclass."""
    if not isinstance(node, yaml.MappingNode):
        return
    table = _key_table(owner)
    types_of = _field_types(owner)
    for key_node, value in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in table:
            continue
        _, group = _kind_of(types_of[table[key_node.value]])
        yield key_node, value, owner, group
        if group is not None and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                yield from _key_nodes(item, group)
