#!/usr/bin/env python3
"""Trunk post_build hook: makes the staged build CSP-clean and offline-capable.

1. Trunk writes its wasm loader as an inline <script type="module">. The Content-Security-Policy
   allows no inline script, so the loader moves into a content-hashed file it references. The
   loader starts the wasm's download itself, in place of Trunk's <link rel="preload" as="fetch">:
   WebKit never hands such a preload to fetch(), so it downloaded the 1.4 MB twice. It also
   leaves a copy in Cache Storage, which the service worker's install takes instead of a third.
2. The data files the app fetches after first paint (the matcher's lexicon, src/lexicon_loader.rs;
   the list of places, src/places_loader.rs)
   get content-hashed names, which index.html gives as <meta name="qianshou-data">: an update
   brings new tables under a new name, never an old copy from a cache.
3. The service worker is written from public/sw.template.js with the exact list of staged files
   and a build version derived from their contents: no hand-kept list, a new cache per build.

Trunk runs it with TRUNK_STAGING_DIR and TRUNK_PUBLIC_URL set; it may also be run by hand on a
folder: `post_build.py DIR`.
"""
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "public" / "sw.template.js"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


WASM_PRELOAD = re.compile(r'<link rel="preload" href="(?P<href>[^"]+\.wasm)"(?P<attrs>[^>]*)>')
WASM_IMPORT = re.compile(r"import init, \* as bindings from '(?P<href>[^']+)';")
WASM_INIT = re.compile(r"init\(\{ module_or_path: '(?P<href>[^']+\.wasm)' \}\)")


def fetch_wasm_first(html: str) -> str:
    """Replaces Trunk's preload of the wasm with a fetch that the loader starts and hands to init."""
    preload = WASM_PRELOAD.search(html)
    init = WASM_INIT.search(html)
    if not preload or not init or preload.group("href") != init.group("href"):
        sys.exit("post_build: Trunk's wasm preload or loader changed shape; see fetch_wasm_first")
    href = json.dumps(init.group("href"))
    integrity = re.search(r'integrity="([^"]+)"', preload.group("attrs"))
    options = f", {{ integrity: {json.dumps(integrity.group(1))} }}" if integrity else ""
    start = (
        "// The wasm's download starts at once (the JS module is modulepreloaded beside it). On a\n"
        "// first visit (no service worker yet) a copy goes to Cache Storage for the worker's install\n"
        "// (public/sw.template.js), which would otherwise download it again.\n"
        f"const wasmUrl = {href};\n"
        f"const wasmResponse = fetch(wasmUrl{options});\n"
        "wasmResponse.then((r) => {\n"
        "  if (!r.ok || !('caches' in self) || navigator.serviceWorker?.controller) return;\n"
        "  const copy = r.clone();\n"
        "  caches.open('qianshou-boot').then((c) => c.put(wasmUrl, copy)).catch(() => {});\n"
        "}, () => {});\n"
    )
    loader = next((m for m in INLINE_SCRIPT.finditer(html) if m.start("body") <= init.start() < m.end("body")), None)
    if not loader:
        sys.exit("post_build: the wasm loader is not an inline script")
    body = loader.group("body").replace(init.group(0), "init({ module_or_path: wasmResponse })")
    # A static import would hold the whole loader, the download's start included, until the JS
    # module has loaded; imported here, it loads beside the wasm.
    body, imports = WASM_IMPORT.subn(
        lambda m: f"const bindings = await import({json.dumps(m.group('href'))});\nconst init = bindings.default;", body
    )
    if imports != 1:
        sys.exit("post_build: Trunk's loader no longer imports the bindings as expected")
    body = start + body
    html = html[: loader.start("body")] + body + html[loader.end("body") :]
    return WASM_PRELOAD.sub("", html, count=1)


def externalise_inline_scripts(staging: Path, public_url: str) -> None:
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")

    html = fetch_wasm_first(html)

    def replace(m: re.Match) -> str:
        attrs, body = m.group("attrs"), m.group("body")
        if "src=" in attrs or not body.strip():
            return m.group(0)
        if 'type="module"' not in attrs:
            sys.exit(f"post_build: unexpected inline script in index.html: {attrs!r}")
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
        name = f"boot-{digest}.js"
        (staging / name).write_text(body.strip() + "\n", encoding="utf-8")
        return f'<script type="module" src="{public_url}{name}"></script>'

    html = INLINE_SCRIPT.sub(replace, html)
    leftover = [m for m in INLINE_SCRIPT.finditer(html) if "src=" not in m.group("attrs") and m.group("body").strip()]
    if leftover:
        sys.exit("post_build: an inline script is left in index.html; the CSP would block it")
    index.write_text(html, encoding="utf-8")


# Copied by index.html's copy-file links; the app finds each by its stem (data-file="lexicon").
# places.txt is the official list of places, fetched when a place field is shown (src/places_loader.rs).
DATA_FILES = ("lexicon.txt", "pinyin.txt", "places.txt")


def hash_data_files(staging: Path, public_url: str) -> None:
    index = staging / "index.html"
    metas = []
    for name in DATA_FILES:
        path = staging / name
        if not path.is_file():
            sys.exit(f"post_build: {name} is missing; index.html should copy it")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        stem, ext = name.rsplit(".", 1)
        hashed = f"{stem}-{digest}.{ext}"
        path.rename(staging / hashed)
        metas.append(f'<meta name="qianshou-data" data-file="{stem}" content="{public_url}{hashed}">')
    html = index.read_text(encoding="utf-8")
    if "</head>" not in html:
        sys.exit("post_build: index.html has no </head> for the data files' names")
    html = html.replace("</head>", "".join(f"  {m}\n" for m in metas) + "</head>", 1)
    index.write_text(html, encoding="utf-8")


def write_service_worker(staging: Path, public_url: str) -> None:
    files = sorted(
        p for p in staging.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.startswith(".")
    )
    version = hashlib.sha256()
    for p in files:
        version.update(p.relative_to(staging).as_posix().encode())
        version.update(p.read_bytes())
    urls = [public_url + p.relative_to(staging).as_posix() for p in files]
    sw = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", version.hexdigest()[:16])
        .replace("__PUBLIC_URL__", public_url)
        .replace("__PRECACHE__", json.dumps(urls, indent=2))
    )
    (staging / "sw.js").write_text(sw, encoding="utf-8")
    print(f"post_build: service worker precaches {len(urls)} files")


def main() -> None:
    staging = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    public_url = os.environ.get("TRUNK_PUBLIC_URL", "/") or "/"
    if not public_url.endswith("/"):
        public_url += "/"
    externalise_inline_scripts(staging, public_url)
    hash_data_files(staging, public_url)
    write_service_worker(staging, public_url)


if __name__ == "__main__":
    main()
