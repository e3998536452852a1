"""Drafts use full-width Chinese punctuation; numbers, times and Latin text keep their own."""

from __future__ import annotations

import pytest

from generator.base.typography import fullwidth_punctuation

FW_COMMA, FW_SEMI, FW_COLON = "\uff0c", "\uff1b", "\uff1a"
FW_OPEN, FW_CLOSE, FW_Q = "\uff08", "\uff09", "\uff1f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("比上年增加4所,增长50%", f"比上年增加4所{FW_COMMA}增长50%"),
        ("一是加强党建;二是改善条件。", f"一是加强党建{FW_SEMI}二是改善条件。"),
        ("主要突出四个方面:", f"主要突出四个方面{FW_COLON}"),
        ("(一)加快发展学前教育", f"{FW_OPEN}一{FW_CLOSE}加快发展学前教育"),
        ("建设方案(2024-2026年)", f"建设方案{FW_OPEN}2024-2026年{FW_CLOSE}"),
        ("投入3.5亿元", "投入3.5亿元"),
        ("会议定于10:30召开", "会议定于10:30召开"),
        ("计1,200人", "计1,200人"),
        ("使用 Python (3.11) 编写", "使用 Python (3.11) 编写"),
        ("是否落实?", f"是否落实{FW_Q}"),
        ("英文 A, B, C 三类", "英文 A, B, C 三类"),
        ("【待补充:新建幼儿园数量】", f"【待补充{FW_COLON}新建幼儿园数量】"),
        ("", ""),
    ],
)
def test_fullwidth_punctuation(text, expected):
    assert fullwidth_punctuation(text) == expected


def test_idempotent_on_already_fullwidth_text():
    text = f"在县委{FW_COMMA}县政府的正确领导下{FW_SEMI}各项工作{FW_OPEN}含幼儿园{FW_CLOSE}扎实推进。"
    assert fullwidth_punctuation(text) == text
    assert fullwidth_punctuation(fullwidth_punctuation("一是,二是;")) == fullwidth_punctuation("一是,二是;")
