"""`zongjie import`, `compare` and `audit`: last year's report as the way in, and the checks before a report goes up."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli import app
from generator.taxonomy.kinds import kinds_help


@app.command("import")
def import_command(
    source: Path = typer.Argument(..., help="去年的工作总结(.docx 或 .txt)", metavar="去年总结"),
    output: Path = typer.Option(..., "--output", "-o", help="写出的事实文件(YAML)", metavar="文件"),
    kind: str | None = typer.Option(
        None, "--kind", "-k", help=f"今年材料的种类:{kinds_help()};不写则与去年的相同。", metavar="种类"
    ),
    outline_out: Path | None = typer.Option(
        None, "--outline-out", help="同时把去年的提纲写成提纲文件,供 generate --outline 使用", metavar="文件"
    ),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    """从去年的工作总结生成今年的事实文件:各部分、每个数字(作「上年」)、去年的举措、荣誉、不足(作注释)和去年计划的回顾清单。

    例:zongjie import 去年总结.docx -o 今年事实.yaml --outline-out 我的提纲.yaml
    """
    from generator.importing.lastyear import import_report

    result = import_report(source, output, kind=kind, outline_out=outline_out, force=force)
    period = f"{result.year}年{result.half or ''}" if result.year else "(年度待填)"
    typer.echo(
        f"已写出 {result.facts_path}:{result.kind},{period};「工作」{result.areas} 个部分,数据 {result.figures} 条"
        f"(「上年」已填,「数值」待填),去年的计划 {result.plans} 条,去年的不足 {result.problems} 条。"
    )
    if result.missing:
        typer.echo(f"去年的材料里没有读出:{'、'.join(result.missing)},请在文件中补上。")
    if result.outline_path is not None:
        typer.echo(
            f"已写出提纲 {result.outline_path}:zongjie generate {result.facts_path} -o 草稿.docx --outline {result.outline_path}"
        )
    typer.echo(f"请填好「数值」和「计划回顾」,然后运行:zongjie check {result.facts_path}")
