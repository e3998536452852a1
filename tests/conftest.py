"""Shared fixtures: the seed reports, and the --update-goldens switch for golden-text tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="用当前输出重写 tests/golden/ 下的期望文件(有意更新时才用,更新后请逐行核对 git diff)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five seed reports, in name order."""
    assert len(SEEDS) == 5, f"seeds/ should hold five reports, found {len(SEEDS)}"
    return SEEDS


@pytest.fixture
def golden(update_goldens: bool):
    """Compare text with a golden file under tests/golden/ (or rewrite it with --update-goldens)."""

    def check(relative: str, actual: str) -> None:
        path = GOLDEN / relative
        if update_goldens:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"缺少期望文件 {path};确认输出无误后用 --update-goldens 生成"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"与期望文件 {path} 不一致"

    return check


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """The library cache goes to a temporary folder: tests never write to the user's ~/.cache.

    Set in os.environ (not monkeypatch, which is per test) so that subprocesses of `python -m generator` inherit it.
    """
    import os

    old = os.environ.get("ZONGJIE_CACHE_DIR")
    os.environ["ZONGJIE_CACHE_DIR"] = str(tmp_path_factory.mktemp("zongjie-cache"))
    yield
    if old is None:
        os.environ.pop("ZONGJIE_CACHE_DIR", None)
    else:
        os.environ["ZONGJIE_CACHE_DIR"] = old


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `zongjie ARGS…` in this process: returns (exit code, stdout, stderr)."""
    from generator.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(list(args))
            code = 0
        except SystemExit as exit:
            code = int(exit.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
