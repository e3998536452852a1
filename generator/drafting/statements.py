"""Sentences of a section: each measure with its own figures in one sentence, the rest aggregated, honours by winner.

A figure given under an area is attached to the measure it shares words with when exactly one measure does;
otherwise it joins the area's one figure sentence. What each sentence supports (a rise, a met target, an honour
from above, a zero of something bad) is kept, so that evaluation is written only where the data says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.drafting.model import Span, placeholder
from generator.drafting.select import Selector, _shipped, clean_end, user_text
from generator.drafting.wording import DIVISION_FRAME, ITEM_FRAME_PLAIN, Said, Wording, rules
from generator.facts.figures import format_number

if TYPE_CHECKING:
    from generator.facts.model import Figure, Honour, Measure

# Clause ends inside a measure: where a count may follow the words it counts (…开展专题学习研讨18场次).
_CLAUSE_END = ",,、;;。"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Support:
    """What a section's data supports (WRITING.md's evaluation table)."""

    rises: int = 0
    target_met: bool = False
    honour_above: bool = False
    good_zero: bool = False
    # What speaks against praise: a figure that went the wrong way (体质健康达标率下降), a target not reached.
    falls: int = 0
    flats: int = 0  # figures 与上年持平: no rise to praise, whatever else rose beside them
    target_missed: bool = False
    reasons: list[str] = field(default_factory=list)  # the data behind it, for the reviewer's comment
    risen: list[str] = field(default_factory=list)  # the items that rose, in the order told (what a rise close names)

    def add(self, said: Said) -> None:
        self.rises += said.rose
        self.falls += said.fell
        self.flats += said.flat
        self.target_met |= said.target_met
        self.target_missed |= said.target_missed
        self.good_zero |= said.good_zero
        if said.rose:
            self.risen.append(said.item)
        if said.rose or said.target_met or said.good_zero:
            self.reasons.append(clean_end(said.text))

    def honours_from_above(self, honours: Sequence[Honour], wording: Wording) -> None:
        """Note the honours granted from a level above the region's: each allows 工作得到上级肯定."""
        for honour in honours:
            if wording.from_above(honour):
                self.honour_above = True
                self.reasons.append(f"{honour.level or '上级'}荣誉「{honour.name}」")

    @property
    def any(self) -> bool:
        return bool(self.rises or self.target_met or self.honour_above or self.good_zero)


@dataclass
class Item:
    """One sentence of a section (no closing punctuation), the writer's words and what they support."""

    spans: list[Span] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)  # library entries it was worded with

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


# Words every section shares: they tie a figure to no measure in particular.
_COMMON = ("教育", "学校", "工作", "全县", "全市", "全区", "开展", "推进", "建设", "学生", "教师")


def attach(
    measures: Sequence[Measure], figures: Sequence[Figure], topic: str = ""
) -> tuple[dict[int, list[Figure]], list[Figure]]:
    """Area-level figures to the one measure each shares most words with (three word pairs at least, beyond the
    topic's own name and words every section has); the ambiguous ones stay apart, for the figure sentence."""
    attached: dict[int, list[Figure]] = {}
    apart: list[Figure] = []
    common = _bigrams(topic) | set(_COMMON)
    grams = [_bigrams(m.text) - common for m in measures]
    for fig in figures:
        own = _bigrams(fig.item) - common
        scores = sorted(((len(own & g), i) for i, g in enumerate(grams)), reverse=True)
        if scores and scores[0][0] >= 3 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
            attached.setdefault(scores[0][1], []).append(fig)
        else:
            apart.append(fig)
    return attached, apart


def _shared(measure: str, item: str) -> str:
    """The longest run of words an item repeats from its measure (at least four characters), else ""."""
    best = ""
    for i in range(len(item)):
        for j in range(len(item), i + max(len(best), 3), -1):
            piece = item[i:j]
            if len(piece) > len(best) and piece in measure:
                best = piece
                break
    return best if len(best) >= 4 else ""


