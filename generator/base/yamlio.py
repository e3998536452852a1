"""One reader for every YAML file a user edits (facts, phrases, outlines, profiles): checked, with Chinese errors."""

from __future__ import annotations

import contextlib
import math
import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.base.files import decode_bytes, read_bounded, too_large
from generator.errors import ErrorCollector, InputReadError, ZongjieError

_STR_TAG = "tag:yaml.org,2002:str"
# Characters YAML refuses or XML 1.0 forbids: they would corrupt a .docx, so they are refused with their line.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# YAML counts these as line breaks; our line numbers and quoted lines must agree with its marks.
BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# Deepest nesting any of our files needs is about 8 (a facts figure's parts; an outline's children); slack.
MAX_DEPTH = 32
# Parser events (about two per scalar): bounds time to about a second whatever the file.
MAX_EVENTS = 100_000

def load_user_yaml(
    source: str | Path | bytes,
    *,
    what: str,
    max_bytes: int,
    error: type[ZongjieError],
    path: str | Path | None = None,
    allowed_tags: frozenset[str] = frozenset({_STR_TAG}),
    rewrite: Callable[[str], str] | None = None,
    max_depth: int = MAX_DEPTH,
    depth_hint: str = "请检查缩进和括号是否成对",
) -> yaml.Node | None:
    """Read, check and compose one user YAML file; the node tree keeps the line of everything in it.

    ``source`` is a file (Path), its raw bytes or its text (then ``path`` names it in messages). Checked:
    size, encoding (UTF-8 or GBK/GB18030, via read.decode_bytes), control characters, several documents,
    anchors and aliases, tags other than ``allowed_tags``, nesting depth, sheer bulk, duplicate keys; every
    PyYAML problem becomes a Chinese ``error`` naming the file and line. ``what`` names the file in messages
    (事实文件, 句式文件…); ``rewrite`` may adjust the decoded text before parsing. An empty file or one of
    only comments gives None.
    """
    name = str(path if path is not None else source if isinstance(source, Path) else "<文本>")
    if isinstance(source, Path):
        source = _read(source, what, max_bytes, error)
    if isinstance(source, bytes):
        text = _decode(source, name, what, max_bytes, error)
    else:
        size = len(source.encode("utf-8", "surrogatepass")) if len(source) > max_bytes // 4 else 0
        if size > max_bytes:
            raise too_large(size, name, what, max_bytes, error)
        text = BREAKS.sub("\n", source) if "\r" in source else source
        text = text.removeprefix("\ufeff")
    if rewrite is not None:
        text = rewrite(text)
    if not text.strip():
        return None
    lines = BREAKS.split(text)
    bad = _BAD_CHARS.search(text)
    if bad:
        raise error(
            f"含有不可见的控制字符 U+{ord(bad.group()):04X},Word 文档中不能出现这种字符",
            path=name,
            line=len(BREAKS.findall(text, 0, bad.start())) + 1,
            hint="请删除它(这种字符常见于从网页、PDF 或旧系统复制来的文字)",
        )
    try:
        # libyaml's parser when present: same events and marks, several times faster (start-up of `generate`).
        events = _checked_events(
            getattr(yaml, "CSafeLoader", yaml.SafeLoader), text, lines, name, what, error, allowed_tags, max_depth, depth_hint
        )
    except yaml.YAMLError:
        # libyaml words its problems differently; the pure-Python parser's are the ones translated below.
        events = _checked_events(
            yaml.SafeLoader, text, lines, name, what, error, allowed_tags, max_depth, depth_hint
        )
    try:
        node = _EventComposer(events).get_single_node()
    except yaml.YAMLError as exc:
        raise yaml_error(exc, lines, name, error, what) from None
    if node is not None:
        _check_duplicates(node, name, error)
    return node


