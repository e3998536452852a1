"""The saved .docx opens in a real word processor: LibreOffice converts it to PDF and the text is all there."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.render.output import write_draft

try:
    from test_render_docx import TITLE, sample_draft
except ImportError:  # tests/ became a package
    from test_render_docx import TITLE, sample_draft

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None, reason="没有安装 LibreOffice(soffice),.ci/run 会安装 libreoffice-writer"
    ),
]


# Machines without the Chinese office fonts (CI, Linux desktops) would show every style in one fallback face.
# For the preview only, map each font to the nearest free one: 仿宋/楷体/宋体/小标宋 to a serif, 黑体 to a sans.
# The .docx itself keeps the GB/T 9704 names, which Word and WPS on an office PC have.
PREVIEW_ALIASES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "Times New Roman": "DejaVu Serif",
}


def preview_env(work: Path) -> dict[str, str]:
    """The environment for soffice: the system's fontconfig plus the preview aliases above."""
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{free}</family></prefer></alias>'
        for name, free in PREVIEW_ALIASES.items()
    )
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


def to_pdf(docx_path: Path, work: Path) -> Path:
    """Convert with a throw-away LibreOffice profile, so that no user setting or running instance interferes."""
    assert SOFFICE is not None
    profile = work / "lo-profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=preview_env(work),
    )
    pdf = work / (docx_path.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice 没有生成 PDF:{result.stdout}{result.stderr}"
    return pdf


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("没有 pdftotext(poppler-utils)")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("没有 pdfinfo(poppler-utils)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("libreoffice")
    return to_pdf(write_draft(sample_draft(), work / "总结.docx"), work)


def test_libreoffice_renders_the_draft(pdf: Path) -> None:
    pages = _pages(pdf)
    assert pages >= 2
    text = _pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", TITLE) in flat
    assert "\u4e00、上半年工作开展情况" in flat
    assert "\uff08一\uff09加强党的建设" in flat
    assert "【待补充:投入资金(万元)】" in flat
    assert "2025年7月5日" in flat
    # Page numbers come from the PAGE field, one per page, with the em-dashes either side.
    for number in range(1, pages + 1):
        assert re.search(rf"\u2014\s*{number}\s*\u2014", text), f"第 {number} 页没有页码"


def test_page_size_in_the_pdf_is_a4(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in match.groups())
    assert abs(width_mm - 210) < 1 and abs(height_mm - 297) < 1
