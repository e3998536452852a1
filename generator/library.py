"""The phrase and outline library: load, validate, overlay and dump the reviewed YAML under templates/library/."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.errors import TemplateError
from generator.resources import template_path
from generator.yamlio import load_user_yaml, node_data

# What a phrase pattern is for. The composer asks for patterns by kind (and topic).
PHRASE_KINDS: dict[str, str] = {
    "title": "标题",
    "opening": "导语",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "enum_lead": "列举引导",
    "measure": "举措",
    "achievement": "成绩(含数字)",
    "honour": "荣誉",
    "problem": "不足",
    "plan": "打算",
    "transition": "过渡",
    "closing": "结尾",
}

# Slot types: what kind of fact a {{ slot }} holds.
SLOT_TYPES: dict[str, str] = {
    "quantity": "数量(带单位)",
    "money": "金额",
    "percent": "百分比",
    "year": "年份",
    "place": "地名",
    "org": "机构或学校",
    "person": "人名",
    "project": "项目名称(引号内)",
    "doc": "文件名称(书名号内)",
    "text": "一段文字",
}

# Context slots the composer always fills from the facts file; a pattern using only these (or none) needs no data.
CONTEXT_SLOTS: dict[str, str] = {
    "单位": "行文单位,如 青山县教育局",
    "地区": "辖区名称,如 青山县",
    "区划": "辖区的最后一字,如 县(用于 全县、我县)",
    "年度": "年度,如 2025",
    "上级": "领导机关,如 县委、县政府",
    "主线": "工作主线或主题",
    "主题": "本部分的主题短语,如 学前教育",
    "活动": "专项活动名称",
    "阶段": "专项活动阶段",
    "半年": "上半年 或 下半年",
    "下期": "下一阶段的说法,如 下半年、2026年",
}

# Fact slots the composer fills from one entry of the facts file (a figure, an honour list, a measure).
FACT_SLOTS: dict[str, str] = {
    "项目": "数据的项目名称,如 新建幼儿园",
    "数值": "数值连同单位,如 12所",
    "比较": "与上年比较的分句,如 比上年增加4所,增长50%",
    "完成": "与目标比较的分句,如 完成目标的80%",
    "荣誉": "荣誉名称(多项用顿号连接)",
    "个数": "荣誉或事项的个数,如 3",
    "举措": "一条举措的原文",
    "问题": "一条不足的原文",
}

ORIGINS = ("mined", "manual")

# Outline node roles the composer knows how to fill.
OUTLINE_ROLES: dict[str, str] = {
    "opening": "导语:开头一段(年度、上级领导、工作主线、总体评价)",
    "overview": "成绩概述:荣誉与总体成效一段",
    "section": "固定标题的部分(标题写在 heading 里),下含子节点",
    "part": "不带序号的部分标题,如 下半年工作打算",
    "work": "工作部分:按事实文件「工作」逐项展开,每项一个标题",
    "problems": "不足:以过渡语开头,一是……二是……",
    "plan_intro": "打算的引导段",
    "plans": "计划部分:按事实文件「计划」逐项展开",
    "approach": "总体思路一段",
    "goals": "主要目标:逐条列出",
    "closing": "结尾一段",
}

BODY_STYLES = ("chain", "numbered", "paragraphs", "firstly")

PHRASE_KEYS = ("id", "kind", "topics", "text", "slots", "family", "support", "origin", "sources", "example")
NODE_KEYS = (
    "role", "level", "marker", "heading", "repeat", "topics", "body", "family", "headings_seen", "note", "children",
)
OUTLINE_KEYS = ("name", "title", "kind", "origin", "description", "sources", "nodes")


@dataclass(frozen=True)
class Source:
    """Where a mined entry came from: file name and position only, never a copy of the sentence."""

    file: str
    line: int
    sentence: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "sentence": self.sentence}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f"#{self.sentence}" if self.sentence else "")


@dataclass
class Phrase:
    """A slotted phrase pattern: Jinja2 text with named, typed slots."""

    id: str
    kind: str
    text: str
    topics: list[str] = field(default_factory=lambda: ["综合"])
    slots: dict[str, str] = field(default_factory=dict)
    family: str = ""
    support: int = 1
    origin: str = "mined"
    sources: list[Source] = field(default_factory=list)
    example: str = ""
    # Where this entry was loaded from (for messages); not dumped.
    path: str = ""
    line: int = 0

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "topics": list(self.topics),
            "text": self.text,
            "slots": dict(self.slots),
        }
        if self.family:
            data["family"] = self.family
        data["support"] = self.support
        data["origin"] = self.origin
        data["sources"] = [s.as_dict() for s in self.sources]
        data["example"] = self.example
        return data


@dataclass
class OutlineNode:
    """One node of an outline skeleton (see OUTLINE_ROLES)."""

    role: str
    level: int = 0
    marker: str = ""  # marker style of this node's heading: "一、", "(一)", "1.", "(1)" or "" (no heading / part)
    heading: str = ""  # fixed heading wording (Jinja2 with context slots), e.g. "下半年工作打算"
    repeat: str = ""  # for work/plans/goals: which facts list repeats this node ("工作", "计划", "主要目标")
    # For work/plans: take only the areas of these topics (a section of its own); empty takes the areas no other
    # node of the outline claims.
    topics: list[str] = field(default_factory=list)
    body: str = "chain"  # how measures are written: chain (一是/二是), numbered (1. 2.), paragraphs, firstly (首先/其次)
    family: str = ""  # heading family id for repeated headings
    headings_seen: list[str] = field(default_factory=list)
    note: str = ""
    children: list[OutlineNode] = field(default_factory=list)
    line: int = 0

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"role": self.role}
        if self.level:
            data["level"] = self.level
        if self.marker:
            data["marker"] = self.marker
        if self.heading:
            data["heading"] = self.heading
        if self.repeat:
            data["repeat"] = self.repeat
        if self.topics:
            data["topics"] = list(self.topics)
        if self.role in ("work", "plans", "section") and self.body != "chain":
            data["body"] = self.body
        if self.family:
            data["family"] = self.family
        if self.headings_seen:
            data["headings_seen"] = list(self.headings_seen)
        if self.note:
            data["note"] = self.note
        if self.children:
            data["children"] = [c.as_dict() for c in self.children]
        return data

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    """An outline skeleton for one kind of report."""

    name: str
    title: str
    kind: str
    nodes: list[OutlineNode]
    origin: str = "mined"
    description: str = ""
    sources: list[str] = field(default_factory=list)
    path: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "kind": self.kind,
            "origin": self.origin,
            "description": self.description,
            "sources": list(self.sources),
            "nodes": [n.as_dict() for n in self.nodes],
        }

    def walk(self):
        for node in self.nodes:
            yield from node.walk()


@dataclass
class Library:
    """Phrases and outlines after overlaying: shipped mined → shipped manual → user folders, later wins by id."""

    phrases: dict[str, Phrase] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)

    def phrases_of(self, kind: str, topic: str | None = None) -> list[Phrase]:
        """Patterns of a kind (and topic, falling back to 综合), in stable id order."""
        found = [p for p in self.phrases.values() if p.kind == kind]
        if topic is not None:
            exact = [p for p in found if topic in p.topics]
            found = exact or [p for p in found if "综合" in p.topics]
        return sorted(found, key=lambda p: p.id)

    def family(self, family_id: str) -> list[Phrase]:
        return sorted((p for p in self.phrases.values() if p.family == family_id), key=lambda p: p.id)

    def outline_for(self, name_or_kind: str) -> Outline | None:
        if name_or_kind in self.outlines:
            return self.outlines[name_or_kind]
        for outline in sorted(self.outlines.values(), key=lambda o: (o.origin != "manual", o.name)):
            if outline.kind == name_or_kind:
                return outline
        return None


def phrase_id(kind: str, text: str) -> str:
    """A stable id: the kind and a short hash of the pattern text."""
    import hashlib  # only mining makes ids; drafting should not pay for the import

    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{kind}.{digest}"


# ---------------------------------------------------------------- loading


# A library file is hand-edited YAML like a facts file: the same checked reader, the same Chinese messages.
_MAX_BYTES = 8 * 1024 * 1024


def read_yaml(path: Path, what: str = "词库文件") -> Any:
    """Load a library YAML file with the checked reader, keeping the line of every mapping as '__line__'."""
    return node_data(load_user_yaml(path, what=what, max_bytes=_MAX_BYTES, error=TemplateError))


def _line(data: Any) -> int:
    return int(data.get("__line__", 1)) if isinstance(data, dict) else 1


def _err(path: Path, data: Mapping[str, Any] | None, message: str, hint: str | None = None) -> TemplateError:
    line = data.get("__line__") if isinstance(data, Mapping) else None
    return TemplateError(message, path=path, line=line, hint=hint)


def _check_keys(path: Path, data: Mapping[str, Any], allowed: Iterable[str], what: str) -> None:
    import difflib

    allowed = list(allowed)
    for key in data:
        if key == "__line__" or key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"您是不是想写「{close[0]}」?" if close else f"可用的键:{'、'.join(allowed)}"
        raise _err(path, data, f"{what}中有未知的键「{key}」", hint)


def _str_list(path: Path, data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(path, data, f"「{key}」应当是文字列表")
    return list(value)


def parse_phrase(path: Path, data: Any, default_origin: str) -> Phrase:
    if not isinstance(data, dict):
        raise TemplateError("每条句式应当是一个映射(id、kind、text …)", path=path, line=1)
    _check_keys(path, data, PHRASE_KEYS, "句式")
    for key in ("id", "kind", "text"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _err(path, data, f"句式缺少「{key}」或它不是文字")
    if data["kind"] not in PHRASE_KINDS:
        raise _err(path, data, f"句式 {data['id']} 的 kind「{data['kind']}」无效", f"可用的有:{'、'.join(PHRASE_KINDS)}")
    slots = data.get("slots") or {}
    if not isinstance(slots, dict):
        raise _err(path, data, f"句式 {data['id']} 的 slots 应当是「槽位名: 类型」的映射")
    slots = {k: v for k, v in slots.items() if k != "__line__"}
    for name, slot_type in slots.items():
        if slot_type not in SLOT_TYPES and name not in CONTEXT_SLOTS and name not in FACT_SLOTS:
            raise _err(path, data, f"句式 {data['id']} 的槽位「{name}」类型「{slot_type}」无效", f"可用类型:{'、'.join(SLOT_TYPES)}")
    origin = data.get("origin", default_origin)
    if origin not in ORIGINS:
        raise _err(path, data, f"句式 {data['id']} 的 origin 应为 mined 或 manual")
    sources = []
    for src in data.get("sources") or []:
        if not isinstance(src, dict) or "file" not in src:
            raise _err(path, data, f"句式 {data['id']} 的 sources 每项应有 file 和 line")
        sources.append(Source(str(src["file"]), int(src.get("line", 0)), int(src.get("sentence", 0))))
    support = data.get("support", 1)
    if not isinstance(support, int) or support < 0:
        raise _err(path, data, f"句式 {data['id']} 的 support 应为非负整数")
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
        path=str(path),
        line=int(data.get("__line__", 0)),
    )
    _check_slots(phrase, path)
    return phrase


def template_slots(text: str, *, path: str | Path = "", line: int = 0) -> set[str]:
    """Every slot name a pattern reads ({{ 名 }}, and names used in {% if %} and the like)."""
    if is_plain_template(text):
        return set(plain_slots(text))
    from jinja2 import meta

    compile_template(text, path=path, line=line)  # a syntax mistake is reported as such first
    return set(meta.find_undeclared_variables(_environment().parse(text)))


def _check_slots(phrase: Phrase, path: Path) -> None:
    # A slot the composer never fills makes the phrase unusable, and it would be skipped without a word.
    known = set(CONTEXT_SLOTS) | set(FACT_SLOTS) | set(phrase.slots)
    unknown = sorted(template_slots(phrase.text, path=path, line=phrase.line) - known)
    if not unknown:
        return
    import difflib

    valid = [*CONTEXT_SLOTS, *FACT_SLOTS, *(s for s in phrase.slots if s not in CONTEXT_SLOTS and s not in FACT_SLOTS)]
    close = difflib.get_close_matches(unknown[0], valid, n=1, cutoff=0.5)
    guess = f"您是不是想写「{close[0]}」?" if close else ""
    raise TemplateError(
        f"句式 {phrase.id} 用到了不认识的槽位「{'」「'.join(unknown)}」",
        path=path,
        line=phrase.line or None,
        hint=f"{guess}可用的槽位有:{'、'.join(valid)};数据槽位须在 slots 中声明类型",
    )


def parse_node(path: Path, data: Any) -> OutlineNode:
    if not isinstance(data, dict):
        raise TemplateError("提纲的每个节点应当是一个映射(role、level、marker …)", path=path, line=1)
    _check_keys(path, data, NODE_KEYS, "提纲节点")
    role = data.get("role")
    if role not in OUTLINE_ROLES:
        import difflib

        close = difflib.get_close_matches(str(role), list(OUTLINE_ROLES), n=1)
        guess = f"您是不是想写「{close[0]}」?" if close else ""
        raise _err(path, data, f"提纲节点的 role「{role}」无效", f"{guess}可用的有:{'、'.join(OUTLINE_ROLES)}")
    level = data.get("level", 0)
    if not isinstance(level, int) or not 0 <= level <= 4:
        raise _err(path, data, "提纲节点的 level 应为 0 到 4 的整数")
    body = data.get("body", "chain")
    if body not in BODY_STYLES:
        raise _err(path, data, f"提纲节点的 body「{body}」无效", f"可用的有:{'、'.join(BODY_STYLES)}")
    heading = str(data.get("heading") or "")
    if heading:
        if not is_plain_template(heading):
            compile_template(heading, path=path, line=int(data.get("__line__", 0)))
    children = data.get("children") or []
    if not isinstance(children, list):
        raise _err(path, data, "children 应当是节点列表")
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
        children=[parse_node(path, c) for c in children],
        line=int(data.get("__line__", 0)),
    )


def parse_outline(path: Path, data: Any, default_origin: str = "mined") -> Outline:
    if not isinstance(data, dict):
        raise TemplateError("提纲文件应当是一个映射(name、title、kind、nodes)", path=path, line=1)
    _check_keys(path, data, OUTLINE_KEYS, "提纲")
    for key in ("name", "title", "kind"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _err(path, data, f"提纲缺少「{key}」或它不是文字")
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise _err(path, data, "提纲缺少 nodes(节点列表)")
    return Outline(
        name=data["name"],
        title=data["title"],
        kind=data["kind"],
        nodes=[parse_node(path, n) for n in nodes],
        origin=str(data.get("origin") or default_origin),
        description=str(data.get("description") or ""),
        sources=_str_list(path, data, "sources"),
        path=str(path),
    )


def load_phrase_file(path: Path, default_origin: str = "manual") -> list[Phrase]:
    data = read_yaml(path, "句式文件")
    if data is None:
        return []
    items = data.get("phrases") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TemplateError("句式文件应当有 phrases: 列表", path=path, line=_line(data), hint="见 docs/library.md 的示例")
    origin = data.get("origin", default_origin) if isinstance(data, dict) else default_origin
    return [parse_phrase(path, item, origin) for item in items]


def load_outline_file(path: Path, default_origin: str = "manual") -> Outline:
    return parse_outline(path, read_yaml(path, "提纲文件"), default_origin)


def _layer(folder: Path, default_origin: str, library: Library) -> None:
    if not folder.exists():
        raise TemplateError("词库文件夹不存在", path=folder, hint="请检查 --library 给出的路径")
    if folder.is_file():
        files = [folder]
        outline_files: list[Path] = []
    else:
        files = sorted(p for p in folder.glob("*.yaml"))
        outline_files = sorted((folder / "outlines").glob("*.yaml")) if (folder / "outlines").is_dir() else []
    for path in files:
        for phrase in load_phrase_file(path, default_origin):
            library.phrases[phrase.id] = phrase
    for path in outline_files:
        outline = load_outline_file(path, default_origin)
        library.outlines[outline.name] = outline
    library.layers.append(str(folder))


def load_library(extra: Iterable[str | Path] = ()) -> Library:
    """The shipped library (mined, then manual overlay) overlaid by the user's folders in the order given."""
    extra = tuple(str(p) for p in extra)
    return _load_library_cached(extra)


