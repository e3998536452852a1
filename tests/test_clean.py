"""The cleaner: every noise class gone from the seeds, and the same rules on made-up reports it has never seen."""

from __future__ import annotations

import re

import opencc
import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import clean_file, clean_text
from generator.base.resources import template_path

# Site furniture a reader would spot at once; none of it may survive cleaning.
BOILERPLATE_WORDS = [
    "上传人", "文档编号", "上传时间", "第1页", "共8页", "资源描述", "展开阅读全文", "上一篇", "下一篇", "链接地址",
    "免责声明", "ICP备", "公网安备", "当前位置", "网站:", "前言:", "本站", "电脑版", "相关搜索", "相关资源",
    "下一页", "来源:网络", "由会员分享", "由互联网用户", "金锄头", "文库", "客服", "免费预览", "返回 下载", "http",
    "荟聚奇文",
]  # fmt: skip
TONE_LETTERS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
T2S = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def cleaned_seeds(seed_paths):
    return {path.stem: clean_file(path) for path in seed_paths}


def _spun_entries():
    data = yaml.safe_load(template_path("cleaning", "spun.yaml").read_text(encoding="utf-8"))
    return data["entries"]


# ------------------------------------------------------------------------------------------- the seeds


def test_no_boilerplate_survives_in_any_seed(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        for word in BOILERPLATE_WORDS:
            assert word not in result.text, f"{stem}: 残留杂质 {word}"


def test_no_traditional_character_in_any_seed(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        assert T2S.convert(result.text) == result.text, stem
    assert cleaned_seeds["003_e24b092d9f87ed40"].stats.traditional_chars > 500


def test_no_pinyin_gloss_in_any_seed(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        assert not TONE_LETTERS.search(result.text), stem
        assert not re.search(r"[((][a-z]+[))]", result.text), stem
    assert "科学发展观为统领" in cleaned_seeds["003_e24b092d9f87ed40"].text


def test_no_chunk_marker_in_any_seed(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        lines = result.lines
        for previous, line in zip(lines, lines[1:], strict=False):
            if re.match(r"\d{1,3}、", line):
                # A numbered line may only follow a finished sentence (the real list items of 004).
                assert previous[-1] in "。!?:", f"{stem}: 分块编号未拼接:{previous[-10:]} | {line[:10]}"
    text_001 = cleaned_seeds["001_f08b529532b5985e"].text
    assert "积极与属地政府" in text_001
    assert "市委全会精神" in text_001
    text_002 = cleaned_seeds["002_3852c5b6b4ca5af0"].text
    assert "今年25所标准化学校" in text_002
    assert "、、" not in text_002 and "汇报、区长办公会" in text_002
    assert not any(re.match(r"\d{1,3}、", line) for line in cleaned_seeds["002_3852c5b6b4ca5af0"].lines)


def test_real_list_items_are_kept(cleaned_seeds):
    lines = cleaned_seeds["004_87e61cf8e36a790c"].lines
    numbered = [line[:2] for line in lines if re.match(r"\d、", line)]
    assert numbered == [f"{n}、" for n in range(1, 10)]


def test_no_spun_form_of_the_data_list_in_any_seed(cleaned_seeds):
    entries = _spun_entries()
    for stem, result in cleaned_seeds.items():
        for entry in entries:
            assert not re.search(entry["pattern"], result.text), f"{stem}: 残留换词 {entry['pattern']}"
    text_002 = cleaned_seeds["002_3852c5b6b4ca5af0"].text
    for form in [
        "原那么",
        "效劳",
        "根底",
        "最正确",
        "广阔教师",
        "到达优秀",
        "根本完成",
        "标准学校",
        "教育开展",
    ]:
        assert form not in text_002
    assert "一、党建引领发展凸显新成效" in cleaned_seeds["002_3852c5b6b4ca5af0"].lines
    # The legitimate verb stays.
    assert "科学开展线上教学" in cleaned_seeds["001_f08b529532b5985e"].text


def test_spinning_is_flagged_only_where_heavy(cleaned_seeds):
    flagged = {stem for stem, result in cleaned_seeds.items() if result.stats.heavy_spinning}
    assert flagged == {"002_3852c5b6b4ca5af0"}
    assert cleaned_seeds["002_3852c5b6b4ca5af0"].stats.spun["原那么→原则"] == 1


def test_titles_and_dates_of_the_seeds(cleaned_seeds):
    titles = {stem: result.title for stem, result in cleaned_seeds.items()}
    assert titles["000_6729c89874232e6a"] == "市教育局半年工作总结"
    assert titles["001_f08b529532b5985e"] == "教育局2021年工作总结及来年工作计划"
    assert titles["002_3852c5b6b4ca5af0"] == "区教育体育局〖XX〗年度工作总结"
    assert titles["003_e24b092d9f87ed40"] == "教育局教育事业发展办法"
    assert titles["004_87e61cf8e36a790c"] == "教育局党委分析评议阶段先进性教育总结"
    assert cleaned_seeds["000_6729c89874232e6a"].date == "2020-07-04"
    # The title repeated at the head of the first chunk is gone, and the cut year there is a hole.
    assert cleaned_seeds["001_f08b529532b5985e"].lines[0].startswith("〖缺〗年是不平凡的一年")


def test_holes_placeholders_and_corrupt_numbers_in_the_seeds(cleaned_seeds):
    text_001 = cleaned_seeds["001_f08b529532b5985e"].text
    for marked in ["表彰〖缺〗余次", "达〖缺〗%", "先后召开〖缺〗次工作调度会", "完成〖缺〗个党组织换届", "〖缺〗名教师被评为",
                   "〖缺〗年,", "酒精〖缺〗吨", "一、〖缺〗年主要工作", "〖缺〗个百分点", "培育“〖缺〗”工程",
                   "全市〖缺〗所公办学校", "和〖缺〗名党员", "主体施工〖缺〗所、前期工作〖缺〗所。"]:  # fmt: skip
        assert marked in text_001, marked
    text_002 = cleaned_seeds["002_3852c5b6b4ca5af0"].text
    assert "新增学位〖疑:532023〗个" in text_002
    assert "〖疑:12023900〗元" in text_002
    assert "〖xx〗区" in text_002
    text_004 = cleaned_seeds["004_87e61cf8e36a790c"].text
    assert "〖#〗小学" in text_004 and "投入〖###〗万元" in text_004
    assert "〖XX〗市加快推进" in cleaned_seeds["000_6729c89874232e6a"].text


def test_marks_are_balanced_and_used_only_for_the_convention(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        for mark in re.findall(r"〖([^〗]*)〗", result.text):
            assert mark == "缺" or mark.startswith("疑:") or re.fullmatch(r"[Xx#*＊_＿]+", mark), (stem, mark)
        assert result.text.count("〖") == result.text.count("〗"), stem


def test_everything_else_is_verbatim(cleaned_seeds):
    # A clean paragraph of 000 comes through untouched, half-width commas and quotes included.
    source = "加强合格学校建设和“城区初中创优”市级重点扶持项目督查,组织合格学校建设验收、市级优质初中培育校申报评审、市级环保型学校、绿色学校评估验收。继续推进薄弱学校与优质学校对口帮扶工作。"  # noqa: E501
    assert source in cleaned_seeds["000_6729c89874232e6a"].lines


# ------------------------------------------------------------------------------------------- made-up inputs


def test_another_sites_header_and_footer():
    text = (
        "首页 > 范文中心 > 工作总结\n"
        "某县教育局2024年上半年工作总结【精选3篇】\n"
        "发布时间:2024-07-02 | 浏览次数:1024\n"
        "\n"
        "今年以来,县教育局围绕立德树人根本任务,扎实推进各项工作。\n"
        "一、办学条件持续改善\n"
        "新建校舍一批,学校面貌焕然一新。\n"
        "本文由网友投稿,如有侵权请联系我们删除。\n"
        "上一篇:某镇中心校工作总结\n"
        "下一篇:某校德育工作总结\n"
        "猜你喜欢\n"
        "教师个人工作总结\n"
        "Copyright © 某某范文网 苏ICP备00000000号\n"
    )
    result = clean_text(text)
    assert result.title == "某县教育局2024年上半年工作总结"
    assert result.lines == [
        "今年以来,县教育局围绕立德树人根本任务,扎实推进各项工作。",
        "一、办学条件持续改善",
        "新建校舍一批,学校面貌焕然一新。",
    ]
    assert result.date == "2024-07-02"
    assert len(result.stats.boilerplate) >= 8


def test_gbk_file(tmp_path):
    path = tmp_path / "总结.txt"
    path.write_bytes(
        "某区教育局年度工作总结\n一、抓实党建工作\n坚持原那么,全年开展专题学习。\n".encode("gbk")
    )
    result = clean_file(path)
    assert result.title == "某区教育局年度工作总结"
    assert result.lines == ["一、抓实党建工作", "坚持原则,全年开展专题学习。"]


def test_big5_file_with_traditional_text(tmp_path):
    path = tmp_path / "報告.txt"
    path.write_bytes(
        "某縣教育局年度工作總結\n一、加強黨的建設\n推進學校黨組織規範化建設,鞏固教育發展成果。\n".encode(
            "big5"
        )
    )
    result = clean_file(path)
    assert result.title == "某县教育局年度工作总结"
    assert result.lines == ["一、加强党的建设", "推进学校党组织规范化建设,巩固教育发展成果。"]
    assert result.stats.traditional_chars >= 12


def test_docx_file(tmp_path):
    doc = Document()
    doc.add_paragraph("篇一:某市教育局上半年工作总结.docx")
    doc.add_paragraph("一、加强队伍建设(一)强化师德师风。全年组织师德培训次,覆盖全体教师。")
    path = tmp_path / "总结.docx"
    doc.save(path)
    result = clean_file(path)
    assert result.title == "某市教育局上半年工作总结"
    assert result.lines == [
        "一、加强队伍建设",
        "(一)强化师德师风。",
        "全年组织师德培训〖缺〗次,覆盖全体教师。",
    ]


def test_heading_inline_with_its_text():
    text = "一年来工作扎实。一、聚焦主责主业(一)抓牢安全底线,守护校园平安。一是排查隐患;二是开展演练。(二)总体思路以改革促发展,稳中求进。"
    result = clean_text(text)
    assert result.lines == [
        "一年来工作扎实。",
        "一、聚焦主责主业",
        "(一)抓牢安全底线,守护校园平安。",
        "一是排查隐患;二是开展演练。",
        "(二)总体思路",
        "以改革促发展,稳中求进。",
    ]


def test_stray_numerals_inside_a_sentence_are_not_headings():
    text = "一、师生获奖\n获得省级一等奖及多个二、三等奖,第(一)项任务按期完成,另有3.5万元奖励。"
    result = clean_text(text)
    assert result.lines == [
        "一、师生获奖",
        "获得省级一等奖及多个二、三等奖,第(一)项任务按期完成,另有3.5万元奖励。",
    ]


def _chunked(parts: list[str]) -> str:
    return "\n\n".join(f"{n}、{part}" for n, part in enumerate(parts, start=1))


FILLER = (
    "全面落实立德树人根本任务,持续深化教育领域综合改革,不断提升教育教学质量和办学水平,努力办好人民满意的教育,"
)


def test_chunk_marker_cutting_a_number_and_a_word():
    parts = [
        FILLER * 5 + "全县新建幼儿园1",
        "8所,新增学位" + FILLER * 5 + "组织教师参加培训,积极",
        "推进课堂改革。" + FILLER * 2,
    ]
    result = clean_text(_chunked(parts))
    assert result.stats.chunk_markers == 3
    text = result.text
    assert "新建幼儿园18所" in text
    assert "积极推进课堂改革" in text
    assert not re.search(r"\d、", text)


def test_chunk_markers_inline_in_one_long_line():
    parts = [
        FILLER * 5 + "全县投入资金",
        "万元改善办学条件" + FILLER * 5 + "切实减轻学生",
        "课业负担。" + FILLER * 2,
    ]
    text = " ".join(f"{n}、{part}" for n, part in enumerate(parts, start=1))
    result = clean_text(text)
    assert "全县投入资金〖缺〗万元改善办学条件" in result.text
    assert "切实减轻学生课业负担" in result.text


def test_real_list_items_after_full_stops_are_not_chunk_markers():
    text = "一、主要措施\n1、加强领导。成立工作专班,明确责任分工。\n2、完善制度。修订管理办法。\n3、强化督查。开展专项检查。"
    result = clean_text(text)
    assert result.lines == text.split("\n")
    assert result.stats.chunk_markers == 0


def test_placeholders_are_wrapped():
    result = clean_text("XX县教育局在xx镇投入###万元,建成*所学校,负责人：＿＿。")
    # Full-width forms are folded as the seeds store them (：＿＿ → :__), so rules see one form.
    assert result.lines == ["〖XX〗县教育局在〖xx〗镇投入〖###〗万元,建成〖*〗所学校,负责人:〖__〗。"]
    assert result.stats.placeholders["XX"] == 1


def test_holes_where_numbers_were_cut():
    result = clean_text(
        "全年组织培训次,惠及教师余人,合格率达%。年,全县新增幼儿园所。投入资金万元,共有名教师受表彰。"
    )
    line = result.lines[0]
    assert "组织培训〖缺〗次" in line
    assert "教师〖缺〗余人" in line
    assert "达〖缺〗%" in line
    assert "。〖缺〗年," in line
    assert "资金〖缺〗万元" in line
    assert "共有〖缺〗名教师" in line
    # Words that merely start with a measure word are left alone.
    kept = clean_text(
        "完成所有任务,开展个人述职,召开家长会,举办期间秩序良好,年复一年,在培训期,研究所。"
    ).lines[0]
    assert kept == "完成所有任务,开展个人述职,召开家长会,举办期间秩序良好,年复一年,在培训期,研究所。"
    assert clean_text("全年组织集中学习次。").lines == ["全年组织集中学习〖缺〗次。"]


def test_number_with_a_year_spliced_in():
    result = clean_text("2024年,全区新增学位1202024个,投入资金3.5亿元,建成2024所学校。")
    assert result.lines == ["2024年,全区新增学位〖疑:1202024〗个,投入资金3.5亿元,建成〖疑:2024〗所学校。"]


def test_spun_forms_are_repaired_with_their_guards():
    result = clean_text(
        "坚持原那么,为师生效劳,夯实根底教育,广阔教师到达优秀水平,工程已根本完成,推动教育事业科学开展。"
    )
    assert result.lines == [
        "坚持原则,为师生服务,夯实基础教育,广大教师达到优秀水平,工程已基本完成,推动教育事业科学发展。"
    ]
    assert result.stats.spun["原那么→原则"] == 1
    untouched = "科学开展教研活动,建成标准化学校,及时到达现场,从根本上解决问题,深入开展主题教育。"
    assert clean_text(untouched).lines == [untouched]


def test_pinyin_glosses_are_removed_in_both_widths():
    result = clean_text("加強(qiáng)隊(duì)伍建設（shè）,推進(jìn)發展。")
    assert result.lines == ["加强队伍建设,推进发展。"]
    assert result.stats.pinyin_glosses == 4
    # Brackets with ordinary content stay.
    assert clean_text("制定实施方案(2023-2025年)。").lines == ["制定实施方案(2023-2025年)。"]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("县教育局上半年工作总结范文(2)", "县教育局上半年工作总结"),
        ("【完整版】区教育局年度工作总结", "区教育局年度工作总结"),
        ("教育局年度工作总结和来年工作计划(精选5篇)", "教育局年度工作总结和来年工作计划"),
        ("篇一:乡镇中心校工作总结", "乡镇中心校工作总结"),
        ("市教育局述职报告.docx", "市教育局述职报告"),
        ("县教育局工作要点_第1页", "县教育局工作要点"),
    ],
)
def test_title_decorations(raw, title):
    result = clean_text(f"{raw}\n一、基本情况\n全年工作稳步推进。")
    assert result.title == title
    assert result.lines == ["一、基本情况", "全年工作稳步推进。"]


def test_clean_text_is_idempotent_on_its_own_output(cleaned_seeds):
    for stem, result in cleaned_seeds.items():
        again = clean_text(result.text)
        assert again.lines == result.lines, stem


def test_body_text_that_resembles_noise_is_kept():
    text = "\n".join(
        [
            "某县教育局工作总结",
            "(2024年12月20日)",
            "一、优化布局、改善条件、提升质量",
            "家长可登录www.example.gov.cn报名,完成所承担的任务,开展名著阅读和家校共育活动。",
            "全县获得一等奖,另有二、三等奖若干。二、三年级全面开展课后服务。",
            "持续开展继续阅读推广,各项工作全面开展,活动持续开展。",
        ]
    )
    result = clean_text(text)
    assert result.title == "某县教育局工作总结"
    assert result.date == "2024年12月20日"
    assert result.lines == text.split("\n")[1:]
    assert result.stats.holes == 0 and not result.stats.spun


def test_site_slogan_is_dropped_only_before_the_text():
    text = "博采众长、精选范文、服务写作\n某镇中心校工作总结\n一、工作成效\n立德树人、五育并举、守正创新\n全年工作成效明显。"
    result = clean_text(text)
    assert result.title == "某镇中心校工作总结"
    assert result.lines == ["一、工作成效", "立德树人、五育并举、守正创新", "全年工作成效明显。"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list(
                    "一二三四五六七八九十是、。,;:()()12345.%年个名所余万元XX#*_ \n教育发展开展原那么效劳標準發(fā)"
                )
            ),
            max_size=80,
        ),
        max_size=12,
    )
)
def test_cleaner_never_fails_and_keeps_marks_balanced(chunks):
    result = clean_text("\n".join(chunks))
    text = result.text
    assert text.count("〖") == text.count("〗")
    assert "〖〖" not in text
    assert all(line == line.strip() and line for line in result.lines)


