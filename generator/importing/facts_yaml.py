"""This year's facts file from last year's report: commented YAML, every figure a 数据 entry with 上年 and an empty 数值."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from generator.corpus.figures import Mention
from generator.importing.report import Area, LastYear, PlanItem
from generator.taxonomy.kinds import find_kind

# The answers the 计划回顾 checklist takes (facts/model.py holds the same list for checking).
STATUSES = "已完成、部分完成、未完成"
_MARKS = re.compile(r"〖(?:缺|疑:(\d+)|([^〗]*))〗")
# Characters that make a plain YAML scalar mean something else when they open it.
_YAML_OPENERS = tuple("-?:,[]{}#&*!|>'\"%@`")


def unmark(text: str) -> str:
    """The text without the cleaner's marks: a hole goes, a suspicious number and a placeholder stay as written."""
    return _MARKS.sub(lambda m: m.group(1) or m.group(2) or "", text)


def scalar(text: str) -> str:
    """A YAML scalar for a line of text: plain when YAML reads it back unchanged, else double-quoted."""
    text = " ".join(unmark(text).split())
    risky = (
        not text
        or text.startswith(_YAML_OPENERS)
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or text.lower() in ("yes", "no", "true", "false", "null", "on", "off", "~")
        or re.fullmatch(r"[-+.\d_:eE]+", text) is not None
    )
    return json.dumps(text, ensure_ascii=False) if risky else text


def comment(text: str, indent: str, label: str = "去年:") -> str:
    """A comment line quoting last year's text (one line, whatever its length)."""
    return f"{indent}# {label}{' '.join(unmark(text).split())}\n"


def _number(value: Decimal) -> str:
    return format(value, "f") if value != value.to_integral_value() else str(int(value))


def next_period(report: LastYear) -> tuple[int | None, str | None]:
    """This year's 年度 and 半年: the half after last year's half, or the year after last year's."""
    if report.year is None:
        return None, None
    if report.half == "上半年":
        return report.year, "下半年"
    if report.half == "下半年":
        return report.year + 1, "上半年"
    return report.year + 1, None


def facts_yaml(report: LastYear, kind: str, source: str | Path) -> str:
    """The commented facts file a writer fills in: last year's areas, figures, problems and plans."""
    spec = find_kind(kind)
    year, half = next_period(report)
    if spec is not None and spec.id != "half_year":
        half = None
    elif spec is not None and half is None:
        half = "上半年"
    name = Path(source).name
    out: list[str] = [
        f"# 事实文件:{kind}(由 zongjie import 从去年的材料「{name}」生成)\n",
        f"# 去年材料的标题:{unmark(report.title) or '(没有标题)'}\n",
        "# 怎么用:\n",
        "#   · 「数据」中每条的「上年」是去年材料里的数,「数值」空着:请填上今年的数(不知道的先空着,\n",
        "#     草稿中会留下【待补充】)。zongjie check 本文件 会列出还没有填「数值」的条目。\n",
        "#   · 以「# 去年:」开头的注释是去年材料的原句,供参考:要写进今年的,请改写后写到「举措」「荣誉」「问题」里。\n",
        f"#   · 「计划回顾」逐条回答去年的计划落实得怎样({STATUSES}),草稿会据此写一段去年计划的落实情况。\n",
        "#   · 缩进请用空格,键和值之间用英文冒号加一个空格;完整说明见 docs/facts.md。然后运行:\n",
        "#       zongjie check 本文件                  检查\n",
        "#       zongjie generate 本文件 -o 草稿.docx   起草\n",
        "\n",
        f"类型: {kind}\n",
    ]
    if report.unit:
        out.append(f"单位: {scalar(report.unit)}\n")
    else:
        out.append("# 行文单位全称(必填):去年的材料里没有写全,请填写,如 青山县教育局\n单位:\n")
    if report.region:
        out.append(f"地区: {scalar(report.region)}\n")
    else:
        out.append("# 辖区名称(必填),如 青山县\n地区:\n")
    if year is not None:
        out.append(
            f"# 去年的材料写的是 {report.year} 年{report.half or ''};这一份是它的下一期\n年度: {year}\n"
        )
    else:
        out.append("# 年度(必填):去年的材料里没有找到年份,请填写四位数的年份\n年度:\n")
    if spec is not None and spec.id == "half_year":
        out.append(f"半年: {half}\n")
    if spec is not None and spec.id == "campaign_stage":
        out.append("# 活动名称(必填),如 作风建设年活动\n活动名称:\n")
    out.append(f"上级: {scalar(report.superior)}\n" if report.superior else "上级:\n")
    if report.theme:
        out.append(
            f"# 去年的工作主线是「{report.theme}」,今年的不同请改写\n工作主线: {scalar(report.theme)}\n"
        )
    else:
        out.append("工作主线:\n")
    out.extend(["标题:\n", "成文日期:\n", "署名:\n", "导语:\n", "结尾:\n"])
    out.append("# 全局荣誉(可不填),每项一行,以「- 」开头\n")
    for sentence in report.honours:
        out.append(comment(sentence, ""))
    out.append("荣誉:\n")
    if report.overview:
        out.append("# 去年导语中的总数(供参考):\n")
        for mention in report.overview:
            out.append(comment(mention.sentence, ""))
    out.append("\n# 各方面工作:一项是去年材料的一节(顺序同去年),「领域」已按主题分类归好,可以改。\n工作:\n")
    for area in report.areas:
        out.append(_area(area))
    out.append("\n# 存在的不足(可不填),每条一行,以「- 」开头。去年写的是:\n")
    for problem in report.problems:
        out.append(comment(problem, ""))
    out.append("问题:\n")
    if report.plans:
        out.append(_review(report.plans))
    if spec is not None and spec.has_plans:
        out.append(
            "\n# 下一步的工作计划(建议填写),写法同「工作」:每项以「- 领域:」开头,下面写「举措」。\n计划:\n"
        )
        if spec.id == "annual_with_plan":
            if report.approach:
                out.append("\n# 去年的总体思路:\n" + comment(report.approach, ""))
            out.append("总体思路:\n主要目标:\n")
    return "".join(out)


