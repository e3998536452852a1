"""The page as LibreOffice lays it out: no page with the signature alone, headings kept with their text, 28
characters a line set on every run."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.api import draft_from_facts
from generator.drafting.model import Block, Draft, Span
from generator.facts.load import load_facts
from generator.render.docx import render_docx
from generator.render.lint import SHOULD, lint_bytes

try:
    from test_libreoffice import preview_env
except ImportError:  # tests/ became a package
    from test_libreoffice import preview_env

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# One line of body text: 26 characters after the two-character indent.
LINE = "全县教育系统坚持稳中求进工作总基调推动各项工作落地见效"[:26]
SIGNATURE, DATE = "青山县教育局", "2025年7月5日"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "年度总结及计划-云溪市.yaml"


def ending_draft(lines: int) -> Draft:
    blocks = [Block("title", [Span("青山县教育局工作总结")])]
    blocks += [Block("paragraph", [Span(f"{LINE[:-2]}{n:02d}")]) for n in range(lines)]
    blocks += [Block("signature", [Span(SIGNATURE)]), Block("date", [Span(DATE)])]
    return Draft(blocks=blocks)


def _edit_document(data: bytes, change) -> bytes:  # noqa: ANN001 - a str -> str function
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def to_pdfs(files: dict[str, bytes], work: Path) -> dict[str, Path]:
    """All files converted by one LibreOffice run (a throw-away profile, the preview fonts)."""
    assert SOFFICE is not None
    paths = []
    for name, data in files.items():
        path = work / f"{name}.docx"
        path.write_bytes(data)
        paths.append(str(path))
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work), *paths],
        capture_output=True, timeout=300, env=preview_env(work), check=True,
    )  # fmt: skip
    return {name: work / f"{name}.pdf" for name in files}


def pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"[ \u3000]+", "", page) for page in text.split("\f") if page.strip()]


def _body_on(page: str) -> bool:
    return LINE[:10] in page


needs_office = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="没有安装 LibreOffice 或 pdftotext,.ci/run 会安装"
)


@pytest.mark.slow
@needs_office
def test_no_page_holds_the_signature_and_date_alone(tmp_path: Path) -> None:
    counts = range(16, 23)  # around one full page of one-line paragraphs: every way the page can end
    files = {}
    for lines in counts:
        ours = render_docx(ending_draft(lines))
        files[f"ours{lines}"] = ours
        # the same without the paragraph-level keep: what the renderer did before
        files[f"plain{lines}"] = _edit_document(ours, lambda xml: xml.replace("<w:keepNext/>", ""))
    # and real drafts, several pages long: an example's body repeated, ending at different places on a page
    example = draft_from_facts(load_facts(EXAMPLE))
    body = [b for b in example.blocks if b.kind not in ("title", "signature", "date")]
    for extra in range(4):
        blocks = example.blocks[:1] + body * 2 + [Block("paragraph", [Span(LINE)])] * extra + example.blocks[-2:]
        files[f"long{extra}"] = render_docx(Draft(blocks=blocks))
    pdfs = to_pdfs(files, tmp_path)
    for extra in range(4):
        found = pages(pdfs[f"long{extra}"])
        assert len(found) >= 3
        ending = re.sub(r"\s+", "", "".join(s.text for b in example.blocks[-2:] for s in b.spans))
        last = re.sub(r"\s+", "", found[-1])
        assert len(last) > len(ending) + 10, f"长稿 {extra}:最后一页只有署名和日期"
    lone = []
    for lines in counts:
        last = pages(pdfs[f"ours{lines}"])[-1]
        assert SIGNATURE in last and DATE.replace(" ", "") in last
        assert _body_on(last), f"{lines} 段正文:最后一页只有署名和日期"
        plain_last = pages(pdfs[f"plain{lines}"])[-1]
        if not _body_on(plain_last):
            lone.append(lines)
    # the test means something: without the keep, some of these lengths leave the signature alone
    assert lone, "没有哪种长度会让署名单独成页,测试没有覆盖到要防的情形"


@pytest.mark.slow
@needs_office
def test_body_sets_28_characters_a_line_on_every_run(tmp_path: Path) -> None:
    text = "推进义务教育优质均衡发展" * 12  # 144 characters: several full lines
    draft = Draft(
        blocks=[
            Block("title", [Span("标题")]),
            Block("heading", [Span("主要工作")], level=1, marker="一、"),
            Block("paragraph", [Span(text)]),
        ]
    )
    data = render_docx(draft)
    # every body run carries the condensing itself, not only through the style
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    body_runs = re.findall(r"<w:r><w:rPr>(.*?)</w:rPr><w:t[^>]*>推进", xml)
    assert body_runs and all('<w:spacing w:val="-5"/>' in props for props in body_runs)
    # text pasted in with its own spacing loses 28 a line: lint says so
    pasted = _edit_document(data, lambda x: x.replace('<w:spacing w:val="-5"/>', '<w:spacing w:val="0"/>'))
    pdfs = to_pdfs({"ours": data, "pasted": pasted}, tmp_path)

    def full_lines(pdf: Path) -> list[int]:
        lines = [line for line in pages(pdf)[0].splitlines() if "推进" in line or "均衡" in line]
        return [len(line) for line in lines[1:-1]]  # the first line is indented, the last one short

    assert full_lines(pdfs["ours"]) and set(full_lines(pdfs["ours"])) == {28}
    assert set(full_lines(pdfs["pasted"])) == {27}
    report = lint_bytes(pasted, Path("粘贴.docx"))
    assert any("28" in f.what for f in report.of(SHOULD)), report.lines()


@pytest.mark.slow
@needs_office
def test_a_heading_never_ends_a_page(tmp_path: Path) -> None:
    heading = "二、着力提升教育质量"
    files = {}
    for lines in range(18, 23):
        blocks = [Block("title", [Span("青山县教育局工作总结")])]
        blocks += [Block("paragraph", [Span(f"{LINE[:-2]}{n:02d}")]) for n in range(lines)]
        blocks += [Block("heading", [Span(heading[2:])], level=1, marker="二、")]
        blocks += [Block("paragraph", [Span(LINE * 3)])]
        files[f"h{lines}"] = render_docx(Draft(blocks=blocks))
    pdfs = to_pdfs(files, tmp_path)
    for name, pdf in pdfs.items():
        for page in pages(pdf)[:-1]:
            last = [
                line for line in page.splitlines() if line.strip() and not re.fullmatch(r"[—\-\d]+", line)
            ][-1]
            assert heading not in last, f"{name}:标题落在页末"
