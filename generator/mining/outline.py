"""Outline skeletons: a report's kind by the rules of templates/mining/kinds.yaml, and its section tree as roles."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.base.resources import template_path
from generator.corpus.doctree import Document, Paragraph, Section
from generator.errors import TemplateError
from generator.library.model import Outline, OutlineNode
from generator.mining.slot import JIEBA, compile_rule, load_yaml

CN_NUMERALS = "一二三四五六七八九十"
CHAIN = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是")
FIRSTLY = ("首先", "其次", "再次", "最后")
SENTENCE = re.compile(r"[^。!?!?;;]+[。!?!?;;]?")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (to ；), its 一是/首先 marker taken off first: the units both mining passes slot."""
    text = text.strip()
    for marker in (*CHAIN, *FIRSTLY):
        if text.startswith(marker):
            text = re.sub(r"^[,,、::\s]+", "", text[len(marker) :])
            break
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


@dataclass(frozen=True)
class KindSpec:
    name: str
    kind: str
    title: str
    description: str
    title_keywords: tuple[str, ...]
    signals: tuple[dict[str, Any], ...]
    tail: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class KindRules:
    weight_title: int
    kinds: tuple[KindSpec, ...]
    fallback: str
    sections: tuple[tuple[re.Pattern[str], str], ...]
    child_roles: tuple[tuple[re.Pattern[str], str, str], ...]
    problems: re.Pattern[str]
    closing: re.Pattern[str]
    overview: re.Pattern[str]
    truncated_note: str
    missing_opening_note: str

    def spec(self, name: str) -> KindSpec:
        return next(k for k in self.kinds if k.name == name)


@lru_cache(maxsize=1)
def kind_rules() -> KindRules:
    data = load_yaml("kinds.yaml")
    path = template_path("mining", "kinds.yaml")
    try:
        kinds = tuple(
            KindSpec(
                name=str(k["name"]),
                kind=str(k["kind"]),
                title=str(k["title"]),
                description=str(k.get("description", "")),
                title_keywords=tuple(str(w) for w in k.get("title_keywords") or ()),
                signals=tuple(k.get("signals") or ()),
                tail=tuple(k.get("tail") or ()),
            )
            for k in data["kinds"]
        )
        for spec in kinds:
            for signal in spec.signals:
                compile_rule(str(signal["pattern"]), "kinds.yaml", f"种类 {spec.name} 的结构特征")
        return KindRules(
            weight_title=int(data.get("weight_title", 2)),
            kinds=kinds,
            fallback=str(data["fallback"]),
            sections=tuple(
                (compile_rule(str(s["pattern"]), "kinds.yaml", "固定部分标题"), str(s["heading"]))
                for s in data["sections"]
            ),
            child_roles=tuple(
                (
                    compile_rule(str(c["pattern"]), "kinds.yaml", "二级标题角色"),
                    str(c["role"]),
                    str(c.get("repeat", "")),
                )
                for c in data["child_roles"]
            ),
            problems=compile_rule(str(data["problems"]), "kinds.yaml", "不足段"),
            closing=compile_rule(str(data["closing"]), "kinds.yaml", "结尾段"),
            overview=compile_rule(str(data["overview"]), "kinds.yaml", "成绩概述"),
            truncated_note=str(data["truncated_note"]),
            missing_opening_note=str(data["missing_opening_note"]),
        )
    except (KeyError, TypeError) as exc:
        raise TemplateError(
            f"种类规则文件缺少键或格式不对:{exc}", path=path, hint="请对照文件开头的注释修正"
        ) from None


def detect_kind(document: Document) -> KindSpec:
    """The kind of a report: title keywords and structural signals, scored; ties go to the earlier kind."""
    rules = kind_rules()
    best: tuple[int, int] = (0, 0)
    chosen = rules.spec(rules.fallback)
    for order, spec in enumerate(rules.kinds):
        score = sum(rules.weight_title for w in spec.title_keywords if w in document.title)
        for signal in spec.signals:
            if _signal(document, signal):
                score += int(signal.get("weight", 1))
        if score > best[0] or (score == best[0] and score and order < best[1]):
            best, chosen = (score, order), spec
    return chosen


def _signal(document: Document, signal: dict[str, Any]) -> bool:
    pattern = re.compile(str(signal["pattern"]))
    kind = signal.get("type")
    if kind == "part":
        return any(s.is_part and pattern.search(s.title) for s in document.walk())
    if kind == "section":
        return any(s.level == 1 and pattern.search(s.title) for s in document.sections)
    if kind == "short_leads":
        return sum(1 for s in document.sections if s.level == 1 and pattern.search(s.title)) >= int(
            signal.get("min", 3)
        )
    if kind == "opening_end":
        if not document.opening:
            return False
        sentences = SENTENCE.findall(document.opening[-1].text)
        return bool(sentences) and bool(pattern.search(sentences[-1].strip()))
    raise TemplateError(f"种类规则中的结构特征类型「{kind}」无效", path=template_path("mining", "kinds.yaml"))


