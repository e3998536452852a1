"""Last year's outline as an editable outline file that `generate --outline` takes.

The parts come from the import's reading of the report (generator.importing.report): the summary part and its
areas, the problems (a part of their own or the 「在肯定成绩的同时」 paragraph), the plans part and its children
(总体思路 / 主要目标 / 重点工作), the closing paragraph when there is one (never the signature). Years become slots:
last year's own year is 「{{ 年度 }}」 and the year of its plans 「{{ 下期 }}」, so that this year's draft says
2026年主要工作 and 2027年工作计划; a half-year report's 上半年 and 下半年 become 「{{ 半年 }}」 and 「{{ 下期 }}」.
"""

from __future__ import annotations

import re

from generator.corpus.doctree import Section
from generator.importing.report import LastYear, plain
from generator.library.model import Outline, OutlineNode
from generator.mining.outline import body_style, kind_rules, marker_style

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(度)?")


def slot_heading(title: str, report: LastYear) -> str:
    """A heading of last year's with its period as slots (2025年主要工作 → {{ 年度 }}年主要工作)."""
    text = re.sub(r"〖[^〗]*〗", "", plain(title)).strip()

    def year(m: re.Match[str]) -> str:
        value = int(m.group(1))
        if report.year is not None and value == report.year + 1:
            return "{{ 下期 }}"
        if report.year is not None and value == report.year:
            return "{{ 年度 }}年" + (m.group(2) or "")
        return m.group(0)

    text = _YEAR.sub(year, text)
    if report.half == "上半年":
        text = text.replace("下半年", "{{ 下期 }}").replace("上半年", "{{ 半年 }}")
    elif report.half == "下半年":
        text = re.sub(r"明年|来年", "{{ 下期 }}", text).replace("下半年", "{{ 半年 }}")
    elif report.year is not None:
        text = re.sub(r"^(?:明年|来年|新的一年)", "{{ 下期 }}", text)
    return text


def build_outline(report: LastYear, kind: str, name: str) -> Outline:
    """The outline of last year's report, for this year's draft."""
    rules = kind_rules()
    nodes: list[OutlineNode] = [OutlineNode(role="opening")]
    problems_done = False
    for role, section in report.layout:
        if role == "summary":
            node = _section_node(section, report)
            node.children.append(_work(section.children, report, "work", "工作"))
            nodes.append(node)
        elif role == "work":
            if nodes[-1].role == "work" and nodes[-1].level == section.level:
                continue  # one work node stands for the run of sibling areas
            siblings = [s for r, s in report.layout if r == "work" and s.level == section.level]
            nodes.append(_work(siblings, report, "work", "工作"))
        elif role == "problems" and not problems_done:
            node = _section_node(section, report)
            node.role = "problems"
            nodes.append(node)
            problems_done = True
        elif role == "plans":
            if not problems_done and report.problems:
                nodes.append(OutlineNode(role="problems"))
                problems_done = True
            nodes.append(_plans(section, report))
    if not problems_done and report.problems:
        # The 「在肯定成绩的同时」 paragraph closes the summary part.
        at = next(
            (i for i, n in enumerate(nodes) if n.role in ("part", "section") and _is_plan_node(n)), len(nodes)
        )
        nodes.insert(at, OutlineNode(role="problems"))
    closing = [p for p in report.document.closing if len(p.text) > 30 or rules.closing.search(plain(p.text))]
    if closing:
        nodes.append(OutlineNode(role="closing"))
    title = f"{kind}(据「{report.title or report.path}」的提纲)"
    return Outline(
        name=name,
        title=title,
        kind=kind,
        nodes=nodes,
        origin="manual",
        description=f"由 zongjie import 从去年的材料整理出的提纲:{len(report.areas)} 个工作部分",
        sources=[report.document.source],
    )


def _is_plan_node(node: OutlineNode) -> bool:
    return any(n.role in ("plans", "plan_intro", "approach", "goals") for n in node.walk())


def _section_node(section: Section, report: LastYear) -> OutlineNode:
    if section.is_part:
        return OutlineNode(role="part", heading=slot_heading(section.title, report))
    return OutlineNode(
        role="section",
        level=section.level,
        marker=marker_style(section.marker),
        heading=slot_heading(section.title, report),
    )


def _work(sections: list[Section], report: LastYear, role: str, repeat: str) -> OutlineNode:
    """A work (or plans) node for sibling sections; their subsections, when there are any, one level down."""
    headed = [s for s in sections if not s.is_part]
    if not headed:
        return OutlineNode(role=role, level=1, marker="一、", repeat=repeat)
    first = headed[0]
    level = first.level
    same = [s for s in headed if s.level == level]
    node = OutlineNode(role=role, level=level, marker=marker_style(first.marker), repeat=repeat)
    node.headings_seen = list(dict.fromkeys(slot_heading(s.title, report) for s in same if s.title))
    node.body = body_style(same)
    children = [c for s in same for c in s.children if c.level == 2 and level == 1]
    if children:
        node.children.append(_work(children, report, role, ""))
        node.children[-1].repeat = ""
    return node


def _plans(section: Section, report: LastYear) -> OutlineNode:
    """The plans part: a part heading (下半年工作打算) or a numbered section (三、2026年工作计划) and what it holds."""
    rules = kind_rules()
    node = _section_node(section, report)
    if section.paragraphs and section.children:
        node.children.append(OutlineNode(role="plan_intro"))
    rest: list[Section] = []
    for child in section.children:
        role, repeat = "", ""
        for pattern, child_role, child_repeat in rules.child_roles:
            if pattern.search(plain(child.title)):
                role, repeat = child_role, child_repeat
                break
        if role:
            fixed = OutlineNode(
                role=role,
                level=child.level,
                marker=marker_style(child.marker),
                heading=slot_heading(child.title, report),
                repeat=repeat,
            )
            if role == "plans":
                fixed.body = body_style([child])
                fixed.headings_seen = [slot_heading(c.title, report) for c in child.children]
            node.children.append(fixed)
        else:
            rest.append(child)
    if rest:
        node.children.append(_work(rest, report, "plans", "计划"))
    if not section.children:
        node.children.append(OutlineNode(role="plans", level=1, marker="一、", repeat="计划"))
    return node
