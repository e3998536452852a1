"""`zongjie generate --report`: the draft's paragraphs with the library entries each one was worded from.

One *library entry used* is a distinct piece of stock text the composer took from the library: a phrase pattern
(mined or manual, whatever its kind: title, 导语, heading-family member, lead, evaluation, transition, closing, an
honour or figure frame), or a heading the outline itself words (a node's fixed ``heading``, or its role's default
heading). The outline as a whole is reported apart: it orders the draft but puts no words of its own into it
beyond those headings, which are counted one by one. The writer's own words, numbers and the composer's
punctuation are no entry.

The share the issue asks for is ``mined_support2 / entries``: entries that are mined patterns found in two or more
distinct reports, over all distinct entries of the draft, manual and the writer's own included.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.base.resources import templates_dir
from generator.drafting.model import Block, Draft, placeholder_label
from generator.render.text import block_text

if TYPE_CHECKING:
    from generator.facts.model import Facts
    from generator.library.core import Library, Outline, Phrase

# A mined pattern is the genre's stock from this many distinct reports on (drafting/select.py drafts no fewer).
STOCK_SUPPORT = 2
# What a block is, in the report's words.
_BLOCK_KINDS = {"title": "标题", "subtitle": "副标题", "paragraph": "正文", "signature": "署名", "date": "成文日期"}
_LEVELS = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


@lru_cache(maxsize=256)
def _shipped_part(path: str) -> str | None:
    """The path inside the shipped templates/ folder, None for a path outside it (cached: a draft's entries come
    from a handful of files, and resolving a path asks the file system)."""
    try:
        return str(Path(path).resolve().relative_to(_templates_root()))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _templates_root() -> Path:
    return templates_dir().resolve()


def shown_path(path: str) -> str:
    """A shipped file as ``templates/…`` (the same in a checkout and an installed copy); another path as it is."""
    if not path:
        return ""
    inside = _shipped_part(path)
    return str(Path("templates") / inside) if inside is not None else path


def _shipped(path: str) -> bool:
    return not path or _shipped_part(path) is not None


def entry_origin(origin: str, path: str) -> str:
    """mined / manual for the shipped library; a writer's own entry is ``user`` unless it was mined (a library of
    their own made with `zongjie mine` keeps its counted support)."""
    if origin == "mined" or _shipped(path):
        return origin
    return "user"


def _phrase_entry(phrase: Phrase) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": phrase.id,
        "type": "phrase",
        "kind": phrase.kind,
        "origin": entry_origin(phrase.origin, phrase.path),
        "support": phrase.support if phrase.origin == "mined" else 0,
    }
    if phrase.scope:
        entry["scope"] = phrase.scope
    if phrase.family:
        entry["family"] = phrase.family
    entry["text"] = phrase.text
    entry["sources"] = [s.as_dict() for s in phrase.sources]
    entry["defined_in"] = {"file": shown_path(phrase.path), "line": phrase.line}
    if phrase.why:  # a reviewed entry says why the corpus cannot give it
        entry["why"] = phrase.why
    return entry


def _outline_origin(outline: Outline) -> str:
    return entry_origin(outline.origin, outline.path)


def _outline_support(outline: Outline) -> int:
    """A mined outline's support is the number of distinct reports it was mined from; a reviewed one has none."""
    return len(outline.sources) if outline.origin == "mined" else 0


def _outline_entry(outline: Outline, line: int, role: str, default: bool) -> dict[str, Any]:
    from generator.library.model import OUTLINE_ROLES

    node = next((n for n in outline.walk() if n.line == line and n.role == role), None)
    if default or node is None or not node.heading:
        # The role's default heading (存在的不足, 重点工作…): hand-written in the role table, not in the outline.
        text = OUTLINE_ROLES[role].default_heading if role in OUTLINE_ROLES else ""
        return {
            "id": f"role.{role}.heading",
            "type": "role_heading",
            "kind": "heading",
            "origin": "manual",
            "support": 0,
            "text": text,
            "sources": [],
            "defined_in": {"file": "generator/library/model.py", "line": 0},
            "why": "提纲的这一节点没有写标题,用这一角色的默认标题(角色表 OUTLINE_ROLES)",
        }
    return {
        "id": f"{outline.name}:{line}",
        "type": "outline_heading",
        "kind": "heading",
        "origin": _outline_origin(outline),
        "support": _outline_support(outline),
        "text": node.heading,
        "sources": [{"file": name} for name in outline.sources],
        "defined_in": {"file": shown_path(outline.path), "line": line},
        **({"why": outline.why} if outline.why else {}),
    }


def _missing_entry(pattern_id: str) -> dict[str, Any]:
    # Not in the library the draft was composed with: should never happen; reported rather than hidden.
    return {"id": pattern_id, "type": "phrase", "kind": "", "origin": "unknown", "support": 0, "text": "",
            "sources": [], "defined_in": {"file": "", "line": 0}}


def is_stock(entry: dict[str, Any]) -> bool:
    """A mined pattern found in two or more distinct reports."""
    return entry["origin"] == "mined" and entry["type"] == "phrase" and entry["support"] >= STOCK_SUPPORT


