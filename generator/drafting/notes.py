"""Reviewer's notes: what a Word comment says about a computed figure, a 【待补充】, a warning.

The office head reads the draft in Word or WPS, not the terminal: every number the tool computed carries how
it was computed, every hole what to fill in and where in the facts file, every warning stands at the sentence
it concerns. The composer attaches notes to spans as it writes them (``computed``, ``parts``); ``annotate``
then gives every placeholder still without a note its own, and places every warning not yet shown.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.base.typography import fullwidth_punctuation
from generator.drafting.model import Block, Draft, Span, placeholder_label
from generator.facts.figures import check_figure, format_number, growth_rate, is_percent_unit, to_decimal
from generator.library.model import CONTEXT_SLOTS

if TYPE_CHECKING:
    from generator.facts.model import Area, Facts, Figure

# Context slots whose hole is filled from a top-level key of the facts file.
_SLOT_KEYS = {
    "单位": "单位",
    "地区": "地区",
    "年度": "年度",
    "上级": "上级",
    "主线": "工作主线",
    "活动": "活动名称",
    "阶段": "阶段",
    "半年": "半年",
}
# Holes the composer names after the top-level key that fills them.
_HOLE_KEYS = {
    "标题": "标题",
    "导语": "导语",
    "存在的不足": "问题",
    "总体思路": "总体思路",
    "主要目标": "主要目标",
    "成文日期": "成文日期",
    "署名": "署名",
    "结尾": "结尾",
}
_EXAMPLES = {
    "标题": "标题: 青山县教育局2025年上半年工作总结",
    "导语": "导语: 上半年,我局在县委、县政府的坚强领导下……",
    "问题": "问题:(换行)  - 优质教育资源总量不足",
    "总体思路": "总体思路: 下半年,我局将……",
    "主要目标": "主要目标:(换行)  - 项目: 普惠性幼儿园覆盖率(再换行写 数值、单位)",
    "成文日期": "成文日期: 2025-07-05",
    "署名": "署名: 青山县教育局",
    "结尾": "结尾: 我们将以更加饱满的热情……",
}


def _line(line: int | None) -> str:
    return f"第 {line} 行" if line else ""


def computed(fig: Figure, clause: str, against: str = "上年") -> str:
    """The note on a clause computed from a figure and last year's value (or its target): the operands and
    the arithmetic, so the reviewer checks it in a glance."""
    unit = fig.unit or ""
    clause = fullwidth_punctuation(clause)  # quoted as the draft prints it
    value = format_number(fig.value) if fig.value is not None else ""
    where = f"(事实文件{_line(fig.line)}「项目: {fig.item}」)" if fig.line else f"(「项目: {fig.item}」)"
    if against == "目标":
        target = format_number(fig.target) if fig.target is not None else ""
        note = f"「{clause}」由 数值 {value}{unit} 与 目标 {target}{unit} 算出{where}"
        if (
            fig.value is not None
            and fig.target is not None
            and not is_percent_unit(unit)
            and to_decimal(fig.target)
        ):
            share = to_decimal(fig.value) / to_decimal(fig.target) * 100
            note += f":{value} ÷ {target} = {format_number(share.quantize(to_decimal(0.01)))}%"
    else:
        previous = format_number(fig.previous) if fig.previous is not None else ""
        note = f"「{clause}」由 数值 {value}{unit} 与 上年 {previous}{unit} 算出{where}"
        if fig.value is not None and fig.previous is not None:
            diff = format_number(to_decimal(fig.value) - to_decimal(fig.previous))
            note += f":{value} − {previous} = {diff}"
            rate = growth_rate(fig.value, fig.previous)
            if rate is not None and not is_percent_unit(unit):
                note += f";{diff} ÷ {previous} = {format_number(rate.normalize())}%"
    issues = [w for w in check_figure(replace(fig, parts=[])) if "增长率" in w]
    return "\n".join([note, *(f"提示:{w}" for w in issues)])


def sentence(spans: list[Span], comment: str) -> list[Span]:
    """A sentence as one span carrying ``comment`` (say, the data an evaluation rests on), so that the Word
    comment covers the whole sentence; a sentence holding a placeholder keeps it and notes its first span."""
    if not comment or not spans:
        return list(spans)
    if any(s.placeholder or s.strong for s in spans):
        return [replace(spans[0], comment=comment), *spans[1:]]
    return [Span("".join(s.text for s in spans), comment=comment)]


def parts(fig: Figure) -> str:
    """The note on a figure's 其中: the sum checked against the total."""
    issues = [w for w in check_figure(replace(fig, stated_growth=None)) if "其中" in w]
    values = [p.value for p in fig.parts]
    if issues:
        return "\n".join(f"提示:{w}" for w in issues)
    if fig.value is not None and values and all(v is not None for v in values):
        shown = " + ".join(format_number(v) for v in values if v is not None)
        return f"「其中」各项之和 {shown} = {format_number(fig.value)}{fig.unit or ''},与总数相符"
    return ""


