"""Phrase selection: which library pattern fits a place (kind, purpose, slots, the writer's 类型), drawn by seed."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.base.resources import template_path
from generator.drafting.model import OutlineUse, Span, placeholder
from generator.drafting.predicates import echoes, predicate_table
from generator.library.model import CONTEXT_SLOTS, FACT_SLOTS, Library, Phrase
from generator.library.templating import (
    is_plain_template,
    pattern_words,
    render_plain,
    render_template,
    slots_if_valid,
)
from generator.taxonomy.kinds import kind_ids

if TYPE_CHECKING:
    from pathlib import Path

    from generator.taxonomy.kinds import Kind

# Outline ids of the five kinds; a phrase whose id carries one of them as a segment is for that kind only.
# Manual entries written for one of these purposes are used only for it (see _has_purpose).
_PURPOSES = frozenset(
    {
        "intro", "target", "problems", "problems_tail", "overview", "area",
        # A section's lead, its topic's own headings (summary / plan) and the evaluation closes by what supports them.
        "lead", "topic", "topicplan", "praise_rise", "praise_several", "praise_zero", "praise_honour",
        # One part of a 导语 (drafting/opening.py assembles them), never a whole 导语 by itself.
        "part",
    }
)
_END_PUNCT = "。;;,,、.:: \u3000"
# A Span value stands in the rendered text as \ue000<n>\ue001 and is put back as its own span afterwards.
_SENTINEL = re.compile("\ue000(\\d+)\ue001")


def clean_end(text: str) -> str:
    """The writer's sentence without its closing punctuation, so that the composer can punctuate it."""
    return text.strip().rstrip(_END_PUNCT)


def user_text(text: str) -> str:
    """The writer's words, made safe to go in as a value."""
    # The composer's own markers must not be forged by them.
    return text.replace("\ue000", "").replace("\ue001", "")


@lru_cache(maxsize=4096)
def pattern_slots(text: str) -> frozenset[str]:
    """The slot names a pattern uses; a pattern outside the template language gets a slot nothing fills.

    Unlike library.template_slots this never raises: loading has already reported such patterns, and here a
    pattern that cannot be read is only one that cannot be chosen.
    """
    slots = slots_if_valid(text)
    return frozenset({"\ue000invalid"}) if slots is None else slots


def fills(phrase: Phrase, values: Mapping[str, Any]) -> bool:
    """Whether ``values`` fill every slot of the phrase but its own choice slots ({{ 措辞1 }})."""
    return pattern_slots(phrase.text) - phrase.choices.keys() <= values.keys()


