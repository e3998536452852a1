"""The writer's facts file: load, validate and type the YAML of local facts a draft is composed from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import FactsError

KINDS: tuple[str, ...] = ("半年总结", "年度总结及计划", "年度总结", "事业发展报告", "专项阶段总结")


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


@dataclass(frozen=True)
class Area:
    """One section of 「工作」 or 「计划」: a topic with its measures, figures and honours."""

    topic: str
    heading: str | None = None
    measures: list[str] = field(default_factory=list)
    data: list[Figure] = field(default_factory=list)
    honours: list[str] = field(default_factory=list)
    line: int = 0
    measure_lines: list[int] = field(default_factory=list)


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
    honours: list[str] = field(default_factory=list)
    work: list[Area] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    plans: list[Area] = field(default_factory=list)
    approach: str | None = None
    goals: list[Figure | str] = field(default_factory=list)
    libraries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    path: str = "<事实>"
    lines: dict[str, int] = field(default_factory=dict)
    problem_lines: list[int] = field(default_factory=list)

    @property
    def region_suffix(self) -> str:
        """The last character of the region (县, 市, 区, 旗…), as in 全县 and 我县."""
        return self.region[-1:] if self.region else ""


def load_facts(path: str | Path) -> Facts:
    """Read and validate a facts file; raises FactsError with file, line and the fix."""
    raise FactsError("事实文件读取尚未完成", path=path)
