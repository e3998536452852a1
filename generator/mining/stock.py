"""The genre's stock: clause patterns, opening / 不足 / 打算 / closing frames, heading predicates and figure frames.

Input: every report's slotted clauses and headings (mining/clauses.py), and which report each file is (near
duplicates are one report). A pattern is stock when it occurs in two or more distinct reports; it records them all
(file, line, sentence), how many (support), and whether the other bureaus' reports use it too (scope 通用) or only
education's (scope 教育). Phrasing found only in the other bureaus' reports is not the genre's and is left out.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from generator.library.model import CONTEXT_SLOTS, Phrase, Source
from generator.mining.clauses import SLOT, ClauseRec, HeadingRec, clause_rules
from generator.mining.drain import CHOICE_STEM, Cluster, Member, cluster
from generator.mining.slot import CONTEXT_TYPES, EXAMPLE_CONTEXT, JIEBA, word_tags
from generator.taxonomy.topics import load_topics

MIN_SUPPORT = 2
# Roles of clauses and the phrase kind and id segment their clause patterns get.
CLAUSE_KINDS = {
    "title": ("title", "clause"),
    "opening": ("opening", "clause"),
    "lead": ("lead", "clause"),
    "problems": ("transition", "clause"),
    "plan_lead": ("plan", "clause"),
    "closing": ("closing", "clause"),
    "body": ("measure", "clause"),
}
# A figure at the end of its clause (保持在{{ 百分比1 }}以上: the 以上 goes with the value).
NUMERIC = re.compile(r"{{ (?:数量|百分比|金额)\d }}(?:以上)?$")
# A predicate says how the topic went: it ends in a verb or an adjective (持续深化, 全面落实, 明显改善) or has 新
# (取得新突破), and it does not start with a noun (so 学前教育 + 体制改革 is no predicate).
LAST_POS = frozenset({"v", "a", "ad", "i", "d"})
NOUN_POS = frozenset({"n", "vn", "nr", "ns", "nt", "nz", "b", "l", "f", "m", "r"})
EXAMPLE_VALUES = {
    **EXAMPLE_CONTEXT,
    "项目": "普惠性幼儿园覆盖率",
    "数值": "88.5%",
    "比较": "比上年提高3.2个百分点",
}


@dataclass
class FileClauses:
    """What stock mining needs of one report file."""

    file: str  # the file name the sources give
    report: str  # the report it is (the first file of its near-duplicate group)
    control: bool  # from the other bureaus' control set
    outline: str  # the outline (kind) of the report
    clauses: list[ClauseRec] = field(default_factory=list)
    headings: list[HeadingRec] = field(default_factory=list)
    parts: list[HeadingRec] = field(default_factory=list)  # the headings that divide it into parts


@dataclass
class _Stock:
    """Occurrences of one pattern: (report, control, source) each."""

    seen: list[tuple[str, bool, Source]] = field(default_factory=list)

    def add(self, report: str, control: bool, source: Source) -> None:
        self.seen.append((report, control, source))

    @property
    def support(self) -> int:
        return len({r for r, _, _ in self.seen})

    @property
    def education(self) -> bool:
        return any(not c for _, c, _ in self.seen)

    @property
    def scope(self) -> str:
        return "通用" if any(c for _, c, _ in self.seen) else "教育"

    def sources(self) -> list[Source]:
        return sorted({s for _, _, s in self.seen}, key=lambda s: (s.file, s.line, s.sentence))


def stock_id(kind: str, segment: str, text: str) -> str:
    # A title's id is the one the whole-sentence pattern of the same text gets (title.<outline>.<digest of the
    # text>, miner._mine_document): one title, one id, whichever way it was found.
    said = text if kind == "title" else f"{segment}\n{text}"
    digest = hashlib.sha1(said.encode()).hexdigest()[:8]
    return f"{kind}.{segment}.{digest}"


def example(text: str, choices: dict[str, list[str]]) -> str:
    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in choices:
            return choices[name][0]
        return EXAMPLE_VALUES.get(name, "示例")

    return SLOT.sub(fill, text)


def _phrase(kind, segment, text, slots, stock: _Stock, topics, family="", choices=None) -> Phrase:
    choices = choices or {}
    return Phrase(
        id=stock_id(kind, segment, text),
        kind=kind,
        text=text,
        topics=list(topics) or ["综合"],
        slots=dict(sorted(slots.items())),
        family=family,
        support=stock.support,
        origin="mined",
        sources=stock.sources(),
        example=example(text, choices),
        choices=choices,
        scope=stock.scope,
    )


def _context_only(slots: dict[str, str]) -> bool:
    return all(name in CONTEXT_SLOTS or name.startswith(CHOICE_STEM) for name in slots)


def _topics(texts: Sequence[tuple[str, ...]]) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for topics in texts:
        for topic in topics:
            counts[topic] += 1
    named = sorted((t for t in counts if t != "综合"), key=lambda t: (-counts[t], t))
    return named[:3] or ["综合"]


def mine_stock(files: Sequence[FileClauses], topics_of: Callable[[str], list[str]]) -> list[Phrase]:
    """Every stock pattern of the reports: clauses, frames assembled from them, heading predicates, figure frames."""
    phrases: dict[str, Phrase] = {}

    def keep(phrase: Phrase) -> None:
        if phrase.support >= MIN_SUPPORT and phrase.id not in phrases:
            phrases[phrase.id] = phrase

    rules = clause_rules()
    clusters, where = _clauses(files)
    for role_cluster in clusters:
        stock = where[id(role_cluster)]
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        role = _ROLE_OF[id(role_cluster)]
        kind, segment = CLAUSE_KINDS[role]
        text = role_cluster.text()
        if len(HAN.findall(SLOT.sub("", text))) < 2:
            continue  # 「({{ 措辞1 }})」: nothing of the clause is shared but its brackets
        if role == "title":
            continue  # titles are gathered by clauses.yaml's title_forms (_title_forms), not by their words
        slots = dict(_member_slots(role_cluster))
        choices = {f"{CHOICE_STEM}{n}": words for n, words in enumerate(role_cluster.choices(), start=1)}
        for name in choices:
            slots[name] = "choice"
        family = _opening_part(role_cluster, slots, rules) if role == "opening" else ""
        keep(_phrase(kind, segment, text, slots, stock, _cluster_topics(role_cluster), family, choices))
    for phrase in _stock_phrases(files, {c.text() for c in clusters if where[id(c)].support >= MIN_SUPPORT}):
        keep(phrase)
    for phrase in _frames(files, clusters, where):
        keep(phrase)
    for phrase in _openings(clusters, where):
        keep(phrase)
    for phrase in _heading_predicates(files, topics_of):
        keep(phrase)
    for phrase in _figure_frames(files):
        keep(phrase)
    for phrase in _part_headings(files):
        keep(phrase)
    for phrase in _change_frames(files):
        keep(phrase)
    for phrase in _lead_stances(clusters, where, topics_of):
        keep(phrase)
    for phrase in _frame_clauses(files):
        keep(phrase)
    for phrase in _title_forms(files):
        keep(phrase)
    leads = [p for p in phrases.values() if p.kind in ("lead", "opening")]
    for phrase in _lead_objects(files, topics_of, leads):
        keep(phrase)
    return sorted(phrases.values(), key=lambda p: p.id)


# ---------------------------------------------------------------- clauses and frames

_SLOTS_OF: dict[int, dict[str, str]] = {}
_ROLE_OF: dict[int, str] = {}
HAN = re.compile(r"[\u4e00-\u9fff]")
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# Words a phrase does not start or end with: it would lean on the words around it.
LOOSE_START = frozenset({"的", "和", "与", "及", "并", "等", "了", "是", "在", "为", "对", "把", "将", "以", "地", "得"})
LOOSE_END = frozenset({"的", "和", "与", "及", "并", "为", "对", "把", "将", "以", "关于", "在", "是", "地", "得"})
# A clause found in several places takes its most frequent role; ties go to the earlier role here.
ROLE_ORDER = ("title", "opening", "problems", "plan_lead", "closing", "lead", "body")
_TOPICS_OF: dict[int, list[tuple[str, ...]]] = {}


def _member_slots(c: Cluster) -> dict[str, str]:
    return _SLOTS_OF.get(id(c), {})


def _cluster_topics(c: Cluster) -> list[str]:
    return _topics(_TOPICS_OF.get(id(c), []))


def _clauses(files: Sequence[FileClauses]) -> tuple[list[Cluster], dict[int, _Stock]]:
    _SLOTS_OF.clear()
    _TOPICS_OF.clear()
    items: list[tuple[str, Member]] = []
    info: dict[int, tuple[FileClauses, ClauseRec]] = {}
    for f in files:
        for rec in f.clauses:
            member = Member(f.file, rec.line, rec.sentence, rec.words, f.control)
            info[id(member)] = (f, rec)
            # One tree for all roles: a clause is the same stock wherever a report puts it.
            items.append(("", member))
    rules = clause_rules()
    clusters = cluster(items, rules)
    where: dict[int, _Stock] = {}
    for c in clusters:
        stock = _Stock()
        for member in c.members:
            f, rec = info[id(member)]
            stock.add(f.report, f.control, Source(member.file, member.line, member.sentence))
            _SLOTS_OF.setdefault(id(c), {}).update(rec.slots)
            _TOPICS_OF.setdefault(id(c), []).append(rec.topics)
        where[id(c)] = stock
        roles = Counter(info[id(m)][1].role for m in c.members)
        _ROLE_OF[id(c)] = min(roles, key=lambda r: (-roles[r], ROLE_ORDER.index(r)))
    # Which cluster each clause landed in, for the frames.
    _CLUSTER_OF.clear()
    _SEEN_AS.clear()
    for c in clusters:
        for member in c.members:
            f, rec = info[id(member)]
            _CLUSTER_OF[(f.file, rec.seq, rec.position)] = c
            _SEEN_AS[id(member)] = (f.report, f.control, Source(member.file, member.line, member.sentence))
    return clusters, where


_CLUSTER_OF: dict[tuple[str, int, int], Cluster] = {}
_SEEN_AS: dict[int, tuple[str, bool, Source]] = {}  # each clause member: (report, control, source)


def _frames(files: Sequence[FileClauses], clusters: list[Cluster], where: dict[int, _Stock]) -> list[Phrase]:
    """Whole sentences assembled from stock clauses in the order real reports put them (导语, 不足, 打算, 结尾)."""
    rules = clause_rules()
    out: list[Phrase] = []
    for f in files:
        if f.control:
            continue
        sentences: dict[int, list[ClauseRec]] = defaultdict(list)
        for rec in f.clauses:
            if rec.role in ("problems", "plan_lead", "closing"):
                sentences[rec.seq].append(rec)
        for recs in sentences.values():
            recs.sort(key=lambda r: r.position)
            role = recs[0].role
            stock_recs = [
                (r, _CLUSTER_OF[(f.file, r.seq, r.position)])
                for r in recs
                if where[id(_CLUSTER_OF[(f.file, r.seq, r.position)])].support >= MIN_SUPPORT
                and _context_only(_member_slots(_CLUSTER_OF[(f.file, r.seq, r.position)]))
            ]
            if role == "problems":
                # The transition: the leading run of stock clauses, before the writer's own problems start.
                run = []
                for r in recs:
                    hit = next((x for x in stock_recs if x[0] is r), None)
                    if hit is None:
                        break
                    run.append(hit)
                stock_recs, end = run, ":"
                if len(stock_recs) < 2:
                    continue
            else:
                end = "。"
            if role == "plan_lead" and stock_recs and not rules.plan_lead_start.search(stock_recs[0][1].text()):
                continue
            if role == "opening":
                roles = [_opening_role(c.text(), rules) for _, c in stock_recs]
                if not rules.opening_needs <= set(roles) or len(stock_recs) < rules.opening_min_clauses:
                    continue
            elif len(stock_recs) < 2:
                continue
            members = [c for _, c in stock_recs]
            text, slots, choices = _assemble(stock_recs, end)
            stock = _Stock()
            for c in members:
                stock.seen.extend(where[id(c)].seen)
            support = min(where[id(c)].support for c in members)
            kind, segment = {
                "opening": ("opening", f.outline),
                "problems": ("transition", "problems"),
                "plan_lead": ("plan", "intro"),
                "closing": ("closing", "frame"),
            }[role]
            phrase = _phrase(kind, segment, text, slots, stock, ["综合"], choices=choices)
            phrase.support = support  # a frame is as well supported as its least supported clause
            out.append(phrase)
    return out


def _assemble(
    stock_recs: list[tuple[ClauseRec, Cluster]], end: str
) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """The clauses joined with their own punctuation (the last with ``end``), choice slots numbered afresh."""
    parts: list[str] = []
    slots: dict[str, str] = {}
    choices: dict[str, list[str]] = {}
    for index, (rec, c) in enumerate(stock_recs):
        local = c.choices()
        count = 0

        def renumber(m: re.Match[str], local: list[list[str]] = local) -> str:
            nonlocal count
            name = m.group(1)
            if not name.startswith(CHOICE_STEM):
                return m.group(0)
            count += 1
            new = f"{CHOICE_STEM}{len(choices) + 1}"
            choices[new] = local[int(name[len(CHOICE_STEM) :]) - 1]
            return f"{{{{ {new} }}}}"

        last = index == len(stock_recs) - 1
        parts.append(SLOT.sub(renumber, c.text()) + (end if last else (rec.end if rec.end in ",;:" else ",")))
        slots.update({k: v for k, v in _member_slots(c).items() if not k.startswith(CHOICE_STEM)})
    slots.update({name: "choice" for name in choices})
    return "".join(parts), slots, choices


OPENING_FRAMES = 3  # openings assembled from the best, second and third clause of each part


def _openings(clusters: list[Cluster], where: dict[int, _Stock]) -> list[Phrase]:
    """导语 frames: a time clause, then leadership, guidance, task and verdict, each the stock clause of its part.

    Real openings run in this order (time + 在……领导下 + 以……为指导 + 全面贯彻…… + 取得……成效 + 现将……如下);
    their clauses recur across reports though the whole sentence never does. A frame takes the n-th best
    (most reports) clause of each part; a half-year frame opens with the half ({{ 年度 }}年{{ 半年 }}). Its support
    is that of its least supported clause; its sources are all of its clauses'.
    """
    rules = clause_rules()
    by_role: dict[str, list[Cluster]] = defaultdict(list)
    for c in clusters:
        stock = where[id(c)]
        if stock.support < MIN_SUPPORT or not stock.education or _ROLE_OF[id(c)] != "opening":
            continue
        slots = _member_slots(c)
        if not _context_only(slots) or len(HAN.findall(SLOT.sub("", c.text()))) < 2:
            continue
        role = _opening_role(_wording(c), rules)
        if role:
            by_role[role].append(c)
    for members in by_role.values():
        members.sort(key=lambda c: (-where[id(c)].support, c.text()))
    order = [role for role, _ in rules.opening_roles if role != "report"]
    halves = [c for c in by_role.get("time", []) if "{{ 半年 }}" in c.text()]
    years = [c for c in by_role.get("time", []) if "{{ 半年 }}" not in c.text()]
    out: list[Phrase] = []
    for segment, times in (("frame", years), ("half_year", halves)):
        for n in range(OPENING_FRAMES):
            parts: list[tuple[ClauseRec, Cluster]] = []
            for role in order:
                pool = times if role == "time" else by_role.get(role, [])
                if pool:
                    c = pool[min(n, len(pool) - 1)]
                    parts.append((_COMMA, c))
            if not parts or _opening_role(_wording(parts[0][1]), rules) != "time":
                continue
            if not rules.opening_needs <= {_opening_role(_wording(c), rules) for _, c in parts}:
                continue
            text, slots, choices = _assemble(parts, "。")
            stock = _Stock()
            for _, c in parts:
                stock.seen.extend(where[id(c)].seen)
            phrase = _phrase("opening", segment, text, slots, stock, ["综合"], choices=choices)
            phrase.support = min(where[id(c)].support for _, c in parts)
            out.append(phrase)
    return out


_COMMA = ClauseRec("opening", "", (), ",", 0, 0, 0, 0, ())


def _opening_part(c: Cluster, slots: dict[str, str], rules) -> str:
    """The part of a 导语 a stock clause is (family opening.time, opening.leadership, …), read off its most frequent
    wording by clauses.yaml's opening_parts; "" for a clause of no part or with a fact in it (the composer skips it)."""
    if not _context_only(slots):
        return ""
    wording = _wording(c)
    part = next((name for name, pattern in rules.opening_parts if pattern.search(wording)), "")
    return f"opening.{part}" if part else ""


