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
from generator.web.state import form_fields as fields_of  # noqa: F401  (the tests' name for it)

# Last year's report, made up, as a writer would upload it for `import` (full-width punctuation as written).
LAST_YEAR_TXT = (
    "青山县教育局2024年上半年工作总结\n\n"
    "2024年上半年\uff0c在县委\u3001县政府的正确领导下\uff0c我局坚持立德树人根本任务\uff0c各项工作取得新进展\u3002"
    "现将有关情况总结如下\uff1a\n\n"
    "一\u3001上半年工作开展情况\n\n"
    "\uff08一\uff09学前教育扩容提质\u3002实施学前教育扩容提质工程\uff0c新建幼儿园4所\uff0c新增学位1200个\uff0c"
    "普惠性幼儿园覆盖率达到86%\u3002\n\n"
    "\uff08二\uff09义务教育均衡发展\u3002推进集团化办学\uff0c组建教育集团3个\uff0c课后服务参与学生21800人\u3002\n\n"
    "二\u3001存在的问题\n\n城区学位供给依然偏紧\uff0c农村学校教师结构性缺编\u3002\n\n"
    "三\u3001下半年工作打算\n\n\uff08一\uff09确保新建幼儿园秋季按期开园\u3002\n\n"
    "青山县教育局\n2024年7月5日\n"
)

# The web tests' own facts, written the way every version of the schema reads them (measures as sentences,
# figures under each area's 数据), so that they test the page rather than one example's wording.
FACTS_YAML = """\
类型: 半年总结
单位: 青山县教育局
地区: 青山县
年度: 2025
半年: 上半年
上级: 县委、县政府
工作:
  - 领域: 学前教育
    举措:
      - 实施学前教育扩容提质工程,新建、改扩建一批公办幼儿园
      - 开展普惠性民办幼儿园认定和年检
    数据:
      - 项目: 新建幼儿园
        数值: 6
        单位: 所
        上年: 4
      - 项目: 普惠性幼儿园覆盖率
        数值: 88.5
        单位: "%"
        上年: 86
  - 领域: 义务教育
    举措:
      - 推进集团化办学,组建城乡学校共同体
    数据:
      - 项目: 课后服务参与学生
        数值: 23400
        单位: 人
        上年: 21800
  - 领域: 教师队伍
    举措:
      - 组织新任教师岗前培训和骨干教师高级研修
    数据:
      - 项目: 教师培训
        单位: 人次
      - 项目: 教育基建投入
        数值: 4350
        单位: 万元
        其中:
          - 项目: 县级财政
            数值: 3100
          - 项目: 上级补助
            数值: 1250
    荣誉:
      - 全省中小学教师培训工作先进单位
问题:
  - 城区学位供给依然偏紧
计划:
  - 领域: 安全稳定
    举措:
      - 抓好秋季开学安全检查和校车安全管理
"""


@dataclass
class Running:
    host: str
    port: int
    token: str
    workdir: Path

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
            yield Running(
                "127.0.0.1", server.socket.getsockname()[1], server.app.config["ZONGJIE_TOKEN"], Path(workdir)
            )
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


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
