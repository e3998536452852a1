"""The `zongjie` command line: a thin layer over the library API; errors are mapped to exit codes here only. Entry:
main (the console script); one module a group of commands.
"""

from __future__ import annotations

import errno
import signal
import sys
from typing import NoReturn

import click
import typer

from generator.base import interrupts
from generator.cli import i18n  # noqa: I001
from generator.errors import UsageError, ZongjieError

i18n.install()

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


# Command groups register themselves on `app` when imported; each keeps its heavy imports inside its commands.
from generator.cli import corpus, draft, facts, importing, library, lint, outline, serve  # noqa: E402,F401

BUG_HINT = "这是 zongjie 自身的缺陷,不是您的操作问题。请把上面的信息连同所用文件一起反馈给维护者。"


def _print_error(error: ZongjieError) -> None:
    message = f"{error.label}:{error}"
    if sys.stderr.isatty():
        message = f"\x1b[31m{message}\x1b[0m"
    print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print one Chinese line and exit non-zero, bugs keep their traceback.

    Ctrl-C and SIGTERM stop the run with exit code 130 or 143 and one line saying what was and was not
    written; a file being put in place is finished or removed first (see base/interrupts.py).
    """
    # Run as the program (argv None), the signals stay caught to the very end; called from Python, they are
    # handed back as they were.
    with interrupts.handlers(restore=argv is not None):
        try:
            code = _run(argv)
        except interrupts.Interrupted as stop:
            print(interrupts.interrupted_message(stop), file=sys.stderr)
            sys.exit(stop.exit_code)
    if code:
        sys.exit(code)


def _run(argv: list[str] | None) -> int:
    try:
        # In this mode typer turns a KeyboardInterrupt into a returned 130; the signal handlers above mean
        # none reaches it, but a returned code is passed on all the same, never dropped.
        code = app(args=argv, prog_name="zongjie", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except ZongjieError as error:
        _print_error(error)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        print("已取消。", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as error:
        # click assembles some lines outside gettext; the translated copy replaces its message before showing.
        error.message = i18n.translate_message(error.message)  # type: ignore[misc]
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as error:
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        raise interrupts.Interrupted(signal.SIGINT) from None
    except BrokenPipeError:
        sys.exit(0)
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:
            _report_bug()
        # Any command can be handed a path the system refuses to look up; that is the argument, not our bug.
        name = str(error.filename or "")
        shown = name if len(name) <= 60 else name[:59] + "…"
        _print_error(UsageError("文件名过长,系统无法打开", path=shown, hint="请换一个短一些的文件名或路径"))
        sys.exit(UsageError.exit_code)
    except Exception:
        _report_bug()


def _report_bug() -> NoReturn:
    import traceback

    traceback.print_exc()
    print(f"\n内部错误:{BUG_HINT}", file=sys.stderr)
    sys.exit(70)
