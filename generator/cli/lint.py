"""`zongjie lint`: check any .docx against the format profile; findings by severity, non-zero exit on a must-fix."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app


@app.command("lint")
def lint_command(
    document: Path = typer.Argument(
        ..., help="要检查的 Word 文件(.docx),自己的或总结助手起草的都可以", metavar="文件"
    ),
    profile: Path | None = typer.Option(
        None,
        "--profile",
        help="按自己的格式文件检查(只写要改的项,见 templates/profiles/gbt9704.yaml)",
        metavar="文件",
    ),
) -> None:
    """按 GB/T 9704(或自己的格式文件)检查任何一份 .docx 的格式:页面与页边距、各级字体(含中文字体)与字号、行距、缩进、
    标题序号是否连续、全角括号、页码、成文日期、署名。结果分「必须修改」「建议修改」「提示」三类,指明是第几段;
    有「必须修改」时退出码为 1,便于在脚本中使用。

    例:zongjie lint 草稿.docx
    """
    from generator.render.lint import lint_docx
    from generator.render.profile import load_profile

    report = lint_docx(document, load_profile(profile) if profile is not None else None)
    for line in report.lines():
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)
