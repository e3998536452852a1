"""The words of a draft (docs/writing.md), rule by rule, on made-up facts the examples do not hold.

Each rule is tested twice over: the composer keeps it on facts written for the test, and the checker
(drafting/checks.py) finds its breach in a draft written to break it, so that neither can pass by accident.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from generator.api import draft_from_facts
from generator.base.typography import fullwidth_punctuation as fw
from generator.drafting.checks import EVALUATION, RULES, check_draft
from generator.drafting.model import Block, Span
from generator.facts.load import parse_facts

HALF = """\
类型: 半年总结
单位: 白沙县教育局
地区: 白沙县
年度: 2024
半年: 上半年
上级: 县委、县政府
成文日期: 2024-07-08
"""
ANNUAL = """\
类型: 年度总结
单位: 石门区教育局
地区: 石门区
年度: 2024
成文日期: 2025-01-06
"""


def facts(body: str, head: str = HALF):
    return parse_facts(head + textwrap.dedent(body), "测试.yaml")


def draft(body: str, head: str = HALF, seed: int = 0, decimals: int = 1):
    return draft_from_facts(facts(body, head), seed=seed, decimals=decimals)


def sentences(text: str) -> list[str]:
    return [s for s in re.split("[。;；\n]", text) if s]


def findings(d, f, rule: str) -> list[str]:
    return [str(x) for x in check_draft(d.blocks, f) if x.rule == rule]


# ---------------------------------------------------------------- a measure with its figures is one sentence


MEASURES = """\
工作:
  - 领域: 党建
    举措:
      - 内容: 推进党组织领导的校长负责制
        数据:
          - 项目: 建成试点学校
            数值: 21
            单位: 所
          - 项目: 完成率
            数值: 87.5
            单位: "%"
      - 内容: 基层党组织完成换届
        数据:
          - 项目: 基层党组织换届
            数值: 5
            单位: 个
      - 内容: 组织党员干部开展专题学习研讨
        数据:
          - 项目: 专题学习研讨
            数值: 十八
            单位: 场次
"""


@pytest.mark.parametrize("seed", range(3))
def test_a_measure_that_carries_figures_is_one_sentence_holding_them(seed):
    d = draft(MEASURES, seed=seed)
    said = sentences(d.text)
    assert any(s.endswith(fw("推进党组织领导的校长负责制,建成试点学校21所,完成率达87.5%")) for s in said)
    # A figure that repeats its measure's words goes into the measure: never 基层党组织完成换届…基层党组织换届5个.
    assert any(s.endswith("5个基层党组织完成换届") for s in said)
    assert any(s.endswith("组织党员干部开展专题学习研讨18场次") for s in said)
    assert "换届5个" not in d.text and "达到18" not in d.text
    assert findings(d, facts(MEASURES), "repeated_measure_words") == []


def test_area_figures_join_the_one_measure_they_share_words_with_else_their_own_sentence():
    body = """\
    工作:
      - 领域: 学前教育
        举措:
          - 开展普惠性民办幼儿园认定和年检
          - 推进幼小科学衔接
        数据:
          - 项目: 普惠性幼儿园覆盖率
            数值: 91.2
            单位: "%"
          - 项目: 在园幼儿
            数值: 8340
            单位: 人
    """
    said = sentences(draft(body).text)
    assert any(
        s.startswith(fw("二是开展普惠性民办幼儿园认定和年检,普惠性幼儿园覆盖率达91.2%"))
        or s.startswith(fw("一是开展普惠性民办幼儿园认定和年检,普惠性幼儿园覆盖率达91.2%"))
        for s in said
    )
    assert fw("全县在园幼儿8340人") in said


# ---------------------------------------------------------------- numbers as writers write them


def test_approximate_values_keep_their_qualifier_and_get_no_computed_change():
    body = """\
    工作:
      - 领域: 办学条件
        举措:
          - 内容: 更新教学设备
            数据:
              - 项目: 新配计算机
                数值: 1800余
                单位: 台
                上年: 1500
              - 项目: 新增校园绿地
                数值: 近300
                单位: 亩
              - 项目: 惠及学生
                数值: 约1.2万
                单位: 人
          - 内容: 巩固义务教育成果
            数据:
              - 项目: 巩固率
                数值: 99%以上
    """
    text = draft(body).text
    for shown in ("新配计算机1800余台", "新增校园绿地近300亩", "惠及学生约1.2万人", "巩固率保持在99%以上"):
        assert fw(shown) in text
    assert "增加" not in text and "增长" not in text


@pytest.mark.parametrize(
    ("item", "unit", "said"),
    [
        ("辍学学生", "人", "实现零辍学"),
        ("小学辍学学生", "人", "小学实现零辍学"),
        ("重大安全责任事故", "起", "上半年未发生重大安全责任事故"),
        ("大班额", "个", "大班额全部消除"),
        ("有效投诉", "件", "上半年未发生有效投诉"),
        ("超标准收费", "起", "超标准收费实现清零"),
    ],
)
def test_a_zero_is_said_as_the_genre_says_it_never_达到0(item, unit, said):
    body = (
        f"工作:\n  - 领域: 安全稳定\n    数据:\n      - 项目: {item}\n        数值: 0\n        单位: {unit}\n"
    )
    d = draft(body)
    assert said in d.text
    assert not re.search(r"(?<![\d.])0(?![\d.])", d.text.replace("2024", "").replace("2025", ""))
    assert findings(d, facts(body), "zero") == []


@pytest.mark.parametrize(
    ("item", "value", "unit", "said"),
    [
        ("组织专题学习研讨", 18, "场次", "组织专题学习研讨18场次"),
        ("教师培训", 3200, "人次", "培训教师3200人次"),
        ("新教师招聘", 86, "人", "招聘新教师86人"),
        ("获评优秀个人", 5, "名", "获评优秀个人5名"),
        ("受助学生", 6120, "人次", "受助学生6120人次"),
        ("普惠性幼儿园覆盖率", 88.5, "'%'", "普惠性幼儿园覆盖率达88.5%"),
    ],
)
def test_the_verb_fits_what_the_figure_is(item, value, unit, said):
    body = f"工作:\n  - 领域: 党建\n    数据:\n      - 项目: {item}\n        数值: {value}\n        单位: {unit}\n"
    text = draft(body).text
    assert fw(said) in text
    assert not re.search(r"(达到|为)\d", text.replace("达88.5", ""))


# ---------------------------------------------------------------- change once, varied, one decimal


CHANGES = """\
工作:
  - 领域: 义务教育
    数据:
      - 项目: 新增学位
        数值: 2310
        单位: 个
        上年: 1960
      - 项目: 课后服务参与率
        数值: 96.4
        单位: "%"
        上年: 93.1
      - 项目: 集团化办学覆盖学校
        数值: 41
        单位: 所
        上年: 37
      - 项目: 义务教育巩固率
        数值: 98.83
        单位: "%"
        上年: 98.61