def _opening_role(text: str, rules) -> str:
    return next((role for role, pattern in rules.opening_roles if pattern.search(text)), "")


def _wording(c: Cluster) -> str:
    """A clause template read with its most frequent wordings (for telling what part of an opening it is)."""
    words = iter(choice[0] for choice in c.choices())
    return "".join(w if w is not None else next(words) for w in c.words)


# ---------------------------------------------------------------- phrases inside clauses


def _stock_phrases(files: Sequence[FileClauses], whole: set[str]) -> list[Phrase]:
    """Runs of words shared by clauses of two or more reports (全面贯彻党的教育方针), longest first, no facts."""
    rules = clause_rules()
    # Where each clause wording occurs; a wording that recurs gives the same runs every time, found once.
    occurrences: dict[tuple[str, ...], list[tuple[str, bool, Source]]] = {}
    for f in files:
        for rec in f.clauses:
            if rec.role != "title":
                occurrences.setdefault(rec.words, []).append((f.report, f.control, Source(f.file, rec.line, rec.sentence)))
    seen: dict[tuple[str, ...], _Stock] = defaultdict(_Stock)
    for words, places in occurrences.items():
        for span in _runs(words, rules.phrase_words):
            seen[span].seen.extend(places)
    # (most runs occur once: len(seen), which support never exceeds, rules them out before support counts reports)
    stock = {
        span: s for span, s in seen.items() if len(s.seen) >= MIN_SUPPORT and s.support >= MIN_SUPPORT and s.education
    }
    # A run inside a longer stock run found in as many reports is the same phrase: only the longest is kept.
    covered: dict[tuple[str, ...], int] = {}
    for span, s in stock.items():
        for inner in (span[:-1], span[1:]):
            covered[inner] = max(covered.get(inner, 0), s.support)
    out = []
    for span, s in stock.items():
        text = "".join(span)
        if len(text) < rules.phrase_chars or text in whole or not HAN.match(text):
            continue
        if covered.get(span, 0) >= s.support:
            continue
        out.append(_phrase("measure", "phrase", text, {}, s, ["综合"]))
    return out


