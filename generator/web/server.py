"""Run the pages on 127.0.0.1: bind (saying so in Chinese when the port is taken), open the browser, clean up."""

from __future__ import annotations

import errno
import logging
import shutil
import signal
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from generator.errors import UsageError, ZongjieError
from generator.web.app import create_app

HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def _importer(workdir: Path) -> Callable[[bytes, str], str] | None:
    """The import of last year's report (`zongjie import`), when this version has it; None otherwise.

    The import reads a file and writes one: the upload goes to a fresh folder inside the server's own temporary
    folder under a fixed name (never the name the browser sent), the facts file is read back, and the folder is
    removed before the answer leaves.
    """
    try:
        from generator.importing.lastyear import import_report
    except ImportError:
        return None

    def run(data: bytes, name: str) -> str:
        folder = Path(tempfile.mkdtemp(dir=workdir))
        source = folder / f"去年的材料{Path(name).suffix.lower()}"
        target = folder / "事实.yaml"
        try:
            source.write_bytes(data)
            import_report(source, target, force=True)
            return target.read_text(encoding="utf-8")
        except ZongjieError as error:
            # Messages name the file the writer chose, not the server's copy of it.
            for one in [error, *getattr(error, "others", [])]:
                if one.path and one.path.startswith(str(folder)):
                    one.path = name
            raise
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return run


def bind(port: int, workdir: Path) -> BaseWSGIServer:
    """The server on 127.0.0.1:port (0: any free port); a taken port is a UsageError in Chinese."""
    app = create_app(import_report=_importer(workdir))
    # One line per request on the terminal is noise for a writer; errors still reach stderr.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # The socket is bound here, not by werkzeug, whose own message for a taken port is English and exits.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind((HOST, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        taken = exc.errno == errno.EADDRINUSE
        reason = "已被占用(可能已有一个 zongjie serve 或别的程序在用它)" if taken else "不能使用"
        raise UsageError(
            f"端口 {port} {reason}",
            hint=f"请换一个端口,例如 zongjie serve --port {port + 1 if port < 65535 else 8765};"
            "已在运行的 zongjie serve 可以直接在浏览器中打开",
        ) from None
    try:
        return make_server(HOST, port, app, threaded=True, fd=listener.fileno())
    finally:
        listener.close()  # the server holds its own duplicate of the socket


def serve(
    port: int = DEFAULT_PORT,
    *,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve until Ctrl+C (or SIGTERM); the server's temporary folder is removed on the way out."""
    workdir = Path(tempfile.mkdtemp(prefix="zongjie-serve-"))
    # SIGTERM (and SIGHUP: the terminal closed) end the server like Ctrl+C, so that the cleanup below runs.
    stops = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.getsignal(s) for s in stops}
    try:
        for stop in stops:
            signal.signal(stop, _stop)
        server = bind(port, workdir)
        try:
            url = f"http://{HOST}:{server.socket.getsockname()[1]}/"
            announce(f"总结助手已启动:{url}(只有本机可以访问)。按 Ctrl+C 结束。")
            if open_browser:
                threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        announce("总结助手已结束。")
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)
        shutil.rmtree(workdir, ignore_errors=True)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
