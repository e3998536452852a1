"""Clauses and headings of one report, slotted: the pieces that recur across reports (rules: clauses.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from generator.base.tables import needs_of
from generator.corpus.doctree import Document, Paragraph, Section
from generator.mining.outline import sentences
from generator.mining.slot import (
    CONTEXT_TYPES,
    JIEBA,
    Slotted,
    compile_rule,
    leave_out_marked,
    load_yaml,
    slot_sentence,
)

# A clause ends at a comma, a semicolon, a colon or a full stop (the folded forms and the ideographic ones).
CLAUSE = re.compile(r"[^,;:。!?!?]+[,;:。!?!?]?")
ENDS = ",;:。!?!?"
DIGIT = re.compile(r"\d")
SLOT = re.compile(r"{{ (\w+) }}")


@dataclass(frozen=True)
class FrameRule:
    """A frame clause by rule (clauses.yaml frame_clauses): the wordings it matches are one pattern, ``text``."""

    kind: str
    segment: str
    family: str
    pattern: re.Pattern[str]
    text: str
    topics: tuple[str, ...] = ("综合",)


@dataclass(frozen=True)
class ClauseRules:
    control_folders: frozenset[str]
    shingle: int
    dedup_chars: int
    dedup_threshold: float
    dedup_containment: float
    similarity: float
    max_word_chars: int
    words_per_choice: int
    max_choices: int
    min_chars: int
    max_chars: int
    pre: tuple[tuple[re.Pattern[str], str], ...]
    opening_roles: tuple[tuple[str, re.Pattern[str]], ...]
    opening_parts: tuple[tuple[str, re.Pattern[str]], ...]
    opening_needs: frozenset[str]
    opening_min_clauses: int
    figure_verbs: tuple[str, ...]
    figure_compare: re.Pattern[str]
    figure_division: re.Pattern[str]
    heading_min: int
    heading_max: int
    predicate_min: int
    topic_min: int
    level1_shape: re.Pattern[str]
    adverbs: frozenset[str]
    family_praise: re.Pattern[str]
    family_narrow: re.Pattern[str]
    lead_openers: re.Pattern[str]
    change_frame: re.Pattern[str]
    stance_shape: re.Pattern[str]
    stance_first: re.Pattern[str]
    stance_not: re.Pattern[str]
    stance_min: int
    stance_max: int
    stance_topics: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    object_verbs: re.Pattern[str]
    object_not: re.Pattern[str]
    object_skip: re.Pattern[str]
    object_verb_words: int
    object_min: int
    object_max: int
    plan_lead_start: re.Pattern[str]
    part_headings: tuple[tuple[str, re.Pattern[str], str], ...]
    frame_clauses: tuple[FrameRule, ...]
    title_kinds: tuple[tuple[re.Pattern[str], str], ...]
    title_forms: tuple[tuple[str, re.Pattern[str], str], ...]
    title_decoration: re.Pattern[str]
    title_needs: tuple[re.Pattern[str], ...]
    title_topic: re.Pattern[str]
    phrase_words: int
    phrase_chars: int


@lru_cache(maxsize=1)
def clause_rules() -> ClauseRules:
    data: dict[str, Any] = load_yaml("clauses.yaml")

    def rule(pattern: Any, what: str) -> re.Pattern[str]:
        return compile_rule(str(pattern), "clauses.yaml", what)

    drain, dup, figure, heading = data["drain"], data["duplicates"], data["figure"], data["heading"]
    stance = data["lead_stance"]
    return ClauseRules(
        control_folders=frozenset(str(f) for f in data.get("control_folders") or ()),
        shingle=int(dup["shingle"]),
        dedup_chars=int(dup["chars"]),
        dedup_threshold=float(dup["threshold"]),
        dedup_containment=float(dup["containment"]),
        similarity=float(drain["similarity"]),
        max_word_chars=int(drain["max_word_chars"]),
        words_per_choice=int(drain["words_per_choice"]),
        max_choices=int(drain["max_choices"]),
        min_chars=int(drain["min_chars"]),
        max_chars=int(drain["max_chars"]),
        pre=tuple((rule(r["pattern"], "分句背景规则"), str(r["replace"])) for r in data.get("pre") or ()),
        opening_roles=tuple((str(r["role"]), rule(r["pattern"], "导语部分")) for r in data["opening_roles"]),
        opening_parts=tuple(
            (str(r["part"]), rule(r["pattern"], "导语分句的部分")) for r in data.get("opening_parts") or ()
        ),
        opening_needs=frozenset(str(r) for r in data.get("opening_needs") or ()),
        opening_min_clauses=int(data.get("opening_min_clauses", 3)),
        figure_verbs=tuple(sorted((str(v) for v in figure["verbs"]), key=len, reverse=True)),
        figure_compare=rule(figure["compare"], "比较分句"),
        figure_division=rule(figure["division"], "全县"),
        heading_min=int(heading["min_chars"]),
        heading_max=int(heading["max_chars"]),
        predicate_min=int(heading["min_predicate_chars"]),
        topic_min=int(heading["min_topic_chars"]),
        level1_shape=rule(heading["level1_shape"], "一级标题家族的谓语"),
        adverbs=frozenset(str(w) for w in heading.get("adverbs") or ()),
        family_praise=rule(heading["family_praise"], "评价性的标题谓语"),
        family_narrow=rule(heading.get("family_narrow") or "(?!)", "只接机构的标题谓语"),
        lead_openers=rule(data["lead_openers"], "引领句开头"),
        change_frame=rule(figure["change"], "变化分句"),
        stance_shape=rule(stance["shape"], "引领分句的开头"),
        stance_first=rule(stance["first"], "立场分句"),
        stance_not=rule(stance["not"], "不作引领的分句"),
        stance_min=int(stance["min_chars"]),
        stance_max=int(stance["max_chars"]),
        stance_topics=tuple(
            (rule(r["pattern"], "引领分句的主题"), tuple(str(t) for t in r["topics"])) for r in stance.get("topics") or ()
        ),
        object_verbs=rule(data["lead_object"]["verbs"], "引领动作的动词"),
        object_not=rule(data["lead_object"]["not"], "不作引领动作的宾语"),
        object_skip=rule(data["lead_object"]["skip"], "引领动作前的序数词"),
        object_verb_words=int(data["lead_object"]["verb_words"]),
        object_min=int(data["lead_object"]["min_chars"]),
        object_max=int(data["lead_object"]["max_chars"]),
        plan_lead_start=rule(data["plan_lead_start"], "打算引导句开头"),
        part_headings=tuple(
            (str(r["kind"]), rule(r["pattern"], "部分标题"), str(r["text"])) for r in data.get("part_headings") or ()
        ),
        frame_clauses=tuple(
            FrameRule(
                str(r["kind"]), str(r["segment"]), str(r["family"] or ""), rule(r["pattern"], "框架分句"), str(r["text"]),
                tuple(str(t) for t in r.get("topics") or ("综合",)),
            )
            for r in data.get("frame_clauses") or ()
        ),
        title_kinds=tuple((rule(r["pattern"], "标题种类"), str(r["outline"])) for r in data.get("title_kinds") or ()),
        title_forms=tuple(
            (str(r["outline"]), rule(_expand(str(r["pattern"]), data["title_parts"]), "标题的写法"), str(r["text"]))
            for r in data.get("title_forms") or ()
        ),
        title_decoration=rule(data["title_decoration"], "标题上网站加的字"),
        title_needs=tuple(rule(r, "标题须有的写法") for r in data["title_needs"]),
        title_topic=rule(data["title_topic"], "专项工作标题"),
        phrase_words=int(data["phrases"]["min_words"]),
        phrase_chars=int(data["phrases"]["min_chars"]),
    )


def _expand(pattern: str, parts: dict[str, Any]) -> str:
    """A rule written with named parts (<单位>, <年度>) as the regular expression: each part's own pattern in place."""
    return re.sub(r"<([\u4e00-\u9fff]+)>", lambda m: f"(?:{parts[m.group(1)]})", pattern)


