"""The page in Leichte Sprache in a real browser: axe finds nothing, on desktop and on a phone."""

from __future__ import annotations

from browsing import axe_violations


def test_leichte_sprache_passes_axe_and_loads_nothing_from_other_hosts(tracked_page, site_url, built_site):
    page = tracked_page.page
    page.goto(site_url + "leichte-sprache/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text().startswith("Leichte Sprache")
    assert axe_violations(page) == []
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []


def test_leichte_sprache_passes_axe_on_a_phone(mobile_page, site_url, built_site):
    page = mobile_page.page
    page.goto(site_url + "leichte-sprache/")
    assert axe_violations(page) == []
    # the footer link is there on a phone too, and it leads back to this page
    page.get_by_role("link", name="Leichte Sprache", exact=True).last.click()
    assert page.url.endswith("/leichte-sprache/")