class Statements:
    """Words one draft's sections: measures with their figures, the figure sentence, honours, leads, evaluation."""

    def __init__(
        self, select: Selector, context: Mapping[str, str], shorts: Mapping[str, str], wording: Wording
    ):
        self.select = select
        self.context = context
        self.shorts = shorts
        self.wording = wording

    # ------------------------------------------------------------------ plain values (goals)

    def value(self, fig: Figure) -> Span:
        """A figure's number with its unit, or a hole naming the item."""
        unit = user_text(fig.unit or "")
        if fig.value is None:
            return placeholder(f"{user_text(fig.item)}({unit})" if unit else user_text(fig.item))
        return Span(self.wording.value_text(fig))

    # ------------------------------------------------------------------ one measure

    def measure(self, measure: Measure, figures: Sequence[Figure], support: Support, *, plan: bool) -> Item:
        """The measure and its figures (and honours, and result) as one sentence."""
        self.wording.start_sentence()
        text = clean_end(user_text(measure.text))
        spans: list[Span] = []
        rest: list[Said] = []
        breaks: set[int] = set()
        labels = len(rules().compare_labels)
        head: list[Span] | None = None  # the measure with one figure folded into it
        folded_said: list[Said] = []
        for fig in figures:
            if len(self.wording.used_labels) >= labels:
                self.wording.start_sentence()
                breaks.add(len(rest))
            said = self._said(fig, plan)
            support.add(said)
            folded = self._fold(text, fig, said, plan) if head is None else None
            if folded is not None:
                head = folded
                folded_said.append(said)
            else:
                rest.append(_trim(said, text))
        spans.extend(head or [Span(text)])
        for index, said in enumerate(rest if breaks else self._aggregate(rest)):
            spans.append(Span("。" if index in breaks and index else ","))
            if index == 0 and _of_a_batch(text, said.item):
                # 新建、改扩建一批公办幼儿园,其中新建幼儿园6所: the figure counts part of the batch.
                spans.append(Span("其中"))
            spans.extend(said.spans)
        if measure.honours:
            support.honours_from_above(measure.honours, self.wording)
            spans.append(
                Span("," + clean_end(self.wording.honours(self._mine(measure.honours), unit=self.unit)))
            )
        if measure.result and clean_end(measure.result):
            spans.append(Span("," + clean_end(user_text(measure.result))))
        frames = [said.change_frame for said in folded_said if said.extra]
        frames += [f for said in rest for f in (said.item_frame, said.change_frame)]
        return Item(spans, uses=self._frame_ids(frames))

    def _frame_ids(self, frames: Sequence[str]) -> list[str]:
        """The mined figure frames (support >= 2) among those the words follow, each once."""
        # The bare frame ({{ 项目 }}{{ 数值 }}。: 受助学生6120人次) gives no word of its own: not counted.
        ids = (self.select.frame_id(f) for f in frames if f and f != ITEM_FRAME_PLAIN)
        return list(dict.fromkeys(i for i in ids if i))

    def _said(self, fig: Figure, plan: bool) -> Said:
        return self.wording.figure(_user_figure(fig), plan=plan)

    def _fold(self, text: str, fig: Figure, said: Said, plan: bool) -> list[Span] | None:
        """A figure whose item repeats the measure's words goes into the measure: 5个基层党组织完成换届,
        组织党员干部开展专题学习研讨18场次. None when it does not fold."""
        if fig.value is None or fig.value == 0 or fig.parts or plan:
            return None
        item = user_text(fig.item)
        shared = _shared(text, item)
        if not shared or len(shared) < len(item) - 2:
            return None
        value = self.wording.value_text(_user_figure(fig))
        at = text.find(shared)
        end = at + len(shared)
        if end == len(text) or text[end] in _CLAUSE_END:
            # The computed clauses keep their own spans (and notes) inside the measure.
            return [s for s in (Span(text[:end] + value), *said.tail, Span(text[end:])) if s.text]
        if at == 0 and not fig.written and not fig.after_unit and not said.extra:
            return [Span(value + text)]
        return None

    # ------------------------------------------------------------------ the rest

    def figures(
        self,
        figures: Sequence[Figure],
        support: Support,
        *,
        plan: bool,
        scope: bool = True,
        overview: bool = False,
    ) -> Item:
        """Figures of no one measure, aggregated into one sentence: 全县新建幼儿园6所、新增学位1620个,…"""
        self.wording.start_sentence()
        spans: list[Span] = []
        frames: list[str] = []
        runs = self._sentences(figures, support, plan)
        for index, run in enumerate(runs):
            if index:
                spans.append(Span("。"))
            for n, one in enumerate(self._aggregate(run)):
                if n:
                    spans.append(Span(","))
                spans.extend(one.spans)
        if not plan:
            frames = [f for run in runs for said in run for f in (said.item_frame, said.change_frame)]
        if plan and spans and not spans[0].placeholder and not spans[0].text.startswith("力争"):
            spans.insert(0, Span("计划"))
        if scope and spans and not plan:
            first = spans[0].text
            if (
                not first.startswith(("全", "我", self.context.get("地区", "\ue000"), "共"))
                and not spans[0].placeholder
            ):
                # The whole system's figures: 全县共有各级各类学校126所 (a count of what there is), else 全县新建….
                has = "共有" if overview and not first.startswith(rules().verbs) else ""
                spans.insert(0, Span(f"全{self.context.get('区划', '')}{has}"))
                if not has and runs[0] and runs[0][0].item_frame == ITEM_FRAME_PLAIN:
                    # 全县发放各类资助资金865.4万元: the division frame, not the bare one.
                    frames[0] = DIVISION_FRAME
        return Item(spans, uses=self._frame_ids(frames))

    def _sentences(self, figures: Sequence[Figure], support: Support, plan: bool) -> list[list[Said]]:
        """The figures' clauses, a new sentence each time 比上年/较上年/同比 have all been said in the current one."""
        runs: list[list[Said]] = [[]]
        labels = len(rules().compare_labels)
        for fig in figures:
            if len(self.wording.used_labels) >= labels and runs[-1]:
                self.wording.start_sentence()
                runs.append([])
            one = self._said(fig, plan)
            support.add(one)
            runs[-1].append(one)
        return runs

    def _aggregate(self, said: list[Said]) -> list[Said]:
        """Consecutive figures of one subject share it: 特殊教育学校招收学生5名、安排教师3名."""
        out: list[Said] = []
        for one in said:
            prev = out[-1] if out else None
            if prev is not None and prev.item and one.item and "," not in prev.text and "," not in one.text:
                common = _common_prefix(prev.item, one.item)
                if (
                    len(common) >= 3
                    and one.text.startswith(common)
                    and not any(s.placeholder for s in one.spans)
                ):
                    prev.spans = prev.spans + [Span("、" + one.text[len(common) :])]
                    continue
            out.append(one)
        return out

    def honours(self, honours: Sequence[Honour], support: Support, *, overview: bool = False, topic: str = "") -> Item:
        """The honours as a sentence by winner; titles with no winner may take the writer's own honour pattern."""
        support.honours_from_above(honours, self.wording)
        mine = self._mine(honours)
        if mine and not any(h.winner or h.count for h in mine):
            # A pattern from the writer's own library (kind honour) words them as they like.
            titles = "".join(f"“{h.name}”" for h in mine)
            values = dict(self.context, 主题=self.shorts.get(topic, topic or "综合"), 荣誉=titles)
            exact = {"荣誉"}
            if len(mine) > 1:
                values["个数"] = str(len(mine))
                exact.add("个数")
            own = [p for p in self.select.candidates("honour", values, purpose="overview" if overview else "area", exact=exact)
                   if not _shipped(p)]
            if own:
                phrase = self.select.choose(own)
                return Item([*self.select.render(phrase.text, values, phrase)], uses=[phrase.id])
        text = clean_end(
            self.wording.honours(mine, unit=self.unit, overview=overview, region=self.context.get("地区", ""))
        )
        return Item([Span(text)] if text else [])

    @property
    def unit(self) -> str:
        return self.context.get("单位", "")

    @staticmethod
    def _mine(honours: Sequence[Honour]) -> list[Honour]:
        from dataclasses import replace

        return [
            replace(h, name=user_text(h.name), winner=user_text(h.winner), count=user_text(h.count))
            for h in honours
        ]


