"""Show a built site on this computer: a plain static file server on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        # One line per request drowns the address the user needs to see.
        return


def make_server(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1 only, so the preview is never visible to the network."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
