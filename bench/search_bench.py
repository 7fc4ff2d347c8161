"""What the search costs a reader: bytes a browser downloads, measured in Chromium (make bench).

The built site is served from 127.0.0.1 by a plain HTTP server (no compression), so the bytes "on
the wire" are computed as a host that compresses would send them: text files at gzip level 6,
Pagefind's index files (``*.pf_*``, ``wasm.*``), which Pagefind compresses already, at their size.
Measured on a record page: what loads before the search is opened (must be nothing of it), then
a first query and a second one, each with the five result fragments the dialog shows first and
more, as it shows ten.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUERIES = ("Beteiligung", "Quartier")  # a first query, then a second one in the same dialog


@dataclass
class SearchCost:
    before_open: int  # bytes of search files loaded before the search is opened (target: 0)
    first: int  # bytes for opening the search and the first query
    second: int  # further bytes for the second query
    first_requests: int
    results: int  # results of the first query


def wire_bytes(site: Path, url: str) -> int:
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    data = path.read_bytes()
    precompressed = ".pf_" in path.name or path.name.startswith("wasm.")
    return len(data) if precompressed else len(gzip.compress(data, 6))


def _is_search(url: str) -> bool:
    path = urlsplit(url).path
    return "/pagefind/" in path or path.endswith(("/assets/search.js", "/assets/search.css"))


def measure(site: Path, page: str) -> SearchCost:
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        tab = context.new_page()
        tab.goto(base + page, wait_until="networkidle")
        before = sum(wire_bytes(site, u) for u in requests if _is_search(u))
        loaded = len(requests)
        tab.keyboard.press("/")
        first_results = _query(tab, QUERIES[0])
        first_urls = requests[loaded:]
        loaded = len(requests)
        _query(tab, QUERIES[1])
        second_urls = requests[loaded:]
        browser.close()
    return SearchCost(
        before,
        sum(wire_bytes(site, u) for u in first_urls),
        sum(wire_bytes(site, u) for u in second_urls),
        len(first_urls),
        first_results,
    )


def _query(tab, query: str) -> int:
    box = tab.locator("#hub-search-input")
    box.wait_for()
    box.fill(query)
    status = tab.locator("[data-hub-search-status]")
    status.filter(has_text=f"„{query}“").wait_for(timeout=60_000)
    tab.wait_for_load_state("networkidle")
    text = status.inner_text()
    return int(text.split()[0]) if text.split()[0].isdigit() else 0


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served from 127.0.0.1 on a free port, uncompressed; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
