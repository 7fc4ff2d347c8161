"""Accessibility in a real browser: axe-core on every type of page, keyboard use, visible focus.

axe-core runs with the WCAG 2.0 and 2.1 rules of levels A and AA (the BITV 2.0 / EN 301 549 level
a German public body owes). Each page is checked after its scripts ran, on desktop and some on
a phone, and none may load anything from another host.
"""

from __future__ import annotations

import re

import pytest
from browsing import PAGE_TYPES, axe_violations, open_search, page_path, site_path
from playwright.sync_api import expect

MOBILE_PAGE_TYPES = [
    "home",
    "overview:praxisbeispiele",
    "record:praxisbeispiele",
    "overview:kommunen",
    "daten",
    "abonnieren",  # issue 28: the subscription addresses, the events with their calendar, the letters
    "overview:veranstaltungen",
    "record:veranstaltungen",
    "monatsbrief",
    "record:modellvorhaben",
    "record:kommunen",
    "leichte-sprache",
]
SCREENSHOTS = {
    "start": "home",
    "praxisbeispiele": "overview:praxisbeispiele",
    "praxisbeispiel": "record:praxisbeispiele",
}

# The focused element: its ring (outline of 2 px or more, or a box shadow) and whether a sighted
# reader can see it at all (shown, not transparent, of some size, inside the window, on top).
FOCUS_STYLE = """async () => {
    await new Promise((done) => setTimeout(done, 20));  // Material reacts to focus after a 1 ms debounce
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));  // slide-ins
    const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
    const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const shown = e.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const inside = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    // not covered by another layer; the drawer's overlay only dims the page, the ring shows through
    const top = document.elementFromPoint(x, y);
    const uncovered = top !== null && (top === e || e.contains(top) || top.contains(e)
        || top.classList.contains("md-overlay"));
    return {tag: e.tagName, name: (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().slice(0, 40),
            ring: ring || s.boxShadow !== "none",
            visible: shown && r.width > 0 && r.height > 0 && inside && uncovered};
}"""


def visit(tracked_page, site_url: str, path: str):
    page = tracked_page.page
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == "de"
    return page


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_type_of_page_passes_axe_and_loads_nothing_from_other_hosts(
    tracked_page, site_url, built_site, page_type
):
    page = visit(tracked_page, site_url, page_path(built_site, page_type))
    assert axe_violations(page) == []
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []


@pytest.mark.parametrize("page_type", MOBILE_PAGE_TYPES)
def test_pages_pass_axe_on_a_phone(mobile_page, site_url, built_site, page_type):
    page = visit(mobile_page, site_url, page_path(built_site, page_type))
    assert axe_violations(page) == []
    # no sideways scrolling at 390 px (WCAG 1.4.10 reflow)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert mobile_page.foreign_requests() == [] and mobile_page.errors == []


def test_the_open_search_dialog_with_results_passes_axe(tracked_page, site_url):
    page = visit(tracked_page, site_url, "")
    assert open_search(page, "Großräschen")
    expect(page.get_by_role("dialog", name="Suche")).to_have_count(1)
    expect(page.locator(".hub-search__results")).to_be_visible()
    expect(page.locator("#hub-search-filter-bereich")).to_be_visible()  # filters shown, with counts
    assert axe_violations(page) == []
    assert tracked_page.foreign_requests() == []


def test_the_open_search_dialog_with_results_passes_axe_on_a_phone(mobile_page, site_url):
    page = visit(mobile_page, site_url, "")
    page.locator("[data-hub-search-open]").click()  # the magnifier in the header
    assert open_search(page, "Großräschen")
    dialog = page.get_by_role("dialog", name="Suche")
    expect(dialog).to_have_count(1)
    expect(page.locator(".hub-search__results")).to_be_visible()
    box = dialog.bounding_box()
    assert box["width"] >= page.viewport_size["width"] - 1  # the whole screen on a phone
    assert page.evaluate("document.getElementById('hub-search').scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    assert mobile_page.foreign_requests() == []


def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(tracked_page, site_url):
    page = visit(tracked_page, site_url, "kommunen/zossen/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Zum Inhalt"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#zossen")
    page.keyboard.press("Tab")  # the next stop is in the article, not in the header or navigation
    assert page.evaluate("document.activeElement.closest('article.md-content__inner') !== null")


def test_keyboard_reaches_the_search_opens_it_and_enter_opens_a_result(tracked_page, site_url):
    page = visit(tracked_page, site_url, "")
    button = page.locator("[data-hub-search-open]")
    for _ in range(8):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab does not reach the search button")
    dialog = page.locator("#hub-search")
    box = page.locator("#hub-search-input")
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    page.locator("h1").first.click()  # back on the page, as after reading
    for key in ("/", "s"):
        page.keyboard.press(key)
        expect(box).to_be_focused()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        # Focus goes back to the button with the dialog's close event, a moment after it is hidden;
        # a key pressed before that still reaches the search box, as typing, and opens nothing.
        expect(button).to_be_focused()
    page.keyboard.press("/")
    page.keyboard.type("Zossen")
    expect(page.locator("[data-hub-search-status]")).to_have_text(re.compile(r"Ergebnisse? für „Zossen“"))
    page.keyboard.press("Tab")  # past the filters (their fold, „Filter“, and the selects) to the first result
    while page.evaluate("document.activeElement.tagName") in ("SUMMARY", "SELECT"):
        page.keyboard.press("Tab")
    target = site_path(page.evaluate("document.activeElement.href"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site_path(page.url) == target
    assert "zossen" in target
    assert tracked_page.errors == []


@pytest.mark.parametrize(
    "path, last_link", [("", "Offene Daten"), ("foerderrunden/", "Partner")], ids=["top-level", "in-a-section"]
)
def test_keyboard_opens_the_navigation_on_a_phone(mobile_page, site_url, path, last_link):
    page = visit(mobile_page, site_url, path)
    menu = page.locator("label.md-header__button[for=__drawer]")
    for _ in range(4):
        page.keyboard.press("Tab")
        if menu.evaluate("label => label === document.activeElement"):
            break
    else:
        pytest.fail("Tab does not reach the menu button")
    assert menu.inner_text() == "Navigation"
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked()
    # Tab now walks through the navigation, and only through what can be seen
    names = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["visible"], (focused, names)
        names.append(focused["name"])
        if focused["name"] == last_link:
            break
    else:
        pytest.fail(f"the navigation's last link is not reachable: {names}")


def test_closed_panels_hold_no_invisible_tab_stops_on_a_phone(mobile_page, site_url):
    page = visit(mobile_page, site_url, "praxisbeispiele/")
    hidden_stops = []
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if not focused["visible"]:
            hidden_stops.append(focused)
    assert hidden_stops == []


@pytest.mark.parametrize("path", ["praxisbeispiele/", "daten/"])
def test_every_link_and_button_shows_where_the_focus_is(tracked_page, site_url, path):
    page = visit(tracked_page, site_url, path)
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "BODY":
            break
        seen.add(focused["tag"])
        assert focused["ring"], focused
        assert focused["visible"], focused
    assert "A" in seen
    assert "BUTTON" in seen, seen  # the search button in the header at least


def test_screenshots_of_home_a_practice_and_the_practices_on_desktop_and_phone(
    tracked_page, mobile_page, site_url, built_site, artifacts
):
    for device, tracked in (("desktop", tracked_page), ("mobile", mobile_page)):
        for name, page_type in SCREENSHOTS.items():
            page = visit(tracked, site_url, page_path(built_site, page_type))
            path = artifacts / f"{name}-{device}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, device)
