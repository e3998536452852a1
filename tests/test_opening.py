"""The 导语 assembled from mined clauses by part (drafting/opening.py, templates/opening.yaml): each part a stock
clause of its own, the time by the kind of report, a verdict only where the facts support it, each clause one
entry of the draft's report."""

from __future__ import annotations

import textwrap

import pytest

from generator.api import draft_from_facts, report_from_facts
from generator.base.typography import fullwidth_punctuation as fw
from generator.facts.load import parse_facts
from generator.library.cache import load_library

HEAD = """\
类型: {kind}
单位: 白沙县教育局
地区: 白沙县
年度: 2024
上级: 县委、县政府
工作主线: 均衡、优质、特色
成文日期: 2024-07-08
"""
WORK = """\
工作:
  - 领域: 党建
    举措: [抓好理论学习]
  - 领域: 学前教育
    举措: [新建公办幼儿园]
"""
# Every target met: what allows an overall verdict (圆满完成各项工作任务).
MET = """\
工作:
  - 领域: 学前教育
    举措:
      - 内容: 新建公办幼儿园
        数据:
          - 项目: 新增学位
            数值: 1800
            单位: 个
            目标: 1600
            上年: 1200
          - 项目: 普惠性幼儿园覆盖率
            数值: 90%
            目标: 88%
            上年: 86%
    荣誉:
      - 名称: 全省学前教育先进县
        级别: 省级
  - 领域: 义务教育
    举措:
      - 内容: 推进集团化办学
        数据:
          - 项目: 教育集团
            数值: 6
            单位: 个
            上年: 4
"""
# One target missed: no claim that everything was done.
MISSED = MET.replace("数值: 1800", "数值: 1500")


def _facts(kind: str, body: str = WORK, extra: str = ""):
    half = "半年: 上半年\n" if kind == "半年总结" else ""
    return parse_facts(HEAD.format(kind=kind) + half + extra + textwrap.dedent(body), "测试.yaml")


def _opening(kind: str, body: str = WORK, seed: int = 0, extra: str = ""):
    draft = draft_from_facts(_facts(kind, body, extra), seed=seed)
    block = next(b for b in draft.blocks if b.kind == "paragraph")
    index = draft.blocks.index(block)
    uses = [u.pattern_id for u in draft.patterns_used if u.block_index == index]
    return block, uses


def _library():
    return load_library()


def test_mined_opening_clauses_carry_their_part_and_fragments_none():
    """Mining tags each stock clause of a 导语 by part (clauses.yaml opening_parts); a truncated clause, an outdated
    line and an address to a congress are no part and are never drafted."""
    library = _library()
    parts = {
        p.text: p.family for p in library.phrases.values() if p.origin == "mined" and p.kind == "opening"
    }
    assert parts["在{{ 上级 }}的{{ 措辞1 }}{{ 措辞2 }}下"] == "opening.leadership"
    assert parts["今年以来"] == "opening.time"
    assert parts["全面贯彻党的教育方针"] == "opening.line"
    assert parts["以科学发展观为统领"] == ""
    assert parts["在{{ 上级 }}的坚强领导和{{ 措辞1 }}{{ 措辞2 }}"] == ""
    assert parts["主任、各位副主任、各位{{ 措辞1 }}"] == ""
    for part in ("time", "leadership", "guidance", "line", "task", "verdict", "report"):
        stock = [p for p in library.family(f"opening.{part}") if p.origin == "mined" and p.support >= 2]
        assert stock, part


@pytest.mark.parametrize("seed", range(4))
def test_each_clause_of_the_opening_is_a_stock_entry_by_part(seed):
    block, uses = _opening("年度总结", seed=seed)
    library = _library()
    phrases = [library.phrases[u] for u in uses]
    families = [p.family for p in phrases]
    assert (
        families[0] == "opening.time"
        and "opening.leadership" in families
        and families[-1] == "opening.report"
    )
    # Every part comes from reports, the writer's theme too (紧扣“{{ 主线 }}”工作思路): mined, in two reports or more.
    for phrase in phrases:
        assert phrase.origin == "mined" and phrase.support >= 2, phrase.id
    text = block.text
    assert text.endswith("\uff1a") and "。现" in text
    assert "县委、县政府" in text and "“均衡、优质、特色”" in text
    # One subject: the writer's unit or a clause's own (全县教育系统 / 我局), never two.
    subjects = sum(s in text for s in ("白沙县教育局", "全县教育", "我局"))
    assert subjects == 1, text