"""


@pytest.mark.parametrize("seed", range(4))
def test_a_change_is_said_once_with_its_label_never_twice_in_a_sentence(seed):
    d = draft(CHANGES, seed=seed)
    text = d.text
    # Amount or rate, not both: 增长17.9% for a large base, 增加4所 for a small count, points for a rate.
    assert re.search("(比上年|较上年|同比)增长17.9%", text) and "增加350个" not in text
    assert re.search("(比上年|较上年|同比)增加4所", text) and "增长10.8%" not in text
    assert re.search(r"(比上年|较上年|同比)提高3\.3个百分点", text)
    for sentence in sentences(text):
        assert all(sentence.count(label) <= 1 for label in ("比上年", "较上年", "同比")), sentence
    assert findings(d, facts(CHANGES), "compare_twice") == []


@pytest.mark.parametrize(("decimals", "shown"), [(0, "增长18%"), (1, "增长17.9%"), (2, "增长17.86%")])
def test_computed_percentages_have_the_places_the_profile_asks_and_writers_numbers_stay(decimals, shown):
    d = draft(CHANGES, decimals=decimals)
    assert shown in d.text
    assert "98.83%" in d.text  # the writer's own value, two places, kept as written
    assert findings(d, facts(CHANGES), "decimals") == []
    if decimals < 2:
        # The checker strikes a third place the profile did not ask for.
        worse = [
            Block(
                b.kind,
                [Span(s.text.replace(shown, "增长17.857%"), s.placeholder) for s in b.spans],
                b.level,
                b.marker,
            )
            for b in d.blocks
        ]
        assert findings(type(d)(blocks=worse), facts(CHANGES), "decimals")


def test_the_profile_key_reaches_the_draft(tmp_path):
    from generator.api import generate

    facts_path = tmp_path / "事实.yaml"
    facts_path.write_text(HALF + CHANGES, encoding="utf-8")
    profile = tmp_path / "格式.yaml"
    profile.write_text("text:\n  percent_decimals: 2\n", encoding="utf-8")
    result = generate(facts_path, tmp_path / "草稿.md", profile=profile)
    assert "增长17.86%" in (tmp_path / "草稿.md").read_text(encoding="utf-8")
    assert result.characters > 0


# ---------------------------------------------------------------- honours


HONOURS = """\
荣誉:
  - 名称: 全国急救教育试点学校
    获得者: 白沙县实验小学
  - 名称: 全省教育宣传工作先进单位
    获得者: 白沙县教育局
  - 名称: 全省文明校园
    获得者: 白沙县第二中学
  - 名称: 市级优秀教师
    获得者: 教师
    数量: 6名
  - 白沙县第三小学获评全市书香校园
