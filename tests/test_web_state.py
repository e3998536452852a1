"""The page's form state written as a facts file and read back: whatever a writer types survives the trip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.facts.describe import describe
from generator.facts.load import compose_facts
from generator.web.state import SENTENCE, from_form, from_node, new_tree, to_yaml

# What a person can type into a text box: no control characters (the facts reader refuses them, with a line).
typed = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85\ufeff\ufffe\uffff"),
    min_size=1,
    max_size=40,
).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(unit=typed, measure=typed, value=typed, goal=typed)
def test_typed_text_comes_back_from_the_facts_file_unchanged(unit, measure, value, goal):
    description = describe("年度总结及计划")
    tree = new_tree(description)
    tree["单位"] = unit
    area = tree["工作"][0]
    area["领域"] = "学前教育"
    first = next(k for k in description.get("工作").item if k.key == "举措")
    area["举措"] = [measure] if first.type == "texts" else [{first.item[0].key: measure}]
    area["数据"][0].update({"项目": "新建幼儿园", "数值": value})
    tree["主要目标"] = [{SENTENCE: goal}]
    written = to_yaml(tree, description, prune=True)
    back, notes = from_node(compose_facts(written.text), description)
    assert notes == []
    assert back["单位"] == unit
    entry = back["工作"][0]["举措"][0]
    assert (entry if first.type == "texts" else entry[first.item[0].key]) == measure
    assert back["工作"][0]["数据"][0]["数值"] == value
    assert back["主要目标"][0][SENTENCE] == goal


def test_posted_fields_make_the_same_state_as_the_file():
    description = describe("半年总结")
    text = "类型: 半年总结\n单位: 青山县教育局\n工作:\n  - 领域: 学前教育\n    数据:\n      - 项目: 新建幼儿园\n        数值: 6\n"
    tree, _ = from_node(compose_facts(text), description)
    posted = [
        ("f.类型", "半年总结"), ("f.单位", " 青山县教育局 "), ("f.工作.0.领域", "学前教育"),
        ("f.工作.0.数据.0.项目", "新建幼儿园"), ("f.工作.0.数据.0.数值", "6"),
    ]
    assert from_form(posted, description) == tree


@settings(max_examples=200, deadline=None)
@given(unit=typed, measure=typed)
def test_the_cli_reads_typed_text_as_typed(unit, measure):
    from generator.facts.load import parse_facts

    description = describe("年度总结")
    tree = new_tree(description)
    tree.update({"单位": unit, "地区": "青山县", "年度": "2025"})
    area = tree["工作"][0]
    area["领域"] = "学前教育"
    first = next(k for k in description.get("工作").item if k.key == "举措")
    area["举措"] = [measure] if first.type == "texts" else [{first.item[0].key: measure}]
    facts = parse_facts(to_yaml(tree, description, prune=True).text)
    assert facts.unit == unit
    assert str(facts.work[0].measures[0]) == measure
