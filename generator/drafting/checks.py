"""The draft checker: what a reviewer would strike out, found mechanically in any draft of a facts file.

Rules (WRITING.md): every number is a fact or computed from facts; no heading level with a single child; no two
sibling headings on one topic; no 「达到0」 style zeros; no figure clause repeating its measure's words; no
比上年/较上年/同比 twice in a sentence; no percentage with more decimals than asked; no evaluation without a rise,
a met target, an honour or a zero of something bad behind it; no 一是 chain past five; no stock phrase twice
in a section. ``check_draft`` works on a composed Draft; ``blocks_from_markdown`` reads a draft saved as .md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from generator.drafting.model import Block, Span
from generator.drafting.variation import Context, writer_strings
from generator.drafting.wording import fewer_is_better
from generator.taxonomy.topics import load_topics, term_grams

if TYPE_CHECKING:
    from generator.facts.model import Facts, Figure

RULES: dict[str, str] = {
    "invented_number": "草稿中有事实文件以外的数字",
    "single_child": "这一级只有一个标题",
    "duplicate_topic": "同一级有两个标题说的是同一个领域",
    "zero": "「达到0」「为0」式的零",
    "repeated_measure_words": "数字分句重复了举措的话",
    "compare_twice": "一句话里两次「比上年/较上年/同比」",
    "decimals": "百分数的小数位多于要求",
    "unsupported_evaluation": "评价没有数据或荣誉支撑",
    "long_chain": "一是……的列举超过五项",
    "repeated_phrase": "同一部分里同一说法出现两次",
    "honour_quotes": "荣誉称号的引号用法不对(GB/T 15834)",
}

NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_PERCENT = re.compile(r"(?<![\d.])(\d+\.(\d+))(?=%|\uff05|个百分点)")
_ZERO = re.compile(r"(?<![\d.])0(?![\d.])\s*(?=[\u4e00-\u9fff%\uff05])")
_SENTENCE = re.compile(r"[^。;；!！?？]+")
_CLAUSE = re.compile(r"[^,，。;；!！?？:：]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_COMPARE = ("比上年", "较上年", "同比")
# Evaluation wording (WRITING.md's table and the genre's stock verdicts).
EVALUATION = (
    "得到上级肯定",
    "得到上级充分肯定",
    "充分肯定",
    "良好发展态势",
    "发展态势持续向好",
    "取得新进展",
    "成效进一步显现",
    "成效显著",
    "成效明显",
    "进一步提升",
    # The rise predicates the body closes with (templates/predicates.yaml rise): praise, so data must back them.
    "进一步提高",
    "稳步提升",
    "不断提升",
    "持续扩大",
    "稳步提高",
    "完成目标任务",
    "圆满完成",
    "显著提升",
    "明显改善",
    "得到上级部门认可",
    "稳中有进",
    "发展势头良好",
    "进一步筑牢",
    "工作底线",
)
# What supports it, as said in a draft: a rise, a met target, an honour, a zero of something bad.
_RISE = re.compile(r"(?:比上年|较上年|同比)(?:增加|增长|提高)|(?:比上年|较上年|同比)(?:减少|下降)")
_MET = re.compile(r"超额完成|完成(?:年度|全年)?目标(?!的)|达到(?:年度|全年)?目标|高于目标")
_HONOUR = re.compile(r"(?:获评|被评为|荣获|获得|被授予|被命名为)[^。]*?“")
_GOOD_ZERO = re.compile(r"零辍学|未发生|全部消除|实现清零")


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would strike: which rule, where (the block's text, cut short) and what."""

    rule: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{RULES[self.rule]}:{self.detail}(见「{self.where[:30]}」)"


# ------------------------------------------------------------------ numbers


def _figures(facts: Facts) -> list[Figure]:
    areas = [*facts.work, *facts.plans]
    figs = [f for a in areas for f in a.data] + [f for a in areas for m in a.measures for f in m.data]
    figs += list(facts.figures) + [g for g in facts.goals if not isinstance(g, str)]
    return figs + [p for f in figs for p in f.parts]


def _dec(x: object) -> Decimal | None:
    try:
        return Decimal(str(x))
    except (InvalidOperation, ValueError):
        return None


