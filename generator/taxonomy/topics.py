"""The topic taxonomy (templates/topics.yaml): one cached, validated load shared by facts, compose and mining."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.errors import TemplateError

_KEYS = frozenset({"name", "short", "aliases", "keywords"})


@dataclass(frozen=True)
class Topic:
    """One 领域: its name, the short phrase headings are built from, accepted spellings and tagging keywords."""

    name: str
    short: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    """Every topic in the taxonomy's order; a mistake in topics.yaml is a TemplateError naming it."""
    path = template_path("topics.yaml")
    data = load_table(path, "主题分类")
    items = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise TemplateError("主题分类应当有 topics: 列表", path=path)
    topics: list[Topic] = []
    seen: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise TemplateError(f"主题分类中的一项缺少 name:{item!r}", path=path)
        name = item["name"].strip()
        unknown = set(item) - _KEYS
        if unknown:
            raise TemplateError(
                f"主题「{name}」有不认识的键「{'、'.join(sorted(unknown))}」", path=path, hint="可用的键:name、short、aliases、keywords"
            )
        lists = {}
        for key in ("aliases", "keywords"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise TemplateError(f"主题「{name}」的 {key} 应当是文字列表", path=path)
            lists[key] = tuple(v.strip() for v in value)
        for spelling in (name, *lists["aliases"]):
            if spelling in seen and seen[spelling] != name:
                raise TemplateError(
                    f"「{spelling}」同时是主题「{seen[spelling]}」和「{name}」的写法", path=path, hint="一个写法只能属于一个主题"
                )
            seen.setdefault(spelling, name)
        if any(t.name == name for t in topics):
            raise TemplateError(f"主题「{name}」重复出现", path=path)
        topics.append(Topic(name, str(item.get("short") or name).strip(), lists["aliases"], lists["keywords"]))
    return tuple(topics)


@lru_cache(maxsize=1)
def topic_names() -> dict[str, str]:
    """Every accepted 领域 spelling (taxonomy names and aliases) → its canonical name."""
    names: dict[str, str] = {}
    for topic in load_topics():
        names[topic.name] = topic.name
        for alias in topic.aliases:
            names.setdefault(alias, topic.name)
    return names


@lru_cache(maxsize=1)
def topic_shorts() -> dict[str, str]:
    """Topic name → the short phrase headings are made of."""
    return {t.name: t.short for t in load_topics()}


@lru_cache(maxsize=1)
def term_grams() -> frozenset[str]:
    """Every four-character run inside a taxonomy term (names, shorts, aliases, keywords): the field's own words,
    which a section may say more than once without repeating itself."""
    grams: set[str] = set()
    for topic in load_topics():
        for term in (topic.name, topic.short, *topic.aliases, *topic.keywords):
            grams.update(term[i : i + 4] for i in range(len(term) - 3))
    return frozenset(grams)
