"""The form's state: the facts as a tree of plain text, read from posted fields or a facts file, written as YAML.

A tree is a dict of the description's top-level keys; a text key holds a str, a list of sentences a list of str,
a list of items a list of dicts (a ``mixed`` item may instead hold the sentence under ``SENTENCE``). Everything is
the text the writer typed: the facts schema (via the YAML this module writes) alone decides what it means.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import ZongjieError
from generator.facts.describe import FactsDescription, KeyInfo

Tree = dict[str, Any]
PREFIX = "f."
# The pseudo-key of a mixed item written as one sentence (never a key of the facts file: those are Chinese).
SENTENCE = "_text"
MAX_ITEMS = 200
_INDEX = re.compile(r"0|[1-9]\d{0,2}")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_PLAIN_UNSAFE = set(":#'\"[]{},&*!|>%@`\\\t\n\r")


class FormError(ZongjieError):
    """A posted form that the page itself would never send (unknown fields, bad indexes)."""

    exit_code = 2
    label = "表单错误"


# -- building and normalising trees


def empty_value(info: KeyInfo) -> Any:
    if info.type == "texts":
        return []
    if info.type in ("items", "mixed"):
        return []
    return ""


def new_item(info: KeyInfo, *, with_rows: bool = True) -> Any:
    """A blank entry of a list key, as the 「添加」 button adds it: with one blank row in each of its own lists
    (a new 工作 comes with a 举措 and a 数据 row to fill in), but not a figure's 「其中」 of the same kind."""
    if info.type == "texts":
        return ""
    item: dict[str, Any] = {child.key: empty_value(child) for child in info.item}
    if info.type == "mixed":
        item[SENTENCE] = ""
    if with_rows:
        for child in info.item:
            if child.type in ("texts", "items") and child.key != info.key and not _same_group(child, info):
                item[child.key] = [new_item(child, with_rows=False)]
    return item


def _same_group(child: KeyInfo, parent: KeyInfo) -> bool:
    return [k.key for k in child.item] == [k.key for k in parent.item][: len(child.item)] and bool(child.item)


def normalise(tree: Mapping[str, Any], keys: Iterable[KeyInfo]) -> Tree:
    """Every key of the description present, with the right shape; unknown keys dropped."""
    out: Tree = {}
    for info in keys:
        value = tree.get(info.key)
        if info.type == "texts":
            out[info.key] = [str(v) for v in value] if isinstance(value, list) else []
        elif info.type in ("items", "mixed"):
            items = []
            for item in value if isinstance(value, list) else []:
                if isinstance(item, Mapping):
                    norm = normalise(item, info.item)
                    if info.type == "mixed":
                        norm[SENTENCE] = str(item.get(SENTENCE, ""))
                    items.append(norm)
                elif info.type == "mixed" and isinstance(item, str):
                    norm = normalise({}, info.item)
                    norm[SENTENCE] = item
                    items.append(norm)
            out[info.key] = items
        else:
            out[info.key] = value if isinstance(value, str) else ""
    return out


def new_tree(description: FactsDescription) -> Tree:
    """The state of a new report: its kind set, one blank entry in each list of items the skeleton shows."""
    tree = normalise({}, description.keys)
    tree["类型"] = description.kind
    for info in description.keys:
        # The lists the skeleton writes out with a blank entry (工作, 计划) start with one on the page too.
        if info.type == "items" and info.in_skeleton and info.blank_in_skeleton:
            tree[info.key] = [new_item(info)]
    return tree


def is_blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_blank(v) for v in value)
    if isinstance(value, Mapping):
        return all(is_blank(v) for v in value.values())
    return value is None


# -- from posted fields


def from_form(fields: Iterable[tuple[str, str]], description: FactsDescription) -> Tree:
    """The tree of the posted ``f.…`` fields; a name the form cannot have raises FormError."""
    tree: dict[str, Any] = {}
    for name, value in fields:
        parts = name[len(PREFIX) :].split(".")
        _place(tree, parts, value.replace("\r\n", "\n").strip(), description.keys, name)
    return normalise(_lists(tree, description.keys), description.keys)


def _unknown(name: str) -> FormError:
    shown = name if len(name) <= 60 else name[:59] + "…"
    return FormError(
        f"表单中有不认识的项「{shown}」",
        hint="这个页面不会发出这样的表单;请从 zongjie serve 打开的页面重新填写",
    )


def _place(node: dict[str, Any], parts: list[str], value: str, keys: Iterable[KeyInfo], name: str) -> None:
    key, rest = parts[0], parts[1:]
    info = next((k for k in keys if k.key == key), None)
    if info is None:
        raise _unknown(name)
    if info.type not in ("texts", "items", "mixed"):
        if rest:
            raise _unknown(name)
        node[key] = value
        return
    if not rest or not _INDEX.fullmatch(rest[0]) or int(rest[0]) >= MAX_ITEMS:
        raise _unknown(name)
    slots = node.setdefault(key, {})
    index = int(rest[0])
    if info.type == "texts":
        if len(rest) != 1:
            raise _unknown(name)
        slots[index] = value
        return
    if len(rest) < 2:
        raise _unknown(name)
    item = slots.setdefault(index, {})
    if info.type == "mixed" and rest[1:] == [SENTENCE]:
        item[SENTENCE] = value
        return
    _place(item, rest[1:], value, info.item, name)


