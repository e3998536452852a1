"""`zongjie serve`: the local web page for writers who would rather fill in a form than a YAML file."""

from __future__ import annotations

import typer

from generator.cli.root import app


@app.command("serve")
def serve_command(
    port: int = typer.Option(8765, "--port", "-p", help="端口号(1024–65535);被占用时请换一个", metavar="端口"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
) -> None:
    """在本机打开总结助手的网页:填表、预览草稿、下载 Word 和事实文件(只有本机可以访问)。

    例:zongjie serve

    换一个端口:zongjie serve --port 8800 --no-browser
    """
    from generator.errors import UsageError
    from generator.web import serve

    if not (port == 0 or 1024 <= port <= 65535):
        raise UsageError(f"端口 {port} 不可用", hint="请用 1024 到 65535 之间的端口,例如 --port 8800")
    serve(port, open_browser=not no_browser, announce=typer.echo)