@dataclass(frozen=True)
class ClauseRec:
    """One slotted clause of a report, where it stands, and the sentence it belongs to."""

    role: str  # opening, lead, problems, plan_lead, closing, enum_lead, body
    text: str  # slotted, without its end punctuation
    slots: tuple[tuple[str, str], ...]
    end: str  # the punctuation after it ("" at a cut)
    line: int
    sentence: int  # the sentence's number in its paragraph (for sources)
    seq: int  # the sentence's number in the report (clauses of one sentence share it)
    position: int  # the clause's number in its sentence
    topics: tuple[str, ...]
    words: tuple[str, ...] = ()  # the slotted text as words (tokens()), cut where the report was mined


@dataclass(frozen=True)
class HeadingRec:
    """A heading of a report as written (marker removed), its level and whether it stands in the plans."""

    text: str
    level: int
    plan: bool
    line: int


def title_outline(pattern: str, outline: str) -> str:
    """The kind of report a title pattern is for (by its own wording first), or "" when it is no summary's title."""
    rules = clause_rules()
    if not all(need.search(pattern) for need in rules.title_needs) or rules.title_topic.search(pattern):
        return ""
    return next((name for rule, name in rules.title_kinds if rule.search(pattern)), outline)


def split_clauses(sentence: str) -> list[tuple[str, str]]:
    """A sentence's clauses with the punctuation that ends each: [("在县委、县政府的正确领导下", ","), …]."""
    out = []
    for piece in CLAUSE.findall(sentence.strip()):
        piece = piece.strip()
        end = piece[-1] if piece and piece[-1] in ENDS else ""
        body = piece[:-1].strip() if end else piece
        if body:
            out.append((body, end))
    return out