def test_source_brackets_never_pose_as_marks():
    assert clean_text("开展〖读书月〗活动。").lines == ["开展【读书月】活动。"]


def test_doc_site_copy_with_site_name_double_title_echo_and_inline_headings():
    body1 = "义务教育优质均衡发展扎实推进," * 14
    body2 = "全力保障秋季学期按时开学," * 18
    text = "\n".join(
        [
            "某某文档 - 在线分享",
            "教育局2024年上半年工作总结范文.docx",
            "上传人:王** 文档编号:123 上传时间:2024-07-09 格式:DOCX 页数:5 大小:21KB",
            "点击查看更多>>",
            "资源描述",
            "1、教育局2024年上半年工作总结范文教育局2024年上半年工作总结范文 2024年上半年,全县教育系统扎实推进各项工作。"
            f" 一、上半年主要工作 (一)强化党建引领。组织集体学习xx次,{body1}学前教育普惠",
            f"2、发展取得新进展。 (二)推进项目建设。x月xx日召开项目推进会,{body2}确保",
            "3、工程质量。 二、下半年工作计划 (一)持续深化改革。",
            "下面是小编为大家整理的教育局工作总结,供大家参考。",
        ]
    )
    result = clean_text(text)
    assert result.title == "教育局2024年上半年工作总结"
    assert [line[:12] for line in result.lines] == [
        "2024年上半年,全县教",
        "一、上半年主要工作",
        "(一)强化党建引领。",
        "组织集体学习〖xx〗次,",
        "(二)推进项目建设。",
        "〖x〗月〖xx〗日召开项",
        "二、下半年工作计划",
        "(一)持续深化改革。",
    ]
    assert "学前教育普惠发展取得新进展" in result.text
    assert "确保工程质量。" in result.text
    assert result.date == "2024-07-09"


