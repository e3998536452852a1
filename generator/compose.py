"""The composer: the writer's facts, an outline and the phrase library become a Draft; wording is chosen by seed."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import yaml

from generator.errors import TemplateError
from generator.figures import compare, completion, format_number
from generator.kinds import find_kind, kind_ids
from generator.library import (
    CONTEXT_SLOTS,
    FACT_SLOTS,
    Library,
    Outline,
    OutlineNode,
    Phrase,
    is_plain_template,
    plain_slots,
    render_template,
)
from generator.markers import cn_number
from generator.model import Block, Draft, PatternUse, Span
from generator.resources import template_path
from generator.topics import topic_shorts
from generator.typography import fullwidth_punctuation

if TYPE_CHECKING:
    from generator.facts import Area, Facts, Figure

# Outline ids of the five kinds; a phrase whose id carries one of them as a segment is for that kind only.
KIND_IDS: dict[str, str] = kind_ids()
_KIND_SEGMENTS = frozenset(KIND_IDS.values())
# Ordinal connectives of the 首先/其次 body; after the list runs out, 此外 carries on.
_FIRSTLY = ("首先", "其次", "再次", "同时", "此外")
# Headings of nodes whose wording the outline did not give.
_DEFAULT_HEADINGS = {"approach": "总体思路", "goals": "主要目标", "plans": "重点工作", "problems": "存在的不足"}
_DEFAULT_MARKERS = {1: "一、", 2: "(一)", 3: "1.", 4: "(1)"}

_END_PUNCT = "。;;,,、.:: \u3000"
_PLAIN_SLOT = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")
_SENTINEL = re.compile("\ue000(\\d+)\ue001")
_THEME_SPLIT = re.compile("[、,,;;/\\s]+")


def numbered(style: str, n: int) -> str:
    """The n-th marker in a style: 一、→ 三、, (一) → (三), 1. → 3., 一是 → 三是."""
    if "一" in style:
        return style.replace("一", cn_number(n), 1)
    if "1" in style:
        return style.replace("1", str(n), 1)
    return style


def _clean_end(text: str) -> str:
    return text.strip().rstrip(_END_PUNCT)


def _sentence(text: str) -> str:
    text = _clean_end(text)
    return text + "。" if text and text[-1] not in "。!?!?”" else text


def _user(text: str) -> str:
    # The writer's words go in as values; the composer's own markers must not be forged by them.
    return text.replace("\ue000", "").replace("\ue001", "")


def _parser():
    # The library's bounded sandbox, not a plain Environment: finding a template's slots runs Jinja2's code
    # generator, which folds constants, and a plain one would compute '哈' * 10**10 right there.
    from generator.library import _environment

    return _environment()


@lru_cache(maxsize=4096)
def template_slots(text: str) -> frozenset[str]:
    """The slot names a pattern uses (its undeclared Jinja2 variables)."""
    if is_plain_template(text):
        return frozenset(plain_slots(text))
    import jinja2
    import jinja2.meta

    try:
        return frozenset(jinja2.meta.find_undeclared_variables(_parser().parse(text)))
    except jinja2.TemplateSyntaxError:
        return frozenset({"\ue000invalid"})


@dataclass(frozen=True)
class Group:
    """A 板块: level-1 heading gathering several topics (templates/library/manual/groups.yaml)."""

    name: str
    topics: tuple[str, ...]
    keywords: tuple[str, ...]
    family: str
    tail_family: str


def _load_yaml(path: Any) -> Any:
    # libyaml when present: these files are read on every run, and the pure-Python parser costs more than drafting.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def load_groups() -> tuple[Group, ...]:
    """The 板块 taxonomy: which topics a level-1 heading gathers and which heading families it uses."""
    path = template_path("library", "manual", "groups.yaml")
    data = _load_yaml(path) or {}
    groups = []
    for item in data.get("groups") or []:
        if not isinstance(item, dict) or "name" not in item:
            raise TemplateError("板块(groups)的每项应有 name、topics", path=path)
        name = str(item["name"])
        groups.append(
            Group(
                name=name,
                topics=tuple(str(t) for t in item.get("topics") or ()),
                keywords=tuple(str(k) for k in item.get("keywords") or ()),
                family=str(item.get("family") or f"group.{name}"),
                tail_family=str(item.get("tail_family") or f"group.{name}.tail"),
            )
        )
    return tuple(groups)


@dataclass
class _Para:
    """A block being built: spans plus the library entries it used."""

    spans: list[Span] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)

    def add(self, text: str, *, placeholder: bool = False, strong: bool = False) -> None:
        if not text:
            return
        last = self.spans[-1] if self.spans else None
        if last is not None and not placeholder and not last.placeholder and last.strong == strong:
            self.spans[-1] = Span(last.text + text, strong=strong)
        else:
            self.spans.append(Span(text, placeholder=placeholder, strong=strong))

    def extend(self, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(span.text, placeholder=span.placeholder, strong=span.strong)

    @property
    def empty(self) -> bool:
        return not any(s.text for s in self.spans)


@dataclass
class _Section:
    """Areas that share one heading (a 板块 or a part of the 工作主线), with how to word that heading."""

    areas: list[Area]
    group: Group | None = None
    lead: str = ""  # a part of the 工作主线 (development report), put before the heading's tail
    label: str = ""  # the writer's own 板块 wording, used as the heading as it is


class _Composer:
    def __init__(self, facts: Facts, outline: Outline, library: Library, seed: int) -> None:
        self.facts = facts
        self.outline = outline
        self.library = library
        self.rng = random.Random(seed)
        # The writer's 类型 decides the wording (title, opening, plan intro); the outline only the structure.
        self.kind = find_kind(facts.kind) or find_kind(outline.kind)
        self.kind_id = self.kind.id if self.kind else ""
        self.blocks: list[Block] = []
        self.patterns: list[PatternUse] = []
        self.used: set[str] = set()
        self.warnings: list[str] = []
        if outline.kind != facts.kind and outline.kind in KIND_IDS:
            self.warnings.append(
                f"提纲「{outline.name}」是「{outline.kind}」的提纲,事实文件的类型是「{facts.kind}」:"
                f"结构按提纲,标题和导语按「{facts.kind}」"
            )
        self.counters = [0] * 6
        self.families: dict[tuple[str, int], list[Phrase]] = {}
        self.family_names: dict[tuple[str, int], str] = {}
        self.shorts = topic_shorts()
        self.context = self._context()
        self.claimed = self._claimed_topics()
        self.taken: dict[str, set[int]] = {"work": set(), "plans": set()}

    # ------------------------------------------------------------ context and selection

    def _context(self) -> dict[str, str]:
        f = self.facts
        ctx = {"单位": _user(f.unit), "地区": _user(f.region), "区划": _user(f.region_suffix), "年度": str(f.year)}
        optional = {"上级": f.superior, "主线": f.theme, "活动": f.campaign, "阶段": f.stage, "半年": f.half}
        ctx.update({k: _user(v) for k, v in optional.items() if v})
        ctx["下期"] = self.kind.next_period_for(f.year, f.half) if self.kind else f"{f.year + 1}年"
        return ctx

    def _allowed_for_kind(self, phrase: Phrase) -> int:
        """2: written for this kind; 1: for any kind; 0: for another kind."""
        segments = set(phrase.id.split(".")) & _KIND_SEGMENTS
        if not segments:
            return 1
        return 2 if self.kind_id in segments else 0

    def _candidates(
        self,
        kind: str,
        values: Mapping[str, Any],
        *,
        topic: str | None = None,
        purpose: str | None = None,
        exact: Iterable[str] | None = None,
        family: str | None = None,
        kind_needs: bool = False,
        prefer_kind: bool = True,
        avoid: str | None = None,
        must: str | None = None,
    ) -> list[Phrase]:
        # Topic is a preference among fillable patterns, not a filter before filling: a mined pattern of the
        # topic whose slots cannot be filled must not hide the general ones.
        pool = self.library.family(family) if family is not None else self.library.phrases_of(kind)
        needs = self.kind.wording_needs if kind_needs and self.kind else ()
        exact_set = frozenset(exact) if exact is not None else None
        found: list[tuple[int, Phrase]] = []
        for phrase in pool:
            if phrase.id in self.used or phrase.kind != kind:
                continue
            if purpose is not None and purpose not in phrase.id.split("."):
                # Honours are worded alike wherever they stand: an honour pattern written for no purpose fits.
                if not (kind == "honour" and not _has_purpose(phrase)):
                    continue
            if purpose is None and family is None and _has_purpose(phrase):
                continue
            if avoid is not None and avoid in phrase.text:
                continue
            if must is not None and must not in phrase.text:
                continue
            rank = self._allowed_for_kind(phrase)
            if rank == 0:
                continue
            slots = template_slots(phrase.text)
            if not slots <= values.keys():
                continue
            if any(n not in slots for n in needs):
                continue
            if exact_set is not None and (slots & FACT_SLOTS.keys()) != exact_set:
                continue
            found.append((rank, phrase))
        if not found:
            return []
        # The writer's own folders come first: a pattern they added is what they want to read.
        own = [(rank, p) for rank, p in found if not _shipped(p)]
        if own:
            return sorted((p for _, p in own), key=lambda p: p.id)
        best = max(rank for rank, _ in found) if prefer_kind else 1
        chosen = [p for rank, p in found if rank >= best]
        # Reviewed entries (shipped manual and the writer's own folders) before mined ones: mined patterns are a
        # fallback, since a mined sentence may still carry its report's particulars (四个方面, a slogan).
        reviewed = [p for p in chosen if p.origin == "manual"]
        chosen = reviewed or chosen
        if topic is not None:
            chosen = [p for p in chosen if topic in p.topics] or chosen
        return sorted(chosen, key=lambda p: p.id)

    def _pick(self, kind: str, values: Mapping[str, Any], **kw: Any) -> Phrase | None:
        candidates = self._candidates(kind, values, **kw)
        if not candidates:
            return None
        phrase = self.rng.choice(candidates)
        self.used.add(phrase.id)
        return phrase

    def _render(
        self, text: str, values: Mapping[str, Any], phrase: Phrase | None = None, line: int = 0
    ) -> list[Span]:
        """Render library text; values that are Spans (placeholders) come back as their own spans.

        The writer's text is only ever a value: Jinja2 inserts it as it is and never evaluates it.
        """
        plain: dict[str, str] = {}
        holes: list[Span] = []
        for name in template_slots(text):
            value = values.get(name)
            if value is None:
                value = Span(f"【待补充:{CONTEXT_SLOTS.get(name, name).split(',')[0]}】", placeholder=True)
            if isinstance(value, Span):
                holes.append(value)
                plain[name] = f"\ue000{len(holes) - 1}\ue001"
            else:
                plain[name] = str(value)
        if is_plain_template(text):
            # Text and {{ slot }} only: substitution gives what Jinja2 would, without compiling a template.
            rendered = _PLAIN_SLOT.sub(lambda m: plain[m.group(1)], text)
        else:
            rendered = render_template(
                text, plain, path=phrase.path if phrase else self.outline.path, line=phrase.line if phrase else line
            )
        spans: list[Span] = []
        pos = 0
        for match in _SENTINEL.finditer(rendered):
            if match.start() > pos:
                spans.append(Span(rendered[pos : match.start()]))
            spans.append(holes[int(match.group(1))])
            pos = match.end()
        if pos < len(rendered):
            spans.append(Span(rendered[pos:]))
        return spans

    def _phrase(self, para: _Para, kind: str, values: Mapping[str, Any], **kw: Any) -> bool:
        phrase = self._pick(kind, values, **kw)
        if phrase is None:
            return False
        para.extend(self._render(phrase.text, values, phrase))
        para.uses.append(phrase.id)
        return True

    # ------------------------------------------------------------ blocks

    def _emit(self, kind: str, para: _Para, *, level: int = 0, marker: str = "") -> None:
        if para.empty:
            return
        index = len(self.blocks)
        # Sources keep ASCII punctuation (editors fold full-width forms); the draft itself is Chinese typography.
        spans = [Span(fullwidth_punctuation(s.text), s.placeholder, s.strong) for s in para.spans]
        self.blocks.append(Block(kind, spans, level=level, marker=marker))  # type: ignore[arg-type]
        self.patterns.extend(PatternUse(pid, index) for pid in para.uses)

    def _heading(self, level: int, style: str, para: _Para) -> None:
        if level <= 0:
            self.counters = [0] * 6
            self._emit("heading", para, level=1)
            return
        level = min(level, 4)
        self.counters[level] += 1
        for deeper in range(level + 1, 6):
            self.counters[deeper] = 0
        marker = numbered(style or _DEFAULT_MARKERS[level], self.counters[level])
        self._emit("heading", para, level=level, marker=marker)

    def _placeholder(self, what: str) -> Span:
        return Span(f"【待补充:{what}】", placeholder=True)

    # ------------------------------------------------------------ the walk

    def run(self) -> Draft:
        self._title()
        for node in self.outline.nodes:
            self._node(node)
        self._leftovers()
        self._ending()
        title = "".join(s.text for b in self.blocks if b.kind == "title" for s in b.spans)
        return Draft(
            blocks=self.blocks,
            title=title,
            patterns_used=self.patterns,
            warnings=list(self.facts.warnings) + self.warnings,
        )

    def _node(self, node: OutlineNode) -> None:
        handler = getattr(self, f"_role_{node.role}", None)
        if handler is None:
            raise TemplateError(f"提纲节点的 role「{node.role}」无法起草", path=self.outline.path, line=node.line)
        handler(node)

    def _title(self) -> None:
        para = _Para()
        if self.facts.title:
            para.add(_user(self.facts.title))
        elif not self._phrase(para, "title", self.context, kind_needs=True):
            para.add("【待补充:标题】", placeholder=True)
        self._emit("title", para)

    def _fixed_heading(self, node: OutlineNode, default: str = "") -> bool:
        text = node.heading or (default if node.marker or node.level else "")
        if not text:
            return False
        para = _Para()
        para.extend(self._render(text, self.context, line=node.line))
        self._heading(node.level, node.marker, para)
        return True

    def _role_opening(self, node: OutlineNode) -> None:
        para = _Para()
        if self.facts.opening:
            para.add(_user(self.facts.opening))
        elif not self._phrase(para, "opening", self.context, kind_needs=True):
            para.add("【待补充:导语】", placeholder=True)
        self._emit("paragraph", para)
        if not self._has_role("overview") and self.facts.honours:
            # Honours with no overview node of their own follow the opening, so that no fact is lost.
            honours = _Para()
            self._honours(honours, self.facts.honours, purpose="overview")
            self._emit("paragraph", honours)

    def _role_overview(self, node: OutlineNode) -> None:
        if not self.facts.honours:
            return
        self._fixed_heading(node)
        para = _Para()
        self._honours(para, self.facts.honours, purpose="overview")
        self._emit("paragraph", para)

    def _role_section(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        for child in node.children:
            self._node(child)

    def _role_part(self, node: OutlineNode) -> None:
        if node.heading:
            para = _Para()
            para.extend(self._render(node.heading, self.context, line=node.line))
            self._heading(0 if not node.marker else node.level, node.marker, para)
        for child in node.children:
            self._node(child)

    def _role_problems(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        para = _Para()
        self._phrase(para, "transition", self.context, purpose="problems", prefer_kind=False)
        problems = [_clean_end(_user(p)) for p in self.facts.problems if _clean_end(p)]
        if problems:
            self._chain(para, problems)
            self._phrase(para, "transition", self.context, purpose="problems_tail", prefer_kind=False)
        else:
            para.add("【待补充:存在的不足】", placeholder=True)
            para.add("。")
        self._emit("paragraph", para)

    def _role_plan_intro(self, node: OutlineNode) -> None:
        para = _Para()
        self._phrase(para, "plan", self.context, purpose="intro")
        self._phrase(para, "enum_lead", self.context)
        self._emit("paragraph", para)

    def _role_approach(self, node: OutlineNode) -> None:
        self._fixed_heading(node, _DEFAULT_HEADINGS["approach"])
        para = _Para()
        if self.facts.approach:
            para.add(_sentence(_user(self.facts.approach)))
        else:
            para.add("【待补充:总体思路】", placeholder=True)
        self._emit("paragraph", para)

    def _role_goals(self, node: OutlineNode) -> None:
        self._fixed_heading(node, _DEFAULT_HEADINGS["goals"])
        para = _Para()
        items: list[list[Span]] = []
        for goal in self.facts.goals:
            if isinstance(goal, str):
                if _clean_end(goal):
                    items.append([Span(_clean_end(_user(goal)))])
            else:
                items.append([Span(_user(goal.item)), self._value(goal)])
        if items:
            self._chain_spans(para, items)
        else:
            para.add("【待补充:主要目标】", placeholder=True)
            para.add("。")
        self._emit("paragraph", para)

    def _role_closing(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        para = _Para()
        if self.facts.closing:
            para.add(_sentence(_user(self.facts.closing)))
        else:
            self._phrase(para, "closing", self.context)
        self._emit("paragraph", para)

    def _role_work(self, node: OutlineNode) -> None:
        self._areas(node, "work", self.facts.work)

    def _role_plans(self, node: OutlineNode) -> None:
        self._areas(node, "plans", self.facts.plans)

    def _ending(self) -> None:
        sign = _Para()
        sign.add(_user(self.facts.signature or self.facts.unit))
        self._emit("signature", sign)
        date = _Para()
        if self.facts.date:
            d = self.facts.date
            date.add(f"{d.year}年{d.month}月{d.day}日")
        else:
            date.add("【待补充:成文日期】", placeholder=True)
        self._emit("date", date)

    # ------------------------------------------------------------ areas

    def _has_role(self, role: str) -> bool:
        return any(n.role == role for n in self.outline.walk())

    def _claimed_topics(self) -> dict[str, set[str]]:
        claimed: dict[str, set[str]] = {"work": set(), "plans": set()}
        for node in self.outline.walk():
            if node.role in claimed:
                claimed[node.role].update(node.topics)
        return claimed

    def _take(self, node: OutlineNode, role: str, areas: Sequence[Area]) -> list[Area]:
        taken = self.taken[role]
        chosen = []
        for index, area in enumerate(areas):
            if index in taken:
                continue
            if node.topics:
                ok = area.topic in node.topics
            else:
                ok = area.topic not in self.claimed[role]
            if ok:
                chosen.append(area)
                taken.add(index)
        return chosen

    def _leftovers(self) -> None:
        for role, areas, name in (("work", self.facts.work, "工作"), ("plans", self.facts.plans, "计划")):
            left = [a for i, a in enumerate(areas) if i not in self.taken[role]]
            if left:
                topics = "、".join(dict.fromkeys(a.topic for a in left))
                self.warnings.append(
                    f"「{name}」中领域为 {topics} 的 {len(left)} 项没有写进草稿:提纲「{self.outline.name}」"
                    f"没有收这些领域的部分,请换一个提纲或在提纲中增加节点"
                )
        checks = (
            ("problems", self.facts.problems, "问题"),
            ("approach", self.facts.approach, "总体思路"),
            ("goals", self.facts.goals, "主要目标"),
        )
        for role, value, name in checks:
            if value and not self._has_role(role):
                self.warnings.append(f"「{name}」没有写进草稿:提纲「{self.outline.name}」没有这一部分")

    def _areas(self, node: OutlineNode, role: str, all_areas: Sequence[Area]) -> None:
        areas = self._take(node, role, all_areas)
        if not areas and node.topics:
            return
        child = node.children[0] if node.children else None
        body = child.body if child else node.body
        if node.heading:
            self._fixed_heading(node, _DEFAULT_HEADINGS.get(role, ""))
            level = child.level if child and child.level else node.level + 1
            style = child.marker if child and child.marker else _DEFAULT_MARKERS.get(level, "")
            sections = [_Section(areas)]
            grouped = False
        elif child is not None:
            level = child.level or node.level + 1
            style = child.marker or _DEFAULT_MARKERS.get(level, "")
            sections = self._sections(areas)
            grouped = True
        elif role == "work" and node.level == 1 and not node.topics and self._theme_parts():
            # A development report's level-1 headings are the parts of its 工作主线 (抓…,…); a flat outline
            # still gets them, with each area run in below as 一是, 二是.
            level, style = 3, "一是,"
            sections = self._sections(areas)
            grouped = True
        else:
            level, style = node.level, node.marker
            sections = [_Section(areas)]
            grouped = False
        if not areas:
            what = "下一步工作计划" if role == "plans" else "主要工作"
            para = _Para()
            para.add(f"【待补充:{what}】", placeholder=True)
            self._emit("paragraph", para)
            return
        family_hint = child.family if child and child.family else node.family
        self._reserve_family(role, level, len(areas), family_hint)
        for section in sections:
            if grouped:
                self._group_heading(node, role, section)
            if not section.areas:
                para = _Para()
                para.add(f"【待补充:{section.lead or section.label or '本部分'}方面的工作】", placeholder=True)
                self._emit("paragraph", para)
                continue
            for area in section.areas:
                self._area(area, role, level, style, body)

    def _sections(self, areas: list[Area]) -> list[_Section]:
        groups = load_groups()
        by_name = {g.name: g for g in groups}
        by_topic = {t: g for g in groups for t in g.topics}
        explicit = any(getattr(a, "group", "") for a in areas)
        parts = self._theme_parts()
        if parts and not explicit:
            return self._theme_sections(areas, parts, groups, by_topic)
        if explicit:
            sections: list[_Section] = []
            for area in areas:
                name = getattr(area, "group", "") or ""
                key = name or (by_topic[area.topic].name if area.topic in by_topic else "")
                if sections and (sections[-1].label or (sections[-1].group.name if sections[-1].group else "")) == key:
                    sections[-1].areas.append(area)
                    continue
                group = by_name.get(key)
                sections.append(_Section([area], group=group, label="" if group else _user(key)))
            return sections
        ordered: dict[str, _Section] = {}
        fallback = groups[-1] if groups else None
        for area in areas:
            group = by_topic.get(area.topic, fallback)
            key = group.name if group else ""
            ordered.setdefault(key, _Section([], group=group)).areas.append(area)
        return list(ordered.values())

    def _theme_parts(self) -> list[str]:
        if not (self.kind and self.kind.theme_sections) or not self.facts.theme:
            return []
        parts = [p.strip("“”\"'《》") for p in _THEME_SPLIT.split(self.facts.theme) if p.strip("“”\"'")]
        if len(parts) < 2 or any(not 2 <= len(p) <= 6 for p in parts):
            return []
        return [_user(p) for p in parts]

    def _theme_sections(
        self, areas: list[Area], parts: list[str], groups: Sequence[Group], by_topic: Mapping[str, Group]
    ) -> list[_Section]:
        sections = []
        for part in parts:
            group = next((g for g in groups if any(k in part for k in g.keywords)), None)
            sections.append(_Section([], group=group, lead=part))
        homeless = []
        for area in areas:
            group = by_topic.get(area.topic)
            target = next((s for s in sections if group is not None and s.group == group), None)
            if target is None:
                homeless.append(area)
            else:
                target.areas.append(area)
        for area in homeless:
            min(sections, key=lambda s: len(s.areas)).areas.append(area)
        return sections

    def _group_heading(self, node: OutlineNode, role: str, section: _Section) -> None:
        para = _Para()
        if section.lead:
            para.add(section.lead + ",")
            family = section.group.tail_family if section.group else "group.tail"
            if not self._phrase(para, "heading1", self.context, family=family):
                if not self._phrase(para, "heading1", self.context, family="group.tail"):
                    para.add("各项工作扎实推进")
        elif section.label:
            para.add(section.label)
        elif section.group is not None and self._phrase(para, "heading1", self.context, family=section.group.family):
            pass
        else:
            topic = section.areas[0].topic if section.areas else "综合"
            self._family_heading(para, role, max(node.level, 1), topic)
        self._heading(node.level, node.marker, para)

    # ------------------------------------------------------------ headings from families

    def _reserve_family(self, role: str, level: int, count: int, hint: str) -> None:
        key = (role, min(max(level, 1), 3))
        if key in self.families:
            return
        values = dict(self.context, 主题="")
        by_kind: list[dict[str, list[Phrase]]] = []
        for kind in dict.fromkeys((f"heading{key[1]}", "heading2", "heading1")):
            families: dict[str, list[Phrase]] = {}
            by_kind.append(families)
            for phrase in self.library.phrases_of(kind):
                if not phrase.family or phrase.family.startswith("group."):
                    continue
                if "主题" not in template_slots(phrase.text) or not template_slots(phrase.text) <= values.keys():
                    continue
                if self._allowed_for_kind(phrase) == 0 or phrase.id in self.used:
                    continue
                families.setdefault(phrase.family, []).append(phrase)
        # The nearest heading level with reviewed families; mined families only when no level has one.
        reviewed = [{f: m for f, m in fams.items() if all(p.origin == "manual" for p in m)} for fams in by_kind]
        empty: dict[str, list[Phrase]] = {}
        families = next((fams for fams in reviewed if fams), empty) or next((fams for fams in by_kind if fams), empty)
        for_plans = {f: m for f, m in families.items() if ".plan" in f}
        others = {f: m for f, m in families.items() if ".plan" not in f}
        pool = (for_plans or others) if role == "plans" else (others or for_plans)
        taken_families = {name for (r, _), name in self.family_names.items() if r != role}
        fresh = {f: m for f, m in pool.items() if f not in taken_families} or pool
        if hint and hint in families:
            name = hint
        else:
            big = sorted(f for f, m in fresh.items() if len(m) >= count)
            name = self.rng.choice(big) if big else max(sorted(fresh), key=lambda f: len(fresh[f]), default="")
        members = sorted(families.get(name, []), key=lambda p: p.id)
        self.rng.shuffle(members)
        self.families[key] = members
        self.family_names[key] = name

    def _family_heading(self, para: _Para, role: str, level: int, topic: str) -> None:
        key = (role, min(max(level, 1), 3))
        if key not in self.families:
            self._reserve_family(role, level, 1, "")
        members = self.families[key]
        values = dict(self.context, 主题=self.shorts.get(topic, topic))
        while members:
            phrase = members.pop(0)
            if phrase.id in self.used:
                continue
            self.used.add(phrase.id)
            para.extend(self._render(phrase.text, values, phrase))
            para.uses.append(phrase.id)
            return
        # The family is spent: another family of the level continues the list rather than repeat a member.
        del self.families[key]
        self._reserve_family(role, level, 1, "")
        if self.families[key]:
            self._family_heading(para, role, level, topic)
        else:
            para.add(f"{values['主题']}工作")

    # ------------------------------------------------------------ one area

    def _area(self, area: Area, role: str, level: int, style: str, body: str) -> None:
        heading = _Para()
        if area.heading:
            heading.add(_clean_end(_user(area.heading)))
        else:
            self._family_heading(heading, role, level, area.topic)
        measures = [_clean_end(_user(m)) for m in area.measures if _clean_end(m)]
        if level >= 3 or level == 0:
            para = _Para()
            marker = numbered(style, self._next(level)) if style and level else ""
            para.add(marker + "".join(s.text for s in heading.spans) + "。", strong=True)
            para.uses.extend(heading.uses)
            for m in measures:
                para.add(_sentence(m))
            self._figures(para, area, role)
            self._area_honours(para, area)
            if len(para.spans) == 1:
                para.add(f"【待补充:{self._topic_name(area)}的具体工作】", placeholder=True)
                para.add("。")
            self._emit("paragraph", para)
            return
        self._heading(level, style, heading)
        wrote = False
        if measures:
            wrote = True
            if body == "numbered":
                for index, m in enumerate(measures, 1):
                    para = _Para()
                    lead, _, rest = m.partition("。")
                    if rest and len(lead) <= 25:
                        para.add(f"{index}.{lead}。", strong=True)
                        para.add(_sentence(rest))
                    else:
                        para.add(f"{index}.{_sentence(m)}")
                    self._emit("paragraph", para)
            elif body == "paragraphs":
                for m in measures:
                    para = _Para()
                    para.add(_sentence(m))
                    self._emit("paragraph", para)
            elif body == "firstly":
                para = _Para()
                for index, m in enumerate(measures):
                    para.add(f"{_FIRSTLY[min(index, len(_FIRSTLY) - 1)]},{_sentence(m)}")
                self._emit("paragraph", para)
            else:
                para = _Para()
                self._chain(para, measures)
                self._emit("paragraph", para)
        para = _Para()
        self._figures(para, area, role)
        self._area_honours(para, area)
        if not para.empty:
            wrote = True
            self._emit("paragraph", para)
        if not wrote:
            para = _Para()
            para.add(f"【待补充:{self._topic_name(area)}的具体工作】", placeholder=True)
            para.add("。")
            self._emit("paragraph", para)

    def _next(self, level: int) -> int:
        self.counters[level] += 1
        return self.counters[level]

    def _topic_name(self, area: Area) -> str:
        return _user(area.heading) if area.heading else area.topic

    def _chain(self, para: _Para, items: list[str]) -> None:
        self._chain_spans(para, [[Span(i)] for i in items])

    def _chain_spans(self, para: _Para, items: list[list[Span]]) -> None:
        if len(items) == 1:
            para.extend(items[0])
            para.add("。")
            return
        for index, spans in enumerate(items, 1):
            para.add(f"{cn_number(index)}是")
            para.extend(spans)
            para.add("。" if index == len(items) else ";")

    # ------------------------------------------------------------ figures and honours

    def _value(self, fig: Figure) -> Span:
        unit = _user(fig.unit or "")
        if fig.value is None:
            return self._placeholder(f"{_user(fig.item)}({unit})" if unit else _user(fig.item))
        return Span(f"{format_number(fig.value)}{unit}")

    def _figures(self, para: _Para, area: Area, role: str) -> None:
        for fig in area.data:
            values: dict[str, Any] = dict(self.context, 主题=self.shorts.get(area.topic, area.topic))
            values["项目"] = _user(fig.item)
            values["数值"] = self._value(fig)
            facts = {"项目", "数值"}
            # "全县" before an item that already names its scope would read 全县全县….
            avoid = "{{ 区划 }}{{ 项目 }}" if values["项目"].startswith(("全", "我", self.context["地区"])) else None
            # A hole reads best right after the item (新增学位【待补充】), not after 达到 or 为.
            must = "{{ 项目 }}{{ 数值 }}" if fig.value is None else None
            if role == "plans":
                phrase = self._pick("plan", values, purpose="target", exact=facts, avoid=avoid, must=must)
            else:
                if fig.value is not None and fig.previous is not None:
                    values["比较"] = compare(fig.value, fig.previous, fig.unit or "")
                    facts.add("比较")
                if fig.value is not None and fig.target is not None:
                    values["完成"] = completion(fig.value, fig.target, fig.unit or "")
                    facts.add("完成")
                phrase = self._pick("achievement", values, exact=facts, topic=area.topic, avoid=avoid, must=must)
            if phrase is not None:
                spans = self._render(phrase.text, values, phrase)
                para.uses.append(phrase.id)
            else:
                spans = [Span(values["项目"]), values["数值"]]
                spans += [Span("," + values[k]) for k in ("比较", "完成") if k in values]
                spans.append(Span("。"))
            if fig.parts:
                spans = self._with_parts(spans, fig)
            para.extend(spans)

    def _with_parts(self, spans: list[Span], fig: Figure) -> list[Span]:
        last = spans[-1]
        if not last.placeholder and last.text.endswith("。"):
            spans = spans[:-1] + ([Span(last.text[:-1])] if last.text[:-1] else [])
        out = list(spans) + [Span(",其中")]
        for index, part in enumerate(fig.parts):
            if index:
                out.append(Span("、"))
            out.append(Span(_user(part.item)))
            unit = part.unit or fig.unit or ""
            if part.value is None:
                out.append(self._placeholder(f"{_user(part.item)}({_user(unit)})" if unit else _user(part.item)))
            else:
                out.append(Span(f"{format_number(part.value)}{_user(unit)}"))
        out.append(Span("。"))
        return out

    def _honour_values(self, honours: list[str], topic: str = "综合") -> dict[str, Any]:
        names = []
        for h in honours:
            h = _clean_end(_user(h))
            names.append(h if any(q in h for q in "“”《》\"") else f"“{h}”")
        values: dict[str, Any] = dict(self.context, 主题=self.shorts.get(topic, topic), 荣誉="、".join(names))
        if len(names) > 1:
            values["个数"] = str(len(names))
        return values

    def _honours(self, para: _Para, honours: list[str], *, purpose: str, topic: str = "综合") -> None:
        honours = [h for h in honours if _clean_end(h)]
        if not honours:
            return
        values = self._honour_values(honours, topic)
        exact = {"荣誉", "个数"} if "个数" in values else {"荣誉"}
        if not self._phrase(para, "honour", values, purpose=purpose, exact=exact):
            para.add(f"荣获{values['荣誉']}。")

    def _area_honours(self, para: _Para, area: Area) -> None:
        self._honours(para, list(area.honours), purpose="area", topic=area.topic)


@lru_cache(maxsize=1)
def _shipped_root() -> str:
    return str(template_path("library"))


def _shipped(phrase: Phrase) -> bool:
    """Whether a pattern comes with the program (mined or manual), not from the writer's own folders."""
    return not phrase.path or phrase.path.startswith(_shipped_root())


def _has_purpose(phrase: Phrase) -> bool:
    """Manual entries written for one purpose (intro, target, problems, overview…) are used only for it."""
    parts = phrase.id.split(".")
    return phrase.origin == "manual" and len(parts) > 3 and parts[0] == "manual" and parts[2] in _PURPOSES


_PURPOSES = frozenset({"intro", "target", "problems", "problems_tail", "overview", "area"})


def compose(facts: Facts, outline: Outline, library: Library, *, seed: int = 0) -> Draft:
    """Compose a draft from the writer's facts, an outline and the library; pure and deterministic per seed."""
    return _Composer(facts, outline, library, seed).run()
