"""Stage 1, read: turn a report file (.txt in any common Chinese encoding, or .docx) into text."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.base.files import decode_bytes, missing_problem, read_bounded
from generator.errors import InputReadError

# The largest report file we accept; real reports are tens of KB, an archive entry rarely over 2 MB.
MAX_BYTES = 20 * 1024 * 1024

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
                    # A folder's README (corpus/README.md) describes the reports; it is none of them.
                    and p.stem.upper() != "README"
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                )
            )
        elif path.exists():
            found.append(path)
        else:
            problem = missing_problem(path)
            raise InputReadError(
                f"找不到语料({problem or '文件或文件夹不存在'})", path=path, hint="请给出材料文件或文件夹的路径"
            )
    return found


# An OLE compound file: an old Word .doc, or a .docx with an opening password (Office stores those encrypted
# inside such a container, beside a stream named EncryptionInfo).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def _refuse_ole(data: bytes, path: Path, suffix: str) -> None:
    if _ENCRYPTION_INFO in data:
        raise InputReadError(
            "这个文件设了打开密码(已加密),无法读取",
            path=path,
            hint="请在 Word 或 WPS 中打开它,取消密码后另存为 .docx 再试",
        )
    raise InputReadError(
        "这是旧版 Word 的 .doc 文件" + ("(扩展名写成了 " + suffix + ")" if suffix and suffix != ".doc" else ""),
        path=path,
        hint="请在 Word 或 WPS 中另存为 .docx 后再试",
    )


def read_document(path: str | Path) -> SourceText:
    """Read a .txt (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5) or .docx report."""
    p = Path(path)
    if p.is_dir():
        raise InputReadError("这是一个文件夹,不是文件", path=p, hint="请给出一个 .txt 或 .docx 文件")
    if not p.exists():
        raise InputReadError(missing_problem(p) or "文件不存在", path=p, hint="请检查路径是否写对")
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
    if data[:8] == OLE_MAGIC:
        _refuse_ole(data, p, suffix)
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return SourceText(str(p), _docx_text(data, p), "docx")
    text, encoding = decode_bytes(data, p)
    return SourceText(str(p), text, encoding)


# What the unpacked parts of a .docx may come to. A long report's document.xml is a few MB; photos make the
# whole package larger, but only the text part is ever inflated. Both limits are checked against the zip
# directory before anything is inflated, and again while inflating (a directory can lie).
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# Zip members a package may hold: a real .docx has a few dozen (one per image, style, theme…).
MAX_MEMBERS = 10_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_DOCX_HINT = "文件可能已损坏,请在 Word 或 WPS 中打开后重新保存"


def _docx_text(data: bytes, path: str | Path) -> str:
    """The paragraphs of a .docx (body, tables, content controls), one a line, read without python-docx.

    The package is a zip: its directory is checked (member count, each part's and the total unpacked size)
    before anything is inflated, only the main document part is inflated, with a bounded read, and its XML is
    parsed with entities, DTDs and the network off. Every node lxml can give (comments, processing
    instructions, entities) is passed over; only w:t text is kept. Every failure is an InputReadError.
    """
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputReadError("无法打开这个 .docx 文件(不是有效的 Word 文档或压缩包)", path=path, hint=_DOCX_HINT) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputReadError(
                f"这个 .docx 文件里的部件太多({len(members)} 个)", path=path, hint="请确认这是一份 Word 文档"
            )
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED_BYTES:
            raise _unpacked_too_large(path, total)
        name = _main_part(archive, path)
        member = archive.getinfo(name)
        if member.file_size > MAX_PART_BYTES:
            raise _unpacked_too_large(path, member.file_size, part=name)
        xml = _inflate(archive, member, path)
    return _paragraph_text(xml, path)


def _unpacked_too_large(path: str | Path, size: int, part: str = "") -> InputReadError:
    what = f"其中的 {part} " if part else ""
    limit = MAX_PART_BYTES if part else MAX_UNPACKED_BYTES
    return InputReadError(
        f"这个 .docx 文件{what}解压后过大(至少 {size // 1024 // 1024} MB,上限 {limit // 1024 // 1024} MB)",
        path=path,
        hint="文件可能是恶意构造的压缩包;如果确是总结材料,请在 Word 中另存为 .txt 后再试",
    )


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: str | Path) -> bytes:
    """A member's bytes, reading at most one byte past the limit whatever its directory entry claims."""
    # What zipfile cannot open is told before it tries: an encrypted member, a compression Word never writes.
    if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _cannot_inflate(member, path)
    try:
        with archive.open(member) as stream:
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = stream.read(1024 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _unpacked_too_large(path, size, part=member.filename)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError):
        # A damaged member: a bad header or CRC, a broken deflate stream, a truncated file.
        raise _cannot_inflate(member, path) from None
    return b"".join(chunks)


def _cannot_inflate(member: zipfile.ZipInfo, path: str | Path) -> InputReadError:
    return InputReadError(f"无法解压这个 .docx 文件中的 {member.filename}", path=path, hint=_DOCX_HINT)


def _main_part(archive: zipfile.ZipFile, path: str | Path) -> str:
    """The name of the main document part: from _rels/.rels when it says, else word/document.xml."""
    names = set(archive.namelist())
    try:
        rels_member = archive.getinfo("_rels/.rels")
    except KeyError:
        rels_member = None
    if rels_member is not None and rels_member.file_size <= 1024 * 1024:
        root = _parse_xml(_inflate(archive, rels_member, path), path, "_rels/.rels")
        for element in root.iter():
            if isinstance(element.tag, str) and element.get("Type") == _DOCUMENT_TYPE:
                target = (element.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise InputReadError("这个文件不是 Word 文档(压缩包里没有正文部分)", path=path, hint="请确认选对了文件")


def _parse_xml(xml: bytes, path: str | Path, part: str):  # noqa: ANN202 - lxml's element type
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise InputReadError(
            f"这个 .docx 文件内部结构已损坏({part} 不是完整的 XML)", path=path, hint=_DOCX_HINT
        ) from None
    if root is None:
        raise InputReadError(f"这个 .docx 文件内部结构已损坏({part} 是空的)", path=path, hint=_DOCX_HINT)
    return root


def _local(element) -> str:  # noqa: ANN001 - an lxml node of any kind
    """An element's tag without its namespace; '' for comments, processing instructions and entities."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _runs(paragraph) -> str:  # noqa: ANN001
    # An entity reference left unresolved (or any other node inside w:t) keeps the text after it in its tail.
    return "".join(
        (node.text or "") + "".join(child.tail or "" for child in node)
        for node in paragraph.iter()
        if _local(node) == "t"
    )


def _paragraph_text(xml: bytes, path: str | Path) -> str:
    root = _parse_xml(xml, path, "word/document.xml")
    body = next((el for el in root.iter() if _local(el) == "body"), None)
    if body is None:
        raise InputReadError(".docx 文件中没有正文", path=path, hint="请确认选对了文件")
    lines: list[str] = []
    for child in body.iterchildren():
        name = _local(child)
        if name == "p":
            lines.append(_runs(child))
        elif name:
            # Tables, content controls and the like: every paragraph inside them, in order.
            lines.extend(_runs(inner) for inner in child.iter() if _local(inner) == "p")
    text = "\n".join(lines)
    if not text.strip():
        raise InputReadError(".docx 文件中没有文字", path=path, hint="请确认选对了文件")
    return text
