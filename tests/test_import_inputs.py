"""Bad input to `zongjie import` (and compare, audit): one clear Chinese message naming the file, nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from test_import import MADE_UP, made_up_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted(path: Path) -> Path:
    # What Word writes for a password-protected .docx: an OLE container holding EncryptionInfo and the package.
    path.write_bytes(OLE + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 2048)
    return path


def _broken(path: Path) -> Path:
    good = made_up_docx(path.with_name("good.docx")).read_bytes()
    path.write_bytes(good[: len(good) // 2])
    return path


def _no_figures(path: Path) -> Path:
    path.write_text(
        "\u9752\u5c71\u53bf\u6559\u80b2\u5c40\u5de5\u4f5c\u603b\u7ed3\n"  # 青山县教育局工作总结
        "一、主要工作\n（一）党建引领持续深化\n"
        "　　健全党组织领导的校长负责制，推进基层党组织规范化建设，开展清廉学校创建活动，党建工作质量不断提升。\n"
        "（二）学前教育普惠发展\n"
        "　　坚持公益普惠方向，加快补齐学前教育短板，推进幼儿园保教质量评估，学前教育保教水平稳步提高。\n"
        "（三）教育经费保障有力\n"
        "　　落实教育经费只增不减要求，优化教育支出结构，加强经费监管，资金使用效益进一步发挥。\n",
        encoding="utf-8",
    )
    return path


def _not_a_report(path: Path) -> Path:
    path.write_text(
        "红烧肉的做法\n\n五花肉洗净切块,冷水下锅焯水,捞出沥干。锅中放少许油,小火炒出糖色,下肉块翻炒上色。"
        "加入葱姜、八角、桂皮和料酒,倒入热水没过肉块,大火烧开后转小火炖一个小时,最后大火收汁即可。\n",
        encoding="utf-8",
    )
    return path


def _doc(path: Path) -> Path:
    path.write_bytes(OLE + b"\x00" * 4096)
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _renamed_zip(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path.write_bytes(buffer.getvalue())
    return path


CASES = [
    ("旧版.doc", _doc, "不支持旧版 Word 的 .doc 格式"),
    ("加密.docx", _encrypted, "设了打开密码"),
    ("损坏.docx", _broken, ".docx"),
    ("不是文档.docx", _renamed_zip, ".docx"),
    ("空的.txt", _empty, "文件是空的"),
    ("没有数字.txt", _no_figures, "没有找到任何数字"),
    ("菜谱.txt", _not_a_report, "不像一份工作总结"),
]


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_one_message_nothing_written(cli, tmp_path: Path, name: str, make, message: str) -> None:
    source = make(tmp_path / name)
    out, outline = tmp_path / "今年事实.yaml", tmp_path / "提纲.yaml"
    code, stdout, stderr = cli("import", str(source), "-o", str(out), "--outline-out", str(outline))
    assert code == 3, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(source) in lines[0], stderr
    assert "Traceback" not in stderr and stdout == ""
    assert not out.exists() and not outline.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "good.docx") == [name]


@pytest.mark.parametrize("command", ["audit", "compare"])
def test_audit_and_compare_refuse_the_same_inputs(cli, tmp_path: Path, command: str) -> None:
    for name, make, message in CASES[:5]:
        source = make(tmp_path / name)
        args = [command, str(source)] + ([str(MADE_UP)] if command == "compare" else [])
        code, _, stderr = cli(*args)
        assert code == 3 and message in stderr and len(stderr.strip().splitlines()) == 1, (name, stderr)


def test_existing_output_is_not_overwritten(cli, tmp_path: Path) -> None:
    out = tmp_path / "今年事实.yaml"
    out.write_text("我的文件\n", encoding="utf-8")
    code, _, stderr = cli("import", str(MADE_UP), "-o", str(out))
    assert code == 6 and "已存在" in stderr and out.read_text(encoding="utf-8") == "我的文件\n"
    code, stdout, _ = cli("import", str(MADE_UP), "-o", str(out), "--force")
    assert (
        code == 0
        and "「工作」4 个部分" in stdout
        and "类型: 年度总结及计划" in out.read_text(encoding="utf-8")
    )


def test_unknown_kind_and_same_outline_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    code, _, stderr = cli("import", str(MADE_UP), "-o", str(out), "--kind", "季度总结")
    assert code == 2 and "不认识的材料种类「季度总结」" in stderr and not out.exists()
    code, _, stderr = cli("import", str(MADE_UP), "-o", str(out), "--outline-out", str(out))
    assert code == 2 and "不能是同一个文件" in stderr and not out.exists()
