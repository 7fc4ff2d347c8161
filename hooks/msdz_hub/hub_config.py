"""What the hub's generator takes from mkdocs.yml: the site's feed settings and its operator.

Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit are filled from the operator's
values (``extra.operator``), so a build without them would publish incomplete legal pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REQUIRED = ("name", "address", "host", "accessibility")
# The Impressum must name a way to reach the operator quickly by e-mail and by telephone (§ 5 DDG).
CONTACT = {"email": "eine E-Mail-Adresse (extra.operator.email)", "phone": "eine Telefonnummer (extra.operator.phone)"}


class OperatorError(ValueError):
    """A German message: the site cannot be built with these operator values."""


def check_operator(operator: dict, publish: bool) -> str | None:
    """``OperatorError`` if a required value is missing. Without e-mail or telephone a build that is
    published (``publish``) refuses too; a preview gets the message back as a warning instead."""
    missing = [key for key in REQUIRED if not operator.get(key)]
    if missing:
        raise OperatorError(f"mkdocs.yml: extra.operator braucht {', '.join(missing)} (für Impressum und Datenschutz).")
    contact = [text for key, text in CONTACT.items() if not str(operator.get(key) or "").strip()]
    if not contact:
        return None
    message = (
        f"mkdocs.yml: Im Impressum fehlt {' und '.join(contact)} des Betreibers. Beides ist Pflicht "
        "(§ 5 DDG). Bitte die allgemeine E-Mail-Adresse und die Telefonzentrale des Ministeriums "
        "aus einer öffentlichen Quelle eintragen und die Quelle im Kommentar daneben nennen."
    )
    if publish:
        raise OperatorError(message + " Die Website wird ohne diese Angaben nicht gebaut.")
    return message + " (Vorschau: die Seite wird trotzdem angezeigt.)"


def feed_settings(site_url: str, title: str, description: str, author: str, hub: dict) -> dict:
    """The arguments of ``feeds.FeedSettings`` from mkdocs.yml (``hub``: its ``extra.hub``)."""
    return dict(
        site_url=site_url,
        title=title,
        description=description,
        author=hub.get("publisher", author),
        tag_authority=hub.get("tag_authority", ""),
    )


def from_mkdocs(config: Mapping[str, Any], publish: bool) -> tuple[dict, dict, str | None]:
    """Feed settings, operator and a warning for the preview, from mkdocs.yml's values."""
    extra = config.get("extra") or {}
    operator = extra.get("operator") or {}
    warning = check_operator(operator, publish)
    url, name, description, author = (
        config.get(key) or "" for key in ("site_url", "site_name", "site_description", "site_author")
    )
    return feed_settings(url, name, description, author, extra.get("hub", {})), operator, warning
