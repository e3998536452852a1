"""The writer's facts file: load, validate and type the YAML of local facts a draft is composed from."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.base.files import read_bounded
from generator.base.yamlio import load_user_yaml
from generator.errors import FactsError
from generator.facts.model import MAX_BYTES, MAX_DEPTH, Area, Facts, Figure
from generator.facts.schema import EMPTY_HINT, build_facts

# The types come with the loader; the key tables live in facts_model, the checks in facts_schema and the
# `zongjie init` skeletons in skeleton.
__all__ = ["Area", "Facts", "Figure", "load_facts", "parse_facts"]

_BARE_PERCENT_UNIT = re.compile(r"(?m)^([ ]*(?:-[ ]+)?单位:[ ]+)([%\uff05])(?=[ ]*(?:#.*)?$)")


def load_facts(path: str | Path) -> Facts:
    """Read and validate a facts file; raises FactsError with file, line and the fix."""
    p = Path(path)
    data = read_bounded(
        p,
        what="事实文件",
        max_bytes=MAX_BYTES,
        error=FactsError,
        folder_hint="请给出事实文件(.yaml)的路径,例如 我的事实.yaml",
        missing_hint="请检查路径是否写对;还没有事实文件的话,可以用 zongjie init --kind 半年总结 我的事实.yaml 生成一份",
    )
    return parse_facts(data, str(p))


def parse_facts(text: str | bytes, path: str = "<事实>") -> Facts:
    """Validate facts given as YAML text (or the raw bytes of a file, in UTF-8 or GBK/GB18030)."""
    return build_facts(compose_facts(text, path), path)


def compose_facts(text: str | bytes, path: str = "<事实>") -> yaml.Node:
    """The checked YAML node tree of a facts file (encoding, size, syntax), before the schema reads it."""
    if not text.strip():
        raise FactsError("事实文件是空的", path=path, hint=EMPTY_HINT)
    if isinstance(text, bytes) and text.startswith(b"PK\x03\x04"):
        raise FactsError(
            "这是一个 Word(.docx)或压缩文件,不是事实文件",
            path=path,
            hint="事实文件是 YAML 文本,请用 zongjie init 生成骨架后用记事本等文本编辑器填写",
        )
    node = load_user_yaml(
        text,
        what="事实文件",
        max_bytes=MAX_BYTES,
        error=FactsError,
        path=path,
        # 「单位: %」 is what every writer types, but YAML reserves a leading % for directives: quote it for them.
        rewrite=lambda t: _BARE_PERCENT_UNIT.sub(r'\1"\2"', t),
        max_depth=MAX_DEPTH,
        depth_hint="事实文件最多只有几层缩进,请检查缩进和括号",
    )
    if node is None:
        raise FactsError("事实文件中只有注释,没有内容", path=path, hint=EMPTY_HINT)
    return node