def node_data(node: yaml.Node | None, *, lines: bool = True) -> Any:
    """Plain Python data from a checked node tree; with ``lines`` every mapping carries its start line as '__line__'."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {"__line__": node.start_mark.line + 1} if lines else {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # A list or mapping as a key is never meant; shown as written so that "unknown key" can name it.
                key: Any = "[…]" if isinstance(key_node, yaml.SequenceNode) else "{…}"
            else:
                # As written: a key `on` or `yes` is that word, not YAML 1.1's boolean.
                key = key_node.value
            data[key] = node_data(value_node, lines=lines)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [node_data(v, lines=lines) for v in node.value]
    if node.tag == _STR_TAG:
        return node.value
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.constructor.ConstructorError:
        # A lone "=" (YAML's obscure !!value) and the like: to the writer it is just text.
        return str(node.value)


# ---------------------------------------------------------------- the schema walker
#
# One walker checks the types in every user file that has a fixed shape (phrase, outline and profile files):
# a word, a whole number, a number, true/false, a list, a mapping. Whatever YAML made of the text (a list where a
# word belongs, a boolean where a number belongs, .nan, .inf, a key that is a list, a reserved key), the walker
# says so in Chinese at the line of the value, naming where it sits ("提纲节点的「level」"). It returns plain data
# like node_data: mappings carry '__line__' (their first line) and '__lines__' (the line of each key's value).


@dataclass(frozen=True)
class Scalar:
    """A single value: kind "text" (kept as written), "int", "number" or "bool"; numbers within [low, high]."""

    kind: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Seq:
    """A list of items of one shape; ``single`` accepts one bare item as a list of one (topics: 综合)."""

    item: Any
    single: bool = False


@dataclass(frozen=True)
class Fields:
    """A mapping: known keys with their shapes (a callable for a recursive shape); other keys get ``other``
    (None: passed through unchecked, for the caller's unknown-key message with its suggestion)."""

    what: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    other: Any = None


TEXT = Scalar("text")
TEXTS = Seq(TEXT, single=True)
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_LABELS = {"text": "文字", "int": "整数", "number": "数字", "bool": "true 或 false"}


def describe(node: yaml.Node) -> str:
    """What a node is, as a writer would call it: 列表, 「键: 值」映射, 布尔值 true, 数字 3, 文字「…」."""
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    if isinstance(node, yaml.MappingNode):
        return "「键: 值」映射"
    tag = _tag(node)
    if tag == _NULL_TAG:
        return "空值"
    if tag == _BOOL_TAG:
        return f"布尔值 {node.value}"
    if tag == _FLOAT_TAG and not _finite(node):
        return f"{node.value}(不是一个有限的数)"
    if tag in (_INT_TAG, _FLOAT_TAG):
        return f"数字 {node.value}"
    return f"文字「{clip(str(node.value))}」"


def _tag(node: yaml.Node) -> str:
    # The composer has resolved every plain scalar already: the tag is its type (int, float, bool, null, str).
    return str(node.tag)


def _finite(node: yaml.Node) -> bool:
    value = _scalar(node)
    return not isinstance(value, float) or math.isfinite(value)


def walk(
    node: yaml.Node | None,
    shape: Any,
    *,
    name: str,
    error: type[ZongjieError],
    where: str = "",
    errors: ErrorCollector | None = None,
) -> Any:
    """Check ``node`` against ``shape`` and return its plain data; a mismatch is an ``error`` at its line.

    Without ``errors`` the first mismatch is raised. With a collector (errors.ErrorCollector) every mismatch of
    the file is gathered, one per list item or key, and raised together at the end: the writer sees them all.
    """
    if errors is None and not where:
        collector = ErrorCollector()
        walked = walk(node, shape, name=name, error=error, where=where, errors=collector)
        collector.raise_if_any()
        return walked
    if callable(shape) and not isinstance(shape, (Scalar, Seq, Fields)):
        shape = shape()
    if node is None:
        return None
    line = node.start_mark.line + 1
    if isinstance(shape, Scalar):
        return _walk_scalar(node, shape, name, error, where, line)
    if _tag(node) == _NULL_TAG and isinstance(node, yaml.ScalarNode):
        return None
    if isinstance(shape, Seq):
        if not isinstance(node, yaml.SequenceNode):
            if shape.single and isinstance(node, yaml.ScalarNode):
                return [walk(node, shape.item, name=name, error=error, where=where, errors=errors)]
            raise _mismatch(node, "列表(每项以「- 」开头)", name, error, where, line)
        items = []
        for index, item in enumerate(node.value, start=1):
            with _guarded(errors):
                items.append(walk(item, shape.item, name=name, error=error, where=f"{where}的第 {index} 项", errors=errors))
        return items
    if isinstance(shape, Fields):
        if not isinstance(node, yaml.MappingNode):
            raise _mismatch(node, "一组「键: 值」", name, error, where or shape.what, line)
        data: dict[str, Any] = {"__line__": line}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            with _guarded(errors):
                _walk_entry(data, lines, shape, key_node, value_node, name, error, errors)
        data["__lines__"] = lines
        return data
    raise AssertionError(f"未知的结构描述:{shape!r}")


def _guarded(errors: ErrorCollector | None) -> Any:
    return errors.guard() if errors is not None else contextlib.nullcontext()


def _walk_entry(
    data: dict[str, Any],
    lines: dict[str, int],
    shape: Fields,
    key_node: yaml.Node,
    value_node: yaml.Node,
    name: str,
    error: type[ZongjieError],
    errors: ErrorCollector | None,
) -> None:
    key_line = key_node.start_mark.line + 1
    if not isinstance(key_node, yaml.ScalarNode):
        raise error(
            f"{shape.what}中有一个键写成了{describe(key_node)}",
            path=name,
            line=key_line,
            hint="键是一个词,写在冒号前面;如果冒号前的方括号或花括号是文字,请给它加上引号",
        )
    key = str(key_node.value)
    if key.startswith("__"):
        raise error(
            f"「{clip(key)}」是程序保留的键,不能写在{shape.what}里",
            path=name,
            line=key_line,
            hint="请删去这个键,或换一个不以两个下划线开头的名字",
        )
    lines[key] = value_node.start_mark.line + 1
    sub = shape.fields.get(key, shape.other)
    label = f"{shape.what}的「{key}」"
    data[key] = (
        node_data(value_node)
        if sub is None
        else walk(value_node, sub, name=name, error=error, where=label, errors=errors)
    )


def _mismatch(node: yaml.Node, expected: str, name: str, error: type[ZongjieError], where: str, line: int) -> ZongjieError:
    hint = "如果这是文字,请给它加上引号;列表的每项以「- 」开头"
    if isinstance(node, yaml.ScalarNode) and colon_without_space(str(node.value)):
        hint = "冒号后面缺少空格:键和值之间请用英文冒号加一个空格,如「level: 1」"
    return error(f"{where}应当是{expected},这里写成了{describe(node)}", path=name, line=line, hint=hint)


def colon_without_space(text: str) -> bool:
    """Whether a value reads like "键:值" (a key and value whose colon lacks its space): YAML took it as text."""
    return bool(re.match(_COLON_NO_SPACE, text)) and ": " not in text


def _walk_scalar(node: yaml.Node, shape: Scalar, name: str, error: type[ZongjieError], where: str, line: int) -> Any:
    label = _LABELS[shape.kind]
    if not isinstance(node, yaml.ScalarNode):
        raise _mismatch(node, label, name, error, where, line)
    tag = _tag(node)
    if tag == _NULL_TAG:
        return None
    if shape.kind == "text":
        return str(node.value)
    if shape.kind == "bool":
        if tag != _BOOL_TAG:
            raise _mismatch(node, label, name, error, where, line)
        return _scalar(node)
    if tag not in (_INT_TAG, _FLOAT_TAG):
        raise error(
            f"{where}应当是{label},这里写成了{describe(node)}",
            path=name,
            line=line,
            hint="请只写阿拉伯数字,如 2 或 3.5" if shape.kind == "number" else "请只写 0、1、2 这样的整数",
        )
    value = _scalar(node)
    if isinstance(value, float) and not math.isfinite(value):
        raise error(f"{where}应当是一个有限的{label},这里写成了 {node.value}", path=name, line=line, hint="请写一个具体的数")
    if shape.kind == "int" and not isinstance(value, int):
        raise error(f"{where}应当是整数,这里写的是 {node.value}", path=name, line=line, hint="请只写 0、1、2 这样的整数")
    low = -math.inf if shape.low is None else shape.low
    high = math.inf if shape.high is None else shape.high
    if not low <= value <= high:
        if shape.low is not None and shape.high is not None:
            span = f"在 {low:g} 到 {high:g} 之间"
        else:
            span = f"不小于 {low:g}" if shape.low is not None else f"不大于 {high:g}"
        raise error(f"{where}应当{span},这里写的是 {node.value}", path=name, line=line, hint=f"请写一个{span}的{label}")
    return value


def show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- reading


def _read(path: Path, what: str, max_bytes: int, error: type[ZongjieError]) -> bytes:
    return read_bounded(path, what=what, max_bytes=max_bytes, error=error, folder_hint=f"请给出{what}(.yaml)的路径")


def _decode(data: bytes, name: str, what: str, max_bytes: int, error: type[ZongjieError]) -> str:
    if len(data) > max_bytes:
        raise too_large(len(data), name, what, max_bytes, error)
    if data.startswith(b"PK\x03\x04"):
        raise error(
            f"这是一个 Word(.docx)或压缩文件,不是{what}",
            path=name,
            hint=f"{what}是 YAML 文本,请用记事本等文本编辑器编辑",
        )
    if not data.strip():
        return ""
    try:
        text, _ = decode_bytes(data, name)
    except InputReadError as exc:
        # The reader's hints speak of report files; these files are always YAML text.
        raise error(exc.message, path=name, hint=f"{what}是 YAML 文本,请确认选对了文件") from None
    return text.removeprefix("\ufeff")


# ---------------------------------------------------------------- parsing


def _checked_events(
    loader_class: Any,
    text: str,
    lines: list[str],
    name: str,
    what: str,
    error: type[ZongjieError],
    allowed_tags: frozenset[str],
    max_depth: int,
    depth_hint: str,
) -> list[yaml.Event]:
    """Parse to events, refusing anchors, aliases, tags, several documents, deep nesting and sheer bulk.

    Checking the parser's event stream keeps time and memory linear in the file's size: an alias bomb is
    refused at its first anchor, before a single alias is expanded, and runaway nesting before the
    (recursive) composer sees it; the nodes are then built from these same events, so the text is parsed once.
    """
    events: list[yaml.Event] = []
    loader = loader_class(text)
    depth = 0
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise error(
                    f"{what}中不能使用 YAML 的锚点和引用(& 和 * 开头的写法)",
                    path=name,
                    line=line,
                    hint="请把要重复的内容直接写出来",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in allowed_tags:
                raise error(
                    f"{what}中不能使用 YAML 标签「{show_tag(tag)}」",
                    path=name,
                    line=line,
                    hint=f"{what}只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise error(
                        "文件中有不止一个 YAML 文档(出现了分隔线「---」)",
                        path=name,
                        line=line,
                        hint=f"一个{what}只写一份材料;请删掉「---」,或把后一份另存为一个文件",
                    )
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    raise error("嵌套层次太深", path=name, line=line, hint=depth_hint)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and not event.style and event.implicit[0]:
                _check_number(event.value, name, line, error)
            events.append(event)
            if len(events) > MAX_EVENTS:
                raise error(
                    f"{what}中的条目太多(超过 {MAX_EVENTS // 2} 项)",
                    path=name,
                    line=line,
                    hint=f"{what}通常只有几十到几百条内容,请确认选对了文件",
                )
    except yaml.YAMLError as exc:
        if loader_class is not yaml.SafeLoader:
            raise
        raise yaml_error(exc, lines, name, error, what) from None
    finally:
        if hasattr(loader, "dispose"):
            loader.dispose()
    return events


# A figure has a few digits, an identifier written as a number twenty; past this a plain number is a mistake
# (and past 4,300 digits Python would refuse to read it at all).
MAX_NUMBER_CHARS = 100
_RESOLVER = yaml.resolver.Resolver()
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def _check_number(value: str, name: str, line: int, error: type[ZongjieError]) -> None:
    """A plain scalar YAML reads as a number must be one we can hold: not thousands of digits, not 1.0e999."""
    if len(value) <= 8 and "e" not in value.lower():
        return
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag not in (_INT_TAG, _FLOAT_TAG):
        return
    if len(value) > MAX_NUMBER_CHARS:
        raise error(
            f"数字「{clip(value, 20)}」有 {len(value)} 位,太长了",
            path=name,
            line=line,
            hint="请检查是否多写了数字;如果这是一串编号,请给它加上引号",
        )
    if tag == _FLOAT_TAG and not value.lstrip("+-").startswith("."):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            return
        if number in (float("inf"), float("-inf")):
            raise error(
                f"数字「{clip(value, 20)}」大得超出了能表示的范围",
                path=name,
                line=line,
                hint="请检查指数(e 后面的数)是否写错;数值请直接写出,如 12 或 3.5",
            )


class _EventComposer(yaml.composer.Composer, yaml.resolver.Resolver):
    """PyYAML's composer fed from already checked events instead of a second parse."""

    def __init__(self, events: list[yaml.Event]) -> None:
        self.events = deque(events)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices: type) -> bool:
        if not self.events:
            return False
        return not choices or isinstance(self.events[0], choices)

    def peek_event(self) -> yaml.Event:
        return self.events[0]

    def get_event(self) -> yaml.Event:
        return self.events.popleft()


def _check_duplicates(root: yaml.Node, name: str, error: type[ZongjieError]) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value in node.value:
                stack.append(value)
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = key_node.value.strip()
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise error(
                        f"键「{key}」重复出现(第 {seen[key]} 行和第 {line} 行)",
                        path=name,
                        line=line,
                        hint="同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
                    )
                seen[key] = line


# PyYAML's problem texts, in the order they are tried, with what a writer should be told and do.
_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed here",
        "这里不能出现「: 」",
        "同一行只能写一个「键: 值」;如果文字里本来就有冒号,请给整段文字加上引号;也请检查这一行的缩进是否比上一行多了",
    ),
    (
        "could not find expected ':'",
        "这一行缺少冒号",
        "每一行应当写成「键: 值」(英文冒号,后面加一个空格);列表项以「- 」开头",
    ),
    ("cannot start any token", "这一行的开头有不能直接使用的字符", "以 @ 或 ` 开头的文字请加上引号"),
    ("found unexpected end of stream", "引号没有配对", "请检查这一行的引号是否成对,或去掉多余的引号"),
    (
        "expected ',' or ']'",
        "方括号「[ ]」没有配对",
        "请检查方括号和逗号;不熟悉这种写法的话,可以改用每行「- 」开头的列表",
    ),
    ("expected ',' or '}'", "花括号「{ }」没有配对", "请检查花括号;如果这是文字,请给整段文字加上引号"),
    ("but found '<block sequence start>'", "列表项的缩进不一致", "同一个列表里的「- 」要上下对齐"),
    ("but found '<block mapping start>'", "缩进不一致", "同一层的键要上下对齐,子项比上一层多缩进两个空格"),
    ("but found '?'", "缩进不一致", "同一层的键要上下对齐,子项比上一层多缩进两个空格"),
    (
        "but found '<scalar>'",
        "这一行多出了文字",
        "引号内的文字写完后不能再接文字;如果文字里有引号,请给整段换一种引号(单引号或双引号)",
    ),
    ("but found ':'", "冒号前面没有写键", "每一行应当写成「键: 值」,如「单位: 青山县教育局」"),
    ("but found '<block end>'", "缩进不一致", "请检查这一行和上一行的缩进"),
    ("did not find expected key", "缩进不一致", "请检查这一行和上一行的缩进"),
    ("did not find expected '-' indicator", "列表项的缩进不一致", "同一个列表里的「- 」要上下对齐"),
    ("did not find expected <document start>", "这一行多出了文字", "请检查这一行和上一行的缩进"),
    ("did not find expected node content", "这里缺少内容", "请检查这一行的冒号、「- 」和括号"),
    ("found unknown escape character", "双引号里有无法识别的「\\」转义", "请把「\\」写成「\\\\」,或改用单引号"),
    ("found unexpected ':'", "这里不能出现「:」", "如果这是文字,请给整段文字加上引号"),
    ("while parsing a tag", "「!」开头的写法是 YAML 标签,{what}中不能使用", "如果这是文字,请给整段文字加上引号"),
    ("while scanning a tag", "「!」开头的写法是 YAML 标签,{what}中不能使用", "如果这是文字,请给整段文字加上引号"),
    ("while scanning an alias", "「*」或「&」开头的写法是 YAML 引用,{what}中不能使用", "如果这是文字,请给整段文字加上引号"),
    ("while scanning an anchor", "「*」或「&」开头的写法是 YAML 引用,{what}中不能使用", "如果这是文字,请给整段文字加上引号"),
    ("while scanning a block scalar", "「|」或「>」后面的写法有误", "「|」或「>」后面应当换行再写文字"),
    ("found undefined", "出现了无法识别的写法", "请检查这一行的特殊符号,必要时给文字加上引号"),
)


