"""Drafting as a library call: a facts file (or Facts) + outline + library → a Draft, written as .docx, .md or .txt."""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.base.resources import template_path
from generator.drafting.compose import compose
from generator.drafting.model import Draft
from generator.errors import OutputError, TemplateError
from generator.library.core import Library, Outline, OutlineNode, Phrase, Source, load_library, parse_outline
from generator.taxonomy.kinds import find_kind

if TYPE_CHECKING:
    from generator.facts.model import Facts

# Bump when the cache layout changes; the key also holds every library file's size and modification time.
_CACHE_FORMAT = 1


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
    format: str = ""  # docx, md or txt: what was written (the suffix may say otherwise with --format)


def _library_folders(facts: Facts, libraries: Iterable[str | Path]) -> tuple[str, ...]:
    """The facts file's own 词库 folders (relative to the facts file), then the command line's, in that order."""
    base = Path(getattr(facts, "path", "") or ".").parent
    own = []
    for folder in getattr(facts, "libraries", None) or []:
        path = Path(folder)
        own.append(str(path if path.is_absolute() else base / path))
    return tuple(own) + tuple(str(p) for p in libraries)


def _layer_files(folders: tuple[str, ...]) -> list[Path] | None:
    """Every file the overlaid library is read from, or None when a folder is missing (load_library explains)."""
    layers = [template_path("library", "mined"), template_path("library", "manual")]
    files: list[Path] = []
    for index, folder in enumerate([*layers, *(Path(f) for f in folders)]):
        if not folder.exists():
            if index < len(layers):
                continue
            return None
        if folder.is_file():
            files.append(folder)
            continue
        files.extend(sorted(folder.glob("*.yaml")))
        if (folder / "outlines").is_dir():
            files.extend(sorted((folder / "outlines").glob("*.yaml")))
    return files


def _cache_dir() -> Path:
    base = os.environ.get("ZONGJIE_CACHE_DIR")
    if base:
        return Path(base)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "zongjie" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zongjie"


def _node_data(node: OutlineNode) -> dict[str, Any]:
    data = node.as_dict()
    data["__line__"] = node.line
    if node.children:
        data["children"] = [_node_data(c) for c in node.children]
    return data


@lru_cache(maxsize=8)
def cached_library(folders: tuple[str, ...] = ()) -> Library:
    """load_library, with the validated result kept as JSON in the user's cache folder between runs.

    Parsing and validating the library YAML is most of a short `zongjie generate`; the JSON copy is read back
    in a few milliseconds. The key covers every library file's path, size and modification time, so an edited
    or added file is read again. JSON (never pickle) keeps the cache plain data; any problem with it simply
    falls back to reading the YAML. ZONGJIE_NO_CACHE=1 turns it off.
    """
    files = None if os.environ.get("ZONGJIE_NO_CACHE") else _layer_files(folders)
    if files is None:
        return load_library(folders)
    try:
        stats = [(str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size) for p in files]
    except OSError:
        return load_library(folders)
    from generator import __version__

    key = json.dumps([_CACHE_FORMAT, __version__, _code_stamp(), sys.version_info[:2], stats], ensure_ascii=False)
    # The file name only spreads keys apart; the full key inside the file decides whether it is current.
    path = _cache_dir() / f"library-{zlib.crc32(key.encode('utf-8')):08x}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["key"] == key:
            return _library_from_data(data)
    except (OSError, ValueError, KeyError, TypeError, TemplateError):
        pass
    library = load_library(folders)
    _write_cache(path, key, library)
    return library


