"""The Monatsbrief: one letter per month with what was new or changed in the hub that month.

Made from the records' own dates, so a letter is the same on every build of a commit: a record is
new in the month of its ``published`` day, and changed in the month of its ``updated`` day (the
editor's „Zuletzt inhaltlich geändert“) when that is a later month. Commit times are not used:
a commit that only reformats files would otherwise fill a letter with nothing new. A month
without such a record gets no letter. Only what the feeds carry counts (practices, projects,
events, news).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.collections import COLLECTIONS
from ..model import Hub, Record

FOLDER = "monatsbrief/"
# The order of a letter's sections: what a town can reuse first.
SECTIONS = ("practices", "projects", "events", "news")
PLURALS = {"news": "Meldungen"}  # the collection's own plural is the name of its overview, „Aktuelles“


@dataclass(frozen=True)
class Letter:
    month: str  # "2025-11": its identity and address
    new: list[Record]  # newest first
    changed: list[Record]

    @property
    def first_day(self) -> dt.date:
        return dt.date.fromisoformat(f"{self.month}-01")

    @property
    def path(self) -> str:
        """Its page in the docs tree; the plain text is beside it (``text_path``)."""
        return f"{FOLDER}{self.month}.md"

    @property
    def url(self) -> str:
        return f"{FOLDER}{self.month}/"

    @property
    def text_path(self) -> str:
        return f"{FOLDER}{self.month}.txt"

    @property
    def records(self) -> list[Record]:
        return self.new + self.changed

    @property
    def last_day(self) -> dt.date:
        """The newest date in the letter: when it could first be written."""
        return max(_month_day(r) for r in self.records)

    @property
    def summary(self) -> str:
        """„2 neue Praxisbeispiele, 1 neue Meldung und 1 aktualisierter Eintrag“"""
        parts = []
        for name in SECTIONS:
            count = sum(1 for r in self.new if r.collection.name == name)
            if count:
                info = COLLECTIONS[name]
                neuter = info.unknown.startswith("unbekanntes") and count == 1
                plural = PLURALS.get(name, info.plural)
                parts.append(f"{count} {'neues' if neuter else 'neue'} {info.singular if count == 1 else plural}")
        if self.changed:
            count = len(self.changed)
            parts.append(f"{count} {'aktualisierter Eintrag' if count == 1 else 'aktualisierte Einträge'}")
        return ", ".join(parts[:-1]) + (" und " if len(parts) > 1 else "") + parts[-1]

    def sections(self) -> list[tuple[str, list[Record]]]:
        """(German plural, new records) per collection that has any, in SECTIONS order."""
        found = [
            (PLURALS.get(c, COLLECTIONS[c].plural), [r for r in self.new if r.collection.name == c]) for c in SECTIONS
        ]
        return [(name, records) for name, records in found if records]


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_day(record: Record) -> dt.date:
    """The day that puts the record into its letter: its change if later, else its publication."""
    updated = record.data.get("updated") and record.updated
    return updated if updated and _month(updated) != _month(record.published_day) else record.published_day


def letters(hub: Hub) -> list[Letter]:
    """Every month's letter, newest first."""
    new: dict[str, list[Record]] = {}
    changed: dict[str, list[Record]] = {}
    for name in SECTIONS:
        for record in hub.all(name):
            if not record.published:
                continue
            new.setdefault(_month(record.published_day), []).append(record)
            day = _month_day(record)
            if day != record.published_day:
                changed.setdefault(_month(day), []).append(record)
    months = sorted(set(new) | set(changed), reverse=True)
    return [
        Letter(
            m,
            sorted(new.get(m, []), key=lambda r: (r.published_day, r.key), reverse=True),
            sorted(changed.get(m, []), key=lambda r: (_month_day(r), r.key), reverse=True),
        )
        for m in months
    ]
