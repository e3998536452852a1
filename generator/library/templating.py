"""Phrase and heading patterns in the least powerful language that does the job.

A pattern is text with slots (``{{ 单位 }}``), a few filters without arguments (``{{ 主题 | trim }}``), and
conditions on slots (``{% if 学校 %}…{% elif 项目 %}…{% else %}…{% endif %}``, with ``not``, ``and``, ``or``), plus
``{# 注释 #}``. Nothing else: no loops, macros, ``set``, calls, attribute or index access, literals or arithmetic
(``%``-formatting included). The syntax is Jinja2's, so a pattern in this language renders the same under Jinja2;
but it is parsed and rendered here, by a reader that evaluates nothing when a library loads: loading parses each
pattern, and a construct outside the language is refused there, with the file and line of the pattern. What
remains is bounded by construction (output is linear in the pattern and its values) and, besides, by explicit
caps on the pattern's length, its nesting and the length of what it renders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from generator.errors import TemplateError

# A pattern is a sentence or a heading: a few hundred characters; four thousand is far beyond any real one.
MAX_TEMPLATE_CHARS = 4000
# {% if %} inside {% if %}: two levels are plenty; the cap keeps rendering and messages simple.
MAX_NESTING = 8
# Slots, conditions and text pieces in one pattern.
MAX_NODES = 400
# What one pattern may render to: a heading or a sentence with the writer's values in it (each at most 2,000
# characters in a facts file) never comes near this.
MAX_OUTPUT_CHARS = 50_000

FILTERS: dict[str, Callable[[str], str]] = {
    "trim": str.strip,
    "upper": str.upper,
    "lower": str.lower,
    "capitalize": str.capitalize,
    "title": str.title,
}

SYNTAX_HINT = "请检查 {{ }} 与 {% %} 是否成对"
LANGUAGE_HINT = (
    "句式和提纲里只能写 {{ 槽位名 }} 填空、{{ 槽位名 | trim }} 这样不带参数的过滤器和 "
    "{% if 槽位名 %}…{% else %}…{% endif %} 条件,见 docs/library.md"
)

_PLAIN_SLOT = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")
_KEYWORDS = frozenset({"if", "elif", "else", "endif", "not", "and", "or", "true", "false", "none", "in", "is"})
# Jinja2's other tags, named in the refusal so that a writer who knows Jinja2 sees why.
_OTHER_TAGS = frozenset(
    {
        "for", "endfor", "macro", "endmacro", "call", "endcall", "set", "endset", "include", "import", "from",
        "extends", "block", "endblock", "filter", "endfilter", "with", "endwith", "raw", "endraw", "do",
        "autoescape", "endautoescape", "break", "continue", "trans", "endtrans", "pluralize",
    }
)  # fmt: skip


# ---------------------------------------------------------------- the parsed form


@dataclass(frozen=True)
class Slot:
    name: str
    filters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    """A disjunction of conjunctions of (negated?) slot names: ``a and not b or c``."""

    terms: tuple[tuple[tuple[bool, str], ...], ...]

    def names(self) -> set[str]:
        return {name for term in self.terms for _, name in term}

    def holds(self, values: Mapping[str, str]) -> bool:
        return any(all(bool(values[name].strip()) != negated for negated, name in term) for term in self.terms)


@dataclass(frozen=True)
class Branch:
    arms: tuple[tuple[Condition | None, tuple[Any, ...]], ...]  # (None, body) is the else arm


Node = str | Slot | Branch


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: its nodes and every slot name it reads, in order of first appearance."""

    nodes: tuple[Node, ...]
    slots: tuple[str, ...]


class _Refusal(Exception):
    def __init__(self, message: str, hint: str = SYNTAX_HINT) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _refuse(message: str, hint: str = SYNTAX_HINT) -> NoReturn:
    raise _Refusal(message, hint)


# ---------------------------------------------------------------- reading a pattern


_TOKEN = re.compile(r"\s*(?:(?P<name>[^\W\d]\w*)|(?P<number>\d[\w.]*)|(?P<string>['\"])|(?P<op>\*\*|//|[^\s\w]))")