工作:
  - 领域: 党建
    举措: [开展主题党日活动]
"""


def test_honours_say_who_won_them_counted_by_level_and_quoted_per_gbt15834():
    d = draft(HONOURS)
    text = d.text
    assert (
        fw("全县教育系统共获国家级荣誉1项、省级荣誉2项、市级荣誉2项:") in text
        or fw("上半年共获国家级荣誉1项") in text
    )
    assert "白沙县实验小学获评“全国急救教育试点学校”" in text
    assert "白沙县教育局被评为“全省教育宣传工作先进单位”" in text
    assert "6名教师获评“市级优秀教师”" in text
    assert "白沙县第三小学获评“全市书香校园”" in text
    assert "”、“" not in text and not re.search("“[^”]*获评", text)
    assert findings(d, facts(HONOURS), "honour_quotes") == []


def test_honours_are_said_from_the_highest_level_down_as_their_tally_is():
    """The tally reads 国家级…、省级…、市级…: the honours after its colon follow the same order, whatever order the
    writer listed them in (a 全省 title before the 全国 one read as a slip to the office head); within a level the
    writer's order stays."""
    text = draft("""\
    荣誉:
      - 名称: 全市书香校园
        获得者: 白沙县第三小学
      - 名称: 全省教育宣传工作先进单位
        获得者: 白沙县教育局
      - 名称: 全国急救教育试点学校
        获得者: 白沙县实验小学
      - 名称: 全省文明校园
        获得者: 白沙县第二中学
    工作:
      - 领域: 党建
        举措: [开展主题党日活动]
    """).text
    order = [text.index(title) for title in ("全国急救", "全省教育宣传", "全省文明", "全市书香")]
    assert order == sorted(order), text


def test_an_honour_without_a_winner_is_never_credited_to_the_bureau_when_it_names_a_region():
    """docs/facts.md: top-level honours are the system's. A title given to a region (……示范区, ……先行创建市) is the
    region's: the draft says 白沙县获评 or 全县教育系统, never that the bureau was named a 县."""
    one = draft("""\
    荣誉:
      - 名称: 全省义务教育优质均衡发展县
        级别: 省级
    工作:
      - 领域: 党建
        举措: [开展主题党日活动]
    """).text
    assert "白沙县获评“全省义务教育优质均衡发展县”" in one and "教育局被评为“全省义务" not in one
    several = draft("""\
    荣誉:
      - 名称: 全国青少年校园足球特色县
        级别: 国家级
      - 名称: 全省教育宣传工作先进单位
        级别: 省级
    工作:
      - 领域: 党建
        举措: [开展主题党日活动]
    """).text
    # After a 导语 whose subject is 全县教育系统 already, the tally says when instead of who (上半年先后获得).
    assert any(fw(f"{who}先后获得国家级、省级荣誉各1项:") in several for who in ("全县教育系统", "上半年"))
    assert "白沙县教育局先后获得" not in several


def test_an_honour_of_a_school_is_not_credited_to_a_topic():
    body = """\
    工作:
      - 领域: 普通高中
        举措: [推进选课走班]
        荣誉:
          - 柳河县实验小学获评全国急救教育试点学校
    """
    text = draft(body).text
    assert "柳河县实验小学获评“全国急救教育试点学校”" in text
    assert "普通高中工作荣获" not in text and "荣获“柳河县" not in text


# ---------------------------------------------------------------- headings


def test_no_level_has_a_single_heading():
    body = """\
    工作:
      - 领域: 学前教育
        举措: [扩大普惠资源]
      - 领域: 教师队伍
        举措: [开展师德专题教育]
    计划:
      - 领域: 安全稳定
        举措: [抓好秋季开学安全检查]
    """
    for seed in range(3):
        d = draft(body, seed=seed)
        assert findings(d, facts(body), "single_child") == []
        assert "一是" not in d.text or "二是" in d.text


def test_two_areas_on_one_topic_make_one_section_and_sibling_headings_never_share_a_topic():
    body = """\
    工作:
      - 领域: 学前教育
        举措: [扩大普惠资源]
      - 领域: 义务教育
        举措: [推进集团化办学]
      - 领域: 学前
        举措: [规范办园行为]
    """
    d = draft(body)
    assert findings(d, facts(body), "duplicate_topic") == []
    assert fw("扩大普惠资源;二是规范办园行为") in d.text or fw("扩大普惠资源。二是规范办园行为") in d.text


@pytest.mark.parametrize(
    ("topic", "bad"), [("经费保障", "经费保障保障有力"), ("办学条件", "办学条件有力有序")]
)
def test_level_two_headings_collocate_with_their_topic(topic, bad):
    body = f"""\
    工作:
      - 领域: {topic}
        举措: [落实投入]
      - 领域: 学生资助
        举措: [落实资助政策]
    """
    for seed in range(8):
        heads = [
            b.text
            for b in draft(body, head=HALF.replace("半年: 上半年\n", "半年: 上半年\n"), seed=seed).blocks
            if b.kind == "heading"
        ]
        assert not any(bad in h for h in heads)
        assert not any(re.search(r"(.{2})\1", h) for h in heads), heads


