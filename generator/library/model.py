"""The library's data model: phrase kinds, slot types, outline roles and the Phrase, Outline and Library records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What a phrase pattern is for. The composer asks for patterns by kind (and topic).
PHRASE_KINDS: dict[str, str] = {
    "title": "标题",
    "opening": "导语",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "lead": "引领句(一节的第一句)",
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
    "choice": "措辞(各份材料在这里的不同写法,起草时按种子选一个,见 choices)",
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
    "本期": "所总结的这一期,如 上半年、2025年",
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

@dataclass(frozen=True)
class Role:
    """An outline node role: its short name in `outline show`, what the composer writes for it (the help of
    `outline copy`), and the heading it gets when the outline names none. The composer fills each role with
    its method ``_role_<name>``; a test keeps the two lists equal."""

    label: str
    help: str
    default_heading: str = ""


# The one role registry: loading checks against it, `outline show|copy` print it, the composer dispatches on it.
OUTLINE_ROLES: dict[str, Role] = {
    "opening": Role("导语", "导语:开头一段(年度、上级领导、工作主线、总体评价)"),
    "overview": Role("成绩概述", "成绩概述:荣誉与总体成效一段"),
    "section": Role("部分", "固定标题的部分(标题写在 heading 里),下含子节点"),
    "part": Role("部分标题(不带序号)", "不带序号的部分标题,如 下半年工作打算"),
    "work": Role("工作", "工作部分:按事实文件「工作」逐项展开,每项一个标题"),
    "problems": Role("不足", "不足:以过渡语开头,一是……二是……", "存在的不足"),
    "plan_intro": Role("打算引导段", "打算的引导段"),
    "plans": Role("计划", "计划部分:按事实文件「计划」逐项展开", "重点工作"),
    "approach": Role("总体思路", "总体思路一段", "总体思路"),
    "goals": Role("主要目标", "主要目标:逐条列出", "主要目标"),
    "closing": Role("结尾", "结尾一段"),
}

BODY_STYLES = ("chain", "numbered", "paragraphs", "firstly")

PHRASE_KEYS = (
    "id", "kind", "topics", "text", "slots", "choices", "family", "support", "scope", "origin", "sources", "example",
    "why",
)
# Where a mined pattern recurs: in education reports only, or also in the other bureaus' (the control set).
SCOPES: dict[str, str] = {"教育": "只在教育部门的材料中出现", "通用": "其他部门的材料中也出现(政府通用)"}
NODE_KEYS = (
    "role", "level", "marker", "heading", "repeat", "topics", "body", "family", "headings_seen", "note", "children",
)
OUTLINE_KEYS = ("name", "title", "kind", "origin", "description", "why", "sources", "nodes")


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
    # Choice slots ({{ 措辞1 }}): the wordings the reports used there, the most frequent first.
    choices: dict[str, list[str]] = field(default_factory=dict)
    scope: str = ""  # a key of SCOPES, for mined patterns
    # Why a reviewed (manual) entry is written by hand: what the corpus cannot give in its place. Mined: empty.
    why: str = ""
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
        if self.choices:
            data["choices"] = {name: list(words) for name, words in self.choices.items()}
        if self.family:
            data["family"] = self.family
        data["support"] = self.support
        if self.scope:
            data["scope"] = self.scope
        data["origin"] = self.origin
        data["sources"] = [s.as_dict() for s in self.sources]
        data["example"] = self.example
        if self.why:
            data["why"] = self.why
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
    why: str = ""  # a reviewed outline: why it is written by hand (see Phrase.why)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "kind": self.kind,
            "origin": self.origin,
            "description": self.description,
        }
        if self.why:
            data["why"] = self.why
        data["sources"] = list(self.sources)
        data["nodes"] = [n.as_dict() for n in self.nodes]
        return data

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
