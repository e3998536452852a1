"""The composer: the writer's facts, an outline and the phrase library become a Draft; wording is chosen by seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.base.markers import SENTENCE_ENDS, cn_number
from generator.base.typography import fullwidth_pieces
from generator.drafting.groups import Section, gather_sections, theme_parts
from generator.drafting.model import Block, Draft, PatternUse, Span
from generator.drafting.notes import annotate
from generator.drafting.review import review_paragraph
from generator.drafting.select import Para, Selector, clean_end, user_text
from generator.drafting.statements import Statements
from generator.errors import TemplateError
from generator.library.core import Library, Outline, OutlineNode
from generator.library.model import OUTLINE_ROLES
from generator.taxonomy.kinds import find_kind
from generator.taxonomy.topics import topic_shorts

if TYPE_CHECKING:
    from generator.facts.model import Area, Facts

# Outline ids of the five kinds: an outline of another kind than the facts' gets a warning.
# Ordinal connectives of the 首先/其次 body; after the list runs out, 此外 carries on.
_FIRSTLY = ("首先", "其次", "再次", "同时", "此外")
# Headings of nodes whose wording the outline did not give.
_DEFAULT_MARKERS = {1: "一、", 2: "(一)", 3: "1.", 4: "(1)"}


def numbered(style: str, n: int) -> str:
    """The n-th marker in a style: 一、→ 三、, (一) → (三), 1. → 3., 一是 → 三是."""
    if "一" in style:
        return style.replace("一", cn_number(n), 1)
    if "1" in style:
        return style.replace("1", str(n), 1)
    return style


def _sentence(text: str) -> str:
    text = clean_end(text)
    return text + "。" if text and text[-1] not in SENTENCE_ENDS + "”" else text


class _Composer:
    """Walks the outline's roles for one draft, emitting blocks; wording comes from its Selector."""

    def __init__(self, facts: Facts, outline: Outline, library: Library, seed: int) -> None:
        self.facts = facts
        self.outline = outline
        # The writer's 类型 decides the wording (title, opening, plan intro); the outline only the structure.
        self.kind = find_kind(facts.kind) or find_kind(outline.kind)
        self.select = Selector(library, random.Random(seed), self.kind, outline.path)
        self.blocks: list[Block] = []
        self.patterns: list[PatternUse] = []
        self.warnings: list[str] = []
        if outline.kind != facts.kind and find_kind(outline.kind) is not None:
            self.warnings.append(
                f"提纲「{outline.name}」是「{outline.kind}」的提纲,事实文件的类型是「{facts.kind}」:"
                f"结构按提纲,标题和导语按「{facts.kind}」"
            )
        self.counters = [0] * 6
        self.shorts = topic_shorts()
        self.context = self._context()
        self.statements = Statements(self.select, self.context, self.shorts)
        self.claimed = self._claimed_topics()
        self.taken: dict[str, set[int]] = {"work": set(), "plans": set()}

    # ------------------------------------------------------------ context

    def _context(self) -> dict[str, str]:
        f = self.facts
        ctx = {"单位": user_text(f.unit), "地区": user_text(f.region), "区划": user_text(f.region_suffix), "年度": str(f.year)}
        optional = {"上级": f.superior, "主线": f.theme, "活动": f.campaign, "阶段": f.stage, "半年": f.half}
        ctx.update({k: user_text(v) for k, v in optional.items() if v})
        ctx["下期"] = self.kind.next_period_for(f.year, f.half) if self.kind else f"{f.year + 1}年"
        return ctx

    # ------------------------------------------------------------ blocks

    def _emit(self, kind: str, para: Para, *, level: int = 0, marker: str = "") -> None:
        if para.empty:
            return
        index = len(self.blocks)
        # Sources keep ASCII punctuation (editors fold full-width forms); the draft itself is Chinese typography.
        texts = fullwidth_pieces([s.text for s in para.spans])
        spans = [replace(s, text=text) for s, text in zip(para.spans, texts, strict=True)]
        self.blocks.append(Block(kind, spans, level=level, marker=marker))  # type: ignore[arg-type]
        self.patterns.extend(PatternUse(pid, index) for pid in para.uses)

    def _heading(self, level: int, style: str, para: Para) -> None:
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
        para = Para()
        if self.facts.title:
            para.add(user_text(self.facts.title))
        elif not self.select.phrase(para, "title", self.context, kind_needs=True):
            para.hole("标题")
        self._emit("title", para)

    def _fixed_heading(self, node: OutlineNode, default: str = "") -> bool:
        text = node.heading or (default if node.marker or node.level else "")
        if not text:
            return False
        para = Para()
        para.extend(self.select.render(text, self.context, line=node.line))
        self._heading(node.level, node.marker, para)
        return True

    def _role_opening(self, node: OutlineNode) -> None:
        para = Para()
        if self.facts.opening:
            para.add(user_text(self.facts.opening))
        elif not self.select.phrase(para, "opening", self.context, kind_needs=True):
            para.hole("导语")
        self._emit("paragraph", para)
        if not self._has_role("overview") and self.facts.honours:
            # Honours with no overview node of their own follow the opening, so that no fact is lost.
            honours = Para()
            self.statements.honours(honours, self.facts.honours, purpose="overview")
            self._emit("paragraph", honours)
        # How last year's plans were carried out (「计划回顾」, as `zongjie import` writes it).
        self._emit("paragraph", review_paragraph(self.facts))

    def _role_overview(self, node: OutlineNode) -> None:
        if not self.facts.honours:
            return
        self._fixed_heading(node)
        para = Para()
        self.statements.honours(para, self.facts.honours, purpose="overview")
        self._emit("paragraph", para)

    def _role_section(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        for child in node.children:
            self._node(child)

    def _role_part(self, node: OutlineNode) -> None:
        if node.heading:
            para = Para()
            para.extend(self.select.render(node.heading, self.context, line=node.line))
            self._heading(0 if not node.marker else node.level, node.marker, para)
        for child in node.children:
            self._node(child)

    def _role_problems(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        para = Para()
        self.select.phrase(para, "transition", self.context, purpose="problems", prefer_kind=False)
        problems = [clean_end(user_text(p)) for p in self.facts.problems if clean_end(p)]
        if problems:
            self._chain(para, problems)
            self.select.phrase(para, "transition", self.context, purpose="problems_tail", prefer_kind=False)
        else:
            para.hole("存在的不足")
            para.add("。")
        self._emit("paragraph", para)

    def _role_plan_intro(self, node: OutlineNode) -> None:
        para = Para()
        self.select.phrase(para, "plan", self.context, purpose="intro")
        self.select.phrase(para, "enum_lead", self.context)
        self._emit("paragraph", para)

    def _role_approach(self, node: OutlineNode) -> None:
        self._fixed_heading(node, OUTLINE_ROLES["approach"].default_heading)
        para = Para()
        if self.facts.approach:
            para.add(_sentence(user_text(self.facts.approach)))
        else:
            para.hole("总体思路")
        self._emit("paragraph", para)

    def _role_goals(self, node: OutlineNode) -> None:
        self._fixed_heading(node, OUTLINE_ROLES["goals"].default_heading)
        para = Para()
        items: list[list[Span]] = []
        for goal in self.facts.goals:
            if isinstance(goal, str):
                if clean_end(goal):
                    items.append([Span(clean_end(user_text(goal)))])
            else:
                items.append([Span(user_text(goal.item)), self.statements.value(goal)])
        if items:
            self._chain_spans(para, items)
        else:
            para.hole("主要目标")
            para.add("。")
        self._emit("paragraph", para)

    def _role_closing(self, node: OutlineNode) -> None:
        self._fixed_heading(node)
        para = Para()
        if self.facts.closing:
            para.add(_sentence(user_text(self.facts.closing)))
        else:
            self.select.phrase(para, "closing", self.context)
        self._emit("paragraph", para)

    def _role_work(self, node: OutlineNode) -> None:
        self._areas(node, "work", self.facts.work)

    def _role_plans(self, node: OutlineNode) -> None:
        self._areas(node, "plans", self.facts.plans)

    def _ending(self) -> None:
        sign = Para()
        sign.add(user_text(self.facts.signature or self.facts.unit))
        self._emit("signature", sign)
        date = Para()
        if self.facts.date:
            d = self.facts.date
            date.add(f"{d.year}年{d.month}月{d.day}日")
        else:
            date.hole("成文日期")
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
            self._fixed_heading(node, OUTLINE_ROLES[role].default_heading)
            level = child.level if child and child.level else node.level + 1
            style = child.marker if child and child.marker else _DEFAULT_MARKERS.get(level, "")
            sections = [Section(areas)]
            grouped = False
        elif child is not None:
            level = child.level or node.level + 1
            style = child.marker or _DEFAULT_MARKERS.get(level, "")
            sections = gather_sections(areas, theme_parts(self.kind, self.facts.theme))
            grouped = True
        elif role == "work" and node.level == 1 and not node.topics and theme_parts(self.kind, self.facts.theme):
            # A development report's level-1 headings are the parts of its 工作主线 (抓…,…); a flat outline
            # still gets them, with each area run in below as 一是, 二是.
            level, style = 3, "一是,"
            sections = gather_sections(areas, theme_parts(self.kind, self.facts.theme))
            grouped = True
        else:
            level, style = node.level, node.marker
            sections = [Section(areas)]
            grouped = False
        if not areas:
            what = "下一步工作计划" if role == "plans" else "主要工作"
            para = Para()
            para.hole(what)
            self._emit("paragraph", para)
            return
        family_hint = child.family if child and child.family else node.family
        self.select.reserve_family(role, level, len(areas), family_hint, self.context)
        for section in sections:
            if grouped:
                self._group_heading(node, role, section)
            if not section.areas:
                para = Para()
                para.hole(f"{section.lead or section.label or '本部分'}方面的工作")
                self._emit("paragraph", para)
                continue
            for area in section.areas:
                self._area(area, role, level, style, body)

    def _group_heading(self, node: OutlineNode, role: str, section: Section) -> None:
        para = Para()
        if section.lead:
            para.add(section.lead + ",")
            family = section.group.tail_family if section.group else "group.tail"
            if not self.select.phrase(para, "heading1", self.context, family=family):
                if not self.select.phrase(para, "heading1", self.context, family="group.tail"):
                    para.add("各项工作扎实推进")
        elif section.label:
            para.add(section.label)
        elif section.group is not None and self.select.phrase(para, "heading1", self.context, family=section.group.family):
            pass
        else:
            topic = section.areas[0].topic if section.areas else "综合"
            self._family_heading(para, role, max(node.level, 1), topic)
        self._heading(node.level, node.marker, para)

    # ------------------------------------------------------------ headings from families

    def _family_heading(self, para: Para, role: str, level: int, topic: str) -> None:
        self.select.family_heading(para, role, level, dict(self.context, 主题=self.shorts.get(topic, topic)))

    # ------------------------------------------------------------ one area

    def _area(self, area: Area, role: str, level: int, style: str, body: str) -> None:
        heading = Para()
        if area.heading:
            heading.add(clean_end(user_text(area.heading)))
        else:
            self._family_heading(heading, role, level, area.topic)
        measures = [clean_end(user_text(m)) for m in area.measures if clean_end(m)]
        if level >= 3 or level == 0:
            para = Para()
            marker = numbered(style, self._next(level)) if style and level else ""
            para.add(marker + "".join(s.text for s in heading.spans) + "。", strong=True)
            para.uses.extend(heading.uses)
            for m in measures:
                para.add(_sentence(m))
            self.statements.figures(para, area, role)
            self.statements.honours(para, list(area.honours), purpose="area", topic=area.topic)
            if len(para.spans) == 1:
                para.hole(f"{self._topic_name(area)}的具体工作")
                para.add("。")
            self._emit("paragraph", para)
            return
        self._heading(level, style, heading)
        wrote = False
        if measures:
            wrote = True
            if body == "numbered":
                for index, m in enumerate(measures, 1):
                    para = Para()
                    lead, _, rest = m.partition("。")
                    if rest and len(lead) <= 25:
                        para.add(f"{index}.{lead}。", strong=True)
                        para.add(_sentence(rest))
                    else:
                        para.add(f"{index}.{_sentence(m)}")
                    self._emit("paragraph", para)
            elif body == "paragraphs":
                for m in measures:
                    para = Para()
                    para.add(_sentence(m))
                    self._emit("paragraph", para)
            elif body == "firstly":
                para = Para()
                for index, m in enumerate(measures):
                    para.add(f"{_FIRSTLY[min(index, len(_FIRSTLY) - 1)]},{_sentence(m)}")
                self._emit("paragraph", para)
            else:
                para = Para()
                self._chain(para, measures)
                self._emit("paragraph", para)
        para = Para()
        self.statements.figures(para, area, role)
        self.statements.honours(para, list(area.honours), purpose="area", topic=area.topic)
        if not para.empty:
            wrote = True
            self._emit("paragraph", para)
        if not wrote:
            para = Para()
            para.hole(f"{self._topic_name(area)}的具体工作")
            para.add("。")
            self._emit("paragraph", para)

    def _next(self, level: int) -> int:
        self.counters[level] += 1
        return self.counters[level]

    def _topic_name(self, area: Area) -> str:
        return user_text(area.heading) if area.heading else area.topic

    def _chain(self, para: Para, items: list[str]) -> None:
        self._chain_spans(para, [[Span(i)] for i in items])

    def _chain_spans(self, para: Para, items: list[list[Span]]) -> None:
        if len(items) == 1:
            para.extend(items[0])
            para.add("。")
            return
        for index, spans in enumerate(items, 1):
            para.add(f"{cn_number(index)}是")
            para.extend(spans)
            para.add("。" if index == len(items) else ";")


def compose(facts: Facts, outline: Outline, library: Library, *, seed: int = 0) -> Draft:
    """Compose a draft from the writer's facts, an outline and the library; pure and deterministic per seed."""
    # Then every 【待补充】 gets its note (what to write, where in the facts file) and every warning its place.
    return annotate(_Composer(facts, outline, library, seed).run(), facts)
