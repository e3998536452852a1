"""Benchmark: clean and structure the five seeds, whole process (interpreter start included) and in process.

Run: python benchmarks/bench_corpus.py
Prints the median of 5 runs of each measure, in milliseconds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RUNS = 5

# One child process does what `zongjie corpus outline` does for every seed: read, clean, structure.
# It also reports its own time after interpreter start (imports, rule loading and OpenCC included).
CHILD = """
import sys, time
start = time.perf_counter()
from generator import structure_file
for path in sys.argv[1:]:
    document = structure_file(path)
    assert document.sections, path
print(time.perf_counter() - start)
"""


def whole_process() -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, SEEDS)], check=True, cwd=ROOT, capture_output=True, text=True
    )
    return time.perf_counter() - start, float(done.stdout.strip())


def in_process() -> float:
    from generator import structure_file

    start = time.perf_counter()
    for path in SEEDS:
        structure_file(path)
    return time.perf_counter() - start


def main() -> None:
    runs = [whole_process() for _ in range(RUNS)]
    whole = [w for w, _ in runs]
    first = [f for _, f in runs]
    sys.path.insert(0, str(ROOT))
    from generator import structure_file

    structure_file(SEEDS[0])  # the first call loads the rules and OpenCC, as any real run does once
    inside = [in_process() for _ in range(RUNS)]
    chars = sum(len(p.read_text(encoding="utf-8")) for p in SEEDS)
    print(f"清洗并结构化 {len(SEEDS)} 份种子材料(共 {chars} 字),{RUNS} 次取中位数:")
    print(f"  整个进程(含解释器启动与导入):{statistics.median(whole) * 1000:.0f} ms")
    print(f"  进程内,不含解释器启动(含导入、规则与 OpenCC 加载):{statistics.median(first) * 1000:.0f} ms")
    print(f"  进程内,规则已加载(纯清洗与结构化):{statistics.median(inside) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
