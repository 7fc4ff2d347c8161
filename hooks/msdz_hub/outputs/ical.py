"""The events as iCalendar (RFC 5545), built with the icalendar library.

UIDs come from collection and id, so a renamed event stays the same calendar entry. Timed events
carry TZID=Europe/Berlin with a VTIMEZONE; events given as dates are all-day events. DTSTAMP is
taken from the record's dates, not from the clock, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.dates import BERLIN, at_midnight
from ..core.settings import SiteSettings
from ..model import Hub, Record
from .selections import selection_calendars

if TYPE_CHECKING:
    import icalendar

# icalendar is imported where calendars are written, not here: planning a site (see pipeline and
# worker) needs only the calendars' paths, and the build waits for the plan.

PRODID = "-//Land Brandenburg//Wissenstransfer Meine Stadt der Zukunft//DE"
EVENT_FILE = "termin.ics"  # beside each event's page


def _as_berlin(moment: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(BERLIN)
    return moment


def event_component(record: Record, settings: SiteSettings) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    event.add("uid", f"{record.key}@{settings.tag_authority.split(',')[0] or 'hub'}")
    event.add("dtstamp", at_midnight(record.updated_day, dt.UTC))
    event.add("summary", record.title)
    start, end = _as_berlin(record.event_start), record.end
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
        event.add("last-modified", at_midnight(record.updated_day, dt.UTC))
    return event


_END = b"END:VCALENDAR\r\n"  # a calendar's last line


_NAME = "X-WR-CALNAME"  # the one property in which calendars differ
_NAME_STAND_IN = "\ue000N"  # a private-use character never written by an editor (validation refuses them)


def _named(name: str) -> icalendar.Calendar:
    """A calendar without its events, named ``name``."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(_NAME, name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    return calendar


def name_line(name: str) -> bytes:
    """The calendar's name as icalendar writes it among the calendar's properties (escaped, folded)."""
    import icalendar

    alone = icalendar.Calendar()
    alone.add(_NAME, name)
    return alone.content_line(_NAME, alone[_NAME]).to_ical() + b"\r\n"


class _Components:
    """Each event's VEVENT and each VTIMEZONE serialised once, for every calendar that holds it.

    A component's lines do not depend on the calendar around it, so a calendar is its own
    properties with the serialised components spliced in before its END line, exactly where
    icalendar puts them: time zones first, then the events. Its properties are serialised by
    icalendar once, with a stand-in for the name, the only one that differs (thousands of filters'
    calendars in a large hub; tests/test_calendars.py compares the bytes).
    """

    def __init__(self, settings: SiteSettings):
        self._settings = settings
        self._timezones: dict[str, bytes] = {}
        self._head: tuple[bytes, bytes] | None = None

    def event(self, record: Record) -> tuple[bytes, frozenset[str]]:
        """A record's VEVENT as bytes, and the TZIDs it names: made once per hub, through the hub's
        memo, so every calendar that takes it depends on the event (the rule in engine/tracing.py)."""
        return record.hub.remember(("vevent", record.key), self._serialised, record)

    def _serialised(self, record: Record) -> tuple[bytes, frozenset[str]]:
        event = event_component(record, self._settings)
        every_params = (getattr(value, "params", {}) for _, value in event.property_items(sorted=False))
        tzids = frozenset(params["TZID"] for params in every_params if "TZID" in params) - {
            "UTC"
        }  # UTC is written with a Z and needs no VTIMEZONE
        return event.to_ical(), tzids

    def timezone(self, tzid: str) -> bytes:
        found = self._timezones.get(tzid)
        if found is None:
            import icalendar

            found = self._timezones[tzid] = icalendar.Timezone.from_tzid(tzid).to_ical()
        return found

    def _properties(self) -> tuple[bytes, bytes]:
        """A calendar's lines before its name and after it, up to its END line."""
        if self._head is None:
            head = _named(_NAME_STAND_IN).to_ical()
            before, found, after = head.partition(name_line(_NAME_STAND_IN))
            if not found or not after.endswith(_END):
                raise ValueError("icalendar wrote a calendar's properties in an unexpected form")
            self._head = before, after[: -len(_END)]
        return self._head

    def calendar(self, records: Iterable[Record], name: str) -> bytes:
        before, after = self._properties()
        events = [self.event(r) for r in sorted(records, key=lambda r: (str(r.data["start"]), r.id))]
        tzids = sorted(set().union(*(tzids for _, tzids in events)))  # a VTIMEZONE for every TZID used
        return b"".join(
            [before, name_line(name), after, *map(self.timezone, tzids), *(ical for ical, _ in events), _END]
        )


def event_calendar_path(event: Record) -> str:
    """The file of one event alone, for „Termin speichern“ on its page."""
    return f"{event.url}{EVENT_FILE}"


def calendar_sources(hub: Hub, settings: SiteSettings) -> list[tuple[str, list[Record], str]]:
    """(path, events, name) of each calendar: all events, one per topic that has events, one per
    selection of the events overview's filter, and each event alone."""
    sources = [("veranstaltungen/kalender.ics", hub.all("events"), settings.title)]
    for topic in hub.all("topics"):
        events = topic.linked("events")
        if events:
            sources.append((f"{topic.url}kalender.ics", events, f"{topic.title} – {settings.title}"))
    sources += selection_calendars(hub, settings)
    sources += [(event_calendar_path(e), [e], e.title) for e in hub.all("events")]
    return sources


def calendar_outputs(hub: Hub, settings: SiteSettings) -> dict[str, Callable[[], bytes]]:
    """Each calendar's file by path, made when called; every event and time zone is serialised
    once for all of them."""
    components = _Components(settings)
    return {
        path: functools.partial(components.calendar, events, name)
        for path, events, name in calendar_sources(hub, settings)
    }
