"""The five kinds of report (事实文件的「类型」), read from the one table templates/kinds.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.errors import TemplateError

_KEYS = ("id", "name", "outline", "requires", "has_plans", "wording_needs", "next_period", "next_period_by_half",
         "theme_sections")


@dataclass(frozen=True)
class Kind:
    """One kind of report and what drafting and checking need to know about it."""

    id: str
    name: str
    outline: str
    requires: tuple[str, ...] = ()
    has_plans: bool = False
    wording_needs: tuple[str, ...] = ()
    next_period: str = "{下一年}年"
    next_period_by_half: dict[str, str] = field(default_factory=dict)
    theme_sections: bool = False

    def next_period_for(self, year: int, half: str | None = None) -> str:
        """The wording of 「下期」: 下半年, 2026年, 下一阶段…"""
        wording = self.next_period_by_half.get(half or "", self.next_period)
        return wording.replace("{下一年}", str(year + 1))


@lru_cache(maxsize=1)
def load_kinds() -> tuple[Kind, ...]:
    """Every kind, in the table's order; a mistake in templates/kinds.yaml is a TemplateError naming it."""
    path = template_path("kinds.yaml")
    data = load_table(path, "种类表")
    items = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise TemplateError("种类表应当有 kinds: 列表", path=path)
    kinds = []
    for item in items:
        if not isinstance(item, dict) or set(item) - set(_KEYS) or not {"id", "name", "outline"} <= set(item):
            raise TemplateError(
                f"种类表中的一项写法不对:{item!r}", path=path, hint=f"每项只能有这些键:{'、'.join(_KEYS)}"
            )
        by_half = item.get("next_period_by_half") or {}
        if not isinstance(by_half, dict):
            raise TemplateError(f"种类「{item['name']}」的 next_period_by_half 应当是映射", path=path)
        kinds.append(
            Kind(
                id=str(item["id"]),
                name=str(item["name"]),
                outline=str(item["outline"]),
                requires=tuple(str(k) for k in item.get("requires") or ()),
                has_plans=bool(item.get("has_plans")),
                wording_needs=tuple(str(w) for w in item.get("wording_needs") or ()),
                next_period=str(item.get("next_period") or "{下一年}年"),
                next_period_by_half={str(k): str(v) for k, v in by_half.items()},
                theme_sections=bool(item.get("theme_sections")),
            )
        )
    return tuple(kinds)


def kind_ids() -> dict[str, str]:
    """中文名 → id, in the table's order."""
    return {k.name: k.id for k in load_kinds()}


def find_kind(name_or_id: str) -> Kind | None:
    """The kind written as its 中文名 or its id; None when it is neither."""
    for kind in load_kinds():
        if name_or_id in (kind.name, kind.id):
            return kind
    return None


def kinds_help() -> str:
    """The kinds as the CLI help lists them: the Chinese names, then the ids."""
    kinds = load_kinds()
    return f"{'、'.join(k.name for k in kinds)}(也可写 {'、'.join(k.id for k in kinds)})"