# ---------------------------------------------------------------- skeleton


def marker_style(marker: str) -> str:
    """The marker style as written, with its number replaced by one: 三、 → 一、, (2) → (1), 3、 → 1、."""
    marker = re.sub(r"\d+", "1", marker.strip())
    return re.sub(f"[{CN_NUMERALS}]+", "一", marker)


def body_style(sections: list[Section]) -> str:
    """How the measures of these sections are written: chain, firstly, numbered (1. sub-items) or paragraphs."""
    chain = sum(1 for s in sections if any(i.marker in CHAIN for p in s.paragraphs for i in p.items))
    firstly = sum(1 for s in sections if any(i.marker in FIRSTLY for p in s.paragraphs for i in p.items))
    if chain and chain * 2 >= len(sections):
        return "chain"
    if firstly and not chain:
        return "firstly"
    if any(c.level >= 3 for s in sections for c in s.children):
        return "numbered"
    return "paragraphs"


def heading_family(titles: list[str]) -> tuple[str, list[str]]:
    """Whether sibling headings form a family: 'parallel' (a shared predicate shape), 'paired' (A,B) or ''.

    For a parallel set the members are the shapes '{{ 主题 }}<predicate>', e.g. {{ 主题 }}凸显新成效.
    """
    if len(titles) >= 2 and all(re.fullmatch(r"[^,,]{2,16}[,,][^,,]{3,20}", t) for t in titles):
        return "paired", titles
    if len(titles) >= 3:
        shapes = _parallel_shapes(titles)
        if shapes:
            return "parallel", shapes
    if len(titles) >= 3 and len({t[:2] for t in titles}) == 1:
        return "parallel", titles
    return "", titles


def _parallel_shapes(titles: list[str]) -> list[str]:
    shortest = min(len(t) for t in titles)
    for back in range(min(5, shortest - 2), 1, -1):
        if len({t[-back] for t in titles}) != 1:
            continue
        # Each member's predicate starts at a word boundary; the most common length (then the longest) is used for all,
        # so that one odd segmentation does not break the set.
        lengths = [len(t) - _predicate_start(t, len(t) - back) for t in titles]
        size = max(set(lengths), key=lambda n: (lengths.count(n), n))
        if any(len(t) - size < 2 for t in titles):
            return []
        return ["{{ 主题 }}" + t[len(t) - size :] for t in titles]
    return []


def _predicate_start(title: str, pos: int) -> int:
    """Where the predicate begins: the word holding the shared character, or the word before it if that is one char."""
    offset = 0
    words = JIEBA.cut(title)
    for index, word in enumerate(words):
        if offset <= pos < offset + len(word):
            if len(word) == 1 and index > 0:
                return offset - len(words[index - 1])
            return offset
        offset += len(word)
    return pos


SlotHeading = Callable[[str], str]


