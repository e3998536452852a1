"""The 板块 taxonomy (templates/groups.yaml) and how the writer's areas gather under level-1 headings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.drafting.select import user_text
from generator.errors import TemplateError

if TYPE_CHECKING:
    from generator.facts.model import Area
    from generator.taxonomy.kinds import Kind

_THEME_SPLIT = re.compile("[、,,;;/\\s]+")


@dataclass(frozen=True)
class Group:
    """A 板块: level-1 heading gathering several topics (templates/groups.yaml)."""

    name: str
    topics: tuple[str, ...]
    keywords: tuple[str, ...]
    family: str
    tail_family: str
    # What rises when this 板块's figures rise (育人水平 for 优质量): the subject of its mined tail (提质量,育人水平进一步
    # 提升), the first one that says no word of the 工作主线's part before it.
    rise_subjects: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_groups() -> tuple[Group, ...]:
    """The 板块 taxonomy: which topics a level-1 heading gathers and which heading families it uses."""
    path = template_path("groups.yaml")
    data = load_table(path, "板块表") or {}
    groups = []
    for item in data.get("groups") or []:
        if not isinstance(item, dict) or "name" not in item:
            raise TemplateError("板块(groups)的每项应有 name、topics", path=path)
        name = str(item["name"])
        groups.append(
            Group(
                name=name,
                topics=tuple(str(t) for t in item.get("topics") or ()),
                keywords=tuple(str(k) for k in item.get("keywords") or ()),
                family=str(item.get("family") or f"group.{name}"),
                tail_family=str(item.get("tail_family") or f"group.{name}.tail"),
                rise_subjects=tuple(str(t) for t in item.get("rise_subjects") or ()),
            )
        )
    return tuple(groups)


@dataclass
class Section:
    """Areas that share one heading (a 板块 or a part of the 工作主线), with how to word that heading."""

    areas: list[Area]
    group: Group | None = None
    lead: str = ""  # a part of the 工作主线 (development report), put before the heading's tail
    label: str = ""  # the writer's own 板块 wording, used as the heading as it is


def theme_parts(kind: Kind | None, theme: str | None) -> list[str]:
    """The parts of a 工作主线 (抓党建、促发展…) when the kind heads its sections with them; else none."""
    if not (kind and kind.theme_sections) or not theme:
        return []
    parts = [p.strip("“”\"'《》") for p in _THEME_SPLIT.split(theme) if p.strip("“”\"'")]
    if len(parts) < 2 or any(not 2 <= len(p) <= 6 for p in parts):
        return []
    return [user_text(p) for p in parts]


def gather_sections(areas: list[Area], parts: list[str]) -> list[Section]:
    """Gather areas under headings: the 工作主线's parts, else the writer's own 板块, else the taxonomy's."""
    groups = load_groups()
    by_name = {g.name: g for g in groups}
    by_topic = {t: g for g in groups for t in g.topics}
    explicit = any(a.group for a in areas)
    if parts and not explicit:
        return _theme_sections(areas, parts, groups, by_topic)
    if explicit:
        found: list[Section] = []
        for area in areas:
            name = area.group
            key = name or (by_topic[area.topic].name if area.topic in by_topic else "")
            if found and (found[-1].label or (found[-1].group.name if found[-1].group else "")) == key:
                found[-1].areas.append(area)
                continue
            group = by_name.get(key)
            found.append(Section([area], group=group, label="" if group else user_text(key)))
        return found
    ordered: dict[str, Section] = {}
    for area in areas:
        # A topic of the writer's own that no 板块 gathers (研学实践) is a 板块 of its own: put under another's heading
        # (坚持改革创新,…… over 研学实践), it would be claimed by words that are not about it.
        group = by_topic.get(area.topic)
        key = group.name if group else f"\ue000{area.topic}"
        ordered.setdefault(key, Section([], group=group)).areas.append(area)
    return list(ordered.values())


def heading_fits(tags: Sequence[str], topics: set[str]) -> bool:
    """Whether a 板块 heading tagged so claims only what the areas under it hold (templates/groups.yaml):
    every topic under it is one of its tags, and the topics it names (its tags before 综合; the first tag when it
    has no 综合) are all there. 聚焦立德树人,…… (德育与素质教育 first) does not head 学校体育 alone."""
    allowed = set(tags) - {"综合"}
    required = set(tags[: tags.index("综合")]) if "综合" in tags else set(tags[:1])
    return bool(topics) and topics <= allowed and required <= topics


def _theme_sections(
    areas: list[Area], parts: list[str], groups: Sequence[Group], by_topic: Mapping[str, Group]
) -> list[Section]:
    found = []
    for part in parts:
        group = next((g for g in groups if any(k in part for k in g.keywords)), None)
        found.append(Section([], group=group, lead=part))
    homeless = []
    for area in areas:
        group = by_topic.get(area.topic)
        target = next((s for s in found if group is not None and s.group == group), None)
        if target is None:
            homeless.append(area)
        else:
            target.areas.append(area)
    for area in homeless:
        min(found, key=lambda s: len(s.areas)).areas.append(area)
    return found
