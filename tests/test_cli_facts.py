"""`zongjie init` and `zongjie check` as a user runs them: exit codes, messages, no traceback, no clobbered file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.taxonomy.kinds import kind_ids

KIND_IDS = kind_ids()

GOOD = """类型: 年度总结
单位: 青山县教育局
地区: 青山县
年度: 2025
工作:
  - 领域: 学前教育
    数据:
      - 项目: 新建幼儿园
        数值: 12
        单位: 所
        上年: 8
        增长率: 40
"""


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == message


@pytest.mark.parametrize("kind", ["半年总结", "campaign_stage"])
def test_init_writes_a_skeleton_that_asks_to_be_filled(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "我的事实.yaml"
    result = run("init", "--kind", kind, target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已写出 {target}。请照着文件中的注释填写,然后运行:zongjie check {target}"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 事实文件:")
    assert "\n单位:\n" in text and "\n工作:\n" in text
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left beside it
    assert target.stat().st_mode & 0o644 == 0o644  # readable like any document, not mkstemp's 0600
    checked = run("check", target)
    extra = "半年" if kind == "半年总结" else "活动名称"
    assert_clean_failure(
        checked,
        4,
        f"事实文件错误:{target} 第 18 行:还有必填的内容没有填写:单位、地区、年度、{extra}、工作。"
        "请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
    )


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "事实.yaml"
    target.write_text("我的心血\n", encoding="utf-8")
    result = run("init", "--kind", "年度总结", target)
    assert_clean_failure(
        result, 6, f"输出错误:{target}:文件已经存在,没有覆盖。换一个文件名,或加上 --force 覆盖它"
    )
    assert target.read_text(encoding="utf-8") == "我的心血\n"
    forced = run("init", "--kind", "年度总结", target, "--force")
    assert forced.returncode == 0
    assert "类型: 年度总结" in target.read_text(encoding="utf-8")


def test_init_unknown_kind_lists_the_five(tmp_path: Path) -> None:
    target = tmp_path / "事实.yaml"
    result = run("init", "--kind", "月报", target)
    assert_clean_failure(
        result,
        2,
        "用法错误:不认识的材料种类「月报」。--kind 请写这五种之一:"
        "半年总结、年度总结及计划、年度总结、事业发展报告、专项阶段总结",
    )
    assert not target.exists()


def test_init_into_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "没有的目录" / "事实.yaml"
    result = run("init", "--kind", "年度总结", target)
    assert_clean_failure(
        result, 6, f"输出错误:{target}:目录「{target.parent}」不存在。请先建好这个目录,或换一个位置"
    )


def test_check_prints_pass_and_warnings(tmp_path: Path) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_text(GOOD, encoding="utf-8")
    result = run("check", facts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "检查通过:年度总结,「工作」1 个部分,「计划」0 个部分,数据 1 条,提示 1 条。",
        f"提示:{facts} 第 8 行:「新建幼儿园」写的增长率 40% 与数值 12、上年 8 算出的 50% 不符,请核对这三个数",
    ]


def test_check_error_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_text(GOOD.replace("数值: 12", "数值: 十几所"), encoding="utf-8")
    result = run("check", facts)
    assert_clean_failure(
        result,
        4,
        f"事实文件错误:{facts} 第 9 行:「数值」应当是一个数字,这里写的是「十几所」。请写一个数,如 12、3.5、十二、近500;还不知道的数请留空,草稿中会留下【待补充】",
    )


def test_check_gbk_file(tmp_path: Path) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_bytes(GOOD.replace("\n", "\r\n").encode("gbk"))
    result = run("check", facts)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("检查通过:年度总结")


def test_check_directory(tmp_path: Path) -> None:
    result = run("check", tmp_path)
    assert_clean_failure(
        result,
        4,
        f"事实文件错误:{tmp_path}:这是一个文件夹,不是事实文件。请给出事实文件(.yaml)的路径,例如 我的事实.yaml",
    )


def test_every_kind_has_a_skeleton(tmp_path: Path) -> None:
    from generator.facts.skeleton import write_skeleton

    for kind in KIND_IDS:
        target = write_skeleton(kind, tmp_path / f"{kind}.yaml")
        assert f"类型: {kind}\n" in target.read_text(encoding="utf-8")


def test_help_is_chinese() -> None:
    result = run("init", "--help")
    assert result.returncode == 0
    assert "写出一份带注释的事实文件骨架" in result.stdout
    assert "例:zongjie init --kind 半年总结 我的事实.yaml" in result.stdout
    check = run("check", "--help")
    assert "只检查事实文件" in check.stdout


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from generator.errors import OutputError
    from generator.facts.skeleton import write_skeleton

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "事实.yaml"
    with pytest.raises(OutputError) as caught:
        write_skeleton("年度总结", target)
    assert (
        str(caught.value) == f"{target}:没有权限在文件夹 {target.parent} 中写入。请换一个有写权限的文件夹"
    )
    assert not target.exists()


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from generator.errors import OutputError
    from generator.facts.skeleton import write_skeleton

    target = tmp_path / "事实.yaml"
    target.write_text("原来的内容\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError) as caught:
        write_skeleton("半年总结", target, force=True)
    assert str(caught.value) == f"{target}:磁盘空间不足,文件没有写入。请清理磁盘空间后重试,原有文件未被改动"
    assert target.read_text(encoding="utf-8") == "原来的内容\n"
    assert list(tmp_path.iterdir()) == [target]
