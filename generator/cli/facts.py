"""CLI commands of this group (filled in by the issue that owns it)."""

from __future__ import annotations

from generator.cli import app  # noqa: F401
