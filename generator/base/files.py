"""Files in and out, once for the whole project: the bounded read, byte decoding, and the atomic writer."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from generator.base import interrupts
from generator.errors import InputReadError, OutputError, ZongjieError, os_reason


def read_bounded(
    path: str | Path,
    *,
    what: str,
    max_bytes: int,
    error: type[ZongjieError],
    missing_hint: str = "请检查路径是否写对",
    folder_hint: str | None = None,
    large_hint: str | None = None,
) -> bytes:
    """The bytes of a user's file, refused in Chinese (with ``error``) when it is a folder, missing, unreadable
    or larger than ``max_bytes``; a device or pipe with no size is read to one byte past the limit at most."""
    p = Path(path)
    if p.is_dir():
        raise error(f"这是一个文件夹,不是{what}", path=p, hint=folder_hint or f"请给出{what}的路径")
    if not p.exists():
        problem = missing_problem(p)
        raise error(f"{what}不存在" if problem is None else problem, path=p, hint=missing_hint)
    special = special_file(p)
    if special is not None:
        # Opening a pipe waits for a writer that may never come; a socket cannot be opened at all.
        raise error(f"这是一个{special},不是{what}", path=p, hint=f"请给出{what}的路径(一个普通文件)")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise too_large(size, p, what, max_bytes, error, large_hint)
        with p.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"无法读取{what}({os_reason(exc)})", path=p, hint="请检查文件权限") from None
    if len(data) > max_bytes:
        raise too_large(None, p, what, max_bytes, error, large_hint)
    return data


def missing_problem(path: Path) -> str | None:
    """Why a path that does not exist does not: a symbolic link going round in a loop, or one pointing nowhere;
    None when there is simply nothing there."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "路径中的符号链接绕成了圈(链接最终指回自己),找不到真正的文件"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"这是一个符号链接,它指向的 {os.readlink(path)} 不存在"
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return f"无法访问({os_reason(exc)})"
    return None


