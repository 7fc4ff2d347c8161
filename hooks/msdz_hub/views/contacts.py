"""Whom to ask and whether it still runs: a project's contact and its status after funding, as
its pages, its practices' pages and the cards show them.

A contact is the town's office as the town publishes it, with the day it was last confirmed. A
contact left unconfirmed for more than a year may be out of date (the programme ended in November
2025, offices and people move): the page then says so and names the ministry's unit instead. "A
year" is measured from the build's own day, which comes from SOURCE_DATE_EPOCH or else from the
newest commit of the data, never from the clock: the same commit gives the same pages.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from dataclasses import dataclass

from ..core.dates import BERLIN
from ..model import Hub, Record

STALE_AFTER = dt.timedelta(days=365)
STATES = ("laufend", "verstetigt", "eingestellt", "unbekannt")


def build_day(hub: Hub) -> dt.date:
    """The day the pages speak of: SOURCE_DATE_EPOCH, else the newest data commit, else the newest
    date a record carries."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), BERLIN).date()
    if hub.changed:
        return max(hub.changed.values()).date()
    return max((r.updated for r in hub.every() if r.updated), default=dt.date(2020, 1, 1))


@dataclass(frozen=True)
class Contact:
    office: str
    person: str
    phone: str
    email: str
    url: str
    source: str
    project: Record | None  # the project whose contact a practice shows; None: the record's own
    confirmed: dt.date
    stale: bool  # unconfirmed for more than a year on the build's day


def _projects(record: Record) -> list[Record]:
    return [record] if record.collection.name == "projects" else record.refs("projects")


def contact_of(record: Record, today: dt.date) -> Contact | None:
    """The record's own contact, else (for a practice) its first project's that has one."""
    owner = next((p for p in [record, *_projects(record)] if p.data.get("contact")), None)
    if owner is None:
        return None
    data = owner.data["contact"]
    confirmed = dt.date.fromisoformat(str(data["confirmed"]))
    text = {key: str(data.get(key, "")) for key in ("office", "person", "phone", "email", "url", "source")}
    return Contact(
        **text,
        project=owner if owner is not record else None,
        confirmed=confirmed,
        stale=today - confirmed > STALE_AFTER,
    )


@dataclass(frozen=True)
class Status:
    project: Record
    state: str
    label: str
    as_of: str
    note: str
    source: str


def statuses_of(record: Record) -> list[Status]:
    """The status after funding of the record's projects (a project: its own)."""
    labels = record.hub.labels("projects", "status_after_funding", "state")
    found = []
    for project in _projects(record):
        status = project.data.get("status_after_funding")
        if status:
            state = status["state"]
            found.append(
                Status(
                    project,
                    state,
                    labels.get(state, state),
                    str(status["as_of"]),
                    status.get("note", ""),
                    status.get("source", ""),
                )
            )
    return found


def question_mailto(record: Record, address: str, page_url: str) -> str:
    """A mailto: link with a prefilled German subject and body: the reader's question goes from
    their own mail program, no form and no server in between."""
    subject = f"Frage zu „{record.title}“"
    body = (
        "Guten Tag,\n\n"
        f"ich habe auf der Seite „{record.title}“ ({page_url}) des Wissenstransfer-Hubs "
        "„Meine Stadt der Zukunft“ gelesen und habe dazu eine Frage:\n\n\n\n"
        "Mit freundlichen Grüßen\n"
    )
    query = urllib.parse.urlencode({"subject": subject, "body": body}, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(address, safe='@.+-_')}?{query}"