# Characters that mean something to YAML at the start of a value.
_YAML_INDICATORS = frozenset("{[&*!|>%@`")


def yaml_error(
    exc: yaml.YAMLError, lines: list[str], name: str, error: type[ZongjieError], what: str = "文件"
) -> ZongjieError:
    """A PyYAML (or libyaml) problem, in Chinese, at the line where the writer has to look."""
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and (
        "could not find expected ':'" in problem
        or context.startswith(("while scanning a quoted scalar", "while parsing a flow"))
    ):
        # These are noticed only further down (often at the end of the file); the culprit is where it began.
        mark = context_mark
    if isinstance(exc, yaml.reader.ReaderError):
        return error("文件中有无法识别的字符", path=name, hint="请删除这个字符后再试")
    line_no = mark.line + 1 if mark is not None else None
    tab_line = _tab_indented_line(lines, line_no)
    if "'\\t'" in problem or "tab" in problem or tab_line is not None:
        return error("这一行用 Tab 键缩进了", path=name, line=tab_line or line_no, hint="请用空格缩进,不要用 Tab")
    source = lines[mark.line].strip() if mark is not None and mark.line < len(lines) else ""
    mistake = _writer_mistake(lines, line_no)
    if mistake is not None:
        number, message, hint = mistake
        return error(f"{message}(这一行是「{clip(lines[number - 1].strip())}」)", path=name, line=number, hint=hint)
    problem_text, hint = next(
        ((w.replace("{what}", what), h) for needle, w, h in _YAML_PROBLEMS if needle in f"{context} {problem}"),
        ("无法识别的写法", "请检查缩进、冒号和引号"),
    )
    value = source.partition(": ")[2].lstrip() if ": " in source else source.removeprefix("- ")
    if (
        value[:1] in _YAML_INDICATORS
        and not value.startswith(("'", '"'))
        and not context.startswith(("while parsing a tag", "while parsing a flow", "while scanning a quoted"))
    ):
        hint = f"值以「{value[0]}」开头,YAML 会把它当成特殊写法;如果这是文字,请给整段文字加上引号"
    shown = f"(这一行是「{clip(source)}」)" if source else ""
    return error(f"YAML 格式错误:{problem_text}{shown}", path=name, line=line_no, hint=hint)


