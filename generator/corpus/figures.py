"""Figures stated in a report's text: what each one counts, and the change, parts and completion told with it.

「全市财政预算安排教育经费281779万元,比上年增加33754万元,增长16.64%;其中市本级21176万元」 is one mention:
item 全市财政预算安排教育经费, value 281779万元, a change of +33754万元 and a rate of +16.64% against 上年, and
one part (市本级, 21176万元). `zongjie import` turns mentions into 数据 entries, `zongjie audit` recomputes them.
The numbers themselves are read by generator.base.numbers; this module reads the sentence around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.base.markers import SENTENCE_STOP
from generator.base.numbers import Quantity, find_quantities, fold

# Where a sentence ends (a change or 其中 never reaches across), and where a clause does (an item never does).
_CLAUSE_END = "。!?！？;；,，:：\n"
# 「比上年增加」「较去年同期下降了」「同比增长」: a change against the year before, ending right where its number starts.
_CHANGE = re.compile(
    r"(?P<base>比|较|同比|环比|与)(?P<label>上年同期|去年同期|上年|去年|上一年|年初|上半年)?(?:同口径)?(?:相比)?[,，]?"
    r"(?P<verb>增加|减少|增长|下降|提高|降低|上升|提升|增|减|多|少)了?(?:约|近)?$"
)
# 「,增长」「,提高了」 right after a change amount: the rate of that same change.
_RATE = re.compile(
    r"^[,，、]?(?:同比)?(?P<verb>增长|下降|提高|降低|上升|提升|减少|增加|增幅为?|降幅为?)了?(?:约|近)?$"
)
# 「由上年的」「从」 before a number, and 「增加到」「提高至」 before the next: the year before, then this year.
_FROM = re.compile(r"(?:由|从)(?:上年|去年|上年同期)?(?:的)?$")
_TO = re.compile(r"^(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|降)(?:到|至)$")
# 「完成目标的」「完成年度目标任务的」「完成率为」: a completion rate of the figure just told.
_COMPLETION = re.compile(
    r"(?:完成(?:了)?(?:年度|全年|上级下达的?|市下达的?|省下达的?)?(?:目标|计划|任务)+的|完成率(?:为|达到?|是)?)$"
)
# 「目标」「计划」 just before a number: a target the next figure is measured against.
_TARGET = re.compile(
    r"(?:目标|计划|任务)(?:任务)?(?:数)?(?:为|是)?$|^[,，;；]?(?:计划|目标任务?|年度目标|预计|拟)"
)
_DOWN = ("减少", "下降", "降低", "减", "少", "降幅")

# Words that open a clause without naming what is counted, and words that end it before the number.
_LEAD = re.compile(
    r"^(?:(?:19|20)\d\d年(?:度)?|上半年|下半年|全年|今年|本年度?|年内|目前|截至目前|截至\S{0,8}?底|一年来|半年来"
    r"|同时|此外|另外|其中|共|累计|先后|已经|已|并|还|均|分别|全力|积极|对|为|向|给|在|使|让|把|将)+"
)
_TAIL = re.compile(
    r"(?:共计|合计|总计|累计|分别为|分别|保持在|稳定在|控制在|提高到|提高至|增加到|增加至|共|计|达到|达|为|是|有|约|近|超过|逾|的|了)+$"
)
# After 「6所」: the counted noun ends at a clause mark or a verb.
_POST_STOP = re.compile(
    r"[,，。;；、:：!?！？()（）“”\n]|进行|开展|接受|参加|参与|申报|入选|争取|获得|获|受到|考察|为|被|在|与|和|及|的|达到|完成|通过"
)
MAX_ITEM = 18

# Units that count the same things, so that parts can be added to their total.
_UNIT_GROUPS = ({"人", "名", "位"}, {"个", "所", "家", "校", "园"})


@dataclass
class Mention:
    """A figure of the text with what the sentence says about it.

    ``change`` is the amount of 比上年增加B (``change_down`` when it is a 减少), ``rate`` the 增长C% or
    提高C个百分点 (``rate_down`` for a fall); ``previous`` a year-before value stated outright (由X增加到A);
    ``completion`` a 完成目标的D% and ``target`` a 目标/计划 figure told before; ``parts`` the 其中 list.
    ``start`` is the quantity's offset in the paragraph text, ``line`` the paragraph's line.
    """

    item: str
    quantity: Quantity
    sentence: str
    line: int = 0
    start: int = 0
    label: str = "上年"
    lead: str = ""  # the words between the figure before and this one (共, 其中, 每人救助…)
    change: Quantity | None = None
    change_down: bool = False
    rate: Quantity | None = None
    rate_down: bool = False
    previous: Quantity | None = None
    target: Quantity | None = None
    completion: Quantity | None = None
    parts: list[Mention] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.quantity.full_unit

    def year_before(self) -> Decimal | None:
        """The year-before value the text gives or implies: stated (由X…), or this value less the change."""
        if self.previous is not None:
            return self.previous.value if self.previous.full_unit == self.unit else None
        if self.change is None or self.quantity.approximate:
            return None
        points = self.quantity.unit == "%" and self.change.unit in ("个百分点", "百分点")
        if self.change.full_unit != self.unit and not points:
            return None
        sign = 1 if self.change_down else -1
        return self.quantity.value + sign * self.change.value

    def walk(self):
        yield self
        for part in self.parts:
            yield from part.walk()


def same_kind(a: str, b: str) -> bool:
    """Whether two units count the same things (人 and 名 do; 万元 and 亿元 differ only in scale)."""
    if a == b:
        return True
    strip = re.compile("^(?:万亿|千万|百万|万|亿)")
    a0, b0 = strip.sub("", a), strip.sub("", b)
    if a0 == b0 and a0:
        return True
    return any(a0 in group and b0 in group for group in _UNIT_GROUPS)


# A number the page lost (the cleaner's 〖缺〗) with the unit it had: 「本科上线率达到〖缺〗%」.
_HOLE = "〖缺〗"


def find_missing(text: str, line: int = 0) -> list[Mention]:
    """Figures whose number was cut out of the source (〖缺〗 before a unit): what they counted, no value."""
    from generator.base.numbers import unit_words

    found: list[Mention] = []
    folded = fold(text)
    start = folded.find(_HOLE)
    previous_end = 0
    while start >= 0:
        end = start + len(_HOLE)
        rest = folded[end:].lstrip("余多")
        unit = next((u for u in unit_words() if rest.startswith(u)), "")
        sentence_start = _last_sentence_end(folded, 0, start) or 0
        before = folded[sentence_start:start]
        if unit and before.count("“") <= before.count("”"):  # not inside a quotation (“三个%”)
            q = Quantity(value=Decimal(0), unit=unit, text=_HOLE + unit, start=start, end=end + len(unit))
            lo = max(previous_end, sentence_start)
            found.append(
                Mention(
                    item=_item(folded, q, lo, sentence_start),
                    quantity=q,
                    sentence=_sentence(text, start),
                    line=line,
                    start=start,
                )
            )
            previous_end = q.end
        start = folded.find(_HOLE, end)
    return found


def find_mentions(text: str, line: int = 0) -> list[Mention]:
    """The figures of one paragraph, each with its item, change, rate, parts and completion."""
    quantities = find_quantities(text)
    if not quantities:
        return []
    folded = fold(text)
    mentions: list[Mention] = []
    current: Mention | None = None  # what a change or rate attaches to
    owner: Mention | None = None  # whose 其中 list is open
    pending_from: Quantity | None = None
    target: Quantity | None = None
    previous_end = 0
    sentence_start = 0
    for q in quantities:
        boundary = _last_sentence_end(folded, previous_end, q.start)
        if boundary is not None:
            sentence_start = boundary
            current, target = None, None
            # 「教师347人。其中选聘……66名」: a sentence that opens with 其中 lists the parts of the last figure.
            opens_parts = folded[sentence_start : q.start].lstrip(" ,，").startswith("其中")
            owner = (mentions[-1] if mentions else None) if opens_parts else None
        start = max(previous_end, sentence_start)
        ctx = folded[start : q.start].strip()
        sentence = _sentence(text, q.start)
        change = _CHANGE.search(ctx)
        if change and ctx[: change.start()].strip(" ,，"):
            change = (
                None  # 「合格率95.1%,中考人数同比增长28.6%」: another subject's change, not this figure's
            )
        if (
            change
            and current is not None
            and not (q.is_percent and not current.quantity.is_percent and _is_rate_verb(change.group("verb")))
        ):
            current.label = _label(change.group("label"), change.group("base"))
            current.change = q
            current.change_down = change.group("verb") in _DOWN
        elif change and current is not None:
            current.rate, current.rate_down = q, change.group("verb") in _DOWN
            current.label = _label(change.group("label"), change.group("base"))
        elif (
            current is not None
            and current.previous is not None
            and current.change is None
            and _RATE.match(ctx)
            and not q.is_percent
        ):
            # 「由上年的1200人增加到1300人,增加100人」: the change of a figure whose year before is told.
            current.change, current.change_down = q, _RATE.match(ctx).group("verb") in _DOWN  # type: ignore[union-attr]
        elif (
            current is not None
            and (current.change is not None or current.previous is not None)
            and current.rate is None
            and _RATE.match(ctx)
        ):
            verb = _RATE.match(ctx).group("verb")  # type: ignore[union-attr]
            current.rate, current.rate_down = q, verb in _DOWN
        elif current is not None and _COMPLETION.search(ctx) and q.is_percent:
            current.completion = q
            if target is not None and same_kind(target.full_unit, current.unit):
                current.target = target
        elif _FROM.search(ctx):
            pending_from = q
        else:
            mention = Mention(
                item=_item(folded, q, start, sentence_start),
                quantity=q,
                sentence=sentence,
                line=line,
                start=q.start,
                lead=ctx,
            )
            if pending_from is not None and _TO.match(ctx):
                mention.previous = pending_from
                mention.item = _item(folded, pending_from, max(sentence_start, 0), sentence_start)
            pending_from = None
            if _TARGET.search(ctx) and not q.is_percent:
                target = q
            if "其中" in ctx and current is not None:
                owner = _owner_of(current, mentions)
            elif ";" in ctx or "；" in ctx:
                owner = None  # 「其中省级2家;农民合作社769个」: a semicolon closes the list of parts
            before = folded[sentence_start : q.start]
            bracketed = before.count("(") + before.count("（") > before.count(")") + before.count("）")
            if owner is not None and same_kind(owner.unit, mention.unit) and not bracketed:
                owner.parts.append(mention)
            elif bracketed:
                mentions.append(mention)  # 「小学281所(含教学点97个)」: a figure within a part, not a part
            else:
                owner = None
                mentions.append(mention)
            current = mention
        previous_end = q.end
    return mentions


def _owner_of(current: Mention, mentions: list[Mention]) -> Mention:
    """A 其中 right after a part's own change still lists the parts of the total, not of that part."""
    for mention in mentions:
        if current in mention.parts:
            return mention
    return current


