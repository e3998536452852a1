"""Drafting as a library call: a facts file (or Facts) + outline + library → a Draft, written as .docx, .md or .txt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.drafting.compose import compose
from generator.drafting.model import Draft
from generator.errors import TemplateError, UsageError
from generator.library.cache import cached_library
from generator.library.core import Library, Outline
from generator.taxonomy.kinds import find_kind

if TYPE_CHECKING:
    from generator.facts.model import Facts



@dataclass
class GenerateResult:
    """What `generate` wrote and what the summary reports."""

    draft: Draft
    path: Path
    outline: str
    seed: int
    sections: int
    characters: int
    placeholders: list[str] = field(default_factory=list)
    patterns: int = 0  # library entries used (distinct phrase patterns and outline headings; see render/report.py)
    origins: dict[str, int] = field(default_factory=dict)  # those entries by origin: mined, manual, user
    stock: int = 0  # of them, mined patterns found in two or more distinct reports
    report: dict[str, Any] = field(default_factory=dict)  # what --report writes: paragraphs with their entries
    report_path: Path | None = None  # where the report was written, if it was
    warnings: list[str] = field(default_factory=list)
    format: str = ""  # docx, md or txt: what was written (the suffix may say otherwise with --format)
    comments: int = 0  # Word comments written into the .docx


def _library_folders(facts: Facts, libraries: Iterable[str | Path]) -> tuple[str, ...]:
    """The facts file's own 词库 folders (relative to the facts file), then the command line's, in that order."""
    base = Path(getattr(facts, "path", "") or ".").parent
    own = []
    for folder in getattr(facts, "libraries", None) or []:
        path = Path(folder)
        own.append(str(path if path.is_absolute() else base / path))
    return tuple(own) + tuple(str(p) for p in libraries)


def resolve_outline(facts: Facts, outline: str | Path | Outline | None, library: Library) -> Outline:
    """The outline to follow: the one given (name, 类型 or file), else the library's outline for the facts' kind."""
    if isinstance(outline, Outline):
        return outline
    if outline is not None:
        from generator.library.outlines import find_outline

        return find_outline(outline, library=library)
    # By 类型: reviewed (manual) outlines of the kind come before mined ones, as Library.outline_for orders them.
    kind = find_kind(facts.kind)
    found = library.outline_for(facts.kind) or library.outline_for(kind.outline if kind else facts.kind)
    if found is None:
        names = "、".join(sorted(library.outlines)) or "(无)"
        raise TemplateError(
            f"词库中没有「{facts.kind}」类材料的提纲",
            hint=f"可用的提纲:{names};可以用 --outline 指定提纲名或提纲文件",
        )
    return found


def draft_from_facts(
    facts: Facts,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    libraries: Iterable[str | Path] = (),
    decimals: int = 1,
) -> Draft:
    """Compose a Draft from loaded Facts; the library is loaded once per set of folders and cached.

    ``decimals``: places of the percentages the draft computes (a format profile's text.percent_decimals).
    """
    library = cached_library(_library_folders(facts, libraries))
    return compose(facts, resolve_outline(facts, outline, library), library, seed=seed, decimals=decimals)


def report_from_facts(
    facts: Facts,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    libraries: Iterable[str | Path] = (),
    decimals: int = 1,
) -> dict[str, Any]:
    """The report `generate --report` writes, for a draft composed here and written nowhere: the paragraphs with
    the library entries each used, the placeholders, and the share of mined entries of support >= 2."""
    from generator.render.report import draft_report

    library = cached_library(_library_folders(facts, libraries))
    chosen = resolve_outline(facts, outline, library)
    draft = compose(facts, chosen, library, seed=seed, decimals=decimals)
    return draft_report(draft, library=library, outline=chosen, facts=facts, seed=seed)


def generate(
    facts_path: str | Path,
    out_path: str | Path,
    *,
    outline: str | Path | Outline | None = None,
    seed: int = 0,
    fmt: str | None = None,
    force: bool = False,
    libraries: Iterable[str | Path] = (),
    profile: str | Path | None = None,
    comments: bool = True,
    report: str | Path | None = None,
) -> GenerateResult:
    """Read a facts file, compose the draft and write it (atomically; an existing file only with force).

    ``comments``: a .docx carries the reviewer's notes (how each figure was computed, what each 【待补充】
    needs, each warning at its sentence) as Word comments; False writes a clean copy.
    ``report``: also write the report (JSON) of the draft's paragraphs and the library entries each one used,
    under the same ``force`` rule; GenerateResult.report holds it either way."""
    from generator.base.files import check_target
    from generator.facts.load import load_facts
    from generator.render.output import format_for, write_draft
    from generator.render.report import draft_report, is_stock, write_report

    target = Path(out_path)
    # An unknown suffix fails before any work; write_draft checks the target again just before writing.
    written_format = format_for(target, fmt)
    report_target = Path(report).expanduser() if report is not None else None
    if report_target is not None:
        if report_target.resolve() == target.expanduser().resolve():
            raise UsageError(
                "报告文件与草稿文件是同一个文件", path=report_target, hint="请给报告另起一个名字,例如 报告.json"
            )
        check_target(report_target, force)
    facts = load_facts(facts_path)
    # The library and the outline are resolved once here, and the same objects serve the draft and the summary.
    library = cached_library(_library_folders(facts, libraries))
    chosen = resolve_outline(facts, outline, library)
    # The profile is read once: its text.percent_decimals words the draft, the rest lays out the .docx.
    from generator.render.profile import default_profile, load_profile

    chosen_profile = load_profile(profile) if profile is not None else default_profile()
    draft = compose(facts, chosen, library, seed=seed, decimals=chosen_profile.percent_decimals)
    path = write_draft(draft, target, fmt=fmt, force=force, profile=chosen_profile, comments=comments)
    facts_report = draft_report(draft, library=library, outline=chosen, facts=facts, seed=seed, output=path)
    report_path = write_report(facts_report, report_target, force=force) if report_target is not None else None
    counts = facts_report["summary"]
    return GenerateResult(
        draft=draft,
        path=path,
        outline=chosen.name,
        seed=seed,
        sections=draft.sections,
        characters=draft.characters,
        placeholders=draft.placeholders,
        patterns=counts["entries"],
        origins=counts["by_origin"],
        stock=sum(1 for entry in facts_report["entries"] if is_stock(entry)),
        report=facts_report,
        report_path=report_path,
        warnings=list(draft.warnings),
        format=written_format,
        comments=len(draft.comments) if comments and written_format == "docx" else 0,
    )


def summary_lines(result: GenerateResult) -> list[str]:
    """The summary printed after writing: sections, characters, placeholders left, patterns used, warnings."""
    lines = [f"已写出 {result.path}(提纲:{result.outline},种子:{result.seed})"]
    lines.append(f"章节:{result.sections} 个一级部分")
    lines.append(f"字数:{result.characters}")
    if result.placeholders:
        docx = (result.format or result.path.suffix.lower().lstrip(".")) == "docx"
        shown = "(Word 中以底色标出)" if docx else "(即草稿中的【待补充:…】)"
        lines.append(f"待补充:{len(result.placeholders)} 处,请在草稿中补上{shown}:")
        lines.extend(f"  · {text}" for text in result.placeholders)
    else:
        lines.append("待补充:0 处")
    origin_names = {"manual": "人工词库", "mined": "挖掘词库", "user": "自己的词库"}
    detail = "、".join(f"{origin_names.get(k, k)} {v}" for k, v in result.origins.items())
    line = f"句式:{result.patterns} 条" + (f"({detail})" if detail else "")
    if result.patterns:
        line += f";其中挖掘且见于两份以上材料的 {result.stock} 条,占 {result.stock / result.patterns:.0%}"
    lines.append(line)
    if result.report_path is not None:
        lines.append(f"报告:{result.report_path}(每段用到的句式、提纲标题及其出处,待补充的位置)")
    if result.comments:
        from generator.drafting.notes import comment_kinds

        kinds = comment_kinds(result.draft)
        lines.append(
            f"批注:{result.comments} 条(算出的数字 {kinds['算出']} 处、待补充 {kinds['待补充']} 处、提示 {kinds['提示']} 条、"
            f"「其中」核对 {kinds['其中']} 处、评价的依据 {kinds['评价']} 处;"
            "在 Word / WPS 的「审阅」中查看,加 --no-comments 可得不带批注的稿子)"
        )
    for warning in result.warnings:
        lines.append(f"提示:{warning}")
    return lines
