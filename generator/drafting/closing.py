"""The closing assembled from stock clauses by part (templates/closing.yaml): who and when (the sentence's frame,
by kind of report), the occasion of a campaign, a stance, the goal and the aim, each a mined clause of support >= 2
not yet used nor said earlier in the draft. Each clause is one library entry of the draft's report. The writer's
own closing, and a writer's own library closing, come first (the composer checks that)."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.drafting.model import Span
from generator.drafting.select import MIN_SUPPORT, Para, Selector, fills
from generator.drafting.variation import Context, grams
from generator.errors import TemplateError
from generator.library.model import Phrase


@dataclass(frozen=True)
class ClosingPart:
    part: str
    family: str
    pattern: re.Pattern[str] | None
    kinds: frozenset[str]
    prefix: str = ""  # a word the clause takes in the closing (确保 before 圆满完成全年各项工作任务)
    words: tuple[str, ...] = ()  # the choice words it takes there (全年), when the clause offers them


@dataclass(frozen=True)
class ClosingRules:
    lead: dict[str, str]
    parts: tuple[ClosingPart, ...]
    needs: frozenset[str]


@lru_cache(maxsize=1)
def closing_rules() -> ClosingRules:
    """templates/closing.yaml, checked once."""
    path = template_path("closing.yaml")
    data = load_table(path, "结尾拼装表")
    try:
        parts = []
        for r in data["parts"]:
            try:
                pattern = re.compile(str(r["pattern"])) if r.get("pattern") else None
            except re.error as exc:
                raise TemplateError(f"结尾拼装表的部分「{r['part']}」的 pattern 无效({exc})", path=path) from None
            parts.append(
                ClosingPart(
                    str(r["part"]), str(r["family"]), pattern, frozenset(r.get("kinds") or ()),
                    str(r.get("prefix") or ""), tuple(str(w) for w in r.get("words") or ()),
                )
            )
        rules = ClosingRules(
            lead={str(k): str(v) for k, v in data["lead"].items()},
            parts=tuple(parts),
            needs=frozenset(str(p) for p in data["needs"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateError(f"结尾拼装表的格式不对({exc})", path=path, hint="请重新安装 zongjie") from None
    if "default" not in rules.lead:
        raise TemplateError("结尾拼装表的 lead 缺少 default", path=path)
    return rules


class ClosingBuilder:
    """Builds one closing for a draft; ``build`` says whether it could (else the composer uses a whole one)."""

    def __init__(
        self,
        select: Selector,
        values: Mapping[str, Any],
        kind_id: str,
        said: str,
        section: Context | None = None,
        seed: int = 0,
    ) -> None:
        self.select = select
        self.values = values
        self.kind_id = kind_id
        self.said = said  # the draft so far: a clause it already says (in a heading, the 导语) is not said again
        self.section = section  # the section the closing ends: no phrase of four characters twice in it
        # Its own generator: the closing's draws do not shift anything else.
        self.rng = random.Random(f"closing:{kind_id}:{seed}")
        self.rules = closing_rules()

    def pool(self, part: ClosingPart) -> list[Phrase]:
        out = [
            p
            for p in self.select.library.family(part.family)
            if p.origin == "mined"
            and p.support >= MIN_SUPPORT
            and p.id not in self.select.used
            and self.select.allowed_for_kind(p)
            and fills(p, self.values)
            and (part.pattern is None or part.pattern.search(p.text))
        ]
        return sorted(out, key=lambda p: p.id)

    def build(self, para: Para) -> bool:
        chosen: list[tuple[str, Phrase, list[Span]]] = []
        for part in self.rules.parts:
            if part.kinds and self.kind_id not in part.kinds:
                continue
            pool = self.pool(part)
            while pool:
                phrase = self.rng.choice(pool)
                pool.remove(phrase)
                spans = self.select.render(phrase.text, self._worded(phrase, part.words), phrase)
                if part.prefix:
                    spans = [Span(part.prefix), *spans]
                text = "".join(s.text for s in spans)
                before = ",".join("".join(s.text for s in sp) for _, _, sp in chosen)
                if text in self.said or (self.section is not None and self.section.repeats(text, before)):
                    continue
                own = self.section.stock(text) if self.section is not None else text  # the writer's words out
                if self.section is not None and any(grams(own, 5) & grams(w, 5) for w in self.section.writer):
                    # Nor what the writer says in their own words (推动全市教育事业高质量发展 in their 总体思路).
                    continue
                chosen.append((part.part, phrase, spans))
                break
        if not self.rules.needs <= {part for part, _, _ in chosen}:
            return False
        lead = self.rules.lead.get(self.kind_id, self.rules.lead["default"])
        para.extend(self.select.render(lead, self.values))
        for index, (_, phrase, spans) in enumerate(chosen):
            if index:
                para.add(",")
            para.extend(spans)
            para.uses.append(phrase.id)
            self.select.used.add(phrase.id)
        para.add("。")
        return True

    def _worded(self, phrase: Phrase, prefer: tuple[str, ...] = ()) -> dict[str, Any]:
        values = dict(self.values)
        for name in sorted(phrase.choices):
            words = [w for w in phrase.choices[name] if w in prefer] or phrase.choices[name]
            values[name] = self.rng.choice(words)
        return values
