"""End to end, as a writer would: copy an outline and change it, add a phrase, mine an archive, then draft."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "半年总结-青山县.yaml"

# A made-up bureau's past reports, with phrasing of its own that no shipped pattern has.
ARCHIVE_2023 = """石门县教育局2023年上半年工作总结

2023年上半年,在县委、县政府的坚强领导下,石门县教育局锚定教育强县目标,踔厉奋发、笃行不怠,各项工作迈出坚实步伐。

一、聚焦立德树人,擦亮育人底色

一是深化思政课程改革,推动大中小学思政课一体化建设。二是开展劳动教育实践活动,建成劳动教育基地6个。

二、聚焦均衡发展,扩大优质资源

一是推进城乡学校结对帮扶。二是实施薄弱学校改造提升,新建教学楼3栋。

在肯定成绩的同时,我们也清醒地看到,教育发展不平衡不充分的问题依然存在。
"""

ARCHIVE_2024 = """石门县教育局2024年上半年工作总结

2024年上半年,在县委、县政府的坚强领导下,石门县教育局锚定教育强县目标,踔厉奋发、笃行不怠,各项工作迈出坚实步伐。

一、聚焦队伍建设,夯实发展根基

一是实施青年教师成长工程。二是开展校长领航培训。
"""


def zongjie(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def docx_text(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("写作者")
    (work / "事实.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return work


def test_writer_shapes_outline_phrases_and_archive(workspace: Path) -> None:
    work = workspace

    # 1. Copy an outline into an editable, commented file.
    copied = zongjie("outline", "copy", "半年总结", "我的提纲.yaml", cwd=work)
    assert copied.returncode == 0, copied.stderr
    text = (work / "我的提纲.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "# 工作部分" in text, "the copy explains itself in comments"
    outline = yaml.safe_load(text)

    # 2. Rename, remove, add and reorder sections.
    roles = [node["role"] for node in outline["nodes"]]
    assert "problems" in roles and "part" in roles
    outline["nodes"] = [n for n in outline["nodes"] if n["role"] != "problems"]  # remove 不足
    part = next(n for n in outline["nodes"] if n["role"] == "part")
    part["heading"] = "{{ 下期 }}工作思路和重点"  # rename
    safety = {
        "role": "work",
        "repeat": "工作",
        "topics": ["安全稳定"],
        "level": 1,
        "marker": "一、",
        "heading": "守住安全底线,建设平安校园",
        "body": "chain",
    }
    outline["nodes"].insert(1, safety)  # add, placed right after the opening
    closing = next(n for n in outline["nodes"] if n["role"] == "closing")
    outline["nodes"].remove(closing)
    outline["nodes"].insert(outline["nodes"].index(part), closing)  # reorder: the close before the plans
    (work / "我的提纲.yaml").write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # 3. Add a phrase of the writer's own.
    (work / "我的句式").mkdir()
    (work / "我的句式" / "phrases.yaml").write_text(
        "phrases:\n"
        "- id: my.closing.1\n"
        "  kind: closing\n"
        "  text: '{{ 单位 }}将以钉钉子精神抓好各项任务落实,奋力谱写教育高质量发展新篇章。'\n",
        encoding="utf-8",
    )
    listed = zongjie("phrases", "--kind", "closing", "--library", "我的句式", "钉钉子", cwd=work)
    assert listed.returncode == 0 and "my.closing.1" in listed.stdout

    # 4. Mine a small archive of .txt (UTF-8 and GBK) and .docx past reports.
    archive = work / "我的材料"
    archive.mkdir()
    (archive / "2023年上半年总结.txt").write_text(ARCHIVE_2023, encoding="utf-8")
    (archive / "2024年上半年总结.txt").write_bytes(ARCHIVE_2024.encode("gbk"))
    doc = Document()
    for line in ARCHIVE_2023.replace("2023", "2022").splitlines():
        doc.add_paragraph(line)
    doc.save(str(archive / "2022年上半年总结.docx"))
    mined = zongjie("mine", "我的材料", "-o", "我的词库", cwd=work)
    assert mined.returncode == 0, mined.stderr
    library_text = (work / "我的词库" / "phrases.yaml").read_text(encoding="utf-8")
    assert "踔厉奋发、笃行不怠" in library_text
    assert "石门" not in library_text, "the archive's own place name is a slot, not phrasing"

    # 5. Draft with all of it.
    drafted = zongjie(
        "generate", "事实.yaml", "-o", "草稿.docx", "--outline", "我的提纲.yaml",
        "--library", "我的词库", "--library", "我的句式", cwd=work,
    )
    assert drafted.returncode == 0, drafted.stderr
    paragraphs = docx_text(work / "草稿.docx")
    body = "\n".join(paragraphs)

    # the added section comes first, with its heading, and holds the 安全稳定 measures
    level1 = [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert level1[0].replace("\uff0c", ",") == "一、守住安全底线,建设平安校园"
    assert "防溺水" in body
    assert body.count("防溺水") == 1, "the 安全稳定 area is written once, in its own section"
    # the removed 不足 paragraph is gone, the renamed part heading is there
    assert "在肯定成绩的同时" not in body and "大班额" not in body
    assert "下半年工作思路和重点" in paragraphs
    assert "下半年工作打算" not in paragraphs
    # reordered: the close now stands before the plans
    close_at = next(i for i, p in enumerate(paragraphs) if "钉钉子精神" in p)
    assert close_at < paragraphs.index("下半年工作思路和重点")
    # the added phrase is used, filled with the writer's unit
    assert "青山县教育局将以钉钉子精神抓好各项任务落实" in body.replace("\uff0c", ",")
    # the archive's voice, with this writer's facts and not the archive's
    assert "踔厉奋发、笃行不怠" in body
    assert "石门" not in body
    assert "青山县" in body
