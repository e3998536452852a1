"""Stage 3, structure: recover a cleaned report's tree (title, opening, sections, paragraphs, enumerations)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.base.markers import SENTENCE_STOP, STYLE_OF_LEVEL, marker_at
from generator.corpus.clean import CleanResult, clean_file, load_cleaning_yaml
from generator.corpus.doctree import Document, Item, Paragraph, Section

HEADING_TAIL = "。;;,,::、 "
# A run-in heading's first sentence is short; a longer "first sentence" is a paragraph that happens to be numbered.
MAX_RUN_IN_HEADING = 60
# "第一部分 上半年工作总结": a part heading of a report in several parts.
PART_MARKER = re.compile(r"第[一二三四五六七八九十]{1,3}部分[::、,,\s]*")


@dataclass(frozen=True)
class _HeadingRules:
    parts: re.Pattern[str]
    enumerations: tuple[tuple[str, ...], ...]
    closers: re.Pattern[str]


@lru_cache(maxsize=1)
def _heading_rules() -> _HeadingRules:
    data = load_cleaning_yaml("headings.yaml")
    parts = "|".join(f"(?:{p})" for p in data["part_headings"])
    groups = tuple(tuple(str(w) for w in group) for group in data["enumerations"])
    return _HeadingRules(
        parts=re.compile(rf"^(?:{parts})[::]?$"),
        enumerations=groups,
        closers=re.compile(str(data.get("closers") or "(?!)")),
    )


def parse_structure(cleaned: CleanResult) -> Document:
    """Build the document tree of a cleaned report: sections by marker level, part headings at level 0."""
    rules = _heading_rules()
    document = Document(source=Path(cleaned.source).name, title=cleaned.title, date=cleaned.date)
    stack: list[Section] = []
    for number, line in enumerate(cleaned.lines, start=1):
        text = line.strip()
        if not text:
            continue
        section, rest = _heading(text, number, rules)
        if section is None:
            _attach(document, stack, _paragraph(text, number, rules))
            continue
        while stack and stack[-1].level >= section.level:
            stack.pop()
        if stack:
            stack[-1].children.append(section)
        else:
            document.sections.append(section)
        stack.append(section)
        if rest:
            section.paragraphs.append(_paragraph(rest, number, rules))
    _move_closing(document, rules)
    return document


def structure_file(path: str | Path) -> Document:
    """Read, clean and structure one report file."""
    return parse_structure(clean_file(path))


def _heading(text: str, line: int, rules: _HeadingRules) -> tuple[Section | None, str]:
    """The section a line opens (with any run-in text after it), or None for a body line."""
    bare = text.rstrip("。 ")
    if len(bare) <= 24 and rules.parts.match(bare) and not marker_at(bare, 0):
        return Section(level=0, marker="", style="", title=re.sub(r"[::]+$", "", bare), line=line), ""
    part = PART_MARKER.match(text)
    if part and len(text) <= 40 and not SENTENCE_STOP.search(text):
        title = re.sub(r"[::]+$", "", text[part.end() :].strip())
        return Section(level=0, marker=part.group(0), style="", title=title, line=line), ""
    found = marker_at(text, 0)
    if not found:
        return None, ""
    level, _style, _number, end = found
    marker = text[:end]
    rest = text[end:].strip()
    if not rest:
        return None, ""
    stop = SENTENCE_STOP.search(rest)
    if stop and rest[stop.end() :].strip():
        head, tail = rest[: stop.start()], rest[stop.end() :].strip()
        if len(head) > MAX_RUN_IN_HEADING:
            return None, ""
        section = Section(
            level=level,
            marker=marker,
            style=STYLE_OF_LEVEL[level],
            title=head.rstrip(HEADING_TAIL),
            line=line,
        )
        section.run_in = True
        return section, tail
    if len(rest) > MAX_RUN_IN_HEADING + 20:
        return None, ""
    return Section(
        level=level, marker=marker, style=STYLE_OF_LEVEL[level], title=rest.rstrip(HEADING_TAIL), line=line
    ), ""


def _attach(document: Document, stack: list[Section], paragraph: Paragraph) -> None:
    if stack:
        stack[-1].paragraphs.append(paragraph)
    else:
        document.opening.append(paragraph)


def _paragraph(text: str, line: int, rules: _HeadingRules) -> Paragraph:
    paragraph = Paragraph(text=text, line=line)
    best: list[tuple[int, str]] = []
    for group in rules.enumerations:
        found = _enumeration(text, group)
        if len(found) > len(best):
            best = found
    if best and (len(best) >= 2 or best[0][0] == 0):
        paragraph.lead = text[: best[0][0]].strip()
        for index, (start, marker) in enumerate(best):
            end = best[index + 1][0] if index + 1 < len(best) else len(text)
            body = re.sub(r"^[\s,,、::]+", "", text[start + len(marker) : end]).strip()
            paragraph.items.append(Item(marker=marker, text=body))
    return paragraph


def _enumeration(text: str, group: tuple[str, ...]) -> list[tuple[int, str]]:
    """Positions of the group's markers in order (一是…二是…), each at a clause start."""
    found: list[tuple[int, str]] = []
    pos = 0
    ordinal = group[0].startswith("第")
    # A paragraph may open with a later member when the list runs over several paragraphs (二是,… on its own).
    first = next((k for k, marker in enumerate(group) if text.startswith(marker)), 0)
    for index, marker in enumerate(group[first:]):
        at = _find_at_clause_start(text, marker, pos, ordinal)
        if at < 0:
            # 首先/其次/最后 may skip 再次; other groups must run without gaps.
            if group[0] == "首先" and marker == "再次":
                continue
            break
        if index == 0 and found:
            break
        found.append((at, marker))
        pos = at + len(marker)
    return found


def _find_at_clause_start(text: str, marker: str, pos: int, ordinal: bool) -> int:
    while True:
        at = text.find(marker, pos)
        if at < 0:
            return -1
        before = text[at - 1 : at] if at else ""
        after = text[at + len(marker) : at + len(marker) + 1]
        clause_start = at == 0 or before in "。;;::,,!?!? "
        if clause_start and (not ordinal or after in ",,、::"):
            return at
        pos = at + 1


def _move_closing(document: Document, rules: _HeadingRules) -> None:
    """A signature block (unit name, date) after the last section is the closing, not that section's text."""
    if not document.sections:
        return
    last = document.sections[-1]
    while last.children:
        last = last.children[-1]
    tail: list[Paragraph] = []
    while last.paragraphs and _is_signature(last.paragraphs[-1].text):
        tail.insert(0, last.paragraphs.pop())
    while last.paragraphs and rules.closers.match(last.paragraphs[-1].text):
        tail.insert(0, last.paragraphs.pop())
    document.closing = tail


def _is_signature(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。,,;;!?!?]", text)
