"""Subscribing as a reader on a phone does it (issue 28): a feed opens as a page, each address
copies on its own, /abonnieren/ is short and folded, the filter offers its own feed, the events
say where the initiative stands and every event can be saved to a calendar."""

from __future__ import annotations

import re
import urllib.request

import feedparser
import icalendar
import pytest
from playwright.sync_api import expect

PHONE_SCREEN = 844


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


@pytest.mark.parametrize("path", ["themen/klimawandel/rss.xml", "praxisbeispiele/auswahl/thema-klimawandel.atom.xml"])
def test_a_feed_opened_in_chromium_is_a_readable_page(tracked_page, site_url, path):
    page = tracked_page.page
    page.goto(site_url + path)
    text = page.locator("body").inner_text()
    assert "does not appear to have any style information" not in text
    assert page.locator("h1").inner_text().startswith("Feed: ")
    assert "Diese Seite ist ein Feed" in text and "So abonnieren Sie diesen Feed" in text
    entries = page.locator("ol.entries > li > a")
    assert entries.count() >= 1 and entries.first.get_attribute("href").startswith("https://")
    assert page.get_by_role("link", name=re.compile("Zur Startseite")).count() == 1
    assert tracked_page.foreign_requests() == []


def test_the_subscribe_page_on_a_phone_is_folded_and_each_address_copies_alone(mobile_page, site_url):
    page = mobile_page.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "abonnieren/")
    first_topic = page.locator("details.hub-subscribe-item").first
    top = first_topic.evaluate("d => d.getBoundingClientRect().top + window.scrollY")
    assert top < 2 * PHONE_SCREEN, top  # the common choices, then the topics within two screens
    assert not first_topic.evaluate("d => d.open")
    first_topic.locator("summary").click()
    buttons = first_topic.get_by_role("button", name="Adresse kopieren")
    expect(buttons).to_have_count(3)  # RSS, Atom and the topic's calendar: one button each
    codes = first_topic.locator("code").all_inner_texts()
    buttons.nth(1).click()
    assert page.evaluate("navigator.clipboard.readText()") == codes[1] and codes[1].endswith("atom.xml")
    expect(page.locator(".hub-copy-status")).to_have_text(re.compile("Adresse kopiert"))
    webcal = first_topic.get_by_role("link", name="Im Kalender öffnen")
    assert webcal.get_attribute("href") == "webcal://" + codes[2].split("://", 1)[1]
    assert mobile_page.errors == []


def test_without_javascript_every_address_is_there_to_copy_by_hand(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "abonnieren/")
    assert page.locator("code").count() > 50
    assert page.locator("button.hub-copy:visible").count() == 0  # no dead buttons
    assert "endete am 27. November 2025" in page.locator(".hub-state").inner_text()
    context.close()


def test_the_filter_offers_a_feed_of_exactly_its_selection(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "praxisbeispiele/")
    page.select_option("#filter-thema", "klimawandel")
    page.select_option("#filter-groesse", "unter-10000")
    box = page.locator("details.hub-selection")
    box.locator("summary").click()
    shown = page.locator("#praxisbeispiele-liste [data-hub-item]:visible").count()
    rss = box.locator('[data-hub-selection-url="rss"]').inner_text()
    assert rss.endswith("praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.rss.xml")
    href = box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href")
    feed = feedparser.parse(_get(href))
    assert feed.bozo == 0 and len(feed.entries) == min(shown, 20) > 0
    page.select_option("#filter-jahr", index=1)  # a third filter: the feed of the first two in the form, said so
    text = box.locator("[data-hub-selection-text]").inner_text()
    assert "höchstens zwei Filter" in text and "ohne Thema: Klimawandel" in text  # the topic comes last (broad)
    third = box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href")
    assert re.search(r"/auswahl/groesse-unter-10000\+jahr-\d{4}\.rss\.xml$", third), third
    assert feedparser.parse(_get(third)).bozo == 0  # the address offered exists and is a feed
    assert tracked_page.errors == []


def test_events_link_the_calendar_say_where_the_initiative_stands_and_save_each_event(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "veranstaltungen/")
    expect(page.locator(".hub-state")).to_be_visible()  # no event lies ahead
    assert "endete am 27. November 2025" in page.locator(".hub-state").inner_text()
    webcal = page.get_by_role("link", name="Im Kalender öffnen").first
    assert webcal.get_attribute("href").startswith("webcal://") and webcal.get_attribute("href").endswith(
        "/veranstaltungen/kalender.ics"
    )
    page.goto(site_url + "veranstaltungen/abschlusskonferenz-2025/")
    save = page.get_by_role("link", name="Termin speichern")
    calendar = icalendar.Calendar.from_ical(_get(save.evaluate("a => a.href")))
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and str(events[0]["uid"]).startswith("events/abschlusskonferenz-2025@")
    assert events[0]["dtstart"].dt.isoformat() == "2025-11-27"
