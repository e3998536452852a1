"""The pages of `zongjie serve`: start, the facts form with its preview, and the downloads.

The server keeps no state between requests: the page posts the whole form each time and gets the page back.
Every post carries the server's token and comes from its own origin; no name or path from a request reaches
the file system (uploads are read into memory, downloads are made in memory).
"""

from __future__ import annotations

import hmac
import re
import secrets
import sys
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Flask, Response, abort, render_template, request
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from generator.errors import ZongjieError
from generator.facts.describe import FactsDescription, describe, kind_names
from generator.facts.model import MAX_BYTES
from generator.web.check import Checked, check, label
from generator.web.state import PREFIX, SENTENCE, FormError, Tree, apply, facts_file, from_form, new_tree

# Uploads: a facts file is at most MAX_BYTES; last year's report (a .docx with pictures) somewhat more.
MAX_REPORT_BYTES = 20 * 1024 * 1024
MAX_REQUEST_BYTES = MAX_REPORT_BYTES + 1024 * 1024
FACTS_SUFFIXES = (".yaml", ".yml")
REPORT_SUFFIXES = (".docx", ".txt")
CONTROL_FIELDS = frozenset({"_token", "do", "outline", "seed", "focus", "lastyear"})
# The import writes last year's sentences as comments (「# 去年:…」); the page keeps them beside the form.
_LASTYEAR = re.compile(r"^[ \t]*#[ \t]*(去年[^:\uff1a\n]{0,20}[:\uff1a].*)$", re.M)
MAX_LASTYEAR = 200_000
BUG_HINT = "这是 zongjie 自身的缺陷,不是您的操作问题;页面仍可继续使用。请把您刚才的操作和所用文件反馈给维护者。"
_ACTION = re.compile(r"(add|remove|up|down):(.{1,300})")
_SAFE_NAME = re.compile(r"[^\w\u4e00-\u9fff\-]+")


@dataclass
class Page:
    """Everything the form page shows."""

    description: FactsDescription
    tree: Tree
    checked: Checked | None = None
    show_errors: bool = False
    preview: Any = None
    outline: str = ""
    seed: int = 0
    focus: str = ""
    notes: list[str] = field(default_factory=list)
    problem: str = ""
    lastyear: str = ""


