"""Stage 1, read: turn a report file (.txt in any common Chinese encoding, or .docx) into text."""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputReadError, os_reason

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
                    # A folder's README (corpus/README.md) describes the reports; it is none of them.
                    and p.stem.upper() != "README"
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
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputReadError(
                f"文件过大({size // 1024 // 1024} MB),超过 {MAX_BYTES // 1024 // 1024} MB 的上限",
                path=p,
                hint="请确认这是一份工作总结,或把它拆成几个文件",
            )
        # At most one byte past the limit: a device or pipe (/dev/zero) has no size to check beforehand.
        with p.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputReadError(
                f"文件过大(超过 {MAX_BYTES // 1024 // 1024} MB 的上限)",
                path=p,
                hint="请确认这是一份工作总结,或把它拆成几个文件",
            )
    except OSError as exc:
        raise InputReadError(f"无法读取文件({os_reason(exc)})", path=p, hint="请检查文件权限") from None
    if suffix in DOCX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return SourceText(str(p), _docx_text(data, p), "docx")
    text, encoding = decode_bytes(data, p)
    return SourceText(str(p), text, encoding)


def decode_bytes(data: bytes, path: str | Path = "<文本>") -> tuple[str, str]:
    """Decode report bytes, detecting the encoding from the bytes themselves."""
    if not data.strip():
        raise InputReadError("文件是空的", path=path, hint="请确认选对了文件")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(name)), name
            except UnicodeDecodeError:
                break
    if _looks_binary(data):
        raise InputReadError("这不是文本文件(含有二进制内容)", path=path, hint="请提供 .txt 或 .docx 格式的总结材料")
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text, name), name, text))
    if not candidates:
        raise InputReadError(
            "无法识别文件编码(既不是 UTF-8,也不是 GBK/GB18030 或 Big5)",
            path=path,
            hint="请用记事本或 WPS 另存为 UTF-8 编码后再试",
        )
    candidates.sort(key=lambda c: -c[0])
    _, name, text = candidates[0]
    return _normalise_newlines(text), name


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


# Characters very common in official Chinese prose: in GB18030 and in Big5 they sit at
# different byte values, so the decoding that yields more of them is the right one.
_COMMON_SIMPLIFIED = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙")


def _plausibility(text: str, encoding: str) -> float:
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    common = sum(1 for ch in cjk if ch in _COMMON_SIMPLIFIED)
    # A wrong decoding scatters rare characters and private-use or replacement marks.
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    score = common / len(cjk) - odd / max(len(text), 1)
    if encoding == "big5":
        # Big5 text decodes to traditional forms, most of which are not in the simplified list;
        # give it the benefit when the text is dense in valid CJK and shows no oddities.
        score = max(score, 0.5 * len(cjk) / max(len(text), 1)) if odd == 0 else score
    return score


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