def allowed_numbers(facts: Facts, raw: str = "") -> set[Decimal]:
    """Every number a draft of these facts may hold: the writer's, and what is computed from them."""
    allowed: set[Decimal] = {Decimal(n) for n in NUMBER.findall(raw)}
    allowed |= {Decimal(facts.year), Decimal(facts.year + 1), Decimal(facts.year - 1)}
    if facts.date:
        allowed |= {Decimal(facts.date.year), Decimal(facts.date.month), Decimal(facts.date.day)}
    texts = [
        facts.unit,
        facts.region,
        facts.title or "",
        facts.opening or "",
        facts.closing or "",
        facts.approach or "",
    ]
    texts += [
        facts.theme or "",
        facts.campaign or "",
        facts.stage or "",
        *facts.problems,
        *(str(g) for g in facts.goals),
    ]
    areas = [*facts.work, *facts.plans]
    for area in areas:
        texts += [area.topic, area.heading or ""]
        texts += [m.text + (m.result or "") for m in area.measures]
        texts += [
            h.name + h.winner + h.count
            for h in [*area.honours, *(h for m in area.measures for h in m.honours)]
        ]
    texts += [h.name + h.winner + h.count for h in facts.honours]
    for fig in _figures(facts):
        texts += [fig.item, fig.written]
    for text in texts:
        allowed |= {Decimal(n) for n in NUMBER.findall(text)}
    # Counts the draft may state: how many honours (by level), problems, goals, measures or figures there are.
    counts = [len(facts.honours), len(facts.problems), len(facts.goals)]
    counts += [len(a.measures) + len(a.data) + len(a.honours) for a in areas]
    allowed |= {Decimal(n) for n in range(0, max(counts, default=0) + 1)}
    for fig in _figures(facts):
        for x in (fig.value, fig.previous, fig.target, fig.stated_growth):
            d = _dec(x) if x is not None else None
            if d is not None:
                allowed.add(d)
        v = _dec(fig.value) if fig.value is not None else None
        if v is None:
            continue
        for other in (fig.previous, fig.target):
            o = _dec(other) if other is not None else None
            if o is None:
                continue
            allowed.add(abs(v - o))
            if o:
                for ratio in (abs(v - o) / abs(o) * 100, v / o * 100):
                    for places in range(0, 3):
                        step = Decimal(1).scaleb(-places)
                        allowed.add(ratio.quantize(step, rounding=ROUND_HALF_UP))
    return {a.normalize() for a in allowed}


# ------------------------------------------------------------------ reading a draft


def blocks_from_markdown(text: str) -> list[Block]:
    """A draft saved as Markdown (zongjie generate -o 草稿.md) as blocks: # title, ## … headings, paragraphs."""
    blocks: list[Block] = []
    marker = re.compile(
        r"^((?:[一二三四五六七八九十]+、)|(?:[（(][一二三四五六七八九十]+[）)])|(?:\d+\\?\.)|(?:[（(]\d+[）)]))"
    )
    for raw in text.split("\n\n"):
        line = raw.strip().replace("**", "")
        if not line:
            continue
        if line.startswith("# "):
            blocks.append(Block("title", [Span(line[2:])]))
        elif line.startswith("##"):
            level = len(line) - len(line.lstrip("#")) - 1
            body = line.lstrip("#").strip()
            found = marker.match(body)
            mark = found.group(1) if found else ""
            blocks.append(
                Block("heading", [Span(body[len(mark) :])], level=level, marker=mark.replace("\\", ""))
            )
        else:
            blocks.append(Block("paragraph", [Span(line.replace("\\", ""))]))
    return blocks


# ------------------------------------------------------------------ the rules


def check_draft(blocks: Sequence[Block], facts: Facts, *, decimals: int = 1, raw: str = "") -> list[Finding]:
    """Everything in a draft that breaks one of the rules above; [] for a clean draft."""
    findings: list[Finding] = []
    writer = writer_strings(facts)
    findings += _numbers(blocks, facts, raw)
    findings += _headings(blocks)
    findings += _zeros(blocks)
    own = tuple(a.topic for a in [*facts.work, *facts.plans])
    findings += _measure_words(blocks, writer, own)
    findings += _compare(blocks)
    findings += _decimals(blocks, facts, decimals)
    findings += _evaluation(blocks, writer, facts)
    findings += _chains(blocks)
    findings += _phrases(blocks, writer, own)
    findings += _quotes(blocks)
    return findings


_VERB_IN_QUOTES = re.compile(r"“[^”]{0,40}?(?:获评|被评为|荣获|获得|评为)[^”]*”")


def _quotes(blocks: Sequence[Block]) -> list[Finding]:
    """Titles in “ ”, nothing between consecutive ones, never a verb inside the quotes."""
    found = []
    for block in _body(blocks):
        text = _plain(block)
        found += [Finding("honour_quotes", block.text, m.group(0)) for m in _VERB_IN_QUOTES.finditer(text)]
        found += [Finding("honour_quotes", block.text, "”、“") for _ in re.finditer("”、“", text)]
    return found


def _body(blocks: Iterable[Block]) -> Iterable[Block]:
    return (b for b in blocks if b.kind == "paragraph")


