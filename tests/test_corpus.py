"""The cleaner on real material: all 130 pages of corpus/, the seeds, and the writers' own full-width files.

Every file of corpus/ (not a sample) must come out with no boilerplate line, traditional character, pinyin gloss
or wrap space (tests/corpus_checks.py says what each looks like, apart from the cleaner's rules). A writer's file
typed with （一）、，：；　　, saved as GBK with CRLF or as .docx, gives the same cleaned text, the same outline and
the same mined patterns as the folded seed it holds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus_checks import problems

from generator.corpus.clean import clean_file, clean_text
from generator.corpus.read import read_document
from generator.corpus.structure import parse_structure

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT / "seeds"
REALFORM = Path(__file__).resolve().parent / "realform"
GOLDEN = Path(__file__).resolve().parent / "golden" / "outlines"
CORPUS_FILES = sorted(CORPUS.rglob("*.txt"))
# The writers' own files and the seed each holds.
REALFORM_SEEDS = {
    "000-utf8.txt": "000_6729c89874232e6a.txt",
    "001-gbk-crlf.txt": "001_f08b529532b5985e.txt",
    "002.docx": "002_3852c5b6b4ca5af0.txt",
    "003.docx": "003_e24b092d9f87ed40.txt",
    "004-utf8.txt": "004_87e61cf8e36a790c.txt",
}


def _extra_files() -> list[Path]:
    """Reports the tests have never seen: ZONGJIE_EXTRA_CORPUS names folders of them (os.pathsep between)."""
    folders = [Path(p).expanduser() for p in os.environ.get("ZONGJIE_EXTRA_CORPUS", "").split(os.pathsep) if p]
    return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".docx"))


def test_the_corpus_is_all_there():
    assert len([p for p in CORPUS_FILES if p.parent.name == "education"]) == 90
    assert len([p for p in CORPUS_FILES if p.parent.name == "other"]) == 40


@pytest.mark.parametrize(
    "path", [*CORPUS_FILES, *sorted(SEEDS.glob("*.txt")), *_extra_files()], ids=lambda p: p.stem[:8]
)
def test_nothing_of_the_page_is_left_in_the_cleaned_report(path):
    result = clean_file(path)
    assert result.lines, f"{path.name}: 清洗后没有正文"
    assert problems([result.title, *result.lines]) == [], path.name


def test_the_noise_classes_of_the_corpus_are_all_met():
    """The corpus does exercise each class: the cleaner removed site lines, glosses, script and wrap spaces."""
    stats = [clean_file(p).stats for p in CORPUS_FILES]
    assert sum(len(s.boilerplate) for s in stats) > 300
    assert sum(1 for s in stats if s.pinyin_glosses) >= 5
    assert sum(1 for s in stats if s.traditional_chars) >= 5
    assert sum(1 for s in stats if s.wrap_spaces) >= 10
    assert sum(1 for s in stats if s.title_decorations) >= 10


@pytest.mark.parametrize(
    "raw, expected",
    [
        # PDF wrap spaces inside words and around numbers
        ("全市新建幼儿园 12 所,2022 年完成改造。", ["全市新建幼儿园12所,2022年完成改造。"]),
        (
            "深入学习宣传贯彻党的二十大精神是全年 首要政治任务,全面落实立德树人根本任 务,持续推进教育高质量发展和依法 治校工作。",
            ["深入学习宣传贯彻党的二十大精神是全年首要政治任务,全面落实立德树人根本任务,持续推进教育高质量发展和依法治校工作。"],
        ),
        # a number cut out, leaving its space: a hole, never a join
        ("新建公办幼儿园 所,民办幼儿园 所。", ["新建公办幼儿园〖缺〗所,民办幼儿园〖缺〗所。"]),
        # a lost line break between a heading and its text
        ("(一)财政收支情况 全区一般公共预算收入稳步增长。", ["(一)财政收支情况", "全区一般公共预算收入稳步增长。"]),
    ],
)
def test_wrap_spaces(raw, expected):
    assert clean_text(raw).lines == expected


def test_a_title_glued_to_the_text_with_its_decorations():
    page = "# https://example.org/a/1.html\n某区教育局2023年度工作总结范文稿2023年,全区教育系统坚持稳中求进。\n"
    result = clean_text(page)
    assert result.title == "某区教育局2023年度工作总结"
    assert result.lines == ["2023年,全区教育系统坚持稳中求进。"]


def test_a_site_notice_inside_a_word_is_cut_out():
    line = "完善教师发展中心组织架构,成---本文来源于网络,仅供参考,如有侵权请联系删除---立学前教育发展中心。"
    assert clean_text(line).lines == ["完善教师发展中心组织架构,成立学前教育发展中心。"]


def test_a_toolbar_line_goes_and_a_sentence_with_its_words_stays():
    page = "时间: 2021-05-04 分享 收藏\n各校分享经验,收藏整理优秀教案三百余份。\n"
    assert clean_text(page).lines == ["各校分享经验,收藏整理优秀教案三百余份。"]


# ---------------------------------------------------------------- full-width: the writers' own files


@pytest.mark.parametrize("name", sorted(REALFORM_SEEDS))
def test_corpus_outline_of_a_writers_file_is_its_seeds_outline(cli, name):
    code, out, _ = cli("corpus", "outline", str(REALFORM / name))
    assert code == 0
    assert out == (GOLDEN / REALFORM_SEEDS[name]).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(REALFORM_SEEDS))
def test_a_writers_file_cleans_to_the_seeds_text(name):
    mine, seed = clean_file(REALFORM / name), clean_file(SEEDS / REALFORM_SEEDS[name])
    assert (mine.title, mine.lines) == (seed.title, seed.lines)


def test_the_writers_files_really_are_full_width():
    text = read_document(REALFORM / "000-utf8.txt").text
    assert "\uff08\u4e00\uff09" in text and "\uff0c" in text and "\u3000\u3000" in text  # （一） ， 　　
    assert read_document(REALFORM / "001-gbk-crlf.txt").encoding in ("gb18030", "gbk")


def _full_width(text: str) -> str:
    table = str.maketrans({",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "(": "\uff08", ")": "\uff09", "!": "\uff01", "?": "\uff1f"})
    return "\n".join("\u3000\u3000" + line.translate(table) if line.strip() else line for line in text.split("\n"))


def test_mining_a_full_width_docx_keeps_its_second_level(tmp_path):
    """Seed 000 as a writer's Word file: （一） headings, full-width punctuation, ideographic indents."""
    import docx

    from generator.mining.miner import mine_corpus

    seed = SEEDS / "000_6729c89874232e6a.txt"
    document = docx.Document()
    for line in _full_width(seed.read_text(encoding="utf-8")).split("\n"):
        document.add_paragraph(line)
    own = tmp_path / "000_6729c89874232e6a.docx"
    document.save(str(own))
    assert "\uff08\u4e00\uff09" in read_document(own).text

    tree = parse_structure(clean_file(own))
    assert [s.level for s in tree.walk()].count(2) >= 4  # the (一) headings are there
    ours, theirs = mine_corpus([own]), mine_corpus([seed])
    assert [o.as_dict()["nodes"] for o in ours.outlines] == [o.as_dict()["nodes"] for o in theirs.outlines]
    assert sorted((p.kind, p.text) for p in ours.phrases) == sorted((p.kind, p.text) for p in theirs.phrases)


@pytest.mark.parametrize("name", sorted(REALFORM_SEEDS))
def test_mining_a_writers_file_gives_the_seeds_patterns(name):
    from generator.mining.miner import mine_corpus

    ours, theirs = mine_corpus([REALFORM / name]), mine_corpus([SEEDS / REALFORM_SEEDS[name]])
    assert [o.as_dict()["nodes"] for o in ours.outlines] == [o.as_dict()["nodes"] for o in theirs.outlines]
    assert sorted((p.kind, p.text) for p in ours.phrases) == sorted((p.kind, p.text) for p in theirs.phrases)
