"""Ctrl-C and SIGTERM: exit 130/143 with 「已中断」 and what was written; no temporary file, the old target whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from generator.base import interrupts
from generator.base.files import write_atomic

ROOT = Path(__file__).resolve().parent.parent
OLD = b"the writer's own edits, not to be lost"
FACTS_HEAD = """类型: 半年总结
单位: 青山县教育局
地区: 青山县
年度: 2025
半年: 上半年
成文日期: 2025-07-05
工作:
"""


def _big_facts() -> str:
    """A facts file large enough (hundreds of areas) that drafting it takes about a second."""
    areas = []
    for n in range(1, 250):
        measures = "".join(f"      - 实施第{n}批扩容提质工程之第{j}项举措,规范办园行为\n" for j in range(20))
        areas.append(
            f"  - 领域: 学前教育\n    举措:\n{measures}    数据:\n"
            f"      - 项目: 新建幼儿园{n}\n        数值: {n}\n        单位: 所\n        上年: {n + 1}\n"
        )
    return FACTS_HEAD + "".join(areas) + "计划:\n  - 领域: 义务教育\n    举措:\n      - 推进集团化办学\n"


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT), NO_COLOR="1")


def _start(argv: list[str], cwd: Path) -> subprocess.Popen[str]:
    """`zongjie ARGV…` as its own process, its output captured as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *argv],
        cwd=cwd,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _run_and_signal(argv: list[str], cwd: Path, signum: int, delay: float) -> subprocess.CompletedProcess[str]:
    process = _start(argv, cwd)
    _wait_until_caught(process.pid, signum)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def _wait_until_caught(pid: int, signum: int) -> None:
    """Until the program catches the signal (its first statements install the handler): before that, while
    Python itself starts, the system's default applies, which no program can change."""
    status = Path(f"/proc/{pid}/status")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            caught = next(line for line in status.read_text().splitlines() if line.startswith("SigCgt:"))
        except (OSError, StopIteration):
            return
        if int(caught.split()[1], 16) & (1 << (signum - 1)):
            return
        time.sleep(0.005)


def _timed(argv: list[str], cwd: Path) -> float:
    """How long a whole run takes from the moment its handler is in place (the clock the signals are sent by),
    the shorter of two runs: the first one also fills the caches, and a later run that is faster than the one
    timed would finish before a signal meant to land near its end."""
    best = float("inf")
    for _ in range(2):
        process = _start(argv, cwd)
        _wait_until_caught(process.pid, signal.SIGINT)
        started = time.monotonic()
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        best = min(best, time.monotonic() - started)
    return best


def _check_interrupted(result: subprocess.CompletedProcess[str], signum: int) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 128 + signum, (result.returncode, result.stderr)
    last = result.stderr.strip().splitlines()[-1]
    cause = "按下了 Ctrl-C" if signum == signal.SIGINT else "收到终止信号 SIGTERM"
    assert last.startswith(f"已中断({cause}):"), last