@pytest.mark.parametrize(
    ("kind", "times"),
    [("半年总结", ("今年以来", "2024年以来")), ("年度总结", ("过去的一年", "一年来", "2024年"))],
)
def test_the_time_clause_fits_the_kind_of_report(kind, times):
    for seed in range(4):
        block, _ = _opening(kind, seed=seed)
        assert block.text.startswith(times), (kind, block.text)


def test_without_a_superior_the_opening_says_no_leadership_and_leaves_no_hole():
    facts = parse_facts(HEAD.format(kind="年度总结").replace("上级: 县委、县政府\n", "") + WORK, "测试.yaml")
    block = next(b for b in draft_from_facts(facts).blocks if b.kind == "paragraph")
    assert "领导下" not in block.text and "【" not in block.text


def test_a_leading_group_leads_correctly_not_firmly():
    """坚强领导 is said of a Party committee and a government; a 领导小组 (a campaign's) leads 正确, as the office head
    corrected 「在县委作风建设年活动领导小组的坚强领导下」. A committee above may still lead 坚强."""
    group = HEAD.format(kind="年度总结").replace("县委、县政府", "县委作风建设年活动领导小组")
    committee = HEAD.format(kind="年度总结")
    firm = set()
    for seed in range(8):
        for head, seen in ((group, "小组"), (committee, "县政府")):
            block = next(b for b in draft_from_facts(parse_facts(head + WORK, "测试.yaml"), seed=seed).blocks
                         if b.kind == "paragraph")
            assert seen in block.text
            if "坚强领导" in block.text:
                firm.add(seen)
    assert "小组" not in firm
    assert "县政府" in firm  # the rule is about who leads, not a ban on the word


def test_no_verdict_without_figures_that_support_it():
    for seed in range(6):
        block, uses = _opening("年度总结", seed=seed)
        families = [_library().phrases[u].family for u in uses]
        assert "opening.verdict" not in families
        assert not any(w in block.text for w in ("成效", "圆满完成", "新台阶")), block.text
        assert "opening.task" in families


def test_a_verdict_where_every_target_is_met_carries_its_reasons_for_the_reviewer():
    block, uses = _opening("年度总结", MET)
    families = [_library().phrases[u].family for u in uses]
    assert "opening.verdict" in families
    said = next(s for s in block.spans if s.comment)
    assert said.comment.startswith("这句评价的依据") and "新增学位" in said.comment
    assert any(w in said.text for w in ("成效", "圆满完成", "新台阶"))


def test_a_missed_target_allows_no_verdict():
    for seed in range(6):
        block, uses = _opening("年度总结", MISSED, seed=seed)
        assert "opening.verdict" not in [_library().phrases[u].family for u in uses]
        assert not any(w in block.text for w in ("成效", "圆满完成", "新台阶")), block.text


# Every target met, but one figure still to be filled in, or only one target: 各项工作任务 is not shown yet.
ONE_TARGET = MET.replace("            目标: 88%\n", "")
HOLE = MET + """\
          - 项目: 课后服务覆盖率
            单位: "%"
"""


def test_a_verdict_needs_two_targets_met_and_no_figure_left_to_fill_in():
    for body in (ONE_TARGET, HOLE):
        for seed in range(3):
            block, uses = _opening("年度总结", body, seed=seed)
            assert "opening.verdict" not in [_library().phrases[u].family for u in uses]
            assert not any(w in block.text for w in ("成效", "圆满完成", "新台阶")), block.text


def test_the_writers_own_opening_wins():
    block, uses = _opening("年度总结", extra="导语: 这是写作者自己的导语。\n")
    assert block.text == fw("这是写作者自己的导语。") and uses == []


def test_full_width_facts_give_the_same_opening():
    folded = (
        (HEAD.format(kind="年度总结") + WORK)
        .replace("县委、县政府", "县委,县政府")
        .replace("均衡、优质、特色", "均衡,优质(特色)")
    )
    full = folded.replace(",", "\uff0c").replace("(", "\uff08").replace(")", "\uff09")
    assert full != folded and "\uff08" in full
    a = next(b for b in draft_from_facts(parse_facts(folded, "a.yaml")).blocks if b.kind == "paragraph")
    b = next(b for b in draft_from_facts(parse_facts(full, "b.yaml")).blocks if b.kind == "paragraph")
    assert a.text == b.text


def test_the_report_counts_each_clause_as_a_mined_entry():
    facts = _facts("年度总结")
    report = report_from_facts(facts)
    opening = report["paragraphs"][1]
    ids = [e["id"] for e in opening["entries"]]
    assert len(ids) >= 5
    stock = [e for e in opening["entries"] if e["origin"] == "mined" and e["support"] >= 2]
    assert len(stock) >= 4 and all(e["sources"] for e in stock)
    # Each counted entry's words are in the paragraph: its rendering, choices drawn, is part of the text.
    for entry in stock:
        bare = entry["text"].split("{{")[0]
        assert fw(bare) in opening["text"], (entry["text"], opening["text"])


