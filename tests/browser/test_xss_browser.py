"""Every page of the payload site (tests/tools/payload_hub.py: XSS vectors in every text field of every
collection) in Chromium: no payload opens a dialog, sets window.__xss, or makes the browser leave
127.0.0.1; the DOM the browser built holds no handler, no script URL and nothing embedded."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import open_search
from conftest import TrackedPage  # tests/browser/conftest.py, loaded last before this module

# What the browser's own parser made of the page (catches markup that only an HTML5 parser forms).
DOM_PROBLEMS = """() => {
  const found = [];
  const urlAttributes = /^(href|src|action|formaction|xlink:href|data|srcdoc|poster|background|to|values)$/;
  for (const element of document.querySelectorAll("*")) {
    if (/^(IFRAME|FRAME|OBJECT|EMBED|BASE|APPLET)$/.test(element.tagName)) found.push(element.tagName);
    if (element.tagName === "META" && element.hasAttribute("http-equiv")) found.push("META http-equiv");
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\u0000-\\u0020]+/g, "").toLowerCase();
      if (attribute.name.startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
      else if (urlAttributes.test(attribute.name) && /^(javascript|vbscript|data):/.test(value)
               && value !== "javascript:void(0)") found.push(`${element.tagName} ${attribute.name}=${value}`);
    }
  }
  return found;
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def payload_url(payload_hub):
    """The payload site over HTTP on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(payload_hub.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def payload_page(browser, payload_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin")
    yield TrackedPage(context.new_page(), payload_url)
    context.close()


def _urls(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("admin/"):
            continue  # the editors' CMS renders no data into its page (its own CSP meta tag); see test_cms.py
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def _problems(page) -> list[str]:
    found = page.evaluate(DOM_PROBLEMS)
    if page.evaluate("() => window.__xss !== undefined"):
        found.append(f"window.__xss = {page.evaluate('() => String(window.__xss)')}")
    return found


def test_no_payload_runs_on_any_page(payload_page, payload_url, payload_hub):
    urls = _urls(payload_hub.site)
    assert len(urls) > 200
    problems: dict[str, list[str]] = {}
    for url in urls:  # one tab, one page after the other: tabs side by side were not faster here
        payload_page.page.goto(payload_url + url, wait_until="load")
        if found := _problems(payload_page.page):
            problems[url] = found[:5]
    assert payload_page.dialogs == [], f"payloads opened dialogs: {payload_page.dialogs[:10]}"
    assert problems == {}
    assert payload_page.foreign_requests() == []


def test_search_results_show_payloads_as_text(payload_page, payload_url):
    payload_page.page.goto(payload_url, wait_until="load")
    for query in ("script", "onerror", "javascript", "iframe"):
        results = open_search(payload_page.page, query)
        assert results, query
        assert _problems(payload_page.page) == [], query
    assert payload_page.dialogs == []
    assert payload_page.foreign_requests() == []
