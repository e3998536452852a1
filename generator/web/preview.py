"""The draft beside the form: outline choice, seed, and the draft's blocks as the page shows them."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from generator.api import cached_library, draft_from_facts, resolve_outline
from generator.drafting.model import Draft
from generator.facts.model import Facts
from generator.library.core import Outline
from generator.render.report import draft_report, is_stock
from generator.render.text import heading_marker

# The draft is made from the page's facts file ("事实文件"); its warnings begin with that name (and a line).
_SOURCE = re.compile(r"^事实文件(?: 第 \d+ 行)?[::]\s*")


@dataclass
class Preview:
    draft: Draft
    outline: Outline
    seed: int
    blocks: list[dict[str, Any]] = field(default_factory=list)
    entries: int = 0  # library entries the draft used (as `generate --report` counts them)
    stock: int = 0  # of them, mined patterns found in two or more distinct reports

    @property
    def share(self) -> str:
        """The stock's share of the entries, worded as the command line's summary words it."""
        return f"{self.stock / self.entries:.0%}" if self.entries else ""

    def warnings(self, shown: list[str]) -> list[str]:
        """The draft's own warnings, without those already shown (the facts' warnings, pinned to fields)."""
        out: list[str] = []
        for warning in self.draft.warnings:
            text = _SOURCE.sub("", warning)
            if text not in shown and text not in out:
                out.append(text)
        return out


def outlines_for(kind: str) -> list[Outline]:
    """The library's outlines for a kind: reviewed (manual) ones first, as the default choice orders them."""
    library = cached_library(())
    found = [o for o in library.outlines.values() if o.kind == kind]
    return sorted(found, key=lambda o: (o.origin != "manual", o.name))


def choose_outline(facts: Facts, name: str) -> Outline:
    """The outline named in the form if it is one of the kind's, else the kind's default. Never a path."""
    library = cached_library(())
    chosen = library.outlines.get(name)
    if chosen is not None and chosen.kind == facts.kind:
        return chosen
    return resolve_outline(facts, None, library)


def make_preview(facts: Facts, outline_name: str, seed: int) -> Preview:
    """Compose the draft. The page never reads folders: the facts' 「词库」 is for the command line only."""
    facts = dataclasses.replace(facts, libraries=[])
    outline = choose_outline(facts, outline_name)
    draft = draft_from_facts(facts, outline=outline, seed=seed)
    report = draft_report(draft, library=cached_library(()), outline=outline, facts=facts, seed=seed)
    blocks = [
        {
            "kind": block.kind,
            "level": block.level,
            "marker": heading_marker(block) if block.kind == "heading" else "",
            "spans": [(span.text, span.placeholder, span.strong) for span in block.spans],
            "sources": "\n".join(_entry_line(e) for e in paragraph["entries"]),
        }
        for block, paragraph in zip(draft.blocks, report["paragraphs"], strict=True)
    ]
    summary = report["summary"]
    stock = sum(1 for e in report["entries"] if is_stock(e))
    return Preview(draft=draft, outline=outline, seed=seed, blocks=blocks, entries=summary["entries"], stock=stock)


_ORIGINS = {"mined": "挖掘", "manual": "人工", "user": "自己的词库"}


def _entry_line(entry: dict[str, Any]) -> str:
    """One library entry a paragraph used, as its tooltip says it: 编号(挖掘,见于 N 份材料:文件:行、…)."""
    origin = _ORIGINS.get(entry["origin"], entry["origin"])
    if entry["origin"] != "mined":
        return f"{entry['id']}({origin})"
    places = [f"{s['file']}:{s['line']}" if s.get("line") else s["file"] for s in entry["sources"]]
    shown = "、".join(places[:3]) + (f" 等 {len(places)} 处" if len(places) > 3 else "")
    return f"{entry['id']}({origin},见于 {entry['support']} 份材料:{shown})"
