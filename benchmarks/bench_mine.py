"""Benchmark: `zongjie mine` against a process that only runs jieba.lcut on the same text, on one core and on two.

Run: python benchmarks/bench_mine.py [--corpus both|shipped|synthetic] [--mb 2] [--runs 5] [--jobs 1,2]

Two corpora:
- shipped: seeds/ + corpus/, what `zongjie mine` with no corpus mines (the shipped library);
- synthetic: the five seeds replicated with their numbers and names varied (a fixed random seed) until the folder
  holds about --mb MB of UTF-8 text, written to a temporary folder as separate files, as a user's archive would be.

Both sides are timed as whole processes: start-up, imports, jieba's dictionary (each side from jieba's cache file),
reading the same files with generator.corpus.read. `zongjie mine -j 1` is the one-core figure, `-j 2` the two-core
one; the jieba.lcut process is one process either way. Mining reads jieba's dictionary cache faster than jieba does
(whole, then decoded) and imports jieba without pkg_resources; a second lcut process started the same way is timed
too and printed for reference (the ratio against it shows the lead that start-up alone does not give). After one warm-up of each, the runs are interleaved (lcut,
mine -j 1, mine -j 2, lcut, …) so that the load of a shared machine falls on all of them alike; the median of the
runs is reported, with the machine's load average before and after (uptime), and the median CPU time (user +
system) beside the wall clock (on a loaded machine the wall clock also waits for a free core). Both sides run with
bytecode, as installed packages do (PYTHONDONTWRITEBYTECODE is dropped for them, as in bench_generate).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["青山", "云溪", "江北", "白石", "清河", "松岭", "临川", "东湖", "北塘", "南屏"]
TARGET = 0.80  # the floor: mine's throughput on one core, as a share of jieba.lcut's

# The same files mine reads (corpus_files: .txt and .docx, folders walked, READMEs skipped), read the same way.
LCUT_ONLY = """
import logging, sys
from pathlib import Path
import jieba
from generator.corpus.read import corpus_files, read_document
jieba.setLogLevel(logging.WARNING)
chars = 0
for path in corpus_files([Path(p) for p in sys.argv[1:]]):
    text = read_document(path).text
    chars += len(text)
    jieba.lcut(text)
print(chars)
"""

# The same process with jieba's start-up done the way mining does it (its dictionary cache read whole, then decoded;
# no pkg_resources): not the baseline, printed beside it so that the ratio shows how much of mining's
# lead comes from start-up alone.
LCUT_FAST_START = LCUT_ONLY.replace(
    "import jieba\n", 'import marshal, os, tempfile\nsys.modules["pkg_resources"] = None\nimport jieba\n'
).replace(
    "chars = 0\n",
    'with open(os.path.join(tempfile.gettempdir(), "jieba.cache"), "rb") as handle:\n'
    "    jieba.dt.FREQ, jieba.dt.total = marshal.loads(handle.read())\n"
    "jieba.dt.initialized = True\nchars = 0\n",
)


def build_corpus(folder: Path, megabytes: float, rng: random.Random) -> None:
    """Write varied copies of the seeds until the folder holds about `megabytes` of UTF-8 text."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    target = int(megabytes * 1024 * 1024)
    size = copy = 0
    while size < target:
        for number, text in enumerate(seeds):
            place = rng.choice(PLACES)
            varied = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), text)
            varied = re.sub(r"(?<=[^全我本])([市区县])(?=教育)", lambda m, place=place: place + m.group(1), varied)
            path = folder / f"{copy:03d}_{number}.txt"
            path.write_text(varied, encoding="utf-8")
            size += len(varied.encode("utf-8"))
        copy += 1