def _runs(words: tuple[str, ...], least: int) -> set[tuple[str, ...]]:
    """The runs of a clause's words that may be a phrase: no slot in them, not leaning on the words around.

    The start or the end of a clause (以习近平新时代中国特色社会主义思想为指导 of 坚持以……为指导): a run from the
    middle of a clause is rarely a phrase of its own.
    """
    n = len(words)
    slots = [k for k, w in enumerate(words) if w.startswith("{{")]
    runs = set()
    for i, j in [(0, j) for j in range(least, n)] + [(i, n) for i in range(1, n - least + 1)]:
        if words[i] in LOOSE_START or words[j - 1] in LOOSE_END or slots and any(i <= k < j for k in slots):
            continue
        runs.add(words[i:j])
    return runs


# ---------------------------------------------------------------- headings


def _heading_predicates(files: Sequence[FileClauses], topics_of: Callable[[str], list[str]]) -> list[Phrase]:
    """{{ 主题 }}持续深化: a heading's last words that other reports put after other topics; 着力提升{{ 主题 }} in plans."""
    rules = clause_rules()
    # Every heading level gives predicates: level 1, 2 and run-in 3 use the same topic + predicate shape. So do short
    # clauses of the text (办学条件明显改善, 各项工作稳步推进): the same collocation, said in a sentence.
    # A clause gives only topic-first predicates: a verb-first clause (全面贯彻党的教育方针) is no heading.
    said: list[tuple[FileClauses, HeadingRec, Source, bool]] = [
        (f, h, Source(f.file, h.line, 0), True) for f in files for h in f.headings
    ]
    said += [
        (f, HeadingRec(rec.text, 0, False, rec.line), Source(f.file, rec.line, rec.sentence), False)
        for f in files
        for rec in f.clauses
        if rec.role in ("body", "lead")
        and not rec.slots
        and rules.heading_min <= len(rec.text) <= rules.heading_max
        and HAN_ONLY.match(rec.text)
    ]
    cut = {h.text: JIEBA.cut(h.text) for _, h, _, _ in said}
    tags = word_tags(frozenset(w for words in cut.values() for w in words))
    found: dict[tuple[str, int, bool, str], _Stock] = defaultdict(_Stock)
    prefixes: dict[tuple[str, int, bool, str], set[str]] = defaultdict(set)
    for f, h, source, heading in said:
        words = [(w, tags[w]) for w in cut[h.text]]
        level = 0
        for k in range(1, min(3, len(words) - 1) + 1):
            # Topic first, predicate after: 党建引领 + 持续深化.
            predicate, topic = "".join(w for w, _ in words[-k:]), "".join(w for w, _ in words[:-k])
            tail = words[-k:]
            if (
                len(predicate) >= rules.predicate_min
                and len(topic) >= rules.topic_min
                and (tail[-1][1] in LAST_POS or "新" in predicate)
                and (tail[0][1] not in NOUN_POS or tail[0][0] in rules.adverbs)
                and tail[0][0] not in LOOSE_START
                and topics_of(predicate) == ["综合"]
            ):
                key = ("after", level, h.plan, predicate)
                found[key].add(f.report, f.control, source)
                prefixes[key].add(topic)
            # Verb first, topic after (plans): 着力提升 + 教育质量.
            verb, rest = "".join(w for w, _ in words[:k]), "".join(w for w, _ in words[k:])
            if (
                heading
                and len(verb) >= rules.predicate_min
                and len(rest) >= rules.topic_min
                and k >= 2
                and all(flag in LAST_POS for _, flag in words[:k])
                and topics_of(verb) == ["综合"]
            ):
                key = ("before", level, h.plan, verb)
                found[key].add(f.report, f.control, source)
                prefixes[key].add(rest)
        # The level-1 family's shape (two-character verb + 新 + noun) is read off the characters, not the words:
        # jieba cuts 党建工作开创新局面 as 开 / 创新 / 局面.
        for size in (5, 6):
            predicate, topic = h.text[-size:], h.text[:-size]
            # (No topic test on the predicate: 开创新局面 holds 创新, a keyword of 教育改革, only across its words.)
            if len(topic) >= rules.topic_min and rules.level1_shape.match(predicate):
                key = ("after", 0, h.plan, predicate)
                found[key].add(f.report, f.control, source)
                prefixes[key].add(topic)
    out = []
    for key, stock in found.items():
        side, level, plan, words_ = key
        if stock.support < MIN_SUPPORT or len(prefixes[key]) < 2 or not stock.education:
            continue
        text = "{{ 主题 }}" + words_ if side == "after" else words_ + "{{ 主题 }}"
        # The topics it collocates with: those a report named before it by the very words a draft writes for the
        # topic (its short name: 办学条件 + 明显改善), so that the heading a draft writes is one a report wrote. A
        # topic merely hinted at (安全责任 + 全面落实 is no 平安校园全面落实; 党风廉政 + 不断提升 is no
        # 党建引领不断提升) is not a collocation.
        topics = sorted({t for topic in prefixes[key] if (t := _named_topic(topic))})
        # Verb-first headings (着力提升{{ 主题 }}) stay out of the families: with the writer's topic in the heading,
        # their first measure repeats it (着力提升普通高中办学品质。推进普通高中办学品质……).
        # Nor does a predicate that praises: the family words headings of any topic, with or without data.
        family = (
            f"mined.{'plan' if plan else 'work'}2"
            if side == "after" and not rules.family_praise.search(words_) and not rules.family_narrow.search(words_)
            else ""
        )
        out.append(_phrase("heading2", "predicate", text, {"主题": "text"}, stock, topics[:6] or ["综合"], family))
        if side == "after" and rules.level1_shape.match(words_):
            # ……取得新突破 / ……呈现新气象: the genre's level-1 family (凸显新成效, 实现新提升).
            family = f"mined.{'plan' if plan else 'work'}1"
            out.append(_phrase("heading1", "predicate", text, {"主题": "text"}, stock, topics[:6] or ["综合"], family))
    return out


