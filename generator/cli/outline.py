"""`zongjie outline list|show|copy`: the outlines a draft follows, and an editable copy of one."""

from __future__ import annotations

from pathlib import Path

import typer

from generator.cli.root import app
from generator.cli.terminal import echo

outline_app = typer.Typer(
    help="提纲骨架:列出、查看,或复制一份自己修改。",
    no_args_is_help=True,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
)
app.add_typer(outline_app, name="outline")

LibraryOption = typer.Option(
    None, "--library", "-l", help="自己的词库文件夹(可重复),其中 outlines/ 下的提纲一并列出。", metavar="文件夹"
)


@outline_app.command("list")
def list_command(library: list[Path] | None = LibraryOption) -> None:
    """列出可用的提纲,每行一个:提纲名、类型、显示名、来源。

    例:zongjie outline list
    """
    from generator.library.outlines import list_outlines

    for outline in list_outlines(library or ()):
        echo(f"{outline.name}\t{outline.kind}\t{outline.title}\t{outline.origin}")


@outline_app.command("show")
def show_command(
    name: str = typer.Argument(..., help="提纲名(见 zongjie outline list)、类型,或提纲文件路径", metavar="提纲"),
    library: list[Path] | None = LibraryOption,
) -> None:
    """以树形显示一个提纲:每个节点的序号样式、角色和见过的标题写法。

    例:zongjie outline show half_year
    """
    from generator.library.outlines import find_outline, outline_tree

    for line in outline_tree(find_outline(name, library or ())):
        echo(line)


@outline_app.command("copy")
def copy_command(
    name: str = typer.Argument(..., help="要复制的提纲名或类型", metavar="提纲"),
    file: Path = typer.Argument(..., help="写出的 YAML 文件", metavar="文件"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
    library: list[Path] | None = LibraryOption,
) -> None:
    """把一个提纲复制成带注释、可编辑的 YAML,改好后用 zongjie generate --outline 文件 起草。

    例:zongjie outline copy half_year 我的提纲.yaml
    """
    from generator.library.outlines import copy_outline

    target = copy_outline(name, file, force=force, libraries=library or ())
    echo(f"已写出 {target}。修改后运行:zongjie generate 事实.yaml -o 草稿.docx --outline {target}")
