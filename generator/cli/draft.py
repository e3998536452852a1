"""`zongjie generate`: draft a work summary from a facts file and print what is left to fill in."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app
from generator.cli.terminal import echo


@app.command("generate")
def generate_command(
    facts: Path = typer.Argument(..., help="事实文件(YAML),可用 zongjie init 生成骨架", metavar="事实文件"),
    output: Path = typer.Option(..., "--output", "-o", help="写出的草稿文件:.docx、.md 或 .txt", metavar="文件"),
    outline: str | None = typer.Option(
        None, "--outline", help="提纲名(见 zongjie outline list)或自己修改的提纲文件;不写则按「类型」选取", metavar="提纲"
    ),
    seed: int = typer.Option(0, "--seed", help="措辞种子:同样的事实和种子得到同样的草稿,换一个数得到另一种措辞", metavar="整数"),
    fmt: str | None = typer.Option(None, "--format", "-f", help="输出格式 docx、md 或 txt;不写则按文件扩展名", metavar="格式"),
    force: bool = typer.Option(False, "--force", help="草稿文件已存在时覆盖它"),
    library: list[Path] | None = typer.Option(
        None, "--library", "-l", help="自己的词库文件夹(可重复,后写的优先)", metavar="文件夹"
    ),
    profile: Path | None = typer.Option(None, "--profile", help="自己的版式文件(字体、字号、页边距等)", metavar="文件"),
    no_comments: bool = typer.Option(
        False, "--no-comments", help="Word 草稿中不加批注(数字怎么算的、待补充填什么、提示),得到一份干净的稿子"
    ),
    report: Path | None = typer.Option(
        None,
        "--report",
        help="同时写出一份报告(JSON):草稿逐段的文字、每段用到的词库句式和提纲标题(编号、挖掘/人工、支持几份材料、出处)、"
        "待补充的位置,以及挖掘句式所占的比例",
        metavar="文件.json",
    ),
) -> None:
    """按事实文件起草工作总结,写出 GB/T 9704 格式的 Word 草稿(或 Markdown、纯文本),并列出还要补充的地方。

    例:zongjie generate examples/半年总结-青山县.yaml -o 草稿.docx

    换一种措辞:zongjie generate 我的事实.yaml -o 草稿2.docx --seed 2

    看每段用到的句式及其出处:zongjie generate 我的事实.yaml -o 草稿.docx --report 报告.json
    """
    from generator.api import generate, summary_lines

    result = generate(
        facts,
        output,
        outline=outline,
        seed=seed,
        fmt=fmt,
        force=force,
        libraries=library or (),
        profile=profile,
        comments=not no_comments,
        report=report,
    )
    for line in summary_lines(result):
        echo(line)
