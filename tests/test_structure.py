"""The structurer: each seed's real outline (hand-written goldens), enumerations as items, parts at level 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import clean_text, parse_structure, structure_file
from generator.corpus.doctree import MARKER_LEVELS

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def documents(seed_paths):
    return {path.stem: structure_file(path) for path in seed_paths}


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_outline_matches_the_hand_written_golden(seed, golden):
    outline = "\n".join(structure_file(seed).outline_lines()) + "\n"
    golden(f"outlines/{seed.stem}.txt", outline)


def test_levels_styles_and_parts(documents):
    doc = documents["000_6729c89874232e6a"]
    assert [s.marker + s.title for s in doc.sections][:2] == [
        "三、坚持改革创新,着力激发教育活力",
        "四、强化教育保障,着力推进管理服务",
    ]
    part = doc.sections[2]
    assert (part.level, part.marker, part.style, part.title) == (0, "", "", "下半年工作打算")
    assert part.is_part
    assert [c.marker for c in part.children] == ["一、", "二、"]
    assert part.paragraphs[0].text.startswith("下半年,我们将继续紧扣")
    for section in doc.walk():
        if section.level:
            assert MARKER_LEVELS[section.style] == section.level


def test_enumerations_are_items_not_headings(documents):
    doc = documents["001_f08b529532b5985e"]
    first = doc.sections[0].children[0]
    assert first.title == "实处着力抓防疫,防控能力进一步提高"
    paragraph = first.paragraphs[0]
    assert [item.marker for item in paragraph.items] == ["一是", "二是", "三是"]
    assert paragraph.items[0].text.startswith("“一张网”联动覆盖")
    assert all(not s.title.startswith(("一是", "二是")) for s in doc.walk())


def test_lead_sentence_before_the_items(documents):
    doc = documents["000_6729c89874232e6a"]
    shortfall = doc.sections[1].children[-1].paragraphs[-1]
    assert shortfall.lead.startswith("在肯定成绩的同时")
    assert [item.marker for item in shortfall.items] == ["一是", "二是", "三是", "四是"]


def test_one_item_per_paragraph_and_first_second(documents):
    doc = documents["003_e24b092d9f87ed40"]
    first = doc.sections[0]
    assert [p.items[0].marker for p in first.paragraphs] == [
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
        "六是",
        "七是",
    ]
    assert first.paragraphs[0].items[0].text.startswith("加快发展学前教育。")
    doc4 = documents["004_87e61cf8e36a790c"]
    third = doc4.sections[0].children[2]
    assert [p.items[0].marker for p in third.paragraphs if p.items] == ["首先", "其次"]


def test_run_in_level_three_heading(documents):
    doc = documents["004_87e61cf8e36a790c"]
    item = doc.sections[0].children[0]
    assert (item.marker, item.style, item.level) == ("1、", "1.", 3)
    assert item.title == "积极进行学校布局调整,优化教育资源"
    assert item.run_in
    assert item.paragraphs[0].text.startswith("2005年,教育局一项非常重要的工作")
    doc2 = documents["002_3852c5b6b4ca5af0"]
    item2 = doc2.sections[0].children[0]
    assert item2.title == "基层党建不断深入" and item2.paragraphs[0].text.startswith("加强党的思想建设")


def test_title_date_opening_and_lines(documents):
    doc = documents["004_87e61cf8e36a790c"]
    assert doc.title == "教育局党委分析评议阶段先进性教育总结"
    assert doc.opening[0].text.endswith("现向各位领导做简要汇报:")
    assert doc.sections[-1].marker + doc.sections[-1].title == "二、加强制度建设"
    assert documents["003_e24b092d9f87ed40"].opening[0].text.startswith("2013年,在市委、市政府的正确领导下")
    assert documents["000_6729c89874232e6a"].date == "2020-07-04"
    # Line numbers point into the cleaned text.
    cleaned_lines = documents["001_f08b529532b5985e"].sections[1].children[1].line
    assert cleaned_lines > 1


def test_made_up_report_with_parts_problems_plan_and_signature():
    text = "\n".join(
        [
            "某县教育局2024年工作总结和2025年工作计划",
            "2024年,全县教育系统团结奋进。",
            "一、主要工作",
            "(一)党建引领。全年开展专题学习12次。",
            "1.理论学习。首先,坚持集体学习;其次,开展专题研讨。",
            "(1)中心组学习",
            "按计划开展。",
            "存在的问题",
            "一是办学条件仍有短板;二是教师结构不尽合理。",
            "来年工作计划",
            "一、深化改革",
            "第一,推进集团化办学;第二,深化评价改革。",
            "特此报告。",
            "某县教育局",
            "2024年12月20日",
        ]
    )
    doc = parse_structure(clean_text(text, source="某县.txt"))
    assert doc.source == "某县.txt"
    assert doc.title == "某县教育局2024年工作总结和2025年工作计划"
    assert doc.date == "2024年12月20日"
    assert doc.outline_lines() == [
        "一、主要工作",
        "  (一)党建引领",
        "    1.理论学习",
        "      (1)中心组学习",
        "存在的问题",
        "来年工作计划",
        "  一、深化改革",
    ]
    problems = doc.sections[1]
    assert problems.level == 0 and [i.marker for i in problems.paragraphs[0].items] == ["一是", "二是"]
    plan = doc.sections[2].children[0]
    assert [i.marker for i in plan.paragraphs[0].items] == ["第一", "第二"]
    assert [p.text for p in doc.closing] == ["特此报告。", "某县教育局", "2024年12月20日"]
    learning = doc.sections[0].children[0].children[0]
    assert [i.marker for i in learning.paragraphs[0].items] == ["首先", "其次"]


def test_a_numbered_long_paragraph_is_not_a_heading():
    long_sentence = "全县" + "持续推进义务教育优质均衡发展和城乡一体化," * 6 + "成效明显。"
    doc = parse_structure(clean_text(f"一、主要工作\n1、{long_sentence}另有说明。"))
    assert doc.outline_lines() == ["一、主要工作"]


def test_dotted_first_level_markers_generic_parts_and_qiyi():
    text = "\n".join(
        [
            "某县教育局2024年工作总结",
            "一年来,全县教育工作稳步推进。",
            "一.主要工作及成效",
            "(一)党建工作",
            "全年开展学习。其一,集中学习;其二,专题研讨。",
            "存在的主要问题",
            "队伍结构不合理。",
            "第二部分 2025年工作思路",
            "一.深化改革",
            "全面推进。",
        ]
    )
    doc = parse_structure(clean_text(text))
    assert doc.outline_lines() == [
        "一.主要工作及成效",
        "  (一)党建工作",
        "存在的主要问题",
        "第二部分 2025年工作思路",
        "  一.深化改革",
    ]
    assert doc.sections[0].style == "一、"
    assert [i.marker for i in doc.sections[0].children[0].paragraphs[0].items] == ["其一", "其二"]
    assert doc.sections[2].level == 0 and doc.sections[2].title == "2025年工作思路"


def test_circled_numbers_and_yi_yao_are_enumerations():
    doc = parse_structure(
        clean_text(
            "一、下步打算\n明年重点抓好三件事:①扩容学位;②建强队伍;③提升质量。\n一要稳增长;二要促改革。"
        )
    )
    first, second = doc.sections[0].paragraphs
    assert [i.marker for i in first.items] == ["①", "②", "③"]
    assert first.lead == "明年重点抓好三件事:"
    assert [i.text for i in second.items] == ["稳增长;", "促改革。"]
    assert doc.outline_lines() == ["一、下步打算"]


def test_chinese_numerals_read_back_what_cn_number_writes():
    from generator.base.markers import cn_number, cn_value, marker_at

    assert [cn_number(n) for n in (1, 10, 12, 20, 35, 101)] == ["一", "十", "十二", "二十", "三十五", "一百零一"]
    assert all(cn_value(cn_number(n)) == n for n in range(1, 100))
    # Malformed numerals are no heading number: "十二三、" is not heading twelve.
    assert cn_value("十二三") == 0 and marker_at("十二三、工作") is None
    assert marker_at("(十二)加强党建") == (2, "(一)", 12, 4)
    assert marker_at("二、三等奖") is None and marker_at("3、县发改委") == (3, "1.", 3, 2)


def test_a_lone_chunk_number_is_no_heading_in_the_outline():
    text = "某县教育局工作总结\n一、主要工作\n全年围绕重点项目,我们积极与\n\n3、县发改委对接,争取资金。\n二、下半年打算\n继续推进。"
    document = parse_structure(clean_text(text))
    assert document.outline_lines() == ["一、主要工作", "二、下半年打算"]
