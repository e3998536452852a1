"""The layer order of the library, once for loading and for the cache key: shipped mined, shipped manual, then the
writer's folders in the order given (the facts file's 词库, then --library), a later layer replacing an earlier id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.base.resources import template_path


@dataclass(frozen=True)
class Layer:
    """One folder (or single file) of library entries, and the origin its entries get when they name none."""

    folder: Path
    origin: str
    shipped: bool


def library_layers(user_folders: Iterable[str | Path] = ()) -> list[Layer]:
    """The layers in overlay order. A shipped layer may be missing (before the first `zongjie mine`); a writer's
    folder may not (load_library says so)."""
    return [
        Layer(template_path("library", "mined"), "mined", True),
        Layer(template_path("library", "manual"), "manual", True),
        *(Layer(Path(folder), "manual", False) for folder in user_folders),
    ]


def layer_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """A layer's phrase files and outline files (``outlines/*.yaml``); a single file is a phrase file."""
    if folder.is_file():
        return [folder], []
    outlines = folder / "outlines"
    return sorted(folder.glob("*.yaml")), sorted(outlines.glob("*.yaml")) if outlines.is_dir() else []
