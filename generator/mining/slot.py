"""Slot one sentence: context slots by rule, facts by masks and jieba, or a reason to leave the sentence out."""

from __future__ import annotations

import array
import itertools
import logging
import marshal
import math
import mmap
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import closing, suppress
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from generator.base.files import cache_dir
from generator.base.resources import template_path
from generator.base.tables import compile_rule as _compile_rule
from generator.base.tables import literal_needs, load_rules, needed_chars
from generator.errors import TemplateError

# Why a sentence is left out (the keys of the closing summary).
REASONS = {
    "hole": "缺数",  # a number was cut out of the source (〖缺〗, 〖疑:…〗)
    "noise": "杂质",  # a placeholder or other mark of a dirty source (〖XX〗, braces)
    "specific": "过于具体",  # too many facts, or a proper name no rule can slot
    "length": "过短或过长",
}

# Typed slot names: the slot type and the Chinese stem numbered per sentence (数量1, 数量2…).
SLOT_STEMS = {
    "quantity": "数量",
    "money": "金额",
    "percent": "百分比",
    "year": "年份",
    "place": "地名",
    "org": "机构",
    "person": "人名",
    "project": "项目",
    "doc": "文件",
    "text": "文字",
}
# Context slots and the type they are documented with in a pattern's slots.
CONTEXT_TYPES = {
    "单位": "org",
    "地区": "place",
    "区划": "text",
    "年度": "year",
    "上级": "org",
    "主线": "text",
    "主题": "text",
    "活动": "text",
    "阶段": "text",
    "半年": "text",
    "下期": "text",
    "本期": "text",
}
# Made-up values of the context slots for the example rendering of each mined pattern: no seed's fact, and never
# a real bureau's (the miner and the stock miner share them).
EXAMPLE_CONTEXT = {
    "单位": "青山县教育局",
    "地区": "青山县",
    "区划": "县",
    "年度": "2025",
    "上级": "县委、县政府",
    "主线": "提质、增效、惠民",
    "主题": "学前教育",
    "活动": "主题教育",
    "阶段": "学习调研阶段",
    "半年": "上半年",
    "下期": "下半年",
    "本期": "上半年",
}
DIVISION_CHARS = frozenset("市县区省州镇乡村")
UNIT_WORDS = frozenset(("教育局", "教育体育局", "教体局", "教育和体育局", "教育科技局"))
SCHOOL_SUFFIXES = ("学校", "小学", "中学", "幼儿园", "高中", "大学", "学院", "职教中心", "中心校")
PROPER_TAGS = frozenset(("ns", "nr", "nrt", "nrfg", "nt", "nz"))
HAN = re.compile(r"[\u4e00-\u9fff]")
# A question mark between Chinese characters is a character the scrape could not encode.
MOJIBAKE = re.compile(r"[\u4e00-\u9fff“”]\?|\?[\u4e00-\u9fff“”]|\ufffd")
PUNCTUATION = re.compile(r"[、,,;;::。!?!?—\s]")
CLAUSE_START = re.compile(r"(?:^|(?<=[,,;;。::!?!?、]))")
# Private-use characters stand for masked spans while jieba runs, one character each.
SENTINEL_BASE = 0xE000
CONTEXT_MARK = re.compile(r"({{[^}]*}})")  # a context slot a rule has written
SENTINELS = re.compile(f"[{chr(SENTINEL_BASE)}-{chr(SENTINEL_BASE + 0x0FFF)}]")  # typed spans, then context slots


@dataclass(frozen=True)
class _ContextRule:
    name: str
    pattern: re.Pattern[str]
    replace: str
    where: str
    needs: frozenset[str] | None = None  # needed_chars: a text without any of these is left as it is
    literals: tuple[str, ...] = ()  # _longer_needs: so is a text without any of these


@dataclass(frozen=True)
class _Mask:
    name: str
    pattern: re.Pattern[str]
    slot_type: str
    punctuated_type: str = ""  # the type when the value has punctuation (a slogan, not a name)
    allow: frozenset[str] = frozenset()  # values kept as written (common national terms)
    needs: frozenset[str] | None = None  # needed_chars: a text without any of these has nothing to mask
    literals: tuple[str, ...] = ()  # _longer_needs: nor has a text without any of these


@dataclass
class Rules:
    """The masking rules of templates/mining/masks.yaml, compiled."""

    context: list[_ContextRule]
    masks: list[_Mask]
    generic: frozenset[str]
    function_chars: frozenset[str]
    name_suffixes: frozenset[str]
    surnames: frozenset[str]
    person_words: frozenset[str]
    strong_person_words: frozenset[str]
    min_chars: int
    max_chars: int
    max_opening_chars: int
    max_slots: int
    max_slot_share: float


