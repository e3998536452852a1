"""The facts file: a valid file round-trips into typed facts; every bad input ends in one exact Chinese message."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.base.resources import template_path
from generator.errors import FactsError
from generator.facts.load import Area, Figure, load_facts, parse_facts
from generator.facts.model import Honour, Measure
from generator.taxonomy.kinds import kind_ids
from generator.taxonomy.topics import topic_names

KIND_IDS = kind_ids()

BASE = """类型: 半年总结
单位: 青山县教育局
地区: 青山县
年度: 2025
半年: 上半年
工作:
  - 领域: 学前教育
    举措:
      - 新建公办幼儿园
    数据:
      - 项目: 新建幼儿园
        数值: 12
        单位: 所
"""


def with_figure(extra: str) -> str:
    """BASE with more keys in its one figure."""
    return BASE.replace("        单位: 所\n", "        单位: 所\n" + extra)


def fig(body: str) -> str:
    """BASE with its one figure replaced."""
    return BASE.replace("      - 项目: 新建幼儿园\n        数值: 12\n        单位: 所\n", body)


# The catalogue of bad facts files: (name, file content, the exact message a writer sees).
CASES = [
    (
        "empty",
        "",
        "事实.yaml:事实文件是空的。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    (
        "only_whitespace",
        "   \n\n",
        "事实.yaml:事实文件是空的。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    (
        "only_comments",
        "# 只有注释\n# 没有内容\n",
        "事实.yaml:事实文件中只有注释,没有内容。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    (
        "binary",
        b"\x00\x01\x02\x03PNG\x00\x00",
        "事实.yaml:这不是文本文件(含有二进制内容)。事实文件是 YAML 文本,请确认选对了文件",
    ),
    (
        "docx",
        b"PK\x03\x04" + b"\x00" * 20,
        "事实.yaml:这是一个 Word(.docx)或压缩文件,不是事实文件。事实文件是 YAML 文本,请用 zongjie init 生成骨架后用记事本等文本编辑器填写",
    ),
    (
        "yaml_colon_in_value",
        BASE.replace("单位: 青山县教育局", "单位: 青山县: 教育局"),
        "事实.yaml 第 2 行:YAML 格式错误:这里不能出现「: 」(这一行是「单位: 青山县: 教育局」)。同一行只能写一个「键: 值」;如果文字里本来就有冒号,请给整段文字加上引号;也请检查这一行的缩进是否比上一行多了",
    ),
    (
        "yaml_missing_colon",
        BASE.replace("地区: 青山县", "地区 青山县"),
        "事实.yaml 第 3 行:YAML 格式错误:这一行缺少冒号(这一行是「地区 青山县」)。每一行应当写成「键: 值」(英文冒号,后面加一个空格);列表项以「- 」开头",
    ),
    (
        "yaml_fullwidth_colon",
        BASE.replace("地区: 青山县", "地区\uff1a青山县"),
        "事实.yaml 第 3 行:这一行用了中文冒号「：」(这一行是「地区：青山县」)。键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」",
    ),
    (
        "yaml_unclosed_quote",
        BASE.replace("单位: 青山县教育局", '单位: "青山县教育局'),
        '事实.yaml 第 2 行:YAML 格式错误:引号没有配对(这一行是「单位: "青山县教育局」)。请检查这一行的引号是否成对,或去掉多余的引号',
    ),
    (
        "yaml_bad_indent",
        BASE.replace("    举措:", "   举措:"),
        "事实.yaml 第 8 行:YAML 格式错误:缩进不一致(这一行是「举措:」)。同一层的键要上下对齐,子项比上一层多缩进两个空格",
    ),
    (
        "yaml_text_after_quote",
        BASE.replace("单位: 青山县教育局", '单位: "青山县"教育局'),
        '事实.yaml 第 2 行:YAML 格式错误:这一行多出了文字(这一行是「单位: "青山县"教育局」)。引号内的文字写完后不能再接文字;如果文字里有引号,请给整段换一种引号(单引号或双引号)',
    ),
    (
        "yaml_flow_unclosed",
        BASE + "荣誉: [先进县, 示范县\n问题: 无\n",
        "事实.yaml 第 14 行:YAML 格式错误:方括号「[ ]」没有配对(这一行是「荣誉: [先进县, 示范县」)。请检查方括号和逗号;不熟悉这种写法的话,可以改用每行「- 」开头的列表",
    ),
    (
        "tab_indent",
        BASE.replace("    举措:", "\t举措:"),
        "事实.yaml 第 8 行:这一行用 Tab 键缩进了。请用空格缩进,不要用 Tab",
    ),
    (
        "duplicate_key",
        BASE + "单位: 白水县教育局\n",
        "事实.yaml 第 14 行:键「单位」重复出现(第 2 行和第 14 行)。同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
    ),
    (
        "duplicate_key_nested",
        with_figure("        数值: 13\n"),
        "事实.yaml 第 14 行:键「数值」重复出现(第 12 行和第 14 行)。同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
    ),
    (
        "anchor",
        BASE.replace("单位: 青山县教育局", "单位: &u 青山县教育局") + "署名: *u\n",
        "事实.yaml 第 2 行:事实文件中不能使用 YAML 的锚点和引用(& 和 * 开头的写法)。请把要重复的内容直接写出来",
    ),
    (
        "alias_bomb",
        'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
        "事实.yaml 第 1 行:事实文件中不能使用 YAML 的锚点和引用(& 和 * 开头的写法)。请把要重复的内容直接写出来",
    ),
    (
        "python_tag",
        BASE + "标题: !!python/object/apply:os.system ['echo hi']\n",
        "事实.yaml 第 14 行:事实文件中不能使用 YAML 标签「!!python/object/apply:os.system」。事实文件只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
    ),
    (
        "custom_tag",
        BASE + "标题: !秘密 总结\n",
        "事实.yaml 第 14 行:YAML 格式错误:「!」开头的写法是 YAML 标签,事实文件中不能使用(这一行是「标题: !秘密 总结」)。如果这是文字,请给整段文字加上引号",
    ),
    (
        "two_documents",
        BASE + "---\n类型: 年度总结\n",
        "事实.yaml 第 14 行:文件中有不止一个 YAML 文档(出现了分隔线「---」)。一个事实文件只写一份材料;请删掉「---」,或把后一份另存为一个文件",
    ),
    (
        "deep_nesting",
        BASE + "荣誉: " + "[" * 50 + "]" * 50 + "\n",
        "事实.yaml 第 14 行:嵌套层次太深。事实文件最多只有几层缩进,请检查缩进和括号",
    ),
    (
        "unknown_key_top",
        BASE.replace("单位: 青山县教育局", "单为: 青山县教育局"),
        "事实.yaml 第 2 行:事实文件中有不认识的键「单为」。您是不是想写「单位」?",
    ),
    (
        "unknown_key_area",
        BASE.replace("    举措:", "    措施:"),
        "事实.yaml 第 8 行:「工作」的第 1 项中有不认识的键「措施」。您是不是想写「举措」?",
    ),
    (
        "unknown_key_figure",
        with_figure("        去年: 8\n"),
        "事实.yaml 第 14 行:「工作」的第 1 项的「数据」的第 1 项中有不认识的键「去年」。您是不是想写「上年」?",
    ),
    (
        "unknown_key_no_guess",
        BASE + "天气: 晴\n",
        "事实.yaml 第 14 行:事实文件中有不认识的键「天气」。可以用的键有:类型、单位、地区、年度、半年、上级、工作主线、活动名称、阶段、标题、成文日期、署名、导语、结尾、荣誉、数据、工作、问题、计划、总体思路、主要目标、计划回顾、词库",
    ),
    (
        "top_is_list",
        "- 类型: 半年总结\n- 单位: 青山县教育局\n",
        "事实.yaml 第 1 行:事实文件的最外层应当是一组「键: 值」,这里是列表。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    (
        "no_space_after_colon",
        "类型:半年总结\n单位:青山县教育局\n",
        "事实.yaml 第 1 行:没有读出任何「键: 值」。键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」",
    ),
    (
        "number_exponent",
        fig("      - 项目: 在校学生\n        数值: 1e5\n        单位: 人\n"),
        "事实.yaml 第 12 行:「数值」应当是一个数字,这里写的是「1e5」。请写一个数,如 12、3.5、十二、近500;还不知道的数请留空,草稿中会留下【待补充】",
    ),
    (
        "percent_in_other_field",
        BASE + "标题: %年度总结\n",
        "事实.yaml 第 14 行:YAML 格式错误:这一行的开头有不能直接使用的字符(这一行是「标题: %年度总结」)。值以「%」开头,YAML 会把它当成特殊写法;如果这是文字,请给整段文字加上引号",
    ),
    (
        "key_missing",
        BASE + ": 青山县教育局\n",
        "事实.yaml 第 14 行:YAML 格式错误:冒号前面没有写键(这一行是「: 青山县教育局」)。每一行应当写成「键: 值」,如「单位: 青山县教育局」",
    ),
    (
        "figure_is_list",
        fig("      - - 新建幼儿园\n        - 12\n"),
        "事实.yaml 第 11 行:「工作」的第 1 项的「数据」的第 1 项应当是一组「键: 值」,这里写成了列表。请写成这样:- 项目: 新建幼儿园",
    ),
    (
        "data_is_mapping",
        fig("        项目: 新建幼儿园\n        数值: 12\n"),
        "事实.yaml 第 11 行:「工作」的第 1 项的「数据」应当是列表(每项以「- 」开头),这里写成了「键: 值」。请写成这样:数据: 换行后写「  - 项目: 新建幼儿园」「    数值: 12」「    单位: 所」",
    ),
    (
        "number_is_list",
        fig("      - 项目: 新建幼儿园\n        数值: [1, 2]\n        单位: 所\n"),
        "事实.yaml 第 12 行:「数值」应当是一个数字,这里写成了列表。每一项只写一个数字,如 12;要列出构成部分,请用「其中」",
    ),
    (
        "text_is_list",
        BASE.replace("单位: 青山县教育局", "单位:\n  - 青山县教育局\n  - 白水县教育局"),
        "事实.yaml 第 3 行:「单位」应当是一段文字,这里写成了列表。请把几项合成一段文字,或去掉行首的「- 」",
    ),
    (
        "text_is_mapping",
        BASE + "标题: {{ 单位 }}总结\n",
        "事实.yaml 第 14 行:YAML 格式错误:这一行多出了文字(这一行是「标题: {{ 单位 }}总结」)。值以「{」开头,YAML 会把它当成特殊写法;如果这是文字,请给整段文字加上引号",
    ),
    (
        "list_is_mapping",
        BASE.replace("    举措:\n      - 新建公办幼儿园", "    举措:\n      一是: 新建公办幼儿园"),
        "事实.yaml 第 9 行:「工作」的第 1 项的「举措」应当是列表(每条以「- 」开头),这里写成了「键: 值」。如果这句话里有「: 」,请给它加上引号;多条内容请各占一行,以「- 」开头",
    ),
    (
        "measure_with_colon",
        BASE.replace("      - 新建公办幼儿园", "      - 一是: 新建公办幼儿园"),
        "事实.yaml 第 9 行:「工作」的第 1 项的「举措」的第 1 条应当是一句话,这里写成了「键: 值」。这句话里有「: 」(冒号加空格),请给整句加上引号,或把冒号改成中文冒号;要给这条举措带上数字,请写「- 内容: …」,下面对齐写「数据:」",
    ),
    (
        "work_is_mapping",
        BASE.split("工作:")[0] + "工作:\n  领域: 学前教育\n",
        "事实.yaml 第 7 行:「工作」应当是列表(每项以「- 」开头),这里写成了「键: 值」。请写成这样:工作: 换行后写「  - 领域: 学前教育」,下面再写 举措、数据",
    ),
    (
        "area_is_text",
        BASE.split("工作:")[0] + "工作:\n  - 新建幼儿园12所\n",
        "事实.yaml 第 7 行:「工作」的第 1 项应当是「领域: …」开头的一组内容,这里只写了一段文字「新建幼儿园12所」。请写成「- 领域: 学前教育」,再在下面缩进写「举措:」「数据:」;一句话的内容请写到「举措」里",
    ),
    (
        "figure_is_text",
        fig("      - 新建幼儿园12所\n"),
        "事实.yaml 第 11 行:「工作」的第 1 项的「数据」的第 1 项应当包含「项目」「数值」等键,这里只写了一段文字「新建幼儿园12所」。请写成「- 项目: 新建幼儿园」,下一行对齐写「数值: 12」「单位: 所」;只是一句话的话,请写到「举措」里",
    ),
    (
        "missing_required",
        "类型: 年度总结\n单位: 青山县教育局\n",
        "事实.yaml:还有必填的内容没有填写:地区、年度、工作。请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
    ),
    (
        "missing_half",
        BASE.replace("半年: 上半年\n", ""),
        "事实.yaml:还有必填的内容没有填写:半年。请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
    ),
    (
        "missing_campaign",
        BASE.replace("类型: 半年总结", "类型: 专项阶段总结"),
        "事实.yaml:还有必填的内容没有填写:活动名称。请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
    ),
    (
        "missing_topic",
        BASE.replace("  - 领域: 学前教育\n    举措:", "  - 举措:"),
        "事实.yaml 第 7 行:「工作」的第 1 项缺少「领域」。请写明这部分属于哪个方面,如 领域: 学前教育;可选:党建、学前教育、义务教育、普通高中、职业教育、教师队伍、信息化、经费保障、办学条件、督导评估、安全稳定、学生资助、教育改革、德育与素质教育、教学质量、依法治教、民办与终身教育、体育、特殊教育、语言文字、招生考试、校外培训治理、卫生健康与艺术、后勤与食品安全、宣传与意识形态、群团、关心下一代、文明创建、教育科研、乡村振兴、政务服务、综合",
    ),
    (
        "missing_item",
        fig("      - 数值: 12\n        单位: 所\n"),
        "事实.yaml 第 11 行:「工作」的第 1 项的「数据」的第 1 项缺少「项目」。请写明这个数说的是什么,如 项目: 新建幼儿园",
    ),
    (
        "unknown_kind",
        BASE.replace("类型: 半年总结", "类型: 半年工作总结"),
        "事实.yaml 第 1 行:「类型」写的是「半年工作总结」,不是程序认识的材料种类。请从这五种中选一种:半年总结、年度总结及计划、年度总结、事业发展报告、专项阶段总结(您是不是想写「半年总结」?)",
    ),
    (
        "unknown_kind_far",
        BASE.replace("类型: 半年总结", "类型: 月报"),
        "事实.yaml 第 1 行:「类型」写的是「月报」,不是程序认识的材料种类。请从这五种中选一种:半年总结、年度总结及计划、年度总结、事业发展报告、专项阶段总结",
    ),
    (
        "bad_half",
        BASE.replace("半年: 上半年", "半年: 第一季度"),
        "事实.yaml 第 5 行:「半年」写的是「第一季度」。请写「上半年」或「下半年」",
    ),
    (
        "negative_count",
        fig("      - 项目: 新建幼儿园\n        数值: -3\n        单位: 所\n"),
        "事实.yaml 第 12 行:「新建幼儿园」的「数值」是负数(-3)。数量、金额和比率不会小于零;要表达减少,请写今年的数和上年的数,程序会算出「减少」和「下降」",
    ),
    (
        "negative_previous",
        fig("      - 项目: 教育经费\n        数值: 3\n        单位: 亿元\n        上年: -1\n"),
        "事实.yaml 第 14 行:「教育经费」的「上年」是负数(-1)。数量、金额和比率不会小于零;要表达减少,请写今年的数和上年的数,程序会算出「减少」和「下降」",
    ),
    (
        "absurd_value",
        fig("      - 项目: 教育经费\n        数值: 3000000000000\n        单位: 元\n"),
        "事实.yaml 第 12 行:「数值」写的是 3000000000000,大得不合常理(超过一万亿)。请检查是否多写了几位;金额较大时请用「万元」或「亿元」作单位",
    ),
    (
        "year_too_early",
        BASE.replace("年度: 2025", "年度: 1900"),
        "事实.yaml 第 4 行:「年度」1900 不在 1949 到 2100 之间。请检查年份是否写错",
    ),
    (
        "year_with_char",
        BASE.replace("年度: 2025", "年度: 2025年"),
        "事实.yaml 第 4 行:「年度」请只写数字,这里写的是「2025年」。请写成 年度: 2025",
    ),
    (
        "year_text",
        BASE.replace("年度: 2025", "年度: 今年"),
        "事实.yaml 第 4 行:「年度」应当是四位数的年份,这里写的是「今年」。请写成 年度: 2025",
    ),
    (
        "percent_over_100",
        fig('      - 项目: 普惠性幼儿园覆盖率\n        数值: 120\n        单位: "%"\n'),
        "事实.yaml 第 12 行:「普惠性幼儿园覆盖率」是百分率,「数值」不能超过 100,这里写的是 120。请检查是否多写了一位或小数点位置不对;如果这是增长率之类可以超过 100 的数,请在项目名称里写明「增长」",
    ),
    (
        "percent_target_over_100",
        fig('      - 项目: 巩固率\n        数值: 99\n        单位: "%"\n        目标: 101\n'),
        "事实.yaml 第 14 行:「巩固率」是百分率,「目标」不能超过 100,这里写的是 101。请检查是否多写了一位或小数点位置不对;如果这是增长率之类可以超过 100 的数,请在项目名称里写明「增长」",
    ),
    (
        "date_invalid",
        BASE + "成文日期: 2025-02-30\n",
        "事实.yaml 第 14 行:「成文日期」2025-02-30 不是真实存在的日期。请检查月份和日期(如 2 月只有 28 或 29 天)",
    ),
    (
        "date_words",
        BASE + "成文日期: 明年\n",
        "事实.yaml 第 14 行:「成文日期」写的是「明年」,不是一个具体的日期。请写成 2025-07-05 或 2025年7月5日;还没定的话请留空,草稿中会留下【待补充:成文日期】",
    ),
    (
        "date_chinese_invalid",
        BASE + "成文日期: 2025年13月1日\n",
        "事实.yaml 第 14 行:「成文日期」2025年13月1日 不是真实存在的日期。请检查月份和日期(如 2 月只有 28 或 29 天)",
    ),
    (
        "long_string",
        BASE + "导语: " + "很" * 2001 + "\n",
        "事实.yaml 第 14 行:「导语」太长了(2001 个字,每项最多 2000 个字)。请把它拆成几条,或精简后再写",
    ),
    (
        "control_char",
        BASE + "标题: 青山县\x07教育局\n",
        "事实.yaml 第 14 行:含有不可见的控制字符 U+0007,Word 文档中不能出现这种字符。请删除它(这种字符常见于从网页、PDF 或旧系统复制来的文字)",
    ),
    (
        "nul_in_text",
        "类型: 半年总结\n单位: 青山\x00县\n",
        "事实.yaml 第 2 行:含有不可见的控制字符 U+0000,Word 文档中不能出现这种字符。请删除它(这种字符常见于从网页、PDF 或旧系统复制来的文字)",
    ),
    (
        "key_not_text",
        BASE + "[1, 2]: 3\n",
        "事实.yaml 第 14 行:事实文件中有一个键不是文字。键应当写成「键: 值」,如「单位: 青山县教育局」",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_facts_give_one_exact_message(name: str, content: str | bytes, expected: str) -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(content, "事实.yaml")
    assert str(caught.value) == expected
    assert "Traceback" not in expected


def test_catalogue_is_large_enough() -> None:
    # Issue 5 asks for at least 30 cases of bad input, each with its exact message.
    assert len(CASES) >= 30
    assert len({c[0] for c in CASES}) == len(CASES)


FULL = """# 青山县(虚构)的一份完整事实文件
类型: 年度总结及计划
单位: 青山县教育局
地区: 青山县
年度: 2025
上级: 县委、县政府
工作主线: 均衡、优质、特色
标题: 青山县教育局2025年工作总结和2026年工作计划
成文日期: 2025年12月28日
署名: 青山县教育局
导语: 今年以来,全县教育系统 <坚持> & "立德树人" 'x' {{ ''.__class__.__mro__ }} {% if %}。
荣誉:
  - 全省教育工作先进县
