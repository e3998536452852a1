"""tools/library_stats.py: the stock counted by the issue's kinds adds up, and fragments are never a listed kind."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from library_stats import kind_of, main, stock  # noqa: E402


def test_kinds_add_up_and_fragments_are_not_listed(capsys):
    assert main(["--examples"]) == 0
    out = capsys.readouterr().out
    found = stock(ROOT / "templates" / "library" / "mined")
    total = int(re.search(r"支持度 >= 2\):(\d+) 条", out).group(1))
    per_kind = [int(n) for n in re.findall(r"^  [^ ].*?:(\d+)$", out, re.MULTILINE)]
    assert total == len(found) == sum(per_kind)
    listed = int(re.search(r"所列种类合计:(\d+) 条", out).group(1))
    assert listed == sum(1 for p in found if kind_of(p)[1])
    assert all(not kind_of(p)[1] for p in found if p.id.startswith("measure."))
    # The ranking lists only the kinds unless asked for all.
    ranking = out.split("(所列种类):")[1].split("人工词库")[0]
    assert "measure." not in ranking and ranking.count("\n") >= 10
