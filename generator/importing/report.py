"""Last year's report, read through the corpus pipeline and split into what this year's facts are made of.

read → clean → structure (generator.corpus), then: the kind (mining's rules), unit, region, year, 上级 and 工作主线;
the summary part as areas (one a section), each with its topic, sentences, honours and figures; the problems; the
plans (every item, for the 计划回顾 checklist); the closing and signature left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.corpus.doctree import Document, Paragraph, Section
from generator.corpus.figures import Mention, find_mentions, find_missing

# Headings that name a part of the report rather than an area of work (matched on NFKC-folded text).
PLAN_HEADING = re.compile(r"计划|打算|安排|展望|下一步|下步|思路和措施|明年|来年|下半年")
PROBLEM_HEADING = re.compile(
    r"^(?:存在的?|当前|目前|面临的?|工作中的?)?(?:主要)?(?:问题|不足|困难|差距|短板)"
    r"|问题[和与及]不足|不足[和与及]问题|困难[和与及]问题|存在(?:的)?(?:主要)?问题|不足之处|短板弱项"
)
SUMMARY_HEADING = re.compile(
    r"^(?:(?:19|20)\d\d|本|今|上半)?年?度?(?:主要)?(?:工作|成绩|成效)(?:总结|回顾|情况|开展情况)?$|主要工作$|工作回顾$|主要成绩"
)
APPROACH_HEADING = re.compile(r"思路|指导思想")
GOALS_HEADING = re.compile(r"目标")
# Sentences that tell an honour (a title won, a selection, a prize).
HONOUR = re.compile(
    r"荣获|获评|被评为|评为|被授予|授予|被确定为|被命名为|入选|获得.{0,30}(?:称号|奖|表彰)|受到.{0,12}表彰"
)
SENTENCE = re.compile(r"[^。!?！？]+[。!?！？]?")
# A unit's name in a title or signature: …教育局, …教育体育局, …教体局, …教育委员会.
UNIT = re.compile(
    r"([\u4e00-\u9fff〖〗XxＸｘ]{0,16}?(?:教育和体育局|教育体育局|教体局|教育局|教育委员会|教委|教育厅))"
)
REGION = re.compile(
    r"^(.{1,12}?[省市县区旗州盟])(?=教育和体育局|教育体育局|教体局|教育局|教育委员会|教委|教育厅)"
)
SUPERIOR = re.compile(r"在([^,，。;；在]{2,16}?)的(?:正确|坚强|有力|亲切)?(?:领导|指导|关心)")
THEME = re.compile(r"[“\"]([^”\"]{2,24})[”\"](?:的)?(?:工作)?(?:主线|主题|思路|总体思路|目标)")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass
class Area:
    """One section of last year's summary part: an area of this year's 「工作」."""

    heading: str  # with its marker, as written: （一）党建引领持续深化
    title: str  # without the marker
    parent: str  # the part heading above it, when the areas are its subsections
    line: int
    group: str = ""  # the level-1 heading it stands under when that heading groups areas (the facts' 板块)
    topic: str = "综合"
    measures: list[str] = field(default_factory=list)
    honours: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    missing: list[Mention] = field(default_factory=list)  # figures the page lost (〖缺〗)


@dataclass
class PlanItem:
    """One item of last year's plans: what the 计划回顾 checklist asks about."""

    text: str
    group: str  # the plan heading it stands under
    line: int


@dataclass
class LastYear:
    """What last year's report tells about the writer's unit, areas, figures, problems and plans."""

    path: str
    document: Document
    kind: str  # 类型 of last year's report (mining's rules)
    outline: str  # the kind's outline name
    title: str
    year: int | None  # the year last year's report is about
    half: str | None  # 上半年 / 下半年 for a half-year report
    unit: str = ""
    region: str = ""
    superior: str = ""
    theme: str = ""
    opening: list[str] = field(default_factory=list)
    honours: list[str] = field(default_factory=list)
    overview: list[Mention] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    approach: str = ""
    plans: list[PlanItem] = field(default_factory=list)
    # The report's top-level layout, for its outline: (role, section) with role summary (a part holding the
    # areas), work (a section that is an area or a group of areas), problems or plans.
    layout: list[tuple[str, Section]] = field(default_factory=list)

    @property
    def figures(self) -> int:
        return sum(1 for area in self.areas for m in area.mentions for _ in m.walk()) + len(self.overview)

    @property
    def missing(self) -> int:
        """Figures whose number the source lost: still entries for the writer to fill."""
        return sum(len(area.missing) for area in self.areas)


