"""The mined library in figures: stock patterns (support >= 2) by kind, the ten best supported, and per example draft
the share of library entries used that are mined stock; also the manual list's size.

    python tools/library_stats.py                       # the shipped library and examples/*.yaml
    python tools/library_stats.py --library DIR --top 20 --examples examples/年度总结-江北区.yaml

The kinds are those of issue 10 (标题, 导语, 引领句, 一级标题家族, 二级标题谓语, 数字框架, 转入不足, 转入打算,
打算引导, 结尾); stock that is none of them (举措分句, 短语片段, 部分标题) is counted apart and never in the total of
listed kinds. A pattern's kind is read from its id (kind.segment.digest), as mining writes it.

The headline figure counts each wording once: a pattern whose every wording (its choices filled in every way) is
a wording of a better supported pattern already counted adds nothing (在{{ 上级 }}的{{ 措辞1 }}领导下 beside
在{{ 上级 }}{{ 措辞1 }}领导下; one clause both a 导语 clause and a section's lead); wordings are compared without
的 and 了 and without the writing unit before them ({{ 单位 }}在……领导下).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.library.core import load_phrase_file  # noqa: E402
from generator.library.model import Phrase  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MIN_SUPPORT = 2
# (label, listed in the issue) by (kind, id segment); a segment of None stands for any other segment of the kind.
KINDS: list[tuple[str, bool, str, tuple[str | None, ...]]] = [
    ("标题", True, "title", (None,)),
    ("导语框架", True, "opening", ("frame", "half_year", "annual", "annual_with_plan", "campaign_stage", "development_report")),
    ("导语分句", True, "opening", ("clause",)),
    ("引领句(按主题)", True, "lead", (None,)),
    ("一级标题家族", True, "heading1", ("predicate",)),
    ("二级标题谓语", True, "heading2", ("predicate",)),
    ("数字框架", True, "achievement", (None,)),
    # A part heading that turns the report to its 不足 or its 打算 (二、存在的困难; 三、2021年工作思路) is that
    # transition, as the composer uses it (the heading of the part).
    ("转入不足", True, "transition", ("problems", "clause", "problems_part")),
    ("转入打算", True, "transition", ("plan", "plan_part")),
    ("打算引导", True, "plan", (None,)),
    ("结尾", True, "closing", (None,)),
    # The heading that opens the summary part (一、2022年工作总结 / 上半年工作完成情况): a part heading like the two above,
    # but the issue lists the turns into 不足 and 打算 only, and it is no level-1 family (it names no topic).
    ("部分标题(不在所列种类)", False, "transition", ("work_part",)),
    ("部分标题(不在所列种类)", False, "heading1", (None,)),
    ("部分标题(不在所列种类)", False, "heading2", (None,)),
    ("举措分句(不在所列种类)", False, "measure", ("clause",)),
    ("短语片段(不在所列种类)", False, "measure", ("phrase",)),
    ("举措整句(不在所列种类)", False, "measure", (None,)),
]


def kind_of(phrase: Phrase) -> tuple[str, bool]:
    """The listed kind a mined pattern counts for, and whether the issue lists it."""
    parts = phrase.id.split(".")
    segment = parts[1] if len(parts) > 2 else ""
    for label, listed, kind, segments in KINDS:
        if phrase.kind == kind and segment in segments:
            return label, listed
    for label, listed, kind, segments in KINDS:
        if phrase.kind == kind and None in segments:
            return label, listed
    return f"其他({phrase.kind})", False


CHOICE = re.compile(r"{{ (措辞\d+) }}")
FOLDED = re.compile(r"[的了]|^{{ 单位 }}|^我局")
MAX_WORDINGS = 256  # choices filled in every way, up to this many (more is no pattern a draft reads whole)


def wordings(phrase: Phrase) -> frozenset[str]:
    """Every wording of a pattern: its choice slots filled in every way, compared without 的, 了 and the unit."""
    out = [phrase.text]
    for name in dict.fromkeys(CHOICE.findall(phrase.text)):
        words = phrase.choices.get(name) or [f"{{{{ {name} }}}}"]
        out = [t.replace(f"{{{{ {name} }}}}", w) for t in out for w in words][:MAX_WORDINGS]
    return frozenset(FOLDED.sub("", t) for t in out)


def once_per_wording(found: list[Phrase]) -> list[Phrase]:
    """The patterns of the listed kinds that say a wording no better supported pattern says (see the module doc)."""
    said: set[str] = set()
    out = []
    for phrase in sorted((p for p in found if kind_of(p)[1]), key=lambda p: (-p.support, p.id)):
        own = wordings(phrase)
        if own <= said:
            continue
        said |= own
        out.append(phrase)
    return out


def stock(folder: Path) -> list[Phrase]:
    return [p for p in load_phrase_file(folder / "phrases.yaml", "mined") if p.support >= MIN_SUPPORT]


def draft_shares(examples: list[Path]) -> list[tuple[str, int, int, Counter[str]]]:
    """Per example: (name, entries used, mined stock among them, manual entries used by purpose)."""
    from generator.api import _library_folders, draft_from_facts
    from generator.facts.load import load_facts
    from generator.library.cache import cached_library

    out = []
    for path in examples:
        facts = load_facts(path)
        library = cached_library(_library_folders(facts, ()))
        draft = draft_from_facts(facts)
        used = [library.phrases.get(u.pattern_id) for u in draft.patterns_used]
        mined = sum(1 for p in used if p is not None and p.origin == "mined" and p.support >= MIN_SUPPORT)
        manual: Counter[str] = Counter(
            ".".join(p.id.split(".")[1:3]) for p in used if p is not None and p.origin != "mined"
        )
        out.append((path.name, len(used), mined, manual))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=ROOT / "templates" / "library" / "mined")
    parser.add_argument("--manual", type=Path, default=ROOT / "templates" / "library" / "manual")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--all-kinds", action="store_true", help="支持度排行也列不在所列种类中的(短语片段等)")
    parser.add_argument("--examples", type=Path, nargs="*", default=sorted((ROOT / "examples").glob("*.yaml")))
    args = parser.parse_args(argv)

    found = stock(args.library)
    distinct = once_per_wording(found)
    print(f"所列种类的挖掘句式(支持度 >= {MIN_SUPPORT},每种措辞只算一次):{len(distinct)} 条")
    by_kind: Counter[str] = Counter()
    listed_kinds: set[str] = set()
    for phrase in found:
        label, listed = kind_of(phrase)
        by_kind[label] += 1
        if listed:
            listed_kinds.add(label)
    print(f"挖掘句式(支持度 >= {MIN_SUPPORT}):{len(found)} 条")
    order = [label for label, *_ in KINDS]
    for label in sorted(by_kind, key=lambda k: (order.index(k) if k in order else len(order), k)):
        print(f"  {label}:{by_kind[label]}")
    listed_total = sum(by_kind[k] for k in listed_kinds)
    # 导语框架 and 导语分句 are one listed kind (导语): its frames are assembled from its clauses.
    kinds_present = {("导语" if k.startswith("导语") else k) for k in listed_kinds}
    print(f"所列种类合计:{listed_total} 条,覆盖 {len(kinds_present)} 种(导语框架与导语分句算一种)")
    once: Counter[str] = Counter(kind_of(p)[0] for p in distinct)
    print("  每种措辞只算一次,各种类:" + "、".join(f"{k} {once[k]}" for k in order if once[k]))
    ranked = found if args.all_kinds else [p for p in found if kind_of(p)[1]]
    print(f"支持度最高的 {args.top} 条" + ("" if args.all_kinds else "(所列种类)") + ":")
    for phrase in sorted(ranked, key=lambda p: (-p.support, p.id))[: args.top]:
        print(f"  {phrase.support:>3}  {kind_of(phrase)[0]}  {phrase.id}  {phrase.text}")

    manual = args.manual / "phrases.yaml"
    if manual.is_file():
        entries = load_phrase_file(manual, "manual")
        print(f"人工词库:{len(entries)} 条")
    if args.examples:
        print("示例草稿用到的词库条目(挖掘且支持度 >= 2 / 全部):")
        for name, used, mined, by_purpose in draft_shares(args.examples):
            share = mined / used if used else 0.0
            rest = "、".join(f"{k} {v}" for k, v in sorted(by_purpose.items(), key=lambda kv: (-kv[1], kv[0])))
            print(f"  {name}:{mined}/{used} = {share:.0%}" + (f"(人工:{rest})" if rest else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
