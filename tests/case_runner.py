"""Run `zongjie` commands for the catalogue fast and fenced: one warm process forks a fresh child per command.

Started once per test session (``Runner``), the server imports the program, then for each request forks: the child
changes to the case's folder, sets its own address-space and CPU limits (resource.setrlimit), sends its output to
capture files, runs the command line's main() exactly as `python -m generator` would, and exits with its code. The
server kills a child that outlives the wall-clock limit. Every case thus runs in its own process under its own
caps, at the cost of a fork instead of an interpreter start (about a tenth of the time).

Protocol: one JSON request a line on stdin ({"argv": [...], "cwd": ..., "memory_mb": ..., "seconds": ...}), one
JSON reply a line on the original stdout ({"code": int | null, "signal": int | null, "stdout", "stderr",
"elapsed", "timeout": bool}).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _child(request: dict[str, Any], out_path: str, err_path: str, main: Any) -> None:
    code = 1
    try:
        os.chdir(request["cwd"])
        devnull = os.open(os.devnull, os.O_RDONLY)
        out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        size = int(request["memory_mb"]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
        seconds = int(request["seconds"]) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        sys.argv = ["zongjie", *request["argv"]]
        try:
            main(request["argv"])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except BaseException:  # noqa: BLE001 - an escaped exception is the finding; show it like Python would
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> None:
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    # The server's own fd 1 goes nowhere: nothing the program prints at import time may corrupt the replies.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    # What the commands import lazily, imported once here so that every child starts warm.
    import generator.api  # noqa: F401
    import generator.corpus.clean  # noqa: F401
    import generator.corpus.structure  # noqa: F401
    import generator.render.docx  # noqa: F401
    from generator.cli import main

    captures = tempfile.mkdtemp(prefix="zongjie-cases-")
    out_path = os.path.join(captures, "stdout")
    err_path = os.path.join(captures, "stderr")
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request, out_path, err_path, main)
        deadline = started + float(request["seconds"])
        timeout = False
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                timeout = True
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.002)
        elapsed = time.monotonic() - started
        reply = {
            "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "stdout": Path(out_path).read_text("utf-8", errors="replace"),
            "stderr": Path(err_path).read_text("utf-8", errors="replace"),
            "elapsed": elapsed,
            "timeout": timeout,
        }
        replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
        replies.flush()


class Runner:
    """The test side: starts the server and sends it one command at a time."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=str(ROOT),
        )

    def run(self, argv: list[str], cwd: Path, *, memory_mb: int, seconds: float) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": argv, "cwd": str(cwd), "memory_mb": memory_mb, "seconds": seconds}
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "catalogue server died"
        return json.loads(line)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    serve()
