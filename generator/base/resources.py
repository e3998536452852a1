"""Where the shipped data lives: templates/ beside the package in a checkout, inside it when installed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # generator/, not generator/base/


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """The shipped templates/ folder (outlines, phrases, cleaning rules, base .docx, profile)."""
    installed = _PACKAGE_DIR / "templates"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise RuntimeError(f"找不到随程序发布的 templates/ 数据目录(查找了 {installed} 和 {checkout}),请重新安装 zongjie")


def template_path(*parts: str) -> Path:
    """A file under the shipped templates/ folder."""
    return templates_dir().joinpath(*parts)


def corpus_dir() -> Path | None:
    """The corpus/ folder of a checkout (130 real reports), mined with seeds/ into the shipped library."""
    checkout = _PACKAGE_DIR.parent / "corpus"
    return checkout if checkout.is_dir() else None


def seeds_dir() -> Path | None:
    """The seeds/ folder of a checkout, when there is one (the default corpus for `zongjie mine`)."""
    checkout = _PACKAGE_DIR.parent / "seeds"
    return checkout if checkout.is_dir() else None
