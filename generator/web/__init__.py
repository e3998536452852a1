"""web: `zongjie serve`, the facts form, the draft preview and the downloads as a local web page (127.0.0.1 only).

A layer beside the command line, above the api: it reads facts through facts/ (the form is built from
facts/describe.py), drafts through the api and renders through render/, exactly as `zongjie generate` does.

Entry: serve(port, open_browser=True) runs the server until Ctrl+C; create_app() is the Flask application.
"""

from generator.web.app import create_app
from generator.web.server import DEFAULT_PORT, serve

__all__ = ["DEFAULT_PORT", "create_app", "serve"]