@dataclass
class Slotted:
    """A sentence as a pattern, or the reason it is left out."""

    text: str = ""
    slots: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # slot → the source's value (never written out)
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def _longer_needs(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """literal_needs of a rule when one of them is longer than a character (else needed_chars says all): ()."""
    literals = literal_needs(pattern) or ()
    return literals if any(len(literal) > 1 for literal in literals) else ()


def load_yaml(name: str) -> Any:
    """A rules file under templates/mining/, safely loaded; mistakes name the file and line."""
    return load_rules("mining", name)


def compile_rule(pattern: str, file: str, what: str) -> re.Pattern[str]:
    return _compile_rule(pattern, "mining", file, what)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_yaml("masks.yaml")
    path = template_path("mining", "masks.yaml")
    if not isinstance(data, dict) or not all(k in data for k in ("context", "masks", "limits")):
        raise TemplateError("遮盖规则文件应有 context、masks、limits 三部分", path=path)
    context = [
        _ContextRule(
            str(r["name"]),
            compile_rule(str(r["pattern"]), "masks.yaml", f"背景槽位规则 {r['name']} "),
            str(r["replace"]),
            str(r.get("where", "any")),
        )
        for r in data["context"]
    ]
    context = [replace(rule, needs=needed_chars(rule.pattern), literals=_longer_needs(rule.pattern)) for rule in context]
    masks = []
    for r in data["masks"]:
        for key in ("slot_type", "punctuated_slot_type"):
            if key in r and r[key] not in SLOT_STEMS:
                raise TemplateError(f"遮盖规则 {r.get('name')} 的 {key}「{r[key]}」无效", path=path)
        if "slot_type" not in r:
            raise TemplateError(f"遮盖规则 {r.get('name')} 缺少 slot_type", path=path)
        allow = r.get("allow")
        if allow is not None and not isinstance(data.get(allow), list):
            raise TemplateError(f"遮盖规则 {r.get('name')} 的 allow「{allow}」应当是本文件里的一个列表", path=path)
        pattern = compile_rule(str(r["pattern"]), "masks.yaml", f"遮盖规则 {r['name']} ")
        masks.append(
            _Mask(
                str(r["name"]),
                pattern,
                r["slot_type"],
                str(r.get("punctuated_slot_type") or ""),
                frozenset(str(v) for v in data[allow]) if allow is not None else frozenset(),
                needed_chars(pattern),
                _longer_needs(pattern),
            )
        )
    limits = data["limits"]
    return Rules(
        context=context,
        masks=masks,
        generic=frozenset(str(w) for w in data.get("generic_words") or ()),
        function_chars=frozenset(str(data.get("function_chars") or "")),
        name_suffixes=frozenset(str(w) for w in data.get("name_suffixes") or ()),
        surnames=frozenset(str(data.get("surnames") or "")),
        person_words=frozenset(str(w) for w in data.get("person_words") or ()),
        strong_person_words=frozenset(str(w) for w in data.get("strong_person_words") or ()),
        min_chars=int(limits["min_chars"]),
        max_chars=int(limits["max_chars"]),
        max_opening_chars=int(limits["max_opening_chars"]),
        max_slots=int(limits["max_slots"]),
        max_slot_share=float(limits["max_slot_share"]),
    )


# ---------------------------------------------------------------- jieba


_BLOCK_MEMO = 200_000  # blocks remembered a process (a few tens of MB at most)


class _Jieba:
    """One jieba tokenizer for the process, loaded on first use, with its cache under the user's temp folder."""

    def __init__(self) -> None:
        self._tokenizer: Any = None
        self._need: Any = None  # the prefix table's words for a block, loaded before the block is cut
        self._cut_block: Any = None
        self._re_han: Any = None
        self._re_skip: Any = None
        self._finalseg: Any = None  # jieba's HMM for the runs of single characters (cut_hmm)
        self._blocks: dict[str, tuple[str, ...]] = {}
        self._hmm_blocks: dict[str, tuple[str, ...]] = {}
        self._table: _PrefixTable | None = None

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            jieba = import_jieba()
            # jieba reports a cache it cannot write with a traceback; mining goes on without the cache, silently
            jieba.setLogLevel(logging.CRITICAL)
            tokenizer = jieba.Tokenizer()
            table = self._table = _prefix_table(tokenizer)
            # jieba's own cut looks words up in FREQ too (a block with letters, cut with HMM): the same table
            tokenizer.FREQ, tokenizer.total, self._need = table.freq, table.total, table.need
            tokenizer.initialized = True
            # One block as Tokenizer.cut(HMM=False) cuts it (its words loaded first), and jieba's own patterns for
            # blocks and spaces.
            self._cut_block = partial(
                _needed_route_cut, need=self._need, freq=tokenizer.FREQ, logtotal=math.log(tokenizer.total)
            )
            self._re_han, self._re_skip = jieba.re_han_default, jieba.re_skip_default
            self._finalseg = jieba.finalseg
            self._tokenizer = tokenizer
        return self._tokenizer

    @property
    def proper(self) -> AbstractSet[str]:
        """Words jieba's dictionary tags as proper nouns (ns, nr, nt, nz …): looked up, never tagged by HMM.

        Loaded with the prefix table's words, as the texts cut need them: every word of a text cut so far is there.
        """
        return self._loaded().proper

    @property
    def places(self) -> AbstractSet[str]:
        """The proper nouns the dictionary tags as places (ns)."""
        return self._loaded().places

    def _loaded(self) -> _PrefixTable:
        if self._table is None:
            self.tokenizer  # noqa: B018 - loads the dictionary
        assert self._table is not None
        return self._table

    def cut(self, text: str) -> list[str]:
        """jieba's accurate cut without HMM, each run of Chinese (a block jieba cuts on its own) cut once a process.

        jieba cuts a text block by block (runs of Han characters and letters between punctuation, cut by its
        dictionary; everything else character by character), so the words of a text are those of its blocks:
        mining cuts a sentence, then its clauses, then the slotted clauses, and the blocks recur in all three.
        """
        if self._tokenizer is None:
            self.tokenizer  # noqa: B018 - loads the dictionary
        return self._cut(text, self._blocks, self._cut_block)

    def cut_hmm(self, text: str) -> list[str]:
        """jieba's accurate cut with HMM (``Tokenizer.lcut(text, HMM=True)``), each block cut once a process.

        A block of Han characters only has the same dictionary route with HMM as without: its words are read off
        the cut without HMM (mostly cut already, as part of a sentence), and only the runs of single characters
        the dictionary does not hold as a word go to jieba's HMM, as jieba does it (Tokenizer.__cut_DAG).
        A block with letters or digits is cut by jieba itself: without HMM single letters and digits are joined,
        so the route cannot be read off.
        """
        if self._tokenizer is None:
            self.tokenizer  # noqa: B018 - loads the dictionary
        return self._cut(text, self._hmm_blocks, self._hmm_block)

    def _cut(self, text: str, memo: dict[str, tuple[str, ...]], cut_block: Any) -> list[str]:
        out: list[str] = []
        for number, block in enumerate(self._re_han.split(text)):
            if not block:
                continue
            words = memo.get(block)  # a run and what lies between runs never hold the same characters
            if words is None:
                if len(memo) >= _BLOCK_MEMO:
                    memo.clear()
                if number % 2:  # a run jieba cuts by its dictionary (the split keeps them at odd places)
                    words = tuple(cut_block(block))
                else:  # between runs: each space (or line break) whole, anything else a character at a time
                    skip = self._re_skip
                    words = tuple(w for piece in skip.split(block) for w in ((piece,) if skip.match(piece) else piece))
                memo[block] = words
            out.extend(words)
        return out

    def _hmm_block(self, block: str) -> Iterator[str]:
        tokenizer = self._tokenizer
        if _LATIN_OR_DIGIT.search(block):
            self._need(block)  # jieba's own cut looks the block's fragments up in FREQ
            yield from tokenizer._Tokenizer__cut_DAG(block)
            return
        # The route below loads the block's words (or had them loaded when the block was first cut): every lookup
        # here (a run of single characters, inside the block) is answered as the whole table would answer it.
        finalseg = self._finalseg
        freq = tokenizer.FREQ
        buf = ""
        for word in self.cut(block):  # the dictionary route: one word a step
            if len(word) == 1:
                buf += word
                continue
            if buf:
                yield from _single_run(buf, freq, finalseg)
                buf = ""
            yield word
        if buf:
            yield from _single_run(buf, freq, finalseg)


def import_jieba() -> Any:
    """jieba, imported without pkg_resources when nothing has imported that yet.

    jieba finds its dictionary through pkg_resources when that can be imported (a tenth of a second of start-up,
    and deprecated), else by its own folder: the same files. Mining reads dict.txt by its path anyway.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` fails at once
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


_LATIN_OR_DIGIT = re.compile("[a-zA-Z0-9]")  # what jieba's cut without HMM joins (its re_eng)
_JOINED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _needed_route_cut(block: str, need: Callable[[str], None], freq: dict[str, int], logtotal: float) -> Iterator[str]:
    """_route_cut of a block, the prefix table's words for it loaded first."""
    need(block)
    return _route_cut(block, freq, logtotal)


def _route_cut(sentence: str, freq: dict[str, int], logtotal: float) -> Iterator[str]:
    """One block cut as jieba's Tokenizer.__cut_DAG_NO_HMM cuts it, word for word, in one pass.

    jieba builds the block's DAG (the dictionary words starting at each character), then the best route from the
    end (the largest sum of log frequencies; on a tie the longer word), then joins single letters and digits.
    Here the route is found from the end directly, each position's words looked up as the route reaches it, with
    the same sums in the same order (the same floating-point values) and the same tie-break: no DAG dictionary,
    no lists, no generator for each character's max.
    """
    size = len(sentence)
    score = [0.0] * size + [0]  # jieba's route[N] = (0, 0)
    end = list(range(size + 1))
    log = math.log
    lookup = freq.get
    for start in range(size - 1, -1, -1):
        best: float | None = None
        last = stop = start
        alone = count = lookup(sentence[start])
        while count is not None:  # the fragment is a word or the prefix of one
            if count:
                total = log(count) - logtotal + score[stop + 1]
                if best is None or total >= best:  # later ends come later: a tie goes to the longer word
                    best, last = total, stop
            stop += 1
            if stop >= size:
                break
            count = lookup(sentence[start : stop + 1])
        if best is None:  # no word starts here: the character alone (frequency 1 when it has none)
            best = log(alone or 1) - logtotal + score[start + 1]
            last = start
        score[start] = best
        end[start] = last
    position = 0
    joined = ""
    while position < size:
        stop = end[position] + 1
        word = sentence[position:stop]
        if stop - position == 1 and word in _JOINED:
            joined += word
        else:
            if joined:
                yield joined
                joined = ""
            yield word
        position = stop
    if joined:
        yield joined


def _single_run(buf: str, freq: dict[str, int], finalseg: Any) -> Iterator[str]:
    """A run of one-character steps of the route, as Tokenizer.__cut_DAG gives it: a word the dictionary lacks
    goes to the HMM (names, places), else one character at a time."""
    if len(buf) == 1:
        yield buf
    elif not freq.get(buf):
        yield from finalseg.cut(buf)
    else:
        yield from buf


class _PrefixTable:
    """jieba's prefix table of its dictionary (word → frequency, 0 for a prefix of a longer word) and the proper
    nouns among its words, filled as the texts to cut need them.

    jieba holds the whole table in one dictionary: half a million entries, a fifth of a second to build even from a
    cache, where the texts of a mining run look up one entry in seven. The cache keeps the words of two or more
    characters in groups by their first two characters; before a block is cut, ``need`` adds the groups of the
    block's pairs of characters to ``freq`` (once each). Every lookup jieba's cut of that block makes (its
    characters, and the fragments that start at one of them) is then answered as the whole table would answer it,
    and every word of the block that the dictionary tags as a proper noun (a place) is in ``proper`` (``places``).

    The cache file is a header (the single characters and where each group lies, with a checksum) and the groups
    after it; it is mapped, not read: only the pages of the groups a run needs are ever read from the disk.
    """

    FORMAT = "zongjie jieba prefix table 4"

    def __init__(
        self,
        total: int,
        freq: dict[str, int],
        proper: tuple[set[str], set[str]],
        groups: dict[str, tuple[str, bytes, int]] | None = None,
        region: memoryview | None = None,
        rebuild: Callable[[], tuple[dict[str, int], int, tuple[set[str], set[str]]]] | None = None,
    ) -> None:
        self.total = total
        self.freq = freq  # jieba's FREQ: the single characters, and each group of words as it is needed
        self.proper, self.places = proper  # likewise
        # first character → (the second characters, the end of each one's group, where its groups start)
        self._groups = groups or {}
        self._region = region  # the groups, one marshal each
        self._rebuild = rebuild  # the whole table from dict.txt, should a group not decode
        self._opened: dict[str, tuple[str, memoryview, int]] = {}  # the same, ready to slice
        self._asked: set[str] = set()  # pairs of characters already looked up

    def need(self, text: str) -> None:
        """Add the words that may start at each character of ``text`` (the groups of its pairs) to ``freq``."""
        if not self._groups:
            return  # the whole table is loaded
        # One step a pair, each looked up once a process (the order groups are loaded in changes no lookup).
        asked = self._asked
        for start in range(len(text) - 1):
            pair = text[start : start + 2]
            if pair not in asked:
                asked.add(pair)
                self._load(pair)

    def load_all(self) -> dict[str, int]:
        """Every entry: the whole table, as jieba holds it."""
        for first, (seconds, _, _) in list(self._groups.items()):
            for second in seconds:
                self._load(first + second)
        return self.freq

    def _load(self, pair: str) -> None:
        opened = self._opened.get(pair[0]) or self._open(pair[0])
        position = opened[0].find(pair[1])
        if position < 0 or self._region is None:
            return  # no word starts with this pair
        ends, start = opened[1], opened[2]
        try:
            freq, proper, places = marshal.loads(
                self._region[start + (ends[position - 1] if position else 0) : start + ends[position]]
            )
            self.freq.update(freq)
            if proper:  # most groups hold none
                self.proper.update(proper)
                self.places.update(places)
        except (ValueError, EOFError, TypeError):  # a cache damaged among its groups
            if self._rebuild is None:
                raise
            freq, _, (names, places) = self._rebuild()
            self.freq.update(freq)
            self.proper.update(names)
            self.places.update(places)
            self._groups = {}

    def _open(self, first: str) -> tuple[str, memoryview, int]:
        seconds, ends, start = self._groups.get(first, ("", b"", 0))
        opened = self._opened[first] = (seconds, memoryview(ends).cast("I"), start)
        return opened

    @classmethod
    def encode(cls, freq: dict[str, int], total: int, proper: tuple[set[str], set[str]] | None = None) -> bytes:
        """The table as the cache keeps it: the header's length (8 bytes), the header, the groups."""
        singles: dict[str, int] = {}
        by_pair: dict[str, dict[str, dict[str, int]]] = {}
        for word, count in freq.items():
            if len(word) == 1:
                singles[word] = count
            else:
                by_pair.setdefault(word[0], {}).setdefault(word[1], {})[word] = count
        names, places = proper or (set(), set())
        groups = {}
        region = bytearray()
        for first, seconds in by_pair.items():
            blobs = [
                marshal.dumps((group, sorted(names.intersection(group)), sorted(places.intersection(group))))
                for group in seconds.values()
            ]
            ends = array.array("I", itertools.accumulate(len(blob) for blob in blobs))
            groups[first] = ("".join(seconds), ends.tobytes(), len(region))
            region += b"".join(blobs)
        alone = (sorted(names.intersection(singles)), sorted(places.intersection(singles)))
        body = marshal.dumps((total, singles, alone, groups, len(region)))
        header = marshal.dumps((cls.FORMAT, zlib.crc32(body), body))
        return len(header).to_bytes(8, "little") + header + bytes(region)

    @classmethod
    def decode(
        cls,
        data: Any,
        rebuild: Callable[[], tuple[dict[str, int], int, tuple[set[str], set[str]]]] | None = None,
    ) -> _PrefixTable | None:
        """The table a cache file's bytes (or its mapping) hold, or None when they hold no table of this format,
        or a damaged header, or not as many groups' bytes as the header says."""
        view = memoryview(data)
        size = int.from_bytes(view[:8], "little")
        outer = marshal.loads(view[8 : 8 + size])
        if not (isinstance(outer, tuple) and len(outer) == 3 and outer[0] == cls.FORMAT):
            return None
        _, checksum, body = outer
        if not isinstance(body, bytes) or zlib.crc32(body) != checksum:
            return None
        table = marshal.loads(body)
        if not (isinstance(table, tuple) and len(table) == 5):
            return None
        total, singles, (names, places), groups, length = table
        if not (isinstance(total, int) and isinstance(singles, dict) and isinstance(groups, dict) and singles):
            return None
        if len(view) != 8 + size + length:
            return None
        return cls(total, singles, (set(names), set(places)), groups, view[8 + size :], rebuild)


def _prefix_table(tokenizer: Any) -> _PrefixTable:
    """jieba's prefix table of its dictionary, from the user's cache folder.

    The cache (see _PrefixTable) is mapped, its header checked against its checksum and decoded; a group is decoded
    when a text needs it. The cache is used only when it is newer than dict.txt (jieba does not check that for its
    own dictionary) and belongs to this user; otherwise, or when it does not decode, the table is built from
    dict.txt as jieba builds it and the cache written again (atomically; a folder that cannot be written is
    skipped). A group that does not decode has the whole table built from dict.txt in the same way.
    """
    jieba = import_jieba()

    cache = _cache_file("jieba-pairs.cache")  # jieba.cache was the whole table, a format of its own
    dict_path = Path(jieba.__file__).with_name("dict.txt")
    rebuild = partial(_build_prefix_table, tokenizer, cache, dict_path)
    with suppress(OSError, ValueError, EOFError, TypeError):
        if _own_cache(cache) and cache.stat().st_mtime_ns > dict_path.stat().st_mtime_ns:
            with cache.open("rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            table = _PrefixTable.decode(mapped, rebuild)
            if table is not None:
                return table
    freq, total, proper = rebuild()
    return _PrefixTable(total, freq, proper)


def _build_prefix_table(
    tokenizer: Any, cache: Path, dict_path: Path
) -> tuple[dict[str, int], int, tuple[set[str], set[str]]]:
    """The table built from dict.txt as jieba builds it, with its proper nouns, and written to the cache."""
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    proper = _proper_words(dict_path)
    temp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(_PrefixTable.encode(freq, total, proper))
        os.replace(temp, cache)
    except OSError:
        with suppress(OSError):
            temp.unlink()
    return freq, total, proper


def _own_cache(path: Path) -> bool:
    """Whether a cache file may be read: a regular file of this user's (a file another user left in a shared
    folder is not read, nor followed through a link)."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _cache_file(name: str) -> Path:
    """A file of mining's own cache (jieba's tables), in the user's cache folder: never a shared temporary
    folder, where another user could leave a table for this one to believe.

    Each table is made from one jieba dictionary (dict.txt), and its name says which (a checksum of its path, size
    and time): two installs of zongjie (two virtual environments) keep their own tables side by side instead of
    remaking each other's at every run. Inside, each table still carries the stamp it is checked against.
    """
    folder = cache_dir() / "jieba"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the readers and writers below go on without the cache
    stem, dot, suffix = name.rpartition(".")
    return folder / f"{stem}-{_dictionary_key()}{dot}{suffix}"


@lru_cache(maxsize=1)
def _dictionary_key() -> str:
    dictionary = Path(import_jieba().__file__).with_name("dict.txt")
    try:
        info = dictionary.stat()
    except OSError:
        return "0"
    return f"{zlib.crc32(f'{dictionary}|{info.st_size}|{info.st_mtime_ns}'.encode()):08x}"

def _proper_words(dict_path: Path) -> tuple[set[str], set[str]]:
    """The words dict.txt tags as proper nouns (PROPER_TAGS), and those it tags as places (ns)."""
    words, places = set(), set()
    with dict_path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[2] in PROPER_TAGS:
                words.add(parts[0])
                if parts[2] == "ns":
                    places.add(parts[0])
    return words, places


def word_tags(words: frozenset[str]) -> dict[str, str]:
    """The part-of-speech tag jieba's dictionary gives each of ``words`` (x when it has none).

    Looked up in a table of dict.txt's tags kept beside jieba's cache (made on first use, remade when dict.txt
    changes): jieba.posseg would build the tag table of all 350,000 words (seconds), and reading dict.txt takes a
    quarter of a second each run, where a mining run asks for a few hundred words. Without the table (a read-only
    temp folder), dict.txt is read as before.
    """
    jieba = import_jieba()

    dict_path = Path(jieba.__file__).with_name("dict.txt")
    tags = dict.fromkeys(words, "x")
    found = _table_tags(sorted(words), dict_path)
    if found is not None:
        tags.update(found)
        return tags
    for word, tag in _dictionary_tags(dict_path):
        if word in tags:
            tags[word] = tag
    return tags


def _table_tags(words: list[str], dict_path: Path) -> dict[str, str] | None:
    """The tags the table has for ``words``, or None when there is no table to be had."""
    try:
        import sqlite3
    except ImportError:  # a Python built without SQLite
        return None
    found: dict[str, str] = {}
    try:
        with closing(sqlite3.connect(_tag_table(dict_path))) as db:
            for start in range(0, len(words), 500):
                chunk = words[start : start + 500]
                query = f"SELECT word, tag FROM tags WHERE word IN ({','.join('?' * len(chunk))})"
                found.update(db.execute(query, chunk).fetchall())
    except (OSError, sqlite3.Error):
        return None
    return found


def _dictionary_tags(dict_path: Path) -> Iterator[tuple[str, str]]:
    """(word, tag) of every line of dict.txt, in file order (a later line of a word wins, as in a dict)."""
    with dict_path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.partition(" ")
            yield word, rest.rsplit(" ", 1)[-1].strip()


def _tag_table(dict_path: Path) -> Path:
    """The SQLite table of dict.txt's tags in the cache folder, made (atomically) when missing or stale."""
    import sqlite3

    cache = _cache_file("jieba-tags.sqlite")
    stamp = f"v1 {dict_path} {dict_path.stat().st_mtime_ns} {dict_path.stat().st_size}"
    mine = False
    with suppress(OSError):
        mine = _own_cache(cache)
    if mine:
        try:
            with closing(sqlite3.connect(cache)) as db:
                if db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() == (stamp,):
                    return cache
        except sqlite3.Error:
            pass  # a broken table is made again
    temp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    with closing(sqlite3.connect(temp)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE tags (word TEXT PRIMARY KEY, tag TEXT)")
        db.executemany("INSERT OR REPLACE INTO tags VALUES (?, ?)", _dictionary_tags(dict_path))
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
        db.commit()
    os.replace(temp, cache)
    return cache


PLACE_ENDINGS = frozenset("县区市镇乡村河江湖山岭坳沟湾屯寨")


def unknown_names(text: str, generic: frozenset[str] = frozenset()) -> list[str]:
    """Words of two or more characters the dictionary tags as names, or does not know but jieba's HMM joins
    (people, villages, rivers): what a pattern must not keep as fixed text."""
    words = JIEBA.cut_hmm(text)
    freq, proper, surnames = JIEBA.tokenizer.FREQ, JIEBA.proper, rules().surnames
    found = []
    for index, word in enumerate(words):
        if len(word) < 2 or word in generic or not "\u4e00" <= word[0] <= "\u9fff":  # HAN, one character
            continue
        known = freq.get(word)
        if not known and any(s in "".join(words[index + 1 : index + 3]) for s in SCHOOL_SUFFIXES):
            found.append(word)  # an unknown word just before 学校/小学: a school's name
            continue
        # An unknown word is a name when it looks like one: a surname and a given name, or a place's ending.
        if (
            word in proper
            or not known
            and all(HAN.fullmatch(c) for c in word)
            and (len(word) <= 3 and word[0] in surnames or word[-1] in PLACE_ENDINGS)
        ):
            found.append(word)
    return found


JIEBA = _Jieba()


# ---------------------------------------------------------------- slotting


def leave_out_marked(sentence: str) -> str:
    """The reason a sentence carrying the cleaner's marks or template braces is left out, or ''."""
    if "〖缺〗" in sentence or "〖疑" in sentence:
        return "hole"
    if "〖" in sentence or "{" in sentence or "}" in sentence or _mojibake(sentence):
        return "noise"
    if sentence.count("“") != sentence.count("”") or sentence.count("《") != sentence.count("》"):
        # A quote the scrape lost its other half of: where the name ends is a guess, so nothing is mined.
        return "noise"
    return ""


def _mojibake(sentence: str) -> bool:
    return any(mark in sentence for mark in _MOJIBAKE_MARKS) and bool(MOJIBAKE.search(sentence))


_MOJIBAKE_MARKS = literal_needs(MOJIBAKE) or ("",)  # ? or \ufffd: one is in every match


def _few_han(text: str) -> bool:
    """Whether a text holds fewer than two Chinese characters (looked for up to the second)."""
    first = HAN.search(text)
    return first is None or HAN.search(text, first.end()) is None


@lru_cache(maxsize=256)
def _context_rules(where: frozenset[str]) -> tuple[_ContextRule, ...]:
    """The context rules for a sentence's place (``where``), in their order: those of any place, and the subject's."""
    return tuple(rule for rule in rules().context if rule.where in where or rule.where in ("any", "subject"))


def _context(text: str, where: frozenset[str], slots: dict[str, str]) -> str:
    chars = set(text)
    for rule in _context_rules(where):
        if rule.needs is not None and (
            rule.needs.isdisjoint(chars) or rule.literals and not any(literal in text for literal in rule.literals)
        ):
            continue  # a character every match needs is missing, or every string one of which each match holds

        def repl(m: re.Match[str], rule: _ContextRule = rule, source: str = text) -> str:
            start = m.start("v") if "v" in m.re.groupindex else m.start()
            if rule.where == "subject" and not _at_clause_start(source, m.start()):
                return m.group(0)
            for name in re.findall(r"{{\s*(\w+)\s*}}", rule.replace):
                slots[name] = CONTEXT_TYPES.get(name, "text")
            if "v" in m.re.groupindex:
                end = m.end("v")
                return m.group(0)[: start - m.start()] + rule.replace + m.group(0)[end - m.start() :]
            return rule.replace

        text, done = rule.pattern.subn(repl, text)
        if done:
            chars = set(text)  # a slot's name brings its characters
    return text


def _at_clause_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in ",,;;。::!?!?、 "


def slot_sentence(sentence: str, where: set[str] | frozenset[str] = frozenset()) -> Slotted:
    """Turn a sentence into a pattern with named slots, or say why it is left out.

    ``where`` names the sentence's place (opening_first, plan_intro, title, heading) for the context rules.
    The stock sentences and clauses of the genre recur (in one report, across reports), so each (sentence, place)
    is slotted once a process; every caller gets its own copy.
    """
    done = _slotted(sentence, frozenset(where))
    return Slotted(done.text, dict(done.slots), dict(done.values), done.reason)


@lru_cache(maxsize=65536)
def _slotted(sentence: str, where: frozenset[str]) -> Slotted:
    rules_ = rules()
    reason = leave_out_marked(sentence)
    if reason:
        return Slotted(reason=reason)
    size = len(sentence)
    limit = rules_.max_opening_chars if "opening_first" in where else rules_.max_chars
    if size < rules_.min_chars and not {"heading", "clause"} & set(where) or size > limit or _few_han(sentence):
        return Slotted(reason="length")
    result = Slotted()
    text = _context(sentence, where, result.slots)

    # Typed masks: each hit becomes one sentinel character so that jieba sees it as a single token.
    spans: list[tuple[str, str]] = []  # (slot type, value)

    def protect(segment: str) -> str:
        # What a mask takes out only ever removes characters (a sentinel in their place): the first set serves.
        # A mask whose needed characters are there is tried where one of its needed strings is too (工程, 实施方案).
        chars = set(segment)
        for mask in rules_.masks:
            if mask.needs is not None and (
                mask.needs.isdisjoint(chars)
                or mask.literals
                and not any(literal in segment for literal in mask.literals)
            ):
                continue

            def repl(m: re.Match[str], mask: _Mask = mask) -> str:
                if "v" in m.re.groupindex:
                    value, before = m.group("v"), m.group(0)[: m.start("v") - m.start()]
                    after = m.group(0)[m.end("v") - m.start() :]
                else:
                    value, before, after = m.group(0), "", ""
                if not value.strip() or value.strip() in mask.allow:
                    return m.group(0)
                slot_type = mask.slot_type
                if mask.punctuated_type and PUNCTUATION.search(value.strip()):
                    slot_type = mask.punctuated_type
                spans.append((slot_type, value.strip()))
                return before + chr(SENTINEL_BASE + len(spans) - 1) + after

            segment = mask.pattern.sub(repl, segment)
        return segment

    # Context slots already written as {{ … }} are kept out of the masks and of jieba.
    pieces = CONTEXT_MARK.split(text) if "{{" in text else [text]
    context_marks: list[str] = []
    rebuilt = []
    for piece in pieces:
        if piece.startswith("{{"):
            context_marks.append(piece)
            rebuilt.append(chr(SENTINEL_BASE + 0x0F00 + len(context_marks) - 1))
        else:
            rebuilt.append(protect(piece))
    masked = "".join(rebuilt)

    masked, name = _names(masked, rules_, spans, result.slots)
    if name:
        return Slotted(reason="specific", values={"专名": name})
    masked_chars = sum(len(value) for _, value in spans)
    if len(spans) > rules_.max_slots or masked_chars > rules_.max_slot_share * size:
        return Slotted(reason="specific")

    counters: dict[str, int] = {}

    def unmask(m: re.Match[str]) -> str:
        # Sentinels in their order in the text: typed slots are numbered as they come (数量1, 数量2…).
        code = ord(m.group(0)) - SENTINEL_BASE
        if code >= 0x0F00:
            return context_marks[code - 0x0F00]
        slot_type, value = spans[code]
        counters[slot_type] = counters.get(slot_type, 0) + 1
        name = f"{SLOT_STEMS[slot_type]}{counters[slot_type]}"
        result.slots[name] = slot_type
        result.values[name] = value
        return f"{{{{ {name} }}}}"

    result.text = SENTINELS.sub(unmask, masked)
    return result


def _names(
    masked: str, rules_: Rules, spans: list[tuple[str, str]], context_slots: dict[str, str]
) -> tuple[str, str]:
    """Slot the places and people jieba's dictionary and the rules can name; return the text and any name left.

    A place the dictionary knows (湖北, 青山县; with a following 市/县/区) becomes a place slot, a person named before
    a title (made-up: 蔺筠老师, 立新市长) a person slot. Any other proper name is returned, and the sentence is left
    out: a dictionary proper noun that is not a place, or the single characters jieba cannot cut into words (made-up:
    枫垭坳 → 枫/垭/坳) before a school or place word (小学, 县) or in a list of names (铁西、和平).
    """
    tokens = JIEBA.cut(masked)
    proper, places = JIEBA.proper, JIEBA.places
    out: list[str] = []
    run: list[str] = []  # consecutive single Han characters, still in `out`

    def slot(count: int, slot_type: str, value: str) -> None:
        # Replace the last `count` pieces of out by one sentinel.
        del out[len(out) - count :]
        spans.append((slot_type, value))
        out.append(chr(SENTINEL_BASE + len(spans) - 1))

    generic, strong_person_words = rules_.generic, rules_.strong_person_words
    function_chars, name_suffixes = rules_.function_chars, tuple(rules_.name_suffixes)
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        size = len(token)
        if size == 1 and "\u4e00" <= token <= "\u9fff":  # a single Han character (HAN)
            run.append(token)
            out.append(token)
            index += 1
            continue
        following = tokens[index + 1] if index + 1 < count else ""
        if size >= 2 and token in proper and token not in generic:
            if token not in places:
                return masked, token
            value = token
            if len(following) == 1 and following in DIVISION_CHARS:
                value += following
                index += 1
            # A place before 教育局 names the writing unit (石门县教育局): the context slot, not a fact.
            unit = next((n for n in (1, 2, 3) if "".join(tokens[index + 1 : index + 1 + n]) in UNIT_WORDS), 0)
            if unit:
                out.append("{{ 单位 }}")
                context_slots["单位"] = CONTEXT_TYPES["单位"]
                run = []
                index += 1 + unit
                continue
            # A place that begins a school's name (made-up: 江南育英学校) makes the whole name an organisation.
            ahead = tokens[index + 1 : index + 4]
            school = next((n for n, t in enumerate(ahead) if t.endswith(SCHOOL_SUFFIXES)), -1)
            if school >= 0 and all(HAN.fullmatch(t[0]) for t in ahead[: school + 1]):
                value += "".join(ahead[: school + 1])
                index += school + 1
                out.append(value)
                slot(1, "org", value)
            else:
                out.append(value)
                slot(1, "place", value)
            run = []
            index += 1
            continue
        if 2 <= size <= 3 and following in strong_person_words:
            before = tokens[index - 1] if index else ""
            if not HAN.match(before[-1:] or ","):
                out.append(token)
                slot(1, "person", token)
                run = []
                index += 1
                continue
        if run:
            if (
                len(run) >= 2
                and token.endswith(name_suffixes)
                and any(c not in function_chars and c not in DIVISION_CHARS for c in run)  # a rare character
            ):
                return masked, "".join(run) + token
            tail_rare = 0
            for char in reversed(run):
                if char in function_chars:
                    break
                tail_rare += 1
            if tail_rare >= 2 and token in ("、", "和", "与"):
                return masked, "".join(run)
            if 2 <= tail_rare <= 3 and run[-tail_rare] in rules_.surnames and token in rules_.person_words:
                slot(tail_rare, "person", "".join(run[-tail_rare:]))
            elif 2 <= tail_rare <= 3 and run[-tail_rare] in rules_.surnames and not HAN.match(token):
                return masked, "".join(run[-tail_rare:])
            run = []
        out.append(token)
        index += 1
    return "".join(out), ""
