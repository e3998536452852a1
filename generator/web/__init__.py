"""`zongjie serve`: the facts form, the draft preview and the downloads as a local web page (127.0.0.1 only).

A layer beside the command line, above the api: it reads facts through facts/, drafts through the api and
renders through render/, exactly as `zongjie generate` does.
"""

from generator.web.server import DEFAULT_PORT, serve

__all__ = ["DEFAULT_PORT", "serve"]