def slot_clause(text: str, where: frozenset[str]) -> tuple[str, dict[str, str]] | None:
    """A clause as a pattern (context slots, typed slots), or None when it is a fact, noise or too long.

    The genre's clauses recur, so each (clause, place) is slotted once a process; every caller gets its own copy.
    """
    done = _slotted_clause(text, frozenset(where))
    return None if done is None else (done[0], dict(done[1]))


@lru_cache(maxsize=65536)
def _slotted_clause(text: str, where: frozenset[str]) -> tuple[str, dict[str, str]] | None:
    rules = clause_rules()
    held: list[str] = []

    def hold(m: re.Match[str], replace: str) -> str:
        # The context slot waits as one private-use character, which the slotter passes through as it is.
        held.append(m.expand(replace))
        return chr(_HELD + len(held) - 1)

    chars = set(text)  # a rule is tried on a clause holding a character it needs (what is held is taken out)
    for rule, replace in rules.pre:
        needs = needs_of(rule)
        if needs is None or not needs.isdisjoint(chars):
            text = rule.sub(partial(hold, replace=replace), text)
    if len(text) > rules.max_chars:
        return None
    if not (HELD.sub("", text) if held else text).strip("年 "):
        slotted = Slotted(text=text)  # only context ("2023年"): nothing for the slotter to do
    else:
        slotted = slot_sentence(text, where | {"clause"})
    if not slotted.ok:
        return None
    pattern = HELD.sub(lambda m: held[ord(m.group(0)) - _HELD], slotted.text) if held else slotted.text
    slots = dict(slotted.slots)
    names = SLOT.findall(pattern)
    for name in names:
        if name in CONTEXT_TYPES:
            slots.setdefault(name, CONTEXT_TYPES[name])
    # A short clause is kept only with a context slot: 「{{ 年度 }}年」 is the opening's time, 「加强」 is nothing.
    bare = SLOT.sub("", pattern) if names else pattern
    if len(bare) < rules.min_chars and not set(names) & set(CONTEXT_TYPES) or leave_out_marked(bare):
        return None
    return pattern, dict(sorted(slots.items()))


# Context slots found by the clause rules stand in the text as one character each while the slotter runs.
_HELD = 0xF0010
HELD = re.compile(f"[{chr(_HELD)}-{chr(_HELD + 255)}]")


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """A slotted clause as words: each {{ slot }} one token, the rest cut by jieba (once a process per text)."""
    out: list[str] = []
    for piece in re.split(r"({{ \w+ }})", text):
        if piece.startswith("{{"):
            out.append(piece)
        elif piece:
            out.extend(JIEBA.cut(piece))
    return tuple(out)


