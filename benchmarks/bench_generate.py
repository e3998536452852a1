"""Speed of drafting: `zongjie generate` on an example as a whole process against the python-docx floor, and
100 drafts composed in one process (the library is loaded once and cached).

    python benchmarks/bench_generate.py              # median of 11 runs each; ratio aim ≤ 1.35, 100 drafts aim < 2 s
    python benchmarks/bench_generate.py --runs 15 --example examples/年度总结及计划-云溪市.yaml
    python benchmarks/bench_generate.py --imports     # also: what the generate process imports, and the cost

Both wall-clock and CPU time (user + system of the child, from getrusage) are reported: on a machine shared with
other work the CPU-time ratio is the steadier figure. A third process, the floor that also imports Typer and
PyYAML, shows how much of the aim those two libraries alone take before any code of ours runs.

--imports runs the same command under `python -X importtime` and adds up each module's own import time by
what it belongs to (a third-party package, the standard library, a stage package of ours), median over the
runs. importtime's own bookkeeping makes every figure somewhat larger than in a plain run; the shares hold.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_floor import FLOOR_SCRIPT  # noqa: E402

DEFAULT_EXAMPLE = ROOT / "examples" / "半年总结-青山县.yaml"


# The floor plus the two libraries no `zongjie generate` can do without: Typer (the command line) and PyYAML (the
# facts file). What this process costs over the floor is spent before a line of ours runs.
DEPENDENCY_FLOOR_SCRIPT = "import typer, yaml\n" + FLOOR_SCRIPT


def interleaved_seconds(example: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of three processes run in turn: the floor, the floor with Typer and PyYAML
    imported, and `python -m generator generate EXAMPLE -o out.docx --force`.

    The three are run alternately, after one warm-up each, so that a machine busy with other work slows all
    alike and their ratios stay meaningful.
    """
    with tempfile.TemporaryDirectory(prefix="zongjie-bench-") as folder:
        floor_out = Path(folder) / "floor.docx"
        out = Path(folder) / "草稿.docx"
        argvs = {
            "floor": [sys.executable, "-c", FLOOR_SCRIPT, str(floor_out)],
            "deps": [sys.executable, "-c", DEPENDENCY_FLOOR_SCRIPT, str(floor_out)],
            "generate": [sys.executable, "-m", "generator", "generate", str(example), "-o", str(out), "--force"],
        }
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        # An installed package has its bytecode compiled by pip, as python-docx's is for the floor; a checkout
        # run with PYTHONDONTWRITEBYTECODE would recompile every module of ours on every run instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        def once(command: list[str]) -> tuple[float, float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

        for argv in argvs.values():
            once(argv)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
        for _ in range(runs):
            for name, argv in argvs.items():
                times[name].append(once(argv))
        if not out.is_file() or not floor_out.is_file():
            raise RuntimeError("没有写出 .docx")
        return {
            name: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
            for name, rows in times.items()
        }


def import_costs(example: Path, runs: int) -> list[tuple[str, float, int]]:
    """(group, median milliseconds of own import time, modules) for each group of modules `generate` imports."""
    with tempfile.TemporaryDirectory(prefix="zongjie-bench-") as folder:
        argv = [sys.executable, "-X", "importtime", "-m", "generator", "generate", str(example), "-o",
                str(Path(folder) / "草稿.docx"), "--force"]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(argv, check=True, capture_output=True, env=env)
        totals: dict[str, list[float]] = {}
        members: dict[str, set[str]] = {}
        for _ in range(runs):
            err = subprocess.run(argv, check=True, capture_output=True, env=env, text=True).stderr
            sums: dict[str, float] = {}
            for name, own, group in _attributed(err):
                sums[group] = sums.get(group, 0.0) + own
                members.setdefault(group, set()).add(name)
            for group, value in sums.items():
                totals.setdefault(group, []).append(value)
    rows = [(group, statistics.median(values), len(members[group])) for group, values in totals.items()]
    return sorted(rows, key=lambda row: -row[1])


def _attributed(importtime: str) -> list[tuple[str, float, str]]:
    """(module, own milliseconds, group) for each line of `-X importtime` output.

    A module of ours counts for its stage package (generator.facts.schema → generator.facts). A package our
    code imports counts under its name with everything it brings in, standard library and third-party
    alike (zipfile and lxml, imported by docx, are docx's cost). What Python loads before our code runs
    (site and the .pth files of the installation) is 「Python 启动」.
    """
    rows = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        micros, _, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(micros) / 1000, (len(name) - len(name.lstrip())) // 2))
    # importtime prints a module after everything it imported, indented one step deeper: read backwards, the
    # enclosing import is the nearest shallower line.
    result: list[tuple[str, float, str]] = []
    stack: list[tuple[int, str]] = []
    for name, own, depth in reversed(rows):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        outer = stack[-1][1] if stack else None
        top = name.split(".")[0]
        if top == "generator":
            group = ".".join(name.split(".")[:2])
        elif outer is not None and not outer.startswith("generator"):
            group = outer
        elif top in sys.stdlib_module_names or top.startswith("_") or top in ("encodings", "site"):
            group = "Python 启动" if outer is None else outer
        else:
            group = top
        stack.append((depth, group))
        result.append((name, own, group))
    return result


def hundred_drafts_seconds(example: Path, count: int = 100) -> float:
    """Seconds to compose ``count`` drafts (seeds 0…count-1) of one facts file in this process, library load included."""
    from generator.api import draft_from_facts
    from generator.facts.load import load_facts

    start = time.perf_counter()
    facts = load_facts(example)
    for seed in range(count):
        draft_from_facts(facts, seed=seed)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="zongjie generate 的整进程耗时与基线之比,以及一个进程内起草 100 份的耗时")
    parser.add_argument("--runs", type=int, default=11, help="计时次数,取中位数(默认 11,基线与起草交替运行)")
    parser.add_argument("--example", type=Path, default=DEFAULT_EXAMPLE, help="用哪个事实文件(默认半年总结示例)")
    parser.add_argument("--imports", action="store_true", help="另列出起草进程导入的模块及其耗时(python -X importtime)")
    args = parser.parse_args()
    measured = interleaved_seconds(args.example, args.runs)
    (floor, floor_cpu), (deps, deps_cpu), (gen, gen_cpu) = measured["floor"], measured["deps"], measured["generate"]
    hundred = hundred_drafts_seconds(args.example)
    print(f"floor(import python-docx + 60 段 + 保存):{floor * 1000:.0f} ms,CPU {floor_cpu * 1000:.0f} ms")
    print(
        f"floor 加上 import typer, yaml:{deps * 1000:.0f} ms,CPU {deps_cpu * 1000:.0f} ms"
        f"(比值 {deps / floor:.2f},CPU {deps_cpu / floor_cpu:.2f}:命令行和事实文件必需的两个库)"
    )
    print(f"zongjie generate {args.example.name} -o 草稿.docx:{gen * 1000:.0f} ms,CPU {gen_cpu * 1000:.0f} ms")
    print(f"比值:{gen / floor:.2f}(CPU 时间之比 {gen_cpu / floor_cpu:.2f};目标 ≤ 1.35)")
    print(f"一个进程内起草 100 份:{hundred:.2f} s(目标 < 2 s)")
    if args.imports:
        rows = import_costs(args.example, args.runs)
        print(f"导入(-X importtime,各模块自身耗时之和,{args.runs} 次中位数;共 {sum(r[1] for r in rows):.0f} ms):")
        for group, ms, count in rows:
            print(f"  {ms:6.1f} ms  {group}({count} 个模块)")


if __name__ == "__main__":
    main()
