"""Reader features in a real browser: filtering the overviews, the map, upcoming and past events.

Static checks of the same pages (markup, JSON-LD, Open Graph) are in tests/test_reader_markup.py.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import yaml
from support import ROOT

VISIBLE_ITEMS = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter((li) => li.checkVisibility())
    .map((li) => li.querySelector("a").getAttribute("href").replace(/\\/$/, ""))"""


def data(collection: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "data" / collection).glob("*.yml"))
    }


def visible(page, selector: str = "[data-hub-item]") -> list[str]:
    return page.evaluate(VISIBLE_ITEMS, selector)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filtering_practices_by_topic_keeps_exactly_those_practices_and_the_url_keeps_the_state(
    tracked_page, site_url, artifacts
):
    page = tracked_page.page
    practices = data("practices")
    page.goto(site_url + "praxisbeispiele/")
    status = page.locator("[data-hub-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{len(practices)} von {len(practices)} Praxisbeispielen"
    assert sorted(visible(page)) == sorted(practices)

    page.get_by_label("Thema").select_option("klimawandel")
    expected = sorted(i for i, p in practices.items() if "klimawandel" in p["topics"])
    assert 0 < len(expected) < len(practices)
    assert sorted(visible(page)) == expected
    assert query(page) == {"thema": ["klimawandel"]}
    assert status.inner_text() == f"{len(expected)} von {len(practices)} Praxisbeispielen"
    page.screenshot(path=str(artifacts / "praxisbeispiele-klimawandel.png"), full_page=True)

    page.reload()  # a shared or reloaded link restores the filter
    assert page.get_by_label("Thema").input_value() == "klimawandel"
    assert sorted(visible(page)) == expected
    assert status.inner_text() == f"{len(expected)} von {len(practices)} Praxisbeispielen"

    page.get_by_role("button", name="Filter zurücksetzen").click()
    assert sorted(visible(page)) == sorted(practices)
    assert query(page) == {}
    assert tracked_page.errors == [] and tracked_page.foreign_requests() == []


def test_filters_combine_and_a_shared_link_applies_them(tracked_page, site_url):
    page = tracked_page.page
    projects = data("projects")
    page.goto(site_url + "modellvorhaben/?runde=runde-2&thema=klimawandel")
    expected = sorted(i for i, p in projects.items() if p["round"] == "runde-2" and "klimawandel" in p["topics"])
    assert sorted(visible(page)) == expected
    assert page.locator("[data-hub-status]").inner_text() == f"{len(expected)} von {len(projects)} Modellvorhaben"
    # round 1 is empty under this filter, and says so
    assert page.locator("#modellvorhaben-runde-1 [data-hub-empty]").is_visible()
    assert not page.locator("#modellvorhaben-runde-2 [data-hub-empty]").is_visible()


def test_the_filter_works_with_the_keyboard(tracked_page, site_url):
    page = tracked_page.page
    practices = data("practices")
    page.goto(site_url + "praxisbeispiele/")
    page.locator(".hub-facets select").first.focus()
    for _ in range(8):  # Tab from the first filter reaches the round filter
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-runde":
            break
    assert page.evaluate("document.activeElement.id") == "filter-runde"
    page.keyboard.press("ArrowDown")  # a closed select changes on arrow keys
    value = page.locator("#filter-runde").input_value()
    assert value == "runde-1"
    projects = data("projects")
    expected = sorted(i for i, p in practices.items() if any(projects[x]["round"] == value for x in p["projects"]))
    assert sorted(visible(page)) == expected
    assert query(page) == {"runde": ["runde-1"]}


def test_without_javascript_the_full_list_shows_and_no_dead_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "praxisbeispiele/?thema=klimawandel")
    assert not page.locator("form.hub-facets").is_visible()
    assert page.locator("[data-hub-item]").count() == len(data("practices"))
    assert all(
        page.locator("[data-hub-item]").nth(i).is_visible() for i in range(page.locator("[data-hub-item]").count())
    )
    page.goto(site_url + "veranstaltungen/")
    assert page.get_by_role("heading", name="Alle Veranstaltungen").is_visible()
    assert not page.get_by_role("heading", name="Kommende Veranstaltungen").is_visible()
    toc = page.locator(".md-sidebar--secondary")
    assert toc.get_by_role("link", name="Alle Veranstaltungen").is_visible()
    assert not toc.get_by_role("link", name="Kommende Veranstaltungen").is_visible()
    context.close()


