"""Chinese typography for drafts: ASCII punctuation in Chinese text becomes full-width, as an office page has it."""

from __future__ import annotations

import re

# Written as code points: some editors fold full-width punctuation to ASCII on save (NFKC), which is exactly
# the damage this module repairs.
FULLWIDTH = {
    ",": "\uff0c",  # ，
    ";": "\uff1b",  # ；
    ":": "\uff1a",  # ：
    "?": "\uff1f",  # ？
    "!": "\uff01",  # ！
    "(": "\uff08",  # （
    ")": "\uff09",  # ）
}

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019\u3010\u3011\u300a\u300b"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# A colon or comma between two digits (10:30, 1,000) is not Chinese punctuation.
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[,:](?=\d)")


def _is_chinese_context(text: str, index: int) -> bool:
    """True when the nearest non-space character on either side is Chinese (or full-width)."""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(text) and text[j] == " ":
            j += step
        if 0 <= j < len(text) and _CJK_CHAR.match(text[j]):
            return True
    return False


def _paren_has_chinese(text: str, open_index: int) -> bool:
    depth = 0
    for j in range(open_index, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return bool(_CJK_CHAR.search(text[open_index:j]))
    return False


def fullwidth_punctuation(text: str) -> str:
    """Turn ASCII , ; : ? ! ( ) in Chinese text into their full-width forms; numbers and Latin runs keep theirs."""
    if not text or not any(ch in FULLWIDTH for ch in text):
        return text
    keep = {m.start() for m in _BETWEEN_DIGITS.finditer(text)}
    out: list[str] = []
    pending_close: list[bool] = []
    for i, ch in enumerate(text):
        if ch not in FULLWIDTH or i in keep:
            out.append(ch)
            continue
        if ch == "(":
            wide = _paren_has_chinese(text, i) or _is_chinese_context(text, i)
            pending_close.append(wide)
            out.append(FULLWIDTH[ch] if wide else ch)
        elif ch == ")":
            wide = pending_close.pop() if pending_close else _is_chinese_context(text, i)
            out.append(FULLWIDTH[ch] if wide else ch)
        else:
            out.append(FULLWIDTH[ch] if _is_chinese_context(text, i) else ch)
    text = "".join(out)
    # A space left beside full-width punctuation is a typing slip in Chinese text.
    return re.sub(r" *([\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09\u3002\u3001]) *", r"\1", text)


def fullwidth_pieces(pieces: list[str]) -> list[str]:
    """fullwidth_punctuation over text cut into pieces (the spans of a paragraph), each punctuation mark
    judged by the whole text around it, not by where a piece happens to end; pieces keep their bounds."""
    whole = "".join(pieces)
    converted = fullwidth_punctuation(whole)
    if converted == whole:
        return list(pieces)
    owner = [index for index, piece in enumerate(pieces) for _ in piece]
    out = [""] * len(pieces)
    j = 0
    for i, ch in enumerate(whole):
        if j < len(converted) and (converted[j] == ch or converted[j] == FULLWIDTH.get(ch)):
            out[owner[i]] += converted[j]
            j += 1
        # else: a space the conversion dropped beside full-width punctuation
    return out
