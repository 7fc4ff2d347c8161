"""A long overview (all practices) lays out only the cards near the reader's screen (hub-features.css:
content-visibility), so that a phone shows it sooner. What readers notice must not change: nothing
moves while the page loads or while they scroll, the browser's find-in-page finds a card far below,
and the printout holds every card."""

from __future__ import annotations

import unicodedata

import lxml.html
from pypdf import PdfReader

OVERVIEW = "praxisbeispiele/"
CARD_TITLES = "//li[contains(@class, 'hub-card')]/p[contains(@class, 'hub-card__title')]"

# The sum of every layout shift the page has had (the measure Lighthouse and Chrome report as CLS).
LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 300);
})"""


def titles(built_site) -> list[str]:
    tree = lxml.html.fromstring((built_site / OVERVIEW / "index.html").read_bytes())
    return [" ".join(a.text_content().split()) for a in tree.xpath(CARD_TITLES)]


def test_the_cards_far_below_are_skipped_on_a_phone_but_nothing_moves(mobile_page, site_url):
    page = mobile_page.page
    page.goto(site_url + OVERVIEW)
    # the title of a card that is skipped does not count as visible while it is skipped
    skipped = page.locator(".hub-card__title").evaluate_all(
        "titles => titles.filter(t => !t.checkVisibility({contentVisibilityAuto: true})).length"
    )
    assert skipped > page.locator(".hub-card").count() / 2  # the layout the phone saves
    assert page.evaluate(LAYOUT_SHIFT) == 0
    for _ in range(40):  # down to the last card, a screen at a time
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(50)
    assert page.locator(".hub-card").last.is_visible()
    assert page.evaluate(LAYOUT_SHIFT) < 0.01


def test_find_in_page_finds_the_last_card(mobile_page, site_url, built_site):
    page = mobile_page.page
    page.goto(site_url + OVERVIEW)
    last = titles(built_site)[-1]
    assert page.evaluate("(text) => window.find(text)", last)  # Chromium's own find-in-page
    top = page.evaluate("() => getSelection().getRangeAt(0).getBoundingClientRect().top")
    assert 0 <= top < 844  # scrolled to it, and shown


def test_the_printout_holds_every_card(browser, site_url, built_site, artifacts):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(site_url + OVERVIEW)
    pdf = artifacts / "praxisbeispiele-liste.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    printed = "".join((p.extract_text() or "") for p in PdfReader(str(pdf)).pages)
    text = "".join(unicodedata.normalize("NFKC", printed).split())  # „ﬂ“ as printed: „fl“
    expected = titles(built_site)
    assert len(expected) > 10
    missing = [title for title in expected if "".join(title.split()) not in text]
    assert missing == []