def test_an_own_topic_is_drafted_with_its_own_name():
    body = "工作:\n  - 领域: 研学实践\n    举措: [开发研学课程, 组织研学活动]\n  - 领域: 党建\n    举措: [抓好理论学习]\n"
    f = facts(body)
    assert any("自定义领域" in w for w in f.warnings)
    d = draft_from_facts(f)
    assert any("研学实践" in b.text for b in d.blocks if b.kind in ("heading", "paragraph"))
    assert any("自定义领域" in w for w in d.warnings)


# ---------------------------------------------------------------- evaluation only where the data supports it


def _evaluated(text: str) -> list[str]:
    return [e for e in EVALUATION if e in text]


def test_no_evaluation_without_a_rise_a_met_target_or_an_honour():
    body = """\
    工作:
      - 领域: 学前教育
        举措: [扩大普惠资源, 规范办园行为]
      - 领域: 义务教育
        举措: [推进集团化办学]
        数据:
          - 项目: 组建教育集团
            数值: 5
            单位: 个
    """
    for seed in range(6):
        d = draft(body, seed=seed)
        body_text = "\n".join(b.text for b in d.blocks if b.kind == "paragraph")[60:]
        assert (
            _evaluated(
                body_text.split("回顾")[0].split("成绩来之不易")[0].split("在肯定")[0].split("在总结")[0]
            )
            == []
        )
        assert "上级肯定" not in d.text


def test_a_rise_or_an_honour_from_above_brings_an_evaluation_that_says_so():
    rise = "工作:\n  - 领域: 学前教育\n    数据:\n      - 项目: 新建幼儿园\n        数值: 9\n        单位: 所\n        上年: 6\n"
    assert _evaluated(draft(rise).text)
    honour = "工作:\n  - 领域: 学前教育\n    举措: [规范办园]\n    荣誉:\n      - 全省学前教育示范县\n"
    assert re.search("上级(部门)?(充分)?(肯定|认可)", draft(honour).text)
    # A county bureau's county-level honour is no honour from above.
    local = "工作:\n  - 领域: 学前教育\n    举措: [规范办园]\n    荣誉:\n      - 名称: 全县学前教育先进集体\n        级别: 县级\n"
    assert "上级" not in draft(local).text


def test_a_figure_held_level_beside_a_rise_brings_no_rise_close():
    """学位增长24.6% beside 巩固率达99.2%,与上年持平 is mixed evidence: the office head struck the
    「义务教育办学水平进一步提升」 that followed. Without the flat figure the rise alone still closes the section."""
    rise = """\
    工作:
      - 领域: 义务教育
        举措: [实施义务教育学校扩容工程]
        数据:
          - 项目: 新增义务教育学位
            数值: 4860
            单位: 个
            上年: 3900
    """
    flat = rise.rstrip(" ") + """\
          - 项目: 义务教育巩固率
            数值: 99.2
            单位: '%'
            上年: 99.2
    """
    closed = 0
    for seed in range(6):
        rise_para = next(b.text for b in draft(rise, seed=seed).blocks if "4860" in b.text)
        closed += bool(_evaluated(rise_para.split("4860", 1)[1].split("。", 1)[1]))
        para = next(b.text for b in draft(flat, seed=seed).blocks if "与上年持平" in b.text)
        assert not _evaluated(para.split("与上年持平", 1)[1]), para
    assert closed  # the rise alone is closed on at some seed: the rule is about the flat figure


def test_a_fall_is_told_plainly_and_not_praised():
    body = "工作:\n  - 领域: 体育\n    数据:\n      - 项目: 体质健康达标率\n        数值: 90.1\n        单位: '%'\n        上年: 92.4\n"
    d = draft(body)
    assert re.search(r"体质健康达标率90\.1%，(比上年|较上年|同比)下降2\.3个百分点", d.text)
    assert findings(d, facts(body), "unsupported_evaluation") == []
    assert not _evaluated(d.text.split("。", 2)[-1].split("回顾")[0])


# ---------------------------------------------------------------- lists and variation


def test_a_chain_has_at_most_five_items():
    measures = ", ".join(f"第{n}项举措的内容写在这里" for n in "甲乙丙丁戊己庚")
    d = draft(f"工作:\n  - 领域: 党建\n    举措: [{measures}]\n")
    assert "六是" not in d.text and "一是" not in d.text
    assert findings(d, facts(f"工作:\n  - 领域: 党建\n    举措: [{measures}]\n"), "long_chain") == []


