"""Print, for each example draft, the library entries it used and the share that are mined patterns of support >= 2.

    python tools/mined_share.py                       # the five examples, seed 0
    python tools/mined_share.py --seeds 3             # seeds 0, 1, 2 of each
    python tools/mined_share.py examples/半年总结-青山县.yaml --detail   # and every manual entry used

The figures are exactly those of `zongjie generate --report` (generator/render/report.py counts them): one entry
is a distinct phrase pattern or outline heading a draft took from the library, manual and mined alike. The issue's
target is a share of at least 60 % in every example; the exit status is 1 when a draft falls below --target.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.api import report_from_facts  # noqa: E402
from generator.facts.load import load_facts  # noqa: E402
from generator.render.report import is_stock  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="事实文件(.yaml);不写则为 examples/ 下的全部示例")
    parser.add_argument("--seeds", type=int, default=1, help="每份事实文件起草几个种子(0、1、2…),默认 1")
    parser.add_argument("--target", type=float, default=0.6, help="达标的比例,默认 0.6")
    parser.add_argument("--detail", action="store_true", help="同时列出不是挖掘(支持≥2)的条目")
    parser.add_argument("--outline", help="用这个提纲起草(提纲名或文件);不写则按「类型」选取")
    args = parser.parse_args(argv)
    files = [Path(f) for f in args.files] or sorted((ROOT / "examples").glob("*.yaml"))
    below = 0
    print("示例\t种子\t提纲\t条目\t挖掘≥2\t人工\t自己的\t占比")
    for path in files:
        facts = load_facts(path)
        for seed in range(args.seeds):
            report = report_from_facts(facts, seed=seed, outline=args.outline)
            summary = report["summary"]
            share = summary["mined_support2_share"]
            below += share < args.target
            origins = summary["by_origin"]
            print(
                f"{path.stem}\t{seed}\t{report['outline']['name']}({report['outline']['origin']})\t"
                f"{summary['entries']}\t{summary['mined_support2']}\t{origins.get('manual', 0)}\t"
                f"{origins.get('user', 0)}\t{share:.0%}"
            )
            if args.detail:
                for entry in report["entries"]:
                    if not is_stock(entry):
                        print(f"    {entry['origin']}\t{entry['type']}\t{entry['kind']}\t{entry['id']}\t{entry['text']}")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
