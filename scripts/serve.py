#!/usr/bin/env python3
"""Serves a built app folder for local use and tests.

Like `python3 -m http.server`, plus what a single-page app needs: a path without a file (such as
/villages) gets index.html, so a reload on any screen works even before the service worker is
installed; sw.js and index.html are sent with no-cache so that a new build is noticed.

    serve.py [--host 127.0.0.1] [--port 8080] [--log-requests] [DIR]

Prints "Serving qianshou at URL" once listening (port 0 picks a free port). With --log-requests
it prints a line "request: METHOD PATH STATUS" per request, so a test can count downloads.
"""
import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path


LOG_LOCK = threading.Lock()


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

    log_requests = False

    def log_request(self, code="-", size="-"):
        if self.log_requests:
            # One write per line: the server answers on several threads at once.
            with LOG_LOCK:
                sys.stdout.write(f"request: {self.command} {self.path} {int(code)}\n")
                sys.stdout.flush()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--log-requests", action="store_true")
    parser.add_argument("dir", nargs="?", default="dist")
    args = parser.parse_args()
    Handler.log_requests = args.log_requests
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        host, port = server.server_address[:2]
        print(f"Serving qianshou at http://{host}:{port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
