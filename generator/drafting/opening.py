"""The 导语 assembled from stock clauses by part: time, leadership, guidance, line, the writer's theme, a verdict the
facts support (else a plain task clause), 现将……如下. Rules: templates/opening.yaml; parts: mining's opening_parts.

Each clause is one library entry (mined of support >= 2 first, manual of the same part otherwise), so the draft's
report shows where every piece of the opening comes from. The writer's own 导语 is used instead when the facts give
one (the composer checks that first).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.base.resources import template_path
from generator.base.tables import load_table
from generator.drafting import notes
from generator.drafting.model import Span
from generator.drafting.select import MIN_SUPPORT, Para, Selector, _shipped, fills
from generator.drafting.variation import Context
from generator.drafting.wording import Wording
from generator.errors import TemplateError
from generator.library.model import Phrase

if TYPE_CHECKING:
    from generator.facts.model import Facts, Figure

FAMILY = "opening."  # a clause's part is its family: opening.time, opening.leadership, …


@dataclass(frozen=True)
class OpeningRules:
    order: tuple[str, ...]
    needs: frozenset[str]
    lines: int
    best_supported: frozenset[str]
    line_avoid: re.Pattern[str] | None
    time: dict[str, re.Pattern[str]]
    skip: dict[str, frozenset[str]]
    subject: re.Pattern[str]
    we: re.Pattern[str]
    we_unit: re.Pattern[str]
    drop_words: frozenset[str]
    report_plan: re.Pattern[str] | None
    report_plan_kinds: frozenset[str]
    avoid: tuple[re.Pattern[str], ...]
    only: dict[str, dict[str, re.Pattern[str]]]
    verdicts: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=1)
def opening_rules() -> OpeningRules:
    """templates/opening.yaml, checked once."""
    path = template_path("opening.yaml")
    data = load_table(path, "导语拼装表")

    def rule(text: Any, what: str) -> re.Pattern[str]:
        try:
            return re.compile(str(text))
        except re.error as exc:
            raise TemplateError(f"导语拼装表的{what}不是有效的正则表达式({exc})", path=path) from None

    try:
        verdicts = tuple((rule(v["pattern"], "评价规则"), str(v["needs"])) for v in data["verdicts"])
        for _, needs in verdicts:
            if needs != "targets":
                raise TemplateError(f"导语拼装表 verdicts 的 needs 只能是 targets,不是「{needs}」", path=path)
        return OpeningRules(
            order=tuple(str(p) for p in data["order"]),
            needs=frozenset(str(p) for p in data["needs"]),
            lines=int(data["lines"]),
            best_supported=frozenset(str(p) for p in data.get("best_supported") or ()),
            line_avoid=rule(data["line_avoid"], "导语不用的方针分句") if data.get("line_avoid") else None,
            time={str(k): rule(v, f"时间分句({k})") for k, v in data["time"].items()},
            skip={str(k): frozenset(str(p) for p in v) for k, v in (data.get("skip") or {}).items()},
            subject=rule(data["subject"], "主语"),
            we=rule(data["we"]["pattern"], "「我局」"),
            we_unit=rule(data["we"]["unit"], "「我局」的单位"),
            drop_words=frozenset(str(w) for w in data.get("drop_words") or ()),
            report_plan=rule(data["report_plan"], "说到打算的收束分句") if data.get("report_plan") else None,
            report_plan_kinds=frozenset(str(k) for k in data.get("report_plan_kinds") or ()),
            avoid=tuple(rule(a, "不用的搭配") for a in data.get("avoid") or ()),
            only={
                str(kind): {str(part): rule(p, f"{kind} 的 {part} 分句") for part, p in parts.items()}
                for kind, parts in (data.get("only") or {}).items()
            },
            verdicts=verdicts,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateError(f"导语拼装表的格式不对({exc})", path=path, hint="请重新安装 zongjie") from None


# ---------------------------------------------------------------- what the facts support


@dataclass
class Verdict:
    """What the writer's targets allow the opening to claim: 圆满完成各项工作任务 only when every target is met."""

    targets: int = 0
    met: int = 0
    missing: int = 0  # figures the writer has not filled in yet: the draft holds a placeholder for each
    reasons: list[str] = field(default_factory=list)  # as the draft states them, for the reviewer's note

    def allows(self, needs: str) -> bool:
        """各项工作任务 speaks of several: two targets at least, every one met, and no figure still to be filled
        in (a report with a hole in it has not shown that everything was done)."""
        return needs == "targets" and self.targets >= 2 and self.met == self.targets and not self.missing