def test_forum_jammer_page_numbers_and_library_footers():
    text = "\n".join(
        [
            "某校年度工作总结(可编辑)",
            "一、主要成绩",
            "? k: W1 p$ z& c7 M",
            "全年教学质量稳步提升。. R( d# q5 u+ N& e",
            "— 2 —",
            "学习-----好资料",
            "扫一扫关注我们的微信公众号",
            "12",
            "全年PM2.5 浓度下降,A 级学校 12 所。",
        ]
    )
    result = clean_text(text)
    assert result.title == "某校年度工作总结"
    # The spaces a PDF leaves around numbers go ("12 所" → "12所"); Latin text keeps its own ("A 级").
    assert result.lines == ["一、主要成绩", "全年教学质量稳步提升。", "全年PM2.5浓度下降,A 级学校12所。"]


def test_mangled_gloss_leaves_nothing_behind():
    result = clean_text("一、主要做法\n工作總結(jié)是基礎(chǔ),??偨Y(jié)工作重在提高。")
    assert result.lines == ["一、主要做法", "工作总结是基础,工作重在提高。"]


def test_a_clean_paragraph_full_of_measure_words_is_untouched():
    paragraph = (
        "全市所有学校落实到位,各单位按学期组织著名教师开展讲座,报名人数创新高;其次,完善活动场所、培训场地和"
        "工作人员配置,个别学校存在层次不高、环节不全的问题;各研究所、派出所协同做好校园周边治理,"
        "城乡所需经费足额保障,全县个人和集体共获表彰56项,名列全省前茅,举办期间秩序良好,"
        "知名专家和提名教师参加评审,施工期间安全平稳,竣工项目如期投用。"
    )
    result = clean_text(paragraph)
    assert result.lines == [paragraph]
    assert result.stats.holes == 0