def timed(command: list[str]) -> tuple[float, str, float]:
    """Wall-clock seconds, what the process printed, and its CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, env=_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, done.stdout, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env() -> dict[str, str]:
    # The checkout's generator package, whichever copy is installed.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    # An installed package has its bytecode compiled by pip, as jieba's is for both sides; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module of ours from source on every run instead (as the other
    # benchmarks, the warm-up run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def bench(name: str, paths: list[str], out: Path, runs: int, jobs: list[int]) -> None:
    lcut = [sys.executable, "-c", LCUT_ONLY, *paths]
    lcut_fast = [sys.executable, "-c", LCUT_FAST_START, *paths]
    mines = {j: [sys.executable, "-m", "generator", "mine", *paths, "-o", str(out), "-j", str(j)] for j in jobs}
    _, printed, _ = timed(lcut)  # warm-up: jieba's cache files, the OS file cache, our bytecode
    chars = int(printed.split()[-1])
    assert int(timed(lcut_fast)[1].split()[-1]) == chars
    for command in mines.values():
        timed(command)
    files = len(_files(paths))
    before = load()
    times: dict[str, list[float]] = {"lcut": [], "lcut_fast": []} | {f"-j {j}": [] for j in jobs}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    for _ in range(runs):
        for key, command in [("lcut", lcut), ("lcut_fast", lcut_fast), *((f"-j {j}", c) for j, c in mines.items())]:
            wall, _, used = timed(command)
            times[key].append(wall)
            cpu[key].append(used)
    after = load()
    lcut_s = statistics.median(times["lcut"])
    lcut_cpu = statistics.median(cpu["lcut"])
    print(f"\n== {name}:{files} 个文件,{chars} 字;各 {runs} 次交替运行取中位数;负载(uptime)前 {before} 后 {after}")
    print(
        f"只跑 jieba.lcut      : {lcut_s:6.2f} s  {chars / lcut_s:9.0f} 字/秒  (各次 {_list(times['lcut'])})"
        f"  CPU {lcut_cpu:.2f} s"
    )
    fast_s = statistics.median(times["lcut_fast"])
    print(f"只跑 jieba.lcut,词典整块读入(参考): {fast_s:6.2f} s  {chars / fast_s:9.0f} 字/秒  (各次 {_list(times['lcut_fast'])})")
    for j in jobs:
        mine_s = statistics.median(times[f"-j {j}"])
        mine_cpu = statistics.median(cpu[f"-j {j}"])
        ratio = lcut_s / mine_s
        verdict = f"(目标 ≥ {TARGET:.0%}:{'达到' if ratio >= TARGET else '未达到'})" if j == 1 else ""
        print(
            f"zongjie mine -j {j:<3d} : {mine_s:6.2f} s  {chars / mine_s:9.0f} 字/秒  "
            f"(各次 {_list(times[f'-j {j}'])})  吞吐量是 lcut 的 {ratio:.0%}{verdict};"
            f"是词典整块读入的 lcut 的 {fast_s / mine_s:.0%};CPU {mine_cpu:.2f} s(lcut 的 {lcut_cpu / mine_cpu:.0%})"
        )


def _files(paths: list[str]):
    sys.path.insert(0, str(ROOT))
    from generator.corpus.read import corpus_files

    return corpus_files([Path(p) for p in paths])


def _list(values: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("both", "shipped", "synthetic"), default="both")
    parser.add_argument("--mb", type=float, default=2.0, help="synthetic corpus size in MB of UTF-8 text")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each process (median is reported)")
    parser.add_argument("--jobs", default="1,2", help="mine's process counts to time, comma-separated")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    print(f"本机 {os.cpu_count()} 核;Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "library"
        if args.corpus in ("both", "shipped"):
            bench("seeds/ + corpus/", [str(ROOT / "seeds"), str(ROOT / "corpus")], out, args.runs, jobs)
        if args.corpus in ("both", "synthetic"):
            corpus = Path(temp) / "corpus"
            corpus.mkdir()
            build_corpus(corpus, args.mb, random.Random(20251124))
            bench(f"合成语料 {args.mb:g} MB", [str(corpus)], out, args.runs, jobs)


if __name__ == "__main__":
    main()
