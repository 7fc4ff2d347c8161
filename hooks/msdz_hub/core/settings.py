"""The site's settings, read once from mkdocs.yml and handed to every output as one value.

``SiteSettings`` is what pages, feeds, calendars, open data and structured data need to know of
the site itself: its address, names, the authority of its tag: URIs and the operator who fills
the legal pages. It is frozen and picklable, so it crosses into the worker process as it is.
The MkDocs hook builds it (``from_config``) from MkDocs' values; nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

# What the legal pages cannot do without (Impressum, Datenschutz, Barrierefreiheit).
REQUIRED_OPERATOR = ("name", "address", "host", "accessibility")


# The Impressum must name a way to reach the operator quickly by e-mail and by telephone (§ 5 DDG).
CONTACT = {"email": "eine E-Mail-Adresse (extra.operator.email)", "phone": "eine Telefonnummer (extra.operator.phone)"}


class SettingsError(ValueError):
    """A German message: mkdocs.yml lacks something the site needs."""


def _text(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value)


def _section(values: Mapping[str, Any], key: str, fields: tuple[str, ...]) -> Mapping[str, Any]:
    section = values[key]
    missing = [name for name in fields if not isinstance(section, Mapping) or not section.get(name)]
    if missing:
        raise SettingsError(f"mkdocs.yml: extra.operator.{key} braucht {', '.join(missing)}.")
    return section


@dataclass(frozen=True)
class Host:
    """Who serves the site: named in the privacy statement, with that host's own statement."""

    name: str
    privacy_url: str


@dataclass(frozen=True)
class Accessibility:
    """The accessibility statement's facts (BITV 2.0) and the body that enforces it."""

    statement_date: dt.date | str  # a date from YAML, or an ISO text
    method: str
    enforcement_name: str
    enforcement_address: str


@dataclass(frozen=True)
class Operator:
    """The body that publishes the site (mkdocs.yml ``extra.operator``); optional texts are ""."""

    name: str
    address: str
    host: Host
    accessibility: Accessibility
    unit: str = ""
    email: str = ""
    phone: str = ""
    representative: str = ""
    content_responsible: str = ""

    @property
    def contact_missing(self) -> list[str]:
        """What the legal pages must say is still missing, in German ("die E-Mail-Adresse", ...)."""
        names = {"email": "die E-Mail-Adresse", "phone": "die Telefonnummer"}
        return [names[key] for key in CONTACT if not getattr(self, key).strip()]

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Operator:
        """The operator from mkdocs.yml; ``SettingsError`` names what the legal pages lack."""
        missing = [key for key in REQUIRED_OPERATOR if not values.get(key)]
        if missing:
            raise SettingsError(
                f"mkdocs.yml: extra.operator braucht {', '.join(missing)} (für Impressum und Datenschutz)."
            )
        host = _section(values, "host", ("name", "privacy_url"))
        accessibility = _section(
            values, "accessibility", ("statement_date", "method", "enforcement_name", "enforcement_address")
        )
        date = accessibility["statement_date"]
        return cls(
            name=_text(values, "name"),
            address=_text(values, "address"),
            host=Host(_text(host, "name"), _text(host, "privacy_url")),
            accessibility=Accessibility(
                date if isinstance(date, dt.date) else str(date),
                _text(accessibility, "method"),
                _text(accessibility, "enforcement_name"),
                _text(accessibility, "enforcement_address"),
            ),
            **{key: _text(values, key) for key in ("unit", "email", "phone", "representative", "content_responsible")},
        )