def test_truncated_endings_and_lost_closing_quotes_are_reported(cleaned_seeds):
    truncated = {stem for stem, result in cleaned_seeds.items() if result.stats.truncated}
    assert truncated == {"002_3852c5b6b4ca5af0", "004_87e61cf8e36a790c"}
    assert cleaned_seeds["002_3852c5b6b4ca5af0"].stats.unbalanced_quotes > 5
    assert cleaned_seeds["000_6729c89874232e6a"].stats.unbalanced_quotes == 0


def test_two_chunk_copy_with_headings_after_a_colon_and_a_shortened_title_echo():
    filler = "坚持以人民为中心的发展思想,统筹推进城乡教育一体化发展," * 6
    text = "\n".join(
        [
            "2023县教育局上半年工作总结报告.doc",
            "《2023县教育局上半年工作总结报告.doc》由会员分享,可在线阅读。",
            f"1、县教育局上半年工作总结报告 上半年,全县教育工作稳步推进。现总结如下:一、主要工作(一)夯实党建基础。{filler}向县政府呈报了",
            "2、实施方案,各项工作稳步推进。",
        ]
    )
    result = clean_text(text)
    assert result.title == "2023县教育局上半年工作总结报告"
    assert result.lines[:3] == [
        "上半年,全县教育工作稳步推进。现总结如下:",
        "一、主要工作",
        "(一)夯实党建基础。",
    ]
    assert "向县政府呈报了实施方案" in result.text
    assert result.stats.chunk_markers == 2