# The slips of a writer typing YAML in a Chinese input method. PyYAML notices each of them only later (often
# lines further down, as "缩进不一致" or "缺少冒号"); looking for them first names the real mistake at its line.
# Only a broken file needs them: kept as text, compiled (and cached) by re on the first use.
_FULL_WIDTH_INDENT = "^[ ]*\u3000"
_FULL_WIDTH_BULLET = "^[ \u3000]*[\uff0d\u2014\u2013\u2022\u2212][ \u3000]*\\S"
_COLON_FULL_WIDTH_SPACE = "^[ ]*(?:-[ ]+)?[^\\s#'\"\\[\\]{}:][^#'\"\\[\\]{}:]*:\u3000"
_COLON_NO_SPACE = "^[ ]*(?:-[ ]+)?[^\\s#'\"\\[\\]{}:/\\d][^\\s#'\"\\[\\]{}:/]*:(?=[^\\s:/])"
# "- id：a" right where YAML gave up: a short key in a list item (a longer sentence may hold a colon of its own).
_LISTED_FULL_WIDTH_KEY = "^[ ]*-[ ]+\\w{1,8}\uff1a"
_FULL_WIDTH_COLON = "^[ ]*[^\\s#'\"\\-\\[\\]{}:\uff1a][^#'\"\\[\\]{}:\uff1a]*\uff1a"


