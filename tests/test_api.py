"""The library API is the CLI's front door too: every advertised name works, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import generator

ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_resolves():
    for name in generator.__all__:
        assert callable(getattr(generator, name)), name


def test_readme_library_example_runs(tmp_path):
    """The README's Python example, run as written (paths adapted)."""
    from generator import draft_from_facts, load_facts, write_draft

    facts = load_facts(ROOT / "examples" / "半年总结-青山县.yaml")
    draft = draft_from_facts(facts, seed=1)
    out = write_draft(draft, tmp_path / "草稿.docx", force=True)
    assert out.exists() and out.stat().st_size > 0
    assert draft.placeholders == ["【待补充\uff1a教师培训\uff08人次\uff09】"]
    assert draft.title.startswith("青山县教育局2025年")


def test_import_and_drafting_do_not_load_the_miner():
    code = (
        "import sys, generator\n"
        "from generator import draft_from_facts, load_facts\n"
        f"draft_from_facts(load_facts({str(ROOT / 'examples' / '半年总结-青山县.yaml')!r}))\n"
        "heavy = [m for m in ('jieba', 'opencc', 'generator.mining.miner', 'generator.corpus.clean', 'docx') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_public_names_survive_their_modules_being_imported():
    """A public function must not share its name with a submodule, or importing the module would shadow it."""
    import importlib

    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    for name in generator.__all__:
        assert callable(getattr(generator, name)), name
        assert not isinstance(getattr(generator, name), type(generator)), f"{name} is shadowed by a module"