def test_page_with_several_reports_keeps_the_first():
    text = "\n".join(
        [
            "乡镇中心校工作总结(精选3篇)",
            "时间:2024-01-05 10:20:30     小编:abc",
            "岁月如梭,又到了写总结的时候。下面是小编为大家整理的中心校工作总结,供大家参考。",
            "篇一:《某镇中心校2023年工作总结》",
            "一、夯实常规管理",
            "全年开展教学视导4次。",
            "篇二:《某乡中心校2023年工作总结》",
            "一、另一篇的内容",
            "篇三:《某村小学工作总结》",
            "一、第三篇",
        ]
    )
    result = clean_text(text)
    assert result.title == "某镇中心校2023年工作总结"
    assert result.lines == ["一、夯实常规管理", "全年开展教学视导4次。"]
    assert result.stats.extra_articles == 2
    assert result.date == "2024-01-05"


def test_spam_line_above_the_title_and_mangled_question_marks_in_a_glossed_copy():
    text = "\n".join(
        [
            "热门小说免费阅读,最新电影在线观看,高清视频资源大全,精彩内容天天更新,欢迎访问",
            "某縣教育局工作總結(jié)",
            "一、抓實(shí)黨建",
            "我們?cè)?月份組織了全面摸底,爭取上級(jí)支持?h政府召開現(xiàn)場(chǎng)會(huì)。",
        ]
    )
    result = clean_text(text)
    assert result.title == "某县教育局工作总结"
    assert result.lines[0] == "一、抓实党建"
    assert "?" not in result.text and not re.search(r"[A-Za-z]", result.text)