class OutlineBuilder:
    """Build one document's outline skeleton; headings are slotted by the caller's function (or dropped)."""

    def __init__(self, document: Document, spec: KindSpec, slot_heading: SlotHeading) -> None:
        self.document = document
        self.spec = spec
        self.rules = kind_rules()
        self.slot_heading = slot_heading

    def build(self) -> Outline:
        doc, rules = self.document, self.rules
        nodes: list[OutlineNode] = [OutlineNode(role="opening")]
        if not doc.opening:
            nodes[0].note = rules.missing_opening_note
        elif self._has_overview(doc.opening):
            nodes.append(OutlineNode(role="overview"))
        problems_done = False
        top = doc.sections
        index = 0
        while index < len(top):
            section = top[index]
            if section.is_part:
                nodes.append(self._part(section))
                group = [section]
                index += 1
            else:
                heading = self._fixed_heading(section.title)
                if heading:
                    nodes.append(self._section(section, heading))
                    group = [section]
                    index += 1
                else:
                    group = [section]
                    index += 1
                    while index < len(top) and not top[index].is_part and top[index].level == section.level:
                        if self._fixed_heading(top[index].title):
                            break
                        group.append(top[index])
                        index += 1
                    nodes.append(self._work(group, "work", repeat="工作"))
            if not problems_done and any(
                self._is_problems(p) for s in group for x in s.walk() for p in x.paragraphs
            ):
                nodes.append(OutlineNode(role="problems"))
                problems_done = True
        closing = doc.closing or [p for p in (_last_paragraphs(doc)[-1:]) if rules.closing.search(p.text)]
        if closing:
            nodes.append(OutlineNode(role="closing"))
        present = {n.role for node in nodes for n in node.walk()}
        for entry in self.spec.tail:
            if entry["role"] in present:
                continue
            node = _node_from_data(entry)
            node.note = rules.truncated_note
            nodes.append(node)
        return Outline(
            name=self.spec.name,
            title=self.spec.title,
            kind=self.spec.kind,
            nodes=nodes,
            origin="mined",
            description=self.spec.description,
            sources=[doc.source],
        )

    # ---- parts

    def _has_overview(self, opening: list[Paragraph]) -> bool:
        sentences = [s for p in opening for s in SENTENCE.findall(p.text)]
        hits = sum(1 for s in sentences if self.rules.overview.search(s))
        return hits >= 2 and hits * 2 >= len(sentences)

    def _is_problems(self, paragraph: Paragraph) -> bool:
        return bool(self.rules.problems.search(paragraph.text))

    def _fixed_heading(self, title: str) -> str:
        for pattern, heading in self.rules.sections:
            if pattern.search(title):
                return heading
        return ""

    def _part(self, section: Section) -> OutlineNode:
        node = OutlineNode(role="part", heading=self.slot_heading(section.title) or section.title)
        if section.paragraphs:
            node.children.append(OutlineNode(role="plan_intro"))
        if section.children:
            level = section.children[0].level
            node.children.append(
                self._work([c for c in section.children if c.level == level], "plans", repeat="计划")
            )
        return node

    def _section(self, section: Section, heading: str) -> OutlineNode:
        node = OutlineNode(
            role="section", level=section.level, marker=marker_style(section.marker), heading=heading
        )
        plan = "{{ 下期 }}" in heading
        rest: list[Section] = []
        for child in section.children:
            role, repeat = self._child_role(child.title) if plan else ("", "")
            if role:
                node.children.append(self._fixed_child(child, role, repeat))
            else:
                rest.append(child)
        if rest:
            node.children.append(
                self._work(rest, "plans" if plan else "work", repeat="计划" if plan else "工作")
            )
        return node

    def _child_role(self, title: str) -> tuple[str, str]:
        for pattern, role, repeat in self.rules.child_roles:
            if pattern.search(title):
                return role, repeat
        return "", ""

    def _fixed_child(self, section: Section, role: str, repeat: str) -> OutlineNode:
        node = OutlineNode(
            role=role,
            level=section.level,
            marker=marker_style(section.marker),
            heading=self.slot_heading(section.title) or section.title,
            repeat=repeat,
        )
        if role == "plans":
            node.body = body_style([section])
        if section.children:
            node.headings_seen = _unique(self.slot_heading(c.title) for c in section.children)
        return node

    def _work(self, group: list[Section], role: str, repeat: str = "") -> OutlineNode:
        first = group[0]
        node = OutlineNode(role=role, level=first.level, marker=marker_style(first.marker), repeat=repeat)
        titles = [self.slot_heading(s.title) for s in group]
        kept = [t for t in titles if t]
        family, shapes = heading_family(kept) if len(kept) == len(titles) else ("", kept)
        if family:
            node.family = f"{self.spec.name}.{role}{first.level}"
        node.headings_seen = _unique(shapes if family == "parallel" else kept)
        node.body = body_style(group)
        if any(s.paragraphs and s.children for s in group):
            node.note = "标题下先写一段引导语,再逐项展开"
        children = [c for s in group for c in s.children]
        if children:
            level = min(c.level for c in children)
            node.children.append(self._work([c for c in children if c.level == level], role))
        return node


def _node_from_data(entry: dict[str, Any]) -> OutlineNode:
    return OutlineNode(
        role=str(entry["role"]),
        level=int(entry.get("level", 0)),
        marker=str(entry.get("marker", "")),
        heading=str(entry.get("heading", "")),
        repeat=str(entry.get("repeat", "")),
        children=[_node_from_data(c) for c in entry.get("children") or ()],
    )


def _last_paragraphs(document: Document) -> list[Paragraph]:
    paragraphs = list(document.opening)
    for section in document.walk():
        paragraphs.extend(section.paragraphs)
    return paragraphs


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def merge_outlines(outlines: list[Outline]) -> Outline:
    """Several reports of one kind: the skeleton of the most structured one (ties: the first), every source named."""
    best = max(outlines, key=lambda o: sum(1 for node in o.walk() if not node.note))
    sources = [s for o in outlines for s in o.sources]
    best.sources = list(dict.fromkeys([*best.sources, *sources]))
    return best