@dataclass(frozen=True)
class SiteSettings:
    url: str  # absolute; always ends in "/" (added if missing)
    title: str
    description: str
    publisher: str  # the body behind the hub, as feeds, open data and structured data name it
    tag_authority: str  # e.g. "msdz-hub.example,2026" (RFC 4151); empty: permalinks are the ids
    operator: Operator
    # The state of the initiative in one sentence (extra.hub.initiative), shown where no events are
    # coming up, and the day it ended: a hub whose events all lie before it has nothing coming.
    initiative_status: str = ""
    initiative_ended: str = ""
    # Where a file of the repository is edited: the address a path from its root is appended to
    # ("https://github.com/<konto>/<repo>/edit/main/"), from repo_url and edit_uri; "" for none.
    edit_base: str = ""

    def __post_init__(self) -> None:
        # frozen: the one normalisation goes through object.__setattr__
        object.__setattr__(self, "url", self.url.rstrip("/") + "/")

    def absolute(self, path: str) -> str:
        """The absolute URL of a path in the site ("kommunen/zossen/" or "/rss.xml")."""
        return self.url + path.lstrip("/")

    def edit_url(self, path: str | None) -> str | None:
        """Where to edit a file of the repository ("data/cities/zossen.yml"); None without one."""
        return self.edit_base + path if path and self.edit_base else None

    @classmethod
    def from_config(
        cls,
        site_url: str | None,
        site_name: str,
        site_description: str | None,
        site_author: str | None,
        extra: Mapping[str, Any],
    ) -> SiteSettings:
        """From mkdocs.yml's values: ``site_url``, ``site_name``, ``site_description``,
        ``site_author`` and ``extra`` (``extra.hub.publisher`` names the publisher, else the author)."""
        hub = extra.get("hub") or {}
        initiative = hub.get("initiative") or {}
        return cls(
            url=site_url or "",
            title=site_name,
            description=site_description or "",
            publisher=hub.get("publisher", site_author or ""),
            tag_authority=hub.get("tag_authority", ""),
            operator=Operator.from_dict(extra.get("operator") or {}),
            initiative_status=_text(initiative, "status"),
            initiative_ended=_text(initiative, "ended"),
        )


def missing_contact(operator: Operator) -> str | None:
    """The German warning if the Impressum lacks the operator's e-mail or telephone, else None.
    Previews and contributions are built all the same (the legal pages say what is missing);
    publication refuses it: the go-live check (``python -m msdz_hub ready``) stops the deploy."""
    missing = [text for key, text in CONTACT.items() if not getattr(operator, key).strip()]
    if not missing:
        return None
    return (
        f"Warnung: Im Impressum fehlt {' und '.join(missing)} des Betreibers. Beides ist Pflicht "
        "(§ 5 DDG). Impressum, Datenschutz und Barrierefreiheit sagen das auf der Seite; so gebaut "
        "ist die Website nur eine Vorschau und wird nicht veröffentlicht. Für die Veröffentlichung "
        "HUB_OPERATOR_EMAIL und HUB_OPERATOR_PHONE setzen (Repository-Variablen, README „Inbetriebnahme“) "
        "oder die allgemeine E-Mail-Adresse und die Telefonzentrale mit ihrer öffentlichen Quelle "
        "in mkdocs.yml eintragen; `make ready` prüft alles, was vor der Veröffentlichung fehlt."
    )


def edit_base(repo_url: str | None, edit_uri: str | None) -> str:
    """The repository root's edit address from mkdocs.yml's ``repo_url`` and ``edit_uri`` (which names
    docs/, as MkDocs wants: "edit/main/docs/"), as MkDocs joins them: ".../edit/main/"."""
    if not repo_url or not edit_uri:
        return ""
    return urljoin(urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/"), "../")


def checked_settings(values: Mapping[str, Any], publishes_now: bool = False) -> tuple[SiteSettings, str | None]:
    """The settings from mkdocs.yml's values, and the warning to print once if the Impressum lacks
    the operator's contact. Missing contact never stops a build, only publication: the deploy's
    go-live check, or here a command that publishes at once (``mkdocs gh-deploy``): SettingsError."""
    settings = SiteSettings.from_config(
        values.get("site_url"),
        str(values.get("site_name") or ""),
        values.get("site_description"),
        values.get("site_author"),
        values.get("extra") or {},
    )
    settings = dataclasses.replace(settings, edit_base=edit_base(values.get("repo_url"), values.get("edit_uri")))
    warning = missing_contact(settings.operator)
    if warning and publishes_now:
        raise SettingsError(warning.replace("Warnung:", "Nicht veröffentlicht:", 1))
    return settings, warning
