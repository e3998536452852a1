"""Figures and honours as sentences: the writer's numbers and awards put into library patterns, plainly if none fits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from generator.drafting import notes
from generator.drafting.model import Span, placeholder
from generator.drafting.select import Para, Selector, clean_end, user_text
from generator.facts.figures import compare, completion, format_number

if TYPE_CHECKING:
    from generator.facts.model import Area, Figure


class Statements:
    """Words one draft's figures and honours; patterns come from the draft's Selector, so none is used twice."""

    def __init__(self, select: Selector, context: Mapping[str, str], shorts: Mapping[str, str]) -> None:
        self.select = select
        self.context = context
        self.shorts = shorts

    def value(self, fig: Figure) -> Span:
        """A figure's number with its unit, or a hole naming the item."""
        unit = user_text(fig.unit or "")
        if fig.value is None:
            return placeholder(f"{user_text(fig.item)}({unit})" if unit else user_text(fig.item))
        return Span(f"{format_number(fig.value)}{unit}")

    def figures(self, para: Para, area: Area, role: str) -> None:
        """An area's figures, one sentence each: achievements with comparisons, or targets in a plan."""
        for fig in area.data:
            values: dict[str, Any] = dict(self.context, 主题=self.shorts.get(area.topic, area.topic))
            values["项目"] = user_text(fig.item)
            values["数值"] = self.value(fig)
            facts = {"项目", "数值"}
            # "全县" before an item that already names its scope would read 全县全县….
            avoid = "{{ 区划 }}{{ 项目 }}" if values["项目"].startswith(("全", "我", self.context["地区"])) else None
            # A hole reads best right after the item (新增学位【待补充】), not after 达到 or 为.
            must = "{{ 项目 }}{{ 数值 }}" if fig.value is None else None
            if role == "plans":
                phrase = self.select.pick("plan", values, purpose="target", exact=facts, avoid=avoid, must=must)
            else:
                # A computed clause is its own span carrying how it was computed (a Word comment in the .docx).
                if fig.value is not None and fig.previous is not None:
                    clause = compare(fig.value, fig.previous, fig.unit or "")
                    values["比较"] = Span(clause, comment=notes.computed(fig, clause))
                    facts.add("比较")
                if fig.value is not None and fig.target is not None:
                    clause = completion(fig.value, fig.target, fig.unit or "")
                    values["完成"] = Span(clause, comment=notes.computed(fig, clause, against="目标"))
                    facts.add("完成")
                phrase = self.select.pick("achievement", values, exact=facts, topic=area.topic, avoid=avoid, must=must)
            if phrase is not None:
                spans = self.select.render(phrase.text, values, phrase)
                para.uses.append(phrase.id)
            else:
                spans = [Span(values["项目"]), values["数值"]]
                for k in ("比较", "完成"):
                    if k in values:
                        spans += [Span(","), values[k]]
                spans.append(Span("。"))
            if fig.parts:
                spans = self._with_parts(spans, fig)
            para.extend(spans)

    def _with_parts(self, spans: list[Span], fig: Figure) -> list[Span]:
        last = spans[-1]
        if not last.placeholder and last.text.endswith("。"):
            spans = spans[:-1] + ([Span(last.text[:-1])] if last.text[:-1] else [])
        out = list(spans) + [Span(",其中", comment=notes.parts(fig))]
        for index, part in enumerate(fig.parts):
            if index:
                out.append(Span("、"))
            out.append(Span(user_text(part.item)))
            unit = part.unit or fig.unit or ""
            if part.value is None:
                out.append(placeholder(f"{user_text(part.item)}({user_text(unit)})" if unit else user_text(part.item)))
            else:
                out.append(Span(f"{format_number(part.value)}{user_text(unit)}"))
        out.append(Span("。"))
        return out

    def _honour_values(self, honours: list[str], topic: str = "综合") -> dict[str, Any]:
        names = []
        for h in honours:
            h = clean_end(user_text(h))
            names.append(h if any(q in h for q in "“”《》\"") else f"“{h}”")
        values: dict[str, Any] = dict(self.context, 主题=self.shorts.get(topic, topic), 荣誉="、".join(names))
        if len(names) > 1:
            values["个数"] = str(len(names))
        return values

    def honours(self, para: Para, honours: list[str], *, purpose: str, topic: str = "综合") -> None:
        """The honours as one sentence, worded for where it stands (overview, an area)."""
        honours = [h for h in honours if clean_end(h)]
        if not honours:
            return
        values = self._honour_values(honours, topic)
        exact = {"荣誉", "个数"} if "个数" in values else {"荣誉"}
        if not self.select.phrase(para, "honour", values, purpose=purpose, exact=exact):
            para.add(f"荣获{values['荣誉']}。")