def _tokens(inner: str) -> list[tuple[str, str]]:
    """The words and signs inside {{ }} or {% %}: (kind, text) with kind name, number, string or op."""
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(inner):
        match = _TOKEN.match(inner, pos)
        if match is None:  # only trailing white space is left
            break
        kind = match.lastgroup or "op"
        text = match.group(kind)
        if kind == "string":
            end = inner.find(text, match.end())
            text = inner[match.start(kind) : end + 1 if end >= 0 else len(inner)]
            pos = end + 1 if end >= 0 else len(inner)
        else:
            pos = match.end()
        found.append((kind, text))
    return found


def _shown(token: tuple[str, str]) -> str:
    return token[1] if len(token[1]) <= 20 else token[1][:19] + "…"


def _refuse_token(token: tuple[str, str], where: str, following: tuple[str, str] | None = None) -> NoReturn:
    kind, text = token
    if kind == "op" and text in (".", "["):
        shown = text + (following[1] if following and following[0] == "name" else "")
        _refuse(f"{where}不能访问属性或下标(「{_shown(('op', shown))}」)", LANGUAGE_HINT)
    if kind == "op" and text == "(":
        _refuse(f"{where}不能调用函数或方法(「(」)", LANGUAGE_HINT)
    if kind in ("number", "string"):
        _refuse(f"{where}不能写数字或带引号的文字(「{_shown(token)}」),只能写槽位名", LANGUAGE_HINT)
    if kind == "op":
        _refuse(f"{where}不能做运算(「{text}」),只能写槽位名", LANGUAGE_HINT)
    _refuse(f"{where}出现了多余的「{_shown(token)}」", LANGUAGE_HINT)


def _slot_expression(tokens: list[tuple[str, str]]) -> Slot:
    if not tokens:
        _refuse("{{ }} 里没有写槽位名")
    head = tokens[0]
    if head[0] != "name" or head[1].lower() in _KEYWORDS:
        _refuse_token(head, "{{ }} 里")
    rest = tokens[1:]
    if rest and rest[0][0] == "name":
        _refuse(f"{{{{ }}}} 里只能写一个槽位名,多出了「{_shown(rest[0])}」")
    filters: list[str] = []
    while rest:
        if rest[0] != ("op", "|"):
            _refuse_token(rest[0], "{{ }} 里", rest[1] if len(rest) > 1 else None)
        if len(rest) < 2 or rest[1][0] != "name":
            _refuse("「|」后面缺少过滤器名")
        name = rest[1][1]
        if name not in FILTERS:
            _refuse(f"不认识的过滤器「{name}」(可用的有:{'、'.join(FILTERS)})", LANGUAGE_HINT)
        if len(rest) > 2 and rest[2] == ("op", "("):
            _refuse(f"过滤器「{name}」不能带参数", LANGUAGE_HINT)
        filters.append(name)
        rest = rest[2:]
    return Slot(head[1], tuple(filters))


def _condition(tokens: list[tuple[str, str]], tag: str) -> Condition:
    if not tokens:
        _refuse(f"{{% {tag} %}} 后面缺少条件(要判断的槽位名)")
    terms: list[tuple[tuple[bool, str], ...]] = []
    term: list[tuple[bool, str]] = []
    negated = False
    expect_name = True
    for index, token in enumerate(tokens):
        kind, text = token
        if expect_name:
            if kind == "name" and text == "not":
                negated = not negated
                continue
            if kind != "name" or text.lower() in _KEYWORDS:
                _refuse_token(token, f"{{% {tag} %}} 的条件里")
            term.append((negated, text))
            negated, expect_name = False, False
        elif kind == "name" and text in ("and", "or"):
            if text == "or":
                terms.append(tuple(term))
                term = []
            expect_name = True
        else:
            if kind == "name" and text == "is":
                _refuse(f"{{% {tag} %}} 的条件里不能用「is」测试,只能写槽位名(有内容即为真)", LANGUAGE_HINT)
            _refuse_token(token, f"{{% {tag} %}} 的条件里", tokens[index + 1] if index + 1 < len(tokens) else None)
    if expect_name:
        _refuse(f"{{% {tag} %}} 的条件没有写完")
    terms.append(tuple(term))
    return Condition(tuple(terms))


