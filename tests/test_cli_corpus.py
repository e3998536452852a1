"""`zongjie corpus clean | outline | stats` as a user runs them: output, totals, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden" / "outlines"


def test_clean_prints_title_then_one_paragraph_a_line(cli):
    code, out, _ = cli("corpus", "clean", str(SEEDS_DIR / "001_f08b529532b5985e.txt"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "教育局2021年工作总结及来年工作计划"
    assert "(二)主要工作目标" in lines and "1.教育质量显著提高。" not in lines
    assert any(line.startswith("1.教育质量显著提高。普惠性幼儿园") for line in lines)
    assert "上传人" not in out and "金锄头" not in out
    code, out, _ = cli("corpus", "clean", "--no-title", str(SEEDS_DIR / "001_f08b529532b5985e.txt"))
    assert out.splitlines()[0].startswith("〖缺〗年是不平凡的一年")


@pytest.mark.parametrize("seed", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_outline_command_prints_the_golden(cli, seed):
    code, out, _ = cli("corpus", "outline", str(seed))
    assert code == 0
    assert out == (GOLDEN / seed.name).read_text(encoding="utf-8")


def test_stats_table_with_totals_and_spun_forms(cli):
    code, out, _ = cli("corpus", "stats", str(SEEDS_DIR))
    assert code == 0
    assert "合计(5 份)" in out
    for seed in SEEDS_DIR.glob("*.txt"):
        assert seed.name in out
    assert "原那么→原则 ×1" in out
    assert "效劳→服务 ×1" in out
    assert "疑似拼进年份的数字" in out
    total = next(line for line in out.splitlines() if "合计" in line)
    assert "1 份" in total  # one seed is heavily spun


def test_stats_json(cli):
    code, out, _ = cli("corpus", "stats", "--json", str(SEEDS_DIR / "003_e24b092d9f87ed40.txt"))
    assert code == 0
    payload = json.loads(out)
    (stats,) = payload.values()
    assert stats["traditional_chars"] > 500 and stats["pinyin_glosses"] > 500
    assert stats["heavy_spinning"] is False


def test_stats_reports_unreadable_files_and_goes_on(cli, tmp_path):
    good = tmp_path / "好.txt"
    good.write_text("某县教育局工作总结\n一、主要工作\n全年坚持原那么。\n", encoding="utf-8")
    (tmp_path / "坏.txt").write_bytes(b"\x00\x01\x02binary")
    code, out, err = cli("corpus", "stats", str(tmp_path))
    assert code == 3
    assert "好.txt" in out and "合计(1 份)" in out
    assert "坏.txt" in err and "不是文本文件" in err
    assert "Traceback" not in err


def test_missing_file_is_one_chinese_line(cli, tmp_path):
    code, out, err = cli("corpus", "outline", str(tmp_path / "没有.txt"))
    assert code == 3
    assert "文件不存在" in err and "没有.txt" in err
    assert "Traceback" not in err and out == ""


def test_empty_folder_is_a_usage_error(cli, tmp_path):
    code, _, err = cli("corpus", "stats", str(tmp_path))
    assert code == 2
    assert "没有 .txt 或 .docx 材料" in err


def test_outline_of_a_report_without_headings(cli, tmp_path):
    path = tmp_path / "散文.txt"
    path.write_text("今年以来,我们认真履职,各项工作稳步推进。\n", encoding="utf-8")
    code, _, err = cli("corpus", "outline", str(path))
    assert code == 3
    assert "没有找到任何标题" in err


def test_help_is_chinese_with_examples(cli):
    for command in ("clean", "outline", "stats"):
        code, out, _ = cli("corpus", command, "--help")
        assert code == 0
        assert "例:zongjie corpus " + command in out


def test_corpus_files_walks_folders_in_order_and_skips_locks_and_hidden(tmp_path):
    from generator.corpus.read import corpus_files

    folder = tmp_path / "材料"
    (folder / "2023").mkdir(parents=True)
    (folder / ".git").mkdir()
    for name in ("b.txt", "a.docx", "c.md", "d.text", "旧.doc", "~$a.docx", ".隐藏.txt", "说明.pdf", "2023/e.TXT"):
        (folder / name).write_bytes(b"x")
    (folder / ".git" / "f.txt").write_bytes(b"x")
    odd = tmp_path / "导出.csv"
    odd.write_bytes(b"x")
    found = corpus_files([folder, odd])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "材料/2023/e.TXT", "材料/a.docx", "材料/b.txt", "材料/c.md", "材料/d.text", "材料/旧.doc", "导出.csv",
    ]  # fmt: skip


def test_corpus_files_names_a_missing_path(tmp_path):
    from generator.corpus.read import corpus_files
    from generator.errors import InputReadError

    with pytest.raises(InputReadError) as raised:
        corpus_files([tmp_path / "没有的材料"])
    assert "没有的材料" in str(raised.value) and "不存在" in str(raised.value)


def test_stats_skips_word_lock_files(cli, tmp_path):
    (tmp_path / "总结.txt").write_text("某县教育局工作总结\n一、主要工作\n全年稳步推进。\n", encoding="utf-8")
    (tmp_path / "~$总结.docx").write_bytes(b"\x00lock")
    code, out, err = cli("corpus", "stats", str(tmp_path))
    assert code == 0, err
    assert "合计(1 份)" in out and "~$" not in out + err
