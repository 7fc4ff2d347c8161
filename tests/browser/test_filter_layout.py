"""Filters that stay out of the way, in Chromium: on a phone the overview's filters fold behind one
„Filter (n aktiv)“ button with the count above the list, a change shows without scrolling; on a
desktop a chosen value shows in full; a facet most records share comes last and says why; the home
page chooses topic and size in one step. axe finds nothing on phone and desktop, and without
JavaScript the lists are complete as before.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browsing import axe_violations, open_search
from playwright.sync_api import expect
from support import ROOT

PRACTICES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data/practices").glob("*.yml")}
PHONE_HEIGHT = 844


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE_HEIGHT


def test_on_a_phone_the_filters_fold_behind_one_button_and_the_count_sits_above_the_results(mobile_page, site_url):
    page = mobile_page.page
    page.goto(site_url + "praxisbeispiele/?thema=teilhabe&groesse=unter-10000")
    toggle = page.locator("[data-hub-toggle]")
    expect(toggle).to_have_text("Filter (2 aktiv)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#filter-thema")).to_be_hidden()
    status = page.locator("[data-hub-status]")
    first = page.locator("#praxisbeispiele-liste [data-hub-item]:visible").first
    assert status.bounding_box()["y"] < first.bounding_box()["y"]
    assert first.bounding_box()["y"] < PHONE_HEIGHT  # the first result on the first screen
    assert mobile_page.errors == []


def test_on_a_phone_a_chosen_value_shows_its_effect_without_scrolling(mobile_page, site_url):
    page = mobile_page.page
    page.goto(site_url + "praxisbeispiele/")
    toggle = page.locator("[data-hub-toggle]")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    status = page.locator("[data-hub-status]")
    before = status.inner_text()
    year = page.locator("#filter-jahr")  # the lowest select but one: the form is longer than the screen
    year.scroll_into_view_if_needed()
    year.select_option(index=1)
    expect(status).not_to_have_text(before)
    assert on_screen(page, status), status.bounding_box()  # the count stays in view
    expect(toggle).to_have_text("Filter (1 aktiv)")
    assert on_screen(page, toggle)


def test_on_a_desktop_the_chosen_values_show_in_full(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "praxisbeispiele/?thema=teilhabe&groesse=unter-10000")
    expect(page.locator("[data-hub-toggle]")).to_be_hidden()  # nothing folded on a desktop
    for select in ("#filter-thema", "#filter-groesse"):
        room, needed = page.locator(select).evaluate(
            """s => {
                const style = getComputedStyle(s);
                const ctx = document.createElement("canvas").getContext("2d");
                ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                const text = s.options[s.selectedIndex].text;
                const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
                return [s.clientWidth - padding - 20, ctx.measureText(text).width];  // 20 px: the arrow
            }"""
        )
        assert needed <= room, (select, needed, room)


def test_a_topic_most_practices_share_comes_last_and_says_why(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "praxisbeispiele/")
    topic, count = Counter(t for p in PRACTICES.values() for t in p["topics"]).most_common(1)[0]
    assert count > 0.8 * len(PRACTICES), "no topic on more than 80 % of the practices any more"
    fields = page.locator(".hub-facets__field")
    last = fields.nth(fields.count() - 1)
    expect(last.locator("select")).to_have_attribute("name", "thema")
    hint = last.locator(".hub-facets__hint")
    expect(hint).to_contain_text(f"{count} von {len(PRACTICES)} Praxisbeispielen")
    expect(last.locator("select")).to_have_attribute("aria-describedby", hint.get_attribute("id"))
    assert topic in last.locator("select").inner_html()


def test_the_home_page_chooses_topic_and_size_in_one_step(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url)
    page.get_by_label("1. Thema wählen").select_option("klimawandel")
    page.get_by_label("2. Größe wählen").select_option("20000-50000")
    page.get_by_role("button", name="3. Praxisbeispiele zeigen").click()
    page.wait_for_url("**/praxisbeispiele/**")
    assert parse_qs(urlsplit(page.url).query) == {"thema": ["klimawandel"], "groesse": ["20000-50000"]}
    expect(page.locator("#filter-thema")).to_have_value("klimawandel")
    expect(page.locator("#filter-groesse")).to_have_value("20000-50000")
    shown = page.locator("#praxisbeispiele-liste [data-hub-item]:visible").count()
    expect(page.locator("[data-hub-status]")).to_have_text(f"{shown} von {len(PRACTICES)} Praxisbeispielen")
    assert 0 < shown < len(PRACTICES)


def test_without_javascript_the_chooser_still_opens_the_full_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(site_url)
    page.get_by_label("1. Thema wählen").select_option("klimawandel")
    page.get_by_role("button", name="3. Praxisbeispiele zeigen").click()
    page.wait_for_url("**/praxisbeispiele/**")
    assert page.locator("form[data-hub-facets]").is_hidden()  # no dead form
    assert page.locator("#praxisbeispiele-liste [data-hub-item]:visible").count() == len(PRACTICES)
    context.close()


@pytest.mark.parametrize("path", ["", "praxisbeispiele/?thema=teilhabe&groesse=unter-10000", "veranstaltungen/"])
def test_axe_finds_nothing_on_the_filters_on_a_phone_folded_and_open(mobile_page, site_url, path):
    page = mobile_page.page
    page.goto(site_url + path)
    assert axe_violations(page) == []
    toggle = page.locator("[data-hub-toggle]")
    if toggle.count():
        toggle.click()
        assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["", "praxisbeispiele/?thema=teilhabe", "modellvorhaben/"])
def test_axe_finds_nothing_on_the_filters_on_a_desktop(tracked_page, site_url, path):
    page = tracked_page.page
    page.goto(site_url + path)
    assert axe_violations(page) == []


def test_on_a_phone_the_searchs_filters_fold_and_the_first_result_is_on_the_first_screen(mobile_page, site_url):
    page = mobile_page.page
    page.goto(site_url)
    results = open_search(page, "Beteiligung")
    assert results.count > 3
    refine = page.locator("[data-hub-search-refine]")
    expect(refine).to_be_visible()
    expect(refine.locator("select").first).to_be_hidden()  # folded behind „Filter“
    first = page.locator(".hub-search__result").first
    assert first.bounding_box()["y"] < PHONE_HEIGHT / 2, first.bounding_box()
    assert axe_violations(page) == []
    refine.locator("summary").click()
    area = page.locator("#hub-search-filter-bereich")
    area.select_option(label=area.locator("option", has_text="Praxisbeispiel").first.text_content())
    expect(refine.locator("summary")).to_have_text("Filter (1 aktiv)")
    assert axe_violations(page) == []
