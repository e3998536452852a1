"""Outlines a writer can list, read and copy into an editable, commented file of their own."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from generator.base.files import missing_problem
from generator.errors import TemplateError, UsageError, did_you_mean, suggest
from generator.library.core import (
    OUTLINE_ROLES,
    Library,
    Outline,
    OutlineNode,
    dump_outline,
    load_library,
    load_outline_file,
)
from generator.taxonomy.kinds import kind_ids

BODY_NAMES = {
    "chain": "一是……二是……",
    "numbered": "1. 2. 段首小标题",
    "paragraphs": "逐段",
    "firstly": "首先……其次……",
}


def list_outlines(libraries: Iterable[str | Path] = ()) -> list[Outline]:
    """All outlines of the overlaid library, shipped and the user's, by name."""
    library = load_library(libraries)
    return [library.outlines[name] for name in sorted(library.outlines)]


def find_outline(name_or_file: str | Path, libraries: Iterable[str | Path] = (), library: Library | None = None) -> Outline:
    """An outline by name (or 类型) from the library, or from a YAML file the writer edited."""
    text = str(name_or_file)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        path = Path(text)
        if path.is_dir():
            raise TemplateError(
                "这是一个文件夹,不是提纲文件", path=path, hint="请给出提纲文件(.yaml)的路径,例如 我的提纲.yaml"
            )
        if not path.exists():
            raise TemplateError(
                missing_problem(path) or "提纲文件不存在",
                path=path,
                hint="请检查路径,或用 zongjie outline list 查看可用的提纲名",
            )
        return load_outline_file(path)
    library = library or load_library(libraries)
    outline = library.outline_for(text)
    if outline is None:
        names = "、".join(sorted(library.outlines)) or "(无)"
        guess = did_you_mean(suggest(text, [*library.outlines, *kind_ids()], cutoff=0.5))
        # A name typed on the command line: a usage mistake, not a broken template.
        raise UsageError(
            f"没有名为「{text}」的提纲", hint=f"{guess}可用的提纲:{names};也可以给出提纲文件的路径"
        )
    return outline


def _node_label(node: OutlineNode) -> str:
    role = OUTLINE_ROLES.get(node.role)
    parts = [role.label if role else node.role]
    if node.heading:
        parts.append(f"「{node.heading}」")
    if node.repeat:
        parts.append(f"按「{node.repeat}」逐项")
    if node.topics:
        parts.append(f"领域:{'、'.join(node.topics)}")
    if node.role in ("work", "plans") and node.body in BODY_NAMES:
        parts.append(f"写法:{BODY_NAMES[node.body]}")
    if node.family:
        parts.append(f"标题家族:{node.family}")
    if node.note:
        parts.append(f"({node.note})")
    return " ".join(parts)


def outline_tree(outline: Outline) -> list[str]:
    """The outline as an indented tree, one node a line, each with its marker style and role."""
    lines = [f"{outline.name}  {outline.title}(类型:{outline.kind};来源:{outline.origin})"]

    def visit(node: OutlineNode, depth: int) -> None:
        marker = f"{node.marker} " if node.marker else ""
        lines.append("  " * (depth + 1) + marker + _node_label(node))
        for seen in node.headings_seen[:3]:
            lines.append("  " * (depth + 2) + f"· 例:{seen}")
        for child in node.children:
            visit(child, depth + 1)

    for node in outline.nodes:
        visit(node, 0)
    return lines


COPY_HEADER = """\
提纲骨架:{title}(由 zongjie outline copy {name} 生成,可自由修改)
用法:zongjie generate 事实.yaml -o 草稿.docx --outline {path}
可以:调整节点顺序、删除节点、改 heading(固定标题)、增加节点(如一个「安全稳定」部分)、改 marker 序号样式、
     改 body 写法(chain 一是二是 / numbered 1.2. / paragraphs 逐段 / firstly 首先其次)、改 family 标题家族。
节点角色 role:
{roles}
单独成节的领域:给 work(或 plans)节点写 topics,它只收这些领域的条目,其余节点不再重复收录。例如:
  - role: work
    repeat: 工作
    topics: [安全稳定]
    level: 1
    marker: 一、
    heading: 守住安全底线,建设平安校园
"""


def commented_outline(outline: Outline, path: str | Path) -> str:
    """The outline as YAML a writer can edit, with a header and a comment before every node."""
    roles = "\n".join(f"  {name}: {role.help}" for name, role in OUTLINE_ROLES.items())
    copy = Outline(
        name=outline.name if outline.origin == "manual" else f"{outline.name}_copy",
        title=outline.title,
        kind=outline.kind,
        nodes=outline.nodes,
        origin="manual",
        description=outline.description,
        sources=outline.sources,
    )
    header = COPY_HEADER.format(title=outline.title, name=outline.name, path=path, roles=roles)
    text = dump_outline(copy, header)
    out: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)- role: (\w+)$", line)
        if match and match.group(2) in OUTLINE_ROLES:
            out.append(f"{match.group(1)}# {OUTLINE_ROLES[match.group(2)].help}")
        out.append(line)
    return "\n".join(out) + "\n"


def copy_outline(
    name: str, path: str | Path, *, force: bool = False, libraries: Iterable[str | Path] = ()
) -> Path:
    """Write an editable, commented copy of an outline; refuses to overwrite without force."""
    from generator.base.files import check_target, write_atomic

    outline = find_outline(name, libraries)
    target = Path(path).expanduser()
    check_target(target, force)
    write_atomic(target, commented_outline(outline, target), force=force)
    load_outline_file(target)  # the copy must load as written
    return target