def _depth(block: Block) -> int | None:
    """How deep a heading nests: 0 for a part's heading without a number (下半年工作打算), else its level."""
    if block.kind != "heading":
        return None
    return 0 if block.level <= 1 and not block.marker else block.level


def _block_kind(block: Block) -> str:
    if block.kind == "heading":
        return "部分标题" if _depth(block) == 0 else _LEVELS.get(block.level, f"{block.level}级标题")
    return _BLOCK_KINDS.get(block.kind, block.kind)


def draft_report(
    draft: Draft,
    *,
    library: Library,
    outline: Outline,
    facts: Facts | None = None,
    seed: int = 0,
    output: str | Path | None = None,
) -> dict[str, Any]:
    """The report as plain data (keys in a fixed order): what `generate --report` writes as JSON."""
    from generator.drafting.notes import placeholder_source

    per_block: list[list[dict[str, Any]]] = [[] for _ in draft.blocks]
    entries: dict[str, dict[str, Any]] = {}
    where: dict[str, list[int]] = {}

    def add(index: int, entry: dict[str, Any]) -> None:
        key = entry["id"]
        if key not in entries:
            entries[key] = entry
            where[key] = []
        if index not in where[key]:
            where[key].append(index)
        if 0 <= index < len(per_block) and all(e["id"] != key for e in per_block[index]):
            per_block[index].append(entry)

    # In reading order: a block's outline heading, then its phrases in the order the composer took them.
    uses: list[tuple[int, int, dict[str, Any]]] = []
    for n, out_use in enumerate(draft.outline_used):
        uses.append((out_use.block_index, -1000 + n, _outline_entry(outline, out_use.line, out_use.role, out_use.default)))
    for n, use in enumerate(draft.patterns_used):
        phrase = library.phrases.get(use.pattern_id)
        uses.append((use.block_index, n, _phrase_entry(phrase) if phrase else _missing_entry(use.pattern_id)))
    for index, _, entry in sorted(uses, key=lambda u: (u[0], u[1])):
        add(index, entry)

    paragraphs: list[dict[str, Any]] = []
    under: list[tuple[int, str]] = []  # the headings the current block stands under: (depth, text)
    for index, block in enumerate(draft.blocks):
        text = block_text(block)
        depth = _depth(block)
        if block.kind in ("title", "subtitle", "signature", "date"):
            under = []
        elif depth is not None:
            under = [h for h in under if h[0] < depth]
        holes = []
        for span in block.spans:
            if not span.placeholder:
                continue
            label = placeholder_label(span.text)
            key, line = placeholder_source(label.strip(), facts) if facts is not None and label is not None else ("", 0)
            holes.append(
                {"text": span.text, "label": label or "", "facts_key": key, "facts_line": line, "note": span.comment}
            )
        paragraphs.append(
            {
                "index": index,
                "kind": _block_kind(block),
                "under": [heading for _, heading in under],
                "text": text,
                "entries": per_block[index],
                "placeholders": holes,
            }
        )
        if depth is not None:
            under.append((depth, text))

    used = list(entries.values())
    by_origin: dict[str, int] = {}
    for entry in used:
        by_origin[entry["origin"]] = by_origin.get(entry["origin"], 0) + 1
    stock = sum(1 for e in used if is_stock(e))
    return {
        "facts": str(getattr(facts, "path", "") or "") if facts is not None else "",
        "output": str(output) if output is not None else "",
        "seed": seed,
        "outline": {
            "name": outline.name,
            "title": outline.title,
            "kind": outline.kind,
            "origin": _outline_origin(outline),
            "support": _outline_support(outline),
            "sources": [{"file": name} for name in outline.sources],
            "defined_in": {"file": shown_path(outline.path), "line": 0},
            **({"why": outline.why} if outline.why else {}),
        },
        "library": [shown_path(str(layer)) for layer in library.layers],
        "summary": {
            "paragraphs": len(paragraphs),
            "entries": len(used),
            "by_origin": dict(sorted(by_origin.items())),
            "by_type": _count(used, "type"),
            "mined_support2": stock,
            "mined_support2_share": round(stock / len(used), 4) if used else 0.0,
            "placeholders": sum(len(p["placeholders"]) for p in paragraphs),
        },
        "entries": [dict(e, paragraphs=where[e["id"]]) for e in used],
        "paragraphs": paragraphs,
    }


def _count(entries: list[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry[key]] = counts.get(entry[key], 0) + 1
    return dict(sorted(counts.items()))


def report_json(report: dict[str, Any]) -> str:
    """The report as JSON text: UTF-8 as written (no \\u escapes), keys in the report's own order, indented."""
    import json

    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def write_report(report: dict[str, Any], path: str | Path, *, force: bool = False) -> Path:
    """Write the report atomically (an existing file only with force); every failure is an OutputError."""
    from generator.base.files import write_atomic

    return write_atomic(Path(path).expanduser(), report_json(report).encode("utf-8"), force=force)
