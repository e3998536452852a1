"""`zongjie corpus clean | outline | stats`: look at what the cleaner and the structurer make of a report."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app
from generator.cli.terminal import echo, safe
from generator.errors import InputReadError, UsageError

corpus_app = typer.Typer(
    help="往年材料(语料):清洗网页杂质、查看提纲、统计清洗了什么。\n\n"
    "例:zongjie corpus outline seeds/000_6729c89874232e6a.txt",
    no_args_is_help=True,
    rich_markup_mode=None,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("clean")
def clean_command(
    file: Path = typer.Argument(..., help="一份往年材料(.txt 或 .docx)", metavar="文件"),
    no_title: bool = typer.Option(False, "--no-title", help="不在第一行输出识别出的标题。"),
) -> None:
    """清洗一份材料并输出正文:每段一行,每个标题单独一行。

    去掉网页杂质(上传人、第1页、上一篇……)和文档站的分块编号,繁体转简体并去掉拼音注音,
    复原机器换词(原那么→原则),把占位符标成 〖XX〗、被抠掉的数字标成 〖缺〗、拼进年份的坏数字标成 〖疑:…〗。
    第一行是识别出的标题(装饰如"范文""(2)"已去掉)。

    例:zongjie corpus clean seeds/001_f08b529532b5985e.txt
    """
    from generator.corpus.clean import clean_file

    result = clean_file(file)
    if result.title and not no_title:
        echo(result.title)
    for line in result.lines:
        echo(line)


@corpus_app.command("outline")
def outline_command(
    file: Path = typer.Argument(..., help="一份往年材料(.txt 或 .docx)", metavar="文件"),
) -> None:
    """输出一份材料的提纲:每行一个标题,按层级每级缩进两个空格,序号照原文(一、 (一) 1. 1、 (1))。

    "下半年工作打算""存在的问题"这类不带序号的部分标题也列出;"一是、二是"等段内列举是正文,不列。

    例:zongjie corpus outline seeds/000_6729c89874232e6a.txt
    """
    from generator.corpus.structure import structure_file

    document = structure_file(file)
    lines = document.outline_lines()
    if not lines:
        raise InputReadError(
            "没有找到任何标题(一、 (一) 1. 等)", path=file, hint="请确认这是一份分条目写的总结材料"
        )
    for line in lines:
        echo(line)


@corpus_app.command("stats")
def stats_command(
    paths: list[Path] = typer.Argument(
        ..., help="材料文件或文件夹(文件夹中的 .txt / .docx 都会统计)", metavar="路径..."
    ),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出,便于脚本处理。"),
) -> None:
    """统计清洗做了什么:每份材料删去的杂质行、拼接的分块编号、转换的繁体字和拼音注音、
    复原的换词(逐个列出次数)、占位符与空洞、是否换词严重,最后一行是合计。

    例:zongjie corpus stats seeds/
    """
    from generator.corpus.clean import clean_file

    files = _expand(paths)
    rows = []
    failures: list[str] = []
    for path in files:
        try:
            rows.append((path, clean_file(path)))
        except InputReadError as error:
            failures.append(str(error))
    if as_json:
        import json

        payload = {str(path): result.stats.as_dict() for path, result in rows}
        echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        echo(_render_table(rows))
    if failures:
        for failure in failures:
            echo(f"读取错误:{failure}", err=True)
        raise InputReadError(
            f"{len(failures)} 个文件无法读取,其余 {len(rows)} 个已统计", hint="请按上面的提示处理"
        )


def _expand(paths: list[Path]) -> list[Path]:
    from generator.corpus.read import corpus_files

    files: list[Path] = []
    for path in paths:
        found = corpus_files([path])
        if path.is_dir() and not found:
            raise UsageError("文件夹中没有 .txt 或 .docx 材料", path=path, hint="请给出含有往年材料的文件夹")
        files.extend(found)
    return files


def _render_table(rows: list) -> str:
    import io
    import shutil
    import sys

    from rich.console import Console
    from rich.table import Table

    table = Table(title="清洗统计", show_lines=False)
    columns = [
        "材料", "杂质行", "分块编号", "繁体字", "拼音注音", "换词复原", "占位符", "空洞", "坏数字", "引号残缺",
        "每千字换词", "换词严重", "结尾截断",
    ]  # fmt: skip
    for index, name in enumerate(columns):
        table.add_column(name, justify="left" if index == 0 else "right")
    totals = [0] * 9
    details: list[str] = []
    for path, result in rows:
        s = result.stats
        values = [
            len(s.boilerplate),
            s.chunk_markers,
            s.traditional_chars,
            s.pinyin_glosses,
            s.spun_total,
            sum(s.placeholders.values()),
            s.holes,
            len(s.corrupted),
            s.unbalanced_quotes,
        ]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        table.add_row(
            safe(Path(path).name),
            *(str(v) for v in values),
            f"{s.spin_rate:.2f}",
            "是" if s.heavy_spinning else "否",
            "是" if s.truncated else "否",
        )
        if s.spun:
            forms = "、".join(f"{form} ×{count}" for form, count in s.spun.most_common())
            details.append(f"{Path(path).name} 换词复原:{forms}")
        if s.placeholders:
            forms = "、".join(f"{form} ×{count}" for form, count in s.placeholders.most_common())
            details.append(f"{Path(path).name} 占位符:{forms}")
        if s.extra_articles:
            details.append(f"{Path(path).name} 同一网页上另有 {s.extra_articles} 篇材料,只收了第一篇")
        if s.corrupted:
            details.append(f"{Path(path).name} 疑似拼进年份的数字:{'、'.join(s.corrupted)}")
    heavy = sum(1 for _, result in rows if result.stats.heavy_spinning)
    truncated = sum(1 for _, result in rows if result.stats.truncated)
    table.add_row(f"合计({len(rows)} 份)", *(str(v) for v in totals), "", f"{heavy} 份", f"{truncated} 份")
    buffer = io.StringIO()
    # A fixed width off a terminal keeps piped output and logs whole; on a terminal rich fits the window.
    width = shutil.get_terminal_size((170, 24)).columns if sys.stdout.isatty() else 170
    Console(file=buffer, width=width, color_system=None, highlight=False).print(table)
    text = buffer.getvalue().rstrip("\n")
    if details:
        text += "\n" + "\n".join(safe(line) for line in details)
    return text
