"""Writing drafts: formats by suffix, Markdown and text renderings, and atomic output that never loses a file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import docx
import pytest

from generator.drafting.model import Block, Draft, Span
from generator.errors import OutputError
from generator.render.output import format_for, write_draft
from generator.render.text import render_markdown, render_text

try:
    from test_render_docx import TITLE, sample_draft
except ImportError:  # tests/ became a package
    from test_render_docx import TITLE, sample_draft

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- formats ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.docx", None, "docx"),
        ("a.MD", None, "md"),
        ("a.markdown", None, "md"),
        ("a.txt", None, "txt"),
        ("a", "docx", "docx"),
        ("a.txt", "markdown", "md"),
        ("a.out", "TXT", "txt"),
    ],
)
def test_format_from_suffix_or_option(name: str, fmt: str | None, expected: str) -> None:
    assert format_for(name, fmt) == expected


@pytest.mark.parametrize(("name", "fmt"), [("草稿.docx", "md"), ("草稿.docx", "txt"), ("草稿.md", "docx"), ("草稿.txt", "docx")])
def test_a_format_that_contradicts_a_word_name_is_refused(name: str, fmt: str) -> None:
    # Markdown in a file named .docx (or a Word package named .md) opens in nothing: the decision is to refuse.
    with pytest.raises(OutputError) as caught:
        format_for(name, fmt)
    assert f"--format 却是 {fmt}:这样写出的文件打不开" in str(caught.value)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(OutputError) as caught:
        format_for("总结.pdf")
    assert str(caught.value) == (
        "总结.pdf:无法从文件名判断输出格式(扩展名「.pdf」)。请把文件名改为以 .docx、.md 或 .txt 结尾,或用 --format 指定格式"
    )
    with pytest.raises(OutputError, match="不支持的输出格式「pdf」。请用 docx、md 或 txt"):
        format_for("a.docx", "pdf")


def test_each_format_is_written_and_reads_back(tmp_path: Path) -> None:
    draft = sample_draft()
    written = {fmt: write_draft(draft, tmp_path / f"总结.{fmt}") for fmt in ("docx", "md", "txt")}
    reopened = docx.Document(str(written["docx"]))
    assert any(p.text == "\u4e00、上半年工作开展情况" for p in reopened.paragraphs)
    assert written["md"].read_text("utf-8") == render_markdown(draft)
    assert written["txt"].read_text("utf-8") == render_text(draft)
    assert _leftovers(tmp_path) == []
    # An ordinary document: readable by others as the umask allows, not mkstemp's private 0600.
    umask = os.umask(0)
    os.umask(umask)
    assert written["docx"].stat().st_mode & 0o777 == 0o666 & ~umask


def test_markdown_rendering() -> None:
    md = render_markdown(sample_draft())
    lines = md.split("\n\n")
    assert lines[0] == f"# {TITLE}"
    assert "## \u4e00、上半年工作开展情况" in lines
    assert "### \uff08一\uff09加强党的建设,落实立德树人根本任务" in lines
    assert "#### 1.规范办学行为" in lines
    assert "##### \uff081\uff09加强课后服务管理" in lines
    assert "**【待补充:投入资金(万元)】**" in md
    assert any(line.startswith("**一是加强组织建设。**全县开展专题培训12场次") for line in lines)
    assert lines[-2:] == ["某县教育局", "2025年7月5日\n"]


def test_markdown_escapes_what_would_turn_into_markup() -> None:
    draft = Draft(
        blocks=[
            Block("title", [Span("标题")]),
            Block("paragraph", [Span("# 不是标题 *不是强调* <b>不是标签</b> a_b [链接]")]),
            Block("paragraph", [Span("1. 不是列表")]),
        ]
    )
    md = render_markdown(draft)
    assert "\\# 不是标题 \\*不是强调\\* \\<b\\>不是标签\\</b\\> a\\_b \\[链接\\]" in md
    assert "1\\. 不是列表" in md


def test_text_rendering() -> None:
    text = render_text(sample_draft())
    lines = text.split("\n")
    assert lines[0] == TITLE
    assert lines[1] == ""
    indent = "\u3000\u3000"
    assert lines[2].startswith(indent + "2025年上半年")
    assert lines[3] == indent + "\u4e00、上半年工作开展情况"
    assert lines[4] == indent + "\uff08一\uff09加强党的建设,落实立德树人根本任务"
    assert indent + "一是加强组织建设。全县开展专题培训12场次" in text
    assert "【待补充:投入资金(万元)】" in text and "**" not in text
    assert lines[-4:] == ["", "某县教育局", "2025年7月5日", ""]


def test_control_characters_are_dropped_and_markup_kept_in_every_format(tmp_path: Path) -> None:
    draft = Draft(
        blocks=[Block("title", [Span("标题")]), Block("paragraph", [Span("a<b>&\"c\" 'd'\x00\x1b完")])]
    )
    for fmt in ("docx", "md", "txt"):
        path = write_draft(draft, tmp_path / f"x.{fmt}")
        if fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
            assert "a<b>&\"c\" 'd'完" in text
        else:
            content = path.read_text("utf-8")
            assert "\x00" not in content and "\x1b" not in content
            assert ("a\\<b\\>&\"c\" 'd'完" if fmt == "md" else "a<b>&\"c\" 'd'完") in content


# --- refusing to write --------------------------------------------------------------------------------------


def test_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    target = tmp_path / "总结.docx"
    target.write_bytes(b"the writer's own edits")
    with pytest.raises(OutputError) as caught:
        write_draft(sample_draft(), target)
    assert str(caught.value) == f"{target}:文件已存在,如需覆盖请加 --force"
    assert target.read_bytes() == b"the writer's own edits"
    write_draft(sample_draft(), target, force=True)
    assert docx.Document(str(target)).paragraphs[0].style.name == "Title"
    assert _leftovers(tmp_path) == []


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    missing = tmp_path / "没有的文件夹" / "总结.docx"
    with pytest.raises(OutputError) as caught:
        write_draft(sample_draft(), missing)
    assert str(caught.value) == (
        f"{missing}:输出文件夹不存在:{missing.parent}。请先创建这个文件夹,或换一个输出路径"
    )
    folder = tmp_path / "输出.docx"
    folder.mkdir()
    with pytest.raises(OutputError) as caught:
        write_draft(sample_draft(), folder)
    assert (
        str(caught.value)
        == f"{folder}:输出路径是一个文件夹。请在后面加上文件名,例如 {folder / '工作总结.docx'}"
    )


def test_unwritable_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes anywhere on an ordinary file system; sysfs refuses new files even to root.
        folder = Path("/sys")
        if not folder.is_dir():
            pytest.skip("以 root 运行且没有 /sys,造不出不可写的文件夹")
    else:
        folder = tmp_path / "只读"
        folder.mkdir()
        folder.chmod(0o555)
    target = folder / "总结.docx"
    with pytest.raises(OutputError) as caught:
        write_draft(sample_draft(), target)
    assert str(caught.value) == f"{target}:没有权限在文件夹 {folder} 中写入。请换一个有写权限的文件夹"
    assert not target.exists()


# --- failing or killed midway -------------------------------------------------------------------------------


def test_renderer_failing_halfway_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render.docx as docx_renderer

    real_run_xml = docx_renderer._run_xml
    calls = {"n": 0}

    def failing_run_xml(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] % 40 == 0:  # forty runs into each document
            raise RuntimeError("渲染到一半出错")
        return real_run_xml(*args, **kwargs)

    monkeypatch.setattr(docx_renderer, "_run_xml", failing_run_xml)
    new = tmp_path / "新.docx"
    existing = tmp_path / "旧.docx"
    existing.write_bytes(b"old content")
    with pytest.raises(RuntimeError):
        write_draft(sample_draft(), new)
    with pytest.raises(RuntimeError):
        write_draft(sample_draft(), existing, force=True)
    assert calls["n"] >= 80
    assert not new.exists()
    assert existing.read_bytes() == b"old content"
    assert _leftovers(tmp_path) == []


def test_disk_full_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    existing = tmp_path / "总结.docx"
    existing.write_bytes(b"old content")
    with pytest.raises(OutputError) as caught:
        write_draft(sample_draft(), existing, force=True)
    assert str(caught.value) == f"{existing}:磁盘空间不足,文件没有写入。请清理磁盘空间后重试,原有文件未被改动"
    assert existing.read_bytes() == b"old content"
    assert _leftovers(tmp_path) == []


def _spawn(script: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(TESTS)]))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _finish(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)  # reaps the child and closes its pipes


def _wait_for_line(proc: subprocess.Popen[str], expected: str, timeout: float = 60) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == expected:
            return
        if not line and proc.poll() is not None:
            raise AssertionError(f"子进程提前退出:{proc.stderr.read() if proc.stderr else ''}")
    raise AssertionError(f"等不到子进程输出 {expected}")


def test_killed_while_rendering_a_huge_draft_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "大.docx"
    # The child says when it is well inside the rendering (the 200th piece of text turned into XML) and from then on
    # renders a little slower, so that the kill lands mid-render however fast the machine is (a fixed sleep here
    # let a quiet machine finish the whole write first).
    proc = _spawn(
        f"""
        import time
        import generator.render.docx as rendering
        from test_render_docx import sample_draft
        from generator.drafting.model import Draft
        from generator.render.output import write_draft
        real_text_xml = rendering._text_xml
        pieces = [0]
        def slowed(text):
            pieces[0] += 1
            if pieces[0] == 200:
                print("rendering", flush=True)
            if pieces[0] >= 200:
                time.sleep(0.002)
            return real_text_xml(text)
        rendering._text_xml = slowed
        small = sample_draft()
        huge = Draft(blocks=small.blocks * 400, title=small.title)
        write_draft(huge, {str(target)!r})
        print("done", flush=True)
        """
    )
    try:
        _wait_for_line(proc, "rendering")
        assert proc.poll() is None, "渲染已经结束,来不及在中途终止"
        proc.send_signal(signal.SIGKILL)
    finally:
        _finish(proc)
    assert proc.returncode == -signal.SIGKILL
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_killed_between_write_and_rename_keeps_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "总结.docx"
    target.write_bytes(b"the writer's own edits")
    # The child stops for good right after the new content is flushed, before the rename: the worst moment.
    proc = _spawn(
        f"""
        import os, time
        from test_render_docx import sample_draft
        from generator.render.output import write_draft
        real_fsync = os.fsync
        def stalled(fd):
            real_fsync(fd)
            print("flushed", flush=True)
            time.sleep(120)
        os.fsync = stalled
        write_draft(sample_draft(), {str(target)!r}, force=True)
        """
    )
    try:
        _wait_for_line(proc, "flushed")
        proc.send_signal(signal.SIGKILL)
    finally:
        _finish(proc)
    assert target.read_bytes() == b"the writer's own edits"
    # What SIGKILL cannot clean up is a hidden temporary file beside it, never a damaged target.
    others = [p for p in tmp_path.iterdir() if p != target]
    assert all(p.name.startswith(".总结.docx.") and p.name.endswith(".tmp") for p in others)


def test_write_atomic_writes_text_and_bytes_and_never_clobbers_without_force(tmp_path: Path) -> None:
    import errno

    from generator.base.files import write_atomic
    from generator.errors import os_reason

    target = tmp_path / "说明.txt"
    assert write_atomic(target, "第一行\n第二行\n", force=False) == target
    assert target.read_bytes() == "第一行\n第二行\n".encode()
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"other", force=False)
    assert str(caught.value) == f"{target}:文件已存在,如需覆盖请加 --force"
    write_atomic(target, b"\xe6\x96\xb0", force=True)
    assert target.read_text(encoding="utf-8") == "新"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["说明.txt"]
    assert os_reason(OSError(errno.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "磁盘是只读的"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == f"系统错误 {errno.EXDEV}"
