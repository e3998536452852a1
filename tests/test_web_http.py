"""`zongjie serve` over HTTP: the form's round trips, downloads, and bad input answered in Chinese while the
server keeps serving (a real server on 127.0.0.1, no browser)."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from web_server import FACTS_YAML, LAST_YEAR_TXT, Running, fields_of, meaning, running_server

from generator.facts.describe import describe
from generator.facts.load import compose_facts, load_facts, parse_facts
from generator.web.state import from_node

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


def example_fields() -> list[tuple[str, str]]:
    """The fields the page posts for the tests' facts (FACTS_YAML)."""
    tree, notes = from_node(compose_facts(FACTS_YAML), describe("半年总结"))
    assert notes == []
    return fields_of(tree)


def text_of(body: bytes) -> str:
    return unescape(body.decode("utf-8"))


def still_serving(server: Running) -> None:
    status, _, body = server.request("GET", "/")
    assert status == 200 and "起草一份工作总结" in text_of(body)


def test_start_page_offers_the_three_ways_in_and_forbids_outside_requests(server):
    status, headers, body = server.request("GET", "/")
    page = text_of(body)
    assert status == 200
    assert all(kind in page for kind in ("半年总结", "年度总结及计划", "专项阶段总结"))
    assert "打开事实文件" in page and "从去年的材料开始" in page
    # No page of ours may load anything from elsewhere: the browser enforces this header.
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "http" not in re.sub(r'(href|src|action)="/[^"]*"', "", page).replace("http-equiv", "")


def test_new_report_form_is_built_from_the_description(server):
    status, _, body = server.post("/new", {"kind": "专项阶段总结"})
    page = text_of(body)
    assert status == 200
    for info in describe("专项阶段总结").keys:
        assert f'id="f-{info.key}"' in page, info.key
    # The kind's own required key is marked, with its skeleton help.
    assert re.search(r'for="f-活动名称">活动名称<span class="req"', page)


def test_every_error_is_shown_at_its_field_at_once(server):
    wrong = {"f.年度": "明年", "f.半年": "全年", "f.工作.0.数据.0.数值": "很多"}
    fields = [(k, wrong.get(k, v)) for k, v in example_fields() if k != "f.单位"]
    status, _, body = server.post("/form", [*fields, ("do", "preview")])
    page = text_of(body)
    assert status == 200
    assert "有 4 处需要修改" in page
    assert re.search(r'id="err-单位"[^>]*>「单位」是必填项', page)
    assert re.search(r'id="err-年度"[^>]*>「年度」应当是四位数的年份,这里写的是「明年」', page)
    assert re.search(r'id="err-半年"[^>]*>「半年」写的是「全年」', page)
    assert re.search(r'id="err-工作\.0\.数据\.0\.数值"[^>]*>「数值」应当是一个数字,这里写的是「很多」', page)
    # Each wrong box is marked, and the summary links to it.
    assert re.search(r'<div class="field invalid">\s*<label for="f-工作\.0\.数据\.0\.数值"', page)
    assert 'href="#f-工作.0.数据.0.数值">工作 › 第 1 项 › 数据 › 第 1 项 › 数值</a>' in page
    assert 'id="draft"' not in page  # no preview while the facts are wrong


def test_add_remove_and_reorder_entries(server):
    fields = example_fields()
    status, _, body = server.post("/form", [*fields, ("do", "add:工作.0.数据")])
    assert status == 200 and 'name="f.工作.0.数据.2.项目"' in text_of(body)
    status, _, body = server.post("/form", [*fields, ("do", "up:工作.1")])
    page = text_of(body)
    areas = re.findall(r'<span class="item-name">工作 第 (\d) 项:([^<]+)</span>', page)
    assert areas[:2] == [("1", "义务教育"), ("2", "学前教育")]
    status, _, body = server.post("/form", [*fields, ("do", "remove:工作.0")])
    areas = re.findall(r'<span class="item-name">工作 第 (\d) 项:([^<]+)</span>', text_of(body))
    assert areas[0] == ("1", "义务教育") and len(areas) == 2
    status, _, body = server.post("/form", [*fields, ("do", "remove:工作.9")])
    assert status == 200 and "按钮指向的位置「工作.9」不存在" in text_of(body)


def test_preview_highlights_placeholders_and_another_wording_changes_the_seed(server):
    fields = example_fields()
    status, _, body = server.post("/form", [*fields, ("do", "preview")])
    page = text_of(body)
    assert status == 200
    assert re.search(r'<mark class="placeholder">【待补充[^<]*教师培训[^<]*】</mark>', page)
    assert "比上年增加2所" in page.replace("\uff0c", ",")
    status, _, again = server.post("/form", [*fields, ("seed", "0"), ("do", "again")])
    assert 'name="seed" value="1"' in text_of(again)


