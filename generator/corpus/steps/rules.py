"""The cleaner's rules: templates/cleaning/*.yaml loaded once (through generator.base.tables) and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator.base.resources import template_path
from generator.base.tables import compile_rule, load_rules, needed_chars
from generator.errors import TemplateError


@dataclass
class Rules:
    """The rules of templates/cleaning/ compiled: patterns, limits and word lists of every cleaning step."""

    line_boilerplate: list[re.Pattern[str]]
    head: list[re.Pattern[str]]
    inline: list[re.Pattern[str]]
    prefix: list[re.Pattern[str]]
    middle: list[re.Pattern[str]]
    address: list[re.Pattern[str]]
    buttons: tuple[str, ...]
    buttons_min: int
    buttons_max_chars: int
    any_length: list[re.Pattern[str]]
    max_boilerplate_chars: int
    tail: list[re.Pattern[str]]
    tail_body_min: int
    decorations: list[re.Pattern[str]]
    title_words: tuple[str, ...]
    max_title_chars: int
    placeholders: list[tuple[re.Pattern[str], bool]]
    holes: list[re.Pattern[str]]
    lone_point: re.Pattern[str]
    corrupt_units: str
    spun: list[tuple[re.Pattern[str], str, re.Pattern[str] | None, str]]
    spin_threshold: float
    context_window: int
    run_in_nouns: list[str]
    run_in_openers: tuple[str, ...]
    # By id of each rule's pattern: characters one of which every line it matches holds (needed_chars), or None.
    needs: dict[int, frozenset[str] | None] = field(default_factory=dict)
    _paired: dict[int, tuple[tuple[re.Pattern[str], frozenset[str] | None], ...]] = field(default_factory=dict)

    def skip(self, pattern: re.Pattern[str], chars: set[str]) -> bool:
        """Whether ``pattern`` cannot match a line made of ``chars``: it lacks every character the rule needs."""
        need = self.needs.get(id(pattern))
        return need is not None and need.isdisjoint(chars)

    def applicable(self, patterns: list[re.Pattern[str]], chars: set[str]) -> list[re.Pattern[str]]:
        """The rules of a list that ``skip`` does not skip for a line made of ``chars``, in their order (one pass
        for a long list of rules tried on a line that does not change meanwhile)."""
        paired = self._paired.get(id(patterns))
        if paired is None:  # each list of rules with its needs, paired once
            paired = self._paired[id(patterns)] = tuple((p, self.needs.get(id(p))) for p in patterns)
        return [p for p, need in paired if need is None or not need.isdisjoint(chars)]

    def __post_init__(self) -> None:
        patterns = [*self.line_boilerplate, *self.head, *self.inline, *self.prefix, *self.middle, *self.any_length]
        patterns += [*self.tail, *(p for p, _ in self.placeholders), *self.holes, self.lone_point]
        patterns += [entry[0] for entry in self.spun] + self.decorations
        self.needs = {id(p): needed_chars(p) for p in patterns}


def load_cleaning_yaml(name: str) -> dict[str, Any]:
    """One rules file of templates/cleaning/ as a mapping; a missing or broken file is a TemplateError."""
    data = load_rules("cleaning", name)
    if not isinstance(data, dict):
        raise TemplateError("清洗规则文件应是一个映射(键: 值)", path=template_path("cleaning", name))
    return data


def _compile(pattern: str, name: str, what: str) -> re.Pattern[str]:
    return compile_rule(pattern, "cleaning", name, what)


@lru_cache(maxsize=1)
def cleaning_rules() -> Rules:
    """All of templates/cleaning/ loaded and compiled, once a process."""
    bp = load_cleaning_yaml("boilerplate.yaml")
    title = load_cleaning_yaml("title.yaml")
    holes = load_cleaning_yaml("holes.yaml")
    spun = load_cleaning_yaml("spun.yaml")
    heads = load_cleaning_yaml("headings.yaml")
    numerals = str(holes["numerals"])
    not_words = "|".join(re.escape(str(w)) for w in holes.get("not_words") or []) or "(?!)"
    spun_entries = []
    for entry in spun.get("entries") or []:
        context = entry.get("context")
        spun_entries.append(
            (
                _compile(entry["pattern"], "spun.yaml", "换词复原表"),
                str(entry["replacement"]),
                _compile(context, "spun.yaml", "换词复原表") if context else None,
                str(entry.get("note", "")),
            )
        )
    return Rules(
        line_boilerplate=[_compile(p, "boilerplate.yaml", "杂质行规则") for p in bp["line"]],
        max_boilerplate_chars=int(bp.get("max_line_chars", 160)),
        head=[_compile(p, "boilerplate.yaml", "页眉规则") for p in bp.get("head") or []],
        inline=[_compile(p, "boilerplate.yaml", "行内杂质规则") for p in bp.get("inline") or []],
        prefix=[_compile(p, "boilerplate.yaml", "行首杂质规则") for p in bp.get("prefix") or []],
        middle=[_compile(p, "boilerplate.yaml", "行中杂质规则") for p in bp.get("middle") or []],
        address=[_compile(p, "boilerplate.yaml", "页面地址规则") for p in bp.get("address") or []],
        buttons=tuple(str(w) for w in (bp.get("buttons") or {}).get("words") or ()),
        buttons_min=int((bp.get("buttons") or {}).get("min_words", 2)),
        buttons_max_chars=int((bp.get("buttons") or {}).get("max_chars", 40)),
        any_length=[_compile(p, "boilerplate.yaml", "整段杂质规则") for p in bp.get("any_length") or []],
        tail=[_compile(p, "boilerplate.yaml", "页脚规则") for p in bp["tail"]],
        tail_body_min=int(bp.get("tail_body_min_chars", 80)),
        decorations=[_compile(p, "title.yaml", "标题装饰规则") for p in title["decorations"]],
        title_words=tuple(title["title_words"]),
        max_title_chars=int(title.get("max_title_chars", 48)),
        placeholders=[
            (_compile(e["pattern"], "holes.yaml", "占位符规则"), bool(e.get("empty", False)))
            for e in holes["placeholders"]
        ],
        holes=[
            _compile(
                e["pattern"].replace("{numerals}", numerals).replace("{not_words}", not_words),
                "holes.yaml",
                "空洞规则",
            )
            for e in holes["holes"]
        ],
        lone_point=_compile(holes["lone_decimal_point"], "holes.yaml", "小数点规则"),
        corrupt_units=str(holes["corrupt_year_units"]),
        spun=spun_entries,
        spin_threshold=float(spun.get("heavy_per_1000", 1.0)),
        context_window=int(spun.get("context_window", 12)),
        run_in_nouns=sorted((str(n) for n in heads.get("run_in_nouns") or []), key=len, reverse=True),
        run_in_openers=tuple(str(w) for w in heads.get("run_in_openers") or []),
    )
