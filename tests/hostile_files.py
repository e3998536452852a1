"""Hostile input files built on the fly: Word packages with odd XML, zip bombs, files in odd encodings."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str, prolog: str = "") -> str:
    """A main document part whose body is ``body`` (raw XML, so that it can hold anything)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )


REPORT = "".join(
    paragraph(line)
    for line in (
        "青山县教育局2025年上半年工作总结",
        "一、主要工作",
        "（一）推进学前教育普及普惠",
        "今年以来，我局认真落实各项工作，新建幼儿园3所，取得明显成效。",
        "二、下半年工作打算",
        "继续推进集团化办学，办好人民满意的教育。",
    )
)


def docx_bytes(xml: str | bytes, members: dict[str, bytes] | None = None, rels: str | None = RELS) -> bytes:
    """A .docx package around a main document part (and any other members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        if rels is not None:
            archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", xml if isinstance(xml, bytes) else xml.encode("utf-8"))
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes and its CRC, made without holding the zeros in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1024 * 1024)
    parts: list[bytes] = []
    crc = 0
    left = size
    while left:
        piece = chunk if left >= len(chunk) else bytes(left)
        parts.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(compressor.flush())
    return b"".join(parts), crc


_BOMBS: dict[tuple[int, str, int | None], bytes] = {}


def zip_bomb(unpacked: int, name: str = "word/document.xml", claimed: int | None = None) -> bytes:
    """A .docx whose member ``name`` inflates to ``unpacked`` zero bytes (a few hundred KB on disk per 300 MB).

    With ``claimed`` the zip directory states that size instead: a reader trusting it must still be bounded.
    """
    key = (unpacked, name, claimed)
    if key in _BOMBS:
        return _BOMBS[key]
    stream, crc = _deflated_zeros(unpacked)
    claimed = unpacked if claimed is None else claimed
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if name != "word/document.xml":
            archive.writestr("word/document.xml", document_xml(REPORT))
    head = buffer.getvalue()
    # Split off the central directory written so far, append the bomb member by hand, then write a new one.
    with zipfile.ZipFile(io.BytesIO(head)) as archive:
        infos = archive.infolist()
    directory_start = head.find(b"PK\x01\x02")
    body = head[:directory_start]
    encoded = name.encode("utf-8")
    offset = len(body)
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), claimed, len(encoded), 0
    )
    body += local + encoded + stream
    central = head[directory_start : head.find(b"PK\x05\x06")]
    central += struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(stream), claimed, len(encoded), 0, 0, 0, 0, 0, offset,
    ) + encoded
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(infos) + 1, len(infos) + 1, len(central), len(body), 0)
    data = body + central + end
    _BOMBS[key] = data
    return data


def many_members(count: int) -> bytes:
    """A package with ``count`` tiny members beside a valid document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(REPORT))
        for n in range(count):
            archive.writestr(f"word/media/{n}.bin", b"")
    return buffer.getvalue()
