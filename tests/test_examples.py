"""The shipped examples: each drafts, matches its golden dump, reads back from .docx, leaks nothing, invents nothing."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
import yaml

from generator.api import draft_from_facts, generate
from generator.base.typography import fullwidth_punctuation
from generator.drafting.checks import allowed_numbers, check_draft
from generator.facts.load import load_facts
from generator.library.core import load_library
from generator.render.text import render_markdown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_entities import seed_entities  # noqa: E402

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def ids(path: Path) -> str:
    return path.stem


def test_one_example_per_kind():
    kinds = sorted(load_facts(p).kind for p in EXAMPLES)
    assert kinds == sorted(["半年总结", "年度总结及计划", "年度总结", "事业发展报告", "专项阶段总结"])


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_example_matches_its_golden_dump(path, golden):
    draft = draft_from_facts(load_facts(path))
    golden(f"drafts/{path.stem}.txt", draft.dump())


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_shipped_drafts_beside_the_example_are_current(path, tmp_path):
    """examples/*.md and *.docx are what `zongjie generate` writes today (compared as text, never as bytes)."""
    draft = draft_from_facts(load_facts(path))
    md = path.with_suffix(".md")
    assert md.read_text(encoding="utf-8") == render_markdown(draft), f"请重新生成 {md}"
    fresh = tmp_path / "fresh.docx"
    generate(path, fresh)
    assert _docx_texts(path.with_suffix(".docx")) == _docx_texts(fresh), f"请重新生成 {path.with_suffix('.docx')}"


def _docx_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_example_docx_reads_back_with_styles_title_and_heading_levels(path, tmp_path):
    result = generate(path, tmp_path / "草稿.docx")
    document = docx.Document(str(result.path))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    styles = [p.style.name for p in paragraphs]
    assert styles[0] == "Title"
    assert paragraphs[0].text.replace("\n", "") == result.draft.title
    expected = [f"Heading {b.level}" for b in result.draft.blocks if b.kind == "heading"]
    assert [s for s in styles if s.startswith("Heading")] == expected
    assert "Heading 1" in styles and "Normal" in styles
    assert styles[-2:] == ["署名", "成文日期"]
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    wanted = [b.text for b in result.draft.blocks if b.kind == "heading"]
    assert headings == [fullwidth_punctuation(w) for w in wanted]


def _allowed_numbers(path: Path) -> set[Decimal]:
    """Every number a draft of this facts file may contain: the writer's, and what is computed from them."""
    return allowed_numbers(load_facts(path), path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_no_invention_every_number_comes_from_the_facts(path):
    allowed = _allowed_numbers(path)
    for seed in (0, 1, 2):
        text = draft_from_facts(load_facts(path), seed=seed).text
        found = {Decimal(n).normalize() for n in NUMBER.findall(text)}
        assert found - allowed == set(), f"{path.name} 种子 {seed} 的草稿中有事实文件以外的数字"


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_no_leak_no_seed_entity_unless_the_facts_hold_it(path):
    raw = path.read_text(encoding="utf-8")
    allowed = _allowed_numbers(path)
    for seed in (0, 1, 2):
        text = draft_from_facts(load_facts(path), seed=seed).text
        leaked = []
        for entity in seed_entities():
            if entity in raw or not _mentions(text, entity):
                continue
            numbers = NUMBER.findall(entity)
            # A number with a unit that is the writer's own figure (or computed from them) is not the seed's.
            if numbers and all(Decimal(n).normalize() in allowed for n in numbers):
                continue
            leaked.append(entity)
        assert leaked == [], f"{path.name} 种子 {seed} 的草稿中出现了种子材料的事实:{leaked}"


def _mentions(text: str, entity: str) -> bool:
    """Whether text names the entity; a number counts only whole (5所 is not in 45所, 4.7 not in 84.78)."""
    before = r"(?<![\d.])" if entity[0].isdigit() else ""
    after = r"(?![\d])" if entity[-1].isdigit() else ""
    return re.search(before + re.escape(entity) + after, text) is not None


def test_no_seed_number_reaches_the_library():
    """The manual library carries phrasing only: no digits at all in its pattern texts."""
    library = load_library()
    manual = [p for p in library.phrases.values() if p.origin == "manual"]
    assert manual
    assert [p.id for p in manual if re.search(r"\d", p.text)] == []


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_no_library_phrase_twice_in_one_draft(path):
    for seed in range(4):
        draft = draft_from_facts(load_facts(path), seed=seed)
        # A figure frame ({{ 项目 }}达{{ 数值 }}) is the form every such figure takes, one entry however often it
        # is followed; every phrase is used once.
        used = [u.pattern_id for u in draft.patterns_used if not u.pattern_id.startswith("achievement.")]
        assert len(used) == len(set(used)), [u for u in used if used.count(u) > 1]
        sentences = [s for s in re.split(r"[。:;]", draft.text) if len(s) > 12]
        assert len(sentences) == len(set(sentences))


@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_the_checker_finds_nothing_a_reviewer_would_strike(path):
    """No invented number, lone heading, duplicate topic, 达到0, repeated measure words, 比上年 twice, extra decimals,
    unsupported evaluation, long chain or repeated stock phrase, for any of six seeds."""
    facts = load_facts(path)
    raw = path.read_text(encoding="utf-8")
    for seed in range(6):
        findings = check_draft(draft_from_facts(facts, seed=seed).blocks, facts, raw=raw)
        assert [str(f) for f in findings] == [], f"{path.name} 种子 {seed}"


def test_same_seed_same_draft_other_seed_other_wording():
    changed = 0
    for path in EXAMPLES:
        facts = load_facts(path)
        assert draft_from_facts(facts, seed=3).dump() == draft_from_facts(facts, seed=3).dump()
        changed += draft_from_facts(facts, seed=0).dump() != draft_from_facts(facts, seed=1).dump()
    assert changed >= 4


def test_the_missing_figure_of_the_half_year_example_is_a_counted_placeholder(tmp_path):
    path = ROOT / "examples" / "半年总结-青山县.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [f["项目"] for a in data["工作"] for f in a.get("数据") or [] if "数值" not in f]
    assert missing == ["教师培训"]
    result = generate(path, tmp_path / "a.md")
    hole = fullwidth_punctuation("【待补充:教师培训(人次)】")
    assert result.placeholders == [hole]
    assert hole in (tmp_path / "a.md").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=ids)
def test_example_opens_in_libreoffice_with_its_text_and_page_numbers(path, tmp_path):
    """Each shipped example .docx converts to PDF in a real word processor, with its words and page numbers."""
    import shutil
    import subprocess

    from test_libreoffice import SOFFICE, to_pdf

    if SOFFICE is None or shutil.which("pdftotext") is None:
        pytest.skip("没有安装 LibreOffice 或 poppler-utils,.ci/run 会安装")
    pdf = to_pdf(path.with_suffix(".docx"), tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    draft = draft_from_facts(load_facts(path))
    for block in draft.blocks:
        if block.kind in ("title", "heading", "signature", "date"):
            assert re.sub(r"\s+", "", fullwidth_punctuation(block.text)) in flat, block.text
    assert re.search(r"\u2014\s*1\s*\u2014", text)
