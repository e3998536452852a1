"""Reading report files: encodings detected from the bytes, .docx paragraphs, clear errors."""

from __future__ import annotations

import codecs

import pytest
from docx import Document

from generator import read_document
from generator.errors import InputReadError

SAMPLE = "某县教育局上半年工作总结\n一、加强党的建设,推进学校党组织规范化。\n二是改善办学条件,新建幼儿园。"
TRADITIONAL = "某縣教育局年度工作總結\n一、加強黨的建設,推進學校黨組織規範化。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
)
def test_encodings_are_detected_from_bytes(tmp_path, data, encoding):
    path = tmp_path / "材料.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.encoding == encoding
    expected = TRADITIONAL if encoding == "big5" else SAMPLE
    assert source.text == expected


def test_windows_newlines_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("gbk"))
    assert "\r" not in read_document(path).text


def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    doc = Document()
    doc.add_paragraph("某区教育局年度工作总结")
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表格里的一句话。"
    doc.add_paragraph("一、党建引领取得新成效")
    path = tmp_path / "总结.docx"
    doc.save(path)
    text = read_document(path).text
    lines = [line for line in text.split("\n") if line]
    assert lines == ["某区教育局年度工作总结", "表格里的一句话。", "一、党建引领取得新成效"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件是空的"),
        (b"  \n\n", "文件是空的"),
        (b"\x00\x01\x02\x03binary\xff\xfe\x00", "不是文本文件"),
        (b"\x81\x30\xff\xff\xfe\xfe\xa1", "无法识别文件编码"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path, content, expected):
    path = tmp_path / "坏文件.txt"
    path.write_bytes(content)
    with pytest.raises(InputReadError) as info:
        read_document(path)
    assert expected in str(info.value)
    assert "坏文件.txt" in str(info.value)


def test_directory_missing_and_corrupt_docx(tmp_path):
    with pytest.raises(InputReadError, match="文件夹"):
        read_document(tmp_path)
    with pytest.raises(InputReadError, match="不存在"):
        read_document(tmp_path / "没有.txt")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputReadError, match="docx"):
        read_document(broken)
    old = tmp_path / "旧.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputReadError, match="另存为 .docx"):
        read_document(old)