def placeholder(label: str, facts: Facts) -> str:
    """What to write, and where in the facts file, for the hole 【待补充:label】."""
    key = _top_key(label)
    if key is not None:
        example = _EXAMPLES.get(key, f"{key}: …")
        line = facts.lines.get(key)
        if line:
            return f"事实文件第 {line} 行的「{key}」还是空的:请填上,如「{example}」,然后重新起草;也可以直接在这里改写。"
        return f"事实文件中没有「{key}」:请在顶层(不缩进)加一行,如「{example}」,然后重新起草;也可以直接在这里改写。"
    figure = _figure_for(label, facts)
    if figure is not None:
        return (
            f"事实文件{_line(figure.line)}「项目: {figure.item}」还没有数值:请在它下面对齐写「数值: …」"
            f"{'(单位已写:' + figure.unit + ')' if figure.unit else ''},然后重新起草。"
        )
    area = _area_for(label, facts)
    if area is not None:
        return (
            f"事实文件{_line(area.line)}「领域: {area.topic}」下还没有「举措」:请写几条做了什么(每条以「- 」开头),"
            "然后重新起草;也可以直接在这里写。"
        )
    return "这里缺少事实文件中没有的内容:请直接在草稿中补写,或把它写进事实文件后重新起草。"


def _top_key(label: str) -> str | None:
    """The top-level key of the facts file that fills the hole 【待补充:label】 (标题, 导语, 单位…), if one does."""
    return _HOLE_KEYS.get(label) or next(
        (
            k
            for slot, k in _SLOT_KEYS.items()
            if re.split("[,\uff0c]", CONTEXT_SLOTS.get(slot, ""))[0] == label
        ),
        None,
    )


def placeholder_source(label: str, facts: Facts) -> tuple[str, int]:
    """Which entry of the facts file fills the hole 【待补充:label】, and its line: ("导语", 3), ("项目: 教师培训",
    57), ("领域: 学前教育", 40); the line is 0 when the key is not written yet, ("", 0) when no entry fills it."""
    key = _top_key(label)
    if key is not None:
        return key, facts.lines.get(key) or 0
    figure = _figure_for(label, facts)
    if figure is not None:
        return f"项目: {figure.item}", figure.line or 0
    area = _area_for(label, facts)
    if area is not None:
        return f"领域: {area.topic}", area.line or 0
    return "", 0


def _all_figures(facts: Facts) -> list[Figure]:
    found: list[Figure] = []
    stack = [f for a in facts.work + facts.plans for f in a.data]
    stack += [g for g in facts.goals if not isinstance(g, str)]
    while stack:
        fig = stack.pop(0)
        found.append(fig)
        stack.extend(fig.parts)
    return found


def _figure_for(label: str, facts: Facts) -> Figure | None:
    item = re.sub("[(\uff08][^()\uff08\uff09]*[)\uff09]$", "", label).strip()
    for fig in _all_figures(facts):
        if fig.value is None and item and fig.item.strip() == item:
            return fig
    return None


def _area_for(label: str, facts: Facts) -> Area | None:
    for area in facts.work + facts.plans:
        if area.topic and label.startswith(area.topic) and not area.measures:
            return area
    for area in facts.work + facts.plans:
        if area.topic and area.topic in label:
            return area
    return None


_PATH_PREFIX = re.compile("^\\s*[:\uff1a]?\\s*")


def _warning_text(warning: str, facts: Facts) -> str:
    path = str(getattr(facts, "path", "") or "")
    if path and warning.startswith(path):
        warning = _PATH_PREFIX.sub("", warning[len(path) :])
    return warning


def annotate(draft: Draft, facts: Facts) -> Draft:
    """Give every placeholder a note and place every warning that no note shows yet; returns the draft."""
    for block in draft.blocks:
        block.spans = [
            replace(s, comment=placeholder(_label(s.text), facts)) if s.placeholder and not s.comment else s
            for s in block.spans
        ]
    shown = "\n".join(draft.comments)
    for warning in draft.warnings:
        text = _warning_text(warning, facts)
        if text in shown:
            continue
        target = _block_for_warning(draft, text, facts)
        if target is None:
            continue
        target.comment = f"{target.comment}\n提示:{text}" if target.comment else f"提示:{text}"
        shown += "\n" + text
    return draft


def _label(text: str) -> str:
    label = placeholder_label(text)
    return label.strip() if label is not None else text


def _block_for_warning(draft: Draft, text: str, facts: Facts) -> Block | None:
    """The paragraph a warning concerns: the date for a date, the sentence naming its item, else the title."""
    if "成文日期" in text:
        dates = [b for b in draft.blocks if b.kind == "date"]
        if dates:
            return dates[-1]
    named = re.search(r"「([^」]+)」", text)
    if named:
        item = named.group(1)
        for block in draft.blocks:
            if block.kind == "paragraph" and item in block.text:
                return block
    titles = [b for b in draft.blocks if b.kind == "title"]
    return titles[0] if titles else (draft.blocks[0] if draft.blocks else None)


def comment_kinds(draft: Draft) -> dict[str, int]:
    """How many notes of each kind the draft carries (for the summary and the tests)."""
    counts = {"算出": 0, "待补充": 0, "提示": 0, "其中": 0, "评价": 0}
    for block in draft.blocks:
        for span in [Span("", comment=block.comment), *block.spans]:
            if not span.comment:
                continue
            if span.placeholder:
                counts["待补充"] += 1
            if "算出" in span.comment:
                counts["算出"] += 1
            if span.comment.startswith("这句评价的依据"):
                counts["评价"] += 1
            if span.comment.startswith("「其中」各项之和"):
                counts["其中"] += 1
            counts["提示"] += span.comment.count("提示:")
    return counts
