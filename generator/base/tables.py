"""The shipped data tables (templates/cleaning/, templates/mining/, kinds, topics): safely loaded, mistakes named."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.base.resources import template_path
from generator.errors import TemplateError, os_reason

_WHAT = {"cleaning": "清洗规则文件", "mining": "挖掘规则文件"}
# libyaml when present: kinds and topics are read on every `zongjie generate`, where the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rules(folder: str, name: str) -> Any:
    """One rules file under templates/<folder>/, safely loaded."""
    return load_table(template_path(folder, name), _WHAT.get(folder, "规则文件"))


def load_table(path: Path, what: str) -> Any:
    """A shipped YAML table, safely loaded; a missing or broken file is a TemplateError naming file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise TemplateError(f"无法读取{what}({os_reason(exc)})", path=path, hint="请重新安装 zongjie") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            f"{what}的 YAML 语法有误",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint="请检查缩进和引号",
        ) from None


def compile_rule(pattern: str, folder: str, name: str, what: str) -> re.Pattern[str]:
    """A rule's regular expression; a broken one names its file and the rule."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise TemplateError(
            f"{what}的正则表达式有误({exc.msg}):{pattern}",
            path=template_path(folder, name),
            hint="请修正这条规则",
        ) from None