def _plain(block: Block) -> str:
    """The block's text without its placeholders (a hole names an item; it says nothing)."""
    return "".join(s.text for s in block.spans if not s.placeholder)


def _numbers(blocks: Sequence[Block], facts: Facts, raw: str) -> list[Finding]:
    allowed = allowed_numbers(facts, raw)
    found = []
    for block in blocks:
        for n in NUMBER.findall(_plain(block)):
            if Decimal(n).normalize() not in allowed:
                found.append(Finding("invented_number", block.text, n))
    return found


def _topic_of(text: str) -> str:
    """The taxonomy topic a heading names (by name, short or alias), or ""."""
    best = ("", 0)
    for topic in load_topics():
        for term in (topic.name, topic.short, *topic.aliases):
            if len(term) >= 2 and term in text and len(term) > best[1]:
                best = (topic.name, len(term))
    return best[0]


def _headings(blocks: Sequence[Block]) -> list[Finding]:
    """Single children and duplicate topics, among the headings under one parent (a part ends every level)."""
    found: list[Finding] = []
    groups: list[list[Block]] = []
    open_groups: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind != "heading":
            continue
        level = block.level
        if level <= 1 and not block.marker:  # a part (下半年工作打算): every level starts again
            open_groups = {}
            continue
        for deeper in [lv for lv in open_groups if lv > level]:
            del open_groups[deeper]
        if level not in open_groups:
            open_groups[level] = []
            groups.append(open_groups[level])
        open_groups[level].append(block)
    for unit in _units(blocks):
        # A run-in 一是 (or a chain) with no 二是 under the same heading is a single child too.
        text = "".join(_plain(b) for b in unit)
        if "一是" in text and "二是" not in text:
            found.append(Finding("single_child", unit[0].text, "只有「一是」"))
    for group in groups:
        if len(group) == 1:
            found.append(Finding("single_child", group[0].text, group[0].text))
        seen: dict[str, str] = {}
        for block in group:
            topic = _topic_of("".join(s.text for s in block.spans))
            if topic and topic in seen:
                found.append(Finding("duplicate_topic", block.text, f"{seen[topic]} / {block.text}"))
            elif topic:
                seen[topic] = block.text
    return found


def _zeros(blocks: Sequence[Block]) -> list[Finding]:
    return [
        Finding("zero", b.text, m.group(0) + b.text[m.end() : m.end() + 2])
        for b in blocks
        for m in _ZERO.finditer(_plain(b))
    ]


def _measure_words(blocks: Sequence[Block], writer: Sequence[str], own: Sequence[str] = ()) -> list[Finding]:
    """A figure clause (words and a number) repeating four characters or more of an earlier clause of its sentence
    or of the sentence before (基层党组织完成换届…基层党组织换届5个); the field's terms do not count."""
    found = []
    terms = term_grams() | {t[i : i + 4] for t in own for i in range(len(t) - 3)}
    for block in _body(blocks):
        previous = ""
        for sentence in _SENTENCE.findall(_plain(block)):
            # Of the sentence before, only the writer's words count: a stock lead is no measure.
            previous = "\n".join(w for w in writer if w in previous)
            clauses = _CLAUSE.findall(sentence)
            for index, clause in enumerate(clauses):
                if not NUMBER.search(clause):
                    continue
                words = clause[: NUMBER.search(clause).start()]  # type: ignore[union-attr]
                before = previous + "".join(clauses[:index])
                for run in _HAN.findall(words):
                    grams = {run[i : i + 4] for i in range(len(run) - 3)} - terms
                    hit = next((g for g in sorted(grams) if g in before), "")
                    if hit and _restates(run, before):
                        found.append(Finding("repeated_measure_words", block.text, f"「{hit}」:{clause}"))
                        break
            previous = sentence
    return found


def _restates(words: str, before: str) -> bool:
    """Whether a figure's words say the measure again (基层党组织换届 after 基层党组织完成换届): beyond the run
    they share, what is left of them is said before too. 残疾儿童少年入学率 after 为残疾儿童少年送教 adds 入学率."""
    shared = max(
        (words[i:j] for i in range(len(words)) for j in range(i + 4, len(words) + 1) if words[i:j] in before),
        key=len,
        default="",
    )
    rest = words.replace(shared, "", 1)
    pairs = [rest[i : i + 2] for i in range(len(rest) - 1)]
    if not pairs:
        return True
    return sum(p in before for p in pairs) / len(pairs) >= 0.5


def _compare(blocks: Sequence[Block]) -> list[Finding]:
    found = []
    for block in _body(blocks):
        for sentence in _SENTENCE.findall(_plain(block)):
            for label in _COMPARE:
                if sentence.count(label) > 1:
                    found.append(Finding("compare_twice", block.text, sentence))
    return found


