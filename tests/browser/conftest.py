"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

A test tool's own browser download does not work here, so Playwright starts /usr/bin/chromium
(`make test` installs it). A missing browser fails the tests; it never skips them.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"  # kept by CI as an artifact
# Flags that keep Chromium from calling Google's services on a machine without network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site over HTTP on 127.0.0.1 (a free port), as readers would load it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is required: apt-get install chromium (make test does this)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class TrackedPage:
    """A Playwright page that remembers every request and every script error it saw."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

        def dismiss(dialog):  # alert() from a payload would show up here
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        self.site_host = urlsplit(site_url).netloc

    def foreign_requests(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != self.site_host
        ]


@pytest.fixture(params=[{"width": 1280, "height": 900}], ids=["desktop"])
def tracked_page(browser, site_url, request):
    context = browser.new_context(viewport=request.param, locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    yield TrackedPage(page, site_url)
    context.close()


@pytest.fixture
def mobile_page(browser, site_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="de-DE",
        timezone_id="Europe/Berlin",
    )
    page = context.new_page()
    yield TrackedPage(page, site_url)
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
