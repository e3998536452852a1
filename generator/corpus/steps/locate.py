"""Where each cleaned line stands in the source file: the cleaner's own record, so that mining and import never
search the raw text (or convert it to simplified characters) a second time."""

from __future__ import annotations

import re
from collections.abc import Sequence

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
CLEANER_MARK = re.compile(r"〖[^〗]*〗")
PROBE_CHARS = 8  # a cleaned line is found among the source lines by its first Chinese characters
PROBE_WINDOW = 400  # how far ahead a line may be (boilerplate lines the cleaner dropped)


def line_keys(located: Sequence[str]) -> list[str]:
    """The Chinese characters of each source line, what locate_lines looks a cleaned line up by."""
    return ["".join(HAN_RUN.findall(line)) for line in located]


def locate_lines(
    located: Sequence[str], positions: Sequence[int], cleaned: Sequence[str], keys: list[str] | None = None
) -> list[int]:
    """For each cleaned line, the source line (1-based) where it begins; 0 when it cannot be placed.

    ``located`` are the source's lines as the cleaner saw them before it dropped, joined or split any (already
    simplified and folded), and ``positions`` the source line of each. The cleaner joins and splits lines, so a
    cleaned line is looked up in order by the Chinese characters it starts with; one not found (a rewritten
    heading) gets the last position found. ``keys``: line_keys(located), when the caller has them already.
    """
    if keys is None:
        keys = line_keys(located)
    out: list[int] = []
    at = -1  # the last located line found
    for line in cleaned:
        # The cleaner's marks (〖缺〗, 〖xx〗) are not in the source.
        probe = "".join(HAN_RUN.findall(CLEANER_MARK.sub("", line)))[:PROBE_CHARS]
        found = _find(keys, probe, max(at, 0))
        at = found if found is not None else at
        out.append(positions[at] if 0 <= at < len(positions) else 0)
    return out


def _find(keys: list[str], probe: str, start: int) -> int | None:
    if not probe:
        return None
    window = range(start, min(len(keys), start + PROBE_WINDOW))
    found = next((n for n in window if keys[n].startswith(probe)), None)
    return found if found is not None else next((n for n in window if probe in keys[n]), None)
