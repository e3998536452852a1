"""Which mined heading predicate a section may take: by what its data says, and after which topics it reads.

The predicates are the library's (heading2.predicate, mined from two reports or more); the table
templates/predicates.yaml says which class of them a section's data allows (measures only → 稳步推进; a rise →
进一步提升; an honour, a met target or several rises → 取得新突破; full coverage → 全覆盖) and after which topics each
one reads (教育质量进一步提升, never 学前教育进一步提升).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.drafting.variation import grams
from generator.errors import TemplateError

if TYPE_CHECKING:
    from generator.drafting.statements import Support

# The classes in the order a section's data is told by them: the most telling it allows first.
CLASS_ORDER = ("coverage", "praise", "rise", "measures")


@dataclass(frozen=True)
class PredicateTable:
    classes: dict[str, tuple[str, ...]]
    fits: dict[str, frozenset[str]]
    subjects: dict[str, str]
    rise_by_figure: tuple[tuple[tuple[str, ...], str], ...]
    generic: tuple[str, ...] = ()

    def rise_subject(self, risen: list[str], short: str) -> str:
        """What rose, said as the genre says it (学位供给能力 for 新增学位, 特殊教育普及水平 for 残疾儿童少年入学率): the
        subject of the first entry of the table that names a risen item (a level before a count); "" when none does."""
        for words, subject in self.rise_by_figure:
            if any(w in item for item in risen for w in words):
                return subject.replace("{简称}", short)
        return ""

    def borne(self, clause: str, words: str) -> bool:
        """Whether a clause's own words (投入 of 加大教育投入, once the words any clause may say are gone) are in the
        section's words: what its measures, figures and topic say (predicates.yaml generic)."""
        rest = clause
        for word in sorted(self.generic, key=len, reverse=True):
            rest = rest.replace(word, "|")  # a break: no pair of characters spans a removed word
        return bool(grams(rest, 2) & grams(words, 2))

    def class_of(self, words: str) -> str:
        return next((name for name, members in self.classes.items() if words in members), "")


@lru_cache(maxsize=1)
def predicate_table() -> PredicateTable:
    """templates/predicates.yaml, checked once."""
    path = template_path("predicates.yaml")
    data = load_table(path, "标题谓语表")
    if not isinstance(data, dict) or not isinstance(data.get("classes"), dict) or not isinstance(data.get("fits"), dict):
        raise TemplateError("标题谓语表应当有 classes 和 fits 两部分", path=path, hint="请重新安装 zongjie")
    classes: dict[str, tuple[str, ...]] = {}
    for name, members in data["classes"].items():
        if not isinstance(members, list) or not all(isinstance(m, str) and m for m in members):
            raise TemplateError(f"标题谓语表 classes 的 {name} 应当是文字列表", path=path, hint="请重新安装 zongjie")
        classes[str(name)] = tuple(members)
    fits: dict[str, frozenset[str]] = {}
    for words, topics in data["fits"].items():
        if not isinstance(topics, list) or not all(isinstance(t, str) and t for t in topics):
            raise TemplateError(f"标题谓语表 fits 的 {words} 应当是主题列表", path=path, hint="请重新安装 zongjie")
        fits[str(words)] = frozenset(topics)
    subjects = data.get("subjects") or {}
    if not isinstance(subjects, dict) or not all(isinstance(v, str) and v for v in subjects.values()):
        raise TemplateError("标题谓语表 subjects 应当是「主题: 主语」", path=path, hint="请重新安装 zongjie")
    rise = []
    for entry in data.get("rise_by_figure") or []:
        words, subject = (entry.get("words"), entry.get("subject")) if isinstance(entry, dict) else (None, None)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise TemplateError("标题谓语表 rise_by_figure 每项应有 words(文字列表)", path=path, hint="请重新安装 zongjie")
        if not isinstance(subject, str) or not subject:
            raise TemplateError("标题谓语表 rise_by_figure 每项应有 subject", path=path, hint="请重新安装 zongjie")
        rise.append((tuple(words), subject))
    generic = data.get("generic") or []
    if not isinstance(generic, list) or not all(isinstance(w, str) and w for w in generic):
        raise TemplateError("标题谓语表 generic 应当是文字列表", path=path, hint="请重新安装 zongjie")
    return PredicateTable(
        classes, fits, {str(k): v for k, v in subjects.items()}, tuple(rise), tuple(generic)
    )


def allowed_classes(support: Support, *, coverage: bool) -> list[str]:
    """The predicate classes a section's data allows, the most telling first; measures are always allowed."""
    out = []
    if coverage:
        out.append("coverage")
    # A figure that fell or a target missed in the same section: no 取得新突破 over it, and no 进一步提升 either
    # (WRITING.md: evaluation only where the data says so; a falling figure says otherwise).
    mixed = bool(support.falls or support.target_missed)
    if (support.honour_above or support.target_met or support.rises >= 2) and not mixed:
        out.append("praise")
    if support.rises and not support.falls:
        out.append("rise")
    out.append("measures")
    return out


def echoes(topic_words: str, predicate: str) -> bool:
    """Whether a predicate says again a word of the topic's own (经费保障 + 保障有力, 教育改革 + 深化改革)."""
    return bool(grams(topic_words, 2) & grams(predicate, 2))
