"""The schema of the facts file: turn its YAML nodes into Facts, with a Chinese message naming the line of any fault."""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml

from generator.base.yamlio import clip
from generator.errors import ErrorCollector, FactsError, did_you_mean, suggest
from generator.facts.figures import (
    APPROXIMATE_WORDS,
    check_figure,
    format_number,
    is_percent_unit,
    to_decimal,
    unit_advice,
)
from generator.facts.model import (
    AREA_KEYS,
    CHANGE_WORDS,
    FIGURE_KEYS,
    HALVES,
    HONOUR_KEYS,
    HONOUR_LEVELS,
    MAX_NUMBER,
    MAX_TEXT,
    MEASURE_KEYS,
    PLAN_REVIEW_KEYS,
    PLAN_STATUS_SPELLINGS,
    PLAN_STATUSES,
    REGION_SUFFIXES,
    REQUIRED,
    SHARE_WORDS,
    TOP_KEYS,
    YEARS,
    Area,
    Facts,
    Figure,
    Honour,
    Measure,
    PlanReview,
    kind_names,
)
from generator.taxonomy.kinds import find_kind, load_kinds
from generator.taxonomy.topics import topic_names

if TYPE_CHECKING:
    from generator.base.numbers import Quantity

# The longest list a facts file may hold (举措 of one area, 数据, 荣誉 …).
MAX_ITEMS = 1000

EMPTY_HINT = "请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写"

_NULL_TAG = "tag:yaml.org,2002:null"
# Qualifiers written after the unit (99%以上, 300人左右), not between number and unit.
_AFTER_UNIT = ("以上", "以下", "以内", "左右", "有余")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# The patterns below serve only some files (a number written with its unit, a date as text): kept as text and
# compiled (and cached) by re on first use, so that a file without them does not pay for them.
_NUMBER_WITH_UNIT = r"([+-]?\d+(?:\.\d+)?)\s*([%\uff05]|[\u4e00-\u9fff].{0,9})"
_DATE_FORMS = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日",
)


def build_facts(root: yaml.Node, path: str) -> Facts:
    """Check the composed YAML of a facts file against the schema and type it.

    Raises FactsError naming every fault found (in line order, see ErrorCollector): a mistake in one entry
    does not hide the mistakes in the next ones."""
    return _Builder(path).facts(root)


_clip = clip


def _closest(word: str, choices: list[str]) -> str | None:
    found = suggest(word, choices, cutoff=0.45)
    if found:
        return found
    # Two-character Chinese keys share at most one character with a typo; a shared character is a fair guess.
    shared = [c for c in choices if set(c) & set(word) and len(c) <= 4 and len(word) <= 4]
    return shared[0] if len(shared) == 1 else None