@lru_cache(maxsize=8)
def _load_library_cached(extra: tuple[str, ...]) -> Library:
    library = Library()
    mined = template_path("library", "mined")
    # Before the first `zongjie mine` there is no mined layer; the reviewed manual layer still drafts.
    if mined.exists():
        _layer(mined, "mined", library)
    manual = template_path("library", "manual")
    if manual.exists():
        _layer(manual, "manual", library)
    for folder in extra:
        _layer(Path(folder), "manual", library)
    return library


# ---------------------------------------------------------------- templates


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """Jinja2's sandbox stops code, not size: '哈' * 10**10 or 9**9**9 would take the memory or the CPU."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):  # noqa: ANN001, ANN201 - Jinja2's signature
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > _MAX_EXPONENT:
                raise SecurityError(f"指数 {right} 过大")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        if len(seq) * times > _MAX_REPEAT:
                            raise SecurityError(f"重复后的长度超过 {_MAX_REPEAT}")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


# A phrase is a sentence: nothing a template computes needs to be longer or larger than this.
_MAX_REPEAT = 10_000
_MAX_EXPONENT = 100


@lru_cache(maxsize=4096)
def _compiled(text: str):
    return _environment().from_string(text)


_PLAIN_SLOT = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")


def is_plain_template(text: str) -> bool:
    """Whether a pattern is only text and {{ slot }} substitutions: nothing for Jinja2 to check or run.

    Almost every library pattern is; such a pattern cannot have a syntax error, so loading need not compile it.
    """
    rest = _PLAIN_SLOT.sub("", text)
    return not any(mark in rest for mark in ("{{", "{%", "{#"))


def plain_slots(text: str) -> list[str]:
    """The slot names of a plain template, in order of appearance."""
    return _PLAIN_SLOT.findall(text)


def compile_template(text: str, *, path: str | Path = "", line: int = 0):
    """Compile a pattern in Jinja2's sandbox; a syntax mistake becomes a TemplateError naming file and line."""
    from jinja2 import TemplateSyntaxError

    try:
        return _compiled(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误:{_syntax_problem(str(exc.message or ''))}(模板:{text[:40]})",
            path=path or None,
            line=line or None,
            hint="请检查 {{ }} 与 {% %} 是否成对",
        ) from None