def _writer_mistake(lines: list[str], upto: int | None) -> tuple[int, str, str] | None:
    """The first input-method slip at or above the line where YAML gave up: (line, what, what to do)."""
    last = upto if upto is not None else len(lines)
    for number, text in enumerate(lines[:last], start=1):
        if text.lstrip().startswith("#"):
            continue
        if re.match(_FULL_WIDTH_INDENT, text):
            return number, "这一行用全角空格(　)缩进了", "请用半角空格缩进:把输入法切换到半角(英文)状态再按空格"
        if re.match(_FULL_WIDTH_BULLET, text):
            return number, "列表项前面用了全角或长的横线(－、—)", "列表项请以半角的「- 」开头:减号后面加一个空格"
        if re.match(_COLON_FULL_WIDTH_SPACE, text):
            return number, "冒号后面是全角空格", "冒号后面请用一个半角空格,如「单位: 青山县教育局」"
        if ": " not in text and (
            re.match(_FULL_WIDTH_COLON, text) or (number >= last - 1 and re.match(_LISTED_FULL_WIDTH_KEY, text))
        ):
            return number, "这一行用了中文冒号「：」", "键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」"
        if number == last and re.match(_COLON_NO_SPACE, text) and ": " not in text:
            return number, "冒号后面缺少空格", "键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」"
    return None


def _tab_indented_line(lines: list[str], upto: int | None) -> int | None:
    """The first line up to the error whose indentation contains a Tab: that is the real mistake."""
    last = upto if upto is not None else len(lines)
    for number, text in enumerate(lines[:last], start=1):
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent and text.strip():
            return number
    return None
