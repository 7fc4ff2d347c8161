"""A feed opened in Chromium is a German page whose entries are links with German dates (issue 28.1):
the XHTML elements in the feed (outputs/feed_page.py) are real HTML links in a browser, on a
desktop and on a phone; no XSLT, no warning about it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

GERMAN_DATE = re.compile(
    r"^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$"
)
FEEDS = [
    "themen/klimawandel/rss.xml",
    "praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.atom.xml",
    "monatsbrief/rss.xml",
]
NO_STYLE = "does not appear to have any style information"


def _open(tracked, site_url: str, path: str) -> list[str]:
    """Opens the feed; the console's messages, as they come."""
    messages: list[str] = []
    tracked.page.on("console", lambda message: messages.append(message.text))
    tracked.page.goto(site_url + path)
    return messages


@pytest.mark.parametrize("path", FEEDS)
def test_each_entry_of_a_feed_page_is_a_link_with_its_german_date(tracked_page, site_url, artifacts, path):
    page = tracked_page.page
    messages = _open(tracked_page, site_url, path)
    page.screenshot(path=str(artifacts / f"feed-page-{path.replace('/', '_')}.png"))
    assert NO_STYLE not in page.content() and page.locator("rss, feed").count() == 1
    entries = page.locator("li")
    assert entries.count() > 0
    first = entries.first
    link, date = first.locator("a"), first.locator("time")
    expect(link).to_be_visible()
    expect(date).to_be_visible()
    assert GERMAN_DATE.match(date.inner_text()), date.inner_text()
    assert date.get_attribute("datetime")[:4] == date.inner_text()[-4:]
    title = link.inner_text()
    expect(page.get_by_role("link", name="Zur Seite dieses Feeds")).to_be_visible()
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(site_url) and not page.url.endswith(".xml"), page.url
    heading = page.locator("h1").first.inner_text()
    assert heading and heading in title, (heading, title)  # the entry's page: "Praxisbeispiel: <its title>"
    assert not [m for m in messages if "xsl" in m.lower()], messages
    assert tracked_page.foreign_requests() == [] and tracked_page.errors == []


def test_the_feed_page_reads_on_a_phone_and_leads_back(mobile_page, site_url, artifacts):
    page = mobile_page.page
    messages = _open(mobile_page, site_url, "themen/klimawandel/atom.xml")
    page.screenshot(path=str(artifacts / "feed-page-phone.png"))
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
    link = page.locator("li a").first
    for text in (link, page.locator("li time").first, page.locator("p a").first):
        font = text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert font * 390 / width >= 16, (font, width)  # at least 16 px on the phone's own screen
    assert link.bounding_box()["width"] > 0.3 * width
    back = page.get_by_role("link", name="Zur Seite dieses Feeds")
    back.click()
    page.wait_for_load_state()
    assert page.url == site_url + "themen/klimawandel/", page.url
    assert not [m for m in messages if "xsl" in m.lower()] and mobile_page.errors == []