# ---------------------------------------------------------------- the turns to 不足 and to 打算


PLANS = """\
问题: [城区学位偏紧]
计划:
  - 领域: 党建
    举措: [抓好理论学习]
"""


def test_the_part_headings_that_turn_to_plans_and_problems_are_mined_across_reports():
    library = _library()
    (plan,) = [p for p in library.family("part.plan") if p.origin == "mined"]
    assert plan.kind == "transition" and plan.text == "{{ 下期 }}工作{{ 措辞1 }}"
    assert {"计划", "打算", "思路"} <= set(plan.choices["措辞1"]) and plan.support >= 5
    assert len({s.file for s in plan.sources}) >= plan.support
    (problems,) = [p for p in library.family("part.problems") if p.origin == "mined"]
    assert problems.text == "存在的{{ 措辞1 }}" and problems.support >= 2


@pytest.mark.parametrize(("kind", "heading"), [("半年总结", "下半年工作"), ("年度总结及计划", "2025年工作")])
def test_the_plan_part_is_headed_by_the_mined_turn_in_the_titles_word(kind, heading):
    for seed in range(4):
        draft = draft_from_facts(_facts(kind, WORK + PLANS), seed=seed)
        title = next(b.text for b in draft.blocks if b.kind == "title")
        heads = [b for b in draft.blocks if b.kind == "heading" and heading in b.text]
        (block,) = heads
        index = draft.blocks.index(block)
        uses = [u.pattern_id for u in draft.patterns_used if u.block_index == index]
        assert [_library().phrases[u].family for u in uses] == ["part.plan"]
        word = block.text[-2:]
        assert word in ("计划", "打算", "思路")
        said = [w for w in ("计划", "打算", "思路") if w in title]
        if said:
            assert word == said[-1], (title, block.text)


def test_the_summary_part_of_an_annual_report_with_plans_is_headed_as_reports_head_it():
    """一、2024年工作总结 (e002, e009, e017, e020…: the period, then 工作总结 / 完成情况 / 开展情况), in the title's word."""
    (work,) = [p for p in _library().family("part.work") if p.origin == "mined"]
    assert work.text == "{{ 本期 }}工作{{ 措辞1 }}" and work.support >= 5 and work.choices["措辞1"][0] == "总结"
    for seed in range(3):
        draft = draft_from_facts(_facts("年度总结及计划", WORK + PLANS), seed=seed)
        first = next(b for b in draft.blocks if b.kind == "heading")
        assert first.text == "一、2024年工作总结", first.text
        index = draft.blocks.index(first)
        assert [u.pattern_id for u in draft.patterns_used if u.block_index == index] == [work.id]


def test_a_writers_own_outline_keeps_its_own_plan_heading(tmp_path):
    from generator.library.core import parse_outline

    data = {
        "name": "mine",
        "title": "我的提纲",
        "kind": "半年总结",
        "nodes": [
            {"role": "opening"},
            {"role": "work", "level": 1, "marker": "一、"},
            {"role": "part", "heading": "下步安排", "children": [{"role": "plans", "level": 1, "marker": "一、"}]},
        ],
    }
    outline = parse_outline(tmp_path / "mine.yaml", data)
    outline.path = str(tmp_path / "mine.yaml")
    draft = draft_from_facts(_facts("半年总结", WORK + PLANS), outline=outline)
    assert "下步安排" in [b.text for b in draft.blocks if b.kind == "heading"]


def test_a_numbered_problems_part_without_words_takes_the_mined_heading(tmp_path):
    from generator.library.core import parse_outline

    data = {
        "name": "numbered",
        "title": "编号的不足",
        "kind": "年度总结",
        "nodes": [
            {"role": "opening"},
            {"role": "work", "level": 1, "marker": "一、"},
            {"role": "problems", "level": 1, "marker": "二、"},
        ],
    }
    outline = parse_outline(tmp_path / "numbered.yaml", data)
    outline.path = ""  # as a shipped one
    draft = draft_from_facts(_facts("年度总结", WORK + PLANS), outline=outline)
    heads = [b.text for b in draft.blocks if b.kind == "heading"]
    assert any(h in ("二、存在的问题", "二、存在的困难") for h in heads), heads


def test_library_stats_counts_the_turns_under_the_issues_names():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tools"))
    try:
        import library_stats
    finally:
        sys.path.remove(str(root / "tools"))
    kinds = {library_stats.kind_of(p)[0] for p in library_stats.stock(root / "templates" / "library" / "mined")}
    assert {"转入打算", "转入不足"} <= kinds


