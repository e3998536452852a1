"""Figures and honours in the writer's words: the verb a figure takes, its change said once, zeros, honours by winner.

The wording rules are data (templates/wording.yaml); this module applies them. Nothing here adds a fact: every
number is the writer's or computed from theirs, every name is theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.drafting import notes
from generator.drafting.model import Span
from generator.errors import TemplateError
from generator.facts.figures import format_number, is_percent_unit, to_decimal

if TYPE_CHECKING:
    from generator.facts.model import Figure, Honour

# Units a change is best told as a rate in (money), and bases large enough that a rate tells more than an amount.
_MONEY = ("元", "万元", "亿元", "千元")
_RATE_BASE = Decimal(100)
FLAT = "与上年持平"  # a figure that neither rose nor fell against last year
_LEVEL_RANK = {"国家级": 4, "省级": 3, "市级": 2, "县级": 1}
_REGION_RANK = {"省": 3, "市": 2, "州": 2, "盟": 2, "县": 1, "区": 1, "旗": 1}
_PEOPLE = (
    "教师",
    "学生",
    "校长",
    "班主任",
    "个人",
    "同志",
    "干部",
    "幼儿",
    "党员",
    "教练员",
    "辅导员",
    "工作者",
)
_SCHOOLS = ("学校", "幼儿园", "中学", "小学", "学院", "中心", "园", "校")


@dataclass(frozen=True)
class _Rules:
    verbs: tuple[str, ...]
    people: tuple[str, ...]
    inverted_verbs: tuple[str, ...]
    rates: tuple[str, ...]
    fewer_is_better: tuple[str, ...]
    quiet_when_fewer: tuple[str, ...]
    zero: tuple[tuple[tuple[str, ...], str], ...]
    compare_labels: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The wording table (templates/wording.yaml), checked once."""
    path = template_path("wording.yaml")
    data = load_table(path, "数字写法表")
    if not isinstance(data, dict):
        raise TemplateError("数字写法表应当是一组「键: 值」", path=path, hint="请重新安装 zongjie")
    lists: dict[str, tuple[str, ...]] = {}
    for key in (
        "verbs",
        "people",
        "inverted_verbs",
        "rates",
        "fewer_is_better",
        "quiet_when_fewer",
        "compare_labels",
    ):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise TemplateError(f"数字写法表的 {key} 应当是文字列表", path=path, hint="请重新安装 zongjie")
        lists[key] = tuple(value)
    zero = []
    for entry in data.get("zero") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise TemplateError(
                "数字写法表 zero 的每项应有 words 和 text", path=path, hint="请重新安装 zongjie"
            )
        zero.append((tuple(str(w) for w in entry.get("words") or ()), entry["text"]))
    # Longest verb first: 改扩建 before 改建.
    lists["verbs"] = tuple(sorted(lists["verbs"], key=len, reverse=True))
    return _Rules(zero=tuple(zero), **lists)


def _has(item: str, words: Sequence[str]) -> str:
    return next((w for w in words if w in item), "")


def fewer_is_better(item: str) -> bool:
    """Whether less of this is success (大班额, 辍学, 事故, 投诉)."""
    return bool(_has(item, rules().fewer_is_better))


def is_rate_item(item: str, unit: str) -> bool:
    return is_percent_unit(unit) or bool(_has(item, rules().rates)) and unit in ("", "%")


# Figure frames as the library writes them (mining/stock.py _figure_frames, _change_frames).
ITEM_FRAME_REACH = "{{ 项目 }}达{{ 数值 }}。"
ITEM_FRAME_PLAIN = "{{ 项目 }}{{ 数值 }}。"
ITEM_FRAME_KEPT = "{{ 项目 }}保持在{{ 数值 }}。"  # 巩固率保持在99%以上
DIVISION_FRAME = "全{{ 区划 }}{{ 项目 }}{{ 数值 }}。"
_CHANGE_VERBS = ("增加", "增长", "提高", "减少", "下降")


def change_frame(change: str) -> str:
    """The frame of a change clause: 比上年增加2所 → 比上年增加{{ 数值 }}; "" for 与上年持平 and the like."""
    for label in rules().compare_labels:
        if change.startswith(label):
            verb = change[len(label) : len(label) + 2]
            return f"{label}{verb}{{{{ 数值 }}}}" if verb in _CHANGE_VERBS else ""
    return ""