def _named_topic(text: str) -> str:
    """The taxonomy topic whose short name a heading's subject is (办学条件, 办学条件工作 → 办学条件), or ""."""
    return _topic_names().get(text) or _topic_names().get(text.removesuffix("工作"), "")


@lru_cache(maxsize=1)
def _topic_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for topic in load_topics():
        names.setdefault(topic.short, topic.name)
    return names


# ---------------------------------------------------------------- figures


def _figure_frames(files: Sequence[FileClauses]) -> list[Phrase]:
    """{{ 项目 }}达到{{ 数值 }},{{ 比较 }}。: how reports put a figure, and a change on the year, into words."""
    rules = clause_rules()
    found: dict[str, _Stock] = defaultdict(_Stock)
    for f in files:
        by_place = {(r.seq, r.position): r for r in f.clauses}
        for rec in f.clauses:
            if rec.role != "body" or not NUMERIC.search(rec.text):
                continue
            item = NUMERIC.sub("", rec.text)
            if SLOT.sub("", item) != item.replace("{{ 区划 }}", "") or not item:
                # Only the writing unit's division may stand in the item; any other slot is a fact.
                if "{{" in item.replace("{{ 区划 }}", ""):
                    continue
            prefix = ""
            division = rules.figure_division.match(item)
            if division:
                prefix, item = "全{{ 区划 }}", item[division.end() :]
            verb = next((v for v in rules.figure_verbs if item.endswith(v) and len(item) > len(v) + 1), "")
            item = item[: len(item) - len(verb)] if verb else item
            if len(item) < 2 or "{{" in item:
                continue
            text = f"{prefix}{{{{ 项目 }}}}{verb}{{{{ 数值 }}}}"
            after = by_place.get((rec.seq, rec.position + 1))
            if after is not None and rec.end == "," and rules.figure_compare.match(after.text):
                text += ",{{ 比较 }}"
            text += "。"
            found[text].add(f.report, f.control, Source(f.file, rec.line, rec.sentence))
    out = []
    for text, stock in found.items():
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        slots = {"项目": "text", "数值": "quantity"}
        if "{{ 比较 }}" in text:
            slots["比较"] = "text"
        if "{{ 区划 }}" in text:
            slots["区划"] = "text"
        out.append(_phrase("achievement", "figure", text, slots, stock, ["综合"]))
    return out


