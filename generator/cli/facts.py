"""`zongjie init` and `zongjie check`: a commented facts skeleton to fill in, and validation of a filled one."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app
from generator.cli.terminal import echo
from generator.taxonomy.kinds import kinds_help


@app.command("init")
def init_command(
    file: Path = typer.Argument(..., help="要写出的事实文件,如 我的事实.yaml", metavar="文件"),
    kind: str = typer.Option(
        ...,
        "--kind",
        "-k",
        help=f"材料种类:{kinds_help()}。",
        metavar="种类",
    ),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    """写出一份带注释的事实文件骨架,照着注释填写后即可起草。

    例:zongjie init --kind 半年总结 我的事实.yaml
    """
    from generator.facts.skeleton import write_skeleton

    target = write_skeleton(kind, file, force=force)
    echo(f"已写出 {target}。请照着文件中的注释填写,然后运行:zongjie check {target}")


@app.command("check")
def check_command(
    facts: Path = typer.Argument(..., help="要检查的事实文件", metavar="事实文件"),
) -> None:
    """只检查事实文件:有错误时指出文件、行号和改法;数字前后矛盾时给出提示。

    例:zongjie check 我的事实.yaml
    """
    from generator.facts.load import load_facts

    loaded = load_facts(facts)
    figures = sum(len(area.data) for area in loaded.work + loaded.plans)
    echo(
        f"检查通过:{loaded.kind},「工作」{len(loaded.work)} 个部分,「计划」{len(loaded.plans)} 个部分,"
        f"数据 {figures} 条,提示 {len(loaded.warnings)} 条。"
    )
    for warning in loaded.warnings:
        echo(f"提示:{warning}")
