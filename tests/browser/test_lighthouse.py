"""Lighthouse on a phone: performance ≥ 95 and 100 in accessibility, best practices and SEO on
the home page, the practices overview and a practice page (issue 17).

Lighthouse (pinned in package-lock.json) drives Debian's Chromium. The site is served with gzip,
as GitHub Pages serves it: an uncompressed server would measure a site nobody gets. Lighthouse's
default mobile run throttles by simulation (it loads the page fast and computes the timings of a
slow phone on a slow network from the trace), so the figures depend little on the machine; what
remains of a busy shared machine's noise is taken out by the median of three runs per page.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support import ROOT

pytestmark = pytest.mark.browser  # Lighthouse drives Chromium itself, without the `browser` fixture

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = 3
PAGES = ["", "praxisbeispiele/", "praxisbeispiele/geloster-zukunftsrat/", "abonnieren/", "veranstaltungen/"]
_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ttl")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the browser accepts it (as GitHub Pages does)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in _COMPRESSED
            or not path.is_file()
        ):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # the redirect to the folder's URL
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@pytest.fixture(scope="module")
def gzip_site_url(built_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _lighthouse(url: str, out: Path) -> dict[str, float]:
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} is missing: run `npm ci` (make test does)"
    assert Path(CHROMIUM).exists(), "Chromium is required: apt-get install chromium"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    return {name: category["score"] * 100 for name, category in report["categories"].items()}


@pytest.mark.parametrize("path", PAGES, ids=["home", "practices", "practice", "subscribe", "events"])
def test_lighthouse_scores_on_a_phone(gzip_site_url, path, artifacts):
    runs = [
        _lighthouse(
            gzip_site_url + path, artifacts / f"lighthouse-{path.strip('/').replace('/', '-') or 'home'}-{i}.json"
        )
        for i in range(RUNS)
    ]
    median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    print(f"/{path}: {median} (runs: {runs})")
    assert median["performance"] >= 95, (path, runs)
    for name in ("accessibility", "best-practices", "seo"):
        assert median[name] == 100, (path, name, runs)