# Jinja2's syntax complaints a pattern writer meets, most specific first: (pattern, Chinese with \\1 for the quoted).
_SYNTAX_PROBLEMS: tuple[tuple[str, str], ...] = (
    (
        r"(?i)^unexpected end of template.*innermost block that needs to be closed is '(\w+)'.*",
        r"{% \1 %} 没有写完,缺少结束标签 {% end\1 %}",
    ),
    (r"(?i)^unexpected end of template.*", "模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}"),
    (r"^unexpected '([^']*)'$", r"出现了多余的「\1」"),
    (r"^expected token 'end of print statement', got '([^']*)'$", r"{{ }} 里只能写一个槽位名,多出了「\1」"),
    (r"^expected token '([^']*)', got '([^']*)'$", r"这里应当是「\1」,写成了「\2」"),
    (r"^Encountered unknown tag '([^']*)'.*", r"不认识的标签「{% \1 %}」(只能用 if、elif、else、endif)"),
    (r"^unexpected char '(.)' at \d+$", r"{{ }} 里出现了不能使用的字符「\1」"),
    (r"(?i)^missing end of comment tag$", "注释 {# 没有用 #} 结束"),
    (r"^Expected an expression, got 'end of print statement'$", "{{ }} 里没有写槽位名"),
    (r"^Expected an expression, got '([^']*)'$", r"这里缺少槽位名,写成了「\1」"),
    (r"^No filter named '([^']*)'.*", r"不认识的过滤器「\1」"),
    (r"^No test named '([^']*)'.*", r"不认识的测试「\1」"),
    (r"(?i)^tag name expected$", "{% %} 里缺少标签名"),
)