def plain(text: str) -> str:
    """The text with full-width forms folded, for matching only (what is kept is always the text as written)."""
    return unicodedata.normalize("NFKC", text)


def read_last_year(path: str | Path) -> LastYear:
    """Read, clean and structure last year's report, then split it into areas, figures, problems and plans."""
    from generator.importing.source import read_source
    from generator.mining.outline import detect_kind

    source = read_source(path)
    document = source.document
    spec = detect_kind(document)
    report = LastYear(
        path=str(path),
        document=document,
        kind=spec.kind,
        outline=spec.name,
        title=document.title,
        year=None,
        half=None,
    )
    _move_closing(document)
    _meta(report, source.lines)
    _parts(report)
    return report


# A closing paragraph (回顾一年来的工作,我们将再接再厉……新篇章) is no plan item and no measure.
CLOSING = re.compile(
    r"再接再厉|砥砺前行|奋力谱写|新篇章|新的更大|努力奋斗|开创.{0,10}新局面|新的贡献|更大贡献|新的辉煌"
)


def _move_closing(document: Document) -> None:
    """The closing paragraph before the signature joins the closing: it is no part of the last section."""
    from generator.mining.outline import kind_rules

    if not document.sections:
        return
    last = document.sections[-1]
    while last.children:
        last = last.children[-1]
    while len(last.paragraphs) > (1 if last.run_in else 0):
        text = plain(last.paragraphs[-1].text)
        if not (kind_rules().closing.search(text) or CLOSING.search(text)) or find_mentions(text):
            break
        document.closing.insert(0, last.paragraphs.pop())


def _meta(report: LastYear, lines: list[str]) -> None:
    doc = report.document
    title = plain(doc.title)
    years = YEAR.findall(title)
    if years:
        report.year = int(years[0])
    else:
        counted = Counter(int(y) for line in lines for y in YEAR.findall(plain(line)))
        if counted:
            report.year = max(counted.items(), key=lambda kv: (kv[1], kv[0]))[0]
        elif doc.date[:4].isdigit():
            report.year = int(doc.date[:4])
    if "半年" in title or report.outline == "half_year":
        report.half = "下半年" if "下半年" in title else "上半年"
    signature = [plain(p.text) for p in doc.closing if len(p.text) <= 30]
    for text in [*reversed(signature), title]:
        found = UNIT.search(text)
        if found and "〖" not in found.group(1):
            report.unit = found.group(1)
            break
    region = REGION.match(report.unit)
    if region and len(region.group(1)) >= 2:
        report.region = region.group(1)
    opening = " ".join(plain(p.text) for p in doc.opening)
    superior = SUPERIOR.search(opening)
    if superior and "〖" not in superior.group(1):
        report.superior = _superior(superior.group(1))
    theme = THEME.search(opening)
    if theme:
        report.theme = theme.group(1)


def _superior(text: str) -> str:
    """市委市政府 → 市委、市政府: the leading bodies, listed the way the facts file writes them."""
    text = text.replace("和", "、")
    return re.sub(r"(?<=[委府会])(?=[\u4e00-\u9fff]{1,2}(?:委|政府|人大|政协))", "、", text).strip("、")


def _parts(report: LastYear) -> None:
    doc = report.document
    report.opening = [s for p in doc.opening for s in _sentences(p.text)]
    for sentence in report.opening:
        if HONOUR.search(plain(sentence)):
            report.honours.append(sentence)
    for paragraph in doc.opening:
        report.overview.extend(find_mentions(paragraph.text, paragraph.line))
    in_plans = False
    for section in doc.sections:
        title = plain(section.title)
        if section.is_part:
            in_plans = bool(PLAN_HEADING.search(title))
            if in_plans:
                report.layout.append(("plans", section))
                _plans(report, section, group="")
            elif PROBLEM_HEADING.search(title):
                report.layout.append(("problems", section))
                _problems(report, section)
            else:
                report.layout.append(("summary", section))
                _summary(report, section.children, parent=section.title)
            continue
        if in_plans or PLAN_HEADING.search(title):
            in_plans = True
            report.layout.append(("plans", section))
            _plans(report, section, group=section.marker + section.title)
        elif PROBLEM_HEADING.search(title) and not SUMMARY_HEADING.search(title):
            report.layout.append(("problems", section))
            _problems(report, section)
        elif SUMMARY_HEADING.search(title) and section.children:
            report.layout.append(("summary", section))
            _summary(report, section.children, parent=section.marker + section.title)
            for paragraph in section.paragraphs:
                _loose(report, paragraph)
        else:
            report.layout.append(("work", section))
            _summary(report, [section], parent="")


