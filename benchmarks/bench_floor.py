"""The floor for `zongjie generate`: a whole Python process that imports python-docx and saves 60 paragraphs.

Whatever `zongjie generate` does beyond this (facts, composing, the GB/T 9704 styling) is its own cost; the
drafting benchmark compares against this figure (aim: at most 1.6 times the floor).

    python benchmarks/bench_floor.py          # prints the median of 7 runs
    python benchmarks/bench_floor.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# The same work a draft needs from python-docx, and nothing else: import, 60 paragraphs, save.
FLOOR_SCRIPT = """
import sys
import docx
document = docx.Document()
for index in range(60):
    document.add_paragraph(f"第{index + 1}段:全县教育系统坚持立德树人,推进义务教育优质均衡发展,办好人民满意的教育。")
document.save(sys.argv[1])
"""


def time_process(argv: Sequence[str], runs: int = 7, env: dict[str, str] | None = None) -> float:
    """Median wall-clock seconds of running ``argv`` as a fresh process ``runs`` times (after one warm-up run
    that fills the OS file cache). A failing run raises CalledProcessError with its output."""

    def once() -> float:
        start = time.perf_counter()
        subprocess.run(list(argv), check=True, capture_output=True, env=env)
        return time.perf_counter() - start

    once()
    return statistics.median(once() for _ in range(runs))


def floor_seconds(runs: int = 7) -> float:
    """Median seconds of the floor process: `python -c FLOOR_SCRIPT out.docx`."""
    with tempfile.TemporaryDirectory(prefix="zongjie-floor-") as folder:
        out = Path(folder) / "floor.docx"
        seconds = time_process(
            [sys.executable, "-c", FLOOR_SCRIPT, str(out)], runs=runs, env=dict(os.environ)
        )
        if not out.is_file() or out.stat().st_size == 0:
            raise RuntimeError("floor 进程没有写出 .docx")
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="python-docx 保存 60 段文档的整进程耗时(基线)")
    parser.add_argument("--runs", type=int, default=7, help="计时次数,取中位数(默认 7)")
    args = parser.parse_args()
    seconds = floor_seconds(args.runs)
    print(f"floor(import python-docx + 60 段 + 保存,{args.runs} 次中位数):{seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
