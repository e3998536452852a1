"""Check drafts against the writing rules (generator/drafting/checks.py) and print what a reviewer would strike.

    python tools/check_drafts.py 事实.yaml [草稿.md]      # one saved draft, or (without 草稿) drafts of seeds 0-5
    python tools/check_drafts.py examples/*.yaml --seeds 10 --share

With --share, also prints each draft's length and the share of it that is the writer's own words.
Exit status 1 when anything was found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.api import draft_from_facts  # noqa: E402
from generator.drafting.checks import blocks_from_markdown, check_draft, writer_share  # noqa: E402
from generator.facts.load import load_facts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="事实文件(.yaml),可跟一份草稿(.md)")
    parser.add_argument("--seeds", type=int, default=6, help="不给草稿时检查的种子数")
    parser.add_argument("--decimals", type=int, default=1)
    parser.add_argument("--share", action="store_true", help="打印字数与作者原话的占比")
    args = parser.parse_args(argv)
    bad = 0
    pairs: list[tuple[Path, Path | None]] = []
    for name in args.files:
        path = Path(name)
        if path.suffix == ".md" and pairs:
            pairs[-1] = (pairs[-1][0], path)
        else:
            pairs.append((path, None))
    for facts_path, draft_path in pairs:
        facts = load_facts(facts_path)
        raw = facts_path.read_text(encoding="utf-8", errors="replace")
        if draft_path is not None:
            drafts = [("草稿", blocks_from_markdown(draft_path.read_text(encoding="utf-8")))]
        else:
            drafts = [(f"种子 {s}", draft_from_facts(facts, seed=s).blocks) for s in range(args.seeds)]
        for label, blocks in drafts:
            findings = check_draft(blocks, facts, decimals=args.decimals, raw=raw)
            bad += len(findings)
            line = f"{facts_path} {label}:{len(findings)} 处"
            if args.share:
                chars, own = writer_share(blocks, facts)
                line += f";{chars} 字,作者原话 {own:.0%}"
            print(line)
            for finding in findings:
                print(f"  · {finding}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
