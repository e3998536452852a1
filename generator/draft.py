"""Drafting as a library call: a facts file (or Facts) + outline + library → a Draft, written as .docx, .md or .txt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.compose import KIND_IDS, compose
from generator.errors import TemplateError
from generator.library import Library, Outline, load_library
from generator.model import Draft


@dataclass
class GenerateResult:
    """What `generate` wrote and what the summary reports."""

    draft: Draft
    path: Path
    outline: str
    seed: int
    sections: int
    characters: int
    placeholders: list[str] = field(default_factory=list)
    patterns: int = 0
    origins: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _library_folders(facts: Any, libraries: Iterable[str | Path]) -> tuple[str, ...]:
    """The facts file's own 词库 folders (relative to the facts file), then the command line's, in that order."""
    base = Path(getattr(facts, "path", "") or ".").parent
    own = []
    for folder in getattr(facts, "libraries", None) or []:
        path = Path(folder)
        own.append(str(path if path.is_absolute() else base / path))
    return tuple(own) + tuple(str(p) for p in libraries)


def resolve_outline(facts: Any, outline: str | Path | Outline | None, library: Library) -> Outline:
    """The outline to follow: the one given (name, 类型 or file), else the library's outline for the facts' kind."""
    if isinstance(outline, Outline):
        return outline
    if outline is not None:
        from generator.outlines import find_outline

        return find_outline(outline, library=library)
    found = library.outline_for(KIND_IDS.get(facts.kind, facts.kind)) or library.outline_for(facts.kind)
    if found is None:
        names = "、".join(sorted(library.outlines)) or "(无)"
        raise TemplateError(
            f"词库中没有「{facts.kind}」类材料的提纲",
            hint=f"可用的提纲:{names};可以用 --outline 指定提纲名或提纲文件",
        )
    return found


def draft_from_facts(
    facts: Any,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    libraries: Iterable[str | Path] = (),
) -> Draft:
    """Compose a Draft from loaded Facts; the library is loaded once per set of folders and cached."""
    library = load_library(_library_folders(facts, libraries))
    return compose(facts, resolve_outline(facts, outline, library), library, seed=seed)


def generate(
    facts_path: str | Path,
    out_path: str | Path,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    fmt: str | None = None,
    force: bool = False,
    libraries: Iterable[str | Path] = (),
    profile: str | Path | None = None,
) -> GenerateResult:
    """Read a facts file, compose the draft and write it (atomically; an existing file only with force)."""
    from generator.facts import load_facts
    from generator.output import format_for, write_draft

    target = Path(out_path)
    # An unknown suffix fails before any work; write_draft checks the target again just before writing.
    format_for(target, fmt)
    facts = load_facts(facts_path)
    library = load_library(_library_folders(facts, libraries))
    chosen = resolve_outline(facts, outline, library)
    draft = compose(facts, chosen, library, seed=seed)
    path = write_draft(draft, target, fmt=fmt, force=force, profile=profile)
    origins = Counter(
        library.phrases[use.pattern_id].origin if use.pattern_id in library.phrases else "manual"
        for use in draft.patterns_used
    )
    return GenerateResult(
        draft=draft,
        path=path,
        outline=chosen.name,
        seed=seed,
        sections=draft.sections,
        characters=draft.characters,
        placeholders=draft.placeholders,
        patterns=len(draft.patterns_used),
        origins=dict(sorted(origins.items())),
        warnings=list(draft.warnings),
    )


def summary_lines(result: GenerateResult) -> list[str]:
    """The summary printed after writing: sections, characters, placeholders left, patterns used, warnings."""
    lines = [f"已写出 {result.path}(提纲:{result.outline},种子:{result.seed})"]
    lines.append(f"章节:{result.sections} 个一级部分")
    lines.append(f"字数:{result.characters}")
    if result.placeholders:
        lines.append(f"待补充:{len(result.placeholders)} 处,请在草稿中补上(Word 中以底色标出):")
        lines.extend(f"  · {text}" for text in result.placeholders)
    else:
        lines.append("待补充:0 处")
    origin_names = {"manual": "人工词库", "mined": "挖掘词库"}
    detail = "、".join(f"{origin_names.get(k, k)} {v}" for k, v in result.origins.items())
    lines.append(f"句式:{result.patterns} 条" + (f"({detail})" if detail else ""))
    for warning in result.warnings:
        lines.append(f"提示:{warning}")
    return lines
