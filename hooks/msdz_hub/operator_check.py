"""The operator of the site (``extra.operator`` in mkdocs.yml): what the legal pages need of it.

Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit are filled from these values, so
a build without them would publish incomplete legal pages.
"""

from __future__ import annotations

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