def _mined_family(family: str):
    return [p for p in _library().phrases.values() if p.origin == "mined" and p.family == family]


def test_frame_clauses_gathered_by_rule_carry_support_and_every_source():
    """clauses.yaml frame_clauses: wordings drain cannot join (紧扣“…”工作思路 / 聚焦“…”工作主题 / 按照“…”的工作主线)
    are one pattern whose fixed words stand in every source; the differing words are its choices."""
    (theme,) = _mined_family("opening.theme")
    assert theme.text == "{{ 措辞1 }}“{{ 主线 }}”工作{{ 措辞2 }}" and theme.support == 3
    assert {s.file[:3] for s in theme.sources} == {"000", "001", "003"}
    assert set(theme.choices["措辞2"]) == {"主线", "思路", "主题"}
    (turn,) = [p for p in _mined_family("opening.report") if "{{ 下期 }}" in p.text]
    assert turn.support == 4 and turn.scope == "通用"
    assert {s.file for s in turn.sources} == {"e002.txt", "e009.txt", "e069.txt", "o039.txt"}
    assert "计划" in turn.choices["措辞3"]
    goals = _mined_family("closing.goal")
    assert goals and all(g.support >= 2 for g in goals)
    (study,) = _mined_family("opening.study")
    assert study.support == 3 and {s.file for s in study.sources} == {"e004.txt", "e054.txt", "e090.txt"}
    (approach,) = _mined_family("plan.approach")
    assert approach.kind == "plan" and approach.text == "{{ 下期 }}全{{ 区划 }}教育工作的总体思路是"
    assert {s.file for s in approach.sources} == {"e044.txt", "e053.txt", "e061.txt"}
    (summary,) = [p for p in _mined_family("opening.report") if p.text == "现将{{ 本期 }}工作总结如下"]
    assert summary.scope == "通用" and {s.file for s in summary.sources} == {"e063.txt", "o038.txt"}
    # Said of progress, not drafted (no part): 各项工作稳步推进 (e010, e115; o019, o026, o039).
    (progress,) = [p for p in _library().phrases.values() if p.origin == "mined" and p.text == "各项工作{{ 措辞1 }}{{ 措辞2 }}"]
    assert progress.family == "" and progress.scope == "通用" and progress.support >= 3
    # A rule that only the control set matches, or a single report, gives no pattern: every one has two reports.
    for phrase in _library().phrases.values():
        if phrase.origin == "mined" and phrase.family.startswith(("opening.", "closing.", "plan.")):
            assert phrase.support >= 2 or not phrase.family, phrase.id


@pytest.mark.parametrize("seed", range(4))
def test_a_report_with_a_plan_part_names_it_in_the_opening_turn(seed):
    """A half-year report holds the next half's plan: its 导语 says so (现将上半年工作总结和下半年工作计划汇报如下, as e009),
    in the title's words; an annual summary without plans names no next period."""
    draft = draft_from_facts(_facts("半年总结"), seed=seed)
    block = next(b for b in draft.blocks if b.kind == "paragraph")
    assert "现将上半年工作" in block.text and "下半年工作计划汇报如下" in block.text, block.text
    block, _ = _opening("年度总结", seed=seed)
    assert "2025年" not in block.text and "下半年" not in block.text and "计划" not in block.text, block.text


def test_the_theme_clause_keeps_pairings_sources_wrote():
    """按照 goes with 主线 / 思路 in the sources, never with 主题; 的 with 协调, never 健康 (opening.yaml avoid)."""
    for kind in ("半年总结", "年度总结", "事业发展报告"):
        for seed in range(8):
            block, _ = _opening(kind, seed=seed)
            assert "“均衡、优质、特色”工作" in block.text
            assert "按照“均衡、优质、特色”工作主题" not in block.text, block.text
            assert "各级各类教育的健康发展" not in block.text, block.text  # 持续健康 (001), 的协调 (e058)


@pytest.mark.parametrize("seed", range(4))
def test_a_campaign_opening_names_no_calendar_period_and_no_whole_system(seed):
    """A campaign's stage is no year: its turn never says 现将2024年工作汇报如下; its task clause is 扎实开展……工作,
    not 推进各级各类教育……发展 (opening.yaml only)."""
    extra = "活动名称: 作风建设年活动\n阶段: 查摆整改阶段\n"
    block, _ = _opening("专项阶段总结", seed=seed, extra=extra)
    assert block.text.startswith("作风建设年活动开展以来"), block.text
    assert "2024年工作" not in block.text and "各级各类教育" not in block.text, block.text
    assert "扎实开展" in block.text, block.text
