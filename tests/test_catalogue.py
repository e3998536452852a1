"""Catalogue of bad input through the real `zongjie` process: one Chinese line, the right exit code, nothing lost."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
import hostile_files
import pytest
from case_runner import Runner

ROOT = Path(__file__).resolve().parent.parent

# A small valid facts file; the line numbers in the expected messages below count from its first line.
FACTS = """类型: 半年总结
单位: 青山县教育局
地区: 青山县
年度: 2025
半年: 上半年
成文日期: 2025-07-05
工作:
  - 领域: 学前教育
    举措:
      - 实施学前教育扩容提质工程
      - 开展普惠性民办幼儿园认定
    数据:
      - 项目: 普惠性幼儿园覆盖率
        数值: 88.5
        单位: "%"
        上年: 86
计划:
  - 领域: 义务教育
    举措:
      - 推进集团化办学
"""

MEASURE = "      - 开展普惠性民办幼儿园认定\n"  # line 11
FIGURE = '      - 项目: 普惠性幼儿园覆盖率\n        数值: 88.5\n        单位: "%"\n        上年: 86\n'  # lines 13-16
# Address space for the YAML bombs: Python with PyYAML and typer needs far less; an expanded bomb far more.
MEMORY_MB = 1024
OUT = "草稿.docx"
SENTINEL = b"the writer's own edits, not to be lost"
CJK = re.compile(r"[\u4e00-\u9fff]")


def facts(old: str, new: str) -> str:
    """FACTS with one exact change (the test fails loudly if the text to change is not there)."""
    assert FACTS.count(old) == 1, old
    return FACTS.replace(old, new)


# Every command of the catalogue runs in its own process under these caps, set by the process itself
# (resource.setrlimit): a runaway (a template that never ends, a bomb that fills the memory) fails fast.
CAP_MEMORY_MB = 2048
CAP_SECONDS = 15.0

_runner: Runner | None = None


@pytest.fixture(scope="module", autouse=True)
def _case_runner(_private_cache_dir: None) -> Iterator[None]:
    """One warm server for the module: it forks a fresh, capped child for every command (see case_runner.py)."""
    global _runner
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT), NO_COLOR="1")
    _runner = Runner(env)
    yield
    _runner.close()
    _runner = None


def run(
    argv: list[str], cwd: Path, timeout: float = CAP_SECONDS, memory_mb: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`zongjie ARGV` in cwd, in a child process capped at memory_mb (default 2 GB) and timeout seconds."""
    assert _runner is not None
    reply = _runner.run(argv, cwd, memory_mb=memory_mb or CAP_MEMORY_MB, seconds=timeout)
    assert not reply["timeout"], f"zongjie {' '.join(argv)} 超过 {timeout:g} 秒仍未结束(已终止)"
    code = reply["code"] if reply["code"] is not None else -int(reply["signal"])
    return subprocess.CompletedProcess(argv, code, reply["stdout"], reply["stderr"])


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under folder with its content: what a failed command must leave as it was."""
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not os.access(path, os.R_OK):
            found[str(path.relative_to(folder))] = None
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
        else:
            found[str(path.relative_to(folder)) + "/"] = None
    return found


# ---------------------------------------------------------------- setups that are more than a file


def _unwritable(tmp: Path) -> str:
    """A folder no one can write in: a 0o500 folder for a user; for root (who ignores modes) sysfs."""
    if os.geteuid() == 0:
        if not Path("/sys/kernel").is_dir():
            pytest.skip("以 root 运行且没有 /sys,造不出不可写的文件夹")
        return "/sys"
    folder = tmp / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    return "只读"


UNWRITABLE = "/sys" if os.geteuid() == 0 else "只读"


def _phrase_file(text: str) -> str:
    """A user phrase file with one half-year title pattern whose text (line 6) is text: refused when it loads."""
    entries = "".join(
        f"- id: manual.title.half_year.{n}\n  kind: title\n  topics: [综合]\n  text: {text}\n"
        for n in range(1, 2)
    )
    return "origin: manual\nphrases:\n" + entries


SLOTS = "{{ 单位 }}{{ 年度 }}{{ 半年 }}{{ 下期 }}"
LANGUAGE_HINT = (
    "句式和提纲里只能写 {{ 槽位名 }} 填空、{{ 槽位名 | trim }} 这样不带参数的过滤器和 "
    "{% if 槽位名 %}…{% else %}…{% endif %} 条件,见 docs/library.md"
)
REFUSED = "模板里有不允许的写法:"
MRO = "\"{{ ''.__class__.__mro__[1].__subclasses__() }}" + SLOTS + '"'
FOR_SUBCLASSES = "\"{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}" + SLOTS + '"'
GLOBALS = "\"{{ cycler.__init__.__globals__.os.popen('id').read() }}" + SLOTS + '"'

OUTLINE = """name: 我的提纲
title: 我的提纲
kind: 半年总结
nodes:
- role: opening
- role: work
  repeat: 工作
  level: 1
  marker: 一、
- role: part
  heading: '{HEADING}'
