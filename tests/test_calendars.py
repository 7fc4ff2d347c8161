"""What other towns subscribe to and reuse, part two: the calendars (iCalendar) of all events and of each topic."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
from support import ROOT
from test_subscriptions import SITE_URL

# -- calendar --------------------------------------------------------------------------------


def test_the_calendar_holds_every_event(built_site):
    calendar = icalendar.Calendar.from_ical((built_site / "veranstaltungen/kalender.ics").read_bytes())
    events = {str(e["uid"]).split("@")[0] for e in calendar.walk("VEVENT")}
    assert events == {f"events/{p.stem}" for p in (ROOT / "data/events").glob("*.yml")}
    for event in calendar.walk("VEVENT"):
        assert event.get("dtstamp") and event.get("dtstart") and event.get("summary") and event.get("url")
        assert str(event["url"]).startswith(SITE_URL)


def test_topic_calendars_exist_for_topics_with_events(built_site):
    calendar = icalendar.Calendar.from_ical((built_site / "themen/digitalisierung/kalender.ics").read_bytes())
    assert calendar.walk("VEVENT")


def test_timed_events_keep_local_time_across_the_dst_switch(tiny_hub):
    for day, start in (("winter", "2021-03-27T10:00"), ("sommer", "2021-03-29T10:00")):
        tiny_hub.write(
            f"events/{day}.yml",
            f"""
            title: Termin im {day}
            kind: workshop
            start: "{start}"
            end: "{start[:11]}12:30"
            location: {{name: Rathaus Zossen, city: zossen}}
            summary: Ein Termin, der die Zeitumstellung prüft.
            published: 2021-03-01
            sources: [{{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}}]
        """,
        )
    ics = tiny_hub.build().files["veranstaltungen/kalender.ics"]
    calendar = icalendar.Calendar.from_ical(ics)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:20210327T100000" in ics
    assert b"DTSTART;TZID=Europe/Berlin:20210329T100000" in ics
    by_uid = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    utc = dt.UTC
    assert by_uid["events/winter"]["dtstart"].dt.astimezone(utc).hour == 9  # CET, +01:00
    assert by_uid["events/sommer"]["dtstart"].dt.astimezone(utc).hour == 8  # CEST, +02:00
    assert by_uid["events/sommer"]["dtend"].dt.astimezone(utc).strftime("%H:%M") == "10:30"
    all_day = by_uid["events/fachkonferenz-2021"]
    assert all_day["dtstart"].dt == dt.date(2021, 4, 21) and all_day["dtend"].dt == dt.date(2021, 4, 22)


def _vevents(ics: bytes) -> dict[str, bytes]:
    """Each VEVENT's lines by UID, as the file has them."""
    events = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", ics, flags=re.S)
    return {re.search(rb"\r\nUID:(.*?)\r\n", e).group(1).decode(): e for e in events}


def test_topic_calendars_share_the_site_calendars_events_and_time_zone(tiny_hub):
    tiny_hub.write(
        "topics/gemeinwohl.yml",
        """
        title: Gemeinwohl
        summary: Gemeinwohlorientierte Stadtentwicklung.
    """,
    )
    for name, start, topic in (("werkstatt", "2021-10-30T10:00", "klimawandel"), ("tag", "2021-11-02", "gemeinwohl")):
        tiny_hub.write(
            f"events/{name}.yml",
            f"""
            title: Termin {name}
            kind: workshop
            start: "{start}"
            location: {{name: Rathaus Zossen, city: zossen}}
            summary: Ein Termin für den Test der Themenkalender.
            topics: [{topic}]
            published: 2021-09-01
            sources: [{{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}}]
        """,
        )
    files = tiny_hub.build().files
    site = files["veranstaltungen/kalender.ics"]
    site_events = _vevents(site)
    for path, expected_uids, timed in (
        ("themen/klimawandel/kalender.ics", {"events/werkstatt"}, True),
        ("themen/gemeinwohl/kalender.ics", {"events/tag"}, False),
    ):
        ics = files[path]
        calendar = icalendar.Calendar.from_ical(ics)
        events = _vevents(ics)
        assert {uid.split("@")[0] for uid in events} == expected_uids, path
        for uid, lines in events.items():
            assert lines == site_events[uid], (path, uid)
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == (["Europe/Berlin"] if timed else []), path
        assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
        assert ics.count(b"BEGIN:VCALENDAR") == 1 and ics.count(b"END:VCALENDAR") == 1
        if timed:  # the time zone comes before the events that name it
            assert ics.index(b"END:VTIMEZONE") < ics.index(b"BEGIN:VEVENT")
    assert site.count(b"BEGIN:VTIMEZONE") == 1


def test_a_calendar_is_the_bytes_icalendar_writes_for_it_whatever_its_name(tiny_hub):
    """Calendars are spliced from pieces serialised once (outputs/ical.py): the same bytes as
    icalendar writing the whole calendar, also for a long name it folds and one with characters it escapes."""
    from support import TEST_OPERATOR

    from msdz_hub.core.settings import Operator, SiteSettings
    from msdz_hub.outputs.ical import _Components, _named, event_component
    from msdz_hub.plan import load_hub

    tiny_hub.write(
        "events/abend.yml",
        """
        title: Abendtermin
        kind: workshop
        start: "2021-10-30T18:00"
        location: {name: Rathaus Zossen, city: zossen}
        summary: Ein Termin mit Uhrzeit, also mit Zeitzone.
        published: 2021-09-01
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
    """,
    )
    settings = SiteSettings(
        "https://hub.example/", "Testhub", "D", "Testredaktion", "hub.example,2026", Operator.from_dict(TEST_OPERATOR)
    )
    events = sorted(load_hub(tiny_hub.root).all("events"), key=lambda r: (str(r.data["start"]), r.id))
    assert len(events) >= 2
    for name in (
        "Veranstaltungen – Kommune: Zossen · Jahr: 2021 – Testhub",
        "Veranstaltungen – Thema: Gemein & Wohl; „heute“, morgen \\ übermorgen – " + "Größenklasse ä " * 12,
    ):
        whole = _named(name)
        whole.add_component(icalendar.Timezone.from_tzid("Europe/Berlin"))
        for event in events:
            whole.add_component(event_component(event, settings))
        assert _Components(settings).calendar(events, name) == whole.to_ical(), name