def test_preview_says_which_library_entries_each_paragraph_used(server):
    """The share of mined stock, as `generate --report` counts it, and each paragraph's entries on hover."""
    from generator.api import report_from_facts

    status, _, body = server.post("/form", [*example_fields(), ("seed", "0"), ("do", "preview")])
    page = text_of(body)
    report = report_from_facts(parse_facts(FACTS_YAML, "事实文件"), seed=0)
    summary = report["summary"]
    share = f"{summary['mined_support2'] / summary['entries']:.0%}"
    assert status == 200 and (
        f"用到词库条目 {summary['entries']} 条,其中挖掘且见于两份以上材料的 {summary['mined_support2']} 条(占 {share})"
        in page
    )
    hovered = re.findall(r'<p class="doc-[^"]*" title="([^"]*)"', page)
    listed = [p for p in report["paragraphs"] if p["entries"]]
    assert len(hovered) == len(listed)
    for title, paragraph in zip(hovered, listed, strict=True):
        assert [line.split("(")[0] for line in title.split("\n")] == [e["id"] for e in paragraph["entries"]]


def test_downloads_docx_markdown_and_yaml_the_cli_reads(server, tmp_path):
    from docx import Document

    fields = example_fields()
    status, headers, body = server.post("/form", [*fields, ("do", "download-docx")])
    assert status == 200 and body[:2] == b"PK"
    assert "attachment" in headers["content-disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    assert "青山县教育局" in text and "比上年增加2所" in text
    status, headers, body = server.post("/form", [*fields, ("do", "download-md")])
    assert status == 200 and body.decode("utf-8").startswith("# ")
    status, headers, body = server.post("/form", [*fields, ("do", "download-yaml")])
    saved = tmp_path / "facts.yaml"
    saved.write_bytes(body)
    assert meaning(load_facts(saved)) == meaning(parse_facts(FACTS_YAML))


def test_facts_yaml_downloads_even_with_errors_but_the_draft_waits(server):
    fields = [(k, "很多" if k == "f.工作.0.数据.0.数值" else v) for k, v in example_fields()]
    status, headers, body = server.post("/form", [*fields, ("do", "download-docx")])
    page = text_of(body)
    assert status == 200 and "改好后才能下载草稿" in page and 'id="err-工作.0.数据.0.数值"' in page
    status, headers, body = server.post("/form", [*fields, ("do", "download-yaml")])
    assert status == 200 and "数值: 很多" in body.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("大文件.yaml", b"# " + b"x" * (1024 * 1024 + 10), "不能超过 1 MB"),
        ("图片.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "事实文件"),
        ("旧文档.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧版 Word(.doc)"),
        ("../../etc/事实.yaml", b"\xe7\xb1\xbb\xe5\x9e\x8b: x\n", "含有路径"),
        ("..\\事实.yaml", b"a: b\n", "含有路径"),
        ("笔记.pdf", b"%PDF-1.4", "不是事实文件"),
        ("空的.yaml", b"", "事实文件是空的"),
        ("坏的.yaml", "单位: 青山县教育局\n  年度: [2025\n".encode(), "第 2 行"),
    ],
)
def test_bad_uploads_get_a_message_and_the_server_keeps_serving(server, tmp_path, name, data, expected):
    before = set(os.listdir(tmp_path.parent))
    status, _, body = server.upload("/open", name, data)
    page = text_of(body)
    assert status == 400
    assert expected in page and 'id="problem"' in page
    assert "Traceback" not in page
    assert set(os.listdir(tmp_path.parent)) == before
    still_serving(server)


def test_an_upload_over_the_request_cap_is_refused_in_chinese(server):
    status, _, body = server.upload("/open", "巨大.yaml", b"x" * (22 * 1024 * 1024))
    assert status == 413 and "上传的内容过大" in text_of(body)
    still_serving(server)


