"""The floor plan of docs/ARCHITECTURE.md holds: one folder a stage, imports that run one way, no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

# The source tree of this checkout (the installed copy may live in site-packages).
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

# What each part of generator/ may import (besides itself, errors and the package's lazy front door).
# base <- taxonomy <- corpus <- mining -> library <- facts <- drafting <- render <- api <- cli, and web beside cli.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "base": set(),
    "taxonomy": {"base"},
    "corpus": {"base", "taxonomy"},
    "library": {"base", "taxonomy"},
    "mining": {"base", "taxonomy", "corpus", "library"},
    "facts": {"base", "taxonomy", "library"},
    "drafting": {"base", "taxonomy", "library", "facts"},
    "render": {"base", "taxonomy", "library", "facts", "drafting"},
    # importing reads a report's kind and outline by mining's rules (mining/outline.py); it never drafts.
    "importing": {"base", "taxonomy", "corpus", "mining", "library", "facts"},
    "api": {"base", "taxonomy", "corpus", "library", "facts", "drafting", "render", "importing"},
    "cli": {"base", "taxonomy", "corpus", "mining", "library", "facts", "drafting", "render", "importing",
            "api", "web"},
    "web": {"base", "taxonomy", "corpus", "library", "facts", "drafting", "render", "importing", "api"},
}
TOP_LEVEL_MODULES = {"__init__.py", "__main__.py", "api.py", "errors.py"}


def _part(module: str) -> str:
    """generator.corpus.read -> corpus; generator.api -> api."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def _imports() -> dict[str, set[str]]:
    """Every module of generator/ and the generator modules it imports (at any depth of the code)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue  # annotations only: no import at run time
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("generator."))
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.level:
                    base = module.split(".")[: -node.level + (1 if parts[-1] == "__init__" else 0) or None]
                    name = ".".join([*base, node.module])
                else:
                    name = node.module
                if name == "generator":
                    # The front door's own names (__version__) are no stage; its lazy names are.
                    targets.update(f"generator.{a.name}" for a in node.names if not a.name.startswith("__"))
                elif name.startswith("generator."):
                    targets.add(name)
        found[module] = targets
    return found


def test_only_stage_packages_beside_the_front_door() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in TOP_LEVEL_MODULES)
    assert loose == [], f"generator/ 下只应有阶段包和 {sorted(TOP_LEVEL_MODULES)}"
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"):
        if folder.name == "templates":
            continue
        assert folder.name in ALLOWED, f"{folder.name}/ 不在 ARCHITECTURE.md 的阶段表里"
        init = folder / "__init__.py"
        assert init.is_file(), f"{folder.name}/ 缺少 __init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "Entry" in doc, f"{folder.name}/__init__.py 的说明须写出本阶段的作用和入口(Entry: …)"


def test_imports_run_one_way() -> None:
    wrong = []
    for module, targets in _imports().items():
        source = _part(module)
        if source in ("", "__main__"):
            continue
        for target in targets:
            dest = _part(target)
            if dest in (source, "errors", "") or target == "generator":
                continue
            if dest not in ALLOWED.get(source, set()):
                wrong.append(f"{module} -> {target}")
    assert wrong == [], "逆向或越级的依赖:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle_between_modules() -> None:
    graph = {m: {t for t in ts if t != m} for m, ts in _imports().items()}
    # Resolve `from generator.x import name` where name is a submodule: the edge goes to the package, which is
    # enough for a cycle check at module granularity.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            assert cycle is None, "循环依赖:" + " -> ".join(cycle)


def test_generate_with_an_outline_file_parses_it_once(tmp_path, cli, monkeypatch) -> None:
    """`generate --outline FILE` reads and parses FILE once: the draft and the summary share one Outline."""
    from generator.library import load as library_load

    examples = ROOT / "examples"
    outline = tmp_path / "我的提纲.yaml"
    assert cli("outline", "copy", "half_year", str(outline))[0] == 0
    calls: list[str] = []
    real = library_load.parse_outline

    def counting(path, data, default_origin="mined"):
        calls.append(str(path))
        return real(path, data, default_origin)

    monkeypatch.setattr(library_load, "parse_outline", counting)
    code, out, err = cli(
        "generate", str(examples / "半年总结-青山县.yaml"), "-o", str(tmp_path / "草稿.md"), "--outline", str(outline)
    )
    assert code == 0, err
    assert calls.count(str(outline)) == 1, calls
    assert "提纲:half_year" in out


def test_no_yaml_is_read_when_the_stages_are_imported() -> None:
    """Importing any stage reads no data file: tables load on first use. (The CLI is the exception: its
    `--kind` help lists the kinds of templates/kinds.yaml, which every command reads anyway.)"""
    import subprocess
    import sys

    probe = (
        "import pathlib, importlib\n"
        "seen = []\n"
        "real = pathlib.Path.open\n"
        "def spy(self, *a, **k):\n"
        "    if self.suffix in ('.yaml', '.yml'):\n"
        "        seen.append(str(self))\n"
        "    return real(self, *a, **k)\n"
        "pathlib.Path.open = spy\n"
        "import generator\n"
        "root = pathlib.Path(generator.__file__).parent\n"
        "for path in sorted(root.rglob('*.py')):\n"
        "    parts = path.relative_to(root.parent).with_suffix('').parts\n"
        "    if parts[1] in ('cli', 'web', '__main__'):\n"
        "        continue\n"
        "    importlib.import_module('.'.join(parts[:-1] if parts[-1] == '__init__' else parts))\n"
        "print(seen)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout



def test_each_command_is_found_in_the_module_that_registers_it() -> None:
    """`zongjie NAME` imports only COMMAND_MODULES[NAME] (see cli/__init__): the table names every command and
    group at the module whose import registers it, and the whole CLI keeps the table's order."""
    import json
    import subprocess
    import sys

    probe = """
import json, sys
import generator.cli as cli
loaded = {}
for name, module in cli.COMMAND_MODULES.items():
    before = set(sys.modules)
    cli.load_commands([name, "--help"])
    loaded[name] = sorted(m for m in set(sys.modules) - before if m.startswith("generator.cli."))
app = cli.app
commands = {c.name: c.callback.__module__ for c in app.registered_commands}
groups = {g.name: g.typer_instance.registered_commands[0].callback.__module__ for g in app.registered_groups}
print(json.dumps([cli.COMMAND_MODULES, loaded, commands, groups]))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    table, loaded, commands, groups = json.loads(result.stdout)
    registered = {**commands, **groups}
    assert registered == {name: f"generator.cli.{module}" for name, module in table.items()}
    assert list(commands) == [n for n in table if n in commands]
    assert list(groups) == [n for n in table if n in groups]
    # Naming a command imports its module and no other command module.
    others = {f"generator.cli.{m}" for m in table.values()}
    for name, modules in loaded.items():
        assert set(modules) & others <= {f"generator.cli.{table[name]}"}
