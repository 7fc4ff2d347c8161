"""Dates and moments as the data writes them, read one way everywhere.

Records hold dates as text, exactly as the editor wrote them (the loader keeps YAML from guessing):
``2021``, ``2021-04``, ``2021-04-21`` or ``2021-04-21T10:00`` with an optional offset. A moment
without an offset is Berlin time, whatever zone the build machine has. Validation, the model and
every output read them through these functions, so that a date means the same on each of them.

Every moment comes out in Berlin time, whatever offset the editor wrote: ``09:00Z`` is shown as
10:00 Uhr in winter, and ``+14:00`` cannot move an event to another Berlin day. A Berlin time
without an offset that the clock change skips (``2025-03-30T02:30``) or passes twice
(``2025-10-26T02:30``) is refused by validation (``wall_clock_problem``): the editor writes the
time meant, or the offset, so that no rule has to guess.
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
    """'2021-04-21' -> date; '2021-04-21T10:00' -> datetime in Berlin (converted there if an offset
    is given). For a text validation accepted; raises ValueError for any other."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    return _iso_instant(text)


def parse_instant(text: str) -> dt.datetime | None:
    """Any ISO text as an instant in Berlin time (a day alone is its midnight there);
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


def in_berlin(moment: dt.datetime) -> dt.datetime:
    """The same instant on Berlin's clock (a moment without a zone is taken as Berlin time)."""
    return moment.astimezone(BERLIN) if moment.tzinfo else moment.replace(tzinfo=BERLIN)


def wall_clock_problem(text: str) -> str | None:
    """Why a Berlin time without an offset is no single instant, in German; None if it is one.

    On the night the clocks go forward an hour of local times does not exist; on the night they
    go back an hour happens twice. Either way only the editor knows what was meant."""
    try:
        local = dt.datetime.fromisoformat(text)
    except ValueError:
        return None  # not a time of day: validation says so on its own
    if local.tzinfo is not None:
        return None  # an offset names the instant
    first, second = local.replace(tzinfo=BERLIN, fold=0), local.replace(tzinfo=BERLIN, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    clock = f"{local:%H:%M}"
    if in_berlin(first.astimezone(dt.UTC)).replace(tzinfo=None) != local:
        return (
            f"{clock} Uhr gibt es an diesem Tag in Berlin nicht: Die Uhren springen um 02:00 auf 03:00 "
            f"(Sommerzeit). Die gemeinte Uhrzeit eintragen, z. B. {local:%Y-%m-%d}T03:{local:%M}."
        )
    return (
        f"{clock} Uhr gibt es an diesem Tag in Berlin zweimal: Die Uhren werden um 03:00 auf 02:00 "
        f"zurückgestellt. Den Versatz dazuschreiben: {text}+02:00 (das erste Mal, Sommerzeit) "
        f"oder {text}+01:00 (das zweite Mal, Winterzeit)."
    )


def _iso_instant(text: str) -> dt.datetime:
    # 'Z' (UTC) as an offset, the form fromisoformat reads in every Python version.
    return in_berlin(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
