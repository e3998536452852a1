"""`zongjie audit`: stated changes, 其中 lists, completion rates and products recomputed, with their places."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.audit import audit_report

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = ROOT / "seeds" / "000_6729c89874232e6a.txt"
REALFORM_000 = Path(__file__).resolve().parent / "realform" / "000-utf8.txt"
MADE_UP = Path(__file__).resolve().parent / "fixtures" / "import" / "青山县2025年总结.txt"


@pytest.mark.parametrize("path", [SEED_000, REALFORM_000], ids=["seed", "realform"])
def test_seed_000_inconsistent_figures_are_found(path: Path) -> None:
    result = audit_report(path)
    found = [(f.line, f.where, f.message) for f in result.inconsistencies]
    assert len(found) == 2
    (line1, where1, first), (line2, _, second) = found
    # 281779万元 up 33754万元 from 248025万元 is 13.61%, not 16.64%.
    assert "281779万元" in first and "248025万元" in first and "13.61%" in first and "16.64%" in first
    # 65623万元 up 10811万元 from 54812万元 is 19.72%, not 11.43%.
    assert "65623万元" in second and "54812万元" in second and "19.72%" in second and "11.43%" in second
    assert line1 == line2 == 23  # the line of the file where that paragraph stands
    assert where1.startswith("四、强化教育保障")
    # 21176万元 up 957万元 (4.73%, written 4.7%) and 700名 × 5000元 = 350万元 are right.
    assert result.checked["增减"] == 3 and result.checked["乘积"] == 1
    assert not any("21176" in f.message or "350万元" in f.message for f in result.findings)


def test_consistent_made_up_report_has_none() -> None:
    result = audit_report(MADE_UP)
    assert result.findings == []
    assert result.checked["增减"] >= 2 and result.checked["其中"] == 2


CASES = [
    ("全县教育经费总投入4350万元,比上年增加350万元,增长9.5%。", "增长率应为8.75%"),
    ("新增学位1620个,比上年减少420个,增长35%。", "增减方向前后矛盾"),
    ("全县教育经费总投入4350万元,其中县级财政3100万元、上级补助1350万元。", "超过了总数"),
    ("计划新建幼儿园10所,实际建成8所,完成目标的90%。", "完成率应为80%"),
    ("资助困难学生600名,每人补助2000元,共计100万元。", "应为120万元"),
    ("教职工由上年的1200人增加到1300人,增加150人。", "变化应为100人"),
    ("普惠性幼儿园由上年的80所增加到100所,增长30%。", "增长率应为25%"),
]


@pytest.mark.parametrize(("paragraph", "expected"), CASES)
def test_each_kind_of_inconsistency(paragraph: str, expected: str, tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(f"某县教育局工作总结\n一、主要工作\n(一)教育投入\n{paragraph}\n", encoding="utf-8")
    found = audit_report(report).inconsistencies
    assert len(found) == 1 and expected in found[0].message
    assert found[0].line == 4 and found[0].sentence == paragraph


def test_partial_list_is_a_note_not_an_inconsistency(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(
        "某县教育局工作总结\n一、主要工作\n培训教师3200人次,其中县级1000人次、校级1200人次。\n", "utf-8"
    )
    result = audit_report(report)
    assert result.inconsistencies == [] and len(result.notes) == 1


def test_cli_exit_codes_and_places(cli, tmp_path: Path) -> None:
    code, out, err = cli("audit", str(SEED_000))
    assert code == 1 and err == ""
    assert "发现 2 处数字前后不一致" in out and "1. 第 23 行(" in out and "16.64%" in out
    code, out, _ = cli("audit", str(MADE_UP))
    assert code == 0 and "没有发现数字前后不一致" in out


CONSISTENT = [
    "全县共有各级各类学校487所,其中初级中学20所、小学281所(含教学点97个、村小45所)、幼儿园186所。",
    "全县现有龙头企业22家,其中省级2家;农民合作社769个,新增6个;家庭农场472家,新增8家。",
    "全市财政预算安排教育经费65623万元,比上年增加10811万元,增长19.72%;其中市本级21176万元,比上年同口径增加957万元,增长4.7%。",
    "救助困难学生700名,每人救助5000元,共350万元。",
]


@pytest.mark.parametrize("paragraph", CONSISTENT)
def test_consistent_paragraphs_are_not_flagged(paragraph: str, tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(f"某县教育局工作总结\n一、主要工作\n{paragraph}\n", encoding="utf-8")
    assert audit_report(report).findings == []
