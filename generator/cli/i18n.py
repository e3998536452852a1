"""Chinese for the words click and typer print themselves (usage, options, their error lines)."""

from __future__ import annotations

import sys

_MESSAGES = {
    "Usage:": "用法:",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "[required]": "[必填]",
    "required": "必填",
    "[default: {}]": "[默认:{}]",
    "default: {default}": "默认:{default}",
    "[env var: {}]": "[环境变量:{}]",
    "env var: {var}": "环境变量:{var}",
    "Error": "错误",
    "Error: {message}": "错误:{message}",
    "Try '{command} {option}' for help.": "可运行 '{command} {option}' 查看帮助。",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "可运行 '{command_path} {help_option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数:{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有名为 {name!r} 的命令。",
    "No such option {name!r}.": "没有名为 {name!r} 的选项。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效:{message}",
    "Invalid value: {message}": "值无效:{message}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}:{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Aborted!": "已取消。",
    "Aborted.": "已取消。",
    "Choose from:\n\t{choices}": "可选:\n\t{choices}",
    "Did you mean {possibility}?": "您是不是想写 {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(您是不是想写其中之一:{possibilities}?)",
    "Got unexpected extra argument ({args})": "多出了参数({args})",
    "Got unexpected extra arguments ({args})": "多出了参数({args})",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值之一:{choices}。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "integer": "整数",
    "float": "数字",
}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _MESSAGES.get(singular if n == 1 else plural, singular if n == 1 else plural)


# Pieces typer and click build outside gettext: type names and typer's own suggestion suffix.
_FRAGMENTS = (
    ("有效的integer", "有效的整数"),
    ("有效的float", "有效的数字"),
    ("。. Did you mean", "。您是不是想写"),
    (". Did you mean", "。您是不是想写"),
    ("?", "?"),
)


def translate_message(message: str) -> str:
    """Finish the translation of an error line that click assembled from several parts."""
    for english, chinese in _FRAGMENTS:
        message = message.replace(english, chinese)
    return message


def install() -> None:
    """Point the `_`/`ngettext` names of click's and typer's modules at the Chinese table."""
    for name in (
        "click.core",
        "click.exceptions",
        "click.formatting",
        "click.parser",
        "click.types",
        "click.decorators",
        "click.termui",
        "click.utils",
        "typer.core",
        "typer.rich_utils",
    ):
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