def test_one_list_convention_per_chain():
    short = draft("工作:\n  - 领域: 党建\n    举措: [学习党章, 开展党课]\n").text
    assert fw("一是学习党章;二是开展党课。") in short
    long_items = [
        "推进党组织领导的校长负责制，完善议事决策规则和运行机制，健全学校党组织会议制度",
        "开展党课",
    ]
    text = draft(f"工作:\n  - 领域: 党建\n    举措: [{', '.join(long_items)}]\n").text
    assert fw("运行机制，健全学校党组织会议制度。二是开展党课。") in text


VARIED = """\
工作:
  - 领域: 学前教育
    举措: [扩大普惠资源, 规范办园行为]
  - 领域: 义务教育
    举措: [推进集团化办学, 落实课后服务]
  - 领域: 学生资助
    举措: [落实资助政策]
  - 领域: 教师队伍
    举措: [开展师德专题教育]
  - 领域: 办学条件
    举措: [推进校舍改造]
  - 领域: 安全稳定
    举措: [开展隐患排查]
问题: [学位偏紧]
计划:
  - 领域: 学前教育
    举措: [扩大普惠资源]
  - 领域: 安全稳定
    举措: [抓好开学安全检查]
"""


@pytest.mark.parametrize("seed", range(8))
def test_no_stock_phrase_twice_in_a_section_and_nothing_the_checker_strikes(seed):
    f = facts(VARIED)
    d = draft_from_facts(f, seed=seed)
    assert [str(x) for x in check_draft(d.blocks, f)] == []


def test_old_format_facts_still_draft_cleanly():
    body = """\
    荣誉:
      - 全省教育工作先进县
    工作:
      - 领域: 学前教育
        举措:
          - 新建、改扩建一批公办幼儿园
        数据:
          - 项目: 新建幼儿园
            数值: 6
            单位: 所
            上年: 4
        荣誉:
          - 省级示范幼儿园
    """
    f = facts(body, ANNUAL)
    for seed in range(4):
        d = draft_from_facts(f, seed=seed)
        assert [str(x) for x in check_draft(d.blocks, f)] == []
        assert fw("新建、改扩建一批公办幼儿园,其中新建幼儿园6所") in d.text


# ---------------------------------------------------------------- the checker catches each breach


def _blocks(*items: tuple[str, int, str, str]) -> list[Block]:
    return [Block(kind, [Span(text)], level=level, marker=marker) for kind, level, marker, text in items]  # type: ignore[arg-type]


BAD = {
    "invented_number": [
        ("heading", 1, "一、", "学前教育普惠发展"),
        ("heading", 1, "二、", "安全"),
        ("paragraph", 0, "", "新建幼儿园13所。"),
    ],
    "single_child": [
        ("heading", 1, "一、", "学前教育"),
        ("heading", 2, "(一)", "学前教育普惠发展"),
        ("paragraph", 0, "", "扩大资源。"),
        ("heading", 1, "二、", "安全"),
    ],
    "duplicate_topic": [
        ("heading", 1, "一、", "学前教育普惠发展"),
        ("heading", 1, "二、", "学前教育资源持续扩大"),
    ],
    "zero": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "小学辍学学生达到0人。"),
    ],
    "repeated_measure_words": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "基层党组织完成换届。基层党组织换届5个。"),
    ],
    "compare_twice": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "新建幼儿园6所，比上年增加2所，新增学位1620个，比上年增加100个。"),
    ],
    "decimals": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "新增学位1620个，增长7.34%。"),
    ],
    "unsupported_evaluation": [
        ("heading", 1, "一、", "甲"),
        ("paragraph", 0, "", "扩大资源。工作成效得到上级肯定。"),
        ("heading", 1, "二、", "乙"),
    ],
    "long_chain": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "一是甲；二是乙；三是丙；四是丁；五是戊；六是己。"),
    ],
    "repeated_phrase": [
        ("heading", 1, "一、", "学前教育扎实推进"),
        ("paragraph", 0, "", "坚持问题导向，扎实推进各项工作。扩大资源。"),
    ],
    "honour_quotes": [
        ("heading", 1, "一、", "甲"),
        ("heading", 1, "二、", "乙"),
        ("paragraph", 0, "", "荣获“柳河县实验小学获评全国急救教育试点学校”、“全省文明校园”。"),
    ],
}


@pytest.mark.parametrize("rule", sorted(BAD))
def test_the_checker_finds_each_breach(rule):
    f = facts(
        "工作:\n  - 领域: 党建\n    举措: [扩大资源, 基层党组织完成换届]\n    数据:\n      - 项目: 新建幼儿园\n        数值: 6\n        单位: 所\n"
        "      - 项目: 新增学位\n        数值: 1620\n        单位: 个\n        上年: 1520\n"
    )
    found = check_draft(_blocks(*BAD[rule]), f)
    assert rule in {x.rule for x in found}, [str(x) for x in found]
    assert set(BAD) == set(RULES)