"""


def _binary() -> bytes:
    return bytes(range(256)) * 20


def _old_doc() -> bytes:
    # The OLE2 signature of a Word 97-2003 .doc, then filler.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def _sparse(path: Path, size: int) -> None:
    """A file of the given size that takes no room on disk (a hole): enough for a size limit to see."""
    with open(path, "wb") as stream:
        stream.truncate(size)


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for n in range(1, 12):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    argv: list[str]
    code: int
    message: str  # the one line on stderr, exactly (or how it starts, when exact is False)
    exact: bool = True
    # And what the line must say, where the rest of it depends on the shipped library or Jinja2's own wording.
    contains: str | tuple[str, ...] = ""
    setup: Callable[[Path], object] | None = None
    skip_root: bool = False
    usage: bool = False  # a command-line mistake: click prints a usage line before the message
    seconds: float = CAP_SECONDS  # the command must answer within this time (and is killed at CAP_SECONDS)
    memory_mb: int | None = None  # and, when set, within this much address space (the process dies otherwise)
    extra: dict[str, str] = field(default_factory=dict)


def F(name: str, text: str | bytes, code: int, message: str, **kw: object) -> Case:
    """A `zongjie generate` case: the facts file 事实.yaml holds text."""
    return Case(name, {"事实.yaml": text}, ["generate", "事实.yaml", "-o", OUT], code, message, **kw)  # type: ignore[arg-type]


FACTS_CASES = [
    F(
        "yaml_syntax",
        facts("单位: 青山县教育局", "单位: [青山县教育局"),
        4,
        "事实文件错误:事实.yaml 第 2 行:YAML 格式错误:方括号「[ ]」没有配对(这一行是「单位: [青山县教育局」)。"
        "请检查方括号和逗号;不熟悉这种写法的话,可以改用每行「- 」开头的列表",
    ),
    F(
        "tab_indent",
        facts("    数据:\n", "\t数据:\n"),
        4,
        "事实文件错误:事实.yaml 第 12 行:这一行用 Tab 键缩进了。请用空格缩进,不要用 Tab",
    ),
    F(
        "duplicate_key",
        facts("地区: 青山县\n", "地区: 青山县\n单位: 青山县人民政府\n"),
        4,
        "事实文件错误:事实.yaml 第 4 行:键「单位」重复出现(第 2 行和第 4 行)。"
        "同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
    ),
    F(
        "text_for_number",
        facts("数值: 88.5", "数值: 很多"),
        4,
        "事实文件错误:事实.yaml 第 14 行:「数值」应当是一个数字,这里写的是「很多」。"
        "请写一个数,如 12、3.5、十二、近500;还不知道的数请留空,草稿中会留下【待补充】",
    ),
    F(
        "mapping_for_list",
        facts("    举措:\n      - 实施学前教育扩容提质工程\n" + MEASURE, "    举措: {甲: 1}\n"),
        4,
        "事实文件错误:事实.yaml 第 9 行:「工作」的第 1 项的「举措」应当是列表(每条以「- 」开头),这里写成了「键: 值」。"
        "如果这句话里有「: 」,请给它加上引号;多条内容请各占一行,以「- 」开头",
    ),
    F(
        "list_for_mapping",
        facts(FIGURE, "      - [普惠性幼儿园覆盖率, 88.5]\n"),
        4,
        "事实文件错误:事实.yaml 第 13 行:「工作」的第 1 项的「数据」的第 1 项应当是一组「键: 值」,这里写成了列表。"
        "请写成这样:- 项目: 新建幼儿园",
    ),
    F(
        "year_as_words",
        facts("年度: 2025", "年度: 二〇二五年"),
        4,
        "事实文件错误:事实.yaml 第 4 行:「年度」应当是四位数的年份,这里写的是「二〇二五年」。请写成 年度: 2025",
    ),
    F(
        "unknown_key_suggests",
        facts("地区: 青山县", "地区: 青山县\n工作主先: 公平、优质"),
        4,
        "事实文件错误:事实.yaml 第 4 行:事实文件中有不认识的键「工作主先」。您是不是想写「工作主线」?",
    ),
    F(
        "missing_required",
        facts("单位: 青山县教育局\n", ""),
        4,
        "事实文件错误:事实.yaml:还有必填的内容没有填写:单位。"
        "请在这些键的冒号后面(空一格)填上内容;每个键怎么写,见文件中的注释或 docs/facts.md",
    ),
    F(
        "percent_over_100",
        facts("数值: 88.5", "数值: 188.5"),
        4,
        "事实文件错误:事实.yaml 第 14 行:「普惠性幼儿园覆盖率」是百分率,「数值」不能超过 100,这里写的是 188.5。"
        "请检查是否多写了一位或小数点位置不对;如果这是增长率之类可以超过 100 的数,请在项目名称里写明「增长」",
    ),
    F(
        "negative_figure",
        facts("数值: 88.5", "数值: -5"),
        4,
        "事实文件错误:事实.yaml 第 14 行:「普惠性幼儿园覆盖率」的「数值」是负数(-5)。"
        "数量、金额和比率不会小于零;要表达减少,请写今年的数和上年的数,程序会算出「减少」和「下降」",
    ),
    F(
        "absurd_figure",
        facts('数值: 88.5\n        单位: "%"', "数值: 2000000000000\n        单位: 所"),
        4,
        "事实文件错误:事实.yaml 第 14 行:「数值」写的是 2000000000000,大得不合常理(超过一万亿)。"
        "请检查是否多写了几位;金额较大时请用「万元」或「亿元」作单位",
    ),
    F(
        "invalid_date",
        facts("成文日期: 2025-07-05", "成文日期: 2025-02-30"),
        4,
        "事实文件错误:事实.yaml 第 6 行:「成文日期」2025-02-30 不是真实存在的日期。请检查月份和日期(如 2 月只有 28 或 29 天)",
    ),
    F(
        "unknown_kind",
        facts("类型: 半年总结", "类型: 月报"),
        4,
        "事实文件错误:事实.yaml 第 1 行:「类型」写的是「月报」,不是程序认识的材料种类。"
        "请从这五种中选一种:半年总结、年度总结及计划、年度总结、事业发展报告、专项阶段总结",
    ),
    F(
        "empty_file",
        b"",
        4,
        "事实文件错误:事实.yaml:事实文件是空的。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    F(
        "only_comments",
        "# 只有注释\n# 还没有填写\n",
        4,
        "事实文件错误:事实.yaml:事实文件中只有注释,没有内容。请照着 zongjie init --kind 半年总结 我的事实.yaml 生成的骨架填写",
    ),
    F(
        "binary_file",
        _binary(),
        4,
        "事实文件错误:事实.yaml:这不是文本文件(含有二进制内容)。事实文件是 YAML 文本,请确认选对了文件",
    ),
    F(
        "word_file_as_facts",
        b"PK\x03\x04" + bytes(200),
        4,
        "事实文件错误:事实.yaml:这是一个 Word(.docx)或压缩文件,不是事实文件。"
        "事实文件是 YAML 文本,请用 zongjie init 生成骨架后用记事本等文本编辑器填写",
    ),
    F(
        "undecodable_bytes",
        FACTS.encode("utf-8") + b"\xff\xfe\xfd\n",
        4,
        "事实文件错误:事实.yaml:无法识别文件编码(既不是 UTF-8,也不是 GBK/GB18030 或 Big5)。事实文件是 YAML 文本,请确认选对了文件",
    ),
    F(
        "very_large_file",
        FACTS + ("# " + "很长的注释" * 100 + "\n") * 1500,
        4,
        "事实文件错误:事实.yaml:事实文件过大(2.2 MB,超过 1 MB 的上限)。事实文件通常只有几 KB,请确认选对了文件",
    ),
    F(
        "alias_bomb",
        _alias_bomb(),
        4,
        "事实文件错误:事实.yaml 第 1 行:事实文件中不能使用 YAML 的锚点和引用(& 和 * 开头的写法)。请把要重复的内容直接写出来",
        seconds=5.0,
        memory_mb=MEMORY_MB,
    ),
    F(
        "deep_nesting",
        "类型: " + "[" * 20000 + "]" * 20000 + "\n",
        4,
        "事实文件错误:事实.yaml 第 1 行:嵌套层次太深。事实文件最多只有几层缩进,请检查缩进和括号",
        seconds=5.0,
        memory_mb=MEMORY_MB,
    ),
    F(
        "too_many_entries",
        "类型: [" + ",".join(["1"] * 120000) + "]\n",
        4,
        "事实文件错误:事实.yaml 第 1 行:事实文件中的条目太多(超过 50000 项)。事实文件通常只有几十到几百条内容,请确认选对了文件",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    F(
        "python_object_tag",
        facts("类型: 半年总结", '类型: !!python/object/apply:os.system ["touch 被执行了"]'),
        4,
        "事实文件错误:事实.yaml 第 1 行:事实文件中不能使用 YAML 标签「!!python/object/apply:os.system」。"
        "事实文件只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
    ),
    F(
        "python_name_tag",
        facts("单位: 青山县教育局", "单位: !!python/name:os.system"),
        4,
        "事实文件错误:事实.yaml 第 2 行:事实文件中不能使用 YAML 标签「!!python/name:os.system」。"
        "事实文件只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
    ),
    F(
        "raw_control_character",
        facts("单位: 青山县教育局", "单位: 青山县\x07教育局"),
        4,
        "事实文件错误:事实.yaml 第 2 行:含有不可见的控制字符 U+0007,Word 文档中不能出现这种字符。"
        "请删除它(这种字符常见于从网页、PDF 或旧系统复制来的文字)",
    ),
    F(
        "two_documents",
        FACTS + "---\n类型: 半年总结\n",
        4,
        "事实文件错误:事实.yaml 第 21 行:文件中有不止一个 YAML 文档(出现了分隔线「---」)。"
        "一个事实文件只写一份材料;请删掉「---」,或把后一份另存为一个文件",
    ),
    F(
        "string_too_long",
        facts(MEASURE, "      - " + "很长的一句话" * 400 + "\n"),
        4,
        "事实文件错误:事实.yaml 第 11 行:「工作」的第 1 项的「举措」的第 2 条太长了(2400 个字,每项最多 2000 个字)。"
        "请把它拆成几条,或精简后再写",
    ),
]

GENERATE_CASES = [
    Case(
        "facts_missing",
        {},
        ["generate", "没有这个文件.yaml", "-o", OUT],
        4,
        "事实文件错误:没有这个文件.yaml:事实文件不存在。"
        "请检查路径是否写对;还没有事实文件的话,可以用 zongjie init --kind 半年总结 我的事实.yaml 生成一份",
    ),
    Case(
        "facts_is_a_folder",
        {"材料/说明.txt": "x"},
        ["generate", "材料", "-o", OUT],
        4,
        "事实文件错误:材料:这是一个文件夹,不是事实文件。请给出事实文件(.yaml)的路径,例如 我的事实.yaml",
    ),
    Case(
        "facts_unreadable",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT],
        4,
        "事实文件错误:事实.yaml:无法读取事实文件(Permission denied)。请检查文件权限",
        setup=lambda tmp: (tmp / "事实.yaml").chmod(0),
        skip_root=True,
    ),
    Case(
        "output_folder_unwritable",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", f"{UNWRITABLE}/{OUT}"],
        6,
        f"输出错误:{UNWRITABLE}/{OUT}:没有权限在文件夹 {UNWRITABLE} 中写入。请换一个有写权限的文件夹",
        setup=_unwritable,
    ),
    Case(
        "output_under_a_file",
        {"事实.yaml": FACTS, "笔记.txt": "我的笔记"},
        ["generate", "事实.yaml", "-o", f"笔记.txt/{OUT}"],
        6,
        f"输出错误:笔记.txt/{OUT}:笔记.txt 不是文件夹。请换一个输出路径",
    ),
    Case(
        "output_folder_missing",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", f"没有的文件夹/{OUT}"],
        6,
        f"输出错误:没有的文件夹/{OUT}:输出文件夹不存在:没有的文件夹。请先创建这个文件夹,或换一个输出路径",
    ),
    Case(
        "output_is_a_folder",
        {"事实.yaml": FACTS, "草稿/旧稿.txt": "旧稿"},
        ["generate", "事实.yaml", "-o", "草稿"],
        6,
        "输出错误:草稿:无法从文件名判断输出格式(扩展名「无」)。请把文件名改为以 .docx、.md 或 .txt 结尾,或用 --format 指定格式",
    ),
    Case(
        "output_is_a_folder_named_docx",
        {"事实.yaml": FACTS, "草稿.docx/旧稿.txt": "旧稿"},
        ["generate", "事实.yaml", "-o", OUT],
        6,
        f"输出错误:{OUT}:输出路径是一个文件夹。请在后面加上文件名,例如 {OUT}/工作总结.docx",
    ),
    Case(
        "output_exists_without_force",
        {"事实.yaml": FACTS, OUT: SENTINEL},
        ["generate", "事实.yaml", "-o", OUT],
        6,
        f"输出错误:{OUT}:文件已存在,如需覆盖请加 --force",
    ),
    Case(
        "output_unknown_format",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", "草稿.pdf"],
        6,
        "输出错误:草稿.pdf:无法从文件名判断输出格式(扩展名「.pdf」)。请把文件名改为以 .docx、.md 或 .txt 结尾,或用 --format 指定格式",
    ),
    Case(
        "format_option_unknown",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--format", "pdf"],
        6,
        "输出错误:不支持的输出格式「pdf」。请用 docx、md 或 txt",
    ),
    Case(
        "outline_file_jinja_mistake",
        {"事实.yaml": FACTS, "我的提纲.yaml": OUTLINE.replace("{HEADING}", "{{ 下期 工作打算")},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 11 行:模板语法错误:",
        exact=False,
        contains="(模板:{{ 下期 工作打算)。请检查 {{ }} 与 {% %} 是否成对",
    ),
    Case(
        "outline_file_injection",
        {"事实.yaml": FACTS, "我的提纲.yaml": OUTLINE.replace("{HEADING}", "{{ 下期.__class__.__mro__ }}")},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 11 行:" + REFUSED + "{{ }} 里不能访问属性或下标(「.__class__」)",
        exact=False,
        contains=LANGUAGE_HINT,
    ),
    Case(
        "outline_unknown_name",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "没有的提纲"],
        2,
        "用法错误:没有名为「没有的提纲」的提纲。可用的提纲:",
        exact=False,
        contains="也可以给出提纲文件的路径",
    ),
    Case(
        "outline_file_missing",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "没有的提纲.yaml"],
        5,
        "模板错误:没有的提纲.yaml:提纲文件不存在。请检查路径,或用 zongjie outline list 查看可用的提纲名",
    ),
    Case(
        "phrase_file_jinja_mistake",
        {
            "事实.yaml": FACTS,
            "词库/phrases.yaml": "origin: manual\nphrases:\n- id: my.title.1\n  kind: title\n"
            "  text: '{{ 单位 }}{{ 年度 年{{ 半年 }}工作总结'\n",
        },
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 5 行:模板语法错误:",
        exact=False,
        contains="(模板:{{ 单位 }}{{ 年度 年{{ 半年 }}工作总结)。请检查 {{ }} 与 {% %} 是否成对",
    ),
    Case(
        "phrase_injection_mro",
        {"事实.yaml": FACTS, "词库/phrases.yaml": _phrase_file(MRO)},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 6 行:" + REFUSED + "{{ }} 里不能写数字或带引号的文字(「''」)",
        exact=False,
        contains=LANGUAGE_HINT,
    ),
    Case(
        "phrase_injection_for_subclasses",
        {"事实.yaml": FACTS, "词库/phrases.yaml": _phrase_file(FOR_SUBCLASSES)},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库", "--seed", "3"],
        5,
        "模板错误:词库/phrases.yaml 第 6 行:" + REFUSED + "模板里不能使用「{% for %}」,只能用 {% if %}",
        exact=False,
        contains=LANGUAGE_HINT,
    ),
    Case(
        "phrase_injection_globals",
        {"事实.yaml": FACTS, "词库/phrases.yaml": _phrase_file(GLOBALS)},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库", "--seed", "7"],
        5,
        "模板错误:词库/phrases.yaml 第 6 行:" + REFUSED + "{{ }} 里不能访问属性或下标(「.__init__」)",
        exact=False,
        contains=LANGUAGE_HINT,
    ),
    Case(
        "phrase_file_alias_bomb",
        {"事实.yaml": FACTS, "词库/phrases.yaml": _alias_bomb()},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 1 行:",
        exact=False,
        contains="不能使用 YAML 的锚点和引用(& 和 * 开头的写法)。请把要重复的内容直接写出来",
        seconds=5.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "outline_file_alias_bomb",
        {"事实.yaml": FACTS, "我的提纲.yaml": _alias_bomb()},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 1 行:",
        exact=False,
        contains="不能使用 YAML 的锚点和引用(& 和 * 开头的写法)。请把要重复的内容直接写出来",
        seconds=5.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "phrase_file_deep_nesting",
        {"事实.yaml": FACTS, "词库/phrases.yaml": "phrases: " + "[" * 100_000 + "]" * 100_000 + "\n"},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 1 行:嵌套层次太深。请检查缩进和括号是否成对",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "outline_file_moderately_deep",
        {"事实.yaml": FACTS, "我的提纲.yaml": "name: x\nnodes: " + "[" * 500 + "]" * 500 + "\n"},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 2 行:嵌套层次太深。请检查缩进和括号是否成对",
    ),
    Case(
        "profile_deep_nesting",
        {"事实.yaml": FACTS, "版式.yaml": "body: " + "[" * 100_000 + "]" * 100_000 + "\n"},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "版式.yaml"],
        5,
        "模板错误:版式.yaml",
        exact=False,
        contains="嵌套层",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "phrase_repeat_bomb",
        {"事实.yaml": FACTS, "词库/phrases.yaml": _phrase_file("\"{{ '哈' * 10000000000 }}" + SLOTS + '"')},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 6 行:" + REFUSED + "{{ }} 里不能写数字或带引号的文字(「'哈'」)",
        exact=False,
        contains=LANGUAGE_HINT,
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "library_folder_missing",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--library", "没有的词库"],
        5,
        "模板错误:没有的词库:词库文件夹不存在。请检查 --library 给出的路径",
    ),
    Case(
        "profile_unknown_key",
        {"事实.yaml": FACTS, "版式.yaml": "body:\n  fontsize: 16\n"},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "版式.yaml"],
        5,
        "模板错误:版式.yaml 第 2 行:未知的键「body.fontsize」。您是不是想写「font」?",
    ),
    Case(
        "profile_out_of_range",
        {"事实.yaml": FACTS, "版式.yaml": "page:\n  margin_top_mm: 500\n"},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "版式.yaml"],
        5,
        "模板错误:版式.yaml 第 2 行:「page.margin_top_mm」的值 500 超出允许范围 10~60。"
        "请填 10 到 60 之间的数(GB/T 9704 的默认值是 37)",
    ),
    Case(
        "profile_missing",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "没有的版式.yaml"],
        5,
        "模板错误:没有的版式.yaml:格式配置文件不存在。请检查路径是否写对",
    ),
]

# The same five bad files for each corpus command: (what, files, argument, message).
CORPUS_BAD_FILES: list[tuple[str, dict[str, str | bytes], str, str]] = [
    ("missing", {}, "没有的材料.txt", "读取错误:没有的材料.txt:文件不存在。请检查路径是否写对"),
    (
        "folder",
        {"材料/a.txt": "一、总体情况"},
        "材料",
        "读取错误:材料:这是一个文件夹,不是文件。请给出一个 .txt 或 .docx 文件",
    ),
    ("empty", {"空.txt": b""}, "空.txt", "读取错误:空.txt:文件是空的。请确认选对了文件"),
    (
        "binary",
        {"乱码.txt": _binary()},
        "乱码.txt",
        "读取错误:乱码.txt:这不是文本文件(含有二进制内容)。请提供 .txt 或 .docx 格式的总结材料",
    ),
    (
        "old_doc",
        {"旧版.doc": _old_doc()},
        "旧版.doc",
        "读取错误:旧版.doc:不支持旧版 Word 的 .doc 格式。请在 Word 或 WPS 中另存为 .docx 后再试",
    ),
]

CORPUS_CASES = [
    *[
        Case(f"corpus_{command}_{what}", files, ["corpus", command, name], 3, message)
        for command in ("clean", "outline")
        for what, files, name, message in CORPUS_BAD_FILES
    ],
    Case(
        "corpus_clean_huge",
        {},
        ["corpus", "clean", "巨大.txt"],
        3,
        "读取错误:巨大.txt:文件过大(21.0 MB,超过 20 MB 的上限)。请确认这是一份工作总结,或把它拆成几个文件",
        setup=lambda tmp: _sparse(tmp / "巨大.txt", 21 * 1024 * 1024),
    ),
    Case(
        "corpus_clean_broken_docx",
        {"坏的.docx": b"PK\x03\x04" + bytes(300)},
        ["corpus", "clean", "坏的.docx"],
        3,
        "读取错误:坏的.docx:",
        exact=False,
    ),
    Case(
        "corpus_outline_no_headings",
        {"散文.txt": "今天天气很好,我们去公园散步。\n晚上回家吃饭。\n"},
        ["corpus", "outline", "散文.txt"],
        3,
        "读取错误:散文.txt:没有找到任何标题(一、 (一) 1. 等)。请确认这是一份分条目写的总结材料",
    ),
]

OUTLINE_CASES = [
    Case(
        "outline_show_unknown",
        {},
        ["outline", "show", "没有的提纲"],
        2,
        "用法错误:没有名为「没有的提纲」的提纲。可用的提纲:",
        exact=False,
        contains="也可以给出提纲文件的路径",
    ),
    Case(
        "outline_copy_unknown",
        {},
        ["outline", "copy", "没有的提纲", "我的提纲.yaml"],
        2,
        "用法错误:没有名为「没有的提纲」的提纲。可用的提纲:",
        exact=False,
        contains="也可以给出提纲文件的路径",
    ),
    Case(
        "outline_copy_onto_existing",
        {"我的提纲.yaml": "# 我改过的提纲\n"},
        ["outline", "copy", "半年总结", "我的提纲.yaml"],
        6,
        "输出错误:我的提纲.yaml:文件已存在,如需覆盖请加 --force",
    ),
    Case(
        "init_unknown_kind",
        {},
        ["init", "--kind", "月报", "我的事实.yaml"],
        2,
        "用法错误:不认识的材料种类「月报」。--kind 请写这五种之一:半年总结、年度总结及计划、年度总结、事业发展报告、专项阶段总结",
    ),
    Case(
        "init_onto_existing",
        {"我的事实.yaml": FACTS},
        ["init", "--kind", "半年总结", "我的事实.yaml"],
        6,
        "输出错误:我的事实.yaml:文件已经存在,没有覆盖。换一个文件名,或加上 --force 覆盖它",
    ),
    Case(
        "check_bad_facts",
        {"事实.yaml": facts("年度: 2025", "年度: 二〇二五年")},
        ["check", "事实.yaml"],
        4,
        "事实文件错误:事实.yaml 第 4 行:「年度」应当是四位数的年份,这里写的是「二〇二五年」。请写成 年度: 2025",
    ),
]

LIBRARY_CASES = [
    Case(
        "phrases_unknown_kind",
        {},
        ["phrases", "--kind", "口号"],
        2,
        "用法错误:没有「口号」这种用途。可用的有:",
        exact=False,
        contains=("opening", "closing"),
    ),
    Case(
        "phrases_library_missing",
        {},
        ["phrases", "--library", "没有的词库"],
        5,
        "模板错误:没有的词库:词库文件夹不存在。请检查 --library 给出的路径",
    ),
    Case(
        "phrases_library_jinja_mistake",
        {
            "词库/phrases.yaml": "origin: manual\nphrases:\n- id: my.plan.1\n  kind: plan\n  text: '{% if 主题 %}{{ 主题 }}'\n"
        },
        ["phrases", "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 5 行:模板语法错误:",
        exact=False,
        contains="(模板:{% if 主题 %}{{ 主题 }})。请检查 {{ }} 与 {% %} 是否成对",
    ),
    Case(
        "outline_show_file_jinja_mistake",
        {"我的提纲.yaml": OUTLINE.replace("{HEADING}", "{{ 下期 工作打算")},
        ["outline", "show", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 11 行:模板语法错误:",
        exact=False,
        contains="(模板:{{ 下期 工作打算)。请检查 {{ }} 与 {% %} 是否成对",
    ),
    Case(
        "outline_list_library_missing",
        {},
        ["outline", "list", "--library", "没有的词库"],
        5,
        "模板错误:没有的词库:词库文件夹不存在。请检查 --library 给出的路径",
    ),
    Case(
        "mine_missing_corpus",
        {},
        ["mine", "没有的材料", "-o", "我的词库"],
        2,
        "用法错误:找不到语料:没有的材料。请给出材料文件或文件夹的路径",
    ),
    Case(
        "mine_folder_without_reports",
        {"材料/说明.pdf": b"%PDF-1.4"},
        ["mine", "材料", "-o", "我的词库"],
        2,
        "用法错误:材料:语料里没有 .txt 或 .docx 文件。请给出往年材料的文件或文件夹",
    ),
    Case(
        "mine_output_is_a_file",
        {
            "材料/一.txt": "一、总体情况\n今年以来,我局认真落实各项工作,取得明显成效。\n",
            "我的词库": "一个文件",
        },
        ["mine", "材料", "-o", "我的词库"],
        6,
        "输出错误:我的词库:",
        exact=False,
        contains="请检查文件夹是否可写",
    ),
]

# A name longer than the file system allows (255 bytes): every command must say so, not crash on the lookup.
LONG_NAME = "长" * 200


def _too_long(name: str) -> str:
    return f"用法错误:{name[:59]}…:文件名过长,系统无法打开。请换一个短一些的文件名或路径"


LONG_NAME_CASES = [
    Case("long_name_facts", {}, ["generate", f"{LONG_NAME}.yaml", "-o", OUT], 2, _too_long(LONG_NAME)),
    Case(
        "long_name_output",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", f"{LONG_NAME}.docx"],
        2,
        _too_long(LONG_NAME),
    ),
    Case("long_name_check", {}, ["check", f"{LONG_NAME}.yaml"], 2, _too_long(LONG_NAME)),
    Case("long_name_corpus", {}, ["corpus", "clean", f"{LONG_NAME}.txt"], 2, _too_long(LONG_NAME)),
    Case("long_name_mine", {}, ["mine", f"{LONG_NAME}.txt", "-o", "我的词库"], 2, _too_long(LONG_NAME)),
    Case(
        "long_name_outline_copy",
        {},
        ["outline", "copy", "半年总结", f"{LONG_NAME}.yaml"],
        2,
        _too_long(LONG_NAME),
    ),
    Case(
        "long_name_profile",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--profile", f"{LONG_NAME}.yaml"],
        2,
        _too_long(LONG_NAME),
    ),
]

# A device that never ends: reading stops one byte past the limit instead of filling the memory.
ENDLESS = "/dev/zero"
ENDLESS_CASES = [
    Case(
        "endless_facts",
        {},
        ["generate", ENDLESS, "-o", OUT],
        4,
        f"事实文件错误:{ENDLESS}:事实文件过大(超过 1 MB 的上限)。事实文件通常只有几 KB,请确认选对了文件",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "endless_corpus",
        {},
        ["corpus", "clean", ENDLESS],
        3,
        f"读取错误:{ENDLESS}:文件过大(超过 20 MB 的上限)。请确认这是一份工作总结,或把它拆成几个文件",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
    Case(
        "endless_profile",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--profile", ENDLESS],
        5,
        f"模板错误:{ENDLESS}:格式配置文件过大(超过 256 KB 的上限)。格式配置只需几十行,请确认没有选错文件",
        seconds=10.0,
        memory_mb=MEMORY_MB,
    ),
]

USAGE_CASES = [
    Case("unknown_command", {}, ["frobnicate"], 2, "错误:没有名为 'frobnicate' 的命令。", usage=True),
    Case(
        "unknown_option",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--frob"],
        2,
        "错误:没有名为 '--frob' 的选项。 您是不是想写 '--force'?",
        usage=True,
    ),
    Case(
        "missing_output_option",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml"],
        2,
        "错误:缺少选项 '--output' / '-o'.",
        usage=True,
    ),
    Case("corpus_unknown_command", {}, ["corpus", "frob"], 2, "错误:没有名为 'frob' 的命令。", usage=True),
    Case("corpus_clean_no_file", {}, ["corpus", "clean"], 2, "错误:缺少参数 '文件'.", usage=True),
    Case("outline_show_no_name", {}, ["outline", "show"], 2, "错误:缺少参数 '提纲'.", usage=True),
    Case("mine_no_output", {}, ["mine", "材料"], 2, "错误:缺少选项 '--out' / '-o'.", usage=True),
    Case(
        "seed_not_a_number",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--seed", "三"],
        2,
        "错误:'--seed' 的值无效:'三' 不是有效的整数。",
        usage=True,
    ),
]


# ---------------------------------------------------------------- issue 12: hostile input beyond the first catalogue

def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# A phrase file with one pattern whose text (line 5) is the template under test.
def _one_phrase(text: str, extra: str = "") -> str:
    return f"origin: manual\nphrases:\n- id: my.closing.1\n  kind: closing\n  text: {_quoted(text)}\n{extra}"


def _heading(text: str) -> str:
    return OUTLINE.replace("'{HEADING}'", _quoted(text))


# Templates outside the least-power language: (name, template, what the message must say). Every one is refused
# when the library loads, before anything is rendered; none may run, loop, allocate or read anything.
TEMPLATE_REFUSALS: list[tuple[str, str, str]] = [
    ("for_loop", "{% for c in 单位 %}{{ c }}{% endfor %}", "模板里不能使用「{% for %}」"),
    (
        "nested_loops",
        "{% for a in 单位 %}{% for b in 单位 %}{% for c in 单位 %}{{ a }}{% endfor %}{% endfor %}{% endfor %}",
        "模板里不能使用「{% for %}」",
    ),
    ("macro", "{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(40) }}", "模板里不能使用「{% macro %}」"),
    ("set", "{% set x = 单位 * 1000 %}{{ x }}", "模板里不能使用「{% set %}」"),
    ("include", "{% include '/etc/passwd' %}", "模板里不能使用「{% include %}」"),
    ("import", "{% import 'os' as os %}", "模板里不能使用「{% import %}」"),
    ("extends", "{% extends 'base' %}", "模板里不能使用「{% extends %}」"),
    ("block", "{% block a %}{% endblock %}", "模板里不能使用「{% block %}」"),
    ("call_block", "{% call m() %}{% endcall %}", "模板里不能使用「{% call %}」"),
    ("raw", "{% raw %}{{ 单位 }}{% endraw %}", "模板里不能使用「{% raw %}」"),
    ("filter_block", "{% filter upper %}{{ 单位 }}{% endfilter %}", "模板里不能使用「{% filter %}」"),
    ("with", "{% with a = 单位 %}{{ a }}{% endwith %}", "模板里不能使用「{% with %}」"),
    ("unknown_tag", "{% frobnicate %}", "不认识的标签「{% frobnicate %}」"),
    ("attribute", "{{ 单位.upper }}", "不能访问属性或下标(「.upper」)"),
    ("method_call", "{{ 单位.center(10**9) }}", "不能访问属性或下标(「.center」)"),
    ("dunder", "{{ 单位.__class__.__mro__ }}", "不能访问属性或下标(「.__class__」)"),
    ("index", "{{ 单位[0] }}", "不能访问属性或下标(「[」)"),
    ("call", "{{ range(10**9) }}", "不能调用函数或方法(「(」)"),
    ("lipsum", "{{ lipsum(10**6) }}", "不能调用函数或方法(「(」)"),
    ("percent_format", "{{ '%999999999d' % 1 }}", "不能写数字或带引号的文字(「'%999999999d'」)"),
    ("percent_on_slot", "{{ 单位 % 1 }}", "不能做运算(「%」)"),
    ("repeat", "{{ 单位 * 1000000000 }}", "不能做运算(「*」)"),
    ("power", "{{ 9 ** 9 ** 9 }}", "不能写数字或带引号的文字(「9」)"),
    ("concat", "{{ 单位 ~ 单位 }}", "不能做运算(「~」)"),
    ("plus", "{{ 单位 + 单位 }}", "不能做运算(「+」)"),
    ("string_literal", "{{ '哈' }}", "不能写数字或带引号的文字(「'哈'」)"),
    ("number_literal", "{{ 42 }}", "不能写数字或带引号的文字(「42」)"),
    ("list_literal", "{{ [单位] }}", "不能访问属性或下标(「[」)"),
    ("unknown_filter", "{{ 单位 | wordwrap }}", "不认识的过滤器「wordwrap」"),
    ("filter_arguments", "{{ 单位 | replace('局', '厅') }}", "不认识的过滤器「replace」"),
    ("allowed_filter_with_arguments", "{{ 单位 | trim('局') }}", "过滤器「trim」不能带参数"),
    ("format_filter", "{{ 单位 | format(1) }}", "不认识的过滤器「format」"),
    ("is_test", "{% if 单位 is defined %}有{% endif %}", "不能用「is」测试"),
    ("condition_comparison", "{% if 单位 == '局' %}有{% endif %}", "不能做运算(「=」)"),
    ("condition_call", "{% if 单位.startswith('青') %}有{% endif %}", "不能访问属性或下标(「.startswith」)"),
    ("two_slots", "{{ 单位 年度 }}", "{{ }} 里只能写一个槽位名,多出了「年度」"),
    ("empty_output", "{{ }}", "{{ }} 里没有写槽位名"),
    ("unclosed_output", "{{ 单位", "模板没有写完"),
    ("unclosed_tag", "{% if 单位", "模板没有写完"),
    ("unclosed_if", "{% if 单位 %}有", "{% if %} 没有写完,缺少结束标签 {% endif %}"),
    ("stray_endif", "{{ 单位 }}{% endif %}", "出现了多余的「{% endif %}」"),
    ("stray_else", "{% else %}{{ 单位 }}", "出现了多余的「{% else %}」"),
    ("else_after_else", "{% if 单位 %}a{% else %}b{% else %}c{% endif %}", "{% else %} 后面不能再有「{% else %}」"),
    ("if_without_condition", "{% if %}{{ 单位 }}{% endif %}", "{% if %} 后面缺少条件"),
    ("unclosed_comment", "{# 注释 {{ 单位 }}", "注释 {# 没有用 #} 结束"),
    ("too_long", "{{ 单位 }}" + "很长" * 2500, "模板太长(5008 个字符,最多 4000 个)"),
    ("too_deep", "{% if 单位 %}" * 9 + "{{ 单位 }}" + "{% endif %}" * 9, "{% if %} 套得太深(超过 8 层)"),
]


def _template_case(context: str, name: str, template: str, piece: str) -> Case:
    if context == "phrase":
        files = {"事实.yaml": FACTS, "词库/phrases.yaml": _one_phrase(template)}
        argv = ["generate", "事实.yaml", "-o", OUT, "--library", "词库"]
        where = "模板错误:词库/phrases.yaml 第 5 行:"
    elif context == "heading":
        files = {"事实.yaml": FACTS, "我的提纲.yaml": _heading(template)}
        argv = ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"]
        where = "模板错误:我的提纲.yaml 第 11 行:"
    elif context == "browse":
        files = {"词库/phrases.yaml": _one_phrase(template)}
        argv = ["phrases", "--library", "词库"]
        where = "模板错误:词库/phrases.yaml 第 5 行:"
    else:
        files = {"我的提纲.yaml": _heading(template)}
        argv = ["outline", "show", "我的提纲.yaml"]
        where = "模板错误:我的提纲.yaml 第 11 行:"
    # Only what the writer wrote may be quoted back: the template, clipped at 40 characters.
    return Case(
        f"template_{context}_{name}", files, argv, 5, where, exact=False, contains=(piece, f"(模板:{template[:40]})"),
        seconds=5.0,
    )


TEMPLATE_CASES = [
    _template_case(context, name, template, piece)
    for context in ("phrase", "heading")
    for name, template, piece in TEMPLATE_REFUSALS
] + [
    _template_case(context, name, template, piece)
    for context in ("browse", "show")
    for name, template, piece in TEMPLATE_REFUSALS
    if name in ("nested_loops", "macro", "percent_format", "method_call", "include", "unclosed_if")
]

# Word files built to crash or swamp the reader: each is one clean message from corpus clean and corpus outline
# (and skipped, with that message, by corpus stats and mine: see the mixed-corpus tests below).
_BOMB = 300 * 1024 * 1024


def _docx_setup(name: str, build: Callable[[], bytes]) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        (tmp / name).write_bytes(build())

    return setup


def _method_99() -> bytes:
    data = bytearray(hostile_files.docx_bytes(hostile_files.document_xml(hostile_files.REPORT)))
    # Every header of word/document.xml claims compression method 99, which nothing implements.
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset : start + offset + 2] = (99).to_bytes(2, "little")
            start += 4
    return bytes(data)


DOCX_BAD: list[tuple[str, Callable[[], bytes], str]] = [
    ("zip_bomb", lambda: hostile_files.zip_bomb(_BOMB), "这个 .docx 文件解压后过大(至少 300 MB,上限 256 MB)"),
    (
        "zip_bomb_in_media",
        lambda: hostile_files.zip_bomb(_BOMB, name="word/media/image1.png"),
        "这个 .docx 文件解压后过大(至少 300 MB,上限 256 MB)",
    ),
    (
        "part_too_large",
        lambda: hostile_files.zip_bomb(70 * 1024 * 1024),
        "这个 .docx 文件其中的 word/document.xml 解压后过大(至少 70 MB,上限 64 MB)",
    ),
    (
        "directory_claims_a_terabyte",
        lambda: hostile_files.zip_bomb(1024, claimed=2**32 - 1),
        "这个 .docx 文件解压后过大",
    ),
    (
        "directory_understates",
        lambda: hostile_files.zip_bomb(80 * 1024 * 1024, claimed=1024),
        "无法解压这个 .docx 文件中的 word/document.xml",
    ),
    ("many_members", lambda: hostile_files.many_members(12_000), "这个 .docx 文件里的部件太多(12003 个)"),
    ("unknown_compression", _method_99, "无法解压这个 .docx 文件中的 word/document.xml"),
    (
        "truncated",
        lambda: hostile_files.docx_bytes(hostile_files.document_xml(hostile_files.REPORT))[:-40],
        "无法打开这个 .docx 文件(不是有效的 Word 文档或压缩包)",
    ),
    (
        "not_xml",
        lambda: hostile_files.docx_bytes("<w:document"),
        "这个 .docx 文件内部结构已损坏(word/document.xml 不是完整的 XML)",
    ),
    (
        "empty_part",
        lambda: hostile_files.docx_bytes(b""),
        "这个 .docx 文件内部结构已损坏(word/document.xml 不是完整的 XML)",
    ),
    (
        "no_body",
        lambda: hostile_files.docx_bytes(f'<w:document xmlns:w="{hostile_files.W}"/>'),
        ".docx 文件中没有正文",
    ),
    ("no_text", lambda: hostile_files.docx_bytes(hostile_files.document_xml("<w:p/>")), ".docx 文件中没有文字"),
    (
        "no_document_part",
        lambda: hostile_files.docx_bytes(b"x", rels=None).replace(b"word/document.xml", b"word/documenx.xml"),
        "这个文件不是 Word 文档(压缩包里没有正文部分)",
    ),
    (
        "billion_laughs",
        lambda: hostile_files.docx_bytes(
            hostile_files.document_xml(
                "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>",
                "<!DOCTYPE w:document [<!ENTITY l0 '哈'>"
                + "".join(f"<!ENTITY l{n} '{('&l' + str(n - 1) + ';') * 10}'>" for n in range(1, 10))
                + "]>",
            )
        ),
        # libxml2 refuses the nested entities outright (with entities off nothing would be expanded anyway).
        "这个 .docx 文件内部结构已损坏(word/document.xml 不是完整的 XML)",
    ),
]

DOCX_CASES = [
    Case(
        f"docx_{command}_{name}",
        {},
        ["corpus", command, "材料.docx"],
        3,
        f"读取错误:材料.docx:{message}",
        exact=False,
        setup=_docx_setup("材料.docx", build),
        seconds=10.0,
    )
    for command in ("clean", "outline")
    for name, build, message in DOCX_BAD
]


def _outline_with(node: str) -> str:
    return f"name: 我的提纲\ntitle: 我的提纲\nkind: 半年总结\nnodes:\n- role: opening\n{node}"


# Wrong types in outline, phrase and profile files: (name, file, text, message after the file name).
SCHEMA_OUTLINES: list[tuple[str, str, str]] = [
    ("role_list", "- role: [opening]\n", "第 6 行:提纲节点的「role」应当是文字,这里写成了列表"),
    ("role_mapping", "- role: {a: 1}\n", "第 6 行:提纲节点的「role」应当是文字,这里写成了「键: 值」映射"),
    ("level_bool", "- role: work\n  level: true\n", "第 7 行:提纲节点的「level」应当是整数,这里写成了布尔值 true"),
    ("level_yes", "- role: work\n  level: yes\n", "第 7 行:提纲节点的「level」应当是整数,这里写成了布尔值 yes"),
    ("level_inf", "- role: work\n  level: .inf\n", "第 7 行:提纲节点的「level」应当是一个有限的整数,这里写成了 .inf"),
    ("level_nan", "- role: work\n  level: .nan\n", "第 7 行:提纲节点的「level」应当是一个有限的整数,这里写成了 .nan"),
    ("level_fraction", "- role: work\n  level: 1.5\n", "第 7 行:提纲节点的「level」应当是整数,这里写的是 1.5"),
    ("level_words", "- role: work\n  level: 二\n", "第 7 行:提纲节点的「level」应当是整数,这里写成了文字「二」"),
    ("level_range", "- role: work\n  level: 9\n", "第 7 行:提纲节点的「level」应当在 0 到 4 之间,这里写的是 9"),
    ("level_huge", "- role: work\n  level: " + "9" * 120 + "\n", "第 7 行:数字「9999999999999999999…」有 120 位,太长了"),
    ("marker_list", "- role: work\n  marker: [一、]\n", "第 7 行:提纲节点的「marker」应当是文字,这里写成了列表"),
    ("heading_mapping", "- role: part\n  heading: {a: b}\n", "第 7 行:提纲节点的「heading」应当是文字,这里写成了「键: 值」映射"),
    ("topics_mapping", "- role: work\n  topics: {a: b}\n", "第 7 行:提纲节点的「topics」应当是列表(每项以「- 」开头),这里写成了「键: 值」映射"),
    ("children_text", "- role: work\n  children: 很多\n", "第 7 行:提纲节点的「children」应当是列表(每项以「- 」开头),这里写成了文字「很多」"),
    ("child_list", "- role: work\n  children:\n  - [a]\n", "第 8 行:提纲节点的「children」的第 1 项应当是一组「键: 值」,这里写成了列表"),
    ("reserved_key", "- role: work\n  __line__: 3\n", "第 7 行:「__line__」是程序保留的键,不能写在提纲节点里"),
    ("list_as_key", "- role: work\n  [a, b]: 1\n", "第 7 行:提纲节点中有一个键写成了列表"),
]

SCHEMA_PHRASES: list[tuple[str, str, str]] = [
    ("unknown_key", "  kind_x: 1\n", "第 6 行:句式中有未知的键「kind_x」"),
    ("text_list", "", ""),
    ("support_bool", "  support: true\n", "第 6 行:句式的「support」应当是整数,这里写成了布尔值 true"),
    ("support_negative", "  support: -1\n", "第 6 行:句式的「support」应当在 0 到 1e+09 之间,这里写的是 -1"),
    ("support_nan", "  support: .nan\n", "第 6 行:句式的「support」应当是一个有限的整数,这里写成了 .nan"),
    ("support_overflow", "  support: 1.0e+999\n", "第 6 行:数字「1.0e+999」大得超出了能表示的范围"),
    ("slots_list", "  slots: [单位]\n", "第 6 行:句式的「slots」应当是一组「键: 值」,这里写成了列表"),
    ("slot_type_list", "  slots: {单位: [org]}\n", "第 6 行:句式的「slots」的「单位」应当是文字,这里写成了列表"),
    ("sources_text", "  sources: 某文件\n", "第 6 行:句式的「sources」应当是列表(每项以「- 」开头),这里写成了文字「某文件」"),
    ("source_line_words", "  sources: [{file: a.txt, line: 第三行}]\n", "第 6 行:句式的出处(sources)的「line」应当是整数,这里写成了文字「第三行」"),
    ("source_line_bool", "  sources: [{file: a.txt, line: no}]\n", "第 6 行:句式的出处(sources)的「line」应当是整数,这里写成了布尔值 no"),
    ("topics_mapping", "  topics: {a: b}\n", "第 6 行:句式的「topics」应当是列表(每项以「- 」开头),这里写成了「键: 值」映射"),
    ("reserved_key", "  __lines__: {}\n", "第 6 行:「__lines__」是程序保留的键,不能写在句式里"),
]
SCHEMA_PHRASES = [c for c in SCHEMA_PHRASES if c[1]]

SCHEMA_PROFILES: list[tuple[str, str, str]] = [
    ("number_list", "body:\n  size_pt: [16]\n", "第 2 行:「body.size_pt」应是数字,而不是列表"),
    ("number_bool", "body:\n  size_pt: true\n", "第 2 行:「body.size_pt」应是数字,而不是布尔值"),
    ("number_nan", "body:\n  size_pt: .nan\n", "第 2 行:「body.size_pt」应是一个有限的数字,而不是 nan"),
    ("number_inf", "page:\n  margin_top_mm: .inf\n", "第 2 行:「page.margin_top_mm」应是一个有限的数字,而不是 inf"),
    ("number_minus_inf", "page:\n  margin_top_mm: -.inf\n", "第 2 行:「page.margin_top_mm」应是一个有限的数字,而不是 -inf"),
    ("number_text", "body:\n  size_pt: 三号\n", "第 2 行:「body.size_pt」应是数字,而不是文字「三号」"),
    ("number_huge", "body:\n  size_pt: " + "1" * 200 + "\n", "第 2 行:数字「1111111111111111111…」有 200 位,太长了"),
    ("key_on", "body:\n  on: 1\n", "第 2 行:未知的键「body.on」"),
    ("key_yes", "yes:\n  size_pt: 16\n", "第 1 行:未知的键「yes」"),
    ("bool_number", "body:\n  bold: 1\n", "第 2 行:「body.bold」应是 true 或 false,而不是数字 1"),
    ("section_list", "body: [1, 2]\n", "第 1 行:「body」应是「键: 值」的映射,而不是列表"),
]

SCHEMA_CASES = (
    [
        Case(
            f"schema_outline_{name}",
            {"事实.yaml": FACTS, "我的提纲.yaml": _outline_with(node)},
            ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
            5,
            f"模板错误:我的提纲.yaml {message}",
            exact=False,
        )
        for name, node, message in SCHEMA_OUTLINES
    ]
    + [
        Case(
            f"schema_phrase_{name}",
            {"事实.yaml": FACTS, "词库/phrases.yaml": _one_phrase("{{ 单位 }}继续努力", extra)},
            ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
            5,
            f"模板错误:词库/phrases.yaml {message}",
            exact=False,
        )
        for name, extra, message in SCHEMA_PHRASES
    ]
    + [
        Case(
            "schema_phrase_text_list",
            {"事实.yaml": FACTS, "词库/phrases.yaml": "phrases:\n- id: a\n  kind: closing\n  text: [好]\n"},
            ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
            5,
            "模板错误:词库/phrases.yaml 第 4 行:句式的「text」应当是文字,这里写成了列表",
            exact=False,
        ),
        Case(
            "schema_phrase_kind_list",
            {"事实.yaml": FACTS, "词库/phrases.yaml": "phrases:\n- id: a\n  kind: [closing]\n  text: 好\n"},
            ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
            5,
            "模板错误:词库/phrases.yaml 第 3 行:句式的「kind」应当是文字,这里写成了列表",
            exact=False,
        ),
        Case(
            "schema_phrase_file_mapping",
            {"事实.yaml": FACTS, "词库/phrases.yaml": "phrases: {id: a}\n"},
            ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
            5,
            "模板错误:词库/phrases.yaml 第 1 行:句式文件的「phrases」应当是列表(每项以「- 」开头),这里写成了「键: 值」映射",
            exact=False,
        ),
    ]
    + [
        Case(
            f"schema_profile_{name}",
            {"事实.yaml": FACTS, "版式.yaml": text},
            ["generate", "事实.yaml", "-o", OUT, "--profile", "版式.yaml"],
            5,
            f"模板错误:版式.yaml {message}",
            exact=False,
        )
        for name, text, message in SCHEMA_PROFILES
    ]
)

NUMBER_CASES = [
    F(
        "number_4400_digits",
        facts("数值: 88.5", "数值: " + "9" * 4400),
        4,
        "事实文件错误:事实.yaml 第 14 行:数字「9999999999999999999…」有 4400 位,太长了。"
        "请检查是否多写了数字;如果这是一串编号,请给它加上引号",
    ),
    F(
        "number_4400_digits_quoted",
        facts("数值: 88.5", '数值: "' + "9" * 4400 + '"'),
        4,
        "事实文件错误:事实.yaml 第 14 行:「数值」写的是 99999999999999999999…(共 4400 位),大得不合常理(超过一万亿)",
        exact=False,
    ),
    F(
        "number_overflows",
        facts("数值: 88.5", "数值: 1.0e+999"),
        4,
        "事实文件错误:事实.yaml 第 14 行:数字「1.0e+999」大得超出了能表示的范围。"
        "请检查指数(e 后面的数)是否写错;数值请直接写出,如 12 或 3.5",
    ),
    F(
        "number_previous_overflows",
        facts("上年: 86", "上年: -1.5e+400"),
        4,
        "事实文件错误:事实.yaml 第 16 行:数字「-1.5e+400」大得超出了能表示的范围",
        exact=False,
    ),
    F("number_nan", facts("数值: 88.5", "数值: .nan"), 4, "事实文件错误:事实.yaml 第 14 行:「数值」应当是一个数字", exact=False),
    F("number_inf", facts("数值: 88.5", "数值: .inf"), 4, "事实文件错误:事实.yaml 第 14 行:「数值」应当是一个数字", exact=False),
    F(
        "chain_of_40000",
        facts(MEASURE, "".join(f"      - 举措{n}\n" for n in range(40000))),
        4,
        "事实文件错误:事实.yaml 第 10 行:「工作」的第 1 项的「举措」有 40001 项,超过了 1000 项的上限",
        exact=False,
    ),
]


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda tmp: os.mkfifo(tmp / name)


def _loop(name: str) -> Callable[[Path], None]:
    def setup(tmp: Path) -> None:
        link = tmp / name
        link.symlink_to(link.name + ".另一头")
        link.with_name(link.name + ".另一头").symlink_to(link.name)

    return setup


def _dangling(name: str) -> Callable[[Path], None]:
    return lambda tmp: (tmp / name).symlink_to("已删除.yaml")


LOOP = "路径中的符号链接绕成了圈(链接最终指回自己),找不到真正的文件"

# The mistakes the issue found misnamed, each at its real line with its real name.
MESSAGE_CASES = [
    F(
        "full_width_colons_throughout",
        FACTS.replace(": ", "\uff1a"),
        4,
        "事实文件错误:事实.yaml 第 1 行:这一行用了中文冒号「：」(这一行是「类型：半年总结」)。"
        "键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」",
    ),
    F(
        "full_width_colon_on_a_key",
        facts("学前教育\n    举措:\n", "学前教育\n    举措\uff1a\n"),
        4,
        "事实文件错误:事实.yaml 第 9 行:这一行用了中文冒号「：」(这一行是「举措：」)",
        exact=False,
    ),
    F(
        "ideographic_space_after_colon",
        facts("单位: 青山县教育局", "单位:\u3000青山县教育局"),
        4,
        "事实文件错误:事实.yaml 第 2 行:冒号后面是全角空格(这一行是「单位:\u3000青山县教育局」)。"
        "冒号后面请用一个半角空格,如「单位: 青山县教育局」",
    ),
    F(
        "no_space_after_colon",
        facts("单位: 青山县教育局", "单位:青山县教育局"),
        4,
        "事实文件错误:事实.yaml 第 2 行:冒号后面缺少空格(这一行是「单位:青山县教育局」)。"
        "键和值之间请用英文冒号加一个空格,如「单位: 青山县教育局」",
    ),
    F(
        "ideographic_indentation",
        facts("学前教育\n    举措:\n", "学前教育\n\u3000\u3000举措:\n"),
        4,
        "事实文件错误:事实.yaml 第 9 行:这一行用全角空格(\u3000)缩进了(这一行是「举措:」)。"
        "请用半角空格缩进:把输入法切换到半角(英文)状态再按空格",
    ),
    F(
        "full_width_bullet",
        facts(MEASURE, "      \uff0d 开展普惠性民办幼儿园认定\n"),
        4,
        "事实文件错误:事实.yaml 第 11 行:列表项前面用了全角或长的横线(－、—)(这一行是「\uff0d 开展普惠性民办幼儿园认定」)。"
        "列表项请以半角的「- 」开头:减号后面加一个空格",
    ),
    F(
        "em_dash_bullet",
        facts(MEASURE, "      \u2014 开展普惠性民办幼儿园认定\n"),
        4,
        "事实文件错误:事实.yaml 第 11 行:列表项前面用了全角或长的横线",
        exact=False,
    ),
    F(
        "rtf_facts",
        b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl\\f0}\\f0 " + FACTS.encode("gbk") + b"}",
        4,
        "事实文件错误:事实.yaml:这是 RTF 格式的文件(写字板或 Word 另存的「RTF 文档」),不是纯文本",
        exact=False,
    ),
    Case(
        "rtf_corpus",
        {"材料.txt": b"{\\rtf1\\ansi{\\fonttbl\\f0}\\f0 \\u19968?\\u12289? }"},
        ["corpus", "clean", "材料.txt"],
        3,
        "读取错误:材料.txt:这是 RTF 格式的文件(写字板或 Word 另存的「RTF 文档」),不是纯文本。"
        "请在写字板、记事本或 Word 中另存为「纯文本(.txt)」,编码选 UTF-8",
    ),
    Case(
        "fifo_check",
        {},
        ["check", "管道.yaml"],
        4,
        "事实文件错误:管道.yaml:这是一个命名管道(FIFO),不是事实文件。请给出事实文件的路径(一个普通文件)",
        setup=_fifo("管道.yaml"),
        seconds=5.0,
    ),
    Case(
        "fifo_corpus_clean",
        {},
        ["corpus", "clean", "管道.txt"],
        3,
        "读取错误:管道.txt:这是一个命名管道(FIFO),不是文件",
        exact=False,
        setup=_fifo("管道.txt"),
        seconds=5.0,
    ),
    Case(
        "fifo_profile",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "管道.yaml"],
        5,
        "模板错误:管道.yaml:这是一个命名管道(FIFO),不是",
        exact=False,
        setup=_fifo("管道.yaml"),
        seconds=5.0,
    ),
    Case(
        "fifo_outline",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "管道.yaml"],
        5,
        "模板错误:管道.yaml:这是一个命名管道(FIFO),不是",
        exact=False,
        setup=_fifo("管道.yaml"),
        seconds=5.0,
    ),
    Case(
        "fifo_output_even_with_force",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", "管道.docx", "--force"],
        6,
        "输出错误:管道.docx:输出路径不是普通文件(是设备、管道或套接字),不会向它写入,加 --force 也不会替换它。"
        "请换一个普通文件名,例如 草稿.docx",
        setup=_fifo("管道.docx"),
    ),
    Case(
        "device_output_even_with_force",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", "/dev/null", "--format", "txt", "--force"],
        6,
        "输出错误:/dev/null:输出路径不是普通文件(是设备、管道或套接字),不会向它写入,加 --force 也不会替换它",
        exact=False,
    ),
    Case(
        "format_md_into_docx",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--format", "md"],
        6,
        f"输出错误:{OUT}:文件名是 .docx 结尾,--format 却是 md:这样写出的文件打不开。"
        "请把文件名改为以 .md 结尾,或去掉 --format(按扩展名写出 docx)",
    ),
    Case("loop_check", {}, ["check", "环.yaml"], 4, f"事实文件错误:环.yaml:{LOOP}", exact=False, setup=_loop("环.yaml")),
    Case(
        "loop_corpus_clean", {}, ["corpus", "clean", "环.txt"], 3, f"读取错误:环.txt:{LOOP}", exact=False,
        setup=_loop("环.txt"),
    ),
    Case(
        "loop_outline",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "环.yaml"],
        5,
        f"模板错误:环.yaml:{LOOP}",
        exact=False,
        setup=_loop("环.yaml"),
    ),
    Case(
        "loop_library",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--library", "环"],
        5,
        f"模板错误:环:无法打开词库文件夹:{LOOP}",
        exact=False,
        setup=_loop("环"),
    ),
    Case(
        "loop_inside_library",
        {"事实.yaml": FACTS, "词库/说明.txt": "x"},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        f"模板错误:词库/环.yaml:{LOOP}",
        exact=False,
        setup=_loop("词库/环.yaml"),
    ),
    Case(
        "loop_profile",
        {"事实.yaml": FACTS},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "环.yaml"],
        5,
        f"模板错误:环.yaml:{LOOP}",
        exact=False,
        setup=_loop("环.yaml"),
    ),
    Case(
        "loop_mine",
        {},
        ["mine", "环", "-o", "我的词库"],
        2,
        f"用法错误:找不到语料:环({LOOP})",
        exact=False,
        setup=_loop("环"),
    ),
    Case(
        "loop_mine_output",
        {"材料/一.txt": "一、总体情况\n今年以来,我局认真落实各项工作,取得明显成效。\n"},
        ["mine", "材料", "-o", "环"],
        6,
        "输出错误:环:输出文件夹的路径中有绕成圈的符号链接。请换一个输出文件夹(-o)",
        setup=_loop("环"),
    ),
    Case(
        "dangling_link_check",
        {},
        ["check", "事实.yaml"],
        4,
        "事实文件错误:事实.yaml:这是一个符号链接,它指向的 已删除.yaml 不存在",
        exact=False,
        setup=_dangling("事实.yaml"),
    ),
    Case(
        "folder_as_outline",
        {"事实.yaml": FACTS, "提纲.yaml/a.yaml": "x"},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "提纲.yaml"],
        5,
        "模板错误:提纲.yaml:这是一个文件夹,不是提纲文件。请给出提纲文件(.yaml)的路径,例如 我的提纲.yaml",
    ),
    Case(
        "phrase_file_full_width_colon",
        {"事实.yaml": FACTS, "词库/phrases.yaml": "phrases:\n- id\uff1aa\n  kind: closing\n"},
        ["generate", "事实.yaml", "-o", OUT, "--library", "词库"],
        5,
        "模板错误:词库/phrases.yaml 第 2 行:这一行用了中文冒号「：」",
        exact=False,
    ),
    Case(
        "outline_ideographic_indentation",
        {"事实.yaml": FACTS, "我的提纲.yaml": _outline_with("- role: work\n\u3000\u3000level: 1\n")},
        ["generate", "事实.yaml", "-o", OUT, "--outline", "我的提纲.yaml"],
        5,
        "模板错误:我的提纲.yaml 第 7 行:「level」这一行用全角空格(\u3000)缩进了",
        exact=False,
    ),
    Case(
        "profile_no_space_after_colon",
        {"事实.yaml": FACTS, "版式.yaml": "body:\n  size_pt:16\n"},
        ["generate", "事实.yaml", "-o", OUT, "--profile", "版式.yaml"],
        5,
        "模板错误:版式.yaml 第 2 行:冒号后面缺少空格",
        exact=False,
    ),
]


CASES = (
    FACTS_CASES
    + GENERATE_CASES
    + CORPUS_CASES
    + OUTLINE_CASES
    + LIBRARY_CASES
    + LONG_NAME_CASES
    + (ENDLESS_CASES if Path(ENDLESS).exists() else [])
    + USAGE_CASES
    + TEMPLATE_CASES
    + DOCX_CASES
    + SCHEMA_CASES
    + NUMBER_CASES
    + MESSAGE_CASES
)


def _prepare(tmp: Path, case: Case) -> None:
    if case.skip_root and os.geteuid() == 0:
        pytest.skip("root 不受文件权限限制")
    for name, content in case.files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if case.setup is not None:
        case.setup(tmp)


def _check_failure(case: Case, result: subprocess.CompletedProcess[str], elapsed: float) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == case.code, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if case.usage:
        assert lines[0].startswith("用法: zongjie"), result.stderr
        assert not re.search(r"OPTIONS|COMMAND|ARGS", lines[0]), lines[0]  # the usage line is Chinese too
        line = lines[-1]
    elif many := re.match(r"^(\S+?)[:\uff1a].*共发现 (?:至少 )?(\d+) 处错误", lines[0]):
        # Every mistake of one file at once: a heading, then one line per mistake; the first is checked below.
        assert len(lines) == int(many.group(2)) + 1 + ("只列出前" in result.stderr), result.stderr
        first = re.sub(r"^\s*\d+\.\s", "", lines[1])
        line = lines[0][: many.end(1) + 1] + first
    else:
        assert len(lines) == 1, result.stderr  # one message, not a cascade
        line = lines[0]
    if case.exact:
        assert line == case.message
    else:
        assert line.startswith(case.message), line
    for piece in (case.contains,) if isinstance(case.contains, str) else case.contains:
        assert piece in line, (piece, line)
    assert CJK.search(line), line
    assert elapsed < case.seconds, f"{case.name} 用了 {elapsed:.1f} 秒"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_message_and_nothing_changes(tmp_path: Path, case: Case) -> None:
    _prepare(tmp_path, case)
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = run(case.argv, tmp_path, memory_mb=case.memory_mb)
    _check_failure(case, result, time.monotonic() - started)
    # Nothing written, nothing half-written, nothing replaced: the folder is exactly as it was.
    assert snapshot(tmp_path) == before


# The template refusals all fail at the same point (loading the library): a sample of them is rerun over an
# existing draft, which keeps the default suite fast.
_RERUN_TEMPLATES = {f"template_{c}_{n}" for c in ("phrase", "heading") for n in ("macro", "include", "too_long")}


def _rerun_with_existing_output(case: Case) -> bool:
    if case.name.startswith("template_") and case.name not in _RERUN_TEMPLATES:
        return False
    return case.argv[0] == "generate" and OUT in case.argv and case.code != 6 and not case.usage


@pytest.mark.parametrize("case", [c for c in CASES if _rerun_with_existing_output(c)], ids=lambda c: c.name)
def test_failed_generate_keeps_the_existing_draft_even_with_force(tmp_path: Path, case: Case) -> None:
    _prepare(tmp_path, case)
    (tmp_path / OUT).write_bytes(SENTINEL)
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = run([*case.argv, "--force"], tmp_path, memory_mb=case.memory_mb)
    _check_failure(case, result, time.monotonic() - started)
    assert (tmp_path / OUT).read_bytes() == SENTINEL
    assert snapshot(tmp_path) == before


def test_catalogue_is_large_enough() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) - len(FACTS_CASES) >= 30
    # Issue 12: at least 250 cases, every class of hostile input among them.
    assert len(CASES) >= 250
    for group in (TEMPLATE_CASES, DOCX_CASES, SCHEMA_CASES, NUMBER_CASES, MESSAGE_CASES):
        assert len(group) >= 5


# ---------------------------------------------------------------- input that must work, and work literally


def docx_text(path: Path) -> str:
    """The text of every paragraph of a .docx, after python-docx has parsed it again."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def generate_ok(
    tmp: Path, text: str | bytes, out: str = OUT, *extra: str
) -> subprocess.CompletedProcess[str]:
    source = tmp / "事实.yaml"
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8")
    result = run(["generate", "事实.yaml", "-o", out, *extra], tmp)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"已写出 {out}(")
    return result


