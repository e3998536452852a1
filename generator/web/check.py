"""Every error of a filled-in form at once, each at its field, by the facts schema itself.

The form is written as YAML with the field of every line known; each fault the schema reports (it reports
all it can find in one pass, but some faults hide others: a figure's entry that is not a mapping hides the
figure's keys) is pinned to its field, that field is set aside (emptied, or given a stand-in when it is
required), and the YAML is read again, until it reads clean. Required keys are checked
first from the description, so that one missing key does not hide the rest.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from generator.errors import FactsError, ZongjieError
from generator.facts.describe import FactsDescription, KeyInfo
from generator.facts.load import parse_facts
from generator.facts.model import Facts
from generator.web.state import SENTENCE, Tree, facts_file, is_blank, to_yaml

SOURCE = "表单"
# Enough for a form with a mistake in every field; each round is one read of a few KB of YAML.
MAX_ROUNDS = 200
_LINE_NOTE = re.compile(rf"^{SOURCE}(?: 第 (\d+) 行)?[::]\s*")


@dataclass
class Checked:
    """What the schema said about a form: the Facts when it reads clean, else the errors at their fields."""

    facts: Facts | None
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.errors) + len(self.general)


def label(path: str, description: FactsDescription) -> str:
    """A field's place as a writer reads it: 工作 › 第 1 项 › 数据 › 第 2 条 › 数值."""
    parts = path.split(".")
    shown: list[str] = []
    keys = description.keys
    info: KeyInfo | None = None
    for part in parts:
        if part.isdigit() and info is not None:
            shown.append(f"第 {int(part) + 1} {'条' if info.type == 'texts' else '项'}")
            keys = info.item
        elif part == SENTENCE:
            shown.append("一句话")
        else:
            info = next((k for k in keys if k.key == part), None)
            shown.append(part)
    return " › ".join(shown)


def message_of(error: ZongjieError) -> str:
    text = error.message
    if error.hint:
        text += error.hint if text.endswith(("。", "!", "?")) else f"。{error.hint}"
    return text


def check(tree: Tree, description: FactsDescription) -> Checked:
    """Read the form's facts through the schema; every fault is reported, each at its own field."""
    work = copy.deepcopy(tree)
    result = Checked(facts=None)
    _required(work, description.keys, "", result)
    for _ in range(MAX_ROUNDS):
        written = to_yaml(work, description)
        try:
            facts = parse_facts(written.text, SOURCE)
        except FactsError as found:
            # The schema reports every fault it can in one pass (errors); each new one is pinned and set aside.
            progress = False
            for error in found.errors:
                path = _path_at(error.line, written.paths)
                if path is None or path in result.errors:
                    if message_of(error) not in result.general and path not in result.errors:
                        result.general.append(message_of(error))
                    continue
                result.errors[path] = message_of(error)
                _set_aside(work, description, path)
                progress = True
            if not progress:
                return result
            continue
        if result.count:
            return result
        # The draft is made from the facts file the page downloads, so that the Word comments' "事实文件第 N 行"
        # point into that file; the warnings keep the fields they were pinned to above.
        result.facts = parse_facts(facts_file(tree, description), "事实文件")
        for warning in facts.warnings:
            note = _LINE_NOTE.match(warning)
            text = warning[note.end() :] if note else warning
            line = int(note.group(1)) if note and note.group(1) else None
            result.warnings.setdefault(_path_at(line, written.paths) or "", []).append(text)
        return result
    result.general.append("错误太多,没有全部列出;请先改正上面的错误")
    return result


def _path_at(line: int | None, paths: dict[int, str]) -> str | None:
    if not line:
        return None
    while line > 0 and line not in paths:
        line -= 1
    return paths.get(line)


def _stand_in(info: KeyInfo) -> Any:
    if info.choices:
        return info.choices[0]
    if info.type == "integer":
        return "2000"
    if info.type in ("items", "mixed"):
        item = {c.key: _stand_in(c) if c.required else ("" if c.type not in ("texts", "items", "mixed") else []) for c in info.item}
        return [item]
    if info.type == "texts":
        return ["某"]
    return "某"


def _required(node: dict[str, Any], keys: tuple[KeyInfo, ...], path: str, result: Checked) -> None:
    for info in keys:
        value = node.get(info.key)
        here = f"{path}{info.key}"
        if info.required and is_blank(value):
            result.errors[here] = f"「{info.key}」是必填项,请填写" + (
                ";请至少填写一项" if info.type in ("items", "mixed") else ""
            )
            node[info.key] = _stand_in(info)
            continue
        if info.type in ("items", "mixed") and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict) and not is_blank({k: v for k, v in item.items() if k != SENTENCE}):
                    _required(item, info.item, f"{here}.{index}.", result)


def _set_aside(tree: Tree, description: FactsDescription, path: str) -> None:
    """Empty the field at path (a required one gets a stand-in) so that the next read goes past it."""
    parts = path.split(".")
    node: Any = tree
    keys = description.keys
    info: KeyInfo | None = None
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        if part.isdigit():
            index = int(part)
            if last:
                node[index] = "" if isinstance(node[index], str) else {}
                return
            node = node[index]
            keys = info.item if info else ()
            continue
        if part == SENTENCE:
            node[SENTENCE] = ""
            return
        info = next((k for k in keys if k.key == part), None)
        if info is None:
            return
        if last:
            node[part] = _stand_in(info) if info.required else ([] if isinstance(node.get(part), list) else "")
            return
        node = node[part]