@dataclass
class Para:
    """A block being built: spans plus the library entries it used (phrase ids; outline headings apart)."""

    spans: list[Span] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    outline_uses: list[OutlineUse] = field(default_factory=list)  # block_index set when the block is emitted

    def hole(self, what: str) -> None:
        """Append the visible hole 【待补充:what】."""
        self.spans.append(placeholder(what))

    def add(self, text: str, *, placeholder: bool = False, strong: bool = False, comment: str = "") -> None:
        """Append text; ``comment`` is a reviewer's note on exactly this text (a Word comment in the .docx)."""
        if not text:
            return
        last = self.spans[-1] if self.spans else None
        merge = last is not None and not placeholder and not last.placeholder and last.strong == strong
        if last is not None and merge and not comment and not last.comment:
            self.spans[-1] = Span(last.text + text, strong=strong)
        else:
            self.spans.append(Span(text, placeholder=placeholder, strong=strong, comment=comment))

    def extend(self, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(span.text, placeholder=span.placeholder, strong=span.strong, comment=span.comment)

    @property
    def empty(self) -> bool:
        return not any(s.text for s in self.spans)


class Selector:
    """Draws patterns from the library for one draft: each used once, the writer's 类型 first, seeded."""

    def __init__(self, library: Library, rng: random.Random, kind: Kind | None, path: str | Path) -> None:
        self.library = library
        self.rng = rng
        self.kind = kind
        self.kind_id = kind.id if kind else ""
        self.path = path  # where text that is no library pattern (the outline's headings) comes from
        self.used: set[str] = set()
        self.families: dict[tuple[str, int], list[Phrase]] = {}
        self.family_names: dict[tuple[str, int], str] = {}
        self.rhythms: dict[tuple[str, int], int] = {}  # the predicate length of the first heading of a role's level
        # The library's patterns by kind (and family), sorted once per draft rather than once per question.
        self._pools: dict[tuple[str, str | None], list[Phrase]] = {}
        self.kind_segments = frozenset(kind_ids().values())  # the kind ids a phrase id may be marked with
        self._frames: dict[str, str] | None = None  # mined figure frames by their text

    def allowed_for_kind(self, phrase: Phrase) -> int:
        """2: written for this kind; 1: for any kind; 0: for another kind."""
        segments = self.kind_segments.intersection(phrase.id.split("."))
        if not segments:
            return 1
        return 2 if self.kind_id in segments else 0

    def candidates(
        self,
        kind: str,
        values: Mapping[str, Any],
        *,
        topic: str | None = None,
        purpose: str | None = None,
        exact: Iterable[str] | None = None,
        family: str | None = None,
        kind_needs: bool = False,
        prefer_kind: bool = True,
        avoid: str | None = None,
        must: str | None = None,
        within: Iterable[Phrase] | None = None,
    ) -> list[Phrase]:
        """The unused patterns of a kind that the values can fill, best-suited first group only, in id order."""
        # Topic is a preference among fillable patterns, not a filter before filling: a mined pattern of the
        # topic whose slots cannot be filled must not hide the general ones.
        key = (kind, family)
        if within is not None:
            pool = list(within)
        elif key in self._pools:
            pool = self._pools[key]
        else:
            pool = self._pools[key] = self.library.family(family) if family is not None else self.library.phrases_of(kind)
        needs = self.kind.wording_needs if kind_needs and self.kind else ()
        exact_set = frozenset(exact) if exact is not None else None
        found: list[tuple[int, Phrase]] = []
        for phrase in pool:
            if phrase.id in self.used or phrase.kind != kind:
                continue
            if purpose is not None and purpose not in phrase.id.split("."):
                # Honours are worded alike wherever they stand: an honour pattern written for no purpose fits.
                if not (kind == "honour" and not _has_purpose(phrase)):
                    continue
            if purpose is None and family is None and _has_purpose(phrase):
                continue
            if not _draftable(phrase):
                continue
            if avoid is not None and avoid in phrase.text:
                continue
            if must is not None and must not in phrase.text:
                continue
            rank = self.allowed_for_kind(phrase)
            if rank == 0:
                continue
            # A choice slot ({{ 措辞1 }}) is filled from the pattern's own wordings, never from the values.
            slots = pattern_slots(phrase.text) - phrase.choices.keys()
            if not slots <= values.keys():
                continue
            if any(n not in slots for n in needs):
                continue
            if exact_set is not None and (slots & FACT_SLOTS.keys()) != exact_set:
                continue
            found.append((rank, phrase))
        if not found:
            return []
        # The writer's own folders come first: a pattern they added is what they want to read.
        own = [(rank, p) for rank, p in found if not _shipped(p)]
        if own:
            return sorted((p for _, p in own), key=lambda p: p.id)
        best = max(rank for rank, _ in found) if prefer_kind else 1
        chosen = [p for rank, p in found if rank >= best]
        # The genre's stock first: mined patterns found in two or more distinct reports; the manual list is the
        # fallback for what the corpus does not give (mined sentences of one report never get here: _draftable).
        stock = [p for p in chosen if p.origin == "mined"]
        chosen = stock or chosen
        if topic is not None:
            chosen = [p for p in chosen if topic in p.topics] or chosen
        return sorted(chosen, key=lambda p: p.id)

    def pick(self, kind: str, values: Mapping[str, Any], **kw: Any) -> Phrase | None:
        """One fitting pattern drawn by seed and marked used; None when nothing fits."""
        candidates = self.candidates(kind, values, **kw)
        if not candidates:
            return None
        return self.choose(candidates)

    def choose(self, candidates: list[Phrase]) -> Phrase:
        """One of the candidates (which the caller narrowed further), drawn by seed and marked used."""
        phrase = self.rng.choice(candidates)
        self.used.add(phrase.id)
        return phrase

    def render(self, text: str, values: Mapping[str, Any], phrase: Phrase | None = None, line: int = 0) -> list[Span]:
        """Render library text; values that are Spans (placeholders) come back as their own spans.

        The writer's text is only ever a value: Jinja2 inserts it as it is and never evaluates it.
        """
        plain: dict[str, str] = {}
        holes: list[Span] = []
        choices = phrase.choices if phrase is not None else {}
        for name in sorted(pattern_slots(text)):  # sorted: choice slots draw from the seed in a fixed order
            value = values.get(name)
            if value is None and name in choices:
                value = self.rng.choice(choices[name])
            if value is None:
                value = placeholder(CONTEXT_SLOTS.get(name, name).split(",")[0])
            if isinstance(value, Span):
                holes.append(value)
                plain[name] = f"\ue000{len(holes) - 1}\ue001"
            else:
                plain[name] = str(value)
        if is_plain_template(text):
            # Text and {{ slot }} only: substitution gives what Jinja2 would, without compiling a template.
            rendered = render_plain(text, plain)
        else:
            rendered = render_template(
                text, plain, path=phrase.path if phrase else self.path, line=phrase.line if phrase else line
            )
        spans: list[Span] = []
        pos = 0
        for match in _SENTINEL.finditer(rendered):
            if match.start() > pos:
                spans.append(Span(rendered[pos : match.start()]))
            spans.append(holes[int(match.group(1))])
            pos = match.end()
        if pos < len(rendered):
            spans.append(Span(rendered[pos:]))
        return spans

    def put(self, para: Para, phrase: Phrase, values: Mapping[str, Any]) -> None:
        """Add a pattern's rendering to the paragraph and record it as used there (the report's entry)."""
        para.extend(self.render(phrase.text, values, phrase))
        para.uses.append(phrase.id)

    def take(self, para: Para, pool: list[Phrase], values: Mapping[str, Any]) -> bool:
        """Choose one of the pool by the seed and put it in the paragraph; False when the pool is empty."""
        if not pool:
            return False
        self.put(para, self.choose(pool), values)
        return True

    def phrase(self, para: Para, kind: str, values: Mapping[str, Any], **kw: Any) -> bool:
        """Pick a pattern and add its rendering to the paragraph; False when nothing fits."""
        phrase = self.pick(kind, values, **kw)
        if phrase is None:
            return False
        self.put(para, phrase, values)
        return True

    def collocated(self, kind: str, values: Mapping[str, Any], topic: str, *, plan: bool, praise: bool) -> list[Phrase]:
        """Mined heading predicates of support >= 2 that real reports put after this topic ({{ 主题 }}稳步推进 for
        教育改革), unused and fillable; in plans the verb-first ones (积极推进{{ 主题 }}), elsewhere topic-first.
        ``praise``: whether the data allows an evaluative predicate (取得新突破, 进一步提升)."""
        out = []
        for phrase in self.library.phrases_of(kind):
            parts = phrase.id.split(".")
            if phrase.origin != "mined" or len(parts) < 3 or parts[1] != "predicate" or not _draftable(phrase):
                continue
            if phrase.id in self.used or topic not in phrase.topics or self.allowed_for_kind(phrase) == 0:
                continue
            if phrase.text.startswith("{{ 主题 }}") == plan:
                continue
            if not praise and _EVALUATIVE.search(pattern_words(phrase.text)):
                continue
            if not fills(phrase, values):
                continue
            out.append(phrase)
        return sorted(out, key=lambda p: p.id)

    def frame_id(self, text: str) -> str:
        """The id of the mined figure frame of support >= 2 written so ({{ 项目 }}达{{ 数值 }}。), else "": a frame the
        draft's words follow is a library entry it used, however often."""
        if self._frames is None:
            self._frames = {}
            for phrase in sorted(self.library.phrases_of("achievement"), key=lambda p: p.id):
                if phrase.origin == "mined" and _draftable(phrase) and self.allowed_for_kind(phrase):
                    self._frames.setdefault(phrase.text, phrase.id)
        return self._frames.get(text, "")

    def predicates(
        self, values: Mapping[str, Any], topic: str, classes: Iterable[str], *, plan: bool, fitted: bool = False
    ) -> list[Phrase]:
        """Mined heading predicates (support >= 2) of the most telling class the data allows (predicates.yaml) that
        read after this topic and say none of its words again; unused, in id order. In plans the verb-first ones.
        ``fitted``: values['主题'] is a subject chosen for the class (学前教育普惠水平 for a rise), which every member
        of the class reads after: the topic's own fits are not asked."""
        table = predicate_table()
        for name in ("plan",) if plan else classes:
            members = table.classes.get(name, ())
            out = []
            for phrase in self.library.phrases_of("heading2"):
                parts = phrase.id.split(".")
                if phrase.origin != "mined" or len(parts) < 3 or parts[1] != "predicate" or not _draftable(phrase):
                    continue
                if phrase.id in self.used or self.allowed_for_kind(phrase) == 0:
                    continue
                words = pattern_words(phrase.text)
                if words not in members or not (fitted or topic in table.fits.get(words, ())):
                    continue
                if echoes(str(values.get("主题", "")), words):
                    continue
                if not fills(phrase, values):
                    continue
                out.append(phrase)
            if out:
                return sorted(out, key=lambda p: p.id)
        return []

    # ------------------------------------------------------------ headings from families

    def reserve_family(
        self, role: str, level: int, count: int, hint: str, context: Mapping[str, str], rhythm: int = 0
    ) -> None:
        """Choose the heading family a role's headings at a level are worded from (once per role and level).

        ``rhythm``: the predicate length of a spent family whose list goes on; the next family is one of the same
        level with predicates of that length (取得新突破 goes on as 凸显新成效, never as 全面落实)."""
        key = (role, min(max(level, 1), 3))
        if key in self.families:
            return
        values = dict(context, 主题="")
        by_kind: list[dict[str, list[Phrase]]] = []
        for kind in dict.fromkeys((f"heading{key[1]}", "heading2", "heading1")):
            families: dict[str, list[Phrase]] = {}
            by_kind.append(families)
            for phrase in self.library.phrases_of(kind):
                if not phrase.family or phrase.family.startswith("group.") or not _draftable(phrase):
                    continue
                if "主题" not in pattern_slots(phrase.text) or not pattern_slots(phrase.text) <= values.keys():
                    continue
                if self.allowed_for_kind(phrase) == 0 or phrase.id in self.used:
                    continue
                families.setdefault(phrase.family, []).append(phrase)
        # The nearest heading level with families mined across reports (support >= 2); reviewed (manual) families
        # when no level has one.
        stock = [{f: m for f, m in fams.items() if all(p.origin == "mined" for p in m)} for fams in by_kind]
        empty: dict[str, list[Phrase]] = {}
        families = next((fams for fams in stock if fams), empty) or next((fams for fams in by_kind if fams), empty)
        if rhythm:
            # A spent family goes on at its own level, in its own rhythm, mined or reviewed.
            same = {f: m for f, m in by_kind[0].items() if any(_rhythm(p) == rhythm for p in m)}
            if same:
                families = {f: [p for p in m if _rhythm(p) == rhythm] for f, m in same.items()}
        for_plans = {f: m for f, m in families.items() if ".plan" in f}
        others = {f: m for f, m in families.items() if ".plan" not in f}
        pool = (for_plans or others) if role == "plans" else (others or for_plans)
        taken_families = {name for (r, _), name in self.family_names.items() if r != role}
        fresh = {f: m for f, m in pool.items() if f not in taken_families} or pool
        if hint and hint in families:
            name = hint
        else:
            big = sorted(f for f, m in fresh.items() if len(m) >= count)
            name = self.rng.choice(big) if big else max(sorted(fresh), key=lambda f: len(fresh[f]), default="")
        members = sorted(families.get(name, []), key=lambda p: p.id)
        self.rng.shuffle(members)
        self.families[key] = members
        self.family_names[key] = name

    def family_heading(self, para: Para, role: str, level: int, values: Mapping[str, Any], topic: str = "") -> None:
        """The next heading of the role's family at this level, worded for values['主题'].

        A member tagged with the topic comes first (提供新保障 for 经费保障), then one for any topic (综合); a
        member tagged only with other topics is kept for them while another fits.
        """
        key = (role, min(max(level, 1), 3))
        if key not in self.families:
            self.reserve_family(role, level, 1, "", values)
        members = self.families[key]
        members[:] = [p for p in members if p.id not in self.used]
        if topic:
            fitting = [p for p in members if topic in p.topics] or [p for p in members if "综合" in p.topics]
            if fitting:
                members.remove(fitting[0])
                members.insert(0, fitting[0])
        while members:
            phrase = members.pop(0)
            if phrase.id in self.used:
                continue
            self.used.add(phrase.id)
            self.rhythms.setdefault(key, _rhythm(phrase))
            self.put(para, phrase, values)
            return
        # The family is spent: another family of the level continues the list rather than repeat a member.
        del self.families[key]
        self.reserve_family(role, level, 1, "", values, rhythm=self.rhythms.get(key, 0))
        if self.families[key]:
            self.family_heading(para, role, level, values, topic)
        else:
            para.add(f"{values['主题']}工作")


# A predicate that says things went well (取得新突破, 进一步提升, 明显改善): only where the data supports it.
_EVALUATIVE = re.compile(r"新|提升|提高|提质|增效|改善|优化|增强|扩大|向好|台阶|突破|显著|明显|成效|更加")


def evaluative(text: str) -> bool:
    """Whether a heading pattern's own words praise (取得新突破, 进一步提升, 明显改善), which needs data behind it."""
    return bool(_EVALUATIVE.search(pattern_words(text)))


def _rhythm(phrase: Phrase) -> int:
    """A family heading's own words, counted: 5 for {{ 主题 }}取得新突破, 4 for {{ 主题 }}全面落实."""
    return len(pattern_words(phrase.text))


@lru_cache(maxsize=1)
def _shipped_root() -> str:
    return str(template_path("library"))


def _shipped(phrase: Phrase) -> bool:
    """Whether a pattern comes with the program (mined or manual), not from the writer's own folders."""
    return not phrase.path or shipped_path(phrase.path)


def shipped_path(path: str | Path) -> bool:
    """Whether a library file (a pattern's, an outline's) comes with the program."""
    return str(path).startswith(_shipped_root())


# Mined patterns a draft may use: found in this many distinct reports at least. A sentence of one report is an
# example to browse (zongjie phrases), never stock.
MIN_SUPPORT = 2
# Pieces of sentences (a clause, a phrase inside one) are mined for browsing and for assembling frames; a draft
# uses whole sentences and headings.
_PIECES = frozenset({"clause", "phrase"})


def _draftable(phrase: Phrase) -> bool:
    if phrase.origin != "mined":
        return True
    return phrase.support >= MIN_SUPPORT and not _PIECES & set(phrase.id.split(".")[1:2])


def _has_purpose(phrase: Phrase) -> bool:
    """Manual entries written for one purpose (intro, target, problems, overview…) are used only for it."""
    parts = phrase.id.split(".")
    return phrase.origin == "manual" and len(parts) > 3 and parts[0] == "manual" and parts[2] in _PURPOSES
