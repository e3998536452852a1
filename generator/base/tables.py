"""The shipped data tables (templates/cleaning/, templates/mining/, kinds, topics): safely loaded, mistakes named."""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path
from typing import Any

import yaml

from generator.base.files import cache_dir, write_atomic
from generator.base.resources import template_path
from generator.errors import OutputError, TemplateError, os_reason

_WHAT = {"cleaning": "清洗规则文件", "mining": "挖掘规则文件"}
# libyaml when present: kinds and topics are read on every `zongjie generate`, where the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rules(folder: str, name: str) -> Any:
    """One rules file under templates/<folder>/, safely loaded."""
    return load_table(template_path(folder, name), _WHAT.get(folder, "规则文件"))


def load_table(path: Path, what: str) -> Any:
    """A shipped YAML table, safely loaded; a missing or broken file is a TemplateError naming file and line.

    The loaded data is kept as JSON in the user's cache folder, beside the YAML text it came from: a later
    run that reads the same text takes the JSON (several times faster than YAML, and `zongjie generate` reads
    four tables). Data JSON cannot give back exactly (a date, a number as a key) is simply not kept.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"无法读取{what}({os_reason(exc)})", path=path, hint="请重新安装 zongjie") from None
    cache = _table_cache(path, text)
    if cache is not None:
        try:
            kept = json.loads(cache.read_text(encoding="utf-8"))
            if kept["format"] == _TABLE_FORMAT and kept["source"] == text:
                return kept["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(
            f"{what}的 YAML 语法有误",
            path=path,
            line=mark.line + 1 if mark is not None else None,
            hint="请检查缩进和引号",
        ) from None
    if cache is not None:
        _keep(cache, text, data)
    return data


_TABLE_FORMAT = 1


def _table_cache(path: Path, text: str) -> Path | None:
    if os.environ.get("ZONGJIE_NO_CACHE"):
        return None
    # The name only spreads tables apart; the YAML text kept inside decides whether the entry is current.
    return cache_dir() / f"table-{path.stem}-{zlib.crc32(text.encode('utf-8')):08x}.json"


def _keep(cache: Path, text: str, data: Any) -> None:
    try:
        kept = json.dumps({"format": _TABLE_FORMAT, "source": text, "data": data}, ensure_ascii=False)
        # JSON gives back str, int, float, bool, None, list and dict as they were; anything else (a date, a
        # key that is not text) fails here or compares unequal, and the table is read from YAML every time.
        if json.loads(kept)["data"] != data:
            return
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, kept, force=True)
    except (TypeError, ValueError, OSError, OutputError):
        # A read-only home or a full disk only costs the next run its speed.
        pass


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