def test_posts_without_the_token_or_from_elsewhere_are_refused(server):
    fields = [*example_fields(), ("do", "preview")]
    status, _, body = server.post("/form", fields, token=False)
    assert status == 403 and "令牌" in text_of(body)
    status, _, body = server.post("/form", [("_token", "别的令牌"), *fields], token=False)
    assert status == 403 and "令牌" in text_of(body)
    status, _, body = server.post("/form", fields, headers={"Origin": "http://evil.example"})
    assert status == 403 and "来自别的网页" in text_of(body)
    status, _, body = server.upload("/open", "事实.yaml", FACTS_YAML.encode("utf-8"), token=False)
    assert status == 403
    # A page elsewhere that renamed itself to this address (DNS rebinding) is refused by the Host header.
    status, _, body = server.request("GET", "/", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403 and "只接受本机" in text_of(body)
    still_serving(server)


@pytest.mark.parametrize(
    "field",
    [("密码", "x"), ("f.不存在", "x"), ("f.工作.abc.领域", "x"), ("f.工作.0.不存在", "x"), ("f.单位.0", "x"),
     ("f.工作.999.领域", "x"), ("f.工作.01.领域", "x")],
)
def test_unknown_form_fields_are_refused_with_a_message(server, field):
    status, _, body = server.post("/form", [*example_fields(), field, ("do", "preview")])
    page = text_of(body)
    assert status == 400 and "不认识的项" in page and 'id="problem"' in page
    still_serving(server)


def test_no_path_from_a_request_reaches_the_file_system(server):
    for path in ("/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/../../etc/passwd"):
        status, _, body = server.request("GET", path)
        assert status == 404 and b"[project]" not in body
    # An outline name is looked up among the library's outlines, never opened as a file.
    fields = [*example_fields(), ("outline", str(ROOT / "templates" / "profiles" / "gbt9704.yaml")), ("do", "preview")]
    status, _, body = server.post("/form", fields)
    assert status == 200 and 'id="draft"' in text_of(body)
    still_serving(server)


def test_a_taken_port_is_told_in_chinese(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--port", str(port), "--no-browser"],
            capture_output=True, text=True, timeout=60, cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path)},
        )
    assert result.returncode == 2
    assert f"端口 {port} 已被占用" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_serve_removes_its_temporary_folder_on_exit(tmp_path):
    command = [sys.executable, "-m", "generator", "serve", "--port", "0", "--no-browser"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert "总结助手已启动:http://127.0.0.1:" in line
            assert [p.name[:14] for p in tmp_path.iterdir()] == ["zongjie-serve-"]
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 0, err
    assert "总结助手已结束" in out
    assert list(tmp_path.iterdir()) == []


def test_parse_example_through_the_page_state_keeps_itsmeaning():
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        data = example.read_bytes()
        description = describe(parse_facts(data).kind)
        tree, notes = from_node(compose_facts(data, example.name), description)
        from generator.web.state import to_yaml

        written = to_yaml(tree, description, prune=True)
        assert notes == []
        assert meaning(parse_facts(written.text, str(example))) == meaning(load_facts(example)), example.name


def test_last_years_report_becomes_the_form(server):
    pytest.importorskip("generator.importing.lastyear", reason="这一版本还没有往年材料的导入")
    status, _, body = server.upload("/import", "去年的总结.txt", LAST_YEAR_TXT.encode("utf-8"))
    page = text_of(body)
    assert status == 200, page
    assert 'name="f.单位" value="青山县教育局"' in page
    assert re.search(r'name="f\.工作\.0\.数据\.0\.上年" value="4"', page)
    assert 'id="lastyear"' in page and "已从「去年的总结.txt」读出事实" in page
    # The server's copy of the upload is gone once the page is answered.
    assert list(server.workdir.iterdir()) == []
    status, _, body = server.upload("/import", "不是总结.txt", "你好".encode())
    assert status == 400 and "不是总结.txt:" in text_of(body) and str(server.workdir) not in text_of(body)
    assert list(server.workdir.iterdir()) == []
    still_serving(server)


def test_word_comments_point_at_lines_of_the_downloaded_facts_file(server):
    """The reviewer's notes in the .docx say 「事实文件第 N 行」: N is a line of the facts file the page gives."""
    import zipfile

    fields = example_fields()
    _, _, docx = server.post("/form", [*fields, ("do", "download-docx")])
    notes = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", zipfile.ZipFile(io.BytesIO(docx)).read("word/comments.xml").decode()))
    _, _, facts = server.post("/form", [*fields, ("do", "download-yaml")])
    lines = facts.decode("utf-8").splitlines()
    pointed = re.findall(r"事实文件第 (\d+) 行「项目: ([^」]+)」", notes)
    assert {item for _, item in pointed} >= {"新建幼儿园", "课后服务参与学生", "教师培训"}
    for number, item in pointed:
        assert lines[int(number) - 1].strip() == f"- 项目: {item}"


@pytest.mark.parametrize("port", ["80", "70000"])
def test_a_port_out_of_range_is_refused_before_anything_starts(cli, port):
    code, out, err = cli("serve", "--port", port, "--no-browser")
    assert code == 2 and f"端口 {port} 不可用" in err and "1024 到 65535" in err
    assert "已启动" not in out