def _is_rate_verb(verb: str) -> bool:
    return verb in ("增长", "下降", "上升", "提高", "降低", "提升")


def _label(label: str | None, base: str) -> str:
    if base == "同比":
        return "上年同期"
    return {"去年": "上年", "上一年": "上年", "去年同期": "上年同期"}.get(label or "", label or "上年")


def _last_sentence_end(text: str, lo: int, hi: int) -> int | None:
    end = None
    for m in SENTENCE_STOP.finditer(text, lo, hi):
        end = m.end()
    return end


def _sentence(text: str, at: int) -> str:
    start = _last_sentence_end(text, 0, at) or 0
    stop = SENTENCE_STOP.search(text, at)
    end = stop.end() if stop else len(text)
    return text[start:end].strip()


def _item(text: str, q: Quantity, lo: int, sentence_start: int) -> str:
    """What a figure counts: the clause before it (幼儿园6所) and the noun after its unit (6所学校)."""
    begin = max(lo, sentence_start)
    for index in range(q.start - 1, begin - 1, -1):
        if text[index] in _CLAUSE_END:
            begin = index + 1
            break
    before = text[begin : q.start].strip()
    if begin == lo and lo > sentence_start and "、" in before:
        # 「完成50所学校食堂建设、86所学校维修建设」: up to the 、 the words belong to the figure before.
        before = before.rsplit("、", 1)[1]
    if before.endswith("等") or before.count("、") >= 2:
        before = ""  # 「市二中、八中、七中等6所学校」: a list of names, the noun after the number says what
    before = _TAIL.sub("", _LEAD.sub("", before)).strip(" 、")
    after = ""
    if q.unit and not q.is_percent:
        rest = text[q.end : q.end + 30]
        stop = _POST_STOP.search(rest)
        after = rest[: stop.start() if stop else 10][:14].strip()
        if not re.match(r"[\u4e00-\u9fff]", after):
            after = ""
    before = before[-MAX_ITEM:]
    if before and after:
        item = before + after if len(before) + len(after) <= MAX_ITEM + 8 else before
    else:
        item = before or after
    return item or "(待命名)"
