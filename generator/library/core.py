"""The phrase and outline library: overlay the layers under templates/library/ (and the user's) into one Library.

The records live in library_model, reading and validation in library_load, the template language in templating and
writing in library_dump; their public names are re-exported here so that callers import the library from one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from generator.base.files import missing_problem
from generator.errors import TemplateError
from generator.library.dump import dump_outline, dump_phrases, dump_yaml
from generator.library.layers import layer_files, library_layers
from generator.library.load import load_outline_file, load_phrase_file, parse_outline
from generator.library.model import (
    BODY_STYLES,
    CONTEXT_SLOTS,
    FACT_SLOTS,
    OUTLINE_ROLES,
    PHRASE_KINDS,
    SLOT_TYPES,
    Library,
    Outline,
    OutlineNode,
    Phrase,
    Source,
    phrase_id,
)
from generator.library.templating import (
    compile_template,
    is_plain_template,
    plain_slots,
    render_template,
    template_slots,
)

__all__ = [
    "BODY_STYLES",
    "CONTEXT_SLOTS",
    "FACT_SLOTS",
    "OUTLINE_ROLES",
    "PHRASE_KINDS",
    "SLOT_TYPES",
    "Library",
    "Outline",
    "OutlineNode",
    "Phrase",
    "Source",
    "compile_template",
    "dump_outline",
    "dump_phrases",
    "dump_yaml",
    "is_plain_template",
    "load_library",
    "load_outline_file",
    "load_phrase_file",
    "parse_outline",
    "phrase_id",
    "plain_slots",
    "render_template",
    "template_slots",
]


def _layer(folder: Path, default_origin: str, library: Library) -> None:
    if not folder.exists():
        problem = missing_problem(folder)
        raise TemplateError(
            "词库文件夹不存在" if problem is None else f"无法打开词库文件夹:{problem}",
            path=folder,
            hint="请检查 --library 给出的路径",
        )
    files, outline_files = layer_files(folder)
    for path in files:
        for phrase in load_phrase_file(path, default_origin):
            library.phrases[phrase.id] = phrase
    for path in outline_files:
        outline = load_outline_file(path, default_origin)
        library.outlines[outline.name] = outline
    library.layers.append(str(folder))


def load_library(extra: Iterable[str | Path] = ()) -> Library:
    """The shipped library (mined, then manual overlay) overlaid by the user's folders in the order given."""
    extra = tuple(str(p) for p in extra)
    return _load_library_cached(extra)


@lru_cache(maxsize=8)
def _load_library_cached(extra: tuple[str, ...]) -> Library:
    library = Library()
    for layer in library_layers(extra):
        # Before the first `zongjie mine` there is no mined layer; the reviewed manual layer still drafts.
        if layer.shipped and not layer.folder.exists():
            continue
        _layer(layer.folder, layer.origin, library)
    return library
