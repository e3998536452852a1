"""Jinja2 patterns in a bounded sandbox: compile, render and read the slots of phrase and heading templates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import TemplateError


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """Jinja2's sandbox stops code, not size: '哈' * 10**10 or 9**9**9 would take the memory or the CPU."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):  # noqa: ANN001, ANN201 - Jinja2's signature
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > _MAX_EXPONENT:
                raise SecurityError(f"指数 {right} 过大")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                        if len(seq) * times > _MAX_REPEAT:
                            raise SecurityError(f"重复后的长度超过 {_MAX_REPEAT}")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


# A phrase is a sentence: nothing a template computes needs to be longer or larger than this.
_MAX_REPEAT = 10_000
_MAX_EXPONENT = 100


@lru_cache(maxsize=4096)
def _compiled(text: str):
    return _environment().from_string(text)


_PLAIN_SLOT = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")


def is_plain_template(text: str) -> bool:
    """Whether a pattern is only text and {{ slot }} substitutions: nothing for Jinja2 to check or run.

    Almost every library pattern is; such a pattern cannot have a syntax error, so loading need not compile it.
    """
    rest = _PLAIN_SLOT.sub("", text)
    return not any(mark in rest for mark in ("{{", "{%", "{#"))


def plain_slots(text: str) -> list[str]:
    """The slot names of a plain template, in order of appearance."""
    return _PLAIN_SLOT.findall(text)


def compile_template(text: str, *, path: str | Path = "", line: int = 0):
    """Compile a pattern in Jinja2's sandbox; a syntax mistake becomes a TemplateError naming file and line."""
    from jinja2 import TemplateSyntaxError

    try:
        return _compiled(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误:{_syntax_problem(str(exc.message or ''))}(模板:{text[:40]})",
            path=path or None,
            line=line or None,
            hint="请检查 {{ }} 与 {% %} 是否成对",
        ) from None


# Jinja2's syntax complaints a pattern writer meets, most specific first: (pattern, Chinese with \\1 for the quoted).
_SYNTAX_PROBLEMS: tuple[tuple[str, str], ...] = (
    (
        r"(?i)^unexpected end of template.*innermost block that needs to be closed is '(\w+)'.*",
        r"{% \1 %} 没有写完,缺少结束标签 {% end\1 %}",
    ),
    (r"(?i)^unexpected end of template.*", "模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}"),
    (r"^unexpected '([^']*)'$", r"出现了多余的「\1」"),
    (r"^expected token 'end of print statement', got '([^']*)'$", r"{{ }} 里只能写一个槽位名,多出了「\1」"),
    (r"^expected token '([^']*)', got '([^']*)'$", r"这里应当是「\1」,写成了「\2」"),
    (r"^Encountered unknown tag '([^']*)'.*", r"不认识的标签「{% \1 %}」(只能用 if、elif、else、endif)"),
    (r"^unexpected char '(.)' at \d+$", r"{{ }} 里出现了不能使用的字符「\1」"),
    (r"(?i)^missing end of comment tag$", "注释 {# 没有用 #} 结束"),
    (r"^Expected an expression, got 'end of print statement'$", "{{ }} 里没有写槽位名"),
    (r"^Expected an expression, got '([^']*)'$", r"这里缺少槽位名,写成了「\1」"),
    (r"^No filter named '([^']*)'.*", r"不认识的过滤器「\1」"),
    (r"^No test named '([^']*)'.*", r"不认识的测试「\1」"),
    (r"(?i)^tag name expected$", "{% %} 里缺少标签名"),
)


def _syntax_problem(message: str) -> str:
    for pattern, chinese in _SYNTAX_PROBLEMS:
        match = re.match(pattern, message, flags=re.S)
        if match:
            return match.expand(chinese)
    return "写法有误,Jinja2 无法读懂这条模板"


def _render_problem(exc: Exception) -> str:
    """A render-time failure in Chinese (never Jinja2's or Python's English)."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    text = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, SecurityError):
        attribute = re.search(r"access to attribute '([^']+)'", text)
        if attribute:
            return f"模板试图访问不安全的属性「{attribute.group(1)}」,已被沙箱阻止"
        if re.search(r"[\u4e00-\u9fff]", text):  # our own bounded-sandbox messages are already Chinese
            return f"模板试图执行不安全的操作,已被沙箱阻止:{text.rstrip('.')}"
        return "模板试图执行不安全的操作,已被沙箱阻止"
    if isinstance(exc, UndefinedError):
        missing = re.match(r"^'([^']+)' is undefined$", text)
        if missing:
            return f"模板用到了没有提供的槽位「{missing.group(1)}」"
        attribute = re.search(r"has no attribute '([^']+)'", text)
        if attribute:
            return f"模板访问了不存在的属性「{attribute.group(1)}」"
        return "模板用到了没有提供的值"
    if isinstance(exc, ZeroDivisionError):
        return "模板渲染失败:除数为零"
    if isinstance(exc, (TypeError, ValueError)):
        return "模板渲染失败:运算的两边类型不合(例如文字和数字相加)"
    if isinstance(exc, (OverflowError, MemoryError, RecursionError)):
        return "模板渲染失败:计算结果过大"
    return "模板渲染失败:模板中的运算无法完成"


def render_template(text: str, values: Mapping[str, Any], *, path: str | Path = "", line: int = 0) -> str:
    """Render a pattern with values in the sandbox; undefined slots and sandbox violations are TemplateErrors."""
    from jinja2 import UndefinedError
    from jinja2.exceptions import SecurityError

    template = compile_template(text, path=path, line=line)
    try:
        return template.render(**values)
    except UndefinedError as exc:
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="请检查 {{ }} 里的槽位名是否写对(可用的槽位见 docs/library.md)",
        ) from None
    except SecurityError as exc:
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="句式和提纲里只用 {{ 槽位名 }} 填空和简单的 {% if %},请删去这段代码",
        ) from None
    except Exception as exc:  # a user template can fail in many ways at render time (type errors, division…)
        raise TemplateError(
            _render_problem(exc),
            path=path or None,
            line=line or None,
            hint="请简化这条模板,只用 {{ 槽位名 }} 填空",
        ) from None


def template_slots(text: str, *, path: str | Path = "", line: int = 0) -> set[str]:
    """Every slot name a pattern reads ({{ 名 }}, and names used in {% if %} and the like)."""
    if is_plain_template(text):
        return set(plain_slots(text))
    from jinja2 import meta

    compile_template(text, path=path, line=line)  # a syntax mistake is reported as such first
    return set(meta.find_undeclared_variables(_environment().parse(text)))
