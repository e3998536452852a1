"""`zongjie compare`: the draft's sentences that repeat last year's report, with places, share and a marked copy."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from test_import import MADE_UP, made_up_docx

from generator.importing.compare import THRESHOLD, compare_reports

ROOT = Path(__file__).resolve().parent.parent
# Five sentences of the made-up report, the last with its figures changed (3200→3600, 1200→1500, 2000→2100).
COPIED = [
    "一是健全党组织领导的校长负责制，建成试点学校21所，完成率87.5%。",
    "普惠性幼儿园覆盖率达到88.5%，比上年提高2.5个百分点。",
    "控辍保学实现动态清零，义务教育巩固率保持在99%以上。",
    "全县教育经费总投入4350万元，比上年增加350万元，增长8.75%，其中县级财政3100万元、上级补助1250万元。",
    "组织教师培训3600人次，其中县级培训1500人次、校本培训2100人次。",
]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A real draft (an example's) with the five sentences pasted into two of its paragraphs and one of its own."""
    import docx

    from generator.api import generate

    path = tmp_path / "草稿.docx"
    generate(ROOT / "examples" / "年度总结及计划-云溪市.yaml", path, seed=1)
    document = docx.Document(str(path))
    bodies = [p for p in document.paragraphs if len(p.text) > 40]
    bodies[1].add_run(COPIED[0] + COPIED[1])
    bodies[3].insert_paragraph_before(COPIED[2] + COPIED[3])
    bodies[4].insert_paragraph_before(COPIED[4])
    document.save(str(path))
    return path


def test_five_copied_sentences_and_no_other(draft: Path, tmp_path: Path) -> None:
    source = made_up_docx(tmp_path / "去年总结.docx")
    result = compare_reports(draft, source)
    texts = [r.draft.text for r in result.reused]
    assert sorted(texts) == sorted(unicodedata.normalize("NFKC", t) for t in COPIED)
    scores = sorted(r.score for r in result.reused)
    assert scores[0] >= THRESHOLD and scores[0] < 100 and scores[1:] == [100.0] * 4
    changed = next(r for r in result.reused if r.score < 100)
    assert "3200人次" in changed.source.text and "3600人次" in changed.draft.text
    # Places in both files: a paragraph of the draft, a paragraph of last year's report, and its heading.
    first = next(r for r in result.reused if "试点学校21所" in r.draft.text)
    assert first.source.line == 9 and "党建引领持续深化" in first.source.where and first.draft.line > 0
    assert 0 < result.share < 50


def test_highlighted_copy_marks_exactly_those_sentences(draft: Path, tmp_path: Path) -> None:
    import docx

    source = made_up_docx(tmp_path / "去年总结.docx")
    copy = tmp_path / "草稿-标注.docx"
    result = compare_reports(draft, source, highlight=copy)
    assert result.highlighted == copy
    marked = []
    for paragraph in docx.Document(str(copy)).paragraphs:
        text = "".join(r.text for r in paragraph.runs if r.font.highlight_color is not None)
        if text:
            marked.append(text)
    assert "".join(marked) == "".join(COPIED)
    # The rest of the draft is unchanged.
    before = [p.text for p in docx.Document(str(draft)).paragraphs]
    after = [p.text for p in docx.Document(str(copy)).paragraphs]
    assert before == after


def test_a_report_compared_with_itself_is_all_reused(tmp_path: Path) -> None:
    result = compare_reports(MADE_UP, MADE_UP)
    assert result.share > 80 and all(r.score == 100 for r in result.reused)


def test_cli(cli, draft: Path, tmp_path: Path) -> None:
    source = made_up_docx(tmp_path / "去年总结.docx")
    code, out, err = cli("compare", str(draft), str(source))
    assert code == 0 and err == ""
    assert (
        "有 5 句与去年的" in out and "相似度不低于 85%" in out and "去年第 9 段(一、2025年主要工作 / (一)党建引领持续深化)" in out
    )
    code, _, err = cli("compare", str(MADE_UP), str(source), "--highlight", str(tmp_path / "x.docx"))
    assert code == 2 and "只有 .docx 草稿才能标注" in err and not (tmp_path / "x.docx").exists()