def test_level_one_headings_praise_only_what_the_data_bears_and_plans_never():
    """The annual's level-1 family (取得新突破, 再上新台阶, 呈现新气象…) is praise: a section whose figure fell, or with
    no figure at all, takes a plain predicate instead; a section whose figures rose twice keeps the family."""
    body = """\
    工作:
      - 领域: 体育
        举措: [开齐开足体育课程]
        数据:
          - 项目: 学生体质健康达标率
            数值: 93.4
            单位: "%"
            上年: 94.1
        荣誉:
          - 名称: 全国青少年校园足球特色学校
            获得者: 石门区第三中学
            级别: 国家级
      - 领域: 语言文字
        举措: [开展中华经典诵读活动]
      - 领域: 党建
        举措: [扎实开展党纪学习教育]
        数据:
          - 项目: 先进基层党组织
            数值: 14
            单位: 个
      - 领域: 教学质量
        举措: [深化课堂教学改革]
        数据:
          - 项目: 中考优秀率
            数值: 36.8
            单位: "%"
            上年: 33.5
          - 项目: 高考本科上线率
            数值: 71.6
            单位: "%"
            上年: 68.3
    """
    praise = re.compile("新突破|新台阶|新气象|新局面|新成效|新保障|新作为|卓有成效|初见成效|提升|提高|提质|增效")
    for seed in range(4):
        d = draft(body, head=ANNUAL, seed=seed)
        level1 = [b.text for b in d.blocks if b.kind == "heading" and b.level == 1]
        sport = next(h for h in level1 if "体" in h or "立德树人" in h or "育人" in h)
        words = next(h for h in level1 if "语言文字" in h)
        assert not praise.search(sport), (seed, level1)
        assert not praise.search(words), (seed, level1)
        party = next(h for h in level1 if "党" in h)
        assert not praise.search(party), (seed, level1)
        # Siblings do not all open their predicates alike (……稳步提升 beside ……稳步推进).
        assert sum("稳步" in h for h in level1) <= 1, (seed, level1)
        # Nor does the section close by praising what its figure just said went down.
        text = d.text
        section = text[text.index(sport) + len(sport) :].split("\n二、")[0].split("\n三、")[0]
        assert "下降" in section and not re.search("肯定|进一步|良好|稳中有进|成效", section), (seed, section)


def test_a_numbered_list_bolds_every_items_title_or_none():
    """One convention per list (WRITING.md): 1.深化五育并举。 in bold above a plain 2.加强学生心理健康教育…… reads as
    two kinds of list; when one item has no title sentence, no item's first sentence is bold."""
    body = """\
    工作:
      - 领域: 德育与素质教育
        举措:
          - 深化五育并举。开齐开足体育、美育和劳动教育课程
          - 加强学生心理健康教育,建立心理健康筛查和干预机制
      - 领域: 教学质量
        举措:
          - 深化课堂教学改革。开展全区教学视导
          - 推进教研共同体建设。组织优质课评比
    """
    d = draft(body, head=ANNUAL)
    numbered = [b for b in d.blocks if b.kind == "paragraph" and re.match(r"\d\.", b.text)]
    mixed = [b for b in numbered if "五育" in b.text or "心理健康" in b.text]
    titled = [b for b in numbered if "课堂教学" in b.text or "教研共同体" in b.text]
    assert len(mixed) == 2 and not any(s.strong for b in mixed for s in b.spans)
    assert len(titled) == 2 and all(b.spans[0].strong for b in titled)


def test_run_in_subheadings_write_yishi_without_a_comma_as_the_genre_does():
    """一是 takes no comma after it: of the 33 corpus/education reports that enumerate with 一是, 32 write 「一是加强……」
    and one (like seed 003) 「一是,」; both blind office heads struck 「一是，普通高中……」 in the development report."""
    from pathlib import Path

    from generator.facts.load import load_facts

    example = Path(__file__).resolve().parent.parent / "examples" / "事业发展报告-云溪市.yaml"
    for seed in range(3):
        text = draft_from_facts(load_facts(example), seed=seed).text
        assert "一是" in text and "二是" in text
        assert not re.search("[一二三四五六七八九十]是[，,]", text), text


# ---------------------------------------------------------------- a heading claims only what is under it


BOARDS = """\
工作:
  - 领域: 党建
    举措:
      - 开展党纪学习教育,组织专题读书班
      - 推进清廉学校建设
  - 领域: 学前教育
    举措:
      - 内容: 新建公办幼儿园
        数据:
          - 项目: 新增学位
            数值: 900
            单位: 个
  - 领域: 义务教育
    举措:
      - 推进集团化办学
      - 落实课后服务
  - 领域: 体育
    举措:
      - 举办全县中小学生篮球联赛
      - 落实大课间活动
  - 领域: 校外培训治理
    举措:
      - 内容: 开展校外培训机构专项检查
        数据:
          - 项目: 检查机构
            数值: 41
            单位: 家
  - 领域: 劳动实践
    举措:
      - 建设校外劳动实践基地
      - 组织学生参加农耕劳动体验
"""


