"""The facts skeletons of `zongjie init`: write the commented, empty facts file of one kind of report."""

from __future__ import annotations

from pathlib import Path

from generator.base.resources import template_path
from generator.errors import OutputError, UsageError
from generator.facts.model import kind_names
from generator.taxonomy.kinds import find_kind


def write_skeleton(kind: str, path: str | Path, force: bool = False) -> Path:
    """Write the commented facts skeleton of one kind to path, atomically; refuses to overwrite unless force."""
    kind_id = _kind_id(kind)
    target = Path(path)
    if target.is_dir():
        raise OutputError("这是一个文件夹", path=target, hint="请给出要写出的事实文件名,例如 我的事实.yaml")
    if target.exists() and not force:
        raise OutputError("文件已经存在,没有覆盖", path=target, hint="换一个文件名,或加上 --force 覆盖它")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"目录「{folder}」不存在", path=target, hint="请先建好这个目录,或换一个位置")
    from generator.base.files import write_atomic

    return write_atomic(target, template_path("skeletons", f"{kind_id}.yaml").read_bytes(), force=force)


def _kind_id(kind: str) -> str:
    known = find_kind(kind.strip())
    if known is not None:
        return known.id
    raise UsageError(f"不认识的材料种类「{kind}」", hint=f"--kind 请写这五种之一:{kind_names()}")
