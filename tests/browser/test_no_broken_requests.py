"""Every page type loads without a failed request and without an error in the console, on a phone
and on a desktop – Material's own background requests included. No reader's page fetches the
sitemap: Material looks it up beside every link[rel=alternate] and parses it on the main thread
(800 KB at 5 000 records), so the feed links in the head say rel="alternate feed"."""

from __future__ import annotations

import pytest
from browsing import PAGE_TYPES, page_path

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_page_type_asks_for_a_missing_file_or_logs_an_error(browser, site_url, built_site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    failed: list[str] = []
    console: list[str] = []
    sitemaps: list[str] = []
    page.on("request", lambda request: sitemaps.append(request.url) if "sitemap" in request.url else None)
    page.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    try:
        for page_type in PAGE_TYPES + ["redaktion/quellen"]:
            page.goto(site_url + page_path(built_site, page_type), wait_until="networkidle")
            assert not failed and not console, f"{page_type}: {failed} {console}"
            assert not sitemaps, f"{page_type} fetched {sitemaps}"
    finally:
        context.close()
