"""Stage 4, mine: cleaned, structured reports → outline skeletons and slotted phrase patterns (the library's YAML)."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.base import interrupts
from generator.base.files import flush_folder, write_atomic
from generator.base.markers import SENTENCE_ENDS
from generator.base.resources import template_path
from generator.corpus.doctree import Document, Paragraph, Section
from generator.corpus.read import corpus_files
from generator.errors import OutputError, UsageError, ZongjieError, os_reason
from generator.library.dump import dump_outline, dump_phrases
from generator.library.model import Outline, Phrase, Source, phrase_id
from generator.mining.clauses import (
    clause_rules,
    document_clauses,
    document_headings,
    document_parts,
    title_outline,
)
from generator.mining.drain import report_groups, signature
from generator.mining.outline import (
    OutlineBuilder,
    detect_kind,
    heading_family,
    kind_rules,
    merge_outlines,
    sentences,
)
from generator.mining.slot import CONTEXT_TYPES, EXAMPLE_CONTEXT, SLOT_STEMS, Slotted, slot_sentence
from generator.mining.stock import FileClauses, mine_stock
from generator.taxonomy.topics import load_topics

HONOUR = re.compile(r"荣获|获得.{0,20}(?:奖|称号|表彰)|被.{0,16}(?:评为|授予|命名为)|授予|表彰|荣誉称号")
ENUM_LEAD = re.compile(r"(?:方面|如下|以下|几点|几项|工作)[::]$")
REPORT_LINE = re.compile(r"汇报[::]?$")
NUMERIC_TYPES = {"quantity", "money", "percent"}
SHORT_LEAD = 20
# A chunk ending on one of these was not cut off mid-sentence: a sentence end, or a clause end before a list.
WHOLE_ENDS = SENTENCE_ENDS + ";\uff1b:\uff1a\u2026\u201d"

EXAMPLE_TYPED = {
    "money": "1280万元",
    "percent": "93.5%",
    "year": "2025",
    "place": "青山县",
    "org": "青山县实验中学",
    "person": "张明",
    "project": "阳光成长",
    "doc": "关于推进教育高质量发展的实施意见",
    "text": "示例文字",
}
LEFT_OUT = ("specific", "noise", "hole", "length")
NUMBER_HEAD = re.compile(r"^(?:[\d.\s]+|[一二两三四五六七八九十百千]+)")
PLAIN_SLOT = re.compile(r"{{ (\w+) }}")
FILE_HEADER = (
    "由 zongjie mine 从往年材料挖掘生成(origin: mined),请勿手工编辑:重新挖掘会覆盖本文件。\n"
    "要修改或补充句式,请写到人工词库(templates/library/manual/ 或您自己的词库文件夹),同 id 的条目会替换这里的。\n"
    "sources 只记文件名、原文件里段落开始的行号和句序,不抄原句;example 是用虚构数值渲染的示例。"
)


@dataclass
class FileReport:
    """What mining did with one file's sentences (the closing summary table)."""

    file: str
    kind: str = ""
    sentences: int = 0
    new: int = 0
    joined: int = 0
    specific: int = 0
    noise: int = 0
    hole: int = 0
    length: int = 0
    error: str = ""

    @property
    def left_out(self) -> int:
        return self.specific + self.noise + self.hole + self.length


@dataclass
class MineResult:
    """The mined library (phrases and outlines) and the per-file report."""

    phrases: list[Phrase] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)
    reports: int = 0  # distinct reports among the files (near-duplicates count once)

    @property
    def skipped(self) -> list[FileReport]:
        return [f for f in self.files if f.error]


@dataclass
class _Unit:
    """One sentence to mine, with what it is for."""

    text: str
    line: int
    index: int
    kind: str
    where: frozenset[str] = frozenset()
    family: str = ""
    shape: str = ""  # a family member's shape, already slotted ('{{ 主题 }}凸显新成效')
    cut_off: bool = (
        False  # the last sentence of a paragraph with no closing punctuation: the page ended there
    )


