"""Docs that cannot drift (after sqlite-utils' test_docs.py): the README's commands parse, every facts key is
documented, and the outline roles are the same in the registry, the composer and docs/library.md."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import typer.main

from generator.cli import app
from generator.drafting.compose import _Composer
from generator.facts.model import AREA_KEYS, FIGURE_KEYS, TOP_KEYS
from generator.library.model import OUTLINE_ROLES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    """Every `zongjie …` command in the README's code blocks and inline code, comments cut."""
    found = []
    for block in re.findall(r"```(?:bash|sh|console)?\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.split("  #")[0].strip()
                if part.startswith("zongjie "):
                    found.append(part)
    # Inline code that runs something (an argument or an option), not a bare name such as `zongjie mine`.
    found += [m for m in re.findall(r"`(zongjie [^`]+)`", README) if "…" not in m and (len(m.split()) > 2 or "--" in m)]
    return sorted(set(found))


def _parse(words: list[str]) -> None:
    """Parse words as click would, down to the leaf command, without running anything."""
    command: click.Command = typer.main.get_command(app)
    ctx = command.make_context("zongjie", list(words), resilient_parsing=False)
    while isinstance(command, click.Group):
        # click 8.2 keeps the subcommand name in _protected_args (its public name is deprecated).
        rest = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        if not rest:
            break
        name, sub, args = command.resolve_command(ctx, rest)
        assert sub is not None, f"没有子命令 {name}"
        ctx = sub.make_context(name, args, parent=ctx)
        command = sub


COMMANDS = _readme_commands()


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 15
    assert any(c.startswith("zongjie generate") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_command_parses(command: str) -> None:
    try:
        _parse(shlex.split(command)[1:])
    except click.exceptions.Exit as done:  # --help prints and stops: parsed
        assert done.exit_code == 0


def test_a_wrong_command_does_not_parse() -> None:
    """The parse above is a real check: an unknown option or subcommand fails it."""
    with pytest.raises(click.UsageError):
        _parse(["generate", "事实.yaml", "--no-such-option"])
    with pytest.raises(click.UsageError):
        _parse(["outline", "nosuch"])


def _documented_keys() -> set[str]:
    text = (ROOT / "docs" / "facts.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([^|\s]+) \|", text, flags=re.M))


@pytest.mark.parametrize("key", [*TOP_KEYS, *AREA_KEYS, *FIGURE_KEYS])
def test_every_facts_key_is_documented(key: str) -> None:
    assert key in _documented_keys(), f"docs/facts.md 的表格里没有「{key}」"


def test_roles_agree_in_registry_composer_and_docs() -> None:
    handlers = {name.removeprefix("_role_") for name in dir(_Composer) if name.startswith("_role_")}
    assert set(OUTLINE_ROLES) == handlers
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([a-z_]+) \| ", text, flags=re.M))
    assert set(OUTLINE_ROLES) <= documented, set(OUTLINE_ROLES) - documented
