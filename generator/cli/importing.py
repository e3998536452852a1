"""`zongjie import`, `compare` and `audit`: last year's report as the way in, and the checks before a report goes up."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app
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
        + (
            f"另有 {result.missing_figures} 个数在去年的材料中缺失,「上年」留空待查。"
            if result.missing_figures
            else ""
        )
    )
    if result.missing:
        typer.echo(f"去年的材料里没有读出:{'、'.join(result.missing)},请在文件中补上。")
    if result.outline_path is not None:
        typer.echo(
            f"已写出提纲 {result.outline_path}:zongjie generate {result.facts_path} -o 草稿.docx --outline {result.outline_path}"
        )
    typer.echo(f"请填好「数值」和「计划回顾」,然后运行:zongjie check {result.facts_path}")


@app.command("audit")
def audit_command(
    report: Path = typer.Argument(..., help="要核对的工作总结(.docx 或 .txt)", metavar="报告"),
) -> None:
    """核对一份写好的总结里的数字:「比上年增加……增长……%」重新计算,「其中」各项相加,「完成目标的……%」重算,列出前后矛盾之处。

    发现不一致时退出码为 1。例:zongjie audit 报告.docx
    """
    from generator.importing.audit import audit_report

    result = audit_report(report)
    unit = "段" if result.docx else "行"
    checked = "、".join(f"{k} {v} 处" for k, v in result.checked.items() if v) or "没有可以重算的数字"
    bad = result.inconsistencies
    typer.echo(
        f"{report}:核对了{checked};"
        + (f"发现 {len(bad)} 处数字前后不一致。" if bad else "没有发现数字前后不一致。")
    )
    for number, finding in enumerate(bad, start=1):
        place = f"第 {finding.line} {unit}" if finding.line else "位置不明"
        typer.echo(f"{number}. {place}({finding.where}):{finding.message}")
        typer.echo(f"   原文:{finding.sentence}")
    for finding in result.notes:
        place = f"第 {finding.line} {unit}" if finding.line else "位置不明"
        typer.echo(f"提示:{place}({finding.where}):{finding.message}")
    if bad:
        raise SystemExit(1)


@app.command("compare")
def compare_command(
    draft: Path = typer.Argument(..., help="今年的草稿(.docx 或 .txt)", metavar="草稿"),
    source: Path = typer.Argument(..., help="去年的总结(.docx 或 .txt)", metavar="去年总结"),
    highlight: Path | None = typer.Option(
        None, "--highlight", help="另存一份草稿副本(.docx),把与去年重复的句子标成黄色", metavar="文件"
    ),
    force: bool = typer.Option(False, "--force", help="副本已存在时覆盖。"),
) -> None:
    """查重:列出草稿中与去年的总结一字不差或几乎一样(相似度 85% 以上)的句子,各在两份材料的什么位置,以及重复文字所占的比例。

    例:zongjie compare 草稿.docx 去年总结.docx --highlight 草稿-标注.docx
    """
    from generator.importing.compare import THRESHOLD, compare_reports

    result = compare_reports(draft, source, highlight=highlight, force=force)
    draft_unit = "段" if result.draft_docx else "行"
    source_unit = "段" if result.source_docx else "行"
    typer.echo(
        f"{draft}:{result.sentences} 句中有 {len(result.reused)} 句与去年的 {source} 重复或几乎一样"
        f"(相似度不低于 {THRESHOLD:g}%),重复文字占 {result.share:.1f}%。"
    )
    for number, reuse in enumerate(result.reused, start=1):
        same = "一字不差" if reuse.score >= 100 else f"相似度 {reuse.score:.0f}%"
        typer.echo(
            f"{number}. 草稿第 {reuse.draft.line} {draft_unit}({reuse.draft.where})↔ 去年第 {reuse.source.line} "
            f"{source_unit}({reuse.source.where}),{same}"
        )
        typer.echo(f"   草稿:{reuse.draft.text}")
        if reuse.score < 100:
            typer.echo(f"   去年:{reuse.source.text}")
    if result.highlighted is not None:
        typer.echo(f"已写出标注副本 {result.highlighted}(重复的句子标成了黄色)。")