工作:
  - 领域: 学前
    标题: 学前教育普惠发展
    举措:
      - 新建公办幼儿园
      - '实施"幼儿园提质"工程: 第一期'
    数据:
      - 项目: 新建幼儿园
        数值: 12
        单位: 所
        上年: 8
        增长率: 50
      - 项目: 教育经费投入
        数值: 3.2
        单位: 亿元
        上年: 2.8
        目标: 3
        其中:
          - 项目: 基本建设
            数值: 1.2
          - 项目: 人员经费
            数值: 2
    荣誉:
      - 省级示范幼儿园 2 所
  - 领域: 教学质量
    数据:
      - 项目: 本科上线率
        数值: 68.5
        单位: "%"
        上年: 66.2
      - 项目: 学生人数增长率
        数值: 130
        单位: "%"
问题:
  - 城乡教育资源配置还不够均衡
  - 教师结构性缺编问题依然存在
计划:
  - 领域: 办学条件
    举措:
      - 推进城区学校扩容提质
总体思路: 坚持稳中求进
主要目标:
  - 学前三年毛入园率达到 92%
  - 项目: 普惠性幼儿园覆盖率
    数值: 90
    单位: "%"
词库:
  - 我的句式
"""


def test_full_file_round_trip() -> None:
    facts = parse_facts(FULL, "青山.yaml")
    assert (facts.kind, facts.unit, facts.region, facts.year) == (
        "年度总结及计划",
        "青山县教育局",
        "青山县",
        2025,
    )
    assert facts.region_suffix == "县"
    assert facts.half is None and facts.campaign is None
    assert facts.superior == "县委、县政府"
    assert facts.date == datetime.date(2025, 12, 28)
    assert facts.honours == [Honour(name="全省教育工作先进县", level="省级", line=facts.honours[0].line)]
    # Markup and template syntax are the writer's data: kept literally, never interpreted.
    assert (
        facts.opening
        == "今年以来,全县教育系统 <坚持> & \"立德树人\" 'x' {{ ''.__class__.__mro__ }} {% if %}。"
    )
    first = facts.work[0]
    assert isinstance(first, Area)
    assert first.topic == "学前教育"  # the alias 学前 becomes the taxonomy's name
    assert first.heading == "学前教育普惠发展"
    assert [m.text for m in first.measures] == ["新建公办幼儿园", '实施"幼儿园提质"工程: 第一期']
    assert first.measure_lines == [18, 19]
    assert first.line == 15
    kindergartens, money = first.data
    assert kindergartens == Figure(
        item="新建幼儿园", value=12, unit="所", previous=8, stated_growth=50, line=21
    )
    assert isinstance(kindergartens.value, int)
    assert money.value == 3.2 and money.target == 3 and money.unit == "亿元"
    assert [(p.item, p.value, p.unit, p.line) for p in money.parts] == [
        ("基本建设", 1.2, "亿元", 32),
        ("人员经费", 2, "亿元", 34),
    ]
    assert [h.name for h in first.honours] == ["省级示范幼儿园 2 所"]
    assert facts.work[1].topic == "教学质量"
    assert facts.work[1].data[1].value == 130  # a growth rate may exceed 100
    assert facts.problems == ["城乡教育资源配置还不够均衡", "教师结构性缺编问题依然存在"]
    assert facts.problem_lines == [48, 49]
    assert [a.topic for a in facts.plans] == ["办学条件"]
    assert facts.approach == "坚持稳中求进"
    assert facts.goals[0] == "学前三年毛入园率达到 92%"
    assert isinstance(facts.goals[1], Figure) and facts.goals[1].value == 90
    assert facts.libraries == ["我的句式"]
    assert facts.lines["工作"] == 14 and facts.lines["类型"] == 2
    assert facts.warnings == []
    assert facts.path == "青山.yaml"


@pytest.mark.parametrize(
    ("region", "suffix"), [("青山县", "县"), ("云溪市", "市"), ("江北区", "区"), ("达茂旗", "旗")]
)
def test_region_suffix(region: str, suffix: str) -> None:
    text = BASE.replace("地区: 青山县", f"地区: {region}")
    assert parse_facts(text).region_suffix == suffix


WARNING_CASES = [
    (
        "stated_growth_mismatch",
        with_figure("        上年: 8\n        增长率: 40\n"),
        ["事实.yaml 第 11 行:「新建幼儿园」写的增长率 40% 与数值 12、上年 8 算出的 50% 不符,请核对这三个数"],
    ),
    (
        "stated_growth_rounded",
        fig("      - 项目: 在校学生\n        数值: 4\n        上年: 3\n        增长率: 33\n"),
        [],
    ),
    ("stated_growth_within_half_point", with_figure("        上年: 8\n        增长率: 50.4\n"), []),
    (
        "stated_growth_decimal_within_tolerance",
        fig("      - 项目: 在校学生\n        数值: 1036\n        上年: 1000\n        增长率: 3.2\n"),
        [],
    ),
    (
        "stated_growth_precise_but_wrong",
        fig("      - 项目: 在校学生\n        数值: 1036\n        上年: 1000\n        增长率: 2.9\n"),
        [
            "事实.yaml 第 11 行:「在校学生」写的增长率 2.9% 与数值 1036、上年 1000 算出的 3.6% 不符,请核对这三个数"
        ],
    ),
    (
        "parts_do_not_add_up",
        with_figure(
            "        其中:\n          - 项目: 城区\n            数值: 5\n          - 项目: 农村\n            数值: 6\n"
        ),
        [
            "事实.yaml 第 11 行:「新建幼儿园」的「其中」各项之和为 11所,与总数 12所 不符,"
            "请核对(如果「其中」只列了一部分,可以忽略这条提示)"
        ],
    ),
    (
        "parts_add_up_exactly_in_decimals",
        fig(
            "      - 项目: 经费\n        数值: 0.3\n        单位: 亿元\n        其中:\n"
            "          - 项目: 甲\n            数值: 0.1\n          - 项目: 乙\n            数值: 0.2\n"
        ),
        [],
    ),
    ("target_exceeded_widely", with_figure("        目标: 3\n"), []),
    (
        "rate_points_as_growth",
        fig(
            '      - 项目: 巩固率\n        数值: 98.5\n        单位: "%"\n        上年: 97\n        增长率: 1.5\n'
        ),
        [],
    ),
    (
        "region_without_division",
        BASE.replace("地区: 青山县", "地区: 青山"),
        [
            "事实.yaml 第 3 行:「地区」写的是「青山」,草稿中会说成「全山」「我山」;请写辖区全称,如 青山县、青山市"
        ],
    ),
    (
        "date_of_another_year",
        BASE + "成文日期: 2024-07-05\n",
        ["事实.yaml 第 14 行:成文日期 2024-07-05 与年度 2025 对不上,请核对是不是沿用了往年的日期"],
    ),
    ("date_early_next_year", BASE + "成文日期: 2026年1月8日\n", []),
    (
        "no_plans_for_half_year",
        BASE,
        None,
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), WARNING_CASES, ids=[c[0] for c in WARNING_CASES])
def test_inconsistent_figures_are_warnings(name: str, content: str, expected: list[str] | None) -> None:
    facts = parse_facts(content, "事实.yaml")
    plan_warning = "事实.yaml:没有填写「计划」,草稿中的工作打算部分将留下【待补充】"
    if expected is None:
        assert facts.warnings == [plan_warning]
    else:
        assert [w for w in facts.warnings if w != plan_warning] == expected


def test_kind_may_be_its_ascii_id() -> None:
    facts = parse_facts(BASE.replace("类型: 半年总结", "类型: half_year"))
    assert facts.kind == "半年总结"


def test_bare_percent_unit_needs_no_quotes() -> None:
    # YAML reserves a leading % for directives; 「单位: %」 is still what writers type, so it is accepted.
    text = fig(
        "      - 项目: 合格率\n        数值: 95\n        单位: %   # 百分比\n      - 项目: 优秀率\n        单位: \uff05\n"
    )
    first, second = parse_facts(text).work[0].data
    assert (first.value, first.unit) == (95, "%")
    assert (second.value, second.unit) == (None, "%")


def test_growth_items_may_be_negative_but_counts_may_not() -> None:
    facts = parse_facts(fig('      - 项目: 招生人数增幅\n        数值: -3.5\n        单位: "%"\n'))
    assert facts.work[0].data[0].value == -3.5


def test_gbk_file_from_windows_notepad(tmp_path: Path) -> None:
    path = tmp_path / "事实.yaml"
    path.write_bytes(BASE.replace("\n", "\r\n").encode("gbk"))
    facts = load_facts(path)
    assert facts.unit == "青山县教育局"
    assert [m.text for m in facts.work[0].measures] == ["新建公办幼儿园"]


def test_gbk_file_with_a_mistake_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "事实.yaml"
    path.write_bytes(BASE.replace("单位: 青山县教育局", "单为: 青山县教育局").encode("gb18030"))
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    assert str(caught.value) == f"{path} 第 2 行:事实文件中有不认识的键「单为」。您是不是想写「单位」?"


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "事实.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert load_facts(path).kind == "半年总结"


def test_emoji_and_mixed_punctuation_are_kept() -> None:
    # Full-width \uff0c \uff08 \uff09 \uff01 next to their ASCII twins, as pasted from several sources.
    measure = "新建公办幼儿园🎉\uff0c全面推进(一期)工程\uff08二期\uff09,成效明显\uff01!"
    text = BASE.replace("新建公办幼儿园", measure)
    assert [m.text for m in parse_facts(text).work[0].measures] == [measure]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(FactsError) as caught:
        load_facts(tmp_path)
    assert (
        str(caught.value)
        == f"{tmp_path}:这是一个文件夹,不是事实文件。请给出事实文件(.yaml)的路径,例如 我的事实.yaml"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "没有.yaml"
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    assert str(caught.value) == (
        f"{path}:事实文件不存在。请检查路径是否写对;还没有事实文件的话,"
        "可以用 zongjie init --kind 半年总结 我的事实.yaml 生成一份"
    )


def test_very_large_file(tmp_path: Path) -> None:
    path = tmp_path / "大.yaml"
    path.write_bytes(BASE.encode() + b"# " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    assert (
        str(caught.value)
        == f"{path}:事实文件过大(1.0 MB,超过 1 MB 的上限)。事实文件通常只有几 KB,请确认选对了文件"
    )


def test_alias_bomb_is_refused_quickly() -> None:
    levels = ['a0: &a0 ["笑", "笑", "笑", "笑", "笑", "笑", "笑", "笑", "笑", "笑"]']
    for i in range(1, 30):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    started = time.perf_counter()
    with pytest.raises(FactsError) as caught:
        parse_facts("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 1.0
    assert "锚点和引用" in str(caught.value)


def test_bulk_is_bounded() -> None:
    text = "荣誉: [" + ",".join(["先进"] * 120_000) + "]\n"
    started = time.perf_counter()
    with pytest.raises(FactsError) as caught:
        parse_facts(text, "事实.yaml")
    assert time.perf_counter() - started < 10
    assert str(caught.value) == (
        "事实.yaml 第 1 行:事实文件中的条目太多(超过 50000 项)。事实文件通常只有几十到几百条内容,请确认选对了文件"
    )


@pytest.mark.parametrize("kind_id", list(KIND_IDS.values()))
def test_untouched_skeleton_asks_to_fill_in(kind_id: str) -> None:
    path = template_path("skeletons", f"{kind_id}.yaml")
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    message = str(caught.value)
    assert "还有必填的内容没有填写:单位、地区、年度" in message
    assert message.endswith(
        "工作。请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md"
    )


@pytest.mark.parametrize(("kind", "kind_id"), list(KIND_IDS.items()))
def test_filled_skeleton_loads(kind: str, kind_id: str) -> None:
    # The skeletons must stay in step with the schema: fill in the required keys and the file loads.
    text = template_path("skeletons", f"{kind_id}.yaml").read_text(encoding="utf-8")
    text = text.replace("\n单位:\n", "\n单位: 青山县教育局\n").replace("\n地区:\n", "\n地区: 青山县\n")
    text = text.replace("\n年度:\n", "\n年度: 2025\n").replace("\n半年:\n", "\n半年: 上半年\n")
    text = text.replace("\n活动名称:\n", "\n活动名称: 作风建设年活动\n")
    text = text.replace("工作:\n  - 领域:\n", "工作:\n  - 领域: 党建\n", 1)
    facts = parse_facts(text, "骨架.yaml")
    assert facts.kind == kind
    assert [a.topic for a in facts.work] == ["党建"]
    assert facts.work[0].measures == [] and facts.work[0].data == []


def test_skeletons_list_every_topic() -> None:
    names = set(topic_names().values())
    for kind_id in KIND_IDS.values():
        text = template_path("skeletons", f"{kind_id}.yaml").read_text(encoding="utf-8")
        assert all(name in text for name in names), kind_id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)))
def test_any_input_ends_in_facts_or_facts_error(content: str | bytes) -> None:
    try:
        facts = parse_facts(content, "模糊.yaml")
    except FactsError as error:
        assert str(error).startswith("模糊.yaml")
    else:
        assert facts.kind and facts.work


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(FULL)), st.text(max_size=30))
def test_damaged_real_file_ends_in_facts_or_facts_error(position: int, insert: str) -> None:
    damaged = FULL[:position] + insert + FULL[position:]
    try:
        facts = parse_facts(damaged, "模糊.yaml")
    except FactsError as error:
        assert str(error).startswith("模糊.yaml")
    else:
        assert facts.kind and facts.work


# Characters that matter to YAML or to our checks, so that the long run reaches past the first syntax error.
_TRICKY = st.sampled_from(
    list(
        ":-[]{}&*!|>'\"#%@`,?\t\n 　\uff1a\uff0c12.5%年月日所万元率其中数据领域项目数值单位上年目标增长率工作\x07\u2028"
    )
)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=len(FULL)), st.text(_TRICKY, max_size=12), st.integers(0, 40))
def test_long_fuzz_of_damaged_files(position: int, insert: str, cut: int) -> None:
    damaged = FULL[:position] + insert + FULL[position + cut :]
    try:
        facts = parse_facts(damaged, "模糊.yaml")
    except FactsError as error:
        assert str(error).startswith("模糊.yaml")
    else:
        assert facts.kind and facts.work


def test_one_kind_table_feeds_facts_skeletons_and_wording() -> None:
    from generator.base.resources import template_path
    from generator.taxonomy.kinds import find_kind, kinds_help, load_kinds

    assert list(KIND_IDS) == [k.name for k in load_kinds()] == ["半年总结", "年度总结及计划", "年度总结", "事业发展报告", "专项阶段总结"]
    for kind in load_kinds():
        assert template_path("skeletons", f"{kind.id}.yaml").is_file()
        assert find_kind(kind.id) is find_kind(kind.name) is kind
    half, campaign, annual = find_kind("半年总结"), find_kind("专项阶段总结"), find_kind("annual")
    assert half and campaign and annual
    assert half.next_period_for(2025, "上半年") == "下半年"
    assert half.next_period_for(2025, "下半年") == "2026年"
    assert campaign.next_period_for(2025) == "下一阶段"
    assert annual.next_period_for(2025) == "2026年"
    assert kinds_help().startswith("半年总结、年度总结及计划") and "campaign_stage" in kinds_help()


def test_topic_taxonomy_mistakes_are_template_errors(tmp_path, monkeypatch) -> None:
    from generator.errors import TemplateError
    from generator.taxonomy import topics

    bad = tmp_path / "topics.yaml"
    bad.write_text("topics:\n- name: 党建\n  aliases: [学前]\n- name: 学前教育\n  aliases: [学前]\n", encoding="utf-8")
    monkeypatch.setattr(topics, "template_path", lambda *parts: bad)
    topics.load_topics.cache_clear()
    try:
        with pytest.raises(TemplateError, match="「学前」同时是主题「党建」和「学前教育」的写法"):
            topics.load_topics()
    finally:
        monkeypatch.undo()
        topics.load_topics.cache_clear()
    assert topics.load_topics()[0].name == "党建"
    assert topics.topic_names()["幼儿教育"] == "学前教育"


# ---------------------------------------------------------------- numbers, measures, honours as writers write them


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        # (数值, 单位, (value, unit, written, after_unit, approximate))
        ("12所", "", (12, "所", "", "", False)),
        ("95%", "", (95, "%", "", "", False)),
        ("12,345", "人", (12345, "人", "", "", False)),
        ("十二", "所", (12, "所", "", "", False)),
        ("一千六百二十", "个", (1620, "个", "", "", False)),
        ("近500", "亩", (500, "亩", "近500", "", True)),
        ("2300余", "台", (2300, "台", "2300余", "", True)),
        ("约1.2万", "人", (12000, "人", "约1.2万", "", True)),
        ("1.2万", "人", (12000, "人", "1.2万", "", False)),
        ("超过3000人", "", (3000, "人", "超过3000", "", True)),
        ("99%以上", "", (99, "%", "99", "以上", True)),
        ("2.5个百分点", "", (2.5, "个百分点", "", "", False)),
        ("3.8亿元", "", (3.8, "亿元", "", "", False)),
    ],
)
def test_values_as_writers_write_them(value: str, unit: str, expected: tuple) -> None:
    body = f"      - 项目: 某项\n        数值: {value}\n" + (f"        单位: {unit}\n" if unit else "")
    figure = parse_facts(fig(body)).work[0].data[0]
    assert (figure.value, figure.unit, figure.written, figure.after_unit, figure.approximate) == expected


def test_a_unit_in_the_value_must_agree_with_the_unit_key() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(fig("      - 项目: 新建幼儿园\n        数值: 12所\n        单位: 个\n"), "事实.yaml")
    assert str(caught.value) == (
        "事实.yaml 第 12 行:「新建幼儿园」的「数值」写的是「12所」,单位「所」与「单位」写的「个」不一致。"
        "请只在一处写单位,或把两处改成一样"
    )


def test_an_approximate_previous_value_is_kept_out_of_the_arithmetic_with_a_warning() -> None:
    facts = parse_facts(fig("      - 项目: 新建幼儿园\n        数值: 12\n        单位: 所\n        上年: 约10\n"))
    assert facts.work[0].data[0].previous == 10 and facts.work[0].data[0].inexact == ("previous",)
    assert any("约数" in w and "上年" in w for w in facts.warnings)


def test_a_measure_may_carry_its_own_figures_honours_and_result() -> None:
    body = BASE.replace(
        "      - 新建公办幼儿园\n",
        "      - 内容: 推进党组织领导的校长负责制\n"
        "        数据:\n"
        "          - 项目: 建成试点学校\n"
        "            数值: 21\n"
        "            单位: 所\n"
        "        荣誉:\n"
        "          - 名称: 全省党建示范校\n"
        "            获得者: 县实验小学\n"
        "        成效: 党组织领导作用有效发挥\n"
        "      - 开展主题党日活动\n",
    )
    facts = parse_facts(body)
    first, second = facts.work[0].measures
    assert first.text == "推进党组织领导的校长负责制" and first.result == "党组织领导作用有效发挥"
    assert [(f.item, f.value, f.unit) for f in first.data] == [("建成试点学校", 21, "所")]
    assert first.honours == [Honour(name="全省党建示范校", winner="县实验小学", level="省级", line=first.honours[0].line)]
    assert second == Measure("开展主题党日活动", line=second.line)
    assert facts.work[0].measure_lines == [first.line, second.line]


def test_a_measure_mapping_needs_its_content() -> None:
    body = BASE.replace("      - 新建公办幼儿园\n", "      - 成效: 有效缓解入园难\n")
    with pytest.raises(FactsError) as caught:
        parse_facts(body, "事实.yaml")
    assert str(caught.value) == (
        "事实.yaml 第 9 行:「工作」的第 1 项的「举措」的第 1 条缺少「内容」。请写明这条举措做了什么,如 内容: 新建、改扩建公办幼儿园"
    )


def test_honours_name_their_winner_level_and_count() -> None:
    text = BASE + (
        "荣誉:\n"
        "  - 柳河县实验小学获评全国急救教育试点学校\n"
        "  - “全省教育宣传工作先进单位”\n"
        "  - 名称: 市级优秀教师\n"
        "    获得者: 教师\n"
        "    数量: 6名\n"
        "  - 名称: 文明校园\n"
        "    级别: 市\n"
    )
    honours = parse_facts(text).honours
    assert [(h.name, h.winner, h.level, h.count) for h in honours] == [
        ("全国急救教育试点学校", "柳河县实验小学", "国家级", ""),
        ("全省教育宣传工作先进单位", "", "省级", ""),
        ("市级优秀教师", "教师", "市级", "6名"),
        ("文明校园", "", "市级", ""),
    ]


def test_an_unknown_honour_level_is_an_error_naming_the_choices() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(BASE + "荣誉:\n  - 名称: 文明校园\n    级别: 乡级\n", "事实.yaml")
    assert "「级别」写的是「乡级」" in str(caught.value) and "国家级、省级、市级、县级" in str(caught.value)


def test_top_level_figures_are_read() -> None:
    facts = parse_facts(BASE + "数据:\n  - 项目: 各级各类学校\n    数值: 126\n    单位: 所\n")
    assert [(f.item, f.value, f.unit) for f in facts.figures] == [("各级各类学校", 126, "所")]


@pytest.mark.parametrize(
    ("topic", "advice"),
    [("学前教学", "如果想写的是「学前教育」,请改正"), ("研学实践", "主题分类中的领域有:党建、")],
)
def test_a_topic_outside_the_taxonomy_is_the_writers_own_with_a_warning(topic: str, advice: str) -> None:
    facts = parse_facts(BASE.replace("领域: 学前教育", f"领域: {topic}"), "事实.yaml")
    area = facts.work[0]
    assert area.topic == topic and area.own_topic
    (warning,) = [w for w in facts.warnings if "自定义领域" in w]
    assert warning.startswith(f"事实.yaml 第 7 行:「工作」的第 1 项的「领域」「{topic}」不在主题分类中,将作为自定义领域按原名起草;")
    assert advice in warning


@pytest.mark.parametrize("topic", ["体育", "特殊教育", "语言文字", "招生考试", "校外培训治理", "卫生健康与艺术",
                                   "后勤与食品安全", "宣传与意识形态", "群团", "关心下一代", "关工委", "双减"])
def test_topics_that_exist_in_bureaus_are_in_the_taxonomy(topic: str) -> None:
    facts = parse_facts(BASE.replace("领域: 学前教育", f"领域: {topic}"))
    assert not facts.work[0].own_topic and not [w for w in facts.warnings if "领域" in w]