def _syntax_problem(message: str) -> str:
    for pattern, chinese in _SYNTAX_PROBLEMS:
        match = re.match(pattern, message, flags=re.S)
        if match:
            return match.expand(chinese)
    return "写法有误,Jinja2 无法读懂这条模板"


def _render_problem(exc: Exception) -> str:
    """A render-time failure in Chinese (never Jinja2's or Python's English)."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    text = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, SecurityError):
        attribute = re.search(r"access to attribute '([^']+)'", text)
        if attribute:
            return f"模板试图访问不安全的属性「{attribute.group(1)}」,已被沙箱阻止"
        if re.search(r"[\u4e00-\u9fff]", text):  # our own bounded-sandbox messages are already Chinese
            return f"模板试图执行不安全的操作,已被沙箱阻止:{text.rstrip('.')}"
        return "模板试图执行不安全的操作,已被沙箱阻止"
    if isinstance(exc, UndefinedError):
        missing = re.match(r"^'([^']+)' is undefined$", text)
        if missing:
            return f"模板用到了没有提供的槽位「{missing.group(1)}」"
        attribute = re.search(r"has no attribute '([^']+)'", text)
        if attribute:
            return f"模板访问了不存在的属性「{attribute.group(1)}」"
        return "模板用到了没有提供的值"
    if isinstance(exc, ZeroDivisionError):
        return "模板渲染失败:除数为零"
    if isinstance(exc, (TypeError, ValueError)):
        return "模板渲染失败:运算的两边类型不合(例如文字和数字相加)"
    if isinstance(exc, (OverflowError, MemoryError, RecursionError)):
        return "模板渲染失败:计算结果过大"
    return "模板渲染失败:模板中的运算无法完成"


def render_template(text: str, values: Mapping[str, Any], *, path: str | Path = "", line: int = 0) -> str:
    """Render a pattern with values in the sandbox; undefined slots and sandbox violations are TemplateErrors."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    template = compile_template(text, path=path, line=line)
    try:
        return template.render(**values)
    except UndefinedError as exc:
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="请检查 {{ }} 里的槽位名是否写对(可用的槽位见 docs/library.md)",
        ) from None
    except SecurityError as exc:
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="句式和提纲里只用 {{ 槽位名 }} 填空和简单的 {% if %},请删去这段代码",
        ) from None
    except Exception as exc:  # a user template can fail in many ways at render time (type errors, division…)
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="请简化这条模板,只用 {{ 槽位名 }} 填空",
        ) from None


# ---------------------------------------------------------------- dumping


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
    layout of a phrase is fixed (Phrase.as_dict's keys), so only its scalars go through YAML, cached.
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
        if phrase.family:
            add(f"  family: {_scalar(phrase.family)}")
        add(f"  support: {phrase.support}\n  origin: {_scalar(phrase.origin)}")
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
    strings = (
        *(phrase.id, phrase.kind, phrase.text, phrase.family, phrase.origin, phrase.example, *phrase.topics),
        *(*phrase.slots, *phrase.slots.values(), *(s.file for s in phrase.sources)),
    )
    return all(len(v) < 900 and "\n" not in v and "\r" not in v for v in strings)


@lru_cache(maxsize=65536)
def _scalar(value: str) -> str:
    """One string as dump_yaml writes it in block context (plain when it can be, else quoted)."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1000)
    return text[: -len("\n...\n")] if text.endswith("\n...\n") else text.rstrip("\n")


def dump_outline(outline: Outline, header: str = "") -> str:
    return dump_yaml(outline.as_dict(), header)
