"""Mining by form: titles written differently are one title pattern, lead actions are found by what they act on,
a repost cut short is the same report, and full-width input gives what its folded form gives."""

from __future__ import annotations

from pathlib import Path

from generator.mining.miner import mine_corpus

ROOT = Path(__file__).resolve().parent.parent

# Three reports (and a fourth, b.txt cut short): three ways of writing the annual-with-plan title, and action
# clauses that act on the same things with different verbs.
REPORTS = {
    "a.txt": (
        "县教育局2023年工作总结和2024年工作计划\n"
        "2023年,县教育局围绕年度目标任务,狠抓工作落实,新建幼儿园3所,全县教育事业平稳发展。\n"
        "一、主要工作\n"
        "二是深入推进素质教育,组织学生开展研学实践活动十二次,覆盖城乡中小学校。\n"
        "强化基层党组织建设、提高教师待遇,全年培训教师六百人次。\n"
    ),
    "b.txt": (
        "(5篇)区教育体育局2022年工作总结及2023年工作思路\n"
        "2022年,区教育体育局坚持稳中求进,扎实推进民生实事,改扩建学校两所,教育面貌持续改善。\n"
        "一、工作成效\n"
        "全面推进素质教育,开展校园足球联赛,参赛队伍较往年明显增多。\n"
        "推进基层党组织建设,切实提高教师待遇,落实乡村教师生活补助政策。\n"
    ),
    "c.txt": (
        "2021年市教育局工作总结与2022年工作计划\n"
        "2021年,市教育局以改革促发展,推动集团化办学,组建教育集团四个,城乡差距逐步缩小。\n"
        "一、重点工作\n"
        "积极推进素质教育,举办中小学生艺术展演,参与学生逾万人。\n"
    ),
}


def _write(folder: Path, reports: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")


def _full_width(text: str) -> str:
    """The text as a writer's file may hold it: full-width punctuation and brackets."""
    return text.translate(str.maketrans({",": "\uff0c", "(": "\uff08", ")": "\uff09", ":": "\uff1a", ";": "\uff1b"}))


def _stock(result, prefix: str):
    return {p.text: p for p in result.phrases if p.id.startswith(prefix) and p.support >= 2}


def test_titles_written_differently_are_one_title_pattern(tmp_path):
    _write(tmp_path, REPORTS)
    result = mine_corpus([tmp_path], jobs=1)
    titles = _stock(result, "title.")
    title = titles["{{ 单位 }}{{ 年度 }}年工作总结{{ 措辞1 }}{{ 下期 }}工作{{ 措辞2 }}"]
    assert title.id.startswith("title.annual_with_plan.")
    assert title.support == 3 and [s.file for s in title.sources] == ["a.txt", "b.txt", "c.txt"]
    assert title.choices == {"措辞1": sorted(["及", "和", "与"]), "措辞2": ["计划", "思路"]}
    # The (5篇) the site put before the title is no part of it; no unit, year or place is left in the pattern.
    assert "篇" not in title.text and "教育体育局" not in title.text


def test_one_title_text_has_one_id(tmp_path):
    _write(tmp_path, {"a.txt": "县教育局2023年工作总结\n全县教育工作稳步推进。\n",
                      "b.txt": "区教育局2021年工作总结\n全区教育事业健康发展。\n"})
    result = mine_corpus([tmp_path], jobs=1)
    titles = [p for p in result.phrases if p.kind == "title"]
    texts = [p.text for p in titles]
    assert texts.count("{{ 单位 }}{{ 年度 }}年工作总结") == 1 and len(texts) == len(set(texts))
    [title] = [p for p in titles if p.text == "{{ 单位 }}{{ 年度 }}年工作总结"]
    assert title.support == 2 and title.scope == "教育"


def test_lead_actions_are_found_by_what_they_act_on(tmp_path):
    _write(tmp_path, REPORTS)
    result = mine_corpus([tmp_path], jobs=1)
    leads = _stock(result, "lead.action.")
    quality = leads["{{ 措辞1 }}素质教育"]
    assert quality.support == 3 and quality.choices == {"措辞1": ["全面推进", "深入推进", "积极推进"]}
    assert quality.topics[0] == "德育与素质教育"
    # An item of a 、 list is an action of its own; the 一是/二是 before a verb is no part of it.
    party = leads["{{ 措辞1 }}基层党组织建设"]
    assert party.support == 2 and party.choices == {"措辞1": ["强化", "推进"]} and "党建" in party.topics
    pay = leads["{{ 措辞1 }}教师待遇"]
    assert pay.choices == {"措辞1": ["切实提高", "提高"]} and pay.topics[0] == "教师队伍"
    # An action said in one report only is nobody's stock.
    assert not [t for t in leads if "研学" in t or "足球" in t]


def test_a_repost_cut_short_is_the_same_report(tmp_path):
    reports = dict(REPORTS)
    first = REPORTS["a.txt"].splitlines()
    reports["d.txt"] = "\n".join(first[:4]) + "\n"  # a.txt as another site holds it: its opening only
    _write(tmp_path, reports)
    result = mine_corpus([tmp_path], jobs=1)
    assert result.reports == 3
    title = _stock(result, "title.")["{{ 单位 }}{{ 年度 }}年工作总结{{ 措辞1 }}{{ 下期 }}工作{{ 措辞2 }}"]
    assert title.support == 3 and {s.file for s in title.sources} == {"a.txt", "b.txt", "c.txt", "d.txt"}


def test_full_width_input_gives_the_patterns_of_its_folded_form(tmp_path):
    _write(tmp_path / "folded", REPORTS)
    _write(tmp_path / "wide", {name: _full_width(text) for name, text in REPORTS.items()})
    assert "\uff0c" in (tmp_path / "wide" / "a.txt").read_text(encoding="utf-8")

    def found(folder: Path):
        result = mine_corpus([folder], jobs=1)
        return sorted(
            (p.id, p.text, p.support, p.choices, [(s.file, s.line) for s in p.sources])
            for p in result.phrases
            if p.kind in ("title", "lead") and p.support >= 2
        )

    folded = found(tmp_path / "folded")
    assert folded and found(tmp_path / "wide") == folded
