"""Subscribing as a reader on a phone does it (issue 28): a feed opens as a page, each address
copies on its own, /abonnieren/ is short and folded, the filter offers its own feed, the events
say where the initiative stands and every event can be saved to a calendar."""

from __future__ import annotations

import itertools
import re
import urllib.request

import feedparser
import icalendar
import pytest
from playwright.sync_api import expect

PHONE_SCREEN = 844
PUBLISHED_AT = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"  # the site's address in feeds and calendars


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _shown(page, selector: str, pseudo: str = "") -> str:
    """The text CSS shows for the first element matching ``selector`` ("" if hidden): its own, or that
    of a ::before or ::after (the page of a feed is CSS on the feed's XML, which has no innerText)."""
    return page.evaluate(
        """([selector, pseudo]) => {
          const element = document.querySelector(selector);
          if (!element || getComputedStyle(element).display === "none") return "";
          if (!pseudo) return element.textContent.trim();
          const content = getComputedStyle(element, pseudo).content;
          return content === "none" ? "" : content;
        }""",
        [selector, pseudo],
    )


@pytest.mark.parametrize(
    "path", ["themen/klimawandel/rss.xml", "praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.atom.xml"]
)
def test_a_feed_opened_in_chromium_is_a_readable_page_without_xslt(tracked_page, site_url, artifacts, path):
    page = tracked_page.page
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    page.goto(site_url + path)
    page.screenshot(path=str(artifacts / f"feed-{path.replace('/', '_')}.png"))
    assert page.locator("rss, feed").count() == 1  # the feed itself, not Chromium's tree view of it
    title = "channel > title" if path.endswith("rss.xml") else "feed > title"
    assert _shown(page, title).startswith(("Thema Klimawandel", "Praxisbeispiele")), _shown(page, title)
    assert _shown(page, title, "::before") == '"Feed: "'
    note = _shown(page, 'link[rel="self"]', "::before")
    assert "Diese Seite ist ein Feed" in note and "So abonnieren Sie diesen Feed" in note
    assert _shown(page, "ul", "::before") == '"Die neuesten Einträge"'
    expect(page.locator("li a").first).to_be_visible()  # each entry a link (tests/browser/test_feed_page_browser.py)
    for back in ("Zur Seite dieses Feeds", "Zur Startseite", "Alle Feeds, Kalender und den Monatsbrief abonnieren"):
        expect(page.get_by_role("link", name=back)).to_be_visible()  # the way back, as links
    assert not [w for w in warnings if "xsl" in w.lower()], warnings
    assert tracked_page.foreign_requests() == [] and tracked_page.errors == []


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
    page.select_option("#filter-jahr", index=1)  # a third filter: the nearest feed of two, and the box says so
    text = box.locator("[data-hub-selection-text]").inner_text()
    assert "nächstliegenden Auswahl" in text and re.search(r"nicht zu .*: .* passen\.", text), text
    offered = box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href")
    assert offered.count("+") == 1 and "/auswahl/" in offered, offered  # two of the three (which: the test below)
    assert feedparser.parse(_get(offered)).bozo == 0
    assert tracked_page.errors == []


def _feed_stem(href: str) -> str:
    return href.rsplit("/", 1)[1].removesuffix(".rss.xml")


def _found(items: list[dict[str, str]], chosen: dict[str, str]) -> int:
    """How many list items carry every chosen value (facet key -> value), read from their data attributes."""
    return sum(all(value in item.get(key, "").split() for key, value in chosen.items()) for item in items)


def test_a_year_and_a_town_get_their_own_feed_and_a_third_filter_the_nearest_one(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "veranstaltungen/")
    box = page.locator("details.hub-selection")
    box.locator("summary").click()
    page.select_option("#filter-kommune", "potsdam")
    page.select_option("#filter-jahr", "2024")
    shown = {  # each card's title links its event
        href.removeprefix(site_url)
        for href in page.locator("#veranstaltungen-liste [data-hub-item]:visible").evaluate_all(
            "items => items.map(i => i.querySelector('a').href)"
        )
    }
    assert box.locator("[data-hub-selection-text]").inner_text() == "Auswahl: Kommune: Potsdam · Jahr: 2024."
    href = box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href")
    assert _feed_stem(href) == "kommune-potsdam+jahr-2024"
    listed = {e.link.removeprefix(PUBLISHED_AT) for e in feedparser.parse(_get(href)).entries}
    assert listed and listed <= shown and len(listed) == min(len(shown), 20)
    calendar = box.locator('[data-hub-selection-link="ics"]').evaluate("a => a.href")
    assert {
        str(e["url"]).removeprefix(PUBLISHED_AT) for e in icalendar.Calendar.from_ical(_get(calendar)).walk("VEVENT")
    } == listed
    # a third filter: the feed of the two chosen filters that leave the fewest events, and a sentence
    page.select_option("#filter-thema", "klimawandel")
    items = page.locator("#veranstaltungen-liste [data-hub-item]").evaluate_all(
        "items => items.map(i => Object.fromEntries(Object.entries(i.dataset)))"
    )
    chosen = {"topics": ("thema", "klimawandel"), "cities": ("kommune", "potsdam"), "year": ("jahr", "2024")}
    pairs = list(itertools.combinations(chosen, 2))  # in the order of the form: Thema, Kommune, Jahr
    counts = {pair: _found(items, {key: chosen[key][1] for key in pair}) for pair in pairs}
    nearest = min((pair for pair in pairs if counts[pair]), key=lambda pair: counts[pair])
    stem = _feed_stem(box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href"))
    assert stem == "+".join(f"{chosen[key][0]}-{chosen[key][1]}" for key in nearest), (stem, counts)
    text = box.locator("[data-hub-selection-text]").inner_text()
    left = next(key for key in chosen if key not in nearest)
    assert (
        "nächstliegenden Auswahl" in text
        and f"nicht zu {('Thema', 'Kommune', 'Jahr')[list(chosen).index(left)]}:" in text
    ), text
    assert feedparser.parse(_get(box.locator('[data-hub-selection-link="rss"]').evaluate("a => a.href"))).bozo == 0
    assert tracked_page.errors == []


def _offered(box) -> list[str]:
    if box.locator("[data-hub-selection-addresses]").is_hidden():
        return []
    return [link.evaluate("a => a.href") for link in box.locator("[data-hub-selection-link]").all()]


@pytest.mark.parametrize("overview", ["praxisbeispiele", "veranstaltungen"])
def test_every_pair_and_triple_of_filters_offers_only_addresses_that_exist(tracked_page, site_url, overview):
    """The box never offers a feed the build did not write: each pair of filters with their first values,
    and each with a third filter added (a year, a town, a second topic-like filter)."""
    page = tracked_page.page
    page.goto(site_url + overview + "/")
    box = page.locator("details.hub-selection")
    box.locator("summary").click()
    names = page.locator("form.hub-facets select").evaluate_all("selects => selects.map(s => s.name)")
    assert {"jahr", "kommune", "thema"} <= set(names), names
    checked: set[str] = set()
    for first, second in itertools.combinations(names, 2):
        for third in [None, *(n for n in names if n not in (first, second))][:3]:
            page.locator("[data-hub-reset]").click()
            for name in filter(None, (first, second, third)):
                page.select_option(f"#filter-{name}", index=1)
            for href in _offered(box):
                if href not in checked:
                    body = _get(href)  # 404 raises
                    assert href.endswith(".ics") or feedparser.parse(body).bozo == 0, href
                    checked.add(href)
    assert any("+" in href for href in checked) and len(checked) > 10
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
