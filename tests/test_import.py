"""`zongjie import`: last year's report into this year's facts (and outline), on the realform files, the seeds and
a made-up previous-year report in a writer's full-width form, .txt and .docx."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from generator.facts.figures import format_number
from generator.facts.load import parse_facts
from generator.importing.lastyear import import_report
from generator.importing.report import read_last_year

ROOT = Path(__file__).resolve().parent.parent
REALFORM = Path(__file__).resolve().parent / "realform"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
MADE_UP = FIXTURES / "青山县2025年总结.txt"
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\uff08[一二三四五六七八九十]+\uff09|\d+\uff0e)")

# The made-up report by hand: every figure of its summary part (单位, 上年) in order, its areas and plans.
MADE_UP_FIGURES = [
    ("所", "21"),
    ("个", "5"),
    ("所", "6"),
    ("个", "1620"),
    ("%", "88.5"),
    ("万人", "约1.2"),
    ("个", "4860"),
    ("%", "99以上"),
    ("人次", "3200"),
    ("人次", "1200"),
    ("人次", "2000"),
    ("万元", "4350"),
    ("万元", "3100"),
    ("万元", "1250"),
    ("万元", "865.4"),
    ("人次", "6120"),
]
MADE_UP_AREAS = [
    ("党建引领持续深化", "党建"),
    ("学前教育普惠发展", "学前教育"),
    ("义务教育优质均衡", "义务教育"),
    ("教育经费保障有力", "经费保障"),
]
MADE_UP_PLANS = ["推进义务教育优质均衡", "提升学前教育质量", "加强教师队伍建设"]
MADE_UP_PROBLEMS = ["城乡之间", "乡村学校音体美专任教师", "学前教育保教质量"]


def made_up_docx(path: Path) -> Path:
    """The made-up report as a writer's Word file: one paragraph a line, headings bold, full-width text kept."""
    import docx

    document = docx.Document()
    for line in MADE_UP.read_text(encoding="utf-8").splitlines():
        run = document.add_paragraph().add_run(line)
        run.bold = bool(HEADING.match(line))
    document.save(str(path))
    return path


@pytest.fixture(params=["txt", "docx"])
def made_up(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    text = MADE_UP.read_text(encoding="utf-8")
    assert "\uff08\u4e00\uff09" in text and "\u3000\u3000" in text and "\uff0c" in text  # a writer's own file
    if request.param == "docx":
        return made_up_docx(tmp_path / "去年总结.docx")
    return MADE_UP


def _figures(data: dict) -> list[tuple[str, str]]:
    found = []
    for area in data.get("工作") or []:
        for figure in area.get("数据") or []:
            found.append((figure.get("单位") or "", str(figure["上年"])))
            for part in figure.get("其中") or []:
                found.append((part.get("单位") or figure.get("单位") or "", str(part["上年"])))
    return found


def test_made_up_report_imports_every_figure_area_plan_and_problem(made_up: Path, tmp_path: Path) -> None:
    out = tmp_path / "今年事实.yaml"
    result = import_report(made_up, out)
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["类型"], data["单位"], data["地区"], data["年度"]) == (
        "年度总结及计划",
        "青山县教育局",
        "青山县",
        2026,
    )
    assert (data["上级"], data["工作主线"]) == ("县委、县政府", "优质均衡、提质增效")
    expected = list(MADE_UP_FIGURES)
    assert _figures(data) == expected
    assert [a["领域"] for a in data["工作"]] == [topic for _, topic in MADE_UP_AREAS]
    for title, _ in MADE_UP_AREAS:
        assert f"# 去年的小标题「{title}」" in text
    reviews = data["计划回顾"]
    assert [r["计划"].split("。")[0] for r in reviews] == MADE_UP_PLANS
    assert all(r["完成情况"] is None for r in reviews)
    problems = [line for line in text.splitlines() if line.startswith("# 去年:") and "问题:" not in line]
    for problem in MADE_UP_PROBLEMS:
        assert any(problem in line for line in problems)
    # The honour and the year-before figures are comments for the writer.
    assert "# 去年:开展“清廉学校”创建活动,县实验小学被评为“全省清廉学校建设示范校”" in text
    assert "由此算出去年材料中的上年为 1200个" in text and "由此算出去年材料中的上年为 4000万元" in text
    assert (result.areas, result.plans, result.problems, result.missing) == (4, 3, 3, [])
    # It is a facts file: check reads it, and says which 数值 remain to fill.
    facts = parse_facts(text, path=str(out))
    unfilled = [w for w in facts.warnings if "还没有填写「数值」" in w]
    # Every figure with its 上年, approximate ones too (kept, though no change is computed from them).
    assert len(unfilled) == len(expected)


