"""The library's data contract: overlay precedence, validation messages, and the Jinja2 sandbox."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.errors import TemplateError
from generator.library.core import (
    Library,
    Phrase,
    Source,
    dump_phrases,
    load_library,
    load_outline_file,
    load_phrase_file,
    phrase_id,
    render_template,
)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_phrase_ids_are_stable_and_dump_round_trips(tmp_path):
    text = "{{ 年度 }}年,在{{ 上级 }}的正确领导下,各项工作扎实推进。"
    assert phrase_id("opening", text) == phrase_id("opening", text)
    assert phrase_id("opening", text) != phrase_id("closing", text)
    phrase = Phrase(
        id=phrase_id("opening", text),
        kind="opening",
        text=text,
        slots={"年度": "year", "上级": "org"},
        sources=[Source("a.txt", 3, 1)],
        example="2025年,在县委、县政府的正确领导下,各项工作扎实推进。",
    )
    dumped = dump_phrases([phrase], "mined", "挖掘自 seeds/")
    assert dumped.startswith("# 挖掘自 seeds/\n")
    path = write(tmp_path / "phrases.yaml", dumped)
    (loaded,) = load_phrase_file(path)
    assert loaded.as_dict() == phrase.as_dict()
    assert dump_phrases([loaded], "mined", "挖掘自 seeds/") == dumped


def test_user_folders_overlay_the_shipped_library_in_order(tmp_path):
    shipped = load_library()
    some_id = sorted(shipped.phrases)[0]
    first = write(
        tmp_path / "一" / "phrases.yaml",
        f"""\
        phrases:
        - id: {some_id}
          kind: closing
          text: 第一层的结尾。
        - id: my.closing.1
          kind: closing
          text: 第一层新增的结尾。
        """,
    ).parent
    second = write(
        tmp_path / "二" / "phrases.yaml",
        """\
        phrases:
        - id: my.closing.1
          kind: closing
          text: 第二层替换的结尾。
        """,
    ).parent
    library = load_library([first, second])
    assert library.phrases[some_id].text == "第一层的结尾。"
    assert library.phrases[some_id].origin == "manual"
    assert library.phrases["my.closing.1"].text == "第二层替换的结尾。"
    assert len(library.phrases) == len(shipped.phrases) + 1
    assert library.layers[-2:] == [str(first), str(second)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("phrases:\n- id: a\n  kind: opening\n  text: '{{ 年度 年'\n", "模板语法错误"),
        ("phrases:\n- id: a\n  kind: opennig\n  text: 好\n", "kind「opennig」无效"),
        ("phrases:\n- id: a\n  kind: opening\n  txet: 好\n", "您是不是想写「text」"),
        ("phrases:\n- id: a\n  kind: opening\n  text: 好\n  slots: {数量1: 数字}\n", "类型「数字」无效"),
        ("phrases:\n- id: a\n  kind: opening\n   text: 好\n", "YAML 格式错误"),
        ("phrases: 好\n", "句式文件的「phrases」应当是列表(每项以「- 」开头),这里写成了文字「好」"),
        ("phrases:\n- id: a\n  kind: opening\n  text: 好\n  why: [语料, 没有]\n", "「why」应当是一段文字"),
    ],
)
def test_phrase_file_mistakes_name_file_and_line(tmp_path, body, message):
    path = write(tmp_path / "我的句式.yaml", body)
    with pytest.raises(TemplateError) as info:
        load_phrase_file(path)
    text = str(info.value)
    assert message in text
    assert "我的句式.yaml" in text
    assert "第 " in text and " 行" in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name: x\ntitle: 标题\nkind: 半年总结\nnodes:\n- role: wrok\n", "role「wrok」无效。您是不是想写「work」?"),
        ("name: x\ntitle: 标题\nkind: 半年总结\nnodes:\n- role: work\n  level: 7\n", "第 6 行:提纲节点的「level」应当在 0 到 4 之间,这里写的是 7"),
        ("name: x\ntitle: 标题\nkind: 半年总结\nnodes:\n- role: work\n  body: 散文\n", "body「散文」无效"),
        ("name: x\ntitle: 标题\nkind: 半年总结\nnodes:\n- role: part\n  heading: '{% if %}'\n", "模板语法错误"),
        ("name: x\ntitle: 标题\nkind: 半年总结\n", "缺少 nodes"),
        ("name: x\ntitle: 标题\nkind: 半年总结\nnodes:\n- role: work\n  heading_seen: []\n", "您是不是想写「headings_seen」"),
    ],
)
def test_outline_file_mistakes_name_file_and_line(tmp_path, body, message):
    path = write(tmp_path / "我的提纲.yaml", body)
    with pytest.raises(TemplateError) as info:
        load_outline_file(path)
    assert message in str(info.value)
    assert "我的提纲.yaml" in str(info.value)


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ 单位.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_template_injection_is_blocked_by_the_sandbox(template):
    with pytest.raises(TemplateError) as info:
        render_template(template, {"单位": "青山县教育局"}, path="我的句式.yaml", line=3)
    assert "我的句式.yaml" in str(info.value)


def test_values_are_data_and_missing_slots_are_errors():
    injected = "{{ ''.__class__ }}<b>&\"'"
    assert render_template("{{ 单位 }}", {"单位": injected}) == injected
    with pytest.raises(TemplateError, match="没有提供的槽位"):
        render_template("{{ 单位 }}召开会议", {})


def test_library_lookups_fall_back_to_general_topic():
    library = Library()
    for n, (kind, topics) in enumerate([("closing", ["综合"]), ("closing", ["学前教育"]), ("opening", ["综合"])]):
        library.phrases[f"p{n}"] = Phrase(id=f"p{n}", kind=kind, text=f"句{n}", topics=topics)
    assert [p.id for p in library.phrases_of("closing", "学前教育")] == ["p1"]
    assert [p.id for p in library.phrases_of("closing", "信息化")] == ["p0"]
    assert [p.id for p in library.phrases_of("closing")] == ["p0", "p1"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "phrases:\n- id: a\n  kind: closing\n  text: 好\n  text: 坏\n",
            "第 5 行:键「text」重复出现(第 4 行和第 5 行)。"
            "同一层里每个键只能写一次;要写多项内容,请在一个键下用「- 」开头的列表",
        ),
        (
            "phrases:\n- id: a\n\tkind: closing\n",
            "第 3 行:这一行用 Tab 键缩进了。请用空格缩进,不要用 Tab",
        ),
        (
            "phrases: !!python/object/apply:os.system [ls]\n",
            "第 1 行:句式文件中不能使用 YAML 标签「!!python/object/apply:os.system」。"
            "句式文件只需要普通的文字、数字和列表;如果这是文字,请给整段加上引号",
        ),
        (
            "phrases:\n- id: a\n  kind: closing\n  text: '{{ 不存在 }}继续努力。'\n",
            "第 4 行:句式 a 用到了不认识的槽位「不存在」。可用的槽位有:单位、地区、区划、年度、上级、主线、主题、活动、阶段、"
            "半年、下期、本期、项目、数值、比较、完成、荣誉、个数、举措、问题;数据槽位须在 slots 中声明类型",
        ),
        (
            "phrases:\n- id: a\n  kind: closing\n  text: '{{ 单住 }}继续努力。'\n",
            "第 4 行:句式 a 用到了不认识的槽位「单住」。您是不是想写「单位」?可用的槽位有:单位、地区、区划、年度、上级、主线、"
            "主题、活动、阶段、半年、下期、本期、项目、数值、比较、完成、荣誉、个数、举措、问题;数据槽位须在 slots 中声明类型",
        ),
        (
            "phrases:\n- id: a\n  kind: closing\n  text: '{% if 学校 %}共{{ 学校 }}所{% endif %}'\n",
            "第 4 行:句式 a 用到了不认识的槽位「学校」。可用的槽位有:单位、地区、区划、年度、上级、主线、主题、活动、阶段、"
            "半年、下期、本期、项目、数值、比较、完成、荣誉、个数、举措、问题;数据槽位须在 slots 中声明类型",
        ),
        (
            "phrases:\n- id: a\n  kind: closing\n  text: '{% if 单位 %}好'\n",
            "第 4 行:模板语法错误:{% if %} 没有写完,缺少结束标签 {% endif %}(模板:{% if 单位 %}好)。"
            "请检查 {{ }} 与 {% %} 是否成对",
        ),
    ],
)
def test_phrase_file_problems_are_exact_chinese_messages(tmp_path, body, expected):
    path = tmp_path / "我的句式.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_phrase_file(path)
    assert str(info.value) == f"{path} {expected}"


def test_a_declared_typed_slot_is_accepted(tmp_path):
    path = write(
        tmp_path / "我的句式.yaml",
        "phrases:\n- id: a\n  kind: closing\n  text: '共培训{{ 人数 }}。'\n  slots: {人数: quantity}\n",
    )
    assert load_phrase_file(path)[0].slots == {"人数": "quantity"}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ 单位.__class__ }}", "模板里有不允许的写法:{{ }} 里不能访问属性或下标(「.__class__」)"),
        ("{{ 1 / 0 }}", "模板里有不允许的写法:{{ }} 里不能写数字或带引号的文字(「1」),只能写槽位名"),
        ("{{ 单位 + 1 }}", "模板里有不允许的写法:{{ }} 里不能做运算(「+」),只能写槽位名"),
        ("{{ 单位 年", "模板语法错误:{{ }} 里只能写一个槽位名,多出了「年」(模板:{{ 单位 年)"),
        ("{{ 单位", "模板语法错误:模板没有写完:{{ 或 {% 缺少对应的 }} 或 %}(模板:{{ 单位)"),
    ],
)
def test_template_failures_are_told_in_chinese(template, expected):
    with pytest.raises(TemplateError) as info:
        render_template(template, {"单位": "青山县教育局"}, path="我的句式.yaml", line=3)
    assert str(info.value).startswith(f"我的句式.yaml 第 3 行:{expected}")


def test_every_type_mistake_of_a_phrase_file_is_reported_at_once(tmp_path):
    body = (
        "phrases:\n- id: a\n  kind: [closing]\n  text: 好\n"
        "- id: b\n  kind: closing\n  text: 好\n  support: true\n"
        "- id: c\n  kind: closing\n  text: 好\n  sources: [{file: a.txt, line: .nan}]\n"
    )
    path = write(tmp_path / "我的句式.yaml", body)
    with pytest.raises(TemplateError) as info:
        load_phrase_file(path)
    text = str(info.value)
    assert "共发现 3 处错误" in text
    for line, what in ((3, "「kind」应当是文字"), (8, "「support」应当是整数"), (12, "「line」应当是一个有限的整数")):
        assert f"第 {line} 行:句式" in text and what in text



# ---------------------------------------------------------------- the manual list: only what the corpus cannot give

ROOT = Path(__file__).resolve().parent.parent
MANUAL = ROOT / "templates" / "library" / "manual"
MINED = ROOT / "templates" / "library" / "mined"


def test_every_shipped_manual_entry_says_why_it_is_manual():
    phrases = load_phrase_file(MANUAL / "phrases.yaml")
    outlines = [load_outline_file(p) for p in sorted((MANUAL / "outlines").glob("*.yaml"))]
    assert phrases and outlines
    without = [p.id for p in phrases if not p.why.strip()] + [o.name for o in outlines if not o.why.strip()]
    assert without == []


def _wordings(phrase: Phrase) -> set[str]:
    """The texts a pattern can give: each combination of its choice slots' wordings filled in."""
    texts = {phrase.text}
    for name, words in phrase.choices.items():
        texts = {t.replace(f"{{{{ {name} }}}}", w) for t in texts for w in words}
    return texts


def test_no_manual_entry_says_what_a_mined_stock_pattern_already_says():
    stock: dict[str, set[str]] = {}
    for phrase in load_phrase_file(MINED / "phrases.yaml", "mined"):
        if phrase.support >= 2 and phrase.id.split(".")[1] not in ("clause", "phrase"):
            stock.setdefault(phrase.kind, set()).update(_wordings(phrase))
    repeated = [p.id for p in load_phrase_file(MANUAL / "phrases.yaml") if p.text in stock.get(p.kind, set())]
    assert repeated == []


def test_a_reason_survives_the_dump(tmp_path):
    phrase = Phrase(id="manual.closing.9", kind="closing", text="继续努力。", origin="manual", why="语料各页都在开头截断")
    path = write(tmp_path / "phrases.yaml", dump_phrases([phrase], "manual"))
    (loaded,) = load_phrase_file(path)
    assert loaded.why == "语料各页都在开头截断"
    assert loaded.as_dict() == phrase.as_dict()
