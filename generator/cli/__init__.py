"""The `zongjie` command line: a thin layer over the library API; errors are mapped to exit codes here only. Entry:
main (the console script); one module a group of commands.
"""

from __future__ import annotations

import errno
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

from generator.base.regex import remember_charsets

# Before anything compiles its expressions (click and typer among them): each character set is built once a run.
remember_charsets()

import click  # noqa: E402
import typer  # noqa: E402

from generator.base import interrupts  # noqa: E402
from generator.cli import i18n, root  # noqa: E402, I001
from generator.errors import UsageError, ZongjieError  # noqa: E402

i18n.install()

# Each command module registers its commands on root.app when imported and keeps its heavy imports inside its
# commands. A run imports only the module of the command it names (the table below; a test checks it against
# the registrations), so `zongjie generate` neither imports nor builds the other commands. The order is the
# order of `zongjie --help`.
COMMAND_MODULES: dict[str, str] = {
    "corpus": "corpus",
    "generate": "draft",
    "init": "facts",
    "check": "facts",
    "import": "importing",
    "audit": "importing",
    "compare": "importing",
    "mine": "library",
    "phrases": "library",
    "lint": "lint",
    "outline": "outline",
    "serve": "serve",
}


def load_commands(args: Sequence[str] | None = None) -> None:
    """Register the command that ``args`` names, or every command when the first word names none (help,
    --version, a mistyped command: click then lists or suggests from all of them)."""
    name = args[0] if args else None
    module = COMMAND_MODULES.get(name) if isinstance(name, str) else None
    for each in [module] if module else dict.fromkeys(COMMAND_MODULES.values()):
        # __import__ rather than importlib.import_module: -X importtime then lists the module too.
        __import__(f"generator.cli.{each}")
    # In one process (the tests) a command may have been registered before the others: keep the table's order.
    order = list(COMMAND_MODULES)
    root.app.registered_commands.sort(key=lambda info: order.index(info.name or ""))
    root.app.registered_groups.sort(key=lambda info: order.index(info.name or ""))


def __getattr__(name: str) -> typer.Typer:
    # `from generator.cli import app` gives the whole CLI, every command registered.
    if name == "app":
        load_commands()
        return root.app
    raise AttributeError(f"module 'generator.cli' has no attribute {name!r}")


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
        load_commands(sys.argv[1:] if argv is None else argv)
        code = root.app(args=argv, prog_name="zongjie", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except ZongjieError as error:
        _print_error(error)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        print("已取消。", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as error:
        # click assembles some lines outside gettext; the translated copy replaces its message before showing.
        error.message = i18n.translate_message(error.message)  # type: ignore[misc, unused-ignore]  # Final in some click stubs
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