def _change_frames(files: Sequence[FileClauses]) -> list[Phrase]:
    """比上年增加{{ 数值 }} / 同比增长{{ 数值 }}: how reports say a figure's change on the year, by comparison and verb.

    The clause after a figure (or standing alone) that says its change: the comparison word and the verb are the
    frame, the amount is the writer's. Typed by relation: increase, growth, rise, fall (the verb says which)."""
    rules = clause_rules()
    found: dict[str, _Stock] = defaultdict(_Stock)
    for f in files:
        for rec in f.clauses:
            if rec.role != "body":
                continue
            m = rules.change_frame.match(rec.text)
            if m is None:
                continue
            text = f"{m.group('label')}{m.group('verb')}{{{{ 数值 }}}}"
            found[text].add(f.report, f.control, Source(f.file, rec.line, rec.sentence))
    return [
        _phrase("achievement", "change", text, {"数值": "quantity"}, stock, ["综合"])
        for text, stock in found.items()
        if stock.support >= MIN_SUPPORT and stock.education
    ]


def _lead_stances(
    clusters: list[Cluster], where: dict[int, _Stock], topics_of: Callable[[str], list[str]]
) -> list[Phrase]:
    """坚持教育优先发展战略 / 加大教育投入 / 落实立德树人根本任务: stance clauses a section's lead is made of, by topic.

    A clause found in two or more reports (in a 导语, a lead or a measure: the genre says its stance in the same
    words wherever it stands) that opens like a stance (坚持, 以……为……, 落实, 加大, 提升……) and has no slot: the topics
    are those its own words name (taxonomy keywords, then clauses.yaml lead_stance.topics); a clause that names
    no topic is no lead of any section."""
    rules = clause_rules()
    out = []
    for c in clusters:
        stock = where[id(c)]
        text = c.text()
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        # A wording slot is kept only where every wording reads alone (以提高质量为核心 / 目标), not a cut word (稳).
        choices = {f"{CHOICE_STEM}{n}": words for n, words in enumerate(c.choices(), start=1)}
        if any(len(w) < 2 for words in choices.values() for w in words):
            continue
        if set(SLOT.findall(text)) - choices.keys():
            continue  # a fact or context slot: no stance of the genre
        plain = SLOT.sub("", text)
        if not rules.stance_min <= len(plain) <= rules.stance_max or not HAN_ONLY.match(plain):
            continue
        # The shape is read off every wording (全面{{ 措辞1 }}依法治教: 全面推进依法治教 opens like an action).
        wordings = [example(text, {n: [w] for n, w in zip(choices, pick, strict=True)}) for pick in product(*choices.values())]
        if not any(rules.stance_shape.search(w) for w in wordings) or rules.stance_not.search(text):
            continue
        topics = _lead_topics(example(text, choices), topics_of)
        if not topics:
            continue
        # The stance (坚持……, 以……为……) leads; the action (加大教育投入) follows it: the composer orders them so.
        segment = "stance" if rules.stance_first.search(text) else "action"
        slots = {name: "choice" for name in choices}
        out.append(_phrase("lead", segment, text, slots, stock, topics[:6], choices=choices))
    return out