def document_clauses(document: Document, outline_name: str, origin: list[int], topics_of) -> list[ClauseRec]:
    """Every clause of a report with its role by place: the opening, section leads, 不足, 打算, closing, the rest."""
    from generator.mining.outline import kind_rules

    kinds = kind_rules()
    out: list[ClauseRec] = []
    seq = 0

    def add(paragraph: Paragraph, text: str, role: str, sentence_no: int, where: frozenset[str]) -> None:
        nonlocal seq
        seq += 1
        line = origin[paragraph.line] if paragraph.line < len(origin) else paragraph.line
        topics = tuple(topics_of(text))
        for position, (clause, end) in enumerate(split_clauses(text)):
            slotted = slot_clause(clause, where | {outline_name})
            if slotted is None:
                continue
            pattern, slots = slotted
            out.append(
                ClauseRec(
                    role, pattern, tuple(sorted(slots.items())), end, line, sentence_no, seq, position, topics,
                    tokens(pattern),
                )
            )

    if document.title:
        slotted = slot_sentence(document.title, frozenset({"title", "heading", outline_name}))
        if slotted.ok:
            seq += 1
            out.append(
                ClauseRec(
                    "title", slotted.text, tuple(sorted(slotted.slots.items())), "", origin[0] if origin else 0, 0,
                    seq, 0, ("综合",), tokens(slotted.text),
                )
            )
    for number, paragraph in enumerate(document.opening):
        for index, sentence in enumerate(sentences(paragraph.text), start=1):
            first = number == 0 and index == 1
            add(paragraph, sentence, "opening", index, frozenset({"opening_first"} if first else ()))
    for section, plan in _walk(document.sections, False):
        for number, paragraph in enumerate(section.paragraphs):
            said = sentences(paragraph.lead or paragraph.text) if paragraph.items else sentences(paragraph.text)
            problems = bool(kinds.problems.search(paragraph.text))
            for index, sentence in enumerate(said, start=1):
                if problems and index == 1:
                    role = "problems"
                elif plan and (section.is_part or section.children) and number == 0 and index == 1:
                    role = "plan_lead"
                elif number == 0 and index == 1 and not DIGIT.search(sentence):
                    role = "lead"
                else:
                    role = "body"
                where = frozenset({"plan_intro"}) if role == "plan_lead" else frozenset()
                add(paragraph, sentence, role, index, where)
            for item in paragraph.items:
                for index, sentence in enumerate(sentences(item.text), start=1):
                    add(paragraph, sentence, "body", index, frozenset())
    for paragraph in document.closing:
        for index, sentence in enumerate(sentences(paragraph.text), start=1):
            add(paragraph, sentence, "closing", index, frozenset())
    return out


def document_headings(document: Document, origin: list[int]) -> list[HeadingRec]:
    """The headings of a report (levels 1 to 3), plain: no punctuation, no digits, no marks."""
    rules = clause_rules()
    out = []
    for section, plan in _walk(document.sections, False):
        title = section.title.strip()
        # A paired heading (坚持改革创新,着力激发教育活力): its second half is the heading's predicate phrase.
        halves = re.split(r"[,,]", title)
        if len(halves) == 2 and len(halves[0]) <= 8:
            title = halves[1]
        if section.is_part or not rules.heading_min <= len(title) <= rules.heading_max:
            continue
        if re.search(r"[,,;;::。、!?!?“”《》()()\d〖]", title):
            continue
        line = origin[section.line] if section.line < len(origin) else section.line
        out.append(HeadingRec(title, min(section.level, 3), plan, line))
    for section, plan in _walk(document.sections, False):
        for paragraph in section.paragraphs:
            line = origin[paragraph.line] if paragraph.line < len(origin) else paragraph.line
            leads = [item.text for item in paragraph.items] + [paragraph.text]
            for text in leads:
                # The short first sentence of an item or paragraph (一是党建工作不断加强。) is a run-in heading.
                first = re.match(r"^([^,,;;::。!?!?]{4,14})[。;;]", text)
                if first and not re.search(r"[“”《》()()\d〖]", first.group(1)):
                    out.append(HeadingRec(first.group(1), 3, plan, line))
    return out


def document_parts(document: Document, origin: list[int]) -> list[HeadingRec]:
    """The headings that divide a report into its parts (level 1, or a part heading of its own), as written: where
    it turns to its 不足 (二、存在的困难) or its 打算 (三、2021年工作思路)."""
    out: list[HeadingRec] = []

    def walk(sections: list[Section]) -> None:
        for section in sections:
            if section.is_part or section.level <= 1:
                line = origin[section.line] if section.line < len(origin) else section.line
                out.append(HeadingRec(section.title.strip(), section.level, False, line))
                walk(section.children)

    walk(document.sections)
    return out


def _walk(sections: list[Section], plan: bool) -> Iterator[tuple[Section, bool]]:
    for section in sections:
        in_plan = plan or bool(re.search(r"计划|打算|安排|思路|展望", section.title))
        yield section, in_plan
        yield from _walk(section.children, in_plan)


