"""The closing assembled from mined clauses by part (drafting/closing.py, templates/closing.yaml): each clause a
stock entry of support >= 2 in the draft's report, nothing the draft already said, the writer's own closing first."""

from __future__ import annotations

import pytest
from test_opening import HEAD
from test_opening import WORK as BASE

from generator.api import draft_from_facts
from generator.facts.load import parse_facts
from generator.library.cache import load_library

# The 不足 give the draft its problems paragraph, as the examples have one.
WORK = BASE + """\
问题:
  - 城区学位供给偏紧
"""
PLANS = """\
计划:
  - 领域: 学前教育
    举措: [新建公办幼儿园3所]
  - 领域: 校园安全
    举措: [抓好秋季开学安全检查]
"""
KINDS = ("年度总结", "半年总结", "年度总结及计划", "事业发展报告", "专项阶段总结")


def _draft(kind: str, seed: int = 0, extra: str = ""):
    half = "半年: 上半年\n" if kind == "半年总结" else ""
    campaign = "活动名称: 作风建设年活动\n阶段: 查摆整改阶段\n" if kind == "专项阶段总结" else ""
    plans = PLANS if kind in ("半年总结", "年度总结及计划", "专项阶段总结") else ""
    text = HEAD.format(kind=kind) + half + campaign + extra + WORK + plans
    return draft_from_facts(parse_facts(text, "测试.yaml"), seed=seed)


def _closing(draft):
    blocks = [b for b in draft.blocks if b.kind == "paragraph"]
    block = blocks[-1]
    index = draft.blocks.index(block)
    return block, [u.pattern_id for u in draft.patterns_used if u.block_index == index]


@pytest.mark.parametrize("kind", KINDS)
def test_each_clause_of_the_closing_is_mined_stock(kind):
    library = load_library()
    for seed in range(3):
        block, uses = _closing(_draft(kind, seed))
        phrases = [library.phrases[u] for u in uses]
        assert phrases, (kind, block.text)
        assert all(p.origin == "mined" and p.support >= 2 for p in phrases), [p.id for p in phrases]
        assert "closing.goal" in [p.family for p in phrases]
        assert "教育高质量发展" in block.text and block.text.endswith("\u3002"), block.text


def test_the_closing_says_nothing_the_draft_said_before():
    for kind in KINDS:
        for seed in range(4):
            draft = _draft(kind, seed)
            block, _ = _closing(draft)
            before = "".join(b.text for b in draft.blocks[: draft.blocks.index(block)] if b.kind != "title")
            for clause in block.text.rstrip("\u3002").split("\uff0c"):
                assert len(clause) < 6 or clause.removeprefix("我们将") not in before, (kind, clause)


def test_the_closing_by_kind():
    """A campaign's closing takes its occasion (以……为契机, with the writer's campaign); an annual summary says when
    and who (2025年,白沙县教育局将……); a half-year report ends on the whole year's tasks."""
    block, _ = _closing(_draft("专项阶段总结"))
    assert block.text.startswith("我们将以作风建设年活动为契机"), block.text
    block, _ = _closing(_draft("年度总结"))
    assert block.text.startswith("2025年\uff0c白沙县教育局将"), block.text
    block, _ = _closing(_draft("半年总结"))
    assert "确保圆满完成全年各项工作任务" in block.text, block.text


def test_the_writers_own_closing_wins():
    block, uses = _closing(_draft("年度总结", extra="结尾: 这是写作者自己的结尾。\n"))
    assert block.text == "这是写作者自己的结尾\u3002" and uses == []


def test_the_closing_does_not_echo_the_writers_own_words():
    """The writer's 总体思路 already says 推动全县教育事业高质量发展: the closing says no 教育高质量发展 again (it takes a
    whole reviewed closing when no goal clause is left)."""
    approach = "总体思路: 坚持以习近平新时代中国特色社会主义思想为指导,推动全县教育事业高质量发展\n"
    for seed in range(3):
        block, _ = _closing(_draft("年度总结及计划", seed, extra=approach))
        assert "高质量发展" not in block.text, block.text
        assert block.text.endswith("\u3002")