def _lead_topics(wording: str, topics_of: Callable[[str], list[str]]) -> list[str]:
    """The topics a lead's words name: the taxonomy's keywords first, then clauses.yaml lead_stance.topics."""
    topics = [t for t in topics_of(wording) if t != "综合"]
    for pattern, named in clause_rules().stance_topics:
        if pattern.search(wording):
            topics += [t for t in named if t not in topics]
    return topics


def _lead_objects(
    files: Sequence[FileClauses], topics_of: Callable[[str], list[str]], leads: Sequence[Phrase]
) -> list[Phrase]:
    """{{ 措辞1 }}素质教育 (深入推进 / 全面推进): a section's lead action, by what it acts on.

    Whole action clauses rarely recur (扎实推进教育教学改革 in one report, 狠抓教育教学改革 in another), what they act
    on does: a clause, or one item of a clause's 、 list, that is an action verb (after adverbs: 深入推进, 进一步强化)
    and then its object, the object naming a topic (taxonomy keywords, then clauses.yaml lead_stance.topics), found
    so in two or more reports. The object is the pattern's fixed text, the verbs the reports used its choices (the
    most frequent first); one verb in every report is fixed text too. An object a lead or 导语 clause already says
    (提高教育质量, 加大教育投入) gives nothing: that would be one wording twice."""
    rules = clause_rules()
    pieces: list[tuple[FileClauses, ClauseRec, tuple[str, ...]]] = []
    shortest = rules.object_min + 2  # a two-character verb and the object
    for f in files:
        for rec in f.clauses:
            if rec.role == "title" or len(rec.text) < shortest:
                continue
            if "、" not in rec.text:
                if "{{" not in rec.text and len(rec.words) > 1:
                    pieces.append((f, rec, rec.words))
                continue
            piece: list[str] = []
            for word in (*rec.words, "、"):
                if word != "、":
                    piece.append(word)
                    continue
                if len(piece) > 1 and not any(w.startswith("{{") for w in piece):
                    pieces.append((f, rec, tuple(piece)))
                piece = []
    tags = word_tags(frozenset(w for _, _, words in pieces for w in words[: rules.object_verb_words + 1]))
    found: dict[str, _Stock] = defaultdict(_Stock)
    verbs: dict[str, Counter[str]] = defaultdict(Counter)
    counted: set[tuple[str, str, Source]] = set()
    for f, rec, words in pieces:
        words = words[1:] if rules.object_skip.fullmatch(words[0]) else words
        k = 0
        while k < len(words) and (tags.get(words[k]) in OBJECT_VERB_POS or words[k] in rules.adverbs):
            k += 1
        if not 1 <= k <= rules.object_verb_words or tags.get(words[k - 1]) not in ("v", "vd"):
            continue
        verb, thing = "".join(words[:k]), "".join(words[k:])
        if not (rules.object_min <= len(thing) <= rules.object_max and HAN_ONLY.match(thing) and HAN_ONLY.match(verb)):
            continue
        if not rules.object_verbs.search(verb) or rules.object_not.search(thing) or words[k] in LOOSE_START:
            continue
        source = Source(f.file, rec.line, rec.sentence)
        if (thing, verb, source) in counted:
            continue  # the one sentence read twice (a paragraph's lead and its first item)
        counted.add((thing, verb, source))
        found[thing].add(f.report, f.control, source)
        verbs[thing][verb] += 1
    said = [example(p.text, {n: [w] for n, w in zip(p.choices, pick, strict=True)})
            for p in leads for pick in product(*p.choices.values())]
    out = []
    for thing, stock in sorted(found.items()):
        if stock.support < MIN_SUPPORT or not stock.education or any(w.endswith(thing) for w in said):
            continue
        topics = _lead_topics(thing, topics_of)
        if not topics:
            continue
        counts = verbs[thing]
        words_ = sorted(counts, key=lambda w: (-counts[w], w))
        choices = {f"{CHOICE_STEM}1": words_} if len(words_) > 1 else {}
        text = (f"{{{{ {CHOICE_STEM}1 }}}}" if choices else words_[0]) + thing
        segment = "stance" if rules.stance_first.search(words_[0]) else "action"
        slots = {name: "choice" for name in choices}
        out.append(_phrase("lead", segment, text, slots, stock, topics[:6], choices=choices))
    return out


