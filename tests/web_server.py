"""A real `zongjie serve` server in a thread for the web tests, and a small HTTP client without extra packages."""

from __future__ import annotations

import http.client
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from generator.web.server import bind


@dataclass
class Running:
    host: str
    port: int
    token: str

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def post(
        self,
        path: str,
        fields: list[tuple[str, str]] | dict[str, str],
        *,
        token: bool = True,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if token:
            items.insert(0, ("_token", self.token))
        body = urlencode(items).encode("ascii")
        sent = {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.url.rstrip("/")}
        sent.update(headers or {})
        return self.request("POST", path, body, sent)

    def upload(
        self, path: str, name: str, data: bytes, *, token: bool = True
    ) -> tuple[int, dict[str, str], bytes]:
        boundary = uuid.uuid4().hex
        parts = []
        if token:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="_token"\r\n\r\n{self.token}\r\n'.encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Origin": self.url.rstrip("/")}
        return self.request("POST", path, b"".join(parts), headers)


@contextmanager
def running_server() -> Iterator[Running]:
    with tempfile.TemporaryDirectory() as workdir:
        server = bind(0, Path(workdir))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Running("127.0.0.1", server.socket.getsockname()[1], server.app.config["ZONGJIE_TOKEN"])
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


def fields_of(tree: dict, prefix: str = "f.") -> list[tuple[str, str]]:
    """The posted fields of a form state, as the page's inputs name them."""
    out: list[tuple[str, str]] = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            out.append((name, value))
        else:
            for index, item in enumerate(value):
                if isinstance(item, str):
                    out.append((f"{name}.{index}", item))
                else:
                    out.extend(fields_of(item, f"{name}.{index}."))
    return out


def meaning(facts) -> object:
    """What a Facts says, without where it was read from (file, lines, the wording of line-numbered warnings)."""
    import dataclasses

    def strip(value):
        if isinstance(value, dict):
            skip = ("line", "measure_lines", "path", "lines", "problem_lines", "warnings")
            return {k: strip(v) for k, v in value.items() if k not in skip}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(dataclasses.asdict(facts))
