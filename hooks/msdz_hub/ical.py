"""The events as iCalendar (RFC 5545), built with the icalendar library.

UIDs come from collection and id, so a renamed event stays the same calendar entry. Timed events
carry TZID=Europe/Berlin with a VTIMEZONE; events given as dates are all-day events. DTSTAMP is
taken from the record's dates, not from the clock, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import icalendar

from .feeds import FeedSettings
from .model import BERLIN, Record

PRODID = "-//Land Brandenburg//Wissenstransfer Meine Stadt der Zukunft//DE"


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _as_berlin(moment: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(BERLIN)
    return moment


def event_component(record: Record, settings: FeedSettings) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{record.key}@{settings.tag_authority.split(',')[0] or 'hub'}")
    event.add("dtstamp", _utc_midnight(record.updated or record.published))
    event.add("summary", record.title)
    start, end = _as_berlin(record.start), record.end
    event.add("dtstart", start)
    if isinstance(start, dt.datetime):
        if end is not None:
            event.add("dtend", _as_berlin(end))
    else:  # all-day: DTEND is the day after the last day (exclusive)
        last_day = end.date() if isinstance(end, dt.datetime) else (end or start)
        event.add("dtend", last_day + dt.timedelta(days=1))
    location = record.data["location"]
    event.add("location", ", ".join(p for p in (location["name"], location.get("address", "")) if p))
    event.add("url", settings.absolute(record.url))
    event.add("description", f"{record.summary}\n\n{settings.absolute(record.url)}")
    topics = [t.title for t in record.refs("topics")]
    if topics:
        event.add("categories", topics)
    if record.data.get("updated"):
        event.add("last-modified", _utc_midnight(record.updated))
    return event


def build_calendar(records: Iterable[Record], settings: FeedSettings, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for record in sorted(records, key=lambda r: (str(r.data["start"]), r.id)):
        calendar.add_component(event_component(record, settings))
    calendar.add_missing_timezones()  # a VTIMEZONE for every TZID used
    return calendar.to_ical()


def all_calendars(hub, settings: FeedSettings) -> dict[str, bytes]:
    """The calendar of all events, and one per topic that has events."""
    files = {"veranstaltungen/kalender.ics": build_calendar(hub.all("events"), settings, settings.title)}
    for topic in hub.all("topics"):
        events = topic.linked("events")
        if events:
            files[f"{topic.url}kalender.ics"] = build_calendar(events, settings, f"{topic.title} – {settings.title}")
    return files