@dataclass
class _Found:
    """One sentence pattern as one file found it."""

    key: str
    kind: str
    text: str
    slots: dict[str, str]
    family: str
    topics: list[str]
    source: Source
    example: str


@dataclass
class _FileMined:
    """All that mining takes from one file (made in a worker process, aggregated in the parent)."""

    report: FileReport
    outline: Outline | None = None
    found: list[_Found] = field(default_factory=list)
    stock: FileClauses | None = None
    signature: frozenset[int] = frozenset()


def mine_corpus(
    paths: Sequence[Path], progress: Callable[[Path], None] | None = None, jobs: int | None = None
) -> MineResult:
    """Mine reports (files or folders of .txt/.docx) into phrase patterns and outline skeletons.

    Each file is read, cleaned, structured and slotted in a pool of ``jobs`` processes (default: one a core); the
    patterns are then counted in this process, in file order, so the result is the same for any ``jobs``.
    Near-duplicate reports (reposts, a traditional copy) count once: a pattern's support is the number of distinct
    reports it occurs in, its sources every place it does. Unreadable, empty or binary files are reported in the
    result's ``files`` (with ``error``) and skipped.
    """
    with _collector_paused():
        return _mine_corpus(paths, progress, jobs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while mining (worker processes inherit the pause).

    Mining builds hundreds of thousands of small objects that live to the end (clauses, their words, the memos);
    the collector would walk them again and again, about half of the run time, and find nothing to free: what
    mining drops, reference counting frees at once. At the end, what is alive is moved out of the collector's
    sight (gc.freeze): otherwise its first pass after the pause would walk every object mining made once more.
    Reference counting still frees those objects when they are dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _mine_corpus(paths: Sequence[Path], progress: Callable[[Path], None] | None, jobs: int | None) -> MineResult:
    files = corpus_files(paths)  # a missing path is an InputReadError naming it
    control = clause_rules().control_folders
    tasks = [(str(path), bool(control & set(path.parent.parts[-1:]))) for path in files]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    mined: list[_FileMined] = []
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        start = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        if start == "fork":
            # Loaded once here, the dictionary and the rules are shared with every forked worker: each worker would
            # otherwise load them again (the dictionary alone takes about a second), and this process needs them too.
            _load_shared()
        context = multiprocessing.get_context(start)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for path, item in zip(files, pool.map(_mine_file, tasks, chunksize=4), strict=True):
                mined.append(item)
                if progress is not None:
                    progress(path)
    else:
        for path, task in zip(files, tasks, strict=True):
            mined.append(_mine_file(task))
            if progress is not None:
                progress(path)
    return _aggregate(mined, [str(p) for p in files])


def _load_shared() -> None:
    """What every file's mining reads: jieba's dictionary and proper nouns, the cleaning and mining rules."""
    from generator.corpus.steps.rules import cleaning_rules
    from generator.mining.slot import JIEBA
    from generator.mining.slot import rules as mask_rules

    JIEBA.tokenizer  # noqa: B018 - loads the dictionary
    JIEBA.proper  # noqa: B018
    cleaning_rules()
    mask_rules()
    kind_rules()
    clause_rules()
    _keywords_by_char()


def _mine_file(task: tuple[str, bool]) -> _FileMined:
    """Read, clean, structure and slot one file (runs in a worker process)."""
    from generator.corpus.clean import clean_text
    from generator.corpus.read import read_document
    from generator.corpus.structure import parse_structure

    name, control = task
    path = Path(name)
    item = _FileMined(FileReport(file=path.name))
    try:
        source = read_document(path)
        cleaned = clean_text(source.text, source=source.path)
        if not cleaned.lines:
            raise UsageError("文件是空的,或清洗后没有正文", path=path)
        document = parse_structure(cleaned)
    except ZongjieError as exc:
        item.report.error = str(exc)
        return item
    spec = detect_kind(document)
    item.report.kind = spec.kind
    origin = [cleaned.title_line, *cleaned.source_lines]  # the cleaner's record of where each line stood
    item.found = _mine_document(document, spec.name, item.report, origin)
    item.outline = OutlineBuilder(document, spec, _heading_text).build()
    item.stock = FileClauses(
        file=document.source,
        report="",
        control=control,
        outline=spec.name,
        clauses=document_clauses(document, spec.name, origin, topics_of),
        headings=document_headings(document, origin),
        parts=document_parts(document, origin),
    )
    item.signature = signature(cleaned.text, clause_rules())
    return item


def _aggregate(mined: list[_FileMined], names: list[str]) -> MineResult:
    """Count the files' findings in file order: sentence patterns, stock patterns and outlines."""
    result = MineResult(files=[m.report for m in mined])
    groups = report_groups(
        [(name, m.signature) for name, m in zip(names, mined, strict=True) if m.stock is not None], clause_rules()
    )
    patterns: dict[str, Phrase] = {}
    reports: dict[str, set[str]] = {}
    outlines: dict[str, list[Outline]] = {}
    stock_files: list[FileClauses] = []
    for name, m in zip(names, mined, strict=True):
        if m.stock is None:
            continue
        report_of = groups[name]
        m.stock.report = report_of
        stock_files.append(m.stock)
        for found in m.found:
            phrase = patterns.get(found.key)
            if phrase is not None:
                phrase.sources.append(found.source)
                reports[found.key].add(report_of)
                phrase.support = len(reports[found.key])
                if found.family and not phrase.family:
                    phrase.family = found.family
                m.report.joined += 1
                continue
            patterns[found.key] = Phrase(
                id=found.key,
                kind=found.kind,
                text=found.text,
                topics=found.topics,
                slots=found.slots,
                family=found.family,
                support=1,
                origin="mined",
                sources=[found.source],
                example=found.example,
            )
            reports[found.key] = {report_of}
            m.report.new += 1
        if m.outline is not None:
            outlines.setdefault(m.outline.name, []).append(m.outline)
    stock = mine_stock(stock_files, topics_of)
    for phrase in stock:
        patterns.setdefault(phrase.id, phrase)
    # A sentence of one report is kept only as an example to browse, and only when it names nobody and nowhere
    # that the tagger can see (its HMM finds the names the dictionary lacks: people, villages, rivers).
    # Nor may it keep a named thing as a slot (a quoted programme, a document, a school, a place, a person).
    for key in [k for k, p in patterns.items() if p.support < 2 and not p.family and (_named_slots(p) or _names_left(p.text))]:
        del patterns[key]
    result.phrases = sorted(patterns.values(), key=lambda p: p.id)
    result.outlines = [merge_outlines(group) for _, group in sorted(outlines.items())]
    result.reports = len(set(groups.values()))
    return result


_TYPE_OF_STEM = {stem: slot_type for slot_type, stem in SLOT_STEMS.items()}


def _shape_slots(shape: str) -> dict[str, str]:
    """The slots of a heading family member's shape: 主题, and any typed slot its heading kept ({{ 年份1 }})."""
    slots = {}
    for name in PLAIN_SLOT.findall(shape):
        slots[name] = CONTEXT_TYPES.get(name) or _TYPE_OF_STEM.get(name.rstrip("0123456789"), "text")
    return slots


NAMED_SLOT_TYPES = frozenset({"project", "doc", "org", "place", "person"})


def _named_slots(phrase: Phrase) -> bool:
    return any(t in NAMED_SLOT_TYPES for n, t in phrase.slots.items() if n not in CONTEXT_TYPES)


def _names_left(text: str) -> bool:
    """Whether a pattern's fixed text still holds a proper name: one the dictionary tags, or one its HMM finds."""
    from generator.mining.slot import rules as mask_rules
    from generator.mining.slot import unknown_names

    return bool(unknown_names(PLAIN_SLOT.sub(",", text), mask_rules().generic))


@lru_cache(maxsize=4096)
def _heading_text(title: str) -> str:
    slotted = slot_sentence(title, frozenset({"heading"}))
    return slotted.text if slotted.ok else ""


def _mine_document(document: Document, outline_name: str, report: FileReport, origin: list[int]) -> list[_Found]:
    """One document's sentences as patterns; ``origin[n]`` is the source-file line of cleaned line n (0: title)."""
    found: list[_Found] = []
    for unit in _units(document, outline_name):
        report.sentences += 1
        if unit.cut_off:
            slotted = Slotted(reason="noise")
        elif unit.shape:
            slotted = Slotted(text=unit.shape, slots=_shape_slots(unit.shape))
        else:
            slotted = slot_sentence(unit.text, unit.where | {outline_name})
        if not slotted.ok:
            setattr(report, slotted.reason, getattr(report, slotted.reason) + 1)
            continue
        kind = _refine_kind(unit, slotted)
        if kind == "title":
            # A title is kept by the kind of report it names, so that a draft of that kind can use it; one that
            # names no summary (工作要点) is not a title a draft can take.
            title_kind = title_outline(slotted.text, outline_name)
            if not title_kind:
                report.specific += 1
                continue
            key = f"title.{title_kind}.{phrase_id(kind, slotted.text).split('.')[1]}"
        else:
            key = phrase_id(kind, slotted.text)
        source = Source(document.source, origin[unit.line] if unit.line < len(origin) else unit.line, unit.index)
        found.append(
            _Found(
                key=key,
                kind=kind,
                text=slotted.text,
                slots=dict(slotted.slots),
                family=unit.family,
                topics=["综合"] if unit.shape else topics_of(unit.text),
                source=source,
                example=example_of(slotted),
            )
        )
    return found


def _refine_kind(unit: _Unit, slotted: Slotted) -> str:
    """A body sentence's kind from its wording and slots, when its place did not fix it."""
    if unit.kind != "measure":
        return unit.kind
    text = unit.text.strip()
    if ENUM_LEAD.search(text):
        return "enum_lead"
    if HONOUR.search(text):
        return "honour"
    if any(t in NUMERIC_TYPES for t in slotted.slots.values()):
        return "achievement"
    return "measure"


def _units(document: Document, outline_name: str) -> Iterator[_Unit]:
    """Every sentence of a document with its kind by place: title, opening, headings, body, problems, plans."""
    rules = kind_rules()
    if document.title:
        yield _Unit(document.title, 0, 0, "title", frozenset({"title"}))
    for number, paragraph in enumerate(document.opening):
        said = sentences(paragraph.text)
        for index, sentence in enumerate(said, start=1):
            where = {"opening_first"} if number == 0 and index == 1 else set()
            if REPORT_LINE.search(sentence.strip()) and index == len(said):
                kind = "transition"
            elif number == 0 and index == 1:
                kind = "opening"
            else:
                kind = "measure"
            yield _Unit(sentence, paragraph.line, index, kind, frozenset(where))
    yield from _section_units(document.sections, outline_name, plan=False, rules=rules)
    for paragraph in document.closing:
        for index, sentence in enumerate(sentences(paragraph.text), start=1):
            yield _Unit(sentence, paragraph.line, index, "closing")


def _section_units(sections: list[Section], outline_name: str, plan: bool, rules) -> Iterator[_Unit]:
    by_level: dict[int, list[Section]] = {}
    for section in sections:
        by_level.setdefault(section.level, []).append(section)
    families: dict[int, tuple[str, list[str]]] = {}
    for level, group in by_level.items():
        if level == 0:
            continue
        titles = [_heading_text(s.title) for s in group]
        if all(titles):
            family, shapes = heading_family(titles)
            if family:
                role = "plans" if plan else "work"
                families[level] = (
                    f"{outline_name}.{role}{level}",
                    shapes if family == "parallel" else [""] * len(group),
                )
    positions = {id(s): n for group in by_level.values() for n, s in enumerate(group)}
    for section in sections:
        in_plan = plan or section.is_part or bool(re.search(r"计划|打算|安排", section.title))
        kind = "heading1" if section.level <= 1 else f"heading{min(section.level, 3)}"
        family, shapes = families.get(section.level, ("", []))
        shape = shapes[positions[id(section)]] if shapes else ""
        yield _Unit(section.title, section.line, 0, kind, frozenset({"heading"}), family=family, shape=shape)
        first_with_children = bool(section.children)
        for number, paragraph in enumerate(section.paragraphs):
            intro = section.is_part and number == 0 or (first_with_children and number == 0 and in_plan)
            yield from _paragraph_units(paragraph, in_plan, intro, rules)
        yield from _section_units(section.children, outline_name, in_plan, rules)


def _paragraph_units(paragraph: Paragraph, plan: bool, intro: bool, rules) -> Iterator[_Unit]:
    problems = bool(rules.problems.search(paragraph.text))
    closing = bool(rules.closing.search(paragraph.text)) and not plan
    base = "problem" if problems else "plan" if plan else "closing" if closing else "measure"
    index = 0
    if paragraph.items:
        chunks: list[tuple[str, bool]] = [(paragraph.lead, False)] + [(i.text, True) for i in paragraph.items]
    else:
        chunks = [(paragraph.text, False)]
    for chunk_number, (chunk, is_item) in enumerate(chunks):
        for position, sentence in enumerate(sentences(chunk)):
            index += 1
            where: set[str] = set()
            kind = base
            if problems and chunk_number == 0 and not is_item:
                kind = "transition"
            elif intro and index == 1:
                where.add("plan_intro")
            if (
                is_item
                and position == 0
                and len(sentence) <= SHORT_LEAD
                and not re.search(r"[,,;;]", sentence[:-1])
            ):
                # The short lead of an enumerated item (一是建组织强统筹。) reads as a run-in heading.
                kind = "heading3" if not problems else kind
            if ENUM_LEAD.search(sentence.strip()) and kind in ("plan", "measure"):
                kind = "enum_lead"
            cut_off = chunk_number == len(chunks) - 1 and sentence[-1] not in WHOLE_ENDS
            yield _Unit(sentence, paragraph.line, index, kind, frozenset(where), cut_off=cut_off)


# ---------------------------------------------------------------- source positions

# ---------------------------------------------------------------- topics and examples


@lru_cache(maxsize=1)
def _keywords_by_char() -> dict[str, tuple[tuple[int, str, str], ...]]:
    """The topics' keywords by their first character: (topic order, topic, keyword) each, in taxonomy order."""
    # The taxonomy's one checked load (the stock miner reads it too), not a second parse of topics.yaml.
    by_char: dict[str, list[tuple[int, str, str]]] = {}
    for order, topic in enumerate(load_topics()):
        for keyword in topic.keywords:
            if keyword:
                by_char.setdefault(keyword[0], []).append((order, topic.name, keyword))
    return {char: tuple(entries) for char, entries in by_char.items()}


def topics_of(text: str) -> list[str]:
    """Topic tags by keyword counts (most hits first, then taxonomy order), at most three; 综合 when none."""
    return list(_topics_of(text))


@lru_cache(maxsize=1)
def _keyword_starts() -> re.Pattern[str]:
    """A character that starts some topic keyword (a class of them all: the regular expression engine picks them
    out of a text faster than a set of all its characters is made)."""
    starts = "".join(re.escape(char) for char in sorted(_keywords_by_char()))
    return re.compile(f"[{starts}]" if starts else "(?!)")


@lru_cache(maxsize=65536)
def _topics_of(text: str) -> tuple[str, ...]:
    # Only the keywords that start with a character of the text can occur in it: the rest count nothing.
    by_char = _keywords_by_char()
    hits: dict[tuple[int, str], int] = {}
    for char in set(_keyword_starts().findall(text)):
        for order, name, keyword in by_char[char]:
            count = text.count(keyword)
            if count:
                hits[order, name] = hits.get((order, name), 0) + count
    scored = sorted((-count, order, name) for (order, name), count in hits.items())
    return tuple(name for _, _, name in scored[:3]) or ("综合",)


def example_of(slotted: Slotted) -> str:
    """The pattern rendered with made-up values (the source's unit kept for quantities)."""
    values: dict[str, str] = {}
    for name, slot_type in slotted.slots.items():
        if name in EXAMPLE_CONTEXT:
            values[name] = EXAMPLE_CONTEXT[name]
        elif slot_type == "quantity":
            # 三所 as well as 30所: the made-up number replaces the source's, in figures or in characters.
            unit = NUMBER_HEAD.sub("", slotted.values.get(name, ""))
            values[name] = f"46{unit}"
        elif slot_type == "money":
            unit = re.sub(r"^[\d.\s]+", "", slotted.values.get(name, "")) or "万元"
            values[name] = f"1280{unit}"
        elif slot_type == "percent":
            values[name] = "3.5个百分点" if "百分点" in slotted.values.get(name, "") else "93.5%"
        elif slot_type == "year" and "-" in slotted.values.get(name, ""):
            values[name] = "2024-2026"
        else:
            values[name] = EXAMPLE_TYPED.get(slot_type, "示例")
    # Mined patterns are plain text with {{ slot }} substitutions: no need to compile each one in Jinja2's sandbox.
    return PLAIN_SLOT.sub(lambda m: values[m.group(1)], slotted.text)


# ---------------------------------------------------------------- writing


def write_library(result: MineResult, out_dir: Path) -> list[Path]:
    """Write phrases.yaml and outlines/<name>.yaml under out_dir (atomically); stale mined outlines are removed.

    Only mined files are replaced (re-mining): a file there that is not one (no ``origin: mined`` at its top, such as
    a hand-written phrases.yaml) stops the writing before anything is written. The shipped manual overlay
    (templates/library/manual/) is never a target.
    """
    out_dir = Path(out_dir)
    try:
        target = out_dir.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic-link loop (Python before 3.13)
        raise OutputError(
            "输出文件夹的路径中有绕成圈的符号链接", path=out_dir, hint="请换一个输出文件夹(-o)"
        ) from None
    # The shipped manual overlay, wherever this copy of zongjie runs from (installed, or a checkout beside it).
    manual = template_path("library", "manual").resolve()
    in_manual = target == manual or manual in target.parents
    in_manual = in_manual or any(p.parts[-3:] == ("templates", "library", "manual") for p in (target, *target.parents))
    if in_manual:
        raise UsageError(
            "不能把挖掘结果写进人工词库文件夹", path=out_dir, hint="人工条目单独存放;请换一个输出文件夹"
        )
    files = {out_dir / "phrases.yaml": dump_phrases(result.phrases, "mined", FILE_HEADER)}
    for outline in result.outlines:
        files[out_dir / "outlines" / f"{outline.name}.yaml"] = dump_outline(outline, FILE_HEADER)
    try:
        for path in files:
            if (path.exists() or path.is_symlink()) and not is_mined_file(path):
                raise OutputError(
                    "输出文件夹里已有同名的非挖掘文件(开头没有 origin: mined),挖掘不会覆盖它",
                    path=path,
                    hint="请换一个输出文件夹(-o),或先把这个文件移走",
                )
        # Ctrl-C or SIGTERM while the library is being written waits until all of it is: a library folder is
        # never left half old, half new by an interrupt.
        with interrupts.deferred():
            (out_dir / "outlines").mkdir(parents=True, exist_ok=True)
            for path, text in files.items():
                write_atomic(path, text, force=True, sync_folder=False)
            for stale in sorted((out_dir / "outlines").glob("*.yaml")):
                if stale not in files and is_mined_file(stale):
                    stale.unlink()
            # Each folder's renames (five outlines into one) flushed to disk once, after its last.
            for folder in (out_dir / "outlines", out_dir):
                flush_folder(folder)
    except OSError as exc:
        raise OutputError(
            f"无法写入词库({os_reason(exc)})", path=out_dir, hint="请检查文件夹是否可写"
        ) from None
    return sorted(files)


MINED_MARK = re.compile(r"^origin:[ \t]*['\"]?mined['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
# The top-level keys of a mined file come before its first list: origin is among them.
TOP_CHARS = 4096


def is_mined_file(path: Path) -> bool:
    """Whether a library file was written by mining: ``origin: mined`` among its top-level keys, at its top."""
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        top = handle.read(TOP_CHARS).decode("utf-8", errors="replace")
    return bool(MINED_MARK.search(top))