class _Builder:
    """Walks the composed YAML nodes, checking the schema and keeping the line of everything it reads."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.warnings: list[str] = []
        self.errors = ErrorCollector()
        # Keys a misspelt key was taken for: the typo's error says it, "missing" would only repeat it.
        self.misspelt: set[str] = set()

    # -- helpers

    def error(self, node: yaml.Node | int | None, message: str, hint: str | None = None) -> FactsError:
        line = node if isinstance(node, int) or node is None else node.start_mark.line + 1
        return FactsError(message, path=self.path, line=line, hint=hint)

    def entries(
        self, node: yaml.MappingNode, allowed: dict[str, str], what: str
    ) -> Iterator[tuple[str, yaml.Node]]:
        """The (key, value) pairs of a mapping, refusing unknown and non-text keys (the YAML reader refuses duplicates)."""
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.add(
                    self.error(
                        key_node, f"{what}中有一个键不是文字", "键应当写成「键: 值」,如「单位: 青山县教育局」"
                    )
                )
                continue
            key = key_node.value.strip()
            line = key_node.start_mark.line + 1
            if key not in allowed:
                guess = _closest(key, list(allowed))
                if guess:
                    self.misspelt.add(guess)
                hint = did_you_mean(guess) if guess else f"可以用的键有:{'、'.join(allowed)}"
                self.errors.add(self.error(line, f"{what}中有不认识的键「{key}」", hint))
                continue
            yield key, value

    @staticmethod
    def is_empty(node: yaml.Node) -> bool:
        if isinstance(node, yaml.ScalarNode):
            return node.tag == _NULL_TAG or not node.value.strip()
        return False

    def mapping(self, node: yaml.Node, what: str, example: str) -> yaml.MappingNode:
        if isinstance(node, yaml.MappingNode):
            return node
        got = (
            "列表"
            if isinstance(node, yaml.SequenceNode)
            else f"一段文字「{_clip(str(node.value).strip(), 20)}」"
        )
        raise self.error(node, f"{what}应当是一组「键: 值」,这里写成了{got}", f"请写成这样:{example}")

    def text(self, node: yaml.Node, what: str) -> str | None:
        if self.is_empty(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            value = node.value.strip()
            if len(value) > MAX_TEXT:
                raise self.error(
                    node,
                    f"{what}太长了({len(value)} 个字,每项最多 {MAX_TEXT} 个字)",
                    "请把它拆成几条,或精简后再写",
                )
            return value
        flow = getattr(node, "flow_style", False)
        if flow:
            opener = "{" if isinstance(node, yaml.MappingNode) else "["
            raise self.error(
                node,
                f"{what}应当是一段文字,但这里以「{opener}」开头,被当成了结构",
                "如果这是文字,请给整段文字加上引号",
            )
        got = "列表" if isinstance(node, yaml.SequenceNode) else "「键: 值」"
        hint = (
            "请把几项合成一段文字,或去掉行首的「- 」"
            if isinstance(node, yaml.SequenceNode)
            else "如果文字里有「: 」,请给整段文字加上引号"
        )
        raise self.error(node, f"{what}应当是一段文字,这里写成了{got}", hint)

    def texts(self, node: yaml.Node, what: str) -> tuple[list[str], list[int]]:
        """A list of sentences (a single sentence is a list of one); returns them with their lines."""
        if self.is_empty(node):
            return [], []
        if isinstance(node, yaml.ScalarNode):
            value = self.text(node, what)
            return ([value], [node.start_mark.line + 1]) if value else ([], [])
        if isinstance(node, yaml.MappingNode):
            raise self.error(
                node,
                f"{what}应当是列表(每条以「- 」开头),这里写成了「键: 值」",
                "如果这句话里有「: 」,请给它加上引号;多条内容请各占一行,以「- 」开头",
            )
        assert isinstance(node, yaml.SequenceNode)
        self.sequence(node, what, "- 一句话")  # the length limit
        values: list[str] = []
        lines: list[int] = []
        for index, item in enumerate(node.value, start=1):
            if isinstance(item, yaml.MappingNode):
                self.errors.add(
                    self.error(
                        item,
                        f"{what}的第 {index} 条应当是一句话,这里写成了「键: 值」",
                        "这句话里有「: 」(冒号加空格),请给整句加上引号,或把冒号改成中文冒号",
                    )
                )
                continue
            with self.errors.guard():
                value = self.text(item, f"{what}的第 {index} 条")
                if value:
                    values.append(value)
                    lines.append(item.start_mark.line + 1)
        return values, lines

    def sequence(self, node: yaml.Node, what: str, example: str) -> list[yaml.Node]:
        if self.is_empty(node):
            return []
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_ITEMS:
                # Decided (README): a list this long is no report; as one 一是……二是…… paragraph it would also
                # take a word processor minutes to lay out.
                raise self.error(
                    node,
                    f"{what}有 {len(node.value)} 项,超过了 {MAX_ITEMS} 项的上限",
                    "一份总结里的每个列表通常只有几项到几十项;请合并、删减,或分到几个领域里",
                )
            return list(node.value)
        got = "「键: 值」" if isinstance(node, yaml.MappingNode) else "一段文字"
        raise self.error(node, f"{what}应当是列表(每项以「- 」开头),这里写成了{got}", f"请写成这样:{example}")

    def number(self, node: yaml.Node, what: str, item: str = "") -> int | float | None:
        if self.is_empty(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(
                node,
                f"{what}应当是一个数字,这里写成了{'列表' if isinstance(node, yaml.SequenceNode) else '「键: 值」'}",
                "每一项只写一个数字,如 12;要列出构成部分,请用「其中」",
            )
        raw = node.value.strip()
        if _NUMBER.fullmatch(raw):
            # Compared as written (a Decimal has no digit limit) before Python's int() meets thousands of digits.
            if abs(Decimal(raw)) > MAX_NUMBER:
                shown = raw if len(raw) <= 24 else f"{raw[:20]}…(共 {len(raw)} 位)"
                raise self.error(
                    node,
                    f"{what}写的是 {shown},大得不合常理(超过一万亿)",
                    "请检查是否多写了几位;金额较大时请用「万元」或「亿元」作单位",
                )
            number: int | float = float(raw) if "." in raw else int(raw)
            return number
        with_unit = re.fullmatch(_NUMBER_WITH_UNIT, raw)
        if re.fullmatch(r"[+-]?\d{1,3}([,\uff0c]\d{3})+(\.\d+)?", raw):
            plain = re.sub("[,\uff0c]", "", raw)
            hint = f"请不要用千位分隔符,写成 {plain}"
        elif with_unit and with_unit.group(2).strip() in ("%", "\uff05"):
            hint = f"请只写数字 {with_unit.group(1)},并在「单位」里写 %"
        elif with_unit and (approximate := _approximate(with_unit.group(2))):
            # 9200余: moving 余 into 单位 would give 「比上年增加600余人次」, a computed change from a guess.
            word, rest = approximate
            n = with_unit.group(1)
            hint = (
                f"「{word}」表示约数,不能写进「单位」(算出的差也会带上它)。请改为 数值: {n}"
                + (f"、单位: {rest}" if rest else "")
                + f",并删去「上年」(约数不算增减);起草后在草稿中把「{n}{rest}」改回「{n}{word}{rest}」"
            )
        elif with_unit and unit_advice(item, with_unit.group(1), with_unit.group(2)):
            # 68.2个百分点 for a rate itself: moving 个百分点 into 单位 would give 「本科上线率68.2个百分点」.
            hint = unit_advice(item, with_unit.group(1), with_unit.group(2))
        elif with_unit:
            hint = f"请只写数字 {with_unit.group(1)},把「{with_unit.group(2).strip()}」写到「单位」里"
        else:
            hint = "请写一个数,如 12、3.5、十二、近500;还不知道的数请留空,草稿中会留下【待补充】"
        raise self.error(node, f"{what}应当是一个数字,这里写的是「{_clip(raw, 20)}」", hint)

    # -- the parts of the file

    def facts(self, root: yaml.Node) -> Facts:
        if not isinstance(root, yaml.MappingNode):
            if isinstance(root, yaml.ScalarNode) and re.search(r"[:\uff1a]\S", root.value):
                raise self.error(
                    root,
                    "没有读出任何「键: 值」",
                    "键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」",
                )
            got = "列表" if isinstance(root, yaml.SequenceNode) else "一段文字"
            raise self.error(root, f"事实文件的最外层应当是一组「键: 值」,这里是{got}", EMPTY_HINT)
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        problem_lines: list[int] = []
        key_nodes = {k.value.strip(): k for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        failed: set[str] = set()
        for key, node in self.entries(root, TOP_KEYS, "事实文件"):
            lines[key] = key_nodes[key].start_mark.line + 1
            found = len(self.errors)
            with self.errors.guard():
                self.top_entry(key, node, values)
                if key == "问题":
                    problem_lines = values.pop("__problem_lines__")
            if len(self.errors) > found:
                failed.add(key)
        self.require(values, lines, failed)
        kind = values.get("kind")
        known = None
        if kind is not None:
            known = find_kind(kind)
            kind = values["kind"] = known.name if known else kind
            if known is None:
                guess = _closest(kind, [k.name for k in load_kinds()])
                hint = f"请从这五种中选一种:{kind_names()}" + (f"({did_you_mean(guess)})" if guess else "")
                self.errors.add(
                    self.error(lines["类型"], f"「类型」写的是「{kind}」,不是程序认识的材料种类", hint)
                )
        half = values.get("half")
        if half is not None and half not in HALVES:
            self.errors.add(
                self.error(lines["半年"], f"「半年」写的是「{half}」", "请写「上半年」或「下半年」")
            )
        self.errors.raise_if_any()
        for figure in self.all_figures(values):
            self.warnings.extend(f"{self.path} {w}" for w in check_figure(figure))
            self.warnings.extend(f"{self.path} {w}" for w in _unfilled(figure))
        region = values["region"]
        if region[-1] not in REGION_SUFFIXES:
            self.warnings.append(
                f"{self.path} 第 {lines['地区']} 行:「地区」写的是「{region}」,草稿中会说成「全{region[-1]}」"
                f"「我{region[-1]}」;请写辖区全称,如 {region}县、{region}市"
            )
        date, year = values.get("date"), values["year"]
        if date is not None and not year <= date.year <= year + 1:
            self.warnings.append(
                f"{self.path} 第 {lines['成文日期']} 行:成文日期 {date.isoformat()} 与年度 {year} 对不上,"
                "请核对是不是沿用了往年的日期"
            )
        # Kinds whose draft has a plans part: an empty 「计划」 there is worth a warning, not an error.
        if known is not None and known.has_plans and not values.get("plans"):
            self.warnings.append(f"{self.path}:没有填写「计划」,草稿中的工作打算部分将留下【待补充】")
        return Facts(
            **values, warnings=self.warnings, path=self.path, lines=lines, problem_lines=problem_lines
        )

    def top_entry(self, key: str, node: yaml.Node, values: dict[str, Any]) -> None:
        """One top-level key's value, typed into ``values`` (raises FactsError for a fault in it)."""
        what = f"「{key}」"
        name = TOP_KEYS[key]
        if key == "年度":
            values[name] = self.year(node)
        elif key == "成文日期":
            values[name] = self.date(node)
        elif key == "荣誉":
            values[name] = self.honours(node, what)
        elif key == "数据":
            values[name] = self.figures(node, what)
        elif key == "词库":
            values[name] = self.texts(node, what)[0]
        elif key == "问题":
            values[name], values["__problem_lines__"] = self.texts(node, what)
        elif key in ("工作", "计划"):
            values[name] = self.areas(node, key)
        elif key == "主要目标":
            values[name] = self.goals(node)
        elif key == "计划回顾":
            values[name] = self.plan_review(node)
        else:
            values[name] = self.text(node, what)

    def require(self, values: dict[str, Any], lines: dict[str, int], failed: Collection[str] = ()) -> None:
        kind = values.get("kind")
        known = find_kind(kind) if kind else None
        required = REQUIRED + (known.requires if known else ()) + ("工作",)
        # A key written with a mistake already has its error; "missing" would only repeat it.
        missing = [
            key
            for key in required
            if values.get(TOP_KEYS[key]) in (None, [], "") and key not in failed and key not in self.misspelt
        ]
        if not missing:
            return
        written = [lines[key] for key in missing if key in lines]
        self.errors.add(
            self.error(
                min(written) if written else None,
                f"还有必填的内容没有填写:{'、'.join(missing)}",
                "请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
            )
        )

    def year(self, node: yaml.Node) -> int | None:
        if self.is_empty(node):
            return None
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        found = re.fullmatch(r"(\d{4})\s*年?度?", raw)
        if not isinstance(node, yaml.ScalarNode) or not found:
            raise self.error(
                node, f"「年度」应当是四位数的年份,这里写的是「{_clip(raw, 20)}」", "请写成 年度: 2025"
            )
        if raw != found.group(1):
            raise self.error(
                node, f"「年度」请只写数字,这里写的是「{raw}」", f"请写成 年度: {found.group(1)}"
            )
        year = int(found.group(1))
        if not YEARS[0] <= year <= YEARS[1]:
            raise self.error(node, f"「年度」{year} 不在 {YEARS[0]} 到 {YEARS[1]} 之间", "请检查年份是否写错")
        return year

    def date(self, node: yaml.Node) -> datetime.date | None:
        if self.is_empty(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, "「成文日期」应当是一个日期", "请写成 2025-07-05 或 2025年7月5日")
        raw = node.value.strip()
        for form in _DATE_FORMS:
            found = re.fullmatch(form, raw)
            if found:
                break
        else:
            raise self.error(
                node,
                f"「成文日期」写的是「{_clip(raw, 20)}」,不是一个具体的日期",
                "请写成 2025-07-05 或 2025年7月5日;还没定的话请留空,草稿中会留下【待补充:成文日期】",
            )
        year, month, day = (int(g) for g in found.groups())
        try:
            value = datetime.date(year, month, day)
        except ValueError:
            raise self.error(
                node, f"「成文日期」{raw} 不是真实存在的日期", "请检查月份和日期(如 2 月只有 28 或 29 天)"
            ) from None
        if not YEARS[0] <= year <= YEARS[1]:
            raise self.error(
                node, f"「成文日期」的年份 {year} 不在 {YEARS[0]} 到 {YEARS[1]} 之间", "请检查年份是否写错"
            )
        return value

    def areas(self, node: yaml.Node, key: str) -> list[Area]:
        example = f"{key}: 换行后写「  - 领域: 学前教育」,下面再写 举措、数据"
        areas = []
        for index, item in enumerate(self.sequence(node, f"「{key}」", example), start=1):
            with self.errors.guard():
                area = self.area(item, f"「{key}」的第 {index} 项")
                if area is not None:
                    areas.append(area)
        return areas

    def area(self, node: yaml.Node, what: str) -> Area | None:
        if self.is_empty(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            raise self.error(
                node,
                f"{what}应当是「领域: …」开头的一组内容,这里只写了一段文字「{_clip(node.value.strip(), 20)}」",
                "请写成「- 领域: 学前教育」,再在下面缩进写「举措:」「数据:」;一句话的内容请写到「举措」里",
            )
        mapping = self.mapping(node, what, "- 领域: 学前教育")
        fields: dict[str, Any] = {}
        measure_lines: list[int] = []
        for key, value in self.entries(mapping, AREA_KEYS, what):
            label = f"{what}的「{key}」"
            with self.errors.guard():
                if key == "举措":
                    fields["measures"] = self.measures(value, label)
                    measure_lines = [m.line for m in fields["measures"]]
                elif key == "荣誉":
                    fields["honours"] = self.honours(value, label)
                elif key == "数据":
                    fields["data"] = self.figures(value, label)
                else:
                    fields[AREA_KEYS[key]] = self.text(value, label)
        if not any(v for v in fields.values()):
            return None
        topic = fields.pop("topic", None)
        if topic is None and any(
            k.value.strip() == "领域" for k, _ in mapping.value if isinstance(k, yaml.ScalarNode)
        ):
            return None  # 领域 is there with a mistake, already reported
        if topic is None:
            raise self.error(
                node,
                f"{what}缺少「领域」",
                f"请写明这部分属于哪个方面,如 领域: 学前教育;可选:{'、'.join(_canonical_topics())}",
            )
        names = topic_names()
        if topic not in names:
            # The writer's own topic: drafted with its own name; a near miss of a taxonomy name is worth a word.
            line = next(k.start_mark.line + 1 for k, _ in mapping.value if k.value.strip() == "领域")
            guess = _closest(topic, list(names))
            advice = (
                f"如果想写的是「{guess}」,请改正" if guess else f"主题分类中的领域有:{'、'.join(_canonical_topics())}"
            )
            self.warnings.append(
                f"{self.path} 第 {line} 行:{what}的「领域」「{topic}」不在主题分类中,将作为自定义领域按原名起草;{advice}"
            )
            return Area(topic=topic, line=node.start_mark.line + 1, measure_lines=measure_lines, own_topic=True, **fields)
        return Area(topic=names[topic], line=node.start_mark.line + 1, measure_lines=measure_lines, **fields)

    def measures(self, node: yaml.Node, what: str) -> list[Measure]:
        """举措: sentences, or mappings of 内容 with the 数据, 荣誉 and 成效 of that one action."""
        if self.is_empty(node):
            return []
        if isinstance(node, yaml.ScalarNode):
            text = self.text(node, what)
            return [Measure(text, line=node.start_mark.line + 1)] if text else []
        if isinstance(node, yaml.MappingNode):
            raise self.error(
                node,
                f"{what}应当是列表(每条以「- 」开头),这里写成了「键: 值」",
                "如果这句话里有「: 」,请给它加上引号;多条内容请各占一行,以「- 」开头",
            )
        found: list[Measure] = []
        for index, item in enumerate(self.sequence(node, what, "举措: 换行后写「  - 新建公办幼儿园」"), start=1):
            with self.errors.guard():
                measure = self.measure(item, f"{what}的第 {index} 条")
                if measure is not None:
                    found.append(measure)
        return found

    def measure(self, item: yaml.Node, label: str) -> Measure | None:
        """One 举措: a sentence, or 内容 with its own 数据, 荣誉 and 成效."""
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            text = self.text(item, label)
            return Measure(text, line=line) if text else None
        if not any(isinstance(k, yaml.ScalarNode) and k.value.strip() in MEASURE_KEYS for k, _ in item.value):
            raise self.error(
                item,
                f"{label}应当是一句话,这里写成了「键: 值」",
                "这句话里有「: 」(冒号加空格),请给整句加上引号,或把冒号改成中文冒号;"
                "要给这条举措带上数字,请写「- 内容: …」,下面对齐写「数据:」",
            )
        fields: dict[str, Any] = {}
        for key, value in self.entries(item, MEASURE_KEYS, label):
            sub = f"{label}的「{key}」"
            if key == "数据":
                fields["data"] = self.figures(value, sub)
            elif key == "荣誉":
                fields["honours"] = self.honours(value, sub)
            else:
                fields[MEASURE_KEYS[key]] = self.text(value, sub)
        text = fields.pop("text", None)
        if text is None:
            if not any(fields.values()):
                return None
            raise self.error(
                item, f"{label}缺少「内容」", "请写明这条举措做了什么,如 内容: 新建、改扩建公办幼儿园"
            )
        return Measure(text, line=line, **fields)

    def honours(self, node: yaml.Node, what: str) -> list[Honour]:
        """荣誉: titles, or mappings of 名称 with 获得者, 级别 and 数量."""
        found: list[Honour] = []
        example = "荣誉: 换行后写「  - 全省教育宣传工作先进单位」或「  - 名称: …」「    获得者: 县实验小学」"
        for index, item in enumerate(self.sequence(node, what, example) if not isinstance(node, yaml.ScalarNode)
                                     else [node], start=1):
            label = f"{what}的第 {index} 项"
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                text = self.text(item, label)
                if text:
                    found.append(_honour_from_text(text, line))
                continue
            fields: dict[str, Any] = {}
            for key, value in self.entries(item, HONOUR_KEYS, label):
                sub = f"{label}的「{key}」"
                if key == "数量":
                    fields["count"] = self.count(value, sub)
                else:
                    fields[HONOUR_KEYS[key]] = self.text(value, sub) or ""
            name = _strip_quotes(fields.pop("name", "") or "")
            if not name:
                if not any(fields.values()):
                    continue
                raise self.error(item, f"{label}缺少「名称」", "请写明荣誉的名称,如 名称: 全国急救教育试点学校")
            level = fields.get("level") or ""
            if level:
                canonical = next((lv for lv, spellings in HONOUR_LEVELS.items() if level in spellings), None)
                if canonical is None:
                    raise self.error(
                        item, f"{label}的「级别」写的是「{level}」", f"请写 {'、'.join(HONOUR_LEVELS)} 之一,或不写"
                    )
                fields["level"] = canonical
            else:
                fields["level"] = honour_level(name)
            found.append(Honour(name=name, line=line, **fields))
        return found

    def count(self, node: yaml.Node, what: str) -> str:
        """How many won an honour, with its measure word as written (6名, 3所); a bare number keeps no word."""
        if self.is_empty(node):
            return ""
        raw = self.text(node, what) or ""
        from generator.base.numbers import parse_quantity

        quantity = parse_quantity(raw)
        if quantity is None or quantity.qualifier and quantity.qualifier not in ("余", "多"):
            raise self.error(node, f"{what}应当是一个数,如 6 或 6名,这里写的是「{_clip(raw, 20)}」", "请只写人数或个数")
        return quantity.written() + quantity.full_unit

    def plan_review(self, node: yaml.Node) -> list[PlanReview]:
        """Last year's plans with the writer's answers; an unanswered item is a warning, a wrong answer an error."""
        reviews: list[PlanReview] = []
        example = "计划回顾: 换行后写「  - 计划: 推进……」「    完成情况: 已完成」「    说明: ……」"
        statuses = "、".join(PLAN_STATUSES)
        for index, item in enumerate(self.sequence(node, "「计划回顾」", example), start=1):
            if self.is_empty(item):
                continue
            what = f"「计划回顾」的第 {index} 项"
            mapping = self.mapping(item, what, "- 计划: 推进义务教育优质均衡")
            fields: dict[str, Any] = {}
            status_line = item.start_mark.line + 1
            for key, value in self.entries(mapping, PLAN_REVIEW_KEYS, what):
                fields[PLAN_REVIEW_KEYS[key]] = self.text(value, f"{what}的「{key}」")
                if key == "完成情况":
                    status_line = value.start_mark.line + 1
            if not any(fields.values()):
                continue
            plan = fields.get("plan")
            if plan is None:
                raise self.error(item, f"{what}缺少「计划」", "请写明去年计划的是什么,如 计划: 推进义务教育优质均衡")
            status = fields.get("status")
            if status is not None:
                status = PLAN_STATUS_SPELLINGS.get(status, status)
                if status not in PLAN_STATUSES:
                    raise self.error(
                        status_line, f"{what}的「完成情况」写的是「{fields['status']}」", f"请写 {statuses} 之一"
                    )
            else:
                self.warnings.append(
                    f"{self.path} 第 {status_line} 行:去年的计划「{_clip(plan, 20)}」还没有写「完成情况」({statuses})"
                )
            reviews.append(PlanReview(plan=plan, status=status, note=fields.get("note"), line=item.start_mark.line + 1))
        return reviews

    def goals(self, node: yaml.Node) -> list[Figure | str]:
        goals: list[Figure | str] = []
        example = "主要目标: 换行后写「  - 项目: 普惠性幼儿园覆盖率」或「  - 一句话目标」"
        for index, item in enumerate(self.sequence(node, "「主要目标」", example), start=1):
            with self.errors.guard():
                if isinstance(item, yaml.MappingNode):
                    figure = self.figure(item, f"「主要目标」的第 {index} 项")
                    if figure is not None:
                        goals.append(figure)
                else:
                    value = self.text(item, f"「主要目标」的第 {index} 项")
                    if value:
                        goals.append(value)
        return goals

    def figures(self, node: yaml.Node, what: str, unit: str = "", nested: bool = False) -> list[Figure]:
        example = f"{'其中' if nested else '数据'}: 换行后写「  - 项目: 新建幼儿园」「    数值: 12」「    单位: 所」"
        figures = []
        for index, item in enumerate(self.sequence(node, what, example), start=1):
            with self.errors.guard():
                figure = self.figure(item, f"{what}的第 {index} 项", unit, nested)
                if figure is not None:
                    figures.append(figure)
        return figures

    def figure(
        self, node: yaml.Node, what: str, inherited_unit: str = "", nested: bool = False
    ) -> Figure | None:
        if self.is_empty(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            raise self.error(
                node,
                f"{what}应当包含「项目」「数值」等键,这里只写了一段文字「{_clip(node.value.strip(), 20)}」",
                "请写成「- 项目: 新建幼儿园」,下一行对齐写「数值: 12」「单位: 所」;只是一句话的话,请写到「举措」里",
            )
        mapping = self.mapping(node, what, "- 项目: 新建幼儿园")
        allowed = {k: v for k, v in FIGURE_KEYS.items() if not (nested and k == "其中")}
        fields: dict[str, Any] = {}
        parts_node: yaml.Node | None = None
        number_nodes: dict[str, yaml.Node] = {}
        quantities: dict[str, tuple[int | float | None, Quantity | None]] = {}
        written: set[str] = set()
        for key, value in self.entries(mapping, allowed, what):
            label = f"「{key}」"
            written.add(key)
            with self.errors.guard():
                if key == "其中":
                    parts_node = value
                elif key in ("项目", "单位"):
                    fields[FIGURE_KEYS[key]] = self.text(value, label)
                elif key == "增长率":
                    fields[FIGURE_KEYS[key]] = self.number(value, label, fields.get("item") or "")
                    number_nodes[key] = value
                else:
                    quantities[key] = self.quantity(value, label)
                    number_nodes[key] = value
        if not any(v is not None for v in fields.values()) and parts_node is None and not any(
            n is not None for n, _ in quantities.values()
        ):
            return None
        item = fields.pop("item", None)
        if item is None and "项目" in written:
            return None  # 项目 is there with a mistake, already reported
        if item is None:
            raise self.error(node, f"{what}缺少「项目」", "请写明这个数说的是什么,如 项目: 新建幼儿园")
        unit = (fields.pop("unit", None) or "").replace("\uff05", "%")
        unit = self.reconcile(item, unit or inherited_unit, bool(unit), quantities, number_nodes, fields)
        self.check_ranges(item, unit, fields, number_nodes)
        parts = (
            self.figures(parts_node, f"「{item}」的「其中」", unit, nested=True)
            if parts_node is not None
            else []
        )
        return Figure(item=item, unit=unit, parts=parts, line=node.start_mark.line + 1, **fields)

    def quantity(self, node: yaml.Node, what: str) -> tuple[int | float | None, Quantity | None]:
        """A value as writers write it: 12, 十二, 近500, 2300余, 约1.2万, 95%, 3.5个百分点, 99%以上.

        Returns the number (in the plain unit: 1.2万 is 12000) and, when it was not a plain number, how it was
        written; anything that is no number gets the plain-number message and its hints.
        """
        if self.is_empty(node):
            return None, None
        if not isinstance(node, yaml.ScalarNode) or _NUMBER.fullmatch(node.value.strip()):
            return self.number(node, what), None
        from generator.base.numbers import parse_quantity

        raw = node.value.strip()
        quantity = parse_quantity(raw)
        if quantity is None or quantity.unit == "‰":
            return self.number(node, what), None
        value = quantity.value if quantity.unit else quantity.amount
        number: int | float = int(value) if value == value.to_integral_value() else float(value)
        if abs(to_decimal(number)) > MAX_NUMBER:
            raise self.error(
                node,
                f"{what}写的是 {raw},大得不合常理(超过一万亿)",
                "请检查是否多写了几位;金额较大时请用「万元」或「亿元」作单位",
            )
        return number, quantity

    def reconcile(
        self,
        item: str,
        unit: str,
        explicit: bool,
        quantities: dict[str, tuple[int | float | None, Quantity | None]],
        nodes: dict[str, yaml.Node],
        fields: dict[str, Any],
    ) -> str:
        """Put the values into fields, agreeing on one unit; the value keeps how it was written (近500, 2300余)."""
        written_unit = next((q.full_unit for _, q in quantities.values() if q is not None and q.unit), "")
        if written_unit and not explicit:
            unit = written_unit
        for key, (number, quantity) in quantities.items():
            name = FIGURE_KEYS[key]
            if quantity is None:
                fields[name] = number
                continue
            if quantity.unit and quantity.full_unit != unit:
                raise self.error(
                    nodes[key],
                    f"「{item}」的「{key}」写的是「{quantity.text}」,单位「{quantity.full_unit}」与「单位」写的「{unit}」不一致",
                    "请只在一处写单位,或把两处改成一样",
                )
            if quantity.approximate and key != "数值":
                self.warnings.append(
                    f"{self.path} 第 {nodes[key].start_mark.line + 1} 行:「{item}」的「{key}」「{quantity.text}」是约数,"
                    "草稿不据此计算增减或完成比例"
                )
                fields["inexact"] = (*fields.get("inexact", ()), name)
            fields[name] = number
            if key == "数值":
                tail = next((t for t in _AFTER_UNIT if quantity.qualifier.endswith(t)), "")
                shown = quantity.written()
                shown = shown[: -len(tail)] if tail else shown
                plain = not quantity.qualifier and not (quantity.scale and not quantity.unit)
                fields["written"] = "" if plain else shown
                fields["after_unit"] = tail
                fields["qualifier"] = quantity.qualifier
        return unit

    def check_ranges(self, item: str, unit: str, fields: dict[str, Any], nodes: dict[str, yaml.Node]) -> None:
        percent = is_percent_unit(unit)
        share = percent and any(w in item for w in SHARE_WORDS) and not any(w in item for w in CHANGE_WORDS)
        for key in ("数值", "上年", "目标"):
            value = fields.get(FIGURE_KEYS[key])
            if value is None:
                continue
            shown = format_number(value)
            if value < 0 and (share or not percent):
                self.errors.add(
                    self.error(
                        nodes[key],
                        f"「{item}」的「{key}」是负数({shown})",
                        "数量、金额和比率不会小于零;要表达减少,请写今年的数和上年的数,程序会算出「减少」和「下降」",
                    )
                )
                continue
            if share and value > 100:
                self.errors.add(
                    self.error(
                        nodes[key],
                        f"「{item}」是百分率,「{key}」不能超过 100,这里写的是 {shown}",
                        "请检查是否多写了一位或小数点位置不对;如果这是增长率之类可以超过 100 的数,请在项目名称里写明「增长」",
                    )
                )

    @staticmethod
    def all_figures(values: dict[str, Any]) -> list[Figure]:
        areas = values.get("work", []) + values.get("plans", [])
        figures = [f for area in areas for f in area.data] + list(values.get("figures", []))
        figures += [f for area in areas for m in area.measures for f in m.data]
        figures += [g for g in values.get("goals", []) if isinstance(g, Figure)]
        return figures


def _approximate(tail: str) -> tuple[str, str] | None:
    """(the word, the unit without it) when a number's tail starts with a word of approximation: 余人次."""
    tail = tail.strip()
    word = next((w for w in APPROXIMATE_WORDS if tail.startswith(w)), None)
    return (word, tail[len(word) :].strip()) if word else None


def _unfilled(fig: Figure) -> list[str]:
    """A figure with last year's value and no value of its own yet (as `zongjie import` leaves them): which remain."""
    found = []
    if fig.value is None and fig.previous is not None:
        found.append(
            f"第 {fig.line} 行:「{fig.item}」还没有填写「数值」(上年为 {format_number(fig.previous)}{fig.unit or ''}),"
            "草稿中将留下【待补充】"
        )
    for part in fig.parts:
        found.extend(_unfilled(part))
    return found


def _canonical_topics() -> list[str]:
    return list(dict.fromkeys(topic_names().values()))


def _strip_quotes(text: str) -> str:
    """A title without the quotation marks around the whole of it (“全国‘最美教师’” keeps its inner ones)."""
    text = text.strip()
    for left, right in (("“", "”"), ('"', '"'), ("「", "」"), ("'", "'")):
        inner = text[1:-1]
        if len(text) > 2 and text[0] == left and text[-1] == right and left not in inner and right not in inner:
            return inner.strip()
    return text


def honour_level(name: str) -> str:
    """The level a title names: 全国… 国家级, 全省/…省… 省级, 全市/…市… 市级, 全县/区… 县级; "" when it does not say."""
    head = name[:6]
    if head.startswith(("全国", "国家", "中国", "教育部")):
        return "国家级"
    for level, marks in (("省级", "省"), ("市级", "市州盟"), ("县级", "县区旗")):
        if head.startswith("全" + marks[0]) or any(m in head for m in marks):
            return level
    return ""


# Verbs a writer puts between the winner and the title: 县实验小学获评全国急救教育试点学校.
_WON = r"^(?P<winner>[^“”\"]{2,30}?)(?P<verb>被评为|被授予|被命名为|被确定为|获评|荣获|获得)(?P<name>.{4,})$"


def _honour_from_text(text: str, line: int) -> Honour:
    """A plain honour string; a winner written before 获评/被评为… is kept apart from the title."""
    text = text.strip()
    found = re.match(_WON, text)
    if found and not any(found.group("winner").startswith(w) for w in ("全国", "全省", "全市", "全县", "省", "国家")):
        name = _strip_quotes(found.group("name"))
        return Honour(name=name, winner=found.group("winner"), level=honour_level(name), line=line)
    name = _strip_quotes(text)
    return Honour(name=name, level=honour_level(name), line=line)
