"""`zongjie mine`'s closing table, when piped, is drawn without rich's renderables: the same characters."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console

from generator.cli.terminal import plain_table, rich_table

HEADERS = ["文件", "类型", "句子", "新句式", "并入已有", "过于具体", "杂质", "缺数", "过短或过长"]
RIGHT = [False, False] + [True] * 7


def _rich(title: str, rows: list[list[str]], sections: set[int], width: int) -> str:
    table = rich_table(title, HEADERS, RIGHT, rows, sections)
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(table)
    return console.file.getvalue()


def _rows(rng: random.Random, count: int) -> list[list[str]]:
    kinds = ["半年总结", "年度总结及计划", "事业发展报告", "年度总结", "跳过"]
    rows = []
    for _ in range(count):
        name = "".join(rng.choice("0123456789abcdef教育局总结_-.\uff08\uff09") for _n in range(rng.randint(3, 12))) + ".txt"
        kind = rng.choice(kinds)
        if kind == "跳过":
            rows.append([name, kind, *["-"] * 7])
        else:
            rows.append([name, kind, *(str(rng.randint(0, 10 ** rng.randint(1, 5))) for _ in range(7))])
    return rows


@pytest.mark.parametrize("seed", range(12))
def test_a_piped_table_has_the_characters_rich_prints(seed):
    rng = random.Random(seed)
    rows = _rows(rng, rng.randint(1, 40))
    sections = {len(rows) - 1} if seed % 2 else set()
    title = "挖掘结果(每份材料)" if seed % 3 else "结果"
    width = rng.choice([120, 150, 200])
    drawn = plain_table(title, HEADERS, RIGHT, rows, sections, width)
    assert drawn is not None
    assert drawn == _rich(title, rows, sections, width)


def test_a_table_rich_would_wrap_or_read_as_markup_is_left_to_rich():
    rows = [["很长的文件名" * 12 + ".txt", "年度总结", *["1"] * 7]]
    assert plain_table("挖掘结果", HEADERS, RIGHT, rows, set(), 120) is None
    assert plain_table("挖掘结果", HEADERS, RIGHT, rows, set(), 300) == _rich("挖掘结果", rows, set(), 300)
    for name in ("[bold]年度[/bold].txt", "总结:smile:.txt", "a\\b.txt"):
        assert plain_table("挖掘结果", HEADERS, RIGHT, [[name, "年度总结", *["1"] * 7]], set(), 120) is None