def _area(area: Area) -> str:
    where = f"(在「{unmark(area.parent)}」下)" if area.parent else ""
    lines = [
        f"\n  # 去年的一节:{unmark(area.heading)}{where}\n",
        f"  - 领域: {scalar(area.topic)}\n",
        *(
            [f"    # 去年的一级标题,相邻几项写同一个「板块」就归在它下面(不要可删):\n    板块: {scalar(area.group)}\n"]
            if area.group
            else []
        ),
        f"    # 去年的小标题「{unmark(area.title)}」;要沿用就填在「标题」后面\n",
        "    标题:\n",
    ]
    if area.measures:
        lines.append("    # 去年的举措(改写后写进「举措」,每条一行,以「- 」开头;用不上的注释可以删掉):\n")
        lines.extend(comment(m, "    ") for m in area.measures)
    lines.append("    举措:\n")
    if area.mentions or area.missing:
        lines.append("    数据:\n")
        said = ""
        for mention in area.mentions:
            lines.append(_figure(mention, "      ", said=said))
            said = mention.sentence
        for mention in area.missing:
            if mention.sentence != said:
                lines.append(comment(mention.sentence, "      "))
            said = mention.sentence
            lines.append("      # 去年材料中这个数缺失(原文此处被删去),请查到后填写「上年」\n")
            lines.append(f"      - 项目: {scalar(mention.item)}\n        数值:\n")
            lines.append(f"        单位: {scalar(mention.quantity.full_unit)}\n        上年:\n")
    if area.honours:
        lines.append("    # 去年的荣誉(今年的请写在「荣誉」下,每项一行):\n")
        lines.extend(comment(h, "    ") for h in area.honours)
    return "".join(lines)


def _figure(mention: Mention, indent: str, owner: Mention | None = None, said: str = "") -> str:
    """One 数据 entry; its sentence is quoted above it unless the entry before quoted the same one."""
    part = owner is not None
    q = mention.quantity
    lines = [] if part or mention.sentence == said else [comment(mention.sentence, indent)]
    year_before = mention.year_before()
    if year_before is not None and mention.change is not None:
        verb = "减少" if mention.change_down else "增加"
        lines.append(
            f"{indent}# 去年材料写了比{mention.label}{verb}{mention.change.written(scale=False)}{mention.change.full_unit},"
            f"由此算出去年材料中的{mention.label}为 {_number(year_before)}{mention.unit}\n"
        )
    elif mention.rate is not None:
        verb = "下降" if mention.rate_down else ("提高" if mention.rate.unit != "%" else "增长")
        lines.append(
            f"{indent}# 去年材料写了比{mention.label}{verb}{mention.rate.written()}{mention.rate.full_unit}\n"
        )
    elif mention.previous is not None:
        lines.append(
            f"{indent}# 去年材料写了它的上年为 {mention.previous.written()}{mention.previous.full_unit}\n"
        )
    if q.approximate:
        lines.append(f"{indent}# 去年的数是约数「{q.text}」:草稿不会据此计算增减\n")
    lines.append(f"{indent}- 项目: {scalar(mention.item)}\n")
    lines.append(f"{indent}  数值:\n")
    if q.full_unit and (owner is None or owner.unit != q.full_unit):
        lines.append(f"{indent}  单位: {scalar(q.full_unit)}\n")
    # An approximate value keeps its qualifier (上年: 800余): the schema reads it and computes no change from it.
    lines.append(f"{indent}  上年: {scalar(q.written(scale=False)) if q.approximate else _number(q.value)}\n")
    if mention.parts and not part:
        lines.append(f"{indent}  其中:\n")
        for sub in mention.parts:
            lines.append(_figure(sub, indent + "    ", owner=mention))
    return "".join(lines)


def _review(plans: list[PlanItem]) -> str:
    lines = [
        "\n# 去年的计划逐条回顾:「完成情况」写 " + STATUSES + ";「说明」写进展、数字或原因(可不填)。\n",
        "# 草稿会据此写一段去年计划的落实情况;不想写进草稿的条目可以整条删掉。\n",
        "计划回顾:\n",
    ]
    group = None
    for plan in plans:
        if plan.group != group and plan.group:
            lines.append(f"  # {unmark(plan.group)}\n")
        group = plan.group
        lines.append(f"  - 计划: {scalar(plan.text)}\n")
        lines.append("    完成情况:\n")
        lines.append("    说明:\n")
    return "".join(lines)