def test_numbered_copies_of_the_page_title_keep_the_first():
    text = "\n".join(
        [
            "年度教育局工作总结3篇",
            "年度教育局工作总结1",
            "一、今年工作总结",
            "全年各项指标均达到目标。",
            "年度教育局工作总结2",
            "一、第二篇",
        ]
    )
    result = clean_text(text)
    assert result.title == "年度教育局工作总结"
    assert result.lines == ["一、今年工作总结", "全年各项指标均达到目标。"]
    assert result.stats.extra_articles == 1


def test_more_spun_verbs_with_their_guards():
    spun = "构造全体教师停止了专项督查,进步教学质量,晋升综合本质,讲授质量稳步提升。"
    assert clean_text(spun).lines == [
        "组织全体教师进行了专项督查,提高教学质量,提升综合素质,教学质量稳步提升。"
    ]
    plain = "学校停止招生,学生取得进步,教师职务晋升,抓住问题的本质,讲授党课。"
    assert clean_text(plain).lines == [plain]


def test_heading_with_a_first_batch_is_not_cut_at_di_yi():
    text = "一、示范创建\n(二)创建第一批示范校,全县遴选学校开展试点。"
    assert clean_text(text).lines == ["一、示范创建", "(二)创建第一批示范校,全县遴选学校开展试点。"]