def special_file(path: Path) -> str | None:
    """What a path is when it is neither a file nor a folder (a named pipe, a socket); None otherwise.

    Character devices are left to the bounded read: /dev/zero is refused as too large, /dev/null as empty.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "命名管道(FIFO)"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return None


def too_large(
    size: int | None,
    path: str | Path,
    what: str,
    max_bytes: int,
    error: type[ZongjieError],
    hint: str | None = None,
) -> ZongjieError:
    """The one wording of a file over its size limit (``size`` None: a device or pipe, read past the limit)."""
    limit = _size(max_bytes).replace(".0 MB", " MB")
    found = f"{_size(size)},超过 {limit} 的上限" if size is not None else f"超过 {limit} 的上限"
    return error(
        f"{what}过大({found})",
        path=path,
        hint=hint or f"{what}通常只有几 KB,请确认选对了文件",
    )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} 字节"


def decode_bytes(data: bytes, path: str | Path = "<文本>") -> tuple[str, str]:
    """Decode report bytes, detecting the encoding from the bytes themselves."""
    if not data.strip():
        raise InputReadError("文件是空的", path=path, hint="请确认选对了文件")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(name)), name
            except UnicodeDecodeError:
                break
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputReadError(
            "这是 RTF 格式的文件(写字板或 Word 另存的「RTF 文档」),不是纯文本",
            path=path,
            hint="请在写字板、记事本或 Word 中另存为「纯文本(.txt)」,编码选 UTF-8",
        )
    bomless = _bomless_unicode(data)
    if bomless is not None:
        return _normalise_newlines(data.decode(bomless)), bomless
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


# UTF-32's marks first: its little-endian one begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bomless_unicode(data: bytes) -> str | None:
    """UTF-32 or UTF-16 saved without a byte-order mark, recognised by where its zero bytes fall: ASCII
    characters (spaces, colons, digits, line breaks) carry zeros always on the same side of each unit, and
    Chinese characters none. None when the bytes do not look like that or do not decode cleanly."""
    head = data[:4096]
    if b"\x00" not in head:
        return None
    candidates = []
    if len(data) % 4 == 0:
        units = [head[i : i + 4] for i in range(0, len(head) - 3, 4)]
        if units and all(u[3:] == b"\x00" and u[2] <= 0x10 for u in units):
            candidates.append("utf-32-le")
        if units and all(u[:1] == b"\x00" and u[1] <= 0x10 for u in units):
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        pairs = len(head) // 2
        # A Chinese character may end in a zero byte (一 is U+4E00), but far more rarely than ASCII does.
        if odd >= pairs * 0.05 and even * 8 < odd:
            candidates.append("utf-16-le")
        if even >= pairs * 0.05 and odd * 8 < even:
            candidates.append("utf-16-be")
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text[:2048]):
            return name
    return None


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



def cache_dir() -> Path:
    """The user's cache folder for zongjie (the library and the shipped tables as JSON between runs):
    ZONGJIE_CACHE_DIR, else %LOCALAPPDATA%\\zongjie\\cache on Windows, else $XDG_CACHE_HOME/zongjie or ~/.cache/zongjie."""
    base = os.environ.get("ZONGJIE_CACHE_DIR")
    if base:
        return Path(base)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "zongjie" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zongjie"


def write_atomic(path: str | Path, data: bytes | str, *, force: bool, sync_folder: bool = True) -> Path:
    """Write ``data`` (str as UTF-8 with \\n line ends) to ``path`` whole or not at all, and return the path.

    The one file writer of the project: a temporary file beside the target, flushed to disk, then renamed
    over it (only with ``force`` if the target exists, never replacing a file that appeared meanwhile). The
    file gets the mode the user's umask gives. Every failure is an OutputError in Chinese naming the path;
    the old file, if any, is untouched and no temporary file is left behind. The rename is flushed to disk with
    the folder, unless ``sync_folder`` is false: a caller writing several files into one folder then calls
    ``flush_folder`` once, after the last.
    """
    target = Path(path).expanduser()
    check_target(target, force)
    content = data.encode("utf-8") if isinstance(data, str) else data
    _write_atomic(target, content, force, sync_folder)
    return target


def check_target(target: Path, force: bool) -> None:
    """Refuse, before any work is done, an output path that cannot or must not be written."""
    if target.is_dir():
        raise OutputError(
            "输出路径是一个文件夹", path=target, hint=f"请在后面加上文件名,例如 {target / '工作总结.docx'}"
        )
    if target.exists() and not target.is_file():
        # A device node, a pipe or a socket: writing would block or vanish, and --force would replace the node
        # itself with a regular file. Neither is what anyone means; a draft goes to an ordinary file.
        raise OutputError(
            "输出路径不是普通文件(是设备、管道或套接字),不会向它写入,加 --force 也不会替换它",
            path=target,
            hint="请换一个普通文件名,例如 草稿.docx",
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise OutputError(
            f"输出文件夹不存在:{folder}", path=target, hint="请先创建这个文件夹,或换一个输出路径"
        )
    if not folder.is_dir():
        raise OutputError(f"{folder} 不是文件夹", path=target, hint="请换一个输出路径")
    if target.exists() and not force:
        raise OutputError("文件已存在,如需覆盖请加 --force", path=target)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"没有权限在文件夹 {folder} 中写入", path=target, hint="请换一个有写权限的文件夹")


def _write_atomic(target: Path, content: bytes, force: bool, sync_folder: bool = True) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    # Ctrl-C or SIGTERM while the temporary file exists waits until it is renamed into place or removed.
    with interrupts.deferred():
        try:
            handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _os_error(exc, target, folder) from None
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            _match_mode(temp, target)
            if force:
                os.replace(temp, target)
            else:
                _rename_no_clobber(temp, target)
        except BaseException as exc:
            # Whatever went wrong (disk full, a bug), the target is untouched and the half-written copy goes.
            temp.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _os_error(exc, target, folder) from None
            raise
        interrupts.record_written(target)
    if sync_folder:
        flush_folder(folder)


# A file name may take 255 bytes; the temporary name adds a dot, a dot, 8 random characters and ".tmp".
_NAME_MAX = 255
_TEMP_EXTRA = len("..") + 8 + len(".tmp")


def _temp_prefix(name: str) -> str:
    """'.<name>.' for the temporary file, the name shortened (whole characters) so that any legal name fits."""
    room = _NAME_MAX - _TEMP_EXTRA
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > room:
        name = encoded[:room].decode("utf-8", "ignore")
    return f".{name}."


def _rename_no_clobber(temp: Path, target: Path) -> None:
    """Rename without ever replacing a file that appeared meanwhile: a hard link fails if the target exists."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputError("文件已存在,如需覆盖请加 --force", path=target) from None
    except OSError:
        # File systems without hard links (FAT, some network shares): check, then rename.
        if target.exists():
            raise OutputError("文件已存在,如需覆盖请加 --force", path=target) from None
        os.replace(temp, target)
        return
    temp.unlink()


def _match_mode(temp: Path, target: Path) -> None:
    # mkstemp creates 0600; a draft is an ordinary document, so give it what the user's umask (or the file it
    # replaces) would give.
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def flush_folder(folder: Path) -> None:
    """Put a folder's entries on disk: a rename into it is durable only then (not every platform allows this)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _os_error(exc: OSError, target: Path, folder: Path) -> OutputError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"没有权限在文件夹 {folder} 中写入", path=target, hint="请换一个有写权限的文件夹")
    if exc.errno == errno.ENOSPC:
        return OutputError(
            "磁盘空间不足,文件没有写入", path=target, hint="请清理磁盘空间后重试,原有文件未被改动"
        )
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError("文件名过长", path=target, hint="请换一个短一些的文件名")
    return OutputError(
        f"写入失败({os_reason(exc)})", path=target, hint="请检查路径和磁盘后重试,原有文件未被改动"
    )
