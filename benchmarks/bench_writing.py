"""Speed of the writing: 100 drafts composed in one process (library loaded once), each example, as a whole
process; median of several processes. Aim: under 2 s for 100 drafts of the half-year example.

    python benchmarks/bench_writing.py                 # median of 5 processes per example
    python benchmarks/bench_writing.py --runs 9 --count 200
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# One process: load the facts, compose COUNT drafts (seeds 0…COUNT-1), print the seconds it took, library load
# included; the checker is not timed (it is a reviewer's tool, not part of generate).
_SCRIPT = """
import sys, time
start = time.perf_counter()
from generator.api import draft_from_facts
from generator.facts.load import load_facts
facts = load_facts(sys.argv[1])
for seed in range(int(sys.argv[2])):
    draft_from_facts(facts, seed=seed)
print(time.perf_counter() - start)
"""


def seconds(example: Path, count: int, runs: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for _ in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(example), str(count)], check=True, capture_output=True, text=True, env=env
        )
        times.append(float(done.stdout.strip()))
    return statistics.median(times[1:])  # the first run warms the disk cache and the library cache


def main() -> None:
    parser = argparse.ArgumentParser(description="一个进程内起草 100 份的耗时(每个示例,多次取中位数)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    for example in EXAMPLES:
        print(f"{example.name}:起草 {args.count} 份 {seconds(example, args.count, args.runs):.2f} s(目标 < 2 s)")


if __name__ == "__main__":
    main()
