"""Stage 1, read: turn a report file (.txt in any common Chinese encoding, or .docx) into text."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.base.files import decode_bytes, read_bounded
from generator.errors import InputReadError

# The largest report file we accept; real reports are tens of KB, an archive entry rarely over 2 MB.
MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
DOCX_SUFFIXES = {".docx"}
# What a folder of past reports is searched for. .doc is listed so that an old Word file is reported
# (save it as .docx) rather than silently passed over.
CORPUS_SUFFIXES = frozenset({".txt", ".text", ".md", ".docx", ".doc"})


@dataclass(frozen=True)
class SourceText:
    """A report as read from disk: its text and how it was decoded."""

    path: str
    text: str
    encoding: str


def corpus_files(paths: Sequence[Path]) -> list[Path]:
    """The report files named, and those found under the folders named, in a stable order.

    A folder is walked (sorted) for .txt/.text/.md/.docx (and .doc, so it can be reported); hidden files and
    folders and Word's ``~$`` lock files are skipped. A file named explicitly is kept whatever its suffix.
    """
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in CORPUS_SUFFIXES
                    and not p.name.startswith("~$")
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputReadError("找不到语料(文件或文件夹不存在)", path=path, hint="请给出材料文件或文件夹的路径")
    return found


def read_document(path: str | Path) -> SourceText:
    """Read a .txt (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5) or .docx report."""
    p = Path(path)
    if p.is_dir():
        raise InputReadError("这是一个文件夹,不是文件", path=p, hint="请给出一个 .txt 或 .docx 文件")
    if not p.exists():
        raise InputReadError("文件不存在", path=p, hint="请检查路径是否写对")
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise InputReadError("不支持旧版 Word 的 .doc 格式", path=p, hint="请在 Word 或 WPS 中另存为 .docx 后再试")
    data = read_bounded(
        p,
        what="文件",
        max_bytes=MAX_BYTES,
        error=InputReadError,
        large_hint="请确认这是一份工作总结,或把它拆成几个文件",
    )
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return SourceText(str(p), _docx_text(data, p), "docx")
    text, encoding = decode_bytes(data, p)
    return SourceText(str(p), text, encoding)


def _docx_text(data: bytes, path: Path) -> str:
    import io

    try:
        from docx import Document
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise RuntimeError("python-docx 未安装") from exc
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputReadError(
            f"无法打开这个 .docx 文件({type(exc).__name__})",
            path=path,
            hint="文件可能已损坏,请在 Word 或 WPS 中打开后重新保存",
        ) from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family on corrupt parts
        if type(exc).__module__.startswith("lxml"):
            raise InputReadError(
                "这个 .docx 文件内部结构已损坏", path=path, hint="请在 Word 或 WPS 中打开后重新保存"
            ) from None
        raise
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for p in child.iter():
                if p.tag.endswith("}p"):
                    lines.append("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")))
    text = "\n".join(lines)
    if not text.strip():
        raise InputReadError(".docx 文件中没有文字", path=path, hint="请确认选对了文件")
    return text
