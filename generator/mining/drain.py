"""Clustering clauses across reports, Drain-style, and counting support in distinct reports (not files).

Drain (He et al., ICWS 2017; the drain3 package) sorts log lines into a fixed-depth tree by length and first
token, then joins a line to the most similar template of its leaf, turning the differing tokens into wildcards.
Here the lines are slotted clauses cut by jieba, the leaf is (role, word count, first word), and a differing
word becomes a choice slot ({{ 措辞1 }}) that keeps every wording seen: 「在{{ 上级 }}的正确领导下」 and
「在{{ 上级 }}的坚强领导下」 are one pattern, 「在{{ 上级 }}的{{ 措辞1 }}领导下」 with 措辞1 ∈ {正确, 坚强}.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.mining.clauses import ClauseRules

HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
CHOICE_STEM = "措辞"
SKETCH = 8  # smallest shingle hashes a report is bucketed by


@dataclass(frozen=True)
class Member:
    """One occurrence: which report, where, and the clause's words."""

    file: str
    line: int
    sentence: int
    words: tuple[str, ...]
    control: bool = False  # from the other bureaus' reports


@dataclass
class Cluster:
    """A template (words, with None where members differ) and its members."""

    key: tuple[str, int, str]
    words: list[str | None]
    members: list[Member] = field(default_factory=list)

    def choices(self) -> list[list[str]]:
        """For each wildcard position in order, the words education reports put there, the most frequent first.

        A wording only the other bureaus use (全县民政事业) is theirs, not a choice for an education draft.
        """
        out = []
        members = [m for m in self.members if not m.control] or self.members
        for position, word in enumerate(self.words):
            if word is None:
                seen = Counter(m.words[position] for m in members)
                out.append(sorted(seen, key=lambda w: (-seen[w], w)))
        return out

    def text(self) -> str:
        """The template as a pattern: each wildcard a numbered choice slot."""
        out, number = [], 0
        for word in self.words:
            if word is None:
                number += 1
                out.append(f"{{{{ {CHOICE_STEM}{number} }}}}")
            else:
                out.append(word)
        return "".join(out)


def _joinable(template: Sequence[str | None], words: Sequence[str], rules: ClauseRules) -> list[int] | None:
    """The positions that would become (or stay) wildcards if ``words`` joined, or None when too unlike.

    A leaf's clauses have as many words as its template; the comparison stops at the first reason to say no (a
    word that cannot vary, or more differences than a clause of this length may have)."""
    limit = min(rules.max_choices, max(1, len(words) // rules.words_per_choice))
    differ = []
    for position, (a, b) in enumerate(zip(template, words, strict=True)):
        if a == b:
            continue
        if a is not None and not _choice_word(a, rules) or not _choice_word(b, rules):
            return None
        differ.append(position)
        if len(differ) > limit:
            return None
    if (len(words) - len(differ)) / len(words) < rules.similarity:
        return None
    return differ


def _choice_word(word: str, rules: ClauseRules) -> bool:
    # Only short plain words can vary (正确/坚强, 全面/深入); a slot, a number or a long word is the clause itself.
    return len(word) <= rules.max_word_chars and bool(HAN_WORD.fullmatch(word))


def cluster(items: Iterable[tuple[str, Member]], rules: ClauseRules) -> list[Cluster]:
    """Drain over (role, member) pairs, taken in the order given (so the result is the same on every run)."""
    leaves: dict[tuple[str, int, str], list[Cluster]] = {}
    for role, member in items:
        words = member.words
        key = (role, len(words), words[0] if words else "")
        leaf = leaves.setdefault(key, [])
        best: tuple[int, Cluster, list[int]] | None = None
        for candidate in leaf:
            differ = _joinable(candidate.words, words, rules)
            if differ is not None and (best is None or len(differ) < best[0]):
                best = (len(differ), candidate, differ)
        if best is None:
            leaf.append(Cluster(key, list(words), [member]))
            continue
        _, chosen, differ = best
        for position in differ:
            chosen.words[position] = None
        chosen.members.append(member)
    return [c for leaf in leaves.values() for c in leaf]


# ---------------------------------------------------------------- distinct reports


def signature(text: str, rules: ClauseRules) -> frozenset[int]:
    """Shingles of a report's opening characters (Chinese only), hashed stably across processes."""
    han = "".join(HAN_WORD.findall(text))[: rules.dedup_chars]
    n = rules.shingle
    # Encoded once: each character of HAN_WORD's range takes three bytes in UTF-8, so shingle i is bytes 3i to 3(i+n)
    # (the slices and their checksums taken by map, without a Python step for each of the thousand shingles; a
    # slice of bytes is made faster than one of a memoryview).
    data = han.encode("utf-8")
    windows = map(slice, range(0, 3 * (len(han) - n + 1), 3), range(3 * n, 3 * (len(han) + 1), 3))
    return frozenset(map(zlib.crc32, map(data.__getitem__, windows)))


def report_groups(signatures: Sequence[tuple[str, frozenset[int]]], rules: ClauseRules) -> dict[str, str]:
    """Each file's report: near-duplicates (reposts, a traditional copy) map to the first file of their group."""
    parent = {name: name for name, _ in signatures}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    # Candidates only: reports that share one of their smallest shingle hashes (a bottom-k sketch); near-duplicates
    # share most of them, so the pairs compared stay few where a thousand files would make half a million.
    buckets: dict[int, list[int]] = {}
    for index, (_, shingles) in enumerate(signatures):
        for value in sorted(shingles)[:SKETCH]:
            buckets.setdefault(value, []).append(index)
    pairs = sorted({(i, j) for members in buckets.values() for i in members for j in members if i < j})
    for i, j in pairs:
        (a, sa), (b, sb) = signatures[i], signatures[j]
        ra, rb = find(a), find(b)
        if ra == rb:
            continue  # already one report through others: nothing to compare
        if not (sa and sb):
            continue
        shared = len(sa & sb)
        if shared / (len(sa) + len(sb) - shared) >= rules.dedup_threshold:  # Jaccard, without making the union
            parent[max(ra, rb)] = min(ra, rb)
    return {name: find(name) for name, _ in signatures}