def _parse(text: str) -> Pattern:
    # As Jinja2 does by default: a single newline that ends the pattern is not part of it.
    text = text[:-1] if text.endswith("\n") else text
    if len(text) > MAX_TEMPLATE_CHARS:
        _refuse(f"模板太长({len(text)} 个字符,最多 {MAX_TEMPLATE_CHARS} 个)", "请把它拆成几条句式")
    # Each open {% if %}: (its arms so far, the condition of the arm being read, that arm's nodes).
    stack: list[tuple[list[tuple[Condition | None, tuple[Any, ...]]], Condition | None, list[Any]]] = []
    nodes: list[Any] = []
    slots: dict[str, None] = {}
    count = 0
    pos = 0
    trim_next = False
    opening = re.compile(r"\{[{%#]")
    while pos < len(text):
        match = opening.search(text, pos)
        piece = text[pos : match.start() if match else len(text)]
        if trim_next:
            piece = piece.lstrip()
        if match and text.startswith("-", match.end()):
            piece = piece.rstrip()
        if piece:
            nodes.append(piece)
            count += 1
        if match is None:
            break
        mark = match.group()
        start = match.end() + (1 if text.startswith("-", match.end()) else 0)
        if mark == "{#":
            end = text.find("#}", start)
            if end < 0:
                _refuse("注释 {# 没有用 #} 结束")
            trim_next = text[end - 1 : end] == "-" and end - 1 >= start
            pos = end + 2
            continue
        close = "}}" if mark == "{{" else "%}"
        end = text.find(close, start)
        inner = text[start:end] if end >= 0 else text[start:]
        trim_next = end > start and inner.endswith("-")
        if trim_next:
            inner = inner[:-1]
        tokens = _tokens(inner)
        if mark == "{{":
            slot = _slot_expression(tokens) if end >= 0 or tokens else None
            if end < 0:
                if slot is not None and len(tokens) > 1:
                    _refuse(f"{{{{ }}}} 里只能写一个槽位名,多出了「{_shown(tokens[1])}」")
                _refuse("模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}")
            assert slot is not None
            nodes.append(slot)
            slots.setdefault(slot.name)
        else:
            if not tokens:
                _refuse("{% %} 里缺少标签名" if end >= 0 else "模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}")
            kind, word = tokens[0]
            if kind != "name" or word not in ("if", "elif", "else", "endif"):
                if kind == "name" and word in _OTHER_TAGS:
                    _refuse(f"模板里不能使用「{{% {word} %}}」,只能用 {{% if %}}", LANGUAGE_HINT)
                _refuse(f"不认识的标签「{{% {_shown(tokens[0])} %}}」(只能用 if、elif、else、endif)", LANGUAGE_HINT)
            if end < 0:
                _refuse("模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}")
            if word == "if":
                if len(stack) >= MAX_NESTING:
                    _refuse(f"{{% if %}} 套得太深(超过 {MAX_NESTING} 层)", "请把这条模板拆开写")
                stack.append(([], _condition(tokens[1:], "if"), nodes))
                nodes = []
            elif word in ("elif", "else"):
                if not stack:
                    _refuse(f"出现了多余的「{{% {word} %}}」(前面没有 {{% if %}})")
                arms, condition, outer = stack[-1]
                if condition is None:
                    _refuse(f"{{% else %}} 后面不能再有「{{% {word} %}}」")
                if word == "else" and len(tokens) > 1:
                    _refuse(f"{{% else %}} 后面不能写条件,多出了「{_shown(tokens[1])}」")
                arms.append((condition, tuple(nodes)))
                stack[-1] = (arms, _condition(tokens[1:], "elif") if word == "elif" else None, outer)
                nodes = []
            else:
                if not stack:
                    _refuse("出现了多余的「{% endif %}」(前面没有 {% if %})")
                if len(tokens) > 1:
                    _refuse(f"{{% endif %}} 后面多出了「{_shown(tokens[1])}」")
                arms, condition, outer = stack.pop()
                arms.append((condition, tuple(nodes)))
                outer.append(Branch(tuple(arms)))
                nodes = outer
            if word in ("if", "elif"):
                for name in _condition(tokens[1:], word).names():
                    slots.setdefault(name)
        count += 1
        if count > MAX_NODES:
            _refuse(f"模板里的槽位和条件太多(超过 {MAX_NODES} 个)", "请把它拆成几条句式")
        pos = end + len(close)
    if stack:
        _refuse("{% if %} 没有写完,缺少结束标签 {% endif %}")
    return Pattern(tuple(nodes), tuple(slots))


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Pattern | _Refusal:
    try:
        return _parse(text)
    except _Refusal as refusal:
        return refusal


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:40]