def _lists(node: dict[str, Any], keys: Iterable[KeyInfo]) -> dict[str, Any]:
    """Index-keyed dicts back into lists, in index order."""
    for info in keys:
        slots = node.get(info.key)
        if info.type == "texts" and isinstance(slots, dict):
            node[info.key] = [slots[i] for i in sorted(slots)]
        elif info.type in ("items", "mixed") and isinstance(slots, dict):
            node[info.key] = [_lists(slots[i], info.item) for i in sorted(slots)]
    return node


def form_fields(tree: Tree, prefix: str = PREFIX) -> list[tuple[str, str]]:
    """The fields the page posts for a tree, as its inputs name them (the inverse of from_form)."""
    out: list[tuple[str, str]] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            out.append((name, value))
            continue
        for index, item in enumerate(value):
            if isinstance(item, str):
                out.append((f"{name}.{index}", item))
            else:
                out.extend(form_fields(item, f"{name}.{index}."))
    return out


# -- from a facts file's YAML


def from_node(root: yaml.Node, description: FactsDescription) -> tuple[Tree, list[str]]:
    """The tree of a composed facts file, with a message for each part the form has no place for."""
    notes: list[str] = []
    if not isinstance(root, yaml.MappingNode):
        notes.append("文件的最外层不是一组「键: 值」,没有读出内容")
        return normalise({}, description.keys), notes
    return normalise(_mapping(root, description.keys, notes), description.keys), notes


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag == "tag:yaml.org,2002:null" else node.value.strip()
    return None


def _mapping(node: yaml.MappingNode, keys: Iterable[KeyInfo], notes: list[str]) -> dict[str, Any]:
    keys = list(keys)
    out: dict[str, Any] = {}
    for key_node, value in node.value:
        key = _text(key_node) or ""
        info = next((k for k in keys if k.key == key), None)
        if info is None:
            notes.append(f"第 {_line(key_node)} 行的键「{key}」不是事实文件的键,没有载入")
            continue
        out[key] = _value(value, info, notes)
    return out


def _value(node: yaml.Node, info: KeyInfo, notes: list[str]) -> Any:
    text = _text(node)
    if info.type in ("text", "integer", "number", "date"):
        if text is None:
            notes.append(f"第 {_line(node)} 行的「{info.key}」应当是一段文字,没有载入")
            return ""
        return text
    if text is not None:  # one sentence for a list, or an empty list
        if not text:
            return []
        if info.type == "texts":
            return [text]
        if info.type == "mixed":
            return [{SENTENCE: text}]
        notes.append(f"第 {_line(node)} 行的「{info.key}」应当是列表,没有载入")
        return []
    if not isinstance(node, yaml.SequenceNode):
        notes.append(f"第 {_line(node)} 行的「{info.key}」应当是列表,没有载入")
        return []
    items: list[Any] = []
    for item in node.value:
        item_text = _text(item)
        if info.type == "texts":
            if item_text is None:
                notes.append(f"第 {_line(item)} 行:「{info.key}」的每一条应当是一句话,没有载入")
            else:
                items.append(item_text)
        elif isinstance(item, yaml.MappingNode):
            items.append(_mapping(item, info.item, notes))
        elif info.type == "mixed" and item_text is not None:
            items.append({SENTENCE: item_text})
        elif item_text == "":
            continue
        elif item_text is not None and info.item:
            # A sentence for an entry of several keys (a 举措 that is just its text): its first key holds it.
            items.append({info.item[0].key: item_text})
        else:
            notes.append(f"第 {_line(item)} 行:「{info.key}」的这一项应当是一组「键: 值」,没有载入")
    return items


# -- to YAML


@dataclass
class Written:
    """YAML text of a tree, with the form field (path) of every line that holds a key or an item."""

    text: str
    paths: dict[int, str] = field(default_factory=dict)


def scalar(value: str) -> str:
    """A value as YAML: plain when it reads back as the same text, else double-quoted (JSON is valid YAML)."""
    if value == "":
        return ""
    if _NUMBER.fullmatch(value):
        return value
    plain_ok = (
        not (_PLAIN_UNSAFE & set(value))
        and value[0] not in "-?"
        and value == value.strip()
        and not value.isascii()
    )
    if not plain_ok:
        try:
            plain_ok = yaml.safe_load(f"k: {value}") == {"k": value} and "\n" not in value
        except yaml.YAMLError:
            plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def to_yaml(tree: Tree, description: FactsDescription, *, prune: bool = False, header: str = "") -> Written:
    """The tree as a facts file. Blank entries and lists are never written. ``prune`` leaves out the other
    empty keys too (for a file to keep); without it every key of an entry is written, so that every field has a
    line the schema's messages can point at."""
    lines: list[str] = [f"# {line}" if line else "#" for line in header.splitlines()]
    paths: dict[int, str] = {}
    _write_mapping(tree, description.keys, "", "", lines, paths, prune, first_prefix="")
    return Written("\n".join(lines) + "\n", paths)