# Parts of speech of the words before an action's object: verbs and adverbs (大力 / 实施, 进一步 / 强化).
OBJECT_VERB_POS = frozenset({"v", "vd", "d", "ad"})


# ---------------------------------------------------------------- part headings


def _part_headings(files: Sequence[FileClauses]) -> list[Phrase]:
    """The part headings that turn a report to its 不足 or its 打算 ({{ 下期 }}工作{{ 措辞1 }}: 下半年工作计划,
    2021年工作思路, 2026年工作打算), one pattern a kind by clauses.yaml's part_headings; the words reports differ
    in are its choices, the most frequent first. Kind transition, id segment plan_part / problems_part."""
    rules = clause_rules()
    found: dict[str, _Stock] = defaultdict(_Stock)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[str, str] = {}
    for f in files:
        for heading in f.parts:
            for kind, pattern, text in rules.part_headings:
                m = pattern.match(heading.text)
                if m:
                    found[kind].add(f.report, f.control, Source(f.file, heading.line, 0))
                    words[kind][m.group("word")] += 1
                    texts[kind] = text
                    break
    out = []
    for kind, stock in sorted(found.items()):
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        text = texts[kind]
        counts = words[kind]
        choices = {f"{CHOICE_STEM}1": sorted(counts, key=lambda w: (-counts[w], w))}
        slots = {name: CONTEXT_TYPES.get(name, "text") for name in SLOT.findall(text) if not name.startswith(CHOICE_STEM)}
        slots.update({name: "choice" for name in choices})
        out.append(_phrase("transition", f"{kind}_part", text, slots, stock, ["综合"], f"part.{kind}", choices))
    return out


