"""The page around the report: site boilerplate lines, and the first of several reports on one page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.base.markers import SENTENCE_ENDS
from generator.corpus.steps.rules import Rules

if TYPE_CHECKING:
    from generator.corpus.clean import CleanStats

# A page holding several reports marks each with 篇一、篇二…:
# "篇一:《…总结》" opening a line, or "…总结篇一" / "…总结(篇一)" closing it; not "论文50篇一等奖".
ARTICLE_LEAD = re.compile(r"^(.{0,40}?\s)?篇[一二三四五六七八九十]{1,3}\s*(?:[::]\s*(.{0,40}?))?\s*$")
ARTICLE_TAIL = re.compile(r"^(.{2,40}?)\s*[((]?篇[一二三四五六七八九十]{1,3}[))]?\s*$")
NUMBERED_ARTICLE = re.compile(r"^(.{4,40}?(?:总结|计划|报告|汇报|讲话|要点))\s*(\d{1,2})\s*$")


_BOILERPLATE_MEMO: dict[int, tuple[Rules, dict[str, bool]]] = {}
_MEMO_LINES = 100_000


def is_boilerplate(line: str, rules: Rules) -> bool:
    """Whether a line is the site's, not the report's; each line judged once a process (copies and reposts of a
    report repeat its lines, and a page's footer is judged again for every line above it)."""
    entry = _BOILERPLATE_MEMO.get(id(rules))
    if entry is None or entry[0] is not rules:
        entry = _BOILERPLATE_MEMO[id(rules)] = (rules, {})
    memo = entry[1]
    answer = memo.get(line)
    if answer is None:
        if len(memo) >= _MEMO_LINES:
            memo.clear()
        answer = memo[line] = _judge_line(line, rules)
    return answer


def _judge_line(line: str, rules: Rules) -> bool:
    chars = set(line)  # a rule needing a character the line lacks is not tried (Rules.skip)
    if any(p.search(line) for p in rules.applicable(rules.any_length, chars)):
        return True
    if _is_toolbar(line, rules):
        return True
    return len(line) <= rules.max_boilerplate_chars and any(
        p.search(line) for p in rules.applicable(rules.line_boilerplate, chars)
    )


def _is_toolbar(line: str, rules: Rules) -> bool:
    """A short unpunctuated line made of the page's button words (收藏, 分享, 时间:…)."""
    if len(line) > rules.buttons_max_chars or re.search(r"[。,,;;]", line):
        return False
    return sum(1 for word in rules.buttons if word in line) >= rules.buttons_min


def drop_addresses(text: str, rules: Rules) -> tuple[str, list[str], list[int]]:
    """Lines that are only a web address, taken out before glosses are cut (their letters are no pinyin);
    also the source line (1-based) of every line kept."""
    kept: list[str] = []
    removed: list[str] = []
    positions: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if any(p.match(line) for p in rules.address):
            removed.append(line)
        else:
            kept.append(line)
            positions.append(number)
    return "\n".join(kept), removed, positions


def drop_boilerplate(lines: list[str], rules: Rules) -> tuple[list[str], list[str]]:
    """Drop boilerplate lines; after a footer marker, drop everything that does not read as body text."""
    kept: list[str] = []
    removed: list[str] = []
    in_tail = False
    in_head = True
    for index, line in enumerate(lines):
        chars = set(line)  # a rule needing a character the line lacks is not tried (Rules.skip)
        for pattern in rules.middle:
            if rules.skip(pattern, chars):
                continue
            removed.extend(m.group(0) for m in pattern.finditer(line))
            line = pattern.sub("", line)
        if not line:
            kept.append(line)
            continue
        if (
            in_head
            and any(p.search(line) for p in rules.head if not rules.skip(p, chars))
            and len(line) <= rules.max_boilerplate_chars
        ):
            removed.append(line)
            continue
        if (
            not in_tail
            and any(p.search(line) for p in rules.tail if not rules.skip(p, chars))
            and len(line) <= rules.max_boilerplate_chars
        ):
            rest = [x for x in lines[index + 1 :] if x]
            if not any(_reads_as_body(x, rules) for x in rest):
                in_tail = True
        if in_tail or is_boilerplate(line, rules):
            removed.append(line)
            continue
        # What the rules above and below take out only removes characters: the line's first set still serves.
        for pattern in rules.prefix:
            if rules.skip(pattern, chars):
                continue
            m = pattern.match(line)
            if m and line[m.end() :].strip():
                removed.append(m.group(0).strip())
                line = line[m.end() :].lstrip()
        for pattern in rules.inline:
            if rules.skip(pattern, chars):
                continue
            m = pattern.search(line)
            if m:
                removed.append(m.group(0).strip())
                line = line[: m.start()].rstrip()
        kept.append(line)
        in_head = False
    return kept, removed


def _reads_as_body(line: str, rules: Rules) -> bool:
    return len(line) >= rules.tail_body_min and line[-1] in SENTENCE_ENDS and not is_boilerplate(line, rules)


def _article_header(line: str) -> str | None:
    """The report name on an article header line ("" when it names none), or None for an ordinary line."""
    lead = ARTICLE_LEAD.match(line)
    if lead:
        return lead.group(2) or lead.group(1) or ""
    tail = ARTICLE_TAIL.match(line)
    if tail and not re.search(r"[,,。;;]", tail.group(1)):
        return tail.group(1)
    return None


def first_article(kept: list[str], rules: Rules, stats: CleanStats) -> list[str]:
    """Keep the first of several reports on one page; its header line becomes the title line."""
    headers = [
        i for i, line in enumerate(kept) if line and len(line) <= 60 and _article_header(line) is not None
    ]
    if not headers:
        # "…工作总结1", "…工作总结2": numbered copies of the page title.
        numbered = [
            (i, NUMBERED_ARTICLE.match(line)) for i, line in enumerate(kept) if line and len(line) <= 50
        ]
        found = [(i, m) for i, m in numbered if m]
        if len(found) >= 2 and [int(m.group(2)) for _, m in found[:2]] == [1, 2]:
            stats.extra_articles += len(found) - 1
            stats.boilerplate.extend([x for x in kept[: found[0][0]] if x])
            stats.boilerplate.append(f"(另有 {len(found) - 1} 篇未收:自「{kept[found[1][0]]}」起)")
            return [found[0][1].group(1)] + kept[found[0][0] + 1 : found[1][0]]
        return kept
    start = headers[0]
    end = headers[1] if len(headers) > 1 else len(kept)
    stats.extra_articles += len(headers) - 1
    name = (_article_header(kept[start]) or "").strip().strip("《》")
    if len(headers) > 1:
        stats.boilerplate.append(f"(另有 {len(headers) - 1} 篇未收:自「{kept[headers[1]]}」起)")
    stats.boilerplate.append(kept[start])
    head = [line for line in kept[:start] if line]
    # Text above the first header is the page's own introduction, not the report.
    stats.boilerplate.extend(head)
    body = kept[start + 1 : end]
    return ([name] if name else []) + body
