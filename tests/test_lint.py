"""`zongjie lint`: any .docx checked against the format profile, findings by severity with their paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from generator.api import draft_from_facts
from generator.facts.load import load_facts
from generator.render.docx import render_docx
from generator.render.lint import HINT, MUST, SHOULD, lint_bytes, lint_docx

try:
    from test_cli_facts import run
except ImportError:  # tests/ became a package
    from test_cli_facts import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def made_up(path: Path, *, paragraphs: list[str] | None = None, calibri: bool = True) -> Path:
    """A writer's file as Word makes it: A4, but 25.4 mm margins, Calibri, no grid, no page number."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25.4)
    section.left_margin = section.right_margin = Mm(31.8)
    if calibri:
        document.styles["Normal"].font.name = "Calibri"
    texts = paragraphs or [
        "青山县教育局2025年工作总结",
        "今年以来,我局认真贯彻落实上级部署,新建幼儿园6所,各项工作取得新成效。",
        "一、主要工作",
        "\uff08一\uff09学前教育",
        "新建幼儿园6所,新增学位1620个。",
        "\uff08三\uff09义务教育",
        "推进集团化办学。",
        "青山县教育局",
        "二\u3007二五年七月五日",
    ]
    for index, text in enumerate(texts):
        paragraph = document.add_paragraph(text)
        if index == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(path)
    return path


def test_a_writers_file_gets_each_finding_with_its_severity(tmp_path: Path) -> None:
    report = lint_docx(made_up(tmp_path / "自己的.docx"))
    must = [f.line() for f in report.of(MUST)]
    assert any("页边距不对" in line and "上 25.4 毫米(应为 37)" in line for line in must), must
    calibri = [f for f in report.of(MUST) if "Calibri" in f.what]
    assert [f.paragraph for f in calibri] == [2, 5] and "正文的西文字体是 Calibri" in calibri[0].what
    east_asia = [f for f in report.of(MUST) if f.what.startswith("正文的中文字体")]
    assert [f.paragraph for f in east_asia] == [2, 5, 7]
    gap = [f for f in report.of(MUST) if "跳号" in f.what]
    assert len(gap) == 1 and gap[0].paragraph == 6 and "缺少「\uff08二\uff09」" in gap[0].what
    date = [f for f in report.of(MUST) if "成文日期" in f.what]
    assert len(date) == 1 and date[0].paragraph == 9 and "写成「2025年7月5日」" in date[0].fix
    assert not report.ok
    # what the standard only recommends is no must-fix
    assert any("行距不是固定值" in f.what for f in report.of(SHOULD))
    assert any("首行缩进" in f.what for f in report.of(SHOULD))


def test_cli_groups_by_severity_and_exits_non_zero(tmp_path: Path) -> None:
    path = made_up(tmp_path / "自己的.docx")
    result = run("lint", path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:必须修改 ")
    assert lines.index("必须修改:") < lines.index("建议修改:")
    must_block = lines[lines.index("必须修改:") + 1 : lines.index("建议修改:")]
    assert any(line.startswith("  第 6 段「\uff08三\uff09义务教育」:二级标题序号跳号") for line in must_block)
    assert any(
        line.startswith("  第 9 段「二\u3007二五年七月五日」:成文日期用了汉字数字") for line in must_block
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_our_drafts_have_no_must_fix(path: Path) -> None:
    shipped = path.with_suffix(".docx")
    for seed in (0, 3):
        draft = draft_from_facts(load_facts(path), seed=seed)
        report = lint_bytes(render_docx(draft), path.with_suffix(".docx"))
        assert report.ok, report.lines()
        assert not report.of(SHOULD), report.lines()
    assert lint_docx(shipped).ok, lint_docx(shipped).lines()


def test_cli_passes_our_example(tmp_path: Path) -> None:
    example = ROOT / "examples" / "半年总结-青山县.docx"
    result = run("lint", example)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{example}:必须修改 0 处、建议修改 0 处、提示 0 处",
        "没有发现格式问题。",
    ]


def test_markers_repeated_and_in_order_under_each_level(tmp_path: Path) -> None:
    texts = [
        "标题",
        "一、甲",
        "1.子一",
        "2.子二",
        "2.子二又一次",
        "二、乙",
        "1.重新从一开始",
        "(1)半角括号",
        "三、丙",
        "三、丙又一次",
        "青山县教育局",
        "2025年07月05日",
    ]
    report = lint_docx(made_up(tmp_path / "序号.docx", paragraphs=texts, calibri=False))
    repeats = [f for f in report.of(MUST) if "重复" in f.what]
    assert [f.paragraph for f in repeats] == [5, 10]
    assert not [f for f in report.of(MUST) if "跳号" in f.what]  # 1. again under 二、 is right
    brackets = [f for f in report.of(SHOULD) if "半角括号" in f.what]
    assert [f.paragraph for f in brackets] == [8]
    padded = [f for f in report.of(SHOULD) if "虚位" in f.what]
    assert padded and "2025年7月5日" in padded[0].fix
    assert not report.of(HINT)  # the signature is there


def test_not_a_docx_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "假的.docx"
    path.write_text("不是 Word 文件", encoding="utf-8")
    result = run("lint", path)
    assert result.returncode == 3
    assert result.stderr.strip().startswith(f"读取错误:{path}:这不是一个能读的 Word(.docx)文件")