def test_heading_separated_from_its_text_by_a_space_only():
    text = "一、上半年工作总结 上半年全县教育工作稳步推进,成效明显。\n(一)党建引领 全年开展集中学习,覆盖全体党员。"
    assert clean_text(text).lines == [
        "一、上半年工作总结",
        "上半年全县教育工作稳步推进,成效明显。",
        "(一)党建引领",
        "全年开展集中学习,覆盖全体党员。",
    ]
    assert clean_text(text).title == ""


def test_government_website_page():
    text = "\n".join(
        [
            "首页 > 政务公开 > 工作总结",
            "某县教育局2023年工作总结和2024年工作计划",
            "发布时间:2024-01-10 来源:县教育局 浏览次数:356",
            "【字体:大 中 小】【打印】【关闭】",
            "索引号:000000/2024-00001",
            "一、2023年工作总结",
            "全年各项工作稳步推进。",
            "二、2024年工作计划",
            "全面深化教育改革。",
            "扫一扫在手机打开当前页",
            "主办:某县人民政府 承办:某县政务服务中心",
            "网站标识码:1234567890 某ICP备12345678号",
        ]
    )
    result = clean_text(text)
    assert result.title == "某县教育局2023年工作总结和2024年工作计划"
    assert result.date == "2024-01-10"
    assert result.lines == [
        "一、2023年工作总结",
        "全年各项工作稳步推进。",
        "二、2024年工作计划",
        "全面深化教育改革。",
    ]


def test_pian_inside_a_sentence_is_no_article_header():
    text = "一、科研成果\n共征集论文50篇一等奖5篇\n全年成效明显。"
    assert clean_text(text).lines == text.split("\n")


def test_one_gloss_does_not_eat_placeholders_next_to_characters():
    # A glossed copy with placeholders: 培训教师XX人次 once lost 师 and XX to the gloss-residue rule.
    result = clean_text("加強(qiáng)隊伍建設,培訓教師XX人次,投入資金XX萬元,x月x日召開推進會。")
    assert result.lines == ["加强队伍建设,培训教师〖XX〗人次,投入资金〖XX〗万元,〖x〗月〖x〗日召开推进会。"]
    assert result.stats.pinyin_glosses == 1
    assert result.stats.placeholders == {"XX": 2, "x": 2}
    assert result.stats.holes == 0


def test_one_gloss_does_not_eat_english_words_next_to_characters():
    text = "推進(jìn)智慧校園建設,開發學校APP,全覆蓋WiFi,建成QQ群和AI課堂,配備U盤,教師制作PPT課件。"
    result = clean_text(text)
    assert result.lines == ["推进智慧校园建设,开发学校APP,全覆盖WiFi,建成QQ群和AI课堂,配备U盘,教师制作PPT课件。"]
    assert result.stats.pinyin_glosses == 1


