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
from generator.render.text import heading_marker

# The draft is made from the page's facts file ("事实文件"); its warnings begin with that name (and a line).
_SOURCE = re.compile(r"^事实文件(?: 第 \d+ 行)?[::]\s*")


@dataclass
class Preview:
    draft: Draft
    outline: Outline
    seed: int
    blocks: list[dict[str, Any]] = field(default_factory=list)

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
    blocks = [
        {
            "kind": block.kind,
            "level": block.level,
            "marker": heading_marker(block) if block.kind == "heading" else "",
            "spans": [(span.text, span.placeholder, span.strong) for span in block.spans],
        }
        for block in draft.blocks
    ]
    return Preview(draft=draft, outline=outline, seed=seed, blocks=blocks)