def test_map_shows_every_model_town_and_a_marker_leads_to_its_page(tracked_page, site_url):
    page = tracked_page.page
    cities = data("cities")
    for url in (site_url, site_url + "kommunen/"):
        page.goto(url)
        for city_id, city in cities.items():
            marker = page.locator(f'.hub-map a[data-town="{city_id}"]')
            assert marker.count() == 1, (url, city_id)
            assert marker.is_visible()
            assert page.get_by_role("link", name=city["title"], exact=True).count() >= 1
    page.goto(site_url)
    page.locator('.hub-map a[data-town="zossen"] circle').click()
    page.wait_for_url("**/kommunen/zossen/")
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == cities["zossen"]["title"]  # ¶: permalink
    assert tracked_page.errors == [] and tracked_page.foreign_requests() == []


def _events_page(browser, site_url, today: dt.datetime):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(today)
    page.goto(site_url + "veranstaltungen/")
    return context, page


def _last_day(event: dict) -> str:
    return str(event.get("end", event["start"]))[:10]


def test_events_split_into_upcoming_and_past_by_the_readers_date(browser, site_url):
    events = data("events")
    context, page = _events_page(browser, site_url, dt.datetime(2024, 9, 4, 12, 0))
    upcoming = visible(page, '[data-hub-when="upcoming"] [data-hub-item]')
    past = visible(page, '[data-hub-when="past"] [data-hub-item]')
    expected_upcoming = sorted(
        (i for i, e in events.items() if _last_day(e) >= "2024-09-04"), key=lambda i: str(events[i]["start"])
    )
    assert [u.rsplit("/", 1)[-1] for u in upcoming] == expected_upcoming  # soonest first
    assert "zwischenbilanzkonferenz-2024" in upcoming[0]  # an event of today is still to come
    past_ids = [p.rsplit("/", 1)[-1] for p in past]
    assert sorted(past_ids) == sorted(set(events) - set(expected_upcoming))
    starts = [str(events[i]["start"])[:10] for i in past_ids]
    assert starts == sorted(starts, reverse=True)  # newest first
    assert page.get_by_role("heading", name="Kommende Veranstaltungen").is_visible()
    assert page.get_by_role("heading", name="Vergangene Veranstaltungen").is_visible()
    assert not page.get_by_role("heading", name="Alle Veranstaltungen").is_visible()
    toc = page.locator(".md-sidebar--secondary")  # lists only the sections that are shown
    assert toc.get_by_role("link", name="Kommende Veranstaltungen").is_visible()
    assert not toc.get_by_role("link", name="Alle Veranstaltungen").is_visible()

    page.get_by_label("Jahr").select_option("2025")  # the filter works on the split lists
    in_2025 = [i for i, e in events.items() if str(e["start"]).startswith("2025")]
    assert sorted(visible(page)) == sorted(in_2025)
    assert page.locator("[data-hub-status]").inner_text() == f"{len(in_2025)} von {len(events)} Veranstaltungen"
    assert page.locator('[data-hub-when="past"] [data-hub-empty]').is_visible()
    context.close()


def test_after_the_last_event_nothing_is_announced_as_upcoming(browser, site_url):
    context, page = _events_page(browser, site_url, dt.datetime(2030, 1, 1, 9, 0))
    assert visible(page, '[data-hub-when="upcoming"] [data-hub-item]') == []
    assert page.get_by_text("Keine kommenden Veranstaltungen.").is_visible()
    assert len(visible(page, '[data-hub-when="past"] [data-hub-item]')) == len(data("events"))
    context.close()