@dataclass
class Said:
    """A figure's clause and what it supports: a rise in the good direction, a met target, a good zero."""

    spans: list[Span]
    rose: bool = False
    fell: bool = False
    flat: bool = False  # 与上年持平: neither a rise nor a fall, but no evidence of improvement either
    target_met: bool = False
    target_missed: bool = False  # a target given and not reached (完成全年目标的90%)
    good_zero: bool = False
    item: str = ""
    subject: str = ""  # the item when it leads the clause (覆盖率达88.5%), "" when a verb leads (培训教师…)
    extra: str = ""  # what follows the value: the change and the target clauses (",比上年增加2所")
    tail: list[Span] = field(default_factory=list)  # the same as spans, each computed clause with its note
    # The figure frames its words follow, as the library writes them: the item's ({{ 项目 }}达{{ 数值 }}。) and the
    # change's (同比增长{{ 数值 }}); the composer counts the mined ones among them as library entries.
    item_frame: str = ""
    change_frame: str = ""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Wording:
    """Words one draft's figures and honours; it rotates 比上年/较上年/同比 across the draft.

    ``period`` is 全年 or 上半年… (for zeros: 全年未发生…); ``target_label`` is 年度目标 or 全年目标.
    """

    decimals: int = 1
    period: str = "全年"
    target_label: str = "年度目标"
    region_suffix: str = "县"
    label_turn: int = 0
    used_labels: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ numbers

    def value_text(self, fig: Figure) -> str:
        """The value with its unit as the writer wrote it: 6所, 近500亩, 2300余台, 99%以上, 约1.2万人."""
        shown = fig.written or format_number(fig.value if fig.value is not None else 0)
        return f"{shown}{fig.unit}{fig.after_unit}"

    def rate(self, d: Decimal) -> str:
        """A computed percentage: half-up to the profile's decimals, trailing zeros dropped, integers stay."""
        step = Decimal(1).scaleb(-self.decimals)
        q = d.quantize(step, rounding=ROUND_HALF_UP)
        return format_number(q.normalize() if q != q.to_integral_value() else q.to_integral_value())

    def start_sentence(self) -> None:
        """A new sentence: the comparison labels used so far no longer count as repeated."""
        self.used_labels = []

    def _label(self) -> str:
        labels = rules().compare_labels
        for step in range(len(labels)):
            label = labels[(self.label_turn + step) % len(labels)]
            if label not in self.used_labels:
                self.label_turn = (self.label_turn + step + 1) % len(labels)
                self.used_labels.append(label)
                return label
        return ""  # three changes in one sentence already: the caller starts a new sentence

    # ------------------------------------------------------------------ one figure

    def change(self, fig: Figure) -> tuple[str, bool, bool]:
        """The change against last year, said once (amount or rate, whichever tells more), by direction and meaning.

        Returns (clause, rose in the good direction, fell in the bad direction); "" when there is nothing to say
        (no previous value, an approximate value, or a decrease of money the writer did not ask to be told).
        """
        if fig.value is None or fig.previous is None or fig.approximate or "previous" in fig.inexact:
            return "", False, False
        v, p = to_decimal(fig.value), to_decimal(fig.previous)
        diff = v - p
        better_fewer = fewer_is_better(fig.item)
        if diff == 0:
            return FLAT, False, False
        good = (diff < 0) if better_fewer else (diff > 0)
        if (
            diff < 0
            and not better_fewer
            and fig.stated_growth is None
            and _has(fig.item, rules().quiet_when_fewer)
        ):
            return "", False, False
        label = self._label()
        if not label:
            return "", good, not good
        unit = fig.unit
        if is_percent_unit(unit):
            verb = "提高" if diff > 0 else "下降"
            return f"{label}{verb}{format_number(abs(diff))}个百分点", good, not good
        rate_verb = "增长" if diff > 0 else "下降"
        use_rate = p > 0 and (unit in _MONEY or p >= _RATE_BASE)
        if use_rate:
            shown = self.rate(abs(diff) / p * 100)
            if shown != "0":
                return f"{label}{rate_verb}{shown}%", good, not good
        verb = "增加" if diff > 0 else "减少"
        return f"{label}{verb}{format_number(abs(diff))}{unit}", good, not good

    def completion(self, fig: Figure) -> tuple[str, bool]:
        """The figure against its target: 超额完成年度目标 / 完成年度目标 / 完成全年目标的90% / 高于目标1.6个百分点."""
        if fig.value is None or fig.target is None or fig.approximate or "target" in fig.inexact:
            return "", False
        v, t = to_decimal(fig.value), to_decimal(fig.target)
        better_fewer = fewer_is_better(fig.item)
        met = v <= t if better_fewer else v >= t
        if is_percent_unit(fig.unit):
            if v == t:
                return f"达到{self.target_label}", True
            side = "高于" if v > t else "低于"
            return f"{side}目标{format_number(abs(v - t))}个百分点", met
        if v == t:
            return f"完成{self.target_label}", True
        if met:
            return f"超额完成{self.target_label}", True
        if t <= 0 or better_fewer:
            return "", False
        return f"完成{self.target_label}的{self.rate(v / t * 100)}%", False

    def zero(self, item: str) -> str:
        """A zero as the genre says it: 实现零辍学, 全年未发生重大安全责任事故, 大班额全部消除."""
        for words, text in rules().zero:
            hit = _has(item, words) if words else ""
            if words and not hit:
                continue
            before = item.split(hit, 1)[0] if hit else ""
            return text.format(前=before, 项目=item, 期间=self.period)
        return f"{item}实现清零"

    def phrase(self, fig: Figure, item: str | None = None) -> tuple[str, str]:
        """The item and value joined by the verb the figure's meaning takes; (subject, rest) for aggregation.

        Actions take the number straight after them (新建幼儿园6所, 组织专题学习研讨18场次); people before an
        action are turned round (教师培训 → 培训教师3200人次); rates and levels take 达 (覆盖率达88.5%), or
        保持在…以上; other nouns are followed by the number (受助学生6120人次). Never 达到0, never 为5名.
        """
        item = item if item is not None else fig.item
        value = self.value_text(fig)
        turned = self.inverted(item)
        if turned:
            return "", f"{turned}{value}"
        if is_rate_item(item, fig.unit):
            if fig.after_unit == "以上":
                return item, f"保持在{value}"
            if fig.written or fig.previous is not None and fig.value is not None and fig.value < fig.previous:
                return item, value
            return item, f"达{value}"
        return item, value

    @staticmethod
    def inverted(item: str) -> str:
        """People before their action, turned round as the genre writes it: 教师培训 → 培训教师; else ""."""
        r = rules()
        for person in sorted(r.people, key=len, reverse=True):
            if item.startswith(person):
                rest = item[len(person) :]
                return f"{rest}{person}" if rest in r.inverted_verbs else ""
        return ""

    def figure(self, fig: Figure, *, plan: bool = False) -> Said:
        """One figure as a clause (no closing punctuation): its verb, value, change, target and parts."""
        item = fig.item.strip()
        if fig.value is None:
            unit = fig.unit
            hole = f"{item}({unit})" if unit else item
            lead = self.inverted(item) or item
            return Said([Span(lead), Span(f"【待补充:{hole}】", placeholder=True)], item=item)
        if fig.value == 0 and not is_percent_unit(fig.unit) and not fig.written and not plan:
            text = self.zero(item)
            return Said([Span(text)], good_zero=fewer_is_better(item), item=item)
        subject, rest = self.phrase(fig, item)
        text = subject + rest
        said = Said([Span(text)], item=item, subject=subject)
        value = self.value_text(fig)
        if subject and rest == f"达{value}":
            said.item_frame = ITEM_FRAME_REACH
        elif subject and rest == f"保持在{value}":
            said.item_frame = ITEM_FRAME_KEPT
        elif subject and rest == value:
            said.item_frame = ITEM_FRAME_PLAIN
        if plan:
            said.item_frame = ""  # a plan's figure is a target (力争……达到), no frame of what was done
            if is_rate_item(item, fig.unit):
                said.spans = [Span(f"力争{item}达到{self.value_text(fig)}")]
            return said
        # Each computed clause is its own span carrying how it was computed (a Word comment in the .docx).
        clauses: list[Span] = []
        change, rose, fell = self.change(fig)
        if change:
            clauses.append(Span(change, comment=notes.computed(fig, change)))
            said.change_frame = change_frame(change)
        done, met = self.completion(fig)
        if done:
            clauses.append(Span(done, comment=notes.computed(fig, done, against="目标")))
        said.rose, said.fell, said.target_met = rose, fell, met
        said.flat = change == FLAT
        said.target_missed = bool(done) and not met
        said.extra = "".join("," + c.text for c in clauses)
        tail: list[Span] = [piece for c in clauses for piece in (Span(","), c)]
        said.tail = tail
        if fig.parts:
            parts = []
            for part in fig.parts:
                unit = part.unit or fig.unit
                if part.value is None:
                    hole = f"{part.item}({unit})" if unit else part.item
                    parts.append([Span(part.item), Span(f"【待补充:{hole}】", placeholder=True)])
                else:
                    shown = part.written or format_number(part.value)
                    parts.append([Span(f"{part.item}{shown}{unit}{part.after_unit}")])
            spans = [Span(text), *tail, Span(",其中", comment=notes.parts(fig))]
            for index, p in enumerate(parts):
                if index:
                    spans.append(Span("、"))
                spans.extend(p)
            said.spans = spans
            return said
        said.spans = [Span(text), *tail]
        return said

    def figures(self, figs: Sequence[Figure], *, plan: bool = False) -> list[Said]:
        """Several figures' clauses; figures of one subject share it (特殊教育学校招收学生5名、安排教师3名)."""
        said = [self.figure(f, plan=plan) for f in figs]
        return said

    # ------------------------------------------------------------------ honours

    def from_above(self, honour: Honour) -> bool:
        """An honour from a level above the region's (a 省级 one for a county bureau)."""
        rank = _LEVEL_RANK.get(honour.level, 0)
        return rank > _REGION_RANK.get(self.region_suffix, 1)

    def honours(self, honours: Sequence[Honour], *, unit: str, overview: bool = False, region: str = "") -> str:
        """The honours as a sentence, by winner: 县教育局被评为“…”;县实验小学获评“…”“…”;6名教师获评“…”.

        With several honours in the overview, a count by level leads: 全县教育系统共获省级荣誉2项、市级荣誉1项:….
        Titles are in “ ” with nothing between consecutive ones (GB/T 15834); never a verb inside the quotes.
        An honour without a winner is the system's (docs/facts.md): a region's title (……示范区, ……创建市) is the
        region's, 云溪市获评“…”, never credited to the bureau; several without winners are 全县教育系统's.
        """
        honours = [h for h in honours if h.name.strip()]
        if not honours:
            return ""
        # The higher level is said first, as the tally says it (国家级 before 省级); the writer's order within a level.
        honours = sorted(honours, key=lambda h: -_LEVEL_RANK.get(h.level, 0))
        groups: dict[tuple[str, str], list[Honour]] = {}
        for h in honours:
            winner = h.winner.strip()
            if not winner and not h.count.strip() and region and _region_title(h.name):
                winner = region
            groups.setdefault((winner, h.count.strip()), []).append(h)
        parts = []
        for (winner, count), items in groups.items():
            titles = "".join(f"“{_nested(h.name.strip())}”" for h in items)
            many = "先后" if len(items) > 1 else ""
            if not winner and not count:
                parts.append(f"{unit}{many}被评为{titles}" if overview else f"{many}获评{titles}")
            elif count:
                who = winner or "个人"
                # 6名 + 教师, 3所 + 学校: the count goes before the winner it counts.
                if count[-1:].isdigit():
                    word = (
                        "名"
                        if any(p in who for p in _PEOPLE)
                        else "所"
                        if any(s in who for s in _SCHOOLS)
                        else "个"
                    )
                    count += word
                person = next((p for p in _PEOPLE if who.endswith(p) and len(who) > len(p)), "")
                if person:  # 云溪市第一中学教师 + 1名 → 云溪市第一中学1名教师
                    parts.append(f"{who[: -len(person)]}{count}{person}{many}获评{titles}")
                else:
                    parts.append(f"{count}{who}{many}获评{titles}")
            elif winner in (unit, "本局", "我局", "局机关"):
                parts.append(f"{unit}{many}被评为{titles}")
            else:
                parts.append(f"{winner}{many}获评{titles}")
        body = ";".join(parts)
        levels = [h.level for h in honours]
        if overview and len(honours) >= 2 and all(levels):
            counts = {lv: levels.count(lv) for lv in _LEVEL_RANK if lv in levels}
            if len(counts) > 1 and set(counts.values()) == {1}:
                tally = "、".join(counts) + "荣誉各1项"
            else:
                tally = "、".join(f"{lv}荣誉{n}项" for lv, n in counts.items())
            if not any(h.winner or h.count for h in honours):
                titles = "".join(f"“{_nested(h.name.strip())}”" for h in honours)
                who = f"全{self.region_suffix}教育系统" if any(_region_title(h.name) for h in honours) else unit
                return f"{who}先后获得{tally}:{titles}。"
            return f"全{self.region_suffix}教育系统共获{tally}:{body}。"
        return body + "。"


def _region_title(title: str) -> bool:
    """A title given to a region, not to a bureau: 全国青少年校园足球特色区, 全省……先行创建市, ……创新县."""
    return title.strip().rstrip("”’\"")[-1:] in ("省", "市", "县", "区")


def _nested(title: str) -> str:
    """Quotation marks inside a quoted title become single ones (GB/T 15834): “全国‘最美教师’”."""
    return title.replace("\u201c", "\u2018").replace("\u201d", "\u2019").replace('"', "")
