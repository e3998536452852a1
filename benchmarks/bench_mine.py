"""Benchmark: `zongjie mine` on about 2 MB of reports against a process that only runs jieba.lcut on the same text.

Run: python benchmarks/bench_mine.py [--mb 2] [--runs 5]
The corpus is the five seeds replicated with their numbers and names varied (a fixed random seed), written to a
temporary folder as separate files, as a user's archive would be. Both sides are timed as whole processes (start-up,
jieba's dictionary, reading the files with generator.corpus.read), median of the runs after one warm-up each.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["青山", "云溪", "江北", "白石", "清河", "松岭", "临川", "东湖", "北塘", "南屏"]

LCUT_ONLY = """
import logging, sys
from pathlib import Path
import jieba
from generator.corpus.read import read_document
jieba.setLogLevel(logging.WARNING)
chars = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = read_document(path).text
    chars += len(text)
    jieba.lcut(text)
print(chars)
"""


def build_corpus(folder: Path, megabytes: float, rng: random.Random) -> int:
    """Write varied copies of the seeds until the folder holds about `megabytes` of UTF-8 text; return chars."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    target = int(megabytes * 1024 * 1024)
    size = chars = copy = 0
    while size < target:
        for number, text in enumerate(seeds):
            place = rng.choice(PLACES)
            varied = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), text)
            varied = re.sub(r"(?<=[^全我本])([市区县])(?=教育)", lambda m, place=place: place + m.group(1), varied)
            path = folder / f"{copy:03d}_{number}.txt"
            path.write_text(varied, encoding="utf-8")
            size += len(varied.encode("utf-8"))
            chars += len(varied)
        copy += 1
    return chars


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each process (median is reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        corpus, out = Path(temp) / "corpus", Path(temp) / "library"
        corpus.mkdir()
        chars = build_corpus(corpus, args.mb, random.Random(20251124))
        files = len(list(corpus.glob("*.txt")))
        mine = [sys.executable, "-m", "generator", "mine", str(corpus), "-o", str(out)]
        lcut = [sys.executable, "-c", LCUT_ONLY, str(corpus)]
        timed(mine), timed(lcut)  # warm-up: jieba's dictionary caches, the OS file cache
        mine_times, lcut_times = [], []
        for _ in range(args.runs):
            mine_times.append(timed(mine))
            lcut_times.append(timed(lcut))
        mine_s, lcut_s = statistics.median(mine_times), statistics.median(lcut_times)
        print(f"语料:{files} 个文件,{chars} 字({args.mb:g} MB),各 {args.runs} 次取中位数")
        print(
            f"zongjie mine     : {mine_s:6.2f} s  {chars / mine_s:10.0f} 字/秒  (各次 {', '.join(f'{t:.2f}' for t in mine_times)})"
        )
        print(
            f"只跑 jieba.lcut  : {lcut_s:6.2f} s  {chars / lcut_s:10.0f} 字/秒  (各次 {', '.join(f'{t:.2f}' for t in lcut_times)})"
        )
        print(f"mine 的吞吐量是 lcut 的 {100 * lcut_s / mine_s:.0f}%(目标 ≥ 60%)")


if __name__ == "__main__":
    main()
