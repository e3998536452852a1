"""facts/describe.py: the facts file described for a form, from the model's key tables and the skeletons."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.facts import describe as describe_module
from generator.facts import model
from generator.facts.describe import KeyInfo, describe, kind_names
from generator.taxonomy.kinds import find_kind
from generator.taxonomy.topics import topic_names
from generator.web.app import create_app


def clear_caches() -> None:
    for cached in (describe_module._describe, describe_module._tables, describe_module._field_types,
                   describe_module._skeleton_help):
        cached.cache_clear()


def walk(keys: tuple[KeyInfo, ...], owner: str = "") -> dict[str, KeyInfo]:
    found: dict[str, KeyInfo] = {}
    for info in keys:
        found[f"{owner}{info.key}"] = info
        found.update(walk(info.item, f"{owner}{info.key}."))
    return found


@pytest.mark.parametrize("kind", kind_names())
def test_every_key_of_the_model_is_described_with_the_schema_marks(kind):
    description = describe(kind)
    assert [k.key for k in description.keys if not k.in_skeleton] == [
        k for k in model.TOP_KEYS if not description.get(k).in_skeleton
    ]
    assert {k.key for k in description.keys} == set(model.TOP_KEYS)
    required = set(model.REQUIRED) | set(find_kind(kind).requires)
    assert required <= {k.key for k in description.keys if k.required}
    work = description.get("工作")
    assert work is not None and work.type == "items" and work.required
    assert [k.key for k in work.item] == list(model.AREA_KEYS)
    figures = next(k for k in work.item if k.key == "数据")
    assert [k.key for k in figures.item] == list(model.FIGURE_KEYS)
    # A figure's 「其中」 parts are figures without parts of their own, as the schema allows.
    parts = next(k for k in figures.item if k.key == "其中")
    assert "其中" not in [k.key for k in parts.item]
    # The kind's own skeleton comes first, in its order, each key with its help text.
    assert all(k.help for k in description.keys if k.in_skeleton)
    assert description.keys[0].key == "类型"


def test_types_choices_and_help_come_from_the_model_and_the_skeletons():
    keys = walk(describe("半年总结").keys)
    assert keys["年度"].type == "integer" and keys["成文日期"].type == "date"
    assert keys["工作.数据.数值"].type == "number"
    assert keys["问题"].type == "texts"
    assert keys["主要目标"].type == "mixed"
    assert keys["类型"].choices == kind_names() and keys["半年"].choices == model.HALVES
    assert set(keys["工作.领域"].choices) == set(topic_names().values()) and keys["工作.领域"].open_choices
    assert keys["单位"].example == "青山县教育局"
    # A field's values named by a table after it (PLAN_STATUSES for status) are offered, not imposed.
    status = next(k for k in keys.values() if k.field == "status")
    assert status.choices == model.PLAN_STATUSES and status.open_choices
    # Help is for a form, not for YAML: no "以「- 」开头", no (必填) (the form marks required keys itself).
    assert not any(re.search(r"以「- |必填|可不填", k.help) for k in keys.values())


@pytest.fixture
def figure_with_a_note(monkeypatch):
    """The model as it would be with a new figure key 「备注」 (field note) added by the writing side."""
    fields = []
    for f in dataclasses.fields(model.Figure):
        default = {"default": f.default} if f.default is not dataclasses.MISSING else {}
        if f.default_factory is not dataclasses.MISSING:
            default = {"default_factory": f.default_factory}
        fields.append((f.name, f.type, dataclasses.field(**default)))
    fields.append(("note", "str | None", dataclasses.field(default=None)))
    figure = dataclasses.make_dataclass("Figure", fields, frozen=True)
    figure.__module__ = model.__name__
    monkeypatch.setattr(model, "Figure", figure)
    monkeypatch.setattr(model, "FIGURE_KEYS", {**model.FIGURE_KEYS, "备注": "note"})
    clear_caches()
    yield
    monkeypatch.undo()
    clear_caches()


def test_a_key_added_to_the_model_appears_in_the_form_without_form_code(figure_with_a_note):
    keys = walk(describe("半年总结").keys)
    assert keys["工作.数据.备注"].type == "text"
    assert keys["工作.数据.其中.备注"].type == "text"
    client = create_app().test_client()
    token = re.search(r'name="_token" value="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    page = client.post("/new", data={"_token": token, "kind": "半年总结"}).get_data(as_text=True)
    assert 'name="f.工作.0.数据.0.备注"' in page
    # And the page accepts the field it drew.
    posted = client.post("/form", data={"_token": token, "f.类型": "半年总结", "f.工作.0.数据.0.备注": "x", "do": "check"})
    assert posted.status_code == 200