def _write_mapping(
    node: Mapping[str, Any],
    keys: Iterable[KeyInfo],
    path: str,
    indent: str,
    lines: list[str],
    paths: dict[int, str],
    prune: bool,
    first_prefix: str,
) -> None:
    prefix = first_prefix
    for info in keys:
        value = node.get(info.key, empty_value(info))
        # Blank entries and lists are left out even for checking: the schema skips them, but an empty key in a
        # blank entry (「其中:」) would make it an entry with content.
        if is_blank(value) and (prune or isinstance(value, list)):
            continue
        here = f"{path}{info.key}"
        lead = (prefix or indent) + info.key + ":"
        prefix = ""
        if isinstance(value, str):
            text = scalar(value)
            lines.append(f"{lead} {text}" if text else lead)
            paths[len(lines)] = here
            continue
        lines.append(lead)
        paths[len(lines)] = here
        for index, item in enumerate(value):
            if is_blank(item):
                continue
            item_path = f"{here}.{index}"
            if isinstance(item, str):
                text = scalar(item)
                lines.append(f"{indent}  - {text}" if text else f"{indent}  -")
                paths[len(lines)] = item_path
                continue
            sentence = item.get(SENTENCE, "") if info.type == "mixed" else ""
            structured = {k: v for k, v in item.items() if k != SENTENCE}
            if sentence and is_blank(structured):
                lines.append(f"{indent}  - {scalar(sentence)}")
                paths[len(lines)] = f"{item_path}.{SENTENCE}"
                continue
            if is_blank(structured):
                continue
            _write_mapping(structured, info.item, f"{item_path}.", indent + "    ", lines, paths, prune, f"{indent}  - ")


FACTS_HEADER = (
    "事实文件:由 zongjie serve(总结助手网页版)写出。\n"
    "可以用 zongjie check 本文件 检查,zongjie generate 本文件 -o 草稿.docx 起草,也可以在网页中再次打开。"
)


def facts_file(tree: Tree, description: FactsDescription) -> str:
    """The facts file the page downloads: the filled-in keys only, under a header saying where it came from."""
    return to_yaml(tree, description, prune=True, header=FACTS_HEADER).text


# -- the buttons: add, remove, move


def _container(tree: Tree, description: FactsDescription, path: str) -> tuple[list[Any], int | None, KeyInfo]:
    """The list a path names (``工作.0.数据``) or the list holding the entry it names (``工作.0.数据.1``)."""
    parts = path.split(".") if path else []
    keys: Iterable[KeyInfo] = description.keys
    node: Any = tree
    info: KeyInfo | None = None
    index: int | None = None
    position = 0
    while position < len(parts):
        key = parts[position]
        info = next((k for k in keys if k.key == key), None)
        if info is None or info.type not in ("texts", "items", "mixed") or not isinstance(node, dict):
            raise FormError(f"按钮指向的位置「{path}」不存在", hint="请刷新页面后重试")
        node = node.get(key)
        position += 1
        index = None
        if position < len(parts):
            if not _INDEX.fullmatch(parts[position]) or int(parts[position]) >= len(node):
                raise FormError(f"按钮指向的位置「{path}」不存在", hint="请刷新页面后重试")
            index = int(parts[position])
            position += 1
            if position < len(parts):
                node = node[index]
                keys = info.item
    if info is None:
        raise FormError("按钮没有指明位置", hint="请刷新页面后重试")
    return node, index, info


def apply(tree: Tree, description: FactsDescription, action: str, path: str) -> str:
    """Carry out 添加 / 删除 / 上移 / 下移 on the tree; returns the path of the field to show next."""
    items, index, info = _container(tree, description, path)
    if action == "add":
        if index is not None:
            raise FormError("「添加」按钮应当指向一个列表", hint="请刷新页面后重试")
        if len(items) >= MAX_ITEMS:
            raise FormError(f"一个列表最多 {MAX_ITEMS} 项", hint="请把内容合并,或分成几份材料")
        items.append(new_item(info))
        return f"{path}.{len(items) - 1}"
    if index is None:
        raise FormError("按钮应当指向列表中的一项", hint="请刷新页面后重试")
    if action == "remove":
        del items[index]
        return path.rsplit(".", 1)[0]
    if action in ("up", "down"):
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            return f"{path.rsplit('.', 1)[0]}.{other}"
        return path
    raise FormError(f"不认识的按钮「{action}」", hint="请刷新页面后重试")