def test_txt_and_docx_import_the_same(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    import_report(MADE_UP, a)
    import_report(made_up_docx(tmp_path / "去年.docx"), b)
    strip = re.compile(r"^# 事实文件.*\n", re.M)
    assert strip.sub("", a.read_text(encoding="utf-8")) == strip.sub("", b.read_text(encoding="utf-8"))


def _normalised(path: Path) -> str:
    """The import's facts without the line naming its source file."""
    return re.sub(r"^# 事实文件.*\n", "", path.read_text(encoding="utf-8"), flags=re.M)


REALFORM_SEEDS = [
    ("000-utf8.txt", "000_6729c89874232e6a.txt"),
    ("001-gbk-crlf.txt", "001_f08b529532b5985e.txt"),
    ("002.docx", "002_3852c5b6b4ca5af0.txt"),
    ("003.docx", "003_e24b092d9f87ed40.txt"),
    ("004-utf8.txt", "004_87e61cf8e36a790c.txt"),
]


@pytest.mark.parametrize(("realform", "seed"), REALFORM_SEEDS)
def test_realform_files_import_as_golden_and_as_their_seeds(
    realform: str, seed: str, tmp_path: Path, golden
) -> None:
    source = REALFORM / realform
    out, from_seed = tmp_path / "realform.yaml", tmp_path / "seed.yaml"
    import_report(source, out)
    import_report(ROOT / "seeds" / seed, from_seed)
    golden(f"import/{Path(realform).stem}.yaml", _normalised(out))
    # A writer's full-width, GBK or Word file gives what its folded seed gives.
    assert _normalised(out) == _normalised(from_seed)
    # Once the writer fills what last year's report did not tell (here 地区, 活动名称), check passes.
    filled = out.read_text(encoding="utf-8")
    for key, value in (("单位", "某县教育局"), ("地区", "某县"), ("年度", "2026"), ("活动名称", "学习教育")):
        filled = re.sub(rf"^{key}:$", f"{key}: {value}", filled, flags=re.M)
    facts = parse_facts(filled, path=str(out))
    # Every figure has last year's value, except those the scraped page lost (〖缺〗), each said so in a comment.
    lost = [f for a in facts.work for f in a.data if f.previous is None]
    assert facts.work and len(lost) == filled.count("# 去年材料中这个数缺失")


def test_seed_000_figures_by_hand(tmp_path: Path) -> None:
    """Seed 000's summary figures as a person lists them: value and unit, in order, with the year before."""
    out = tmp_path / "x.yaml"
    import_report(ROOT / "seeds" / "000_6729c89874232e6a.txt", out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (data["类型"], data["年度"], data["半年"]) == ("半年总结", 2013, "下半年")
    assert _figures(data) == [
        ("所", "5"),
        ("科", "3"),
        ("个", "3"),
        ("个", "6"),
        ("所", "11"),
        ("所", "6"),
        ("万元", "281779"),
        ("万元", "65623"),
        ("万元", "21176"),
        ("个", "7"),
        ("所", "5"),
        ("件", "823"),
        ("%", "100"),
    ]
    text = out.read_text(encoding="utf-8")
    assert "由此算出去年材料中的上年为 248025万元" in text and "由此算出去年材料中的上年为 54812万元" in text
    # 下半年工作打算: every item of it is on the checklist, the lead paragraph is not.
    reviews = [r["计划"] for r in data["计划回顾"]]
    assert reviews[0] == "推进中央项目园、实事项目园建设。"
    assert any("救助困难学生700名" in r for r in reviews) and any("教坛新秀" in r for r in reviews)
    assert not any("主要突出四个方面" in r for r in reviews)
    assert len(reviews) == 16


def test_round_trip_import_fill_generate(tmp_path: Path) -> None:
    """Import, fill every 数值 with a made-up value, generate: the areas in order, each change from 上年."""
    from generator.api import draft_from_facts
    from generator.library.core import load_outline_file

    source = made_up_docx(tmp_path / "去年总结.docx")
    facts_path, outline_path = tmp_path / "今年事实.yaml", tmp_path / "我的提纲.yaml"
    import_report(source, facts_path, outline_out=outline_path)
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    filled: list[tuple[str, Decimal, Decimal, str]] = []
    for index, area in enumerate(data["工作"]):
        for number, figure in enumerate(area["数据"], start=1):
            previous = figure["上年"]
            unit = figure.get("单位") or ""
            if isinstance(
                previous, str
            ):  # an approximate figure keeps its qualifier; its value is this year's
                figure["数值"] = 13
                continue
            value = (
                Decimal(str(previous))
                + (Decimal("1.5") if unit == "%" and previous < 98 else 0)
                + (0 if unit == "%" else 10 * (index + 1) + number)
            )
            if unit == "%" and previous >= 98:
                value = Decimal(str(previous)) - Decimal("0.5")
            figure["数值"] = float(value) if value != value.to_integral_value() else int(value)
            for part in figure.get("其中") or []:
                part["数值"] = part["上年"] + 10
            if figure.get("其中"):
                figure["数值"] = sum(part["数值"] for part in figure["其中"])
                value = Decimal(str(figure["数值"]))
            filled.append((figure["项目"], value, Decimal(str(previous)), unit))
    for review in data["计划回顾"]:
        review["完成情况"] = "已完成"
    data["问题"] = ["乡村学校音体美专任教师仍然紧缺"]
    data["计划"] = [{"领域": "义务教育", "举措": ["启动城区学校建设三年行动"]}]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    facts = parse_facts(text, path="今年事实.yaml")
    outline = load_outline_file(outline_path)
    draft = draft_from_facts(facts, seed=0, outline=outline)
    body = unicodedata.normalize("NFKC", draft.text)

    # The areas in last year's order: each area's first figure comes after the previous area's.
    def at(value: Decimal, unit: str) -> int:
        found = re.search(rf"(?<![\d.]){re.escape(format_number(value))}{re.escape(unit)}", body)
        assert found, (value, unit)
        return found.start()

    firsts = [
        next(at(v, u) for name, v, _, u in filled if name == area["数据"][0]["项目"])
        for area in data["工作"]
        if not isinstance(area["数据"][0]["上年"], str)
    ]
    assert len(firsts) == 4 and firsts == sorted(firsts)
    # Every comparison with last year is computed from the imported 上年.
    for item, value, previous, unit in filled:
        diff = value - previous
        if unit == "%":
            told = [f"{'提高' if diff > 0 else '下降'}{format_number(abs(diff))}个百分点"]
        else:
            # The change is said once: the amount for a small count, the rate for a large base or money.
            rate = (abs(diff) / previous * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
            told = [f"{'增加' if diff > 0 else '减少'}{format_number(abs(diff))}{unit}",
                    f"{'增长' if diff > 0 else '下降'}{format_number(rate)}%"]
        assert any(t in body for t in told), (item, told)
    assert "对照年初确定的工作计划,3项重点任务中已全部完成。" in body


def test_outline_out_puts_summary_problems_and_plans_in_their_parts(tmp_path: Path) -> None:
    """A full-width .docx with （一） headings: the outline's draft has the right parts and the right plan year."""
    from generator.api import draft_from_facts
    from generator.library.core import load_outline_file

    source = made_up_docx(tmp_path / "去年总结.docx")
    facts_path, outline_path = tmp_path / "今年事实.yaml", tmp_path / "我的提纲.yaml"
    import_report(source, facts_path, outline_out=outline_path)
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    data["问题"] = ["乡村学校音体美专任教师仍然紧缺"]
    data["计划"] = [{"领域": "义务教育", "举措": ["启动城区学校建设三年行动"]}]
    data["总体思路"] = "以办好人民满意的教育为目标"
    facts = parse_facts(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path="今年事实.yaml")
    draft = draft_from_facts(facts, seed=0, outline=load_outline_file(outline_path))
    top = [
        unicodedata.normalize("NFKC", b.text) for b in draft.blocks if b.kind == "heading" and b.level == 1
    ]
    assert top == ["一、2026年主要工作", "二、存在的问题", "三、2027年工作计划"]
    blocks = [(b.kind, b.level, unicodedata.normalize("NFKC", b.text)) for b in draft.blocks]
    where = {text: i for i, (_, _, text) in enumerate(blocks)}
    summary, problems, plans = where[top[0]], where[top[1]], where[top[2]]
    seconds = [i for i, (kind, level, _) in enumerate(blocks) if kind == "heading" and level == 2]
    assert len([i for i in seconds if summary < i < problems]) == 4  # the four areas, as (一) to (四)
    assert any("音体美" in text for _, _, text in blocks[problems:plans])
    assert any("三年行动" in text for _, _, text in blocks[plans:])
    assert any("总体思路" in text for _, _, text in blocks[plans:])
    # The closing is a closing paragraph; the unit is signed once.
    assert sum(1 for _, _, text in blocks if text == "青山县教育局") == 1
    assert "2025" not in "".join(top)


def test_kind_option_and_half_year(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = import_report(MADE_UP, out, kind="年度总结")
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["类型"] == "年度总结" and result.kind == "年度总结"
    assert "总体思路" not in data
    out2 = tmp_path / "y.yaml"
    import_report(ROOT / "seeds" / "000_6729c89874232e6a.txt", out2, kind="half_year")
    assert yaml.safe_load(out2.read_text(encoding="utf-8"))["半年"] == "下半年"


def test_report_reading_keeps_the_closing_out_of_the_last_plan() -> None:
    report = read_last_year(MADE_UP)
    assert not any("再接再厉" in plan.text for plan in report.plans)
    assert [p.text for p in report.document.closing][-2:] == ["青山县教育局", "2025年12月26日"]


def test_import_audit_and_compare_do_not_load_jieba(tmp_path: Path) -> None:
    """None of the three needs a segmenter; jieba's dictionary load would cost a second."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from generator.importing.lastyear import import_report\n"
        "from generator.importing.audit import audit_report\n"
        "from generator.importing.compare import compare_reports\n"
        f"import_report({str(MADE_UP)!r}, {str(tmp_path / 'x.yaml')!r})\n"
        f"audit_report({str(MADE_UP)!r})\n"
        f"compare_reports({str(MADE_UP)!r}, {str(ROOT / 'seeds' / '000_6729c89874232e6a.txt')!r})\n"
        "assert 'jieba' not in sys.modules, 'jieba loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_level_one_groups_stay_the_drafts_parts_in_order(tmp_path: Path) -> None:
    """Seed 000's areas stand in two 一、 parts: imported as 板块, the draft keeps both parts and the order."""
    from generator.api import draft_from_facts
    from generator.library.core import load_outline_file

    facts_path, outline_path = tmp_path / "x.yaml", tmp_path / "o.yaml"
    import_report(REALFORM / "000-utf8.txt", facts_path, outline_out=outline_path)
    data = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    groups = ["坚持改革创新,着力激发教育活力"] * 3 + ["强化教育保障,着力推进管理服务"] * 3
    assert [a.get("板块") for a in data["工作"]] == groups
    data["地区"] = "云溪市"
    for area in data["工作"]:
        for figure in area.get("数据") or []:
            figure["数值"] = 9
    facts = parse_facts(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), path="x.yaml")
    draft = draft_from_facts(facts, outline=load_outline_file(outline_path))
    heads = [(b.level, unicodedata.normalize("NFKC", b.text)) for b in draft.blocks if b.kind == "heading"]
    top = [text for level, text in heads if level == 1]
    assert top[:2] == ["一、" + groups[0], "二、" + groups[3]]
    assert top[2].endswith("2014年工作打算") or "2014年" in top[-1]
    first, second = (i for i, (level, text) in enumerate(heads) if level == 1 and text in top[:2])
    assert [level for level, _ in heads[first + 1 : second]] == [2, 2, 2]
