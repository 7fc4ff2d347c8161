"""Every moment an event gives is shown on Berlin's clock, wherever it appears: its page, the cards
of the overviews and the home page, the search data, JSON-LD and the calendar say the same hour
and the same day, whatever offset the editor wrote. Berlin times that the clock change skips or
passes twice are refused with a German message (tests/bad_input/event-time-in-*)."""

from __future__ import annotations

import json

import icalendar
import pytest
import yaml
from support import TinyHub

EVENT = """
title: Erste Fachkonferenz
kind: fachkonferenz
start: "{start}"
end: "{end}"
location: {{name: online, online: true}}
summary: Die erste Fachkonferenz zur digitalen Transformation.
projects: [zossen-2021]
published: 2021-04-21
sources: [{{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}}]
"""


def _built(tiny_hub: TinyHub, start: str, end: str):
    tiny_hub.write("events/fachkonferenz-2021.yml", EVENT.format(start=start, end=end))
    assert tiny_hub.problems() == []
    return tiny_hub.build()


def _json_ld(page: str) -> dict:
    """The page's JSON-LD, which its front matter hands to the theme."""
    front_matter = yaml.safe_load(page.split("---\n")[1])
    return json.loads(front_matter["hub_jsonld"])


def test_utc_is_shown_as_berlin_time_on_page_cards_json_ld_and_calendar(tiny_hub):
    site = _built(tiny_hub, "2025-11-27T09:00Z", "2025-11-27T11:30Z")
    page = site.pages["veranstaltungen/fachkonferenz-2021.md"]
    assert "27. November 2025, 10:00 Uhr" in page
    assert "12:30 Uhr" in page
    assert "09:00 Uhr" not in page and "11:30 Uhr" not in page
    for overview in ("veranstaltungen/index.md", "index.md"):
        cards = site.pages[overview]
        assert "10:00 Uhr" in cards and "09:00 Uhr" not in cards, overview
        assert 'datetime="2025-11-27T10:00:00+01:00"' in cards, overview
    data = _json_ld(page)
    assert data["startDate"] == "2025-11-27T10:00:00+01:00"
    event = icalendar.Calendar.from_ical(site.files["veranstaltungen/kalender.ics"]).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2025-11-27T10:00:00+01:00"


def test_a_far_offset_does_not_move_the_event_to_another_berlin_day(tiny_hub):
    # 08:00 at +14:00 on the 28th is 19:00 on the 27th in Berlin
    site = _built(tiny_hub, "2025-11-28T08:00+14:00", "2025-11-28T10:00+14:00")
    page = site.pages["veranstaltungen/fachkonferenz-2021.md"]
    assert "27. November 2025, 19:00 Uhr" in page and "28. November" not in page
    overview = site.pages["veranstaltungen/index.md"]
    assert 'data-start="2025-11-27"' in overview and 'data-end="2025-11-27"' in overview
    assert _json_ld(page)["startDate"] == "2025-11-27T19:00:00+01:00"


def test_summer_time_and_an_explicit_offset_agree(tiny_hub):
    site = _built(tiny_hub, "2025-06-12T08:00+00:00", "2025-06-12T12:00+02:00")
    page = site.pages["veranstaltungen/fachkonferenz-2021.md"]
    assert "12\\. Juni 2025, 10:00 Uhr bis 12\\. Juni 2025, 12:00 Uhr" in page  # escaped for Markdown


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2025-03-30T02:30", "02:30 Uhr gibt es an diesem Tag in Berlin nicht"),
        ("2025-10-26T02:30", "02:30 Uhr gibt es an diesem Tag in Berlin zweimal"),
    ],
)
def test_times_the_clock_change_skips_or_repeats_are_refused(tiny_hub, start, expected):
    tiny_hub.write("events/fachkonferenz-2021.yml", EVENT.format(start=start, end="2025-12-01T10:00"))
    problems = tiny_hub.problems()
    assert len(problems) == 1 and expected in problems[0], problems
    assert problems[0].startswith("data/events/fachkonferenz-2021.yml:3:8: error: 'start': ")


@pytest.mark.parametrize("start", ["2025-03-30T02:30+01:00", "2025-10-26T02:30+01:00", "2025-10-26T03:30"])
def test_the_same_night_with_an_offset_or_outside_the_hour_is_accepted(tiny_hub, start):
    tiny_hub.write("events/fachkonferenz-2021.yml", EVENT.format(start=start, end="2025-12-01T10:00"))
    assert tiny_hub.problems() == []


def test_the_search_data_and_the_year_filter_use_the_berlin_day(tiny_hub):
    # 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Berlin: the search result's date and
    # the year filter of the overview and the search say 2026, not the year the offset was written in.
    site = _built(tiny_hub, "2025-12-31T23:30Z", "2026-01-01T01:00Z")
    page = site.pages["veranstaltungen/fachkonferenz-2021.md"]
    search = yaml.safe_load(page.split("---\n")[1])["hub_search"]
    assert search["meta"]["date"] == "1. Januar 2026, 00:30 Uhr"
    assert search["filters"]["jahr"] == ["2026"]
    overview = site.pages["veranstaltungen/index.md"]
    assert 'data-start="2026-01-01"' in overview