def create_app(*, import_report: Any = None) -> Flask:
    """The Flask application; ``import_report(data: bytes, name: str) -> str`` turns last year's report into
    facts YAML (the import of issue 13), or None when this version has no import."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_BYTES,
        MAX_FORM_PARTS=5000,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True
    token = secrets.token_urlsafe(32)
    app.config["ZONGJIE_TOKEN"] = token

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"token": token, "kinds": kind_names(), "can_import": import_report is not None, "PREFIX": PREFIX,
                "SENTENCE": SENTENCE}

    @app.before_request
    def _guard() -> Response | None:
        # Only this machine's own pages: a Host of another name is a DNS-rebinding page, refused.
        host = (request.host or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in ("127.0.0.1", "localhost"):
            return _refuse(403, "只接受本机(127.0.0.1)的访问", "请在本机浏览器中打开 zongjie serve 给出的地址")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin and origin != request.host_url.rstrip("/"):
                return _refuse(403, "这个请求来自别的网页,已拒绝", "请在 zongjie serve 打开的页面中操作")
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                return _refuse(403, "这个请求来自别的网站,已拒绝", "请在 zongjie serve 打开的页面中操作")
            sent = request.form.get("_token", "")
            if not hmac.compare_digest(sent.encode("utf-8"), token.encode("utf-8")):
                return _refuse(
                    403,
                    "页面已过期或不是本服务打开的(缺少或不符的令牌)",
                    "服务可能重新启动过:请回到首页重新打开;已填的内容可先用「下载事实文件」保存",
                )
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        # The page may fetch nothing but its own stylesheet and script: no CDN, no font service, no analytics.
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_: Exception) -> tuple[str, int]:
        limit = MAX_REQUEST_BYTES // 1024 // 1024
        return _message_page(
            f"上传的内容过大(超过 {limit} MB)",
            f"事实文件通常只有几 KB(最大 {MAX_BYTES // 1024 // 1024} MB),往年材料最大 {MAX_REPORT_BYTES // 1024 // 1024} MB;请确认选对了文件",
        ), 413

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code == 404:
            return _message_page("没有这个页面", "请回到首页"), 404
        if code == 405:
            return _message_page("这个地址不能这样访问", "请回到首页,从页面上的按钮操作"), 405
        return _message_page("请求无法处理", "请回到首页重新操作"), code

    @app.errorhandler(Exception)
    def _bug(error: Exception) -> tuple[str, int]:
        traceback.print_exception(error, file=sys.stderr)
        return _message_page("内部错误", BUG_HINT), 500

    @app.get("/")
    def start() -> str:
        return render_template("start.html", problem="")

    @app.post("/new")
    def new() -> str:
        kind = request.form.get("kind", "")
        if kind not in kind_names():
            return render_template("start.html", problem=f"请选择材料种类:{'、'.join(kind_names())}")
        description = describe(kind)
        return _form_page(Page(description=description, tree=new_tree(description), focus="单位"))

    @app.post("/open")
    def open_facts() -> str | tuple[str, int]:
        upload = request.files.get("file")
        try:
            data, name = _upload(upload, FACTS_SUFFIXES, MAX_BYTES, "事实文件")
            return _open(data, name)
        except ZongjieError as error:
            return render_template("start.html", problem=str(error)), 400

    @app.post("/import")
    def import_last_year() -> str | tuple[str, int]:
        if import_report is None:
            abort(404)
        upload = request.files.get("file")
        try:
            data, name = _upload(upload, REPORT_SUFFIXES, MAX_REPORT_BYTES, "往年材料")
            text = import_report(data, name)
            return _open(text.encode("utf-8"), name, imported=True)
        except ZongjieError as error:
            return render_template("start.html", problem=str(error)), 400

    @app.post("/form")
    def form() -> Response | str | tuple[str, int]:
        return _handle_form()

    return app


def _refuse(code: int, message: str, hint: str) -> Response:
    return Response(_message_page(message, hint), status=code, mimetype="text/html")


def _message_page(message: str, hint: str) -> str:
    return render_template("message.html", message=message, hint=hint)


# -- uploads


def _upload(upload: FileStorage | None, suffixes: tuple[str, ...], limit: int, what: str) -> tuple[bytes, str]:
    """The bytes and the shown name of an upload; its name is checked, never used as a path."""
    if upload is None or not upload.filename:
        raise FormError(f"请先选择{what}再上传")
    name = upload.filename
    if any(c in name for c in "/\\\x00") or ".." in name:
        raise FormError(
            "上传的文件名中含有路径(/、\\ 或 ..),已拒绝",
            hint="请在浏览器中直接选择文件上传;总结助手只读取文件内容,不使用文件名中的路径",
        )
    shown = re.sub(r"[\x00-\x1f\x7f]", "", name)[:80]
    suffix = Path(shown).suffix.lower()
    if suffix == ".doc":
        raise FormError(
            f"「{shown}」是旧版 Word(.doc)文件,不能直接读取",
            hint="请在 Word 或 WPS 中「另存为」.docx 格式后再上传",
        )
    if suffix not in suffixes:
        raise FormError(f"「{shown}」不是{what}", hint=f"{what}应当以 {'、'.join(suffixes)} 结尾")
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise FormError(
            f"「{shown}」过大,{what}不能超过 {limit // 1024 // 1024} MB",
            hint="请确认选对了文件",
        )
    return data, shown


def _open(data: bytes, name: str, imported: bool = False) -> str:
    from generator.facts.load import compose_facts
    from generator.web.state import from_node

    node = compose_facts(data, name)
    kind = _kind_of_node(node)
    description = describe(kind)
    tree, notes = from_node(node, description)
    page = Page(description=description, tree=tree, notes=notes, show_errors=True)
    if imported:
        notes.insert(0, f"已从「{name}」读出事实:「上年」是去年的数,「数值」请填今年的;请逐项核对,再补上缺少的内容")
        text = data.decode("utf-8", "replace")
        lines = [m.group(1).strip() for m in _LASTYEAR.finditer(text)]
        page.lastyear = "\n".join(dict.fromkeys(lines))[:MAX_LASTYEAR]
    else:
        notes.insert(0, f"已打开「{name}」")
    return _form_page(page)


def _kind_of_node(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value.strip() == "类型" and isinstance(value, yaml.ScalarNode):
                return value.value.strip()
    return kind_names()[0]


# -- the form


def _handle_form() -> Response | str | tuple[str, int]:
    fields = [(k, v) for k, v in request.form.items(multi=True)]
    unknown = sorted({k for k, _ in fields if k not in CONTROL_FIELDS and not k.startswith(PREFIX)})
    if unknown or request.files:
        names = "、".join(unknown[:3]) if unknown else "上传的文件"
        return _message_page(
            f"表单中有不认识的项:{names}",
            "这个页面不会发出这样的表单;请回到首页,从 zongjie serve 打开的页面重新填写",
        ), 400
    data_fields = [(k, v) for k, v in fields if k.startswith(PREFIX)]
    kind = next((v for k, v in data_fields if k == f"{PREFIX}类型"), "")
    description = describe(kind)
    try:
        tree = from_form(data_fields, description)
    except FormError as error:
        return _message_page(error.message, error.hint or ""), 400
    seed = _seed(request.form.get("seed", "0"))
    action = request.form.get("do", "preview")
    page = Page(
        description=description, tree=tree, outline=request.form.get("outline", "")[:100], seed=seed,
        focus=request.form.get("focus", "")[:300],
        lastyear=request.form.get("lastyear", "")[:MAX_LASTYEAR],
    )
    found = _ACTION.fullmatch(action)
    if found:
        try:
            page.focus = apply(tree, description, found.group(1), found.group(2))
        except FormError as error:
            page.problem = str(error)
        return _form_page(page)
    if action == "again":
        page.seed = (seed + 1) % 10000
    page.show_errors = True
    if action == "download-yaml":
        return _download(facts_file(tree, description).encode("utf-8"),
                         _file_name(tree, "yaml"), "application/x-yaml; charset=utf-8")
    if action in ("download-docx", "download-md"):
        fmt = action.split("-")[1]
        checked = check(tree, description)
        if checked.facts is None:
            page.problem = f"还有 {checked.count} 处需要修改,改好后才能下载草稿(事实文件随时可以下载)"
            return _form_page(page, checked=checked)
        from generator.render.output import render
        from generator.web.preview import make_preview

        preview = make_preview(checked.facts, page.outline, seed)
        mimetype = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if fmt == "docx"
            else "text/markdown; charset=utf-8"
        )
        return _download(render(preview.draft, fmt), _file_name(tree, fmt), mimetype)
    if action not in ("check", "preview", "again"):
        page.problem = f"不认识的操作「{action[:40]}」,已按「刷新预览」处理"
    return _form_page(page)


def _seed(raw: str) -> int:
    return int(raw) % 10000 if raw.strip().isdigit() and len(raw) < 10 else 0


# The last few checked forms and their drafts, by the facts file the form stands for, the outline and the seed:
# pressing 刷新预览 again without a change (or several tabs sending the same form) costs no new draft.
_RECENT: OrderedDict[tuple[str, str, int], tuple[Checked, Any, str]] = OrderedDict()
_RECENT_SIZE = 16
_RECENT_LOCK = threading.Lock()


def _form_page(page: Page, run_check: bool = True, checked: Checked | None = None) -> str:
    key = None
    hit = None
    if checked is None and run_check:
        key = (facts_file(page.tree, page.description), page.outline, page.seed)
        with _RECENT_LOCK:
            hit = _RECENT.get(key)
            if hit is not None:
                _RECENT.move_to_end(key)
        checked = hit[0] if hit is not None else check(page.tree, page.description)
    page.checked = checked
    if hit is not None:
        page.preview = hit[1]
        page.problem = page.problem or hit[2]
        if page.preview is not None:
            page.outline = page.preview.outline.name
    elif checked is not None and checked.facts is not None:
        from generator.web.preview import make_preview

        problem = ""
        try:
            page.preview = make_preview(checked.facts, page.outline, page.seed)
            page.outline = page.preview.outline.name
        except ZongjieError as error:
            problem = str(error)
            page.problem = problem
        if key is not None:
            with _RECENT_LOCK:
                _RECENT[key] = (checked, page.preview, problem)
                while len(_RECENT) > _RECENT_SIZE:
                    _RECENT.popitem(last=False)
    from generator.web.preview import outlines_for

    kind = str(page.tree.get("类型")) if page.tree.get("类型") in kind_names() else page.description.kind
    return render_template(
        "form.html",
        page=page,
        outlines=outlines_for(kind),
        label=lambda path: label(path, page.description),
    )


def _file_name(tree: Tree, suffix: str) -> str:
    parts = [str(tree.get(k) or "") for k in ("单位", "年度", "半年", "类型")]
    stem = _SAFE_NAME.sub("", "".join(parts))[:60] or "总结"
    return f"{stem}-{'事实' if suffix == 'yaml' else '草稿'}.{suffix}"


def _download(content: bytes, name: str, mimetype: str) -> Response:
    response = Response(content, mimetype=mimetype)
    ascii_name = "zongjie." + name.rsplit(".", 1)[-1]
    response.headers["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response
