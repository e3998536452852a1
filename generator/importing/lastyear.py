"""`zongjie import`: last year's report → this year's commented facts file (and, on request, its outline)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import FactsError, InputReadError, UsageError
from generator.importing.report import LastYear, plain, read_last_year

# Words of the genre: a text with none of them in its first pages is no work report.
_GENRE = re.compile(r"工作|总结|开展|推进|落实|加强|完善|提升|教育|学校|建设|组织")
MIN_CHARACTERS = 80


@dataclass
class ImportResult:
    """What the import wrote and found: the paths, the kind and year, and how much it carried over."""

    facts_path: Path
    outline_path: Path | None
    kind: str
    year: int | None
    half: str | None
    areas: int
    figures: int
    missing_figures: int  # entries whose number last year's source lost (〖缺〗): 上年 left empty
    plans: int
    problems: int
    missing: list[str]  # required keys the writer must fill (last year's report did not tell them)


def import_report(
    source: str | Path,
    output: str | Path,
    *,
    kind: str | None = None,
    outline_out: str | Path | None = None,
    force: bool = False,
) -> ImportResult:
    """Read last year's report and write this year's facts file (and outline); nothing is written on any error."""
    from generator.base.files import check_target, write_atomic
    from generator.importing.facts_yaml import facts_yaml, next_period
    from generator.taxonomy.kinds import find_kind, kind_ids

    target = Path(output).expanduser()
    outline_target = Path(outline_out).expanduser() if outline_out is not None else None
    if outline_target is not None and outline_target.resolve() == target.resolve():
        raise UsageError(
            "事实文件和提纲文件不能是同一个文件", path=target, hint="请给 --outline-out 另起一个文件名"
        )
    check_target(target, force)
    if outline_target is not None:
        check_target(outline_target, force)
    chosen = None
    if kind is not None:
        chosen = find_kind(kind.strip())
        if chosen is None:
            raise UsageError(
                f"不认识的材料种类「{kind}」", hint=f"--kind 请写这五种之一:{'、'.join(kind_ids())}"
            )
    report = read_last_year(source)
    _check_report(report, source)
    kind_name = chosen.name if chosen is not None else report.kind
    text = facts_yaml(report, kind_name, source)
    text, missing = _validate(text, target)
    outline_text = None
    if outline_target is not None:
        outline_text = _outline_text(report, kind_name, outline_target)
    write_atomic(target, text, force=force)
    if outline_target is not None and outline_text is not None:
        write_atomic(outline_target, outline_text, force=force)
    year, half = next_period(report)
    return ImportResult(
        facts_path=target,
        outline_path=outline_target,
        kind=kind_name,
        year=year,
        half=half if kind_name == "半年总结" else None,
        areas=len(report.areas),
        figures=report.figures,
        missing_figures=report.missing,
        plans=len(report.plans),
        problems=len(report.problems),
        missing=missing,
    )


def _check_report(report: LastYear, source: str | Path) -> None:
    """A file that is no report, or a report with nothing to carry over, is refused with one message."""
    text = "\n".join(
        [p.text for p in report.document.opening]
        + [s.title + "\n" + "\n".join(p.text for p in s.paragraphs) for s in report.document.walk()]
    )
    chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if chinese < MIN_CHARACTERS or len(_GENRE.findall(plain(text))) < 5:
        raise InputReadError(
            "这不像一份工作总结(没有读出总结的正文)",
            path=source,
            hint="请给出去年的工作总结(.docx 或 .txt);如果是扫描件或图片,请先转成文字",
        )
    if not report.areas:
        raise InputReadError(
            "没有读出总结的各个部分(没有找到「一、」「（一）」这样的小标题)",
            path=source,
            hint="请确认这是一份分部分写的工作总结;只有一段话的材料请直接用 zongjie init 写事实文件",
        )
    if report.figures == 0 and report.missing == 0:
        raise InputReadError(
            "去年的材料里没有找到任何数字(如「新建幼儿园6所」「投入资金4350万元」)",
            path=source,
            hint="导入是为了把去年的数字变成今年的「上年」;没有数字的材料请用 zongjie init 写事实文件,照着去年的内容填写",
        )


def _validate(text: str, target: Path) -> tuple[str, list[str]]:
    """The written facts must read back. A last-year value the schema refuses (a share over 100, a negative
    count: a misread of last year's text) is left out with a comment; required keys last year's report did not
    tell are returned for the writer to fill, not refused."""
    from generator.facts.load import parse_facts

    for _ in range(200):
        try:
            parse_facts(text, path=str(target))
        except FactsError as exc:
            found = re.search(r"还有必填的内容没有填写:(.+)$", exc.message)
            if found:
                return text, found.group(1).split("、")
            lines = text.split("\n")
            at = (exc.line or 0) - 1
            if not 0 <= at < len(lines) or not re.match(r"^\s*上年: ", lines[at]):
                raise RuntimeError(f"导入生成的事实文件无法读回:{exc}") from None
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
            value = lines[at].split(":", 1)[1].strip()
            lines[at] = (
                f"{indent}# 去年材料中的数「{value}」看来读错了({exc.message}),请核对后填写「上年」\n{indent}上年:"
            )
            text = "\n".join(lines)
            continue
        return text, []
    raise RuntimeError("导入生成的事实文件无法读回")  # pragma: no cover - one fix a figure


def _outline_text(report: LastYear, kind: str, target: Path) -> str:
    from generator.importing.outline_out import build_outline
    from generator.library.load import parse_outline
    from generator.library.outlines import commented_outline
    from generator.taxonomy.kinds import find_kind

    spec = find_kind(kind)
    outline = build_outline(report, kind, name=f"{spec.id if spec else 'report'}_lastyear")
    text = commented_outline(outline, target)
    import yaml

    parse_outline(target, yaml.safe_load(text), default_origin="manual")  # it must load as written
    return text