# ---------------------------------------------------------------- titles by form


def _title_forms(files: Sequence[FileClauses]) -> list[Phrase]:
    """The genre's titles by form (clauses.yaml title_forms): {{ 单位 }}{{ 年度 }}年工作总结{{ 措辞1 }}{{ 下期 }}工作
    {{ 措辞2 }} for 县教育局2023年工作总结和2024年工作计划, 教育局2022年工作总结及2023年工作思路, 2023年县教育局工作
    总结与2024年工作计划打算 alike. Titles are short and their wordings few, but the unit, the year and the site's
    decorations stand in different places in each ((5篇)教育局2024年工作总结): drain's fixed-length tree cannot join
    them, a form can. Each form's fixed words stand in every source; its named groups are the choices. Support counts
    distinct reports; a form only the control set matches gives nothing; each title counts for its first form."""
    rules = clause_rules()
    found: dict[int, _Stock] = defaultdict(_Stock)
    words: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for f in files:
        for rec in f.clauses:
            if rec.role != "title":
                continue
            title = rules.title_decoration.sub("", rec.text)
            for index, (_, pattern, _) in enumerate(rules.title_forms):
                m = pattern.fullmatch(title)
                if m:
                    found[index].add(f.report, f.control, Source(f.file, rec.line, rec.sentence))
                    for group, word in m.groupdict().items():
                        if word:
                            words[index][group][word] += 1
                    break
    out = []
    for index, stock in sorted(found.items()):
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        outline, _, text = rules.title_forms[index]
        choices = {
            f"{CHOICE_STEM}{group[1:]}": sorted(counts, key=lambda w: (-counts[w], w))
            for group, counts in sorted(words[index].items())
        }
        slots = {name: CONTEXT_TYPES.get(name, "text") for name in SLOT.findall(text) if not name.startswith(CHOICE_STEM)}
        slots.update({name: "choice" for name in choices})
        out.append(_phrase("title", outline, text, slots, stock, ["综合"], choices=choices))
    return out


# ---------------------------------------------------------------- frame clauses by rule


def _frame_clauses(files: Sequence[FileClauses]) -> list[Phrase]:
    """The frame clauses clauses.yaml's frame_clauses gather by rule: the report's 主线 in the 导语 (紧扣“{{ 主线 }}”工作
    思路), the 导语's turn that names the 打算 too (现将……及下半年工作计划汇报如下), the closing's goal (推动教育高质量
    发展) and occasion (以……为契机). Wordings reports write differently, slightly, which drain's fixed-length tree
    cannot join; each rule's fixed words stand in every source, its named groups (w1, w2…) become the choices
    {{ 措辞1 }}, {{ 措辞2 }}… (most frequent first). Support counts distinct reports; a rule only the control set
    matches gives nothing."""
    rules = clause_rules()
    out = []
    for rule in rules.frame_clauses:
        stock = _Stock()
        words: dict[str, Counter[str]] = defaultdict(Counter)
        for f in files:
            for rec in f.clauses:
                m = rule.pattern.match(rec.text)
                if not m:
                    continue
                stock.add(f.report, f.control, Source(f.file, rec.line, rec.sentence))
                for group, word in m.groupdict().items():
                    if word:
                        words[group][word] += 1
        if stock.support < MIN_SUPPORT or not stock.education:
            continue
        choices = {
            f"{CHOICE_STEM}{group[1:]}": sorted(counts, key=lambda w: (-counts[w], w))
            for group, counts in sorted(words.items())
        }
        slots = {
            name: CONTEXT_TYPES.get(name, "text") for name in SLOT.findall(rule.text) if not name.startswith(CHOICE_STEM)
        }
        slots.update({name: "choice" for name in choices})
        out.append(_phrase(rule.kind, rule.segment, rule.text, slots, stock, list(rule.topics), rule.family, choices))
    return out