def test_pinyin_that_lost_its_brackets_goes_but_the_character_stays():
    result = clean_text("堅持科學發展zhǎn,推進(jìn)教育公平。")
    assert result.lines == ["坚持科学发展,推进教育公平。"]
    assert result.stats.pinyin_glosses == 2


def test_a_new_sites_article_furniture_goes_but_body_words_stay():
    body = "全年开通举报电话,把典型经验分享到各校,组织学生阅读名著3次,学校网站浏览次数突破10万人次。"
    text = "\n".join(
        [
            "某县教育局2024年工作总结",
            "发布者:admin 2024-12-30 阅读:88次",
            "作者:佚名  来源:原创  点击:56",
            "发布人:办公室  浏览次数 1024",
            "浏览次数 1024",
            "一、主要工作",
            body,
            "收藏 | 分享到: | 举报",
            "评论(3)",
            "赞(12) 收藏(5)",
        ]
    )
    result = clean_text(text)
    assert result.title == "某县教育局2024年工作总结"
    assert result.lines == ["一、主要工作", body]
    assert result.date == "2024-12-30"
    assert "发布者:admin 2024-12-30 阅读:88次" in result.stats.boilerplate


LONE_CHUNK = "\n".join(
    [
        "某县教育局2024年工作总结",
        "一、主要工作",
        "全年围绕重点项目建设,主动对接上级部门,我们积极与",
        "",
        "3、县发改委对接,争取项目资金到位。",
        "二、存在问题",
        "部分学校的基础设施仍然薄弱,投入不足,需要持续加大",
        "",
        "1、财政投入,逐步改善办学条件。",
    ]
)


def test_a_lone_chunk_number_that_cuts_a_sentence_is_joined():
    result = clean_text(LONE_CHUNK)
    assert result.lines == [
        "一、主要工作",
        "全年围绕重点项目建设,主动对接上级部门,我们积极与县发改委对接,争取项目资金到位。",
        "二、存在问题",
        "部分学校的基础设施仍然薄弱,投入不足,需要持续加大财政投入,逐步改善办学条件。",
    ]
    assert result.stats.chunk_markers == 2


@pytest.mark.parametrize(
    "text",
    [
        # Items after finished sentences.
        "一、主要工作\n全年工作稳步推进。\n3、县发改委对接顺利。\n4、项目资金到位。",
        # A list under a heading without punctuation: 1、 2、 3、 run in a row.
        "一、主要工作\n下半年工作打算\n1、加强党建\n2、抓好安全\n3、强化保障",
        # A single item right under a numbered heading.
        "一、主要工作\n(一)项目建设\n1、争取项目资金到位。",
        # The number opens the document.
        "3、县发改委对接,争取项目资金到位。\n一、主要工作\n全年工作稳步推进。",
    ],
)
def test_real_list_items_are_not_taken_for_lone_chunk_numbers(text):
    result = clean_text("某县教育局2024年工作总结\n" + text)
    assert result.lines == text.split("\n")
    assert result.stats.chunk_markers == 0


def test_the_cleaner_records_the_file_line_of_every_output_line() -> None:
    """Mining and import cite sources by the cleaner's own record: no second search of the raw text."""
    raw = (
        "首页 > 工作总结 > 教育\n"                                      # 1 site menu
        "https://www.example.com/a/b.html\n"                             # 2 a web address (dropped first)
        "某县教育局2023年上半年工作总结\n"                               # 3 the title
        "\n"                                                             # 4
        "今年以来,我局在县委、县政府的正确領導下,紮實推進各項工作。\n"  # 5 traditional characters
        "一、主要工作\n"                                                 # 6
        "(一)学前教育\n"                                                 # 7
        "新建幼儿园3所,\n"                                               # 8 a line the cleaner joins
        "新增学位400个。\n"                                              # 9
    )
    cleaned = clean_text(raw, source="某.txt")
    assert cleaned.title_line == 3
    where = dict(zip(cleaned.lines, cleaned.source_lines, strict=True))
    assert where[next(line for line in cleaned.lines if line.startswith("今年以来"))] == 5
    assert where[next(line for line in cleaned.lines if "主要工作" in line)] == 6
    assert where[next(line for line in cleaned.lines if "新建幼儿园" in line)] == 8
