"""What the browser tests do on a page as a reader would: pick pages of each type, search, run axe."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it (package-lock.json)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of every type: home, each overview, one record of each collection, the service pages.
PAGE_TYPES = (
    ["home"]
    + [f"overview:{c.url_folder}" for c in COLLECTIONS.values()]
    + [f"record:{c.url_folder}" for c in COLLECTIONS.values()]
    + ["abonnieren", "daten", "ueber", "mitmachen", "monatsbrief", "leichte-sprache"]
)


def page_path(site: Path, page_type: str) -> str:
    """The site-relative URL of a page of that type in the built site (records: the first by id)."""
    kind, _, folder = page_type.partition(":")
    if kind == "home":
        return ""
    if kind == "overview":
        return f"{folder}/"
    if kind == "record":
        records = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        assert records, f"no record pages in {folder}/"
        return f"{folder}/{records[0]}/"
    return f"{kind}/"


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now, one line each."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (make test does)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
    ]


class SearchResults(list):
    """The pages shown for a query, best first (the dialog shows 10 until asked for more)."""

    def __init__(self, pages: list[str], count: int):
        super().__init__(pages)
        self.count = count  # as the dialog says: "22 Ergebnisse für „…“."


def open_search(page: Page, query: str) -> SearchResults:
    """Open the search with "/" (unless it is open), enter the query, wait for its results; their
    pages, best first. The status line names the query, so the results shown are the whole query's."""
    dialog = page.locator("#hub-search")
    if not dialog.evaluate("d => d.open"):
        page.keyboard.press("/")
    box = dialog.locator("input[type=search]")
    expect(box).to_be_focused()
    box.fill(query)
    status = dialog.locator("[data-hub-search-status]")
    expect(status).to_have_text(
        re.compile(rf"(Ergebnis|Ergebnisse) für „{re.escape(query)}“|Keine Ergebnisse für „{re.escape(query)}“")
    )
    hrefs = dialog.locator(".hub-search__result a").evaluate_all("links => links.map(a => a.href)")
    count = re.match(r"\d+", status.inner_text())
    return SearchResults([site_path(href) for href in hrefs], int(count.group(0)) if count else 0)


def site_path(url: str) -> str:
    """'http://127.0.0.1:PORT/kommunen/zossen/?h=zossen#steckbrief' -> 'kommunen/zossen/'."""
    return urlsplit(url).path.lstrip("/")