def _trim(said: Said, measure: str) -> Said:
    """A figure clause does not say its measure's words again: 开展校园安全隐患排查整治,排查整改隐患317处."""
    from generator.taxonomy.topics import term_grams

    first = said.spans[0] if said.spans else None
    if first is None or first.placeholder or not said.item:
        return said
    run = _shared(measure, said.item)
    if not run or run[:4] in term_grams() and len(run) == 4 or run not in first.text:
        return said
    # Only after the item's own verb (排查整改|安全隐患 → 排查整改隐患); a noun item keeps its words whole.
    verb = said.item[: said.item.find(run)]
    if not verb or not verb.startswith(rules().verbs):
        return said
    said.spans = [Span(first.text.replace(run, run[-2:], 1)), *said.spans[1:]]
    return said


_BATCH = ("一批", "若干", "一些", "多所", "多个")


def _of_a_batch(text: str, item: str) -> bool:
    """Whether the measure speaks of a batch (一批公办幼儿园) of what the figure counts (幼儿园)."""
    for word in _BATCH:
        at = text.find(word)
        if at >= 0 and len(item) >= 2 and item[-2:] in text[at:]:
            return True
    return False


def _user_figure(fig: Figure) -> Figure:
    from dataclasses import replace

    return replace(fig, item=user_text(fig.item), unit=user_text(fig.unit or ""))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def number_text(fig: Figure) -> str:
    """The plain number of a figure (for messages)."""
    return format_number(fig.value) if fig.value is not None else ""
