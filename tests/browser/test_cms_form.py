"""The form at /admin/ speaks German and protects, in Chromium (same setup as test_cms.py).

Event times through the hub's pickers, in Berlin time and without „UTC“; the check's rule „the end
lies not before the start“ refused before saving; capitalised singular and plural list labels;
whole numbers typed keystroke by keystroke (21.000 must become 21000, never 21); a project without
a period saved; no publish button; no „gespeichert“ on a new form; the record's id once it exists.
"""

from __future__ import annotations

import re

import pytest
import yaml
from test_cms import SCREENSHOTS, checked_branch, cms_session, git, open_form, pick, save, type_into

FORM_TIMEOUT = 15000


@pytest.fixture(scope="module")
def cms(built_site, tmp_path_factory, browser):
    yield from cms_session(built_site, tmp_path_factory, browser)


def test_event_times_are_picked_in_berlin_time_and_an_end_before_the_start_is_refused(cms, tmp_path):
    page, repo = cms["page"], cms["repo"]
    open_form(page, cms["base"], "events/new")
    page.locator("input[id^='title-field']").first.fill("Werkstatt Klimaanpassung")
    assert page.get_by_text("UTC", exact=True).count() == 0
    start_day = page.get_by_label("Beginn: Tag")
    assert start_day.get_attribute("type") == "date"
    start_day.fill("2024-06-12")
    page.get_by_label("Beginn: Uhrzeit (Ortszeit Berlin, freiwillig)").fill("10:00")
    page.get_by_label("Ende: Tag").fill("2024-06-12")
    page.get_by_label("Ende: Uhrzeit (Ortszeit Berlin, freiwillig)").fill("09:00")
    page.get_by_role("button", name="Speichern", exact=True).click()
    message = page.get_by_text("Ende liegt vor dem Beginn (2024-06-12T10:00); bitte prüfen.")
    message.first.wait_for(timeout=FORM_TIMEOUT)
    page.screenshot(path=SCREENSHOTS / "ende-vor-beginn.png")
    assert "cms/events/werkstatt-klimaanpassung" not in git(repo, "branch", "--list")
    page.get_by_label("Ende: Uhrzeit (Ortszeit Berlin, freiwillig)").fill("12:30")
    pick(page, "kind", "Workshop")
    page.fill("input[id^='name-field']", "Rathaus Angermünde")
    page.fill("textarea[id^='summary-field']", "Eine Werkstatt zur Klimaanpassung im Rathaus, offen für alle Kommunen.")
    page.get_by_role("button", name=re.compile(r"heutiges Datum eintragen$")).first.click()
    page.get_by_role("button", name="Quelle hinzufügen").click()  # a source: address, title, publisher
    page.locator("input[id^='url-field']").last.fill("https://www.angermuende.de/")
    page.locator("input[id^='title-field']").last.fill("Startseite der Stadt Angermünde")
    page.locator("input[id^='publisher-field']").last.fill("Stadt Angermünde")
    branch = "cms/events/werkstatt-klimaanpassung"
    save(page, repo, branch)
    target = checked_branch(repo, branch, tmp_path)
    data = yaml.safe_load((target / "data/events/werkstatt-klimaanpassung.yml").read_text(encoding="utf-8"))
    assert (data["start"], data["end"]) == ("2024-06-12T10:00", "2024-06-12T12:30")  # local time, as written


def test_list_labels_are_capitalised_german_and_singular_on_the_button(cms):
    page = cms["page"]
    open_form(page, cms["base"], "practices/new")
    for name in ("Schritt hinzufügen", "Quelle hinzufügen", "Stolperstein hinzufügen", "Hinweis hinzufügen"):
        assert page.get_by_role("button", name=name).count() == 1, name
    assert page.get_by_text("0 Quellen", exact=True).count() == 1
    assert page.get_by_text("quellen", exact=False).count() == page.get_by_text("Quellen", exact=False).count()
    # a new, empty form has nothing saved: no „Änderungen gespeichert“
    assert page.get_by_text("Änderungen gespeichert", exact=False).count() == 0
    assert page.get_by_text("Keine ungespeicherten Änderungen").count() == 1
    page.get_by_role("button", name="Quelle hinzufügen").click()
    assert page.get_by_text("1 Quelle", exact=True).count() == 1
    assert page.get_by_role("button", name="Veröffentlichen").count() == 0
    page.screenshot(path=SCREENSHOTS / "listen.png")


def test_whole_numbers_typed_key_by_key_are_saved_exactly(cms, tmp_path):
    page, repo = cms["page"], cms["repo"]
    open_form(page, cms["base"], "cities/entries/altdoebern")
    field = "input[id^='population-field']"
    page.fill(field, "")
    type_into(page, field, "1.9")  # not a whole number: refused, never saved as 1
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Bitte eine ganze Zahl eintragen, ohne Komma").first.wait_for(timeout=FORM_TIMEOUT)
    assert page.locator(field).input_value() == "1.9"  # the field shows what was typed
    page.fill(field, "")
    type_into(page, field, "21.000")
    assert page.locator(field).input_value() == "21.000"
    branch = "cms/cities/altdoebern"
    save(page, repo, branch)
    target = checked_branch(repo, branch, tmp_path)
    data = yaml.safe_load((target / "data/cities/altdoebern.yml").read_text(encoding="utf-8"))
    assert data["population"] == 21000


def test_a_project_without_a_period_can_be_saved_and_shows_its_id(cms, tmp_path):
    page, repo = cms["page"], cms["repo"]
    without = next(
        p.stem
        for p in sorted((repo / "data/projects").glob("*.yml"))
        if "period" not in yaml.safe_load(p.read_text(encoding="utf-8"))
    )
    open_form(page, cms["base"], f"projects/entries/{without}")
    assert page.locator("output[id^='kennung-field']").inner_text() == without  # the id, once it exists
    title = page.locator("input[id^='title-field']").first  # the record's, before its sources' titles
    title.fill(title.input_value() + " (geprüft)")
    branch = f"cms/projects/{without}"
    save(page, repo, branch)
    checked_branch(repo, branch, tmp_path)
    assert page.get_by_role("button", name="Veröffentlichen").count() == 0  # the review path only