ENCODINGS = {
    "gbk": FACTS.encode("gbk"),
    "gb18030": FACTS.encode("gb18030"),
    "utf-8-bom": b"\xef\xbb\xbf" + FACTS.encode("utf-8"),
    "utf-16-bom": ("\ufeff" + FACTS).encode("utf-16-le"),
    "gbk-crlf": FACTS.replace("\n", "\r\n").encode("gbk"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_facts_from_windows_editors_draft(tmp_path: Path, encoding: str) -> None:
    generate_ok(tmp_path, ENCODINGS[encoding])
    text = docx_text(tmp_path / OUT)
    # A long title is split over lines, one paragraph each.
    assert "青山县教育局2025年上半年工作总结" in text.replace("\n", "")
    assert "实施学前教育扩容提质工程" in text
    assert "88.5%" in text


def test_force_replaces_an_existing_draft(tmp_path: Path) -> None:
    (tmp_path / OUT).write_bytes(SENTINEL)
    generate_ok(tmp_path, FACTS, OUT, "--force")
    assert "青山县教育局" in docx_text(tmp_path / OUT)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# The writer's text is data: whatever it looks like, it reaches the draft as written and is never evaluated.
INJECTIONS = [
    "{{ ''.__class__.__mro__ }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ 7*7 }}{# 注释 #}",
]


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unescape_md(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_template_syntax_in_facts_is_printed_literally(tmp_path: Path, fmt: str) -> None:
    measures = "".join(f"      - {yaml_quoted(text)}\n" for text in INJECTIONS)
    text = facts(MEASURE, measures).replace("单位: 青山县教育局", "单位: '{{ 地区 }}教育局'")
    out = f"草稿.{fmt}"
    generate_ok(tmp_path, text, out)
    draft = docx_text(tmp_path / out) if fmt == "docx" else (tmp_path / out).read_text("utf-8")
    if fmt == "md":
        draft = _unescape_md(draft)
    for injected in INJECTIONS:
        assert injected in draft
    assert "{{ 地区 }}教育局2025年上半年" in draft.replace("\n", "")
    assert "49" not in draft and "uid=" not in draft and "<class" not in draft


XML_MARKUP = """<b>甲</b> & "乙" '丙' <w:t>丁</w:t> ]]> &lt; &#x41; <!-- 戊 -->"""


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_markup_characters_in_facts_are_printed_literally(tmp_path: Path, fmt: str) -> None:
    text = facts(MEASURE, f"      - {yaml_quoted(XML_MARKUP)}\n").replace(
        "单位: 青山县教育局", "单位: '青山县<教育局>&'"
    )
    out = f"草稿.{fmt}"
    generate_ok(tmp_path, text, out)
    draft = docx_text(tmp_path / out) if fmt == "docx" else (tmp_path / out).read_text("utf-8")
    assert XML_MARKUP in draft
    assert "青山县<教育局>&2025年上半年" in draft.replace("\n", "")


ILLEGAL = "\x01\x02\x08\x0b\x0c\x0e\x1b\x1f\x7f\ufffe\uffff\ud800"


def test_xml_illegal_characters_are_refused_or_dropped_never_a_corrupt_docx(tmp_path: Path) -> None:
    # Written as YAML escapes, the characters pass the raw-text check and reach the draft as data.
    escaped = "".join(f"\\u{ord(ch):04x}" for ch in ILLEGAL)
    text = facts(MEASURE, f'      - "开展{escaped}认定\\x00和年检"\n')
    source = tmp_path / "事实.yaml"
    source.write_text(text, encoding="utf-8")
    result = run(["generate", "事实.yaml", "-o", OUT], tmp_path)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        draft = docx_text(tmp_path / OUT)
        assert "开展认定和年检" in draft
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]", draft)
    else:
        assert result.returncode == 4
        assert result.stderr.startswith("事实文件错误:事实.yaml 第 11 行:"), result.stderr
        assert not (tmp_path / OUT).exists()


EMOJI = (
    "推进🎓智慧校园👩\u200d🏫建设🇨🇳",
    "覆盖率💯",
    "𠮷野家的“𪚥”字\ufe0e",
)  # ZWJ sequence, flag, Ext-B, VS15


def test_emoji_and_rare_characters_survive(tmp_path: Path) -> None:
    generate_ok(tmp_path, facts(MEASURE, f"      - {'，'.join(EMOJI)}\n"))
    assert "，".join(EMOJI) in docx_text(tmp_path / OUT)


def test_mixed_width_punctuation_comes_out_full_width(tmp_path: Path) -> None:
    # Half-width , ; : ( ) between Chinese become full-width; full-width ones and the digits' own stay.
    mixed = "开展认定,年检;规范办园行为:“小学化”、(幼小衔接)!覆盖率达到 95.5%,共 3,200 人"
    generate_ok(tmp_path, facts(MEASURE, f"      - '{mixed}'\n"))
    draft = docx_text(tmp_path / OUT)
    assert "开展认定，年检；规范办园行为：“小学化”、（幼小衔接）！" in draft
    assert "95.5%" in draft and "3,200" in draft


def test_long_strings_up_to_the_limit_are_drafted_whole(tmp_path: Path) -> None:
    long_measure = ("推进集团化办学" * 286)[:2000]
    long_unit = "青山县教育局" * 50
    text = facts(MEASURE, f"      - {long_measure}\n").replace("单位: 青山县教育局", f"单位: {long_unit}")
    generate_ok(tmp_path, text)
    draft = docx_text(tmp_path / OUT)
    assert long_measure in draft.replace("\n", "")
    assert long_unit in draft


# ---------------------------------------------------------------- killed midway


def _huge_facts() -> str:
    """A facts file just under the 1 MB limit: hundreds of areas, so drafting takes a noticeable moment."""
    head = FACTS.split("工作:\n")[0] + "工作:\n"
    areas = []
    size = len(head.encode("utf-8"))
    n = 0
    while size < 900_000:
        n += 1
        measures = "".join(f"      - 实施第{n}批扩容提质工程之第{j}项举措,规范办园行为\n" for j in range(20))
        area = (
            # Each area titled apart: areas of one topic without titles of their own become one section.
            f"  - 领域: 学前教育\n    标题: 第{n}批扩容提质工程\n    举措:\n{measures}    数据:\n"
            f"      - 项目: 新建幼儿园{n}\n        数值: {n}\n        单位: 所\n        上年: {n + 1}\n"
        )
        areas.append(area)
        size += len(area.encode("utf-8"))
    return head + "".join(areas)


def test_generate_killed_midway_leaves_no_partial_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    (tmp_path / "大.yaml").write_text(_huge_facts(), encoding="utf-8")
    # One whole run first: the huge file drafts (hundreds of headings numbered past 九十九) and tells how long it takes.
    started = time.monotonic()
    full = run(["generate", "大.yaml", "-o", "完整.docx"], tmp_path, timeout=300)
    duration = time.monotonic() - started
    assert full.returncode == 0, full.stderr
    whole = docx_text(tmp_path / "完整.docx")
    assert "一百零一、" in whole or "（一百零一）" in whole
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "generator", "generate", str(tmp_path / "大.yaml"), "-o", OUT, "--force"]
    landed, midway, attempt, estimate = 0, 0, 0, duration
    fractions = (0.2, 0.4, 0.6, 0.8)
    while (landed < 4 or midway < 2) and attempt < 20:
        folder = tmp_path / f"第{attempt}次"
        folder.mkdir()
        existing = attempt % 2 == 0
        if existing:
            (folder / OUT).write_bytes(SENTINEL)
        proc = subprocess.Popen(
            argv, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            time.sleep(estimate * fractions[landed % len(fractions)])
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(timeout=120)
        attempt += 1
        if proc.returncode != -signal.SIGKILL:
            # Finished before the signal (the machine got faster): aim earlier next time.
            assert proc.returncode == 0
            estimate *= 0.6
            continue
        landed += 1
        target = folder / OUT
        # Killed before the rename: the old file (or none). Killed after it, while printing the summary or
        # exiting: the whole new draft. Never anything in between.
        if target.exists() and not (existing and target.read_bytes() == SENTINEL):
            assert docx_text(target) == whole
        else:
            midway += 1
        # SIGKILL cannot tidy up; all it may leave is a hidden temporary file beside the target, never a damaged one.
        others = [p.name for p in folder.iterdir() if p.name != OUT]
        assert all(name.startswith(f".{OUT}.") and name.endswith(".tmp") for name in others), others
    assert midway >= 2, f"{attempt} 次中只有 {midway} 次在写出之前终止(完整运行 {duration:.2f} 秒)"


# ---------------------------------------------------------------- a corpus folder with bad files in it

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _mixed_corpus(folder: Path) -> list[str]:
    """Good reports in three encodings beside empty, binary, huge, old-Word and unreadable files; returns the bad."""
    folder.mkdir()
    good = SEEDS[0].read_text(encoding="utf-8")
    (folder / "01-utf8.txt").write_text(good, encoding="utf-8")
    (folder / "02-gbk.txt").write_bytes(SEEDS[1].read_text(encoding="utf-8").encode("gb18030"))
    (folder / "03-big5.txt").write_bytes(SEEDS[3].read_text(encoding="utf-8").encode("big5", errors="ignore"))
    (folder / "04-empty.txt").write_bytes(b"")
    (folder / "05-binary.txt").write_bytes(_binary())
    _sparse(folder / "06-huge.txt", 21 * 1024 * 1024)
    (folder / "07-old.doc").write_bytes(_old_doc())
    (folder / "08-broken.docx").write_bytes(b"PK\x03\x04" + bytes(300))
    (folder / "09-mixed.txt").write_bytes(
        good[:2000].encode("utf-8") + good[2000:4000].encode("gbk", errors="ignore")
    )
    return ["04-empty.txt", "05-binary.txt", "06-huge.txt", "07-old.doc", "08-broken.docx"]


def test_corpus_stats_reports_each_bad_file_and_counts_the_rest(tmp_path: Path) -> None:
    bad = [*_mixed_corpus(tmp_path / "材料"), "09-mixed.txt"]
    if os.geteuid() != 0:
        locked = tmp_path / "材料" / "10-locked.txt"
        locked.write_text("一、总体情况", encoding="utf-8")
        locked.chmod(0)
        bad.append(locked.name)
    result = run(["corpus", "stats", "材料"], tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    for name in bad:
        assert sum(line.startswith(f"读取错误:材料/{name}:") for line in lines) == 1, (name, result.stderr)
    assert lines[-1] == f"读取错误:{len(bad)} 个文件无法读取,其余 3 个已统计。请按上面的提示处理"
    assert len(lines) == len(bad) + 1
    for name in ("01-utf8.txt", "02-gbk.txt", "03-big5.txt"):
        assert name in result.stdout
    assert "合计(3 份)" in result.stdout


def test_mine_reports_each_bad_file_and_mines_the_rest(tmp_path: Path) -> None:
    bad = [*_mixed_corpus(tmp_path / "材料"), "09-mixed.txt"]
    if os.geteuid() != 0:
        locked = tmp_path / "材料" / "10-locked.txt"
        locked.write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
        locked.chmod(0)
        bad.append(locked.name)
    result = run(["mine", "材料", "-o", "我的词库"], tmp_path, timeout=300)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for name in bad:
        assert sum(line.startswith(f"已跳过:材料/{name}:") for line in lines) == 1, (name, result.stderr)
    assert len(lines) == len(bad), result.stderr
    for name in ("01-utf8.txt", "02-gbk.txt", "03-big5.txt"):
        row = next(line for line in result.stdout.splitlines() if name in line)
        assert "跳过" not in row
    # What was mined is a library the drafting half accepts.
    assert (tmp_path / "我的词库" / "phrases.yaml").is_file()
    assert list((tmp_path / "我的词库" / "outlines").glob("*.yaml"))
    (tmp_path / "事实.yaml").write_text(FACTS, encoding="utf-8")
    drafted = run(["generate", "事实.yaml", "-o", OUT, "--library", "我的词库"], tmp_path)
    assert drafted.returncode == 0, drafted.stderr
    assert "青山县教育局" in docx_text(tmp_path / OUT)


def test_mine_with_nothing_readable_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "空.txt").write_bytes(b"")
    (folder / "乱码.txt").write_bytes(_binary())
    (folder / "旧版.doc").write_bytes(_old_doc())
    result = run(["mine", "材料", "-o", "我的词库"], tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [
        "已跳过:材料/乱码.txt:这不是文本文件(含有二进制内容)。请提供 .txt 或 .docx 格式的总结材料",
        "已跳过:材料/旧版.doc:不支持旧版 Word 的 .doc 格式。请在 Word 或 WPS 中另存为 .docx 后再试",
        "已跳过:材料/空.txt:文件是空的。请确认选对了文件",
        "用法错误:我的词库:没有一份材料能够挖掘,词库未写出。请检查上面列出的文件",
    ]
    assert not (tmp_path / "我的词库").exists()


# ---------------------------------------------------------------- a real bug still shows itself

BUG_SCRIPT = """
import errno, sys
import generator.facts.load
def broken(path):
    raise {error}
generator.facts.load.load_facts = broken
from generator.cli import main
main(["check", "事实.yaml"])
"""


@pytest.mark.parametrize(
    "error", ['KeyError("工作")', 'OSError(errno.EIO, "Input/output error")'], ids=["KeyError", "OSError-EIO"]
)
def test_a_bug_keeps_its_traceback_and_asks_for_a_report(tmp_path: Path, error: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", BUG_SCRIPT.format(error=error)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 70
    assert "Traceback (most recent call last)" in result.stderr
    assert error.split("(")[0] in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == (
        "内部错误:这是 zongjie 自身的缺陷,不是您的操作问题。请把上面的信息连同所用文件一起反馈给维护者。"
    )