def _code_stamp() -> list[int]:
    # The code that parses and rebuilds the library: an edited parser (a development checkout between version
    # bumps) must not be served data its older self validated.
    from generator.base import yamlio
    from generator.library import core, load, model, templating

    stamps = []
    for module in (core, load, model, templating, yamlio):
        module_file = module.__file__
        try:
            stamps.append(Path(module_file or "").stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    stamps.append(Path(__file__).stat().st_mtime_ns)
    return stamps


def _library_from_data(data: dict[str, Any]) -> Library:
    library = Library(layers=list(data["layers"]))
    for item in data["phrases"]:
        item = dict(item)
        item["sources"] = [Source(**src) for src in item["sources"]]
        phrase = Phrase(**item)
        library.phrases[phrase.id] = phrase
    for item in data["outlines"]:
        outline = parse_outline(Path(item["path"]), item["outline"], item["outline"]["origin"])
        outline.path = item["path"]
        library.outlines[outline.name] = outline
    return library


def _write_cache(path: Path, key: str, library: Library) -> None:
    phrases = [dict(p.as_dict(), path=p.path, line=p.line) for p in library.phrases.values()]
    for entry in phrases:
        entry.setdefault("family", "")
    outlines = [
        {"path": o.path, "outline": dict(o.as_dict(), nodes=[_node_data(n) for n in o.nodes])}
        for o in library.outlines.values()
    ]
    text = json.dumps({"key": key, "layers": library.layers, "phrases": phrases, "outlines": outlines}, ensure_ascii=False)
    from generator.base.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, force=True)
    except (OSError, OutputError):
        # A read-only home or a full disk only costs the next run its speed.
        pass


def resolve_outline(facts: Facts, outline: str | Path | Outline | None, library: Library) -> Outline:
    """The outline to follow: the one given (name, 类型 or file), else the library's outline for the facts' kind."""
    if isinstance(outline, Outline):
        return outline
    if outline is not None:
        from generator.library.outlines import find_outline

        return find_outline(outline, library=library)
    # By 类型: reviewed (manual) outlines of the kind come before mined ones, as Library.outline_for orders them.
    kind = find_kind(facts.kind)
    found = library.outline_for(facts.kind) or library.outline_for(kind.outline if kind else facts.kind)
    if found is None:
        names = "、".join(sorted(library.outlines)) or "(无)"
        raise TemplateError(
            f"词库中没有「{facts.kind}」类材料的提纲",
            hint=f"可用的提纲:{names};可以用 --outline 指定提纲名或提纲文件",
        )
    return found


def draft_from_facts(
    facts: Facts,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    libraries: Iterable[str | Path] = (),
    decimals: int = 1,
) -> Draft:
    """Compose a Draft from loaded Facts; the library is loaded once per set of folders and cached.

    ``decimals``: places of the percentages the draft computes (a format profile's text.percent_decimals).
    """
    library = cached_library(_library_folders(facts, libraries))
    return compose(facts, resolve_outline(facts, outline, library), library, seed=seed, decimals=decimals)


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
    from generator.facts.load import load_facts
    from generator.render.output import format_for, write_draft

    target = Path(out_path)
    # An unknown suffix fails before any work; write_draft checks the target again just before writing.
    written_format = format_for(target, fmt)
    facts = load_facts(facts_path)
    # The profile is read once: its text.percent_decimals words the draft, the rest lays out the .docx.
    from generator.render.profile import default_profile, load_profile

    chosen_profile = load_profile(profile) if profile is not None else default_profile()
    draft = draft_from_facts(
        facts, outline=outline, seed=seed, libraries=libraries, decimals=chosen_profile.percent_decimals
    )
    # Both are cached: the same library and outline draft_from_facts used, for the summary.
    library = cached_library(_library_folders(facts, libraries))
    chosen = resolve_outline(facts, outline, library)
    path = write_draft(draft, target, fmt=fmt, force=force, profile=chosen_profile)
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
        format=written_format,
    )


def summary_lines(result: GenerateResult) -> list[str]:
    """The summary printed after writing: sections, characters, placeholders left, patterns used, warnings."""
    lines = [f"已写出 {result.path}(提纲:{result.outline},种子:{result.seed})"]
    lines.append(f"章节:{result.sections} 个一级部分")
    lines.append(f"字数:{result.characters}")
    if result.placeholders:
        docx = (result.format or result.path.suffix.lower().lstrip(".")) == "docx"
        shown = "(Word 中以底色标出)" if docx else "(即草稿中的【待补充:…】)"
        lines.append(f"待补充:{len(result.placeholders)} 处,请在草稿中补上{shown}:")
        lines.extend(f"  · {text}" for text in result.placeholders)
    else:
        lines.append("待补充:0 处")
    origin_names = {"manual": "人工词库", "mined": "挖掘词库"}
    detail = "、".join(f"{origin_names.get(k, k)} {v}" for k, v in result.origins.items())
    lines.append(f"句式:{result.patterns} 条" + (f"({detail})" if detail else ""))
    for warning in result.warnings:
        lines.append(f"提示:{warning}")
    return lines