def _summary(report: LastYear, sections: list[Section], parent: str, group: str = "") -> None:
    """Each section is an area; a section whose subsections are (一)(二) gives one area per subsection, grouped
    under its heading (the 板块 of those areas)."""
    for section in sections:
        subsections = [c for c in section.children if c.level == 2]
        if subsections and section.level == 1:
            for paragraph in section.paragraphs:
                _loose(report, paragraph)
            _summary(report, section.children, parent=section.marker + section.title, group=section.title)
            continue
        area = Area(
            heading=section.marker + section.title,
            title=section.title,
            parent=parent,
            line=section.line,
            group=group,
        )
        for sub in section.walk():
            if sub is not section:
                area.measures.append(sub.title)
            for paragraph in sub.paragraphs:
                if is_problems(paragraph):
                    _problem_items(report, paragraph)
                    continue
                for sentence in _items(paragraph):
                    (area.honours if HONOUR.search(plain(sentence)) else area.measures).append(sentence)
                area.mentions.extend(find_mentions(paragraph.text, paragraph.line))
                area.missing.extend(find_missing(paragraph.text, paragraph.line))
        area.topic = topic_of(section.title, " ".join(area.measures + area.honours))
        report.areas.append(area)


def _loose(report: LastYear, paragraph: Paragraph) -> None:
    """A paragraph under a part heading, before its first area: problems when it reads as them."""
    if is_problems(paragraph):
        _problem_items(report, paragraph)


def is_problems(paragraph: Paragraph) -> bool:
    from generator.mining.outline import kind_rules

    return bool(kind_rules().problems.search(plain(paragraph.text)))


def _problems(report: LastYear, section: Section) -> None:
    for sub in section.walk():
        if sub is not section:
            report.problems.append(sub.title)
        for paragraph in sub.paragraphs:
            _problem_items(report, paragraph)


def _problem_items(report: LastYear, paragraph: Paragraph) -> None:
    if paragraph.items:
        report.problems.extend(_clause(item.text) for item in paragraph.items if item.text.strip())
    else:
        report.problems.extend(_sentences(paragraph.text))


def _plans(report: LastYear, section: Section, group: str) -> None:
    """Every item of the plans part, with the heading it stands under; 总体思路 is kept apart.

    A section with subsections: its own paragraphs are the lead (下半年,我们将……主要突出四个方面:), kept as the
    approach when there is none. A numbered heading (1. 推进……) is one item with its text; under any other
    heading each sentence (or 一是 item) is one.
    """
    title = plain(section.title)
    own = section.title if section.is_part else section.marker + section.title
    if APPROACH_HEADING.search(title) and not section.children:
        report.approach = report.approach or " ".join(p.text for p in section.paragraphs)
        return
    if section.children:
        if section.paragraphs and not report.approach:
            report.approach = " ".join(p.text for p in section.paragraphs)
        for child in section.children:
            _plans(report, child, group=own)
        return
    if section.level >= 3:
        body = " ".join(p.text for p in section.paragraphs)
        text = section.title + ("。" + body if body else "")
        report.plans.append(PlanItem(text=text, group=group, line=section.line))
        return
    for paragraph in section.paragraphs:
        for text in _items(paragraph):
            report.plans.append(PlanItem(text=text, group=own, line=paragraph.line))


def _items(paragraph: Paragraph) -> list[str]:
    """A paragraph's measures: its 一是/二是 items (after any lead sentence), else its sentences."""
    if paragraph.items:
        lead = _sentences(paragraph.lead) if paragraph.lead else []
        return lead + [_clause(item.text) for item in paragraph.items if item.text.strip()]
    return _sentences(paragraph.text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip(" 。;；")]


def _clause(text: str) -> str:
    return text.strip().rstrip(";；,，。").strip()


def topic_of(heading: str, body: str) -> str:
    """The taxonomy topic a section is about: its keywords counted, the heading's three times; 综合 when none."""
    from generator.taxonomy.topics import load_topics

    best, score = "综合", 0
    heading, body = plain(heading), plain(body)
    for topic in load_topics():
        words = (topic.name, *topic.aliases, *topic.keywords)
        points = sum(3 * heading.count(w) + body.count(w) for w in words)
        if points > score:
            best, score = topic.name, points
    return best
