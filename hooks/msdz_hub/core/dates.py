"""Dates and moments as the data writes them, read one way everywhere.

Records hold dates as text, exactly as the editor wrote them (the loader keeps YAML from guessing):
``2021``, ``2021-04``, ``2021-04-21`` or ``2021-04-21T10:00`` with an optional offset. A moment
without an offset is Berlin time, whatever zone the build machine has. Validation, the model and
every output read them through these functions, so that a date means the same on each of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

# The fields that hold dates, wherever they stand in a record.
DATE_KEYS = frozenset(
    ("start", "end", "date", "published", "updated", "announced", "application_deadline", "population_as_of")
)


@functools.lru_cache(maxsize=4096)  # the same dates recur in many records, and pages ask again
def parse_date(text: str) -> dt.date | None:
    """'2021-04', '2021' or '2021-04-21' -> the first day it stands for; None if impossible."""
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return dt.date(*numbers)
    except (ValueError, OverflowError, TypeError):  # a year of ten digits; more than three parts (fuzz tests)
        return None


def parse_moment(text: str) -> dt.date | dt.datetime:
    """'2021-04-21' -> date; '2021-04-21T10:00' -> datetime in Berlin unless an offset is given.
    For a text validation accepted; raises ValueError for any other."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    return _iso_instant(text)


def parse_instant(text: str) -> dt.datetime | None:
    """Any ISO text as an instant (Berlin unless an offset is given; a day alone is its midnight);
    None if it is no ISO date."""
    try:
        return _iso_instant(text)
    except ValueError:
        return None


def parse_time_of_day(text: str) -> dt.datetime | None:
    """'2021-04-21T10:00' -> that instant; None for a day alone or a time that does not exist."""
    if "T" not in text:
        return None
    return parse_instant(text)


def at_midnight(day: dt.date, zone: dt.tzinfo = BERLIN) -> dt.datetime:
    """A date as the start of that day in ``zone``, independent of the build machine's zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)


def _iso_instant(text: str) -> dt.datetime:
    # 'Z' (UTC) as an offset, the form fromisoformat reads in every Python version.
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=BERLIN)
