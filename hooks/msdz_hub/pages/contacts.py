"""What the templates ask about contacts, status after funding and sources (templates/_contact.md)."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..core.settings import SiteSettings
from ..model import Hub, Record
from ..views import contacts


def tel_href(phone: str) -> Markup:
    """tel: with the number in international form (03377 304-0 -> tel:+493377304​0)."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+49" + digits[1:]
    return Markup("tel:" + digits)


def site_name(url: str) -> str:
    """The site a web address belongs to, as a reader names it: "stadtvision-neuruppin.de"."""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")


def mailto_href(address: str) -> Markup:
    return Markup("mailto:" + urllib.parse.quote(address, safe="@.+-_"))


def population_trend(city: Record) -> str:
    """ "wachsend (2013–2018)" with a link to its source, or "" where the town has none."""
    trend = city.data.get("population_trend")
    if not trend:
        return ""
    return f"{trend['trend']} ({trend['period'].replace('-', '–')})"


def source_title(url: str, record: Record) -> str:
    """ "Titel – Herausgeber" of one of the record's sources, as a link's text."""
    for source in record.data.get("sources", []):
        if source["url"] == url:
            return f"{source['title']} – {source['publisher']}"
    return "Quelle"


class ContactHelpers:
    def __init__(self, hub: Hub, settings: SiteSettings):
        self.hub = hub
        self.settings = settings
        self.today = contacts.build_day(hub)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return dict(tel_href=tel_href, mailto_href=mailto_href, site_name=site_name)

    def globals(self) -> dict[str, Any]:
        return dict(
            contact_of=self.contact_of,
            statuses_of=contacts.statuses_of,
            question_address=self.question_address,
            question_mailto=self.question_mailto,
            operator=self.settings.operator,
            population_trend=population_trend,
            source_title=source_title,
        )

    def contact_of(self, record: Record) -> contacts.Contact | None:
        return contacts.contact_of(record, self.today)

    def question_address(self, contact: contacts.Contact | None) -> str:
        """Where the reader's question goes: the town's mailbox while its contact is confirmed,
        else the ministry's unit (if the operator's address is set)."""
        if contact is not None and contact.email and not contact.stale:
            return contact.email
        return self.settings.operator.email

    def question_mailto(self, record: Record, address: str) -> Markup:
        # only characters that URL encoding leaves: safe in a Markdown link and in HTML
        return Markup(contacts.question_mailto(record, address, self.settings.absolute(record.url)))