def compile_template(text: str, *, path: str | Path = "", line: int = 0) -> Pattern:
    """Parse a pattern; anything outside the language is a TemplateError naming file and line.

    Nothing in the pattern is evaluated here: this only reads it.
    """
    parsed = _parsed(text)
    if isinstance(parsed, _Refusal):
        kind = "模板语法错误" if parsed.hint == SYNTAX_HINT else "模板里有不允许的写法"
        raise TemplateError(
            f"{kind}:{parsed.message}(模板:{_clip(text)})", path=path or None, line=line or None, hint=parsed.hint
        )
    return parsed


def is_plain_template(text: str) -> bool:
    """Whether a pattern is only text and {{ slot }} substitutions (almost every library pattern is)."""
    rest = _PLAIN_SLOT.sub("", text)
    return not any(mark in rest for mark in ("{{", "{%", "{#"))


def pattern_words(text: str) -> str:
    """A plain template's own words, its slots left out: 取得新突破 for {{ 主题 }}取得新突破."""
    return _PLAIN_SLOT.sub("", text)


def render_plain(text: str, values: Mapping[str, str]) -> str:
    """The one plain renderer: every {{ slot }} of a plain template replaced by its value (see is_plain_template)."""
    return _PLAIN_SLOT.sub(lambda m: values[m.group(1)], text)


def plain_slots(text: str) -> list[str]:
    """The slot names of a plain template, in order of appearance."""
    return _PLAIN_SLOT.findall(text)


def template_slots(text: str, *, path: str | Path = "", line: int = 0) -> set[str]:
    """Every slot name a pattern reads ({{ 名 }} and the names its conditions test); refuses a bad pattern."""
    if is_plain_template(text) and len(text) <= MAX_TEMPLATE_CHARS:
        return set(plain_slots(text))
    return set(compile_template(text, path=path, line=line).slots)


def slots_if_valid(text: str) -> frozenset[str] | None:
    """The slot names of a pattern, or None when it is not in the language (never raises)."""
    if is_plain_template(text):
        return frozenset(plain_slots(text))
    parsed = _parsed(text)
    return None if isinstance(parsed, _Refusal) else frozenset(parsed.slots)


def render_template(text: str, values: Mapping[str, Any], *, path: str | Path = "", line: int = 0) -> str:
    """Fill a pattern's slots with values (as text, never evaluated); a missing slot is a TemplateError."""
    pattern = compile_template(text, path=path, line=line)
    missing = [name for name in pattern.slots if name not in values]
    if missing:
        raise TemplateError(
            f"模板用到了没有提供的槽位「{missing[0]}」",
            path=path or None,
            line=line or None,
            hint="请检查 {{ }} 里的槽位名是否写对(可用的槽位见 docs/library.md)",
        )
    strings = {name: str(values[name]) for name in pattern.slots}
    out: list[str] = []
    size = 0
    # An explicit stack, not recursion: the nesting is capped at parse time, but rendering need not rely on it.
    work: list[tuple[Node, ...]] = [pattern.nodes]
    positions = [0]
    while work:
        nodes, index = work[-1], positions[-1]
        if index == len(nodes):
            work.pop()
            positions.pop()
            continue
        positions[-1] += 1
        node = nodes[index]
        if isinstance(node, str):
            piece = node
        elif isinstance(node, Slot):
            piece = strings[node.name]
            for name in node.filters:
                piece = FILTERS[name](piece)
        else:
            for condition, body in node.arms:
                if condition is None or condition.holds(strings):
                    work.append(body)
                    positions.append(0)
                    break
            continue
        size += len(piece)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateError(
                f"模板填入后超过 {MAX_OUTPUT_CHARS} 个字符",
                path=path or None,
                line=line or None,
                hint="一条句式或标题不会这么长;请检查填入的内容是否过长",
            )
        out.append(piece)
    return "".join(out)
