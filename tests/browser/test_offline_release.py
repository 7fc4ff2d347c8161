"""The site's ZIP of a release, unpacked and opened from the file system in Chromium: links lead to
pages, the overviews' scripts run, and the search button leads to a search that finds records."""

from __future__ import annotations

import zipfile

import pytest
from support import ROOT, TEST_OPERATOR_CONTACT

from msdz_hub.engine.generate import read_config
from msdz_hub.engine.release import make_release


@pytest.fixture(scope="module")
def offline_home(built_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    with pytest.MonkeyPatch.context() as env:  # the operator's contact, as the deploy has it
        env.setenv("HUB_OPERATOR_EMAIL", TEST_OPERATOR_CONTACT["email"])
        env.setenv("HUB_OPERATOR_PHONE", TEST_OPERATOR_CONTACT["phone"])
        make_release(ROOT, built_site, out / "r", "test", "https://files.example/r/", read_config(ROOT))
    with zipfile.ZipFile(out / "r" / "hub-website-test.zip") as archive:
        archive.extractall(out / "unpacked")
    return (out / "unpacked" / "hub-website-test" / "index.html").as_uri()


def test_opened_from_files_links_lead_to_pages_and_the_search_finds_records(browser, offline_home):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"{request.failure} {request.url}"))
    try:
        page.goto(offline_home)
        page.locator("a[href$='praxisbeispiele/index.html']").first.click()
        page.wait_for_url("**/praxisbeispiele/index.html")
        assert page.locator("h1").first.inner_text().strip()
        status = page.locator("[data-hub-status]")  # the overview's filters run from the file too
        everything = status.inner_text()
        page.get_by_label("Thema").select_option("klimawandel")
        assert status.inner_text() != everything and "von" in status.inner_text()
        page.locator("[data-hub-search-open]").first.click()
        page.wait_for_url("**/suche.html")
        page.fill("#q", "Beirat")
        page.keyboard.press("Enter")
        results = page.locator("#results a")
        results.first.wait_for()
        assert results.count() >= 2 and "Seiten gefunden" in page.locator("#status").inner_text()
        results.first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/index.html") and page.locator("h1").first.inner_text().strip()
        assert errors == [], errors
    finally:
        context.close()