FRACTIONS = (0.3, 0.6, 0.9)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_generate_interrupted_at_several_points(tmp_path: Path, signum: int) -> None:
    (tmp_path / "大.yaml").write_text(_big_facts(), encoding="utf-8")
    duration = _timed(["generate", "大.yaml", "-o", "完整.docx", "--force"], tmp_path)
    whole = "\n".join(p.text for p in docx.Document(str(tmp_path / "完整.docx")).paragraphs)
    interrupted = 0
    for attempt, fraction in enumerate(FRACTIONS):
        folder = tmp_path / f"第{attempt}次"
        folder.mkdir()
        (folder / "草稿.docx").write_bytes(OLD)
        argv = ["generate", str(tmp_path / "大.yaml"), "-o", "草稿.docx", "--force"]
        result = _run_and_signal(argv, folder, signum, duration * fraction)
        assert sorted(p.name for p in folder.iterdir()) == ["草稿.docx"], "no temporary file is left behind"
        target = (folder / "草稿.docx").read_bytes()
        if result.returncode == 0:
            continue  # finished before the signal: the new draft, whole
        _check_interrupted(result, signum)
        interrupted += 1
        last = result.stderr.strip().splitlines()[-1]
        if "已完整写出" in last:
            assert "草稿.docx" in last
            text = "\n".join(p.text for p in docx.Document(str(folder / "草稿.docx")).paragraphs)
            assert text == whole
        else:
            assert last.endswith("没有写出任何文件,原有的文件未被改动"), last
            assert target == OLD
    assert interrupted >= 2, f"只有 {interrupted} 次在结束前收到信号(完整运行 {duration:.2f} 秒)"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_mine_interrupted_at_several_points(tmp_path: Path, signum: int) -> None:
    corpus = tmp_path / "材料"
    corpus.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    duration = _timed(["mine", "材料", "-o", "完整词库"], tmp_path)
    interrupted = 0
    for attempt, fraction in enumerate(FRACTIONS[:2]):
        out = tmp_path / f"词库{attempt}"
        out.mkdir()
        old = out / "phrases.yaml"
        old.write_text("origin: mined\nphrases: []\n# the previous library\n", encoding="utf-8")
        result = _run_and_signal(["mine", "材料", "-o", out.name], tmp_path, signum, duration * fraction)
        leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
        assert leftovers == []
        if result.returncode == 0:
            continue
        _check_interrupted(result, signum)
        interrupted += 1
        last = result.stderr.strip().splitlines()[-1]
        if "已完整写出" in last:
            # The library is written whole or not at all: the writing holds the signal until it is done.
            assert (out / "outlines").is_dir() and "# the previous library" not in old.read_text("utf-8")
        else:
            assert old.read_text("utf-8").endswith("# the previous library\n")
            assert not (out / "outlines").exists()
    assert interrupted >= 1, f"只有 {interrupted} 次在结束前收到信号(完整运行 {duration:.2f} 秒)"


# ---------------------------------------------------------------- the deferral, deterministically


def test_a_signal_during_the_write_waits_until_the_file_is_in_place(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "草稿.txt"
    target.write_bytes(OLD)
    real_fsync = os.fsync

    def fsync_then_signal(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the temporary file exists

    monkeypatch.setattr(os, "fsync", fsync_then_signal)
    with interrupts.handlers(), pytest.raises(interrupts.Interrupted) as caught:
        write_atomic(target, "新的草稿\n", force=True)
    assert caught.value.exit_code == 143
    assert target.read_text("utf-8") == "新的草稿\n"
    assert [p.name for p in tmp_path.iterdir()] == ["草稿.txt"]
    assert interrupts.interrupted_message(caught.value) == f"已中断(收到终止信号 SIGTERM):已完整写出 {target};其余没有写出"


def test_a_signal_during_a_failing_write_removes_the_temporary_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "草稿.txt"
    target.write_bytes(OLD)

    def full_disk(fd: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with interrupts.handlers(), pytest.raises(interrupts.Interrupted) as caught:
        write_atomic(target, "新的草稿\n", force=True)
    assert caught.value.exit_code == 130
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["草稿.txt"]
    assert interrupts.interrupted_message(caught.value) == "已中断(按下了 Ctrl-C):没有写出任何文件,原有的文件未被改动"


def test_handlers_are_restored_after_the_run() -> None:
    before = signal.getsignal(signal.SIGINT)
    with interrupts.handlers():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before


def test_the_longest_legal_name_is_written(tmp_path: Path) -> None:
    # 254 bytes: legal, though the temporary file's name (dot, name, dot, 8 characters, .tmp) could not be.
    name = "长" * 83 + "x.txt"
    assert len(name.encode("utf-8")) == 254
    target = tmp_path / name
    write_atomic(target, "正文\n", force=False)
    assert target.read_text("utf-8") == "正文\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]
