"""The root `zongjie` command: the Typer app every command module registers on, with --version and -h/--help."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="zongjie",
    help="总结助手:为教育局起草半年、年度工作总结。\n\n清洗往年材料、挖掘提纲和句式,并按 GB/T 9704 排版生成 Word 草稿。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        from generator import __version__

        typer.echo(f"zongjie(总结助手){__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="显示版本号并退出。", callback=_version, is_eager=True),
) -> None:
    """总结助手:为教育局起草半年、年度工作总结。

    清洗往年材料、挖掘提纲和句式,并按 GB/T 9704 排版生成 Word 草稿。
    """
