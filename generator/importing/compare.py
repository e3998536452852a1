"""`zongjie compare`: the sentences of a draft that repeat last year's report verbatim or nearly (查重).

Both files go through the corpus pipeline (read, clean, structure) and are cut into sentences at 。!?;. A draft
sentence is reused when its similarity to a sentence of last year's report is at least THRESHOLD: rapidfuzz's
``fuzz.ratio`` (100 × (1 − edit distance / total length), on the sentences with full-width forms folded, spaces
and the enumeration word in front (一是, 1.) removed). At 85, a 40-character sentence may differ in about six
characters (a number or two changed, a word replaced) and still count; sentences of fewer than MIN_CHARS
Chinese characters (stock phrases, short headings) are not compared. The share of reused text is the reused
sentences' characters over all the draft's sentence characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

THRESHOLD = 85.0
MIN_CHARS = 12
_SENTENCE = re.compile(r"[^。!?;！？；]+[。!?;！？；]?")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|第[一二三四五六七八九十]+|\d{1,2}[.．、]|[(（][一二三四五六七八九十\d]+[)）])[,，、:：]?"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Sentence:
    text: str  # as it stands in the file (after cleaning)
    key: str  # what is compared
    line: int  # line of the file (paragraph of a .docx), 1-based; 0 when unknown
    where: str  # the heading above it


@dataclass
class Reuse:
    draft: Sentence
    source: Sentence
    score: float


@dataclass
class CompareResult:
    draft_path: str
    source_path: str
    draft_docx: bool
    source_docx: bool
    reused: list[Reuse] = field(default_factory=list)
    draft_chars: int = 0
    sentences: int = 0
    highlighted: Path | None = None

    @property
    def share(self) -> float:
        """Reused characters over all the draft's sentence characters, in percent."""
        if not self.draft_chars:
            return 0.0
        return 100.0 * sum(len(r.draft.key) for r in self.reused) / self.draft_chars


def key_of(text: str) -> str:
    """What two sentences are compared on: folded, without spaces, enumeration word or end mark."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = _ENUM.sub("", text)
    return text.rstrip("。!?;")


def sentences_of(path: str | Path) -> tuple[list[Sentence], bool]:
    """The sentences of a report file, each with its line (or .docx paragraph) and heading."""
    from generator.importing.source import read_source

    source = read_source(path)
    found: list[Sentence] = []
    for text, line, where in source.texts(headings=True):
        at = source.file_line(line)
        for piece in _SENTENCE.findall(text):
            piece = piece.strip()
            if piece:
                found.append(Sentence(piece, key_of(piece), at, where))
    return found, source.docx


def comparable(sentence: Sentence) -> bool:
    return len(_HAN.findall(sentence.key)) >= MIN_CHARS


def compare_reports(
    draft: str | Path,
    source: str | Path,
    *,
    highlight: str | Path | None = None,
    force: bool = False,
    threshold: float = THRESHOLD,
) -> CompareResult:
    """The draft's sentences that repeat last year's report; with ``highlight``, a .docx copy marking them."""
    from rapidfuzz import fuzz, process

    from generator.errors import UsageError

    target = Path(highlight).expanduser() if highlight is not None else None
    if target is not None:
        from generator.base.files import check_target

        if Path(draft).suffix.lower() != ".docx":
            raise UsageError(
                "只有 .docx 草稿才能标注出重复的句子", path=draft, hint="请去掉 --highlight,或给出 .docx 草稿"
            )
        if target.suffix.lower() != ".docx":
            raise UsageError(
                "标注后的副本须是 .docx 文件", path=target, hint="请把 --highlight 的文件名改成以 .docx 结尾"
            )
        if target.resolve() == Path(draft).resolve():
            raise UsageError("标注后的副本不能覆盖草稿本身", path=target, hint="请给副本另起一个文件名")
        check_target(target, force)
    drafted, draft_docx = sentences_of(draft)
    last, source_docx = sentences_of(source)
    result = CompareResult(str(draft), str(source), draft_docx, source_docx)
    candidates = [s for s in last if comparable(s)]
    keys = [s.key for s in candidates]
    seen: set[str] = set()
    for sentence in drafted:
        result.draft_chars += len(sentence.key)
        result.sentences += 1
        if not comparable(sentence) or not keys or sentence.key in seen:
            continue
        best = process.extractOne(sentence.key, keys, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is not None:
            seen.add(sentence.key)
            result.reused.append(Reuse(sentence, candidates[best[2]], float(best[1])))
    if target is not None:
        from generator.importing.highlight import highlight_copy

        highlight_copy(Path(draft), target, {r.draft.key for r in result.reused}, key_of, force=force)
        result.highlighted = target
    return result
