"""The composer: the writer's facts, an outline and the phrase library become a Draft; wording is chosen by seed."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from generator.base.markers import SENTENCE_ENDS, cn_number
from generator.base.typography import fullwidth_pieces
from generator.drafting import notes
from generator.drafting.closing import ClosingBuilder
from generator.drafting.groups import Section, gather_sections, heading_fits, theme_parts
from generator.drafting.model import Block, Draft, OutlineUse, PatternUse, Span
from generator.drafting.notes import annotate
from generator.drafting.opening import OpeningBuilder, verdict_support
from generator.drafting.predicates import allowed_classes, echoes, predicate_table
from generator.drafting.review import review_paragraph
from generator.drafting.select import (
    Para,
    Selector,
    _shipped,
    clean_end,
    evaluative,
    fills,
    shipped_path,
    user_text,
)
from generator.drafting.statements import Item, Statements, Support, attach
from generator.drafting.variation import Context, writer_strings
from generator.drafting.wording import Wording
from generator.errors import TemplateError
from generator.facts.figures import is_percent_unit
from generator.facts.model import SHARE_WORDS
from generator.library.core import Library, Outline, OutlineNode, Phrase
from generator.library.model import OUTLINE_ROLES
from generator.library.templating import pattern_words
from generator.taxonomy.kinds import find_kind
from generator.taxonomy.topics import load_topics, topic_shorts

if TYPE_CHECKING:
    from generator.facts.model import Area, Facts

# Roles of an outline's plan part: a part holding one of them opens the 打算.
_PLAN_ROLES = frozenset({"plans", "plan_intro", "approach", "goals"})
# Outline ids of the five kinds: an outline of another kind than the facts' gets a warning.
# Ordinal connectives of the 首先/其次 body; after the list runs out, 此外 carries on.
_FIRSTLY = ("首先", "其次", "再次", "同时", "此外")
# At most this many items in one 一是…五是 chain; past that each measure is a paragraph of its own.
MAX_CHAIN = 5
# Items longer than this (or of three clauses and more) end with 。 in a chain (一是……。二是……。); shorter
# ones are joined with ;.
_LONG_ITEM = 36
_SLOT_RE = re.compile(r"{{ \w+ }}")
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

    def __init__(
        self, facts: Facts, outline: Outline, library: Library, seed: int, decimals: int = 1
    ) -> None:
        self.facts = facts
        self.outline = outline
        # The writer's 类型 decides the wording (title, opening, plan intro); the outline only the structure.
        self.kind = find_kind(facts.kind) or find_kind(outline.kind)
        self.seed = seed
        self.select = Selector(library, random.Random(seed), self.kind, outline.path)
        self.blocks: list[Block] = []
        self.patterns: list[PatternUse] = []
        self.outline_used: list[OutlineUse] = []
        self.warnings: list[str] = []
        if outline.kind != facts.kind and find_kind(outline.kind) is not None:
            self.warnings.append(
                f"提纲「{outline.name}」是「{outline.kind}」的提纲,事实文件的类型是「{facts.kind}」:"
                f"结构按提纲,标题和导语按「{facts.kind}」"
            )
        self.counters = [0] * 6
        # Text of the level-1 section being written: wording the composer chooses must not repeat it.
        self.library = library
        self._by_topic: dict[tuple[str, str], list[Phrase]] = {}
        self.writer = writer_strings(facts, areas=())
        self.section = Context(self.writer)
        self.shorts = topic_shorts()
        self.context = self._context()
        half = facts.half if self.kind and self.kind.id == "half_year" and facts.half else ""
        self.wording = Wording(
            decimals=decimals,
            period=half or "全年",
            target_label=self._target_label(half),
            region_suffix=facts.region_suffix,
            label_turn=seed,
        )
        self.statements = Statements(self.select, self.context, self.shorts, self.wording)
        self.claimed = self._claimed_topics()
        self.taken: dict[str, set[int]] = {"work": set(), "plans": set()}
        # Roles whose level-1 headings went to topic + plain predicate: their later siblings follow (one rhythm).
        self._plain_level1: set[str] = set()

    # ------------------------------------------------------------ context

    def _target_label(self, half: str) -> str:
        """What a target is called: 全年目标 at mid-year, 目标任务 in a campaign, else 年度目标."""
        if half == "上半年":
            return "全年目标"
        if self.kind and self.kind.id == "campaign_stage":
            return "目标任务"
        return "年度目标"

    def _context(self) -> dict[str, str]:
        f = self.facts
        ctx = {
            "单位": user_text(f.unit),
            "地区": user_text(f.region),
            "区划": user_text(f.region_suffix),
            "年度": str(f.year),
        }
        optional = {"上级": f.superior, "主线": f.theme, "活动": f.campaign, "阶段": f.stage, "半年": f.half}
        ctx.update({k: user_text(v) for k, v in optional.items() if v})
        ctx["下期"] = self.kind.next_period_for(f.year, f.half) if self.kind else f"{f.year + 1}年"
        # The period the report sums up (上半年 at mid-year, else the year): 现将上半年工作总结及下半年工作计划汇报如下.
        # A campaign's stage is no period of the calendar: it has none (现将2025年工作汇报如下 would misname it).
        if not (self.kind and self.kind.id == "campaign_stage"):
            ctx["本期"] = ctx["半年"] if self.kind and self.kind.id == "half_year" and f.half else f"{f.year}年"
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
        if kind == "heading" and level <= 1:
            self.section = Context(self.writer)
        self.section.add("".join(s.text for s in para.spans))
        self.patterns.extend(PatternUse(pid, index) for pid in para.uses)
        self.outline_used.extend(replace(use, block_index=index) for use in para.outline_uses)

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
            outline_used=self.outline_used,
            warnings=list(self.facts.warnings) + self.warnings,
        )

    def _node(self, node: OutlineNode) -> None:
        handler = getattr(self, f"_role_{node.role}", None)
        if handler is None:
            raise TemplateError(
                f"提纲节点的 role「{node.role}」无法起草", path=self.outline.path, line=node.line
            )
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
        para.outline_uses.append(OutlineUse(node.line, -1, role=node.role, default=not node.heading))
        self._heading(node.level, node.marker, para)
        return True

    def _role_opening(self, node: OutlineNode) -> None:
        para = Para()
        if self.facts.opening:
            para.add(user_text(self.facts.opening))
        elif not self._assembled_opening(para) and not self.select.phrase(
            para, "opening", self.context, kind_needs=True
        ):
            para.hole("导语")
        self._emit("paragraph", para)
        if not self._has_role("overview"):
            # Top-level figures and honours with no overview node of their own follow the opening.
            self._overview()
        # How last year's plans were carried out (「计划回顾」, as `zongjie import` writes it).
        self._emit("paragraph", review_paragraph(self.facts))

    def _assembled_opening(self, para: Para) -> bool:
        """The 导语 from stock clauses by part (drafting/opening.py); False when the writer's own library gives a
        whole 导语 (theirs comes first) or the parts it needs are missing (then a whole reviewed 导语 is used)."""
        whole = self.select.candidates("opening", self.context, kind_needs=True)
        if any(not _shipped(p) for p in whole):
            return False
        f = self.facts
        half = f.half if self.kind and self.kind.id == "half_year" and f.half else ""
        # A fresh Wording: telling a change turns the draft's 比上年/较上年 label, and nothing is told here.
        fresh = Wording(
            decimals=self.wording.decimals, period=half or "全年", target_label=self._target_label(half),
            region_suffix=f.region_suffix,
        )
        builder = OpeningBuilder(
            self.select, self.context, self.kind.id if self.kind else "", self.context["单位"], verdict_support(f, fresh),
            self.section,
            seed=self.seed,
            plans=any(n.role in _PLAN_ROLES for n in self.outline.walk()),
            title="".join(s.text for b in self.blocks if b.kind == "title" for s in b.spans),
        )
        return builder.build(para)

    def _role_overview(self, node: OutlineNode) -> None:
        if not (self.facts.honours or self.facts.figures):
            return
        self._fixed_heading(node)
        self._overview()

    def _overview(self) -> None:
        """全县教育系统的数据与荣誉: one paragraph, figures first, then the honours counted by level."""
        para = Para()
        support = Support()
        if self.facts.figures:
            item = self.statements.figures(self.facts.figures, support, plan=False, overview=True)
            para.extend(item.spans)
            para.uses.extend(item.uses)
            para.add("。")
        if self.facts.honours:
            told = self.statements.honours(self.facts.honours, support, overview=True)
            para.uses.extend(told.uses)
            honours = told.spans
            system = f"全{self.context.get('区划', '')}教育系统"
            for verb in ("共获", "先后获得"):
                if honours and system + verb in honours[0].text and self.section.repeats(system + verb):
                    # The opening already spoke of 全县教育…: the tally says when instead of who.
                    honours[0] = Span(honours[0].text.replace(system + verb, f"{self.wording.period}{verb}", 1))
            para.extend(honours)
            para.add("。")
        self._emit("paragraph", para)

    def _role_section(self, node: OutlineNode) -> None:
        para = Para()
        if node.heading and any(n.role in _PLAN_ROLES for n in node.walk()) and self._part_heading(para, "plan"):
            # The numbered section that holds the plans (二、2026年工作打算) is the turn to the 打算.
            self._heading(node.level, node.marker, para)
        elif node.heading and any(n.role == "work" for n in node.walk()) and self._part_heading(para, "work"):
            # The one that holds the year's work, as reports head it (一、2022年主要工作总结: e002, e009, e017, e020…).
            self._heading(node.level, node.marker, para)
        else:
            self._fixed_heading(node)
        for child in node.children:
            self._node(child)

    def _role_part(self, node: OutlineNode) -> None:
        if node.heading:
            para = Para()
            plans = any(n.role in _PLAN_ROLES for n in node.walk())
            if not (plans and self._part_heading(para, "plan")):
                para.extend(self.select.render(node.heading, self.context, line=node.line))
                para.outline_uses.append(OutlineUse(node.line, -1, role=node.role))
            self._heading(0 if not node.marker else node.level, node.marker, para)
        for child in node.children:
            self._node(child)

    def _part_heading(self, para: Para, kind: str) -> bool:
        """The heading that turns a shipped outline to its 打算 or 不足, worded as reports word it: a mined part heading
        of support >= 2 ({{ 下期 }}工作{{ 措辞1 }}), its word the one the title already uses (计划 / 打算 / 思路);
        False (the outline's own wording then) for the writer's own outline or when the library has none."""
        if self.outline.path and not shipped_path(self.outline.path):
            return False
        pool = [
            p
            for p in self.library.family(f"part.{kind}")
            if p.origin == "mined" and p.support >= 2 and p.id not in self.select.used
            and self.select.allowed_for_kind(p)
            and fills(p, self.context)
        ]
        if not pool:
            return False
        # The summary part's heading, found before any draw of the body, takes no draw of the draft's generator when
        # there is nothing to choose (the body's choices stay as they were without it).
        phrase = pool[0] if kind == "work" and len(pool) == 1 else self.select.choose(pool)
        title = "".join(s.text for b in self.blocks if b.kind == "title" for s in b.spans)
        values: dict[str, str] = dict(self.context)
        for name, words in phrase.choices.items():
            said = [w for w in words if w in title]
            if said:
                values[name] = said[-1]
        self.select.put(para, phrase, values)
        return True

    def _role_problems(self, node: OutlineNode) -> None:
        if node.heading or not (node.marker or node.level) or not self._problems_heading(node):
            self._fixed_heading(node)
        para = Para()
        self._bureau_phrase(para, "problems")
        problems = [clean_end(user_text(p)) for p in self.facts.problems if clean_end(p)]
        if problems:
            self._chain(para, problems)
            self._bureau_phrase(para, "problems_tail")
        else:
            para.hole("存在的不足")
            para.add("。")
        self._emit("paragraph", para)

    def _bureau_phrase(self, para: Para, purpose: str) -> None:
        """The 不足 lead-in or tail, drawn by the bureau and the kind of report as well as the seed: every draft's draws
        up to here run alike (the same outline, the same number of sections), so the seed alone gave five bureaus'
        drafts one wording."""
        pool = self._fresh(
            self.select.candidates("transition", self.context, purpose=purpose, prefer_kind=False),
            self.context,
            "".join(s.text for s in para.spans),
        )
        if pool:
            kind = self.kind.id if self.kind else ""
            phrase = random.Random(f"{self.context['单位']}|{kind}|{self.seed}|{purpose}").choice(pool)
            self.select.used.add(phrase.id)
            self.select.put(para, phrase, self.context)

    def _problems_heading(self, node: OutlineNode) -> bool:
        """A 不足 part the outline numbers but does not word: the mined heading (存在的问题) before the role's default."""
        para = Para()
        if not self._part_heading(para, "problems"):
            return False
        self._heading(node.level, node.marker, para)
        return True

    def _role_plan_intro(self, node: OutlineNode) -> None:
        para = Para()
        self._phrase(para, "plan", self.context, purpose="intro")
        self._phrase(para, "enum_lead", self.context)
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
                # A level to reach takes its verb (覆盖率达到92%); an amount to add is its own action (新增学位3000个).
                reach = is_percent_unit(goal.unit) or any(word in goal.item for word in SHARE_WORDS)
                items.append([Span(user_text(goal.item) + ("达到" if reach else "")), self.statements.value(goal)])
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
        elif not self._assembled_closing(para):
            self._phrase(para, "closing", self.context)
        self._emit("paragraph", para)

    def _assembled_closing(self, para: Para) -> bool:
        """The closing from stock clauses by part (drafting/closing.py); False when the writer's own library gives a
        whole closing (theirs comes first) or no goal clause is left (then a whole reviewed closing is used)."""
        whole = self.select.candidates("closing", self.context)
        if any(not _shipped(p) for p in whole):
            return False
        said = "".join(s.text for b in self.blocks if b.kind != "title" for s in b.spans)
        builder = ClosingBuilder(
            self.select, self.context, self.kind.id if self.kind else "", said, self.section, seed=self.seed
        )
        return builder.build(para)

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
        return merge_topics(chosen)

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
            sections = self._fitted_sections(gather_sections(areas, theme_parts(self.kind, self.facts.theme)))
            grouped = True
        elif (
            role == "work"
            and node.level == 1
            and not node.topics
            and theme_parts(self.kind, self.facts.theme)
        ):
            # A development report's level-1 headings are the parts of its 工作主线 (抓…,…); a flat outline
            # still gets them, with each area run in below as 一是, 二是.
            level, style = 3, "一是"
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
        if grouped and len(sections) == 1 and not sections[0].lead and node.level and level <= 2:
            # One 板块 alone is no heading level at all: its areas take the level of the 板块.
            grouped = False
            level, style = node.level, node.marker or _DEFAULT_MARKERS.get(node.level, "")
        family_hint = child.family if child and child.family else node.family
        self.select.reserve_family(role, level, len(areas), family_hint, self.context)
        if level == 1 and not grouped and any(
            "praise" not in allowed_classes(self._preview_support([a]), coverage=_full_coverage(a)) for a in areas
        ):
            # One sibling's data does not bear the praising family (……取得新突破): all of them take the plain one
            # (topic + mined predicate), decided before the first is written, so that one rhythm runs through.
            self._plain_level1.add(role)
        for section in sections:
            if grouped:
                self._group_heading(node, role, section)
            if not section.areas:
                para = Para()
                para.hole(f"{section.lead or section.label or '本部分'}方面的工作")
                self._emit("paragraph", para)
                continue
            # No level with a single child: one area under its 板块 (or under the node's own heading, or the only
            # node at its level) gets no heading.
            alone = len(section.areas) == 1 and (
                grouped or (level > node.level and level <= 2) or self._only(node)
            )
            # A 板块's heading (以促进公平为重点,努力办好人民满意的教育 / 提质量,……) states the stance of the sections
            # under it: they go straight to their measures, as the genre's grouped reports do (seeds/000: 一、以“促公平”
            # 为重点,加强和改善教育民生 → (一)加快推进普惠性幼儿园建设。→ the measures; seeds/003: 一、抓提升,…… → 一是,
            # 加快发展学前教育。→ the measures), not with a second stance of their own. The writer's own 板块 wording
            # (a label) may be no stance: its sections keep their leads.
            stance_above = grouped and not section.label and (section.group is not None or bool(section.lead))
            said = self.blocks[-1].text if grouped and self.blocks else ""
            for area in section.areas:
                # An area alone under its 板块 has no heading of its own: where the 板块's heading does not name it
                # (聚焦立德树人,…… over 学校体育), its lead is what names the topic, and stays.
                named = any(w in said for w in (area.topic, self.shorts.get(area.topic, area.topic)))
                self._area(
                    area, role, level, style, body, alone=alone, stance_above=stance_above and (named or not alone),
                    named=named,
                )

    def _only(self, node: OutlineNode) -> bool:
        """Whether no other node beside this one puts a numbered heading at its level (its areas are all there is)."""
        siblings = next((n.children for n in self.outline.walk() if node in n.children), self.outline.nodes)
        return not any(
            other is not node
            and other.level == node.level
            and other.marker
            and (other.heading or other.role in ("work", "plans"))
            for other in siblings
        )

    def _group_heading(self, node: OutlineNode, role: str, section: Section) -> None:
        para = Para()
        if section.lead:
            para.add(section.lead + ",")
            support = self._preview_support(section.areas)
            family = section.group.tail_family if section.group else "group.tail"
            if self._mined_tail(para, section, support):
                pass
            elif not self._reviewed_tail(para, family, support):
                if not self._reviewed_tail(para, "group.tail", support):
                    para.add("各项工作扎实推进")
        elif section.label:
            para.add(section.label)
        elif section.group is not None and self._mined_group_heading(para, section):
            pass
        elif section.group is not None and self._group_family(para, section):
            pass
        elif len(section.areas) == 1:
            # No 板块 wording fits the one area under it (学校体育 alone): the heading is the area's own (topic and a
            # predicate its data allows), as an area alone under a heading of its own would have.
            area = section.areas[0]
            self._area_heading(para, role, max(node.level, 1), area, self._preview_support([area]))
        else:
            topic = section.areas[0].topic if section.areas else "综合"
            self._family_heading(para, role, max(node.level, 1), topic)
        self._heading(node.level, node.marker, para)

    def _preview_support(self, areas: Sequence[Area]) -> Support:
        """What the areas' data will support once told (rises, falls, targets, honours from above), worked out before
        their heading is written: a fresh Wording, so that the draft's own (its 比上年/较上年 turn) is not moved."""
        fresh = Wording(
            decimals=self.wording.decimals, period=self.wording.period, target_label=self.wording.target_label,
            region_suffix=self.facts.region_suffix,
        )
        support = Support()
        for area in areas:
            for fig in [*area.data, *(f for m in area.measures for f in m.data)]:
                support.add(fresh.figure(fig))
            support.honours_from_above(area.honours, fresh)
        return support

    def _mined_tail(self, para: Para, section: Section, support: Support) -> bool:
        """The second half of a 工作主线 heading (提质量,……) in the genre's words: a mined predicate after what rose
        where the 板块's figures rose (育人水平进一步提升, as seeds/003 writes 教育运行水平进一步提升), after its area's
        subject where they only tell what was done (强队伍,队伍建设得到加强); never praise the data does not bear."""
        table = predicate_table()
        classes = allowed_classes(support, coverage=False)
        lead = section.lead
        if "rise" in classes and section.group is not None:
            subject = next((t for t in section.group.rise_subjects if not echoes(lead, t)), "")
            if subject:
                values = dict(self.context, 主题=subject)
                topic = section.areas[0].topic if section.areas else "综合"
                pool = self.select.predicates(values, topic, ["rise"], plan=False, fitted=True)
                if self.select.take(para, pool, values):
                    return True
        # What was done: by the subject of the one area under it, else of the work as a whole (各项工作稳步推进).
        topics = [section.areas[0].topic] if len(section.areas) == 1 else []
        for topic in [*topics, "综合"]:
            short = self.shorts.get(topic, topic)
            values = dict(self.context, 主题=table.subjects.get(topic, short))
            pool = [
                p
                for p in self.select.predicates(values, topic, ["measures"], plan=False)
                if not echoes(lead, values["主题"] + pattern_words(p.text))
            ]
            if self.select.take(para, pool, values):
                return True
        return False

    def _reviewed_tail(self, para: Para, family: str, support: Support) -> bool:
        """A reviewed tail of the family; one that praises (教育民生持续改善) only where the data bears it."""
        pool = self.select.candidates("heading1", self.context, family=family)
        if "praise" not in allowed_classes(support, coverage=False) and "rise" not in allowed_classes(
            support, coverage=False
        ):
            pool = [p for p in pool if not evaluative(p.text)]
        return self.select.take(para, pool, self.context)

    # ------------------------------------------------------------ headings

    def _mined_group_heading(self, para: Para, section: Section) -> bool:
        """The 板块's two-part heading from the genre's stance clauses (以促进公平为重点,努力办好人民满意的教育):
        a stance and what it is for, fitted to the topics under it, like the reviewed 「聚焦……,……」 headings beside
        it. False when no pair fits them: the reviewed family then."""
        assert section.group is not None
        topics = {a.topic for a in section.areas}
        # Each clause is first of all about this 板块 (以提高质量为核心 is 优质量's, not 促公平's): a heading that
        # leans on another 板块's topic would say that 板块's heading twice.
        own = set(section.group.topics)
        # A heading over 校园安全 too must speak of it: 加大教育投入 alone does not.
        pairs = self._stance_pairs(
            dict(self.context), topics, "", primary=own, bearing=self._words(section.areas), cover=True
        )
        if not pairs:
            return False
        self._say_pair(para, dict(self.context), self.select.rng.choice(pairs), "")
        return True

    def _group_family(self, para: Para, section: Section) -> bool:
        """The 板块's heading, preferring a wording that fits every topic under it (保障 for 安全稳定 alone)."""
        assert section.group is not None
        fit = self._board_wordings(section)
        # Siblings do not all open alike (聚焦……,…… four times over): a wording whose opening word no earlier heading
        # of the level has used, while one fits.
        openers = {"".join(s.text for s in b.spans)[:2] for b in self.blocks if b.kind == "heading" and b.level == 1}
        fit = [p for p in fit if p.text[:2] not in openers] or fit
        if len(section.areas) == 1:
            # One area under it: a wording that names it (突出规范管理,持续深化校外培训治理) before one that speaks of
            # its 板块 in general (突出依法治教,规范教育管理秩序).
            topic = section.areas[0].topic
            fit = [p for p in fit if p.topics[0] == topic] or fit
        return self.select.take(para, fit, self.context)

    def _board_wordings(self, section: Section) -> list[Phrase]:
        """The 板块's reviewed headings that claim only what its areas hold (groups.heading_fits: 聚焦立德树人,…… not
        over 学校体育 alone; 坚持改革创新,…… not over 校外培训治理 and 研学实践). A quoted slogan (以“促改革”为动力) is a
        工作主线's word: only where the writer's 工作主线 says it."""
        if section.group is None:
            return []
        pool = self.select.candidates("heading1", self.context, family=section.group.family)
        topics = {a.topic for a in section.areas}
        theme = self.facts.theme or ""
        return [
            p for p in pool if heading_fits(p.topics, topics) and all(q in theme for q in _QUOTED.findall(p.text))
        ]

    def _fitted_sections(self, sections: list[Section]) -> list[Section]:
        """板块 whose areas no heading fits as a whole are split, an area a 板块 (each then headed by its own words):
        a heading over 校外培训治理 and 研学实践 together would claim what neither holds."""
        out: list[Section] = []
        for section in sections:
            if (
                section.group is None
                or section.lead
                or section.label
                or len(section.areas) < 2
                or self._board_wordings(section)
                or self._stance_pairs(
                    dict(self.context), {a.topic for a in section.areas}, "", primary=set(section.group.topics),
                    bearing=self._words(section.areas), cover=True,
                )
            ):
                out.append(section)
                continue
            out.extend(Section([area], group=section.group) for area in section.areas)
        return out

    def _words(self, areas: Sequence[Area]) -> str:
        """What a section's areas say: measures, results, figure items, the topic's names (a clause is borne by them)."""
        parts: list[str] = []
        for area in areas:
            parts += [area.topic, self.shorts.get(area.topic, area.topic), area.heading or ""]
            for measure in area.measures:
                parts += [measure.text, measure.result or "", *(f.item for f in measure.data)]
            parts += [f.item for f in area.data]
        return "|".join(p for p in parts if p)

    def _family_heading(self, para: Para, role: str, level: int, topic: str) -> None:
        self.select.family_heading(
            para, role, level, dict(self.context, 主题=self.shorts.get(topic, topic)), topic=topic
        )

    def _phrase(self, para: Para, kind: str, values: dict[str, str], **kw: Any) -> bool:
        """Like Selector.phrase, preferring a pattern that repeats nothing already said in the section."""
        pool = self._fresh(
            self.select.candidates(kind, values, **kw), values, "".join(s.text for s in para.spans)
        )
        return self.select.take(para, pool, values)

    def _topical(self, kind: str, topic: str) -> list[Phrase]:
        """The library's patterns of a kind tagged with a topic (indexed once per draft)."""
        if not self._by_topic:
            for phrase in sorted(self.library.phrases.values(), key=lambda p: p.id):
                for tag in phrase.topics:
                    self._by_topic.setdefault((phrase.kind, tag), []).append(phrase)
        return self._by_topic.get((kind, topic), [])

    def _fresh(
        self, pool: list[Phrase], values: dict[str, str], seen: str, *, needed: bool = True
    ) -> list[Phrase]:
        """The patterns that repeat no phrase already in the section (see variation.repeats).

        When every one repeats: all of them if the place needs words (a heading), none if it can do without
        (a lead, an evaluation)."""
        if not pool:
            return []
        probe = self.section.probe(seen, (values.get("主题", ""), values.get("主题名", "")))
        fresh = []
        for phrase in pool:
            rendered = "".join(s.text for s in self.select.render(phrase.text, values, phrase))
            if not probe.repeats(rendered):
                fresh.append(phrase)
        return fresh or (pool if needed else [])

    def _area_heading(
        self, para: Para, role: str, level: int, area: Area, support: Support, seen: str = ""
    ) -> None:
        """Level 1 from the role's parallel family; deeper levels from the topic's own reviewed headings,
        whose predicates collocate with it (学前教育普惠发展, 办学条件明显改善), evaluative ones only with data."""
        if level >= 2 or level == 0:
            purpose = "topicplan" if role == "plans" else "topic"
            values = dict(self.context, 主题=self.shorts.get(area.topic, area.topic), 主题名=area.topic)
            kind = f"heading{min(max(level, 2), 3)}"
            # The genre's own collocation first: a mined predicate other reports put after this topic.
            allowed = allowed_classes(support, coverage=_full_coverage(area))
            mined = self._fresh(
                self.select.collocated(
                    "heading2", values, area.topic, plan=role == "plans", praise=bool({"praise", "rise"} & set(allowed))
                ),
                values,
                seen,
                needed=False,
            )
            said_with = values
            heads = self._sibling_heads(level)

            def repeats(pool: list[Phrase]) -> bool:
                return bool(pool) and all(pattern_words(p.text)[-2:] in heads for p in pool)

            mined = self._new_head(mined, values, level)
            if not mined or repeats(mined):
                # None of the topic's collocations but repeats a sibling's verb: the predicates its data allows.
                found, found_with = self._predicates(values, role, area, support, seen, level=level)
                found = self._fresh(found, found_with, seen, needed=False)
                if found and (not mined or not repeats(found)):
                    mined, said_with = found, found_with
            if not mined and role == "plans":
                said_with = values
                mined = self._fresh(self._plan_actions(values, area), values, seen, needed=False)
            reviewed = self._reviewed_headings(kind, purpose, values, area, support, seen, level)
            plain = [p for p in reviewed if "praise" not in p.id.split(".") and not evaluative(p.text)]
            if repeats(mined) and plain and not repeats(plain):
                # The genre's predicates for this topic all repeat a sibling's verb (学前教育稳步推进, then 义务教育
                # 有序推进): the topic's reviewed heading with another verb, one that does not praise (义务教育办学水平
                # 稳步提升 would claim what 课后服务参与学生 rising does not measure).
                mined, said_with = plain, values
            if self.select.take(para, mined, said_with):
                return
            if self.select.take(para, reviewed, values):
                return
        plans = role == "plans"
        plain_family = role in self._plain_level1
        if level == 1 and (plans or plain_family or "praise" not in allowed_classes(support, coverage=_full_coverage(area))):
            # The level-1 family says 取得新突破 / 再上新台阶 / 开创新局面 of every section: where this section's data
            # does not bear praise (no figure rose twice, no met target or honour from above, or a figure fell),
            # the topic takes a mined predicate its data allows (教育质量进一步提升, 语言文字稳步推进) instead; a plan,
            # which has done nothing yet, always does (积极推进学前教育).
            # Once one sibling is worded so, the others are too: one family, one rhythm (topic + 稳步推进), not
            # 党的建设全面加强 beside 教育质量取得新突破.
            values = dict(self.context, 主题=self.shorts.get(area.topic, area.topic), 主题名=area.topic)
            found, said_with = self._predicates(values, role, area, support, seen, level=1)
            plain = self._fresh(found, said_with, seen, needed=False)
            # Siblings do not open their predicates alike (教育质量稳步提升 beside 队伍建设稳步推进).
            said = "".join(b.text for b in self.blocks if b.kind == "heading" and b.level == 1)
            plain = [p for p in plain if pattern_words(p.text)[:2] not in said] or plain
            heads = self._sibling_heads(1)
            if not plain or all(pattern_words(p.text)[-2:] in heads for p in plain):
                # No mined predicate reads after this topic (党建, 安全稳定), or each repeats a sibling's verb
                # (教育督导得到加强 after 教育信息化进一步加强): its own reviewed headings that do not evaluate
                # (党的建设全面加强, 督导评估扎实开展), one with a verb of its own first.
                purpose = "topicplan" if plans else "topic"
                own = self.select.candidates(
                    "heading2", values, purpose=purpose, within=self._topical("heading2", area.topic)
                )
                own = self._new_head(
                    self._fresh(
                        [p for p in own if not evaluative(p.text) and "praise" not in p.id.split(".")],
                        values, seen, needed=False,
                    ),
                    values,
                    1,
                )
                if own and (not plain or not all(pattern_words(p.text)[-2:] in heads for p in own)):
                    plain, said_with = own, values
            values = said_with
            if self.select.take(para, plain, values):
                self._plain_level1.add(role)
                return
        self._family_heading(para, role, level, area.topic)

    def _reviewed_headings(
        self,
        kind: str,
        purpose: str,
        values: dict[str, str],
        area: Area,
        support: Support,
        seen: str,
        level: int,
    ) -> list[Phrase]:
        """The topic's reviewed headings (manual: 学前教育普惠发展), praising ones only with data, those that say what
        the measures do first (加强师德师风建设 does not head 县管校聘 and 名校长工程), a sibling's verb last."""
        pool = self.select.candidates(kind, values, purpose=purpose, within=self._topical(kind, area.topic))
        if not pool:
            pool = self.select.candidates(
                "heading2", values, purpose=purpose, within=self._topical("heading2", area.topic)
            )
        if not support.any:
            pool = [p for p in pool if "praise" not in p.id.split(".")]
        words = self._words([area])
        pool = [
            p for p in pool
            if predicate_table().borne(pattern_words(p.text.replace("{{ 主题 }}", values["主题"])), words)
        ] or pool
        return self._new_head(self._fresh(pool, values, seen), values, level)

    def _sibling_heads(self, level: int) -> set[str]:
        """The head verbs of the headings at this level under the current parent: a topic heading's last two characters
        (稳步推进 → 推进, 得到加强 → 加强), a two-part heading's first two as well (聚焦……,……)."""
        heads: set[str] = set()
        for block in reversed(self.blocks):
            if block.kind == "title" or (block.kind == "heading" and block.level < level):
                break
            if block.kind == "heading" and block.level == level:
                text = block.text.rstrip("。")
                heads.add(text[-2:])
                if "\uff0c" in text or "," in text:
                    heads.add(text[:2])
        return heads

    def _new_head(self, pool: list[Phrase], values: dict[str, str], level: int) -> list[Phrase]:
        """The wordings whose head verb no sibling has used (学前教育稳步推进 then 义务教育有效落实, not 有序推进),
        while one fits; else all of them."""
        heads = self._sibling_heads(level)
        if not heads:
            return pool
        fresh = []
        for phrase in pool:
            text = pattern_words(phrase.text.replace("{{ 主题 }}", "\ue000"))
            two_part = "," in phrase.text or "\uff0c" in phrase.text
            if text[-2:] in heads or (two_part and text[:2] in heads):
                continue
            fresh.append(phrase)
        return fresh or pool

    def _said_in_section(self, subject: str, short: str, seen: str, figures: str = "") -> bool:
        """Whether a subject's own words (办学水平 of 义务教育办学水平) are in the section already (带动农村学校办学水平
        整体提升): said again in its heading or close, they would echo. Runs of ``figures`` (the items it names) do
        not count."""
        own = subject.replace(short, "")
        text = seen + self.section.text
        return any(own[i : i + 4] in text and own[i : i + 4] not in figures for i in range(len(own) - 3))

    def _predicates(
        self, values: dict[str, str], role: str, area: Area, support: Support, seen: str = "", level: int = 0
    ) -> tuple[list[Phrase], dict[str, str]]:
        """The genre's predicates (mined) that this section's data allows and that read after its topic, with the
        values to say them with: 稳步推进 for measures only, 进一步提升 for a rise, 取得新突破 for an honour or a met
        target, 全覆盖 for full coverage; the most telling class that has one. A topic whose short name takes no
        predicate of what was done is said by the heading subject templates/predicates.yaml gives it (党的建设全面加强,
        not 党建引领全面加强)."""
        table = predicate_table()
        classes = ["plan"] if role == "plans" else allowed_classes(support, coverage=_full_coverage(area))
        for name in classes:
            # (The level that rose, 学前教育普惠水平, is the close's subject, not the heading's: the close carries the
            # note of the data behind it.)
            subject = table.subjects.get(area.topic) if name == "measures" else None
            # (The words it shares with the figure, 体质健康 of 学生体质健康达标率, are the figure's, not a claim.)
            figures = "|".join(support.risen)
            if subject and self._said_in_section(subject, values["主题"], seen, figures):
                continue
            said_with = dict(values, 主题=subject) if subject else values
            # A topic of the writer's own reads after the predicates predicates.yaml fits to 自定义 (研学实践有效开展).
            fits_as = "自定义" if area.own_topic else area.topic
            found = self.select.predicates(said_with, fits_as, [name], plan=role == "plans")
            if level:
                # Not the verb a sibling heading has (教育信息化有序推进 after 职业教育稳步推进): another of the class.
                found = self._new_head(found, said_with, level)
            if found:
                return found, said_with
        return [], values

    def _plan_actions(self, values: dict[str, str], area: Area) -> list[Phrase]:
        """A plan section's heading from the genre's action clauses (加强师德师风建设, 改善办学条件): verb first, as
        plan headings are; only a clause first of all about this topic that names it in its own words, and not one
        the draft has said already."""
        topic = next((t for t in load_topics() if t.name == area.topic), None)
        if topic is None:
            return []
        words = (topic.short, *topic.aliases, *topic.keywords)
        said = "".join(s.text for b in self.blocks for s in b.spans)
        return [
            p
            for p in self.select.candidates("lead", values, within=self._topical("lead", area.topic))
            if p.origin == "mined"
            and p.id.split(".")[1] == "action"
            and p.topics[0] == area.topic
            and not p.choices
            and any(w in p.text for w in words)
            and not _said_already(p, values, said)
            # What the plan's measures will do (加强师德师风建设 does not head 县管校聘 and 名校长工程).
            and predicate_table().borne(pattern_words(p.text), self._words([area]))
        ]

    # ------------------------------------------------------------ one area

    def _items(self, area: Area, role: str, support: Support) -> tuple[list[Item], list[Item]]:
        """The area's measures, each one sentence with its figures; then its other figures and its honours."""
        plan = role == "plans"
        measures = [m for m in area.measures if clean_end(m.text)]
        attached, apart = attach(measures, area.data, area.topic)
        items = [
            self.statements.measure(m, [*m.data, *attached.get(i, [])], support, plan=plan)
            for i, m in enumerate(measures)
        ]
        extras: list[Item] = []
        if apart:
            extras.append(self.statements.figures(apart, support, plan=plan))
        if area.honours:
            honours = self.statements.honours(area.honours, support, topic=area.topic)
            if honours.spans:
                extras.append(honours)
        return items, extras

    def _lead(self, para: Para, area: Area, seen: str = "", *, must_name: bool = False) -> None:
        """The section's stance: one short sentence fitted to its topic (坚持把学前教育作为重要民生工程来抓,…)."""
        values = dict(self.context, 主题=area.topic, 主题名=self.shorts.get(area.topic, area.topic))
        topical = self.select.candidates(
            "transition", values, purpose="lead", within=self._topical("transition", area.topic)
        )
        generic = [
            p
            for p in self.select.candidates(
                "transition", values, purpose="lead", within=self._topical("transition", "综合")
            )
            # A lead fitted to no topic (围绕年度目标任务,扎实推进信息化工作) says nothing the heading does not: the
            # shipped ones are not used, and a section with no lead of its own goes straight to its measures, as the
            # genre's sections mostly do (seeds/000, seeds/003, corpus e001, e005, e007). The writer's own stay.
            # (Unless the section has no heading of its own and the one above does not name it: then its lead is
            # what names the topic.)
            if "{{ 主题 }}" in p.text and (not _shipped(p) or must_name)
        ]
        seen += "".join(s.text for s in para.spans)
        if self._mined_lead(para, values, area.topic, seen, self._words([area])):
            return
        chosen = self._fresh(topical, values, seen, needed=False) or self._fresh(
            generic, values, seen, needed=False
        )
        if self.select.take(para, chosen, values):
            para.add("。")

    def _mined_lead(self, para: Para, values: dict[str, str], topic: str, seen: str, bearing: str = "") -> bool:
        """The lead from two stance clauses of the genre fitted to the topic (mined from two reports or more):
        a stance first (以促进公平为重点, 坚持教育优先发展战略), then another stance or an action (以提高质量为核心,
        加大教育投入); the two share no word. False when the topic has no such pair: the reviewed lead then."""
        # Nor an action that names the topic by its short name (稳步提升教育质量 under 教育质量进一步提升): the
        # heading names it, and the two would say one thing twice.
        short = self.shorts.get(topic, topic)
        pairs = self._stance_pairs(values, {topic}, seen, avoid=short, bearing=bearing)
        if not pairs:
            return False
        self._say_pair(para, values, self.select.rng.choice(pairs), "。")
        return True

    def _stance_pairs(
        self,
        values: dict[str, str],
        topics: set[str],
        seen: str,
        primary: set[str] | None = None,
        avoid: str = "",
        bearing: str = "",
        cover: bool = False,
    ) -> list[tuple[Phrase, Phrase]]:
        """Two unused mined stance clauses for these topics (see _mined_lead), each pair a stance and then what is done:
        the pairs that fit the most of the topics (a draft draws one by seed). ``primary``: topics a clause's first tag must be one of. ``bearing``:
        the section's words, which the action must say (predicates.yaml generic: 努力办好人民满意的教育 is said by
        no section's measures, 加大教育投入 by 教育经费总投入). ``cover``: the pair's tags hold every topic."""
        pool: list[Phrase] = []
        for topic in sorted(topics):
            pool += [
                p
                for p in self.select.candidates("lead", values, within=self._topical("lead", topic))
                if p.origin == "mined"
                and p.id.split(".")[1] in ("stance", "action")
                and p not in pool
                and (primary is None or p.topics[0] in primary)
                and not (avoid and avoid in p.text)
            ]
        # Nor a clause the draft has said already (全面贯彻党的教育方针 in the 导语).
        said = "".join(s.text for b in self.blocks for s in b.spans)
        pool = [p for p in pool if not _said_already(p, values, said)]
        pool = sorted(self._fresh(pool, values, seen, needed=False), key=lambda p: p.id)
        stances = [p for p in pool if p.id.split(".")[1] == "stance"]
        pairs = [
            (first, then)
            for first in stances
            for then in pool
            # A stance and then what is done (坚持教育优先发展战略,加大教育投入): two stances
            # (以提高质量为核心,以促进公平为重点) say no more than slogans do.
            if then not in stances
            and not _shares_word(first.text, then.text)
            and (not bearing or predicate_table().borne(pattern_words(then.text), bearing))
            and (not cover or topics <= set(first.topics) | set(then.topics))
        ]
        if not pairs:
            return []
        fit = [len(topics & (set(first.topics) | set(then.topics))) for first, then in pairs]
        best = max(fit)
        return [pair for pair, n in zip(pairs, fit, strict=True) if n == best]

    def _say_pair(self, para: Para, values: dict[str, str], pair: tuple[Phrase, Phrase], end: str) -> None:
        for phrase, after in zip(pair, (",", end), strict=True):
            self.select.used.add(phrase.id)
            self.select.put(para, phrase, values)
            para.add(after)

    def _evaluation(self, para: Para, area: Area, support: Support, seen: str = "") -> None:
        """A close only where the data supports it: an honour from above, several rises, a met target, a rise."""
        # A met target already says so in its own clause (超额完成年度目标): no close repeats it.
        if support.falls:
            # A figure of the section went the wrong way (体质健康达标率下降0.7个百分点): a close that praises the
            # section after it contradicts the data the reader has just read, whatever else rose or was honoured.
            return
        if support.honour_above:
            purpose = "praise_honour"
        elif support.flats:
            # A figure held level beside one that rose (巩固率达99.2%,与上年持平 after 学位增长24.6%) is mixed
            # evidence: a rise close after it (义务教育办学水平进一步提升) claims what the last figure denies.
            return
        elif support.rises >= 2:
            purpose = "praise_several"
        elif support.rises:
            purpose = "praise_rise"
        elif support.good_zero:
            purpose = "praise_zero"
        else:
            return
        values = dict(self.context, 主题=self.shorts.get(area.topic, area.topic), 主题名=area.topic)
        pool: list[Phrase] = []
        table = predicate_table()
        said = [w for name in ("rise", "praise", "coverage") for w in table.classes.get(name, ()) if w in seen]
        if purpose in ("praise_rise", "praise_several") and not said:
            # A section whose heading already says it improved is not told so again.
            # The genre's own words for a rise (mined rise predicates: 进一步提升, 稳步提升) after what rose: the
            # level the risen figure measures (新增学位 → 学位供给能力, 普惠性幼儿园覆盖率 → 学前教育普惠水平:
            # predicates.yaml rise_by_figure), never the topic's level whatever rose (义务教育办学水平 for more 学位).
            # No level the figure measures (受助学生 more): no close of the genre's words.
            subject = table.rise_subject(support.risen, values["主题"])
            # (The words it shares with the figure, 体质健康 of 学生体质健康达标率, are the figure's, not a claim.)
            figures = "|".join(support.risen)
            if subject and self._said_in_section(subject, values["主题"], seen, figures):
                # The section said it already (带动农村学校办学水平整体提升): no 义务教育办学水平不断提升 after it.
                return
            found = []
            if subject:
                values = dict(values, 主题=subject)
                found = self.select.predicates(values, area.topic, ["rise"], plan=False, fitted=True)
            pool = self._fresh(found, values, seen, needed=False)
            # Nor opened like the heading's predicate (学前教育稳步推进 … 学前教育普惠水平稳步提升) while another reads.
            pool = [p for p in pool if pattern_words(p.text)[:2] not in seen] or pool
        reviewed = self.select.candidates("transition", values, purpose=purpose)
        if purpose != "praise_honour":
            # The shipped stock closes (呈现良好发展态势, 取得新进展, 实现稳中有进, 底线进一步筑牢) are not what the genre
            # writes (none closes a section in corpus/ or seeds/) and the readers' least favourite part: only the
            # writer's own closes of these purposes stay.
            reviewed = [p for p in reviewed if not _shipped(p)]
        if said:
            # Nor by a reviewed close in the same words (工作水平进一步提升 under 教育质量不断提升).
            rise = table.classes.get("rise", ())
            reviewed = [p for p in reviewed if not any(w in p.text for w in rise)]
        pool = pool or self._fresh(reviewed, values, seen, needed=False)
        if pool:
            phrase = self.select.choose(pool)
            spans = [*self.select.render(phrase.text, values, phrase), Span("。")]
            # The reviewer sees, on the sentence itself, the data that allowed it.
            para.extend(notes.sentence(spans, "这句评价的依据:" + ";".join(dict.fromkeys(support.reasons))))
            para.uses.append(phrase.id)

    def _area(
        self,
        area: Area,
        role: str,
        level: int,
        style: str,
        body: str,
        *,
        alone: bool = False,
        stance_above: bool = False,
        named: bool = False,
    ) -> None:
        # The section's record of the writer's words grows by this area's (one area at a time keeps it small).
        self.section.writer = tuple(sorted(set(self.section.writer) | set(writer_strings(self.facts, [area])), key=len, reverse=True))
        support = Support()
        items, extras = self._items(area, role, support)
        seen = "".join(i.text for i in items + extras)
        work = role == "work"
        # The writer's own two-part heading (坚持边查边改,解决突出问题) is the stance already.
        stance = bool(area.heading) and any(c in (area.heading or "") for c in ",\uff0c")
        lead = Para()
        before_lead = seen
        if (
            work
            and body in ("chain", "paragraphs", "firstly")
            and not stance
            and not stance_above
            and (items or extras)
            and level in (1, 2)
        ):
            # The lead first: it is optional and the heading is not, so the heading gives way to it.
            self._lead(lead, area, seen, must_name=alone and not area.heading and not named)
            seen += "".join(s.text for s in lead.spans)
        heading = Para()
        if area.heading:
            heading.add(clean_end(user_text(area.heading)))
        elif not alone:
            # (An area alone under its heading gets none of its own: nothing is worded that the draft does not say,
            # and its close may say what such a heading would have.)
            self._area_heading(heading, role, level, area, support, seen)
            said = "".join(s.text for s in heading.spans)
            lead_text = "".join(s.text for s in lead.spans)
            echoed = self.section.repeats(said, seen) and not self.section.repeats(said, before_lead)
            if not alone and lead.spans and (echoed or _shares_four(said, lead_text)):
                # No heading of the topic could avoid the lead's words: the lead, which is optional, gives way.
                lead = Para()
                seen = before_lead
        seen += "".join(s.text for s in heading.spans)
        if level >= 3 or level == 0:
            para = Para()
            if not alone or area.heading:
                marker = numbered(style, self._next(level)) if style and level and not alone else ""
                para.add(marker + "".join(s.text for s in heading.spans) + "。", strong=True)
                para.uses.extend(heading.uses)
            for item in items + extras:
                para.extend(item.spans)
                para.uses.extend(item.uses)
                para.add("。")
            if work and items + extras:
                self._evaluation(para, area, support, seen)
            if para.empty or not items + extras:
                para.hole(f"{self._topic_name(area)}的具体工作")
                para.add("。")
            self._emit("paragraph", para)
            return
        if alone and area.heading:
            lead_in = Para()
            lead_in.add("".join(s.text for s in heading.spans) + "。", strong=True)
        elif alone:
            lead_in = Para()
        else:
            self._heading(level, style, heading)
            lead_in = Para()
        if not items and not extras:
            lead_in.hole(f"{self._topic_name(area)}的具体工作")
            lead_in.add("。")
            self._emit("paragraph", lead_in)
            return
        lead_in.extend(lead.spans)
        lead_in.uses.extend(lead.uses)
        closing = Para()
        for item in extras:
            closing.extend(item.spans)
            closing.uses.extend(item.uses)
            closing.add("。")
        if work:
            self._evaluation(closing, area, support, seen + "".join(s.text for s in lead_in.spans))
        if body == "numbered" and len(items) > 1:
            self._emit("paragraph", lead_in)

            def titled(item: Item) -> bool:
                first, _, rest = item.text.partition("。")
                return bool(rest) and len(first) <= 25 and not any(s.placeholder for s in item.spans)

            # One convention per list: every item opens with its bold title sentence, or none does (a bold
            # 1.深化五育并举。 above a plain 2.加强学生心理健康教育…… reads as two kinds of list).
            all_titled = all(titled(item) for item in items)
            for index, item in enumerate(items, 1):
                para = Para()
                first, _, rest = item.text.partition("。")
                if all_titled:
                    para.add(f"{index}.{first}。", strong=True)
                    para.add(_sentence(rest))
                else:
                    para.add(f"{index}.")
                    para.extend(item.spans)
                    para.add("。")
                para.uses.extend(item.uses)
                self._emit("paragraph", para)
            self._emit("paragraph", closing)
        elif body == "paragraphs" or len(items) > MAX_CHAIN:
            current = lead_in
            for item in items:
                current.extend(item.spans)
                current.uses.extend(item.uses)
                current.add("。")
                self._emit("paragraph", current)
                current = Para()
            self._emit("paragraph", closing)
        elif body == "firstly" and len(items) > 1:
            for index, item in enumerate(items):
                lead_in.add(f"{_FIRSTLY[min(index, len(_FIRSTLY) - 1)]},")
                lead_in.extend(item.spans)
                lead_in.uses.extend(item.uses)
                lead_in.add("。")
            self._merge_tail(lead_in, closing)
        else:
            self._chain_items(lead_in, items)
            self._merge_tail(lead_in, closing)

    def _merge_tail(self, para: Para, tail: Para) -> None:
        """Figures, honours and evaluation close the measures' paragraph."""
        para.extend(tail.spans)
        para.uses.extend(tail.uses)
        self._emit("paragraph", para)

    def _next(self, level: int) -> int:
        self.counters[level] += 1
        return self.counters[level]

    def _topic_name(self, area: Area) -> str:
        return user_text(area.heading) if area.heading else area.topic

    def _chain(self, para: Para, items: list[str]) -> None:
        self._chain_items(para, [Item([Span(i)]) for i in items])

    def _chain_spans(self, para: Para, items: list[list[Span]]) -> None:
        self._chain_items(para, [Item(i) for i in items])

    def _chain_items(self, para: Para, items: list[Item]) -> None:
        """一是……;二是……。 One convention a chain: long items (or items with their own ;) end with 。 each."""
        if not items:
            return
        for item in items:
            para.uses.extend(item.uses)
        if len(items) == 1:
            para.extend(items[0].spans)
            para.add("。")
            return
        long = any(
            len(i.text) > _LONG_ITEM
            or ";" in i.text
            or "\uff1b" in i.text
            or i.text.count(",") + i.text.count("\uff0c") >= 2
            for i in items
        )
        for index, item in enumerate(items, 1):
            para.add(f"{cn_number(index)}是")
            para.extend(item.spans)
            para.add("。" if long or index == len(items) else ";")


_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")
# Words every stance clause may share without echoing the other (以促进公平为重点,加大教育投入).
_SHARED_OK = frozenset({"教育"})


def _shares_word(a: str, b: str) -> bool:
    """Whether two clauses say a two-character word twice (以促进公平为重点 + 促进教育公平)."""
    grams = lambda t: {t[i : i + 2] for i in range(len(t) - 1)} - _SHARED_OK  # noqa: E731
    return bool(grams(pattern_words(a)) & grams(pattern_words(b)))


def _shares_four(a: str, b: str) -> bool:
    """Whether two texts say a four-character run twice (融合教育扎实推进 over 以融合教育为方向,……), the writer's
    words included: a heading and the lead under it say one thing once."""
    return any(a[i : i + 4] in b for i in range(len(a) - 3))


def _said_already(phrase: Phrase, values: dict[str, str], said: str) -> bool:
    """Whether the text already holds this pattern in any of its wordings (no seed drawn to tell)."""
    pieces = []
    pos = 0
    for m in _SLOT_RE.finditer(phrase.text):
        pieces.append(re.escape(phrase.text[pos : m.start()]))
        name = m.group(0)[3:-3]
        options = phrase.choices.get(name) or ([values[name]] if name in values else [])
        pieces.append("(?:" + "|".join(re.escape(o) for o in options) + ")" if options else ".+?")
        pos = m.end()
    pieces.append(re.escape(phrase.text[pos:]))
    return re.search("".join(pieces), said) is not None


def _full_coverage(area: Area) -> bool:
    """Whether the section's data says full coverage: a rate of 100%, or 全覆盖 in the writer's own words."""
    figures = [*area.data, *(f for m in area.measures for f in m.data)]
    if any(f.value is not None and f.value == 100 and is_percent_unit(f.unit) and not f.approximate for f in figures):
        return True
    return any("全覆盖" in (m.text or "") + (m.result or "") for m in area.measures)


def merge_topics(areas: list[Area]) -> list[Area]:
    """Areas of one topic become one section (no two headings on one topic), unless the writer titled them apart."""
    merged: list[Area] = []
    for area in areas:
        same = next(
            (
                m
                for m in merged
                if m.topic == area.topic
                and m.group == area.group
                and (not m.heading or not area.heading or m.heading == area.heading)
            ),
            None,
        )
        if same is None:
            merged.append(area)
            continue
        index = merged.index(same)
        merged[index] = replace(
            same,
            heading=same.heading or area.heading,
            measures=[*same.measures, *area.measures],
            data=[*same.data, *area.data],
            honours=[*same.honours, *area.honours],
        )
    return merged


def compose(facts: Facts, outline: Outline, library: Library, *, seed: int = 0, decimals: int = 1) -> Draft:
    """Compose a draft from the writer's facts, an outline and the library; pure and deterministic per seed.

    ``decimals``: places of the percentages the draft computes (the profile's text.percent_decimals).
    """
    # Then every 【待补充】 gets its note (what to write, where in the facts file) and every warning its place.
    return annotate(_Composer(facts, outline, library, seed, decimals).run(), facts)