def _heading_over(d, words: str, level: int = 1) -> str:
    """The last heading of a level before the paragraph that says ``words``."""
    heading = ""
    for block in d.blocks:
        if block.kind == "heading" and block.level == level:
            heading = block.text
        elif words in block.text:
            return heading
    raise AssertionError(f"没有写到「{words}」")


@pytest.mark.parametrize("seed", range(6))
def test_a_board_heading_claims_only_what_its_sections_hold(seed):
    d = draft(BOARDS, seed=seed)
    # School sport alone is not 立德树人 or 人才培养; an inspection of training centres is no reform; a topic of the
    # writer's own is headed by its own name, not gathered under a heading about something else.
    sport = _heading_over(d, "篮球联赛")
    assert not any(w in sport for w in ("立德树人", "人才培养", "改革", "质量")), sport
    training = _heading_over(d, "专项检查")
    assert "改革" not in training and "创新" not in training, training
    assert "劳动实践" in _heading_over(d, "劳动实践基地")
    # No 板块 heading is a slogan no section bears (努力办好人民满意的教育).
    assert not any("人民满意" in b.text for b in d.blocks if b.kind == "heading"), d.text


PLAN_HEAD = """\
类型: 年度总结及计划
单位: 石门区教育局
地区: 石门区
年度: 2024
成文日期: 2025-01-06
"""


@pytest.mark.parametrize("seed", range(6))
def test_a_plan_heading_says_what_its_measures_will_do(seed):
    body = """\
    工作:
      - 领域: 教师队伍
        举措:
          - 开展新教师岗前培训
    计划:
      - 领域: 教师队伍
        举措:
          - 深化区管校聘改革,推进校长教师交流轮岗
          - 实施名校长培养工程
      - 领域: 办学条件
        举措:
          - 完成第三小学扩建
    """
    d = draft(body, head=PLAN_HEAD, seed=seed)
    plan = d.text[d.text.index("交流轮岗") - 40 : d.text.index("交流轮岗")]
    # 加强师德师风建设 was picked by the topic 教师队伍; none of the plan's measures is about 师德师风.
    assert "师德" not in plan, plan


@pytest.mark.parametrize("seed", range(6))
def test_a_lead_is_a_stance_and_an_action_the_measures_bear_never_a_slogan(seed):
    body = """\
    工作:
      - 领域: 普通高中
        举措:
          - 推进普通高中特色多样发展,开展新课程新教材实施
        数据:
          - 项目: 本科上线率
            数值: 64.2
            单位: "%"
            上年: 61.0
      - 领域: 学前教育
        举措:
          - 新建公办幼儿园2所
      - 领域: 义务教育
        举措:
          - 推进集团化办学
    """
    d = draft(body, head=PLAN_HEAD, seed=seed)
    section = next(b.text for b in d.blocks if "特色多样发展" in b.text)
    # 以提高质量为核心,努力办好人民满意的教育: the action says nothing the measures below do.
    assert "人民满意" not in section, section


def _problems(d) -> tuple[str, str]:
    para = next(b.text for b in d.blocks if "学位依然紧张" in b.text)
    lead, _, rest = para.partition("：")
    return lead, rest.split("。")[-2]


def test_the_shortcomings_paragraph_is_worded_with_the_variety_the_genre_has():
    body = """\
    工作:
      - 领域: 党建
        举措:
          - 推进清廉学校建设
    问题:
      - 城区学位依然紧张
      - 农村教师结构性缺编
    """
    said = [_problems(draft(body, head=ANNUAL, seed=seed)) for seed in range(30)]
    assert len({lead for lead, _ in said}) >= 5, said
    assert len({tail for _, tail in said}) >= 5, said


SIBLINGS = """\
工作:
  - 领域: 职业教育
    举措:
      - 深化产教融合,新增校企合作专业
  - 领域: 信息化
    举措:
      - 推进智慧课堂建设
  - 领域: 督导评估
    举措:
      - 开展中小学校责任督学挂牌督导
  - 领域: 安全稳定
    举措:
      - 开展校园安全隐患排查整治
  - 领域: 招生考试
    举措:
      - 规范义务教育招生入学
"""