def verdict_support(facts: Facts, wording: Wording) -> Verdict:
    """The facts' targets over the whole report (plans aside): how many, how many met, and what the draft will say
    of each met one (新增学位1800个, 超额完成年度目标), so that the note on the claim quotes the draft's own words."""
    figures: list[Figure] = list(facts.figures)
    for area in facts.work:
        figures.extend(area.data)
        for measure in area.measures:
            figures.extend(measure.data)
    verdict = Verdict()
    for fig in figures:
        if fig.value is None:
            verdict.missing += 1
        done, met = wording.completion(fig)
        if not done:
            continue
        verdict.targets += 1
        if met:
            verdict.met += 1
            subject, rest = wording.phrase(fig)
            verdict.reasons.extend((subject + rest, done))
    verdict.reasons = list(dict.fromkeys(verdict.reasons))
    return verdict


# ---------------------------------------------------------------- the assembly


class OpeningBuilder:
    """Builds one 导语 for a draft from the library's clauses by part; ``build`` says whether it could."""

    def __init__(
        self,
        select: Selector,
        values: Mapping[str, Any],
        kind_id: str,
        unit: str,
        verdict: Verdict,
        section: Context | None = None,
        seed: int = 0,
        *,
        plans: bool = False,
        title: str = "",
    ) -> None:
        self.select = select
        # The 导语 draws from a generator of its own: its choices do not shift the rest of the draft's draws.
        self.rng = random.Random(f"opening:{kind_id}:{seed}")
        self.section = section  # the section so far: no clause may repeat a phrase of it
        self.values = values
        self.kind_id = kind_id
        self.unit = unit
        self.verdict = verdict
        # The draft has a part of plans that its turn names (……及下半年工作计划汇报如下): a half-year report or an annual
        # one with next year's plan (a campaign's next stage is no 本期 / 下期 pair).
        self.plans = plans and kind_id in opening_rules().report_plan_kinds
        self.title = title  # a choice the title already says is the one taken (工作计划, not 工作安排, under its title)
        self.rules = opening_rules()

    def pool(self, part: str, *, keep: Iterable[Phrase] | None = None) -> list[Phrase]:
        """The unused clauses of a part that the values fill; mined stock (support >= 2) first, else manual."""
        phrases = self.select.library.family(FAMILY + part) if keep is None else list(keep)
        out = [
            p
            for p in phrases
            if p.kind == "opening"
            and p.id not in self.select.used
            and self.select.allowed_for_kind(p)
            and (p.origin != "mined" or p.support >= MIN_SUPPORT)
            and fills(p, self.values)
        ]
        if part == "line" and self.rules.line_avoid is not None:
            out = [p for p in out if not self.rules.line_avoid.search(p.text)]
        if part in self.rules.best_supported and out:
            best = max(p.support for p in out)
            out = [p for p in out if p.support == best]
        only = self.rules.only.get(self.kind_id, {}).get(part)
        if only is not None:
            out = [p for p in out if only.search(p.text)]
        if part == "time":
            pattern = self.rules.time.get(self.kind_id) or self.rules.time.get("annual")
            out = [p for p in out if pattern is not None and pattern.search(p.text)]
        if part == "report" and self.rules.report_plan is not None:
            # A draft with a part of plans turns to both (e009: 现将……上半年工作总结及下半年工作计划汇报如下); one
            # without says nothing of a next period.
            naming = [p for p in out if self.rules.report_plan.search(p.text)]
            out = (naming or out) if self.plans else [p for p in out if p not in naming]
        if not self.rules.we_unit.search(self.unit):
            out = [p for p in out if not self.rules.we.search(p.text)]
        own = [p for p in out if not _shipped(p)]
        stock = [p for p in out if p.origin == "mined"]
        return sorted(own or stock or out, key=lambda p: p.id)

    def build(self, para: Para) -> bool:
        rules = self.rules
        parts = [p for p in rules.order if p not in rules.skip.get(self.kind_id, frozenset())]
        self.chosen: list[tuple[str, Phrase, list[Span]]] = []
        self.has_subject = False
        for part in parts:
            if part == "verdict":
                if not self._verdict():
                    self._take("task", self.pool("task"))
                continue
            pool = self.pool(part)
            for _ in range(rules.lines if part == "line" else 1):
                if part == "guidance" and self.has_subject:
                    pool = [p for p in pool if not rules.subject.search(p.text)]
                taken = self._take(part, pool)
                if taken is None:
                    break
                pool = [p for p in pool if p.id != taken.id]
        if not rules.needs <= {part for part, _, _ in self.chosen}:
            for _, phrase, _ in self.chosen:
                self.select.used.discard(phrase.id)
            return False
        self._write(para)
        return True

    def _take(self, part: str, pool: list[Phrase]) -> Phrase | None:
        """One clause of the pool drawn by seed whose words repeat nothing already in the 导语 (or the section)."""
        pool = list(pool)
        while pool:
            phrase = self.rng.choice(pool)
            pool.remove(phrase)
            said = ",".join("".join(s.text for s in sp) for _, _, sp in self.chosen)
            for _ in range(8):
                # A pairing of choices no source wrote (按照……工作主题) is drawn again; so is one that repeats what
                # the 导语 has said (扎实开展教育工作 after 全县教育工作坚持……: 扎实开展各项工作 is drawn instead).
                spans = self.select.render(phrase.text, self._worded(phrase), phrase)
                text = "".join(s.text for s in spans)
                if any(a.search(text) for a in self.rules.avoid):
                    continue
                repeats = self.section.repeats(text, said) if self.section is not None else []
                if part == "report":
                    # 现将……如下 names the report's parts as its title does (e009 title and turn alike): no repetition.
                    repeats = [g for g in repeats if g not in self.title]
                # Nor what the writer says in their own words elsewhere (以改革创新为动力 in their 总体思路).
                if self.section is None or not (repeats or any(text in words for words in self.section.writer)):
                    break
            else:
                continue
            self.select.used.add(phrase.id)
            self.chosen.append((part, phrase, spans))
            self.has_subject |= bool(self.rules.subject.search(phrase.text))
            return phrase
        return None

    def _verdict(self) -> bool:
        pool = self.pool("verdict")
        for pattern, needs in self.rules.verdicts:
            fitting = [p for p in pool if pattern.search(p.text)]
            if fitting and self.verdict.allows(needs) and self._take("verdict", fitting):
                return True
        return False

    def _write(self, para: Para) -> None:
        chosen = self.chosen
        # The writer's unit is the subject when no clause has one: before the guidance (or what follows leadership).
        subject_at = -1
        if not self.has_subject:
            after = [i for i, (part, _, _) in enumerate(chosen) if part not in ("time", "leadership")]
            subject_at = next((i for i in after if chosen[i][0] == "guidance"), after[0] if after else -1)
        sentence = Para()
        for index, (part, phrase, spans) in enumerate(chosen):
            if part == "report":
                continue
            if index:
                sentence.add(",")
            if index == subject_at:
                sentence.add(self.unit)
            sentence.extend(spans)
            para.uses.append(phrase.id)
        sentence.add("。")
        if any(part == "verdict" for part, _, _ in chosen):
            # The reviewer sees, on the claim itself, the met targets that allowed it.
            para.extend(notes.sentence(sentence.spans, "这句评价的依据:" + ";".join(self.verdict.reasons)))
        else:
            para.extend(sentence.spans)
        for part, phrase, spans in chosen:
            if part == "report":
                para.extend(spans)
                para.add(":")
                para.uses.append(phrase.id)

    def _worded(self, phrase: Phrase) -> dict[str, Any]:
        """The values with the clause's choice slots drawn (by the 导语's own generator), leaving out the wordings
        opening.yaml's drop_words names (现就这项工作…)."""
        values = dict(self.values)
        for name in sorted(phrase.choices):
            words = [w for w in phrase.choices[name] if w not in self.rules.drop_words] or phrase.choices[
                name
            ]
            said = [w for w in words if phrase.family == FAMILY + "report" and self.title and w in self.title]
            values[name] = said[0] if said else self.rng.choice(words)
        return values
