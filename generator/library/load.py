"""Read and validate library files: phrase files and outline files become Phrase and Outline records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.base.yamlio import TEXT, TEXTS, Fields, Scalar, Seq, load_user_yaml, node_data, walk
from generator.errors import ErrorCollector, TemplateError, did_you_mean, suggest
from generator.library.model import (
    BODY_STYLES,
    CONTEXT_SLOTS,
    FACT_SLOTS,
    NODE_KEYS,
    ORIGINS,
    OUTLINE_KEYS,
    OUTLINE_ROLES,
    PHRASE_KEYS,
    PHRASE_KINDS,
    SCOPES,
    SLOT_TYPES,
    Outline,
    OutlineNode,
    Phrase,
    Source,
)
from generator.library.templating import template_slots

# A library file is hand-edited YAML like a facts file: the same checked reader, the same Chinese messages.
_MAX_BYTES = 8 * 1024 * 1024


# The shapes of the two library files, for the one schema walker (base/yamlio.walk): every type checked with its line.
_SOURCE = Fields(
    "句式的出处(sources)",
    {"file": TEXT, "line": Scalar("int", 0, 10_000_000), "sentence": Scalar("int", 0, 1_000_000)},
)
PHRASE_SHAPE = Fields(
    "句式",
    {
        "id": TEXT,
        "kind": TEXT,
        "text": TEXT,
        "topics": TEXTS,
        "slots": Fields("句式的「slots」", other=TEXT),
        "choices": Fields("句式的「choices」", other=TEXTS),
        "family": TEXT,
        "support": Scalar("int", 0, 1_000_000_000),
        "scope": TEXT,
        "origin": TEXT,
        "sources": Seq(_SOURCE),
        "example": TEXT,
    },
)
PHRASE_FILE_SHAPE = Fields("句式文件", {"origin": TEXT, "phrases": Seq(PHRASE_SHAPE)})


def _node_shape() -> Fields:
    return NODE_SHAPE


NODE_SHAPE = Fields(
    "提纲节点",
    {
        "role": TEXT,
        "level": Scalar("int", 0, 4),
        "marker": TEXT,
        "heading": TEXT,
        "repeat": TEXT,
        "topics": TEXTS,
        "body": TEXT,
        "family": TEXT,
        "headings_seen": TEXTS,
        "note": TEXT,
        "children": Seq(_node_shape),
    },
)
OUTLINE_SHAPE = Fields(
    "提纲",
    {
        "name": TEXT,
        "title": TEXT,
        "kind": TEXT,
        "nodes": Seq(NODE_SHAPE),
        "origin": TEXT,
        "description": TEXT,
        "sources": TEXTS,
    },
)


def read_yaml(path: Path, what: str = "词库文件", shape: Any = None) -> Any:
    """Load a library YAML file with the checked reader and, given a shape, the schema walker; mappings keep
    their first line as '__line__' (and, walked, each key's line in '__lines__'). ``shape`` may be a function
    of the top node (a phrase file is a mapping with phrases:, or the bare list)."""
    node = load_user_yaml(path, what=what, max_bytes=_MAX_BYTES, error=TemplateError)
    if shape is None or node is None:
        return node_data(node)
    if callable(shape) and not isinstance(shape, (Fields, Seq, Scalar)):
        shape = shape(node)
    return walk(node, shape, name=str(path), error=TemplateError)


def _phrase_file_shape(node: Any) -> Any:
    import yaml

    return Seq(PHRASE_SHAPE) if isinstance(node, yaml.SequenceNode) else PHRASE_FILE_SHAPE


def _line(data: Any) -> int:
    return int(data.get("__line__", 1)) if isinstance(data, dict) else 1


def _at(data: Any, key: str) -> int:
    """The line of a key's value in a walked mapping (its first line when the key is not there)."""
    if not isinstance(data, Mapping):
        return 0
    return int((data.get("__lines__") or {}).get(key) or data.get("__line__") or 0)


def _err(
    path: Path, data: Mapping[str, Any] | None, message: str, hint: str | None = None, key: str | None = None
) -> TemplateError:
    line = _at(data, key) if key else (data.get("__line__") if isinstance(data, Mapping) else None)
    return TemplateError(message, path=path, line=line or None, hint=hint)


def _check_keys(path: Path, data: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    allowed = list(allowed)
    for key in data:
        if key in ("__line__", "__lines__") or key in allowed:
            continue
        if key.startswith("\u3000"):
            raise _err(
                path,
                data,
                f"「{key.strip()}」这一行用全角空格(\u3000)缩进了",
                "请用半角空格缩进:把输入法切换到半角(英文)状态再按空格",
                key=key,
            )
        hint = did_you_mean(suggest(key, allowed)) or f"可用的键:{'、'.join(allowed)}"
        raise _err(path, data, f"{what}中有未知的键「{key}」", hint, key=key)


def _str_list(path: Path, data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(path, data, f"「{key}」应当是文字列表")
    return list(value)


def _text(path: Path, data: Mapping[str, Any], key: str) -> str:
    """An optional text field (why: the reason a reviewed entry is written by hand)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _err(path, data, f"「{key}」应当是一段文字", key=key)
    return value.strip()


def parse_phrase(path: Path, data: Any, default_origin: str) -> Phrase:
    if not isinstance(data, dict):
        raise TemplateError("每条句式应当是一个映射(id、kind、text …)", path=path, line=1)
    _check_keys(path, data, PHRASE_KEYS, "句式")
    for key in ("id", "kind", "text"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _err(path, data, f"句式缺少「{key}」或它不是文字", key=key)
    if data["kind"] not in PHRASE_KINDS:
        raise _err(
            path, data, f"句式 {data['id']} 的 kind「{data['kind']}」无效", f"可用的有:{'、'.join(PHRASE_KINDS)}", key="kind"
        )
    slots = data.get("slots") or {}
    if not isinstance(slots, dict):
        raise _err(path, data, f"句式 {data['id']} 的 slots 应当是「槽位名: 类型」的映射")
    slots = {k: v for k, v in slots.items() if k not in ("__line__", "__lines__")}
    for name, slot_type in slots.items():
        if slot_type not in SLOT_TYPES and name not in CONTEXT_SLOTS and name not in FACT_SLOTS:
            raise _err(
                path,
                data,
                f"句式 {data['id']} 的槽位「{name}」类型「{slot_type}」无效",
                f"可用类型:{'、'.join(SLOT_TYPES)}",
                key="slots",
            )
    origin = data.get("origin", default_origin)
    if origin not in ORIGINS:
        raise _err(path, data, f"句式 {data['id']} 的 origin 应为 mined 或 manual", key="origin")
    sources = []
    for src in data.get("sources") or []:
        if not isinstance(src, dict) or not src.get("file"):
            raise _err(path, data, f"句式 {data['id']} 的 sources 每项应有 file 和 line", key="sources")
        sources.append(Source(str(src["file"]), int(src.get("line") or 0), int(src.get("sentence") or 0)))
    choices: dict[str, list[str]] = {}
    raw_choices = data.get("choices") or {}
    if not isinstance(raw_choices, dict):
        raise _err(path, data, f"句式 {data['id']} 的 choices 应当是「槽位名: [写法, …]」的映射", key="choices")
    for name, words in raw_choices.items():
        if name in ("__line__", "__lines__"):
            continue
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise _err(path, data, f"句式 {data['id']} 的 choices「{name}」应当是非空的文字列表", key="choices")
        if slots.get(name) != "choice":
            raise _err(path, data, f"句式 {data['id']} 的 choices「{name}」须在 slots 中声明为 choice", key="choices")
        choices[str(name)] = [str(w) for w in words]
    scope = str(data.get("scope") or "")
    if scope and scope not in SCOPES:
        raise _err(path, data, f"句式 {data['id']} 的 scope「{scope}」无效", f"可用的有:{'、'.join(SCOPES)}", key="scope")
    support = data.get("support", 1)
    if support is None:
        support = 1
    if not isinstance(support, int) or isinstance(support, bool) or support < 0:
        raise _err(path, data, f"句式 {data['id']} 的 support 应为非负整数", key="support")
    phrase = Phrase(
        id=data["id"],
        kind=data["kind"],
        text=data["text"],
        topics=_str_list(path, data, "topics") or ["综合"],
        slots=slots,
        family=str(data.get("family") or ""),
        support=support,
        origin=origin,
        sources=sources,
        example=str(data.get("example") or ""),
        choices=choices,
        scope=scope,
        why=_text(path, data, "why"),
        path=str(path),
        line=int(data.get("__line__", 0)),
    )
    _check_slots(phrase, path, _at(data, "text"))
    return phrase


def _check_slots(phrase: Phrase, path: Path, line: int = 0) -> None:
    # A slot the composer never fills makes the phrase unusable, and it would be skipped without a word.
    known = set(CONTEXT_SLOTS) | set(FACT_SLOTS) | set(phrase.slots)
    line = line or phrase.line
    unknown = sorted(template_slots(phrase.text, path=path, line=line) - known)
    if not unknown:
        return
    valid = [*CONTEXT_SLOTS, *FACT_SLOTS, *(s for s in phrase.slots if s not in CONTEXT_SLOTS and s not in FACT_SLOTS)]
    guess = did_you_mean(suggest(unknown[0], valid, cutoff=0.5))
    raise TemplateError(
        f"句式 {phrase.id} 用到了不认识的槽位「{'」「'.join(unknown)}」",
        path=path,
        line=line or None,
        hint=f"{guess}可用的槽位有:{'、'.join(valid)};数据槽位须在 slots 中声明类型",
    )


def parse_node(path: Path, data: Any, errors: ErrorCollector | None = None) -> OutlineNode:
    if not isinstance(data, dict):
        raise TemplateError("提纲的每个节点应当是一个映射(role、level、marker …)", path=path, line=1)
    _check_keys(path, data, NODE_KEYS, "提纲节点")
    role = data.get("role")
    if role not in OUTLINE_ROLES:
        guess = did_you_mean(suggest(str(role), OUTLINE_ROLES))
        raise _err(
            path, data, f"提纲节点的 role「{role}」无效", f"{guess}可用的有:{'、'.join(OUTLINE_ROLES)}", key="role"
        )
    level = data.get("level")
    level = 0 if level is None else level
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
        raise _err(path, data, "提纲节点的 level 应为 0 到 4 的整数", key="level")
    body = data.get("body") or "chain"
    if body not in BODY_STYLES:
        raise _err(path, data, f"提纲节点的 body「{body}」无效", f"可用的有:{'、'.join(BODY_STYLES)}", key="body")
    heading = str(data.get("heading") or "")
    if heading:
        template_slots(heading, path=path, line=_at(data, "heading"))
    children = data.get("children") or []
    if not isinstance(children, list):
        raise _err(path, data, "children 应当是节点列表", key="children")
    return OutlineNode(
        role=role,
        level=level,
        marker=str(data.get("marker") or ""),
        heading=heading,
        repeat=str(data.get("repeat") or ""),
        topics=_str_list(path, data, "topics"),
        body=body,
        family=str(data.get("family") or ""),
        headings_seen=_str_list(path, data, "headings_seen"),
        note=str(data.get("note") or ""),
        children=_parse_nodes(path, children, errors),
        line=int(data.get("__line__", 0)),
    )


def _parse_nodes(path: Path, items: list[Any], errors: ErrorCollector | None) -> list[OutlineNode]:
    """Each node checked on its own: with ``errors``, a mistake in one is recorded and the next is checked."""
    if errors is None:
        return [parse_node(path, n) for n in items]
    nodes = []
    for item in items:
        with errors.guard():
            nodes.append(parse_node(path, item, errors))
    return nodes


def parse_outline(path: Path, data: Any, default_origin: str = "mined") -> Outline:
    """An outline from its YAML data; raises TemplateError naming every mistake of the file, in line order."""
    if not isinstance(data, dict):
        raise TemplateError("提纲文件应当是一个映射(name、title、kind、nodes)", path=path, line=1)
    errors = ErrorCollector()
    with errors.guard():
        _check_keys(path, data, OUTLINE_KEYS, "提纲")
    for key in ("name", "title", "kind"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            errors.add(_err(path, data, f"提纲缺少「{key}」或它不是文字", key=key))
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        errors.add(_err(path, data, "提纲缺少 nodes(节点列表)", key="nodes"))
        nodes = []
    parsed = _parse_nodes(path, nodes, errors)
    errors.raise_if_any()
    return Outline(
        name=data["name"],
        title=data["title"],
        kind=data["kind"],
        nodes=parsed,
        origin=str(data.get("origin") or default_origin),
        description=str(data.get("description") or ""),
        sources=_str_list(path, data, "sources"),
        path=str(path),
        why=_text(path, data, "why"),
    )


def load_phrase_file(path: Path, default_origin: str = "manual") -> list[Phrase]:
    data = read_yaml(path, "句式文件", _phrase_file_shape)
    if data is None:
        return []
    items = data.get("phrases") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TemplateError("句式文件应当有 phrases: 列表", path=path, line=_line(data), hint="见 docs/library.md 的示例")
    origin = (data.get("origin") or default_origin) if isinstance(data, dict) else default_origin
    # Every mistake of the file in one run: each entry is checked on its own.
    errors = ErrorCollector()
    phrases = []
    for item in items:
        with errors.guard():
            phrases.append(parse_phrase(path, item, origin))
    errors.raise_if_any()
    return phrases


def load_outline_file(path: Path, default_origin: str = "manual") -> Outline:
    return parse_outline(path, read_yaml(path, "提纲文件", OUTLINE_SHAPE), default_origin)
