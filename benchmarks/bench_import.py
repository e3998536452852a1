"""Speed of `zongjie import` on a 10,000-character .docx, as a whole process (aim: under 1 s).

The report is made up: the test fixture's made-up 青山县 report (full-width, （一） headings) with its summary
areas repeated, renumbered and their figures varied until the text holds 10,000 characters, written as a Word
file with bold headings. The floor beside it is a process that only imports python-docx and reads that file.

    python benchmarks/bench_import.py              # median of 7 runs
    python benchmarks/bench_import.py --runs 15 --chars 20000
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "青山县2025年总结.txt"
CN = "一二三四五六七八九十"

FLOOR_SCRIPT = """
import sys
import docx
document = docx.Document(sys.argv[1])
print(sum(len(p.text) for p in document.paragraphs))
"""


def report_lines(chars: int) -> list[str]:
    """The fixture's lines with its summary areas repeated until the text holds ``chars`` characters."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("\uff08\u4e00\uff09"))
    end = next(i for i, line in enumerate(lines) if "存在的问题" in line)
    head, areas, tail = lines[:start], lines[start:end], lines[end:]
    body: list[str] = []
    round_ = 0
    while sum(len(line) for line in head + body + tail) < chars:
        for line in areas:
            if line.startswith("\uff08"):
                number = len([b for b in body if b.startswith("\uff08")])
                tens, ones = divmod(number + 1, 10)
                numeral = (
                    (CN[tens - 1] if tens > 1 else "")
                    + ("十" if tens else "")
                    + (CN[ones - 1] if ones else "")
                )
                line = re.sub(r"^\uff08[^\uff09]+\uff09", f"\uff08{numeral}\uff09", line)
            else:
                # vary the figures so that each round is its own text
                line = re.sub(r"\d{3,}(?![\d.%\uff05])", lambda m, k=round_: str(int(m.group(0)) + k), line)
            body.append(line)
        round_ += 1
    return head + body + tail


def write_docx(lines: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if re.match(r"^(?:[一二三四五六七八九十]+、|\uff08[一二三四五六七八九十]+\uff09)", line.strip()):
            run.bold = True
    document.save(str(path))


def median_seconds(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds (user + system) of the whole process.

    Both are told: on a machine shared with other work the wall clock waits for a free core, the CPU time does
    not; on an idle machine the two are close.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def once() -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    once()
    timings = [once() for _ in range(runs)]
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="zongjie import 读一份 1 万字 .docx 的整进程耗时(目标 < 1 秒)"
    )
    parser.add_argument("--runs", type=int, default=7, help="计时次数,取中位数(默认 7)")
    parser.add_argument("--chars", type=int, default=10000, help="材料的字数(默认 10000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zongjie-bench-") as folder:
        source = Path(folder) / "去年总结.docx"
        lines = report_lines(args.chars)
        write_docx(lines, source)
        out = Path(folder) / "今年事实.yaml"
        floor, floor_cpu = median_seconds([sys.executable, "-c", FLOOR_SCRIPT, str(source)], args.runs)
        argv = [sys.executable, "-m", "generator", "import", str(source), "-o", str(out), "--force"]
        seconds, cpu = median_seconds(argv, args.runs)
        if not out.is_file():
            raise RuntimeError("没有写出事实文件")
        figures = out.read_text(encoding="utf-8").count("上年:")
    print(f"材料:{sum(len(line) for line in lines)} 字,.docx,{figures} 条数据")
    print(f"floor(import python-docx + 读这份 .docx):{floor * 1000:.0f} ms,CPU {floor_cpu * 1000:.0f} ms")
    print(
        f"zongjie import 去年总结.docx -o 今年事实.yaml:{seconds * 1000:.0f} ms,CPU {cpu * 1000:.0f} ms(目标 < 1000 ms)"
    )
    print(f"比值:{seconds / floor:.2f}(CPU {cpu / floor_cpu:.2f});机器负载 {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
