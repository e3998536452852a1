"""`zongjie mine` (corpus → library) and `zongjie phrases` (browse the phrase patterns)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from generator.cli.root import app
from generator.cli.terminal import echo, plain_table, rich_table, rich_terminal, safe
from generator.errors import UsageError

if TYPE_CHECKING:
    from generator.library.core import Phrase


TABLE_TITLE = "挖掘结果(每份材料)"
MIN_TABLE_WIDTH = 120


@app.command("mine")
def mine_command(
    corpus: list[Path] | None = typer.Argument(
        None,
        help="往年材料的文件或文件夹(可多个;文件夹里的 .txt 和 .docx 都会读)。不写则用 seeds/ 和 corpus/",
        metavar="[语料]...",
    ),
    out: Path = typer.Option(
        ..., "--out", "-o", help="词库输出文件夹:写出 phrases.yaml 和 outlines/*.yaml", metavar="文件夹"
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="同时挖掘的进程数;0(默认)为本机的核数,1 为不用多进程", metavar="进程数"
    ),
) -> None:
    """挖掘往年材料,得到提纲骨架和常用句式(自己的词库)。

    每份材料先清洗、分出结构,再把句子里的数字、地名、学校、人名、项目名换成槽位,只留下写法;
    同样写法的句子合并为一条,support 是它出现在几份不同的材料里(转载、繁简两份算一份)。分句(逗号、分号之间)
    也按同样的写法归类(在县委、县政府的正确领导下 / 在区委、区政府的坚强领导下 是一条,正确/坚强 是可选措辞)。
    含缺数、占位符或专名的句子不收,最后的表格逐份说明原因。读不了、空的或不是文本的文件会报告并跳过,其余照常挖掘。
    同样的材料挖两次,得到的文件一字不差,用几个进程都一样。

    例:zongjie mine 我的材料/ -o 我的词库/

    然后:zongjie generate 事实.yaml -o 草稿.docx --library 我的词库/
    """
    from generator.base.files import missing_problem
    from generator.base.resources import corpus_dir, seeds_dir
    from generator.corpus.read import corpus_files
    from generator.mining.miner import LEFT_OUT, mine_corpus, write_library
    from generator.mining.slot import REASONS

    if not corpus:
        default = seeds_dir() or Path("seeds")
        if not default.is_dir():
            raise UsageError(
                "没有给出语料,也找不到 seeds/ 文件夹", hint="例:zongjie mine 我的材料/ -o 我的词库/"
            )
        # corpus/ sits beside seeds/: in the checkout the package runs from, or else in the working folder
        shipped = corpus_dir() or (Path("corpus") if default == Path("seeds") and Path("corpus").is_dir() else None)
        corpus = [default, *([shipped] if shipped is not None else [])]
    for path in corpus:
        if not path.exists():
            problem = missing_problem(path)
            raise UsageError(
                f"找不到语料:{path}" + (f"({problem})" if problem else ""), hint="请给出材料文件或文件夹的路径"
            )
    files = corpus_files(corpus)
    if not files:
        raise UsageError("语料里没有 .txt 或 .docx 文件", path=corpus[0], hint="请给出往年材料的文件或文件夹")
    if rich_terminal(sys.stderr):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(stderr=True)

        with Progress(
            TextColumn("挖掘"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=len(files))
            result = mine_corpus(
                files,
                progress=lambda path: progress.update(task, advance=1, description=safe(path.name)),
                jobs=jobs or None,
            )
    else:  # piped or redirected: no bar to draw (nor its thread and imports to pay for)
        result = mine_corpus(files, jobs=jobs or None)
    if all(report.error for report in result.files):
        for report in result.skipped:
            echo(f"已跳过:{report.error}", err=True)
        raise UsageError("没有一份材料能够挖掘,词库未写出", path=out, hint="请检查上面列出的文件")
    written = write_library(result, out)

    headers = ["文件", "类型", "句子", "新句式", "并入已有", *(REASONS[reason] for reason in LEFT_OUT)]
    rows: list[list[str]] = []
    for report in result.files:
        if report.error:
            rows.append([safe(report.file), "跳过", "-", "-", "-", "-", "-", "-", "-"])
            continue
        rows.append(
            [
                safe(report.file),
                report.kind,
                *(str(n) for n in (report.sentences, report.new, report.joined)),
                *(str(getattr(report, reason)) for reason in LEFT_OUT),
            ]
        )
    mined = [r for r in result.files if not r.error]
    sections = set()
    if len(mined) > 1:
        fields = ("sentences", "new", "joined", *LEFT_OUT)
        sections.add(len(rows))
        rows.append(["合计", "", *(str(sum(getattr(r, f) for r in mined)) for f in fields)])
    right = [header not in ("文件", "类型") for header in headers]
    plain = None
    if not rich_terminal(sys.stdout) and (sys.stdout.encoding or "").lower().replace("-", "").startswith("utf"):
        # Piped: the characters rich would print (its console is at least 120 wide, below), without rich.
        plain = plain_table(TABLE_TITLE, headers, right, rows, sections, MIN_TABLE_WIDTH)
    if plain is not None:
        sys.stdout.write(plain)
        sys.stdout.flush()
    else:
        from rich.console import Console

        # Wide enough for the file names even when the output is piped (rich falls back to 80 columns).
        out_console = Console()
        out_console.width = max(out_console.width, MIN_TABLE_WIDTH)
        out_console.print(rich_table(TABLE_TITLE, headers, right, rows, sections))
    for report in result.skipped:
        echo(f"已跳过:{report.error}", err=True)
    stock = sum(1 for p in result.phrases if p.support >= 2)
    echo(
        f"共 {len(result.phrases)} 条句式(其中 {stock} 条出现在两份以上材料中)、{len(result.outlines)} 个提纲,"
        f"来自 {result.reports} 份不同的材料,写入 {out}({len(written)} 个文件)。"
    )


@app.command("phrases")
def phrases_command(
    query: str | None = typer.Argument(None, help="只列出文字中含有这个词的句式", metavar="[关键词]"),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        help="只列出这一用途的句式,中文或英文名均可,如 导语(opening)、一级标题(heading1)、举措(measure)、打算(plan)",
        metavar="用途",
    ),
    topic: str | None = typer.Option(
        None, "--topic", "-t", help="只列出这一主题的句式,如 学前教育、教师队伍(别名也可以)", metavar="主题"
    ),
    min_support: int = typer.Option(
        0,
        "--min-support",
        min=0,
        help="只列出见于至少这么多份不同材料的挖掘句式(人工句式没有支持数,不列出);起草只用见于 2 份以上的",
        metavar="份数",
    ),
    library: list[Path] | None = typer.Option(
        None, "--library", "-l", help="叠加自己的词库文件夹(可重复,后者优先)", metavar="文件夹"
    ),
) -> None:
    """浏览词库里的句式,按支持的材料份数从多到少排列(同样多的按编号),每条一行,以制表符分隔:
    编号、用途、主题、文字(槽位用 {{ }} 标出)、支持几份材料、来源(挖掘/人工)、出处。

    支持是这条写法出现在几份不同的材料里(转载、繁简两份算一份)。只见于一份材料的挖掘句子标为
    「仅见一份(示例,不用于起草)」:它们可能是那份材料自己的事,只供浏览,起草只用见于两份以上材料的句式。
    人工句式没有支持数,写作「支持 -」,排在最后。

    出处写作"文件:行",行是原文件里这句所在段落开始的行(挖掘时按段首文字在原文件中找到;找不到时只写文件名);
    出处多于三处时只列前三处,再写「等 N 个文件」(转载、繁简两份算一份材料,文件数可多于支持数)。

    例:zongjie phrases --kind 导语

    例:zongjie phrases --min-support 3

    例:zongjie phrases --topic 学前教育 幼儿园
    """
    from generator.library.core import PHRASE_KINDS, load_library
    from generator.taxonomy.topics import topic_names

    kind_id = _phrase_kind(kind, PHRASE_KINDS) if kind else None
    topic_name = None
    if topic:
        names = topic_names()
        topic_name = names.get(topic.strip())
        if topic_name is None:
            valid = "、".join(dict.fromkeys(names.values()))
            raise UsageError(f"没有「{topic}」这个主题", hint=f"可用的主题有:{valid}")
    found = [
        p
        for p in load_library(library or ()).phrases.values()
        if (not kind_id or p.kind == kind_id)
        and (not topic_name or topic_name in p.topics)
        and (not query or query in p.text)
        and (not min_support or p.origin == "mined" and p.support >= min_support)
    ]
    # Most reports first; a manual entry has no count and comes after every mined one.
    for phrase in sorted(found, key=lambda p: (-_support(p), p.id)):
        mined = phrase.origin == "mined"
        sources = _sources_text(phrase)
        echo(
            "\t".join(
                (
                    phrase.id,
                    PHRASE_KINDS.get(phrase.kind, phrase.kind),
                    "、".join(phrase.topics),
                    phrase.text,
                    _support_text(phrase),
                    "挖掘" if mined else "人工",
                    f"出处 {sources}" if sources else "出处 -",
                )
            )
        )
    echo(f"共 {len(found)} 条。", err=True)


# Sources listed in full up to this many; beyond, the first ones and 「等 N 个文件」.
_SHOWN_SOURCES = 3


def _support(phrase: Phrase) -> int:
    return phrase.support if phrase.origin == "mined" else -1


def _support_text(phrase: Phrase) -> str:
    """支持 N 份; a mined sentence of one report is an example, never drafted; a manual entry has no count."""
    if phrase.origin != "mined":
        return "支持 -"
    if phrase.support < 2:
        return "仅见一份(示例,不用于起草)"
    return f"支持 {phrase.support} 份"


def _sources_text(phrase: Phrase) -> str:
    """文件:行 of each source, the first three when there are more, then 等 N 个文件 (N distinct files: reposts merged into one report still count here)."""
    places = list(dict.fromkeys(f"{s.file}:{s.line}" if s.line else s.file for s in phrase.sources))
    if len(places) <= _SHOWN_SOURCES:
        return "、".join(places)
    files = len({s.file for s in phrase.sources})
    return "、".join(places[:_SHOWN_SOURCES]) + f" 等 {files} 个文件"


def _phrase_kind(kind: str, kinds: dict[str, str]) -> str:
    """A phrase kind given by its English id (opening) or Chinese name (导语; 成绩 for 成绩(含数字))."""
    wanted = kind.strip()
    for kind_id, name in kinds.items():
        if wanted in (kind_id, name, name.split("(")[0]):
            return kind_id
    listing = "、".join(f"{name}({kind_id})" for kind_id, name in kinds.items())
    raise UsageError(f"没有「{kind}」这种用途", hint=f"可用的有:{listing}")
