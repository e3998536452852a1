"""The library cache: the validated, overlaid library kept as JSON in the user's cache folder between runs."""

from __future__ import annotations

import json
import os
import sys
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.base.files import cache_dir
from generator.errors import OutputError, TemplateError
from generator.library.core import Library, OutlineNode, Phrase, Source, load_library, parse_outline
from generator.library.layers import layer_files, library_layers

# Bump when the cache layout changes; the key also holds every library file's size and modification time.
_CACHE_FORMAT = 2
# A phrase is kept as a row of its fields in this order (the file names the order too): a row is a third of the
# size of a keyed object and is turned back into a Phrase without building a dictionary first.
_PHRASE_FIELDS = [f.name for f in fields(Phrase)]
_SOURCES = _PHRASE_FIELDS.index("sources")
_PATH = _PHRASE_FIELDS.index("path")


def _layer_files(folders: tuple[str, ...]) -> list[Path] | None:
    """Every file the overlaid library is read from, or None when a folder is missing (load_library explains)."""
    files: list[Path] = []
    for layer in library_layers(folders):
        if not layer.folder.exists():
            if layer.shipped:
                continue
            return None
        phrase_files, outline_files = layer_files(layer.folder)
        files.extend(phrase_files + outline_files)
    return files


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
    except (OSError, RuntimeError):  # RuntimeError: resolve() meeting a symbolic-link loop (Python before 3.13)
        return load_library(folders)
    from generator import __version__

    key = json.dumps([_CACHE_FORMAT, __version__, _code_stamp(), sys.version_info[:2], stats], ensure_ascii=False)
    # The file name only spreads keys apart; the full key inside the file decides whether it is current.
    path = cache_dir() / f"library-{zlib.crc32(key.encode('utf-8')):08x}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["key"] == key:
            return _library_from_data(data)
    except (OSError, ValueError, KeyError, IndexError, TypeError, TemplateError):
        pass
    library = load_library(folders)
    _write_cache(path, key, library)
    return library


def _code_stamp() -> list[int]:
    # The code that parses and rebuilds the library: an edited parser (a development checkout between version
    # bumps) must not be served data its older self validated.
    from generator.base import yamlio
    from generator.library import core, layers, load, model, templating

    stamps = []
    for module in (core, layers, load, model, templating, yamlio):
        module_file = module.__file__
        try:
            stamps.append(Path(module_file or "").stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    stamps.append(Path(__file__).stat().st_mtime_ns)
    return stamps


def _library_from_data(data: dict[str, Any]) -> Library:
    if data["fields"] != _PHRASE_FIELDS:
        raise KeyError("fields")
    library = Library(layers=list(data["layers"]))
    paths = data["paths"]
    phrases = library.phrases
    for row in data["phrases"]:
        row[_SOURCES] = [Source(*src) for src in row[_SOURCES]]
        row[_PATH] = paths[row[_PATH]]
        phrase = Phrase(*row)
        phrases[phrase.id] = phrase
    for item in data["outlines"]:
        outline = parse_outline(Path(item["path"]), item["outline"], item["outline"]["origin"])
        outline.path = item["path"]
        library.outlines[outline.name] = outline
    return library


def _write_cache(path: Path, key: str, library: Library) -> None:
    paths: dict[str, int] = {}
    phrases = []
    for phrase in library.phrases.values():
        row: list[Any] = [getattr(phrase, name) for name in _PHRASE_FIELDS]
        row[_SOURCES] = [[s.file, s.line, s.sentence] for s in phrase.sources]
        row[_PATH] = paths.setdefault(phrase.path, len(paths))
        phrases.append(row)
    outlines = [
        {"path": o.path, "outline": dict(o.as_dict(), nodes=[_node_data(n) for n in o.nodes])}
        for o in library.outlines.values()
    ]
    text = json.dumps(
        {
            "key": key,
            "layers": library.layers,
            "fields": _PHRASE_FIELDS,
            "paths": list(paths),
            "phrases": phrases,
            "outlines": outlines,
        },
        ensure_ascii=False,
    )
    from generator.base.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, force=True)
    except (OSError, OutputError):
        # A read-only home or a full disk only costs the next run its speed.
        pass
