"""The facts a draft is made of: the typed Facts, Area and Figure, and the tables of keys and limits of the facts file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from generator.taxonomy.kinds import load_kinds

# The kinds of report come from templates/kinds.yaml through generator.taxonomy.kinds, read on first use:
# importing this module reads no file.
HALVES: tuple[str, ...] = ("上半年", "下半年")

# A facts file is a page or two of YAML; anything near a megabyte is the wrong file.
MAX_BYTES = 1024 * 1024
MAX_TEXT = 2000
# Deepest nesting the schema allows is 9 (top → 工作 → item → 举措 → measure → 数据 → figure → 其中 → part).
MAX_DEPTH = 12
MAX_NUMBER = Decimal(10) ** 12
YEARS = (1949, 2100)

# Top-level keys in the order the skeletons and docs/facts.md list them, with the Facts field each fills.
TOP_KEYS: dict[str, str] = {
    "类型": "kind",
    "单位": "unit",
    "地区": "region",
    "年度": "year",
    "半年": "half",
    "上级": "superior",
    "工作主线": "theme",
    "活动名称": "campaign",
    "阶段": "stage",
    "标题": "title",
    "成文日期": "date",
    "署名": "signature",
    "导语": "opening",
    "结尾": "closing",
    "荣誉": "honours",
    "数据": "figures",
    "工作": "work",
    "问题": "problems",
    "计划": "plans",
    "总体思路": "approach",
    "主要目标": "goals",
    "计划回顾": "plan_review",
    "词库": "libraries",
}
AREA_KEYS: dict[str, str] = {
    "领域": "topic",
    "标题": "heading",
    "板块": "group",
    "举措": "measures",
    "数据": "data",
    "荣誉": "honours",
}
# A 举措 is a sentence, or a mapping that carries the figures, honours and result of that one action.
MEASURE_KEYS: dict[str, str] = {
    "内容": "text",
    "数据": "data",
    "荣誉": "honours",
    "成效": "result",
}
# An honour is its title, or a mapping saying who won it (the bureau, a school, people), at what level, how many.
HONOUR_KEYS: dict[str, str] = {
    "名称": "name",
    "获得者": "winner",
    "级别": "level",
    "数量": "count",
}
# Levels of an honour, highest first; the spellings a writer may use for each.
HONOUR_LEVELS: dict[str, tuple[str, ...]] = {
    "国家级": ("国家级", "国家", "全国", "国家层面", "部级"),
    "省级": ("省级", "省", "全省", "省部级", "自治区级"),
    "市级": ("市级", "市", "全市", "地市级", "州级", "盟级"),
    "县级": ("县级", "县", "全县", "区级", "县区级", "旗级"),
}
FIGURE_KEYS: dict[str, str] = {
    "项目": "item",
    "数值": "value",
    "单位": "unit",
    "上年": "previous",
    "目标": "target",
    "增长率": "stated_growth",
    "其中": "parts",
}
# 「计划回顾」: last year's plans, one item each, answered by the writer (zongjie import writes the checklist).
PLAN_REVIEW_KEYS: dict[str, str] = {
    "计划": "plan",
    "完成情况": "status",
    "说明": "note",
}
PLAN_STATUSES: tuple[str, ...] = ("已完成", "部分完成", "未完成")
# Other ways writers answer, and the status each one means.
PLAN_STATUS_SPELLINGS: dict[str, str] = {
    "完成": "已完成",
    "全部完成": "已完成",
    "超额完成": "已完成",
    "基本完成": "部分完成",
    "部分": "部分完成",
    "正在推进": "部分完成",
    "推进中": "部分完成",
    "没有完成": "未完成",
    "尚未完成": "未完成",
    "未开展": "未完成",
}
REQUIRED: tuple[str, ...] = ("类型", "单位", "地区", "年度")

# Last characters of Chinese administrative divisions: the region's one becomes 全县, 我市…; others get a warning.
REGION_SUFFIXES = frozenset("省市县区旗州盟乡镇")
# A percentage is a bounded share (0–100) when its item names a rate or share, unless it names a change.
SHARE_WORDS = ("率", "比例", "覆盖", "占比", "比重")
CHANGE_WORDS = (
    "增长",
    "增幅",
    "增速",
    "涨幅",
    "降幅",
    "下降",
    "提高",
    "提升",
    "变化",
    "同比",
    "环比",
    "增减",
)


@dataclass(frozen=True)
class Figure:
    """One number of the facts file (a 「数据」 entry, or one part of its 「其中」)."""

    item: str
    value: float | int | None = None
    unit: str = ""
    previous: float | int | None = None
    target: float | int | None = None
    stated_growth: float | int | None = None
    parts: list[Figure] = field(default_factory=list)
    line: int = 0
    # How the writer wrote the value when it is not a plain number: 近500, 2300余, 约1.2万 (scale and qualifier
    # kept); "" for a plain or Chinese numeral (十二 is written 12). ``after_unit`` is 以上/左右 after the unit.
    written: str = ""
    after_unit: str = ""
    qualifier: str = ""
    # 上年/目标 written as approximate values (约400): kept, but no change or completion is computed from them.
    inexact: tuple[str, ...] = ()

    @property
    def approximate(self) -> bool:
        """A qualified value (近, 约, 余, 以上…): the draft keeps the qualifier and computes no change from it."""
        return bool(self.qualifier)


@dataclass(frozen=True)
class Honour:
    """An honour: its title, and where the writer said so, who won it, at what level and how many of them."""

    name: str
    winner: str = ""
    level: str = ""
    count: str = ""  # as written with its measure word: 6名, 3所 ("" when one winner)
    line: int = 0


@dataclass(frozen=True)
class Measure:
    """One 举措: the action as the writer wrote it, with the figures, honours and result that belong to it."""

    text: str
    data: list[Figure] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    result: str | None = None
    line: int = 0

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Area:
    """One section of 「工作」 or 「计划」: a topic with its measures, figures and honours.

    ``own_topic`` is set when the 领域 is not in the taxonomy: the writer's own topic, drafted with its own name.
    """

    topic: str
    heading: str | None = None
    measures: list[Measure] = field(default_factory=list)
    data: list[Figure] = field(default_factory=list)
    honours: list[Honour] = field(default_factory=list)
    line: int = 0
    measure_lines: list[int] = field(default_factory=list)
    group: str = ""  # 板块: the writer's own level-1 heading gathering this area with its neighbours
    own_topic: bool = False


@dataclass(frozen=True)
class PlanReview:
    """One item of last year's plans and how it was carried out: 已完成, 部分完成, 未完成 (None: not yet answered)."""

    plan: str
    status: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Facts:
    """Everything the writer told us; nothing else may appear in a draft as a fact."""

    kind: str
    unit: str
    region: str
    year: int
    half: str | None = None
    superior: str | None = None
    theme: str | None = None
    campaign: str | None = None
    stage: str | None = None
    title: str | None = None
    date: datetime.date | None = None
    signature: str | None = None
    opening: str | None = None
    closing: str | None = None
    honours: list[Honour] = field(default_factory=list)
    # Figures of the whole system (全县教育系统…), told in the opening's overview paragraph.
    figures: list[Figure] = field(default_factory=list)
    work: list[Area] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    plans: list[Area] = field(default_factory=list)
    approach: str | None = None
    # Each goal is a Figure (项目/数值/…) or, when the writer gave a sentence, that text.
    goals: list[Figure | str] = field(default_factory=list)
    plan_review: list[PlanReview] = field(default_factory=list)
    libraries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    path: str = "<事实>"
    # Line of each top-level key that was written (Chinese key → 1-based line), for messages downstream.
    lines: dict[str, int] = field(default_factory=dict)
    problem_lines: list[int] = field(default_factory=list)

    @property
    def region_suffix(self) -> str:
        """The last character of the region (县, 市, 区, 旗…), as in 全县 and 我县."""
        return self.region[-1:] if self.region else ""


def kind_names() -> str:
    """The five kinds, as a user reads them in a message."""
    return "、".join(k.name for k in load_kinds())