def _decimals(blocks: Sequence[Block], facts: Facts, decimals: int) -> list[Finding]:
    values = [
        x for f in _figures(facts) if f.unit in ("%", "个百分点") for x in (f.value, f.previous, f.target)
    ]
    written = {Decimal(str(x)).normalize() for x in values if x is not None}
    # 98.83% and 98.61% give 0.22 个百分点: as many places as the writer wrote are no extra places.
    places = max([decimals] + [-min(Decimal(str(x)).as_tuple().exponent, 0) for x in values if x is not None])  # type: ignore[operator]
    found = []
    for block in _body(blocks):
        for m in _PERCENT.finditer(_plain(block)):
            if len(m.group(2)) > places and Decimal(m.group(1)).normalize() not in written:
                found.append(Finding("decimals", block.text, m.group(0)))
    return found


def _units(blocks: Sequence[Block]) -> list[list[Block]]:
    """The draft cut at every heading: each unit is the body under one heading (before the first: none)."""
    units: list[list[Block]] = []
    current: list[Block] | None = None
    for block in blocks:
        if block.kind == "heading":
            current = []
            units.append(current)
        elif current is not None and block.kind == "paragraph":
            current.append(block)
    return units


_PLAN_HEADING = re.compile(r"打算|计划|安排|下一步|下一阶段|思路|目标|重点工作")


def _evaluation(blocks: Sequence[Block], writer: Sequence[str], facts: Facts) -> list[Finding]:
    """Evaluation wording in a unit of the summary (not in the plans, where 确保圆满完成 is a resolve)."""
    found = []
    summary: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and _PLAN_HEADING.search("".join(s.text for s in block.spans)):
            break
        summary.append(block)
    for unit in _units(summary):
        text = "\n".join(_plain(b) for b in unit)
        stock = text
        for words in writer:
            stock = stock.replace(words, "\n")
        claims = [e for e in EVALUATION if e in stock]
        if not claims:
            continue
        honour = bool(_HONOUR.search(text))
        rise = any(_good_change(m, text) for m in _RISE.finditer(text))
        supported = honour or rise or bool(_MET.search(text)) or bool(_GOOD_ZERO.search(text))
        if "上级" in "".join(claims) and not honour:
            supported = False
        if not supported:
            found.append(Finding("unsupported_evaluation", unit[0].text if unit else "", "、".join(claims)))
    return found


def _good_change(match: re.Match[str], text: str) -> bool:
    """A change in the good direction: more of most things, fewer 大班额/辍学/事故."""
    up = match.group(0).endswith(("增加", "增长", "提高"))
    clause_start = max(text.rfind(c, 0, match.start()) for c in ",，;；。\n")
    subject = text[clause_start + 1 : match.start()]
    before = text[max(0, clause_start - 40) : match.start()]
    return (not up) if fewer_is_better(subject + before[-20:]) else up


def _chains(blocks: Sequence[Block]) -> list[Finding]:
    return [Finding("long_chain", b.text, "六是") for b in _body(blocks) if "六是" in _plain(b)]


def _phrases(blocks: Sequence[Block], writer: Sequence[str], own: Sequence[str] = ()) -> list[Finding]:
    """Stock wording said twice in one level-1 section (the composer's own rule, variation.Context)."""
    found = []
    section: list[Block] = []
    sections = [section]
    for block in blocks:
        if block.kind == "heading" and block.level <= 1:
            section = []
            sections.append(section)
        if block.kind in ("heading", "paragraph"):
            section.append(block)
    for blocks_of in sections:
        context = Context(writer, own)
        for block in blocks_of:
            text = _plain(block)
            for sentence in _CLAUSE.findall(text):
                repeats = [g for g in context.repeats(sentence) if g.strip()]
                if repeats:
                    found.append(Finding("repeated_phrase", block.text, "、".join(repeats)))
                context.add(sentence)
    return found


def writer_share(blocks: Sequence[Block], facts: Facts) -> tuple[int, float]:
    """The draft's length in characters (punctuation included, as Word counts) and the share of it that is the
    writer's own words: their measures, items, values, honours, problems, headings and names, found verbatim."""
    text = "".join(b.text for b in blocks if b.kind != "title")
    own = [0] * len(text)
    pieces = set(writer_strings(facts)) | {facts.unit, facts.region}
    for fig in _figures(facts):
        pieces.add(fig.item)
    for piece in sorted((p for p in pieces if len(p) >= 2), key=len, reverse=True):
        start = text.find(piece)
        while start >= 0:
            for i in range(start, start + len(piece)):
                own[i] = 1
            start = text.find(piece, start + len(piece))
    chars = len(text)
    return chars, (sum(own) / chars if chars else 0.0)