@pytest.mark.parametrize(("head", "body"), [(ANNUAL, SIBLINGS), (HALF, BOARDS)])
@pytest.mark.parametrize("seed", range(4))
def test_sibling_headings_do_not_share_their_head_verb(head, body, seed):
    d = draft(body, head=head, seed=seed)
    # Headings of one level under one parent: 学前教育稳步推进 / 义务教育有序推进 (推进 twice) or 聚焦……,…… over
    # several 板块 read as one template filled in.
    groups: dict[tuple[int, int], list[str]] = {}
    parent = {0: 0}
    for index, block in enumerate(d.blocks):
        if block.kind != "heading" or block.level == 0:
            continue
        parent[block.level] = index
        if block.text.endswith(("计划", "打算")):
            continue
        groups.setdefault((block.level, parent.get(block.level - 1, 0)), []).append(block.text)
    for texts in groups.values():
        ends = [t[-2:] for t in texts]
        opens = [t[:2] for t in texts if "\uff0c" in t]
        assert len(set(ends)) == len(ends) and len(set(opens)) == len(opens), texts


@pytest.mark.parametrize("seed", range(4))
def test_a_rise_close_names_what_the_risen_figure_measures(seed):
    # More places (学位) is more supply, not a better 普惠 level or 办学水平; a rate of enrolment rising is 普及.
    body = """\
    工作:
      - 领域: 学前教育
        举措:
          - 内容: 新建公办幼儿园
            数据:
              - 项目: 新增学位
                数值: 900
                单位: 个
                上年: 600
      - 领域: 特殊教育
        举措:
          - 推进随班就读
        数据:
          - 项目: 残疾儿童少年入学率
            数值: 96.4
            单位: "%"
            上年: 95.1
      - 领域: 学生资助
        举措:
          - 落实资助政策
        数据:
          - 项目: 受助学生
            数值: 3100
            单位: 人次
            上年: 2900
    """
    d = draft(body, seed=seed)
    places = next(b.text for b in d.blocks if "新增学位900个" in b.text)
    assert "普惠水平" not in places and "办学水平" not in places, places
    special = next(b.text for b in d.blocks if "入学率" in b.text)
    rise = ("进一步提升", "稳步提升", "不断提升", "进一步提高")
    closes = [s for s in sentences(special) if s.endswith(rise)]
    assert closes and all("普及水平" in s for s in closes), special
    # More pupils aided says no level rose: no rise close after it.
    aid = next(b.text for b in d.blocks if "受助学生" in b.text)
    assert not any(s.endswith(rise) for s in sentences(aid)), aid


@pytest.mark.parametrize("seed", range(6))
def test_a_heading_taken_for_a_fresh_verb_does_not_praise_what_no_figure_measures(seed):
    # 学前教育稳步推进 takes 推进 first; 义务教育 then needs another verb, and more pupils in 课后服务 is no rise of its
    # 办学水平: 义务教育办学水平稳步提升 would claim it.
    body = """\
    工作:
      - 领域: 党建
        举措:
          - 推进清廉学校建设
      - 领域: 学前教育
        举措:
          - 推进公办幼儿园建设
      - 领域: 义务教育
        举措:
          - 推进集团化办学,组建城乡学校共同体
        数据:
          - 项目: 课后服务参与学生
            数值: 23400
            单位: 人
            上年: 21800
      - 领域: 学生资助
        举措:
          - 落实各学段资助政策
    """
    d = draft(body, seed=seed)
    heading = _heading_over(d, "集团化办学", level=2)
    assert "义务教育" in heading and not re.search("提升|提高|水平", heading), heading


@pytest.mark.parametrize("seed", range(4))
def test_a_topic_whose_stock_ends_in_one_verb_still_has_another_for_its_siblings(seed):
    # 义务教育稳步推进 and then 教育信息化有序推进: every predicate after 教育信息化 that its data allows (a target
    # missed: no praise) ended in 推进 or 加强.
    body = """\
    工作:
      - 领域: 党建
        举措:
          - 推进清廉学校建设
      - 领域: 义务教育
        举措:
          - 推进集团化办学
      - 领域: 信息化
        举措:
          - 推进智慧课堂建设
        数据:
          - 项目: 建成智慧教室
            数值: 45
            单位: 间
            目标: 60
    """
    d = draft(body, head=PLAN_HEAD, seed=seed)
    heads = [b.text[-2:] for b in d.blocks if b.kind == "heading" and b.level == 2 and "工作" not in b.text][:3]
    assert len(set(heads)) == 3, heads


def test_bureaus_drafting_on_one_seed_do_not_all_get_one_shortcomings_wording():
    body = """\
    工作:
      - 领域: 党建
        举措:
          - 推进清廉学校建设
    问题:
      - 城区学位依然紧张
    """
    said = set()
    for place in ("石门区", "白沙区", "青龙区", "云岭区", "东湖区", "南湖区"):
        head = ANNUAL.replace("石门区", place)
        said.add(_problems(draft(body, head=head, seed=0)))
    # Six bureaus, one seed: the lead-in and tail are drawn per bureau, as six writers would word them.
    assert len({lead for lead, _ in said}) >= 3 and len({tail for _, tail in said}) >= 3, said
