#!/usr/bin/env python3
"""Serves a built app folder for local use and tests.

Like `python3 -m http.server`, plus what a single-page app needs: a path without a file (such as
/villages) gets index.html, so a reload on any screen works even before the service worker is
installed; sw.js and index.html are sent with no-cache so that a new build is noticed.

    serve.py [--host 127.0.0.1] [--port 8080] [DIR]

Prints "Serving qianshou at URL" once listening (port 0 picks a free port).
"""
import argparse
import functools
import http.server
from pathlib import Path


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() and "." not in Path(self.path.split("?")[0]).name:
            self.path = "/index.html"
        return super().send_head()

    def end_headers(self):
        if self.path.split("?")[0] in ("/sw.js", "/index.html", "/"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("dir", nargs="?", default="dist")
    args = parser.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        host, port = server.server_address[:2]
        print(f"Serving qianshou at http://{host}:{port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
