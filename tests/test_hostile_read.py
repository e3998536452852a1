"""Odd but readable Word files are read; broken ones are skipped by a folder run; a file's content never drives
the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import REPORT, W, document_xml, docx_bytes, paragraph, zip_bomb

from generator.corpus.read import read_document
from generator.errors import InputReadError

ODD_NODES = {
    "comment_in_text": "<w:p><w:r><w:t>学前<!-- 批注 -->教育</w:t></w:r></w:p>",
    "processing_instruction": "<w:p><w:r><w:t>学前<?mso-application progid?>教育</w:t></w:r></w:p>",
    "comment_between_paragraphs": "<!-- 上一段 --><w:p><w:r><w:t>学前教育</w:t></w:r></w:p><?pi x?>",
    "cdata": "<w:p><w:r><w:t><![CDATA[学前]]>教育</w:t></w:r></w:p>",
    "character_reference": "<w:p><w:r><w:t>&#23398;&#21069;教育</w:t></w:r></w:p>",
    "content_control": "<w:sdt><w:sdtContent><w:p><w:r><w:t>学前教育</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    "table": "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>学前教育</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "foreign_element": '<x:odd xmlns:x="urn:odd"><w:p><w:r><w:t>学前教育</w:t></w:r></w:p></x:odd>',
}


@pytest.mark.parametrize("name", list(ODD_NODES))
def test_every_node_type_is_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / "材料.docx"
    path.write_bytes(docx_bytes(document_xml(REPORT + ODD_NODES[name])))
    text = read_document(path).text
    assert text.splitlines()[0] == "青山县教育局2025年上半年工作总结"
    assert "学前教育" in text.splitlines()[-1]


def test_unresolved_entities_keep_the_text_around_them(tmp_path: Path) -> None:
    path = tmp_path / "材料.docx"
    prolog = '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY word "学前">]>'
    path.write_bytes(docx_bytes(document_xml(REPORT + paragraph("甲&secret;乙&word;丙"), prolog)))
    last = read_document(path).text.splitlines()[-1]
    # Nothing is fetched or expanded: no file is read, no entity grows the text.
    assert last == "甲乙丙"


def test_strict_namespace_documents_are_read(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    path = tmp_path / "材料.docx"
    path.write_bytes(docx_bytes(document_xml(REPORT).replace(W, strict)))
    assert "二、下半年工作打算" in read_document(path).text


def test_a_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    import resource
    import time

    path = tmp_path / "炸弹.docx"
    path.write_bytes(zip_bomb(300 * 1024 * 1024))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(InputReadError, match="解压后过大"):
        read_document(path)
    assert time.monotonic() - started < 2
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "材料"
    folder.mkdir()
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    (folder / "01-好的.txt").write_bytes(seeds[0].read_bytes())
    (folder / "02-好的.docx").write_bytes(docx_bytes(document_xml(REPORT + ODD_NODES["comment_in_text"])))
    (folder / "03-炸弹.docx").write_bytes(zip_bomb(300 * 1024 * 1024))
    (folder / "04-坏的.docx").write_bytes(docx_bytes("<w:document"))
    (folder / "05-注释.docx").write_bytes(docx_bytes(document_xml(ODD_NODES["processing_instruction"] * 3)))
    return folder


def test_corpus_stats_reports_bad_word_files_and_counts_the_rest(tmp_path: Path, cli, monkeypatch) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("corpus", "stats", "材料")
    assert code == 3
    lines = err.strip().splitlines()
    assert lines[0].startswith("读取错误:材料/03-炸弹.docx:这个 .docx 文件解压后过大")
    assert lines[1].startswith("读取错误:材料/04-坏的.docx:这个 .docx 文件内部结构已损坏")
    assert lines[-1] == "读取错误:2 个文件无法读取,其余 3 个已统计。请按上面的提示处理"
    assert "合计(3 份)" in out


def test_mine_skips_bad_word_files_and_mines_the_rest(tmp_path: Path, cli, monkeypatch) -> None:
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("mine", "材料", "-o", "词库")
    assert code == 0, err
    skipped = [line for line in err.splitlines() if line.startswith("已跳过:")]
    assert [line.split(":")[1] for line in skipped] == ["材料/03-炸弹.docx", "材料/04-坏的.docx"]
    assert (tmp_path / "词库" / "phrases.yaml").is_file()


# ---------------------------------------------------------------- terminal-safe printing

HOSTILE_LINE = "一、总体情况\x1b]0;已被改名\x07\x1b[2J\x1b[31m红字\u202e倒序\r覆盖\x08\n今年以来,我局认真落实各项工作。\n"


def test_corpus_clean_shows_control_characters_as_escapes(tmp_path: Path, cli, monkeypatch) -> None:
    (tmp_path / "材料.txt").write_text(HOSTILE_LINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("corpus", "clean", "材料.txt")
    assert code == 0, err
    for raw in ("\x1b", "\x07", "\u202e", "\r", "\x08"):
        assert raw not in out
    assert "\\x1b]0;已被改名\\x07\\x1b[2J\\x1b[31m红字\\u202e倒序" in out


def test_corpus_outline_and_stats_show_control_characters_as_escapes(tmp_path: Path, cli, monkeypatch) -> None:
    name = "材料\x1b[2J.txt"
    (tmp_path / name).write_text(HOSTILE_LINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("corpus", "outline", name)
    assert "\x1b" not in out + err
    code, out, err = cli("corpus", "stats", ".")
    assert code == 0, err
    assert "\x1b" not in out + err
    assert "材料\\x1b[2J.txt" in out


def test_mine_shows_a_hostile_file_name_as_escapes(tmp_path: Path, cli, monkeypatch) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    (folder / "一\x1b]0;改名\x07.txt").write_bytes(seeds[0].read_bytes())
    (folder / "二\x1b[2J.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("mine", "材料", "-o", "词库")
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "已跳过:材料/二\\x1b[2J.txt:文件是空的" in err


def test_the_reader_needs_no_python_docx(tmp_path: Path) -> None:
    # Reading a report never builds python-docx's object model (which loads every part, images included).
    import os
    import subprocess
    import sys

    path = tmp_path / "材料.docx"
    path.write_bytes(docx_bytes(document_xml(REPORT)))
    script = (
        "import sys; from generator.corpus.read import read_document; read_document(sys.argv[1]); "
        "print('docx' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(root))
    )
    assert out.stdout.strip() == "False", out.stderr


def test_a_member_zipfile_cannot_open_is_refused_before_it_tries(tmp_path) -> None:
    """A compression method Word never writes (bzip2 here) or an encrypted member: one message, no traceback."""
    import zipfile

    from generator.corpus.read import read_document
    from generator.errors import InputReadError

    path = tmp_path / "压缩.docx"
    body = (
        "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
        "<w:body><w:p><w:r><w:t>一</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
    with pytest.raises(InputReadError, match="无法解压这个 .docx 文件中的 word/document.xml"):
        read_document(path)
