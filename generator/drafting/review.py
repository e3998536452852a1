"""How last year's plans were carried out (the facts' 「计划回顾」): one paragraph after the opening.

「对照年初确定的工作计划,5项重点任务中已完成3项、部分完成1项、未完成1项。其中,提升学前教育质量部分完成(……);
加强教师队伍建设尚未完成(……)。」 Every plan and note is the writer's; only the counting and the joining are ours.
An item the writer has not answered is a visible placeholder, never a guess.
"""

from __future__ import annotations

import re

from generator.drafting.select import Para, clean_end, user_text
from generator.facts.model import Facts, PlanReview

# A plan is named by its first clause: 「推进义务教育优质均衡。启动新一轮……」 → 推进义务教育优质均衡.
_FIRST_CLAUSE = re.compile(r"^[^。;；,，:：!?！？]+")


def plan_name(review: PlanReview) -> str:
    found = _FIRST_CLAUSE.match(review.plan.strip())
    return clean_end(user_text(found.group(0) if found else review.plan))


def review_paragraph(facts: Facts) -> Para:
    """The paragraph on last year's plans; empty when the facts hold no 「计划回顾」."""
    para = Para()
    reviews = facts.plan_review
    if not reviews:
        return para
    basis = "对照上半年确定的下半年工作打算" if facts.half == "下半年" else "对照年初确定的工作计划"
    answered = [r for r in reviews if r.status]
    counts = {
        status: sum(1 for r in answered if r.status == status) for status in ("已完成", "部分完成", "未完成")
    }
    para.add(f"{basis},{len(reviews)}项重点任务中")
    if len(answered) == len(reviews) and counts["已完成"] == len(reviews):
        para.add("已全部完成")
    else:
        told = [f"{status}{n}项" for status, n in counts.items() if n]
        para.add("" if not told else "、".join(told))
        if len(answered) < len(reviews):
            para.add("," if told else "")
            para.add(f"【待补充:{len(reviews) - len(answered)}项计划的完成情况】", placeholder=True)
    para.add("。")
    open_items = [r for r in answered if r.status != "已完成"]
    if open_items:
        clauses = []
        for review in open_items:
            state = "部分完成" if review.status == "部分完成" else "尚未完成"
            note = f"({clean_end(user_text(review.note))})" if review.note and clean_end(review.note) else ""
            clauses.append(f"{plan_name(review)}{state}{note}")
        para.add("其中," + ";".join(clauses) + "。")
    done_notes = [r for r in answered if r.status == "已完成" and r.note and clean_end(r.note)]
    if done_notes:
        para.add(
            ";".join(f"{plan_name(r)}已完成,{clean_end(user_text(r.note or ''))}" for r in done_notes) + "。"
        )
    return para
