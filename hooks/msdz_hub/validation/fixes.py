"""The corrected value, where a mistake has only one sensible reading.

Editors write dates and times the way they read them every day (``12.06.2024``, ``14 Uhr``), a web
address the way the browser shows it (``www.zossen.de``) and a town by its name (``Großräschen``).
Each function here returns the value the file must hold instead, or None when the reading is not
certain; the messages then say „gemeint ist wohl …“ with that value.
"""

from __future__ import annotations

import re

from ..core.dates import parse_date, parse_time_of_day

_GERMAN_DAY = r"(?P<day>[0-9]{1,2})\.\s?(?P<month>[0-9]{1,2})\.\s?(?P<year>[0-9]{4})"
_ISO_DAY = r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})"
# 14 Uhr, 14:30, 14.30 Uhr, 9:00 h; optionally after ", um", "ab" or a space
_TIME = r"(?:\s*,?\s*(?:um|ab)?\s*(?P<hour>[0-9]{1,2})(?:[:.](?P<minute>[0-9]{2}))?\s*(?:Uhr|h)?)"
_DATE_WITH_TIME = re.compile(rf"^(?:{_GERMAN_DAY}|{_ISO_DAY})(?:(?:\s+|T|,\s*){_TIME})?\s*$", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


def corrected_date(value: str, with_time: bool) -> str | None:
    """``12.06.2024`` -> ``2024-06-12``; with ``with_time`` also ``12.06.2024, 14 Uhr`` and
    ``2024-06-12 14:00`` -> ``2024-06-12T14:00``. None if the text is no date that exists."""
    found = _DATE_WITH_TIME.match(value.strip())
    if not found:
        return None
    if found["iso"]:
        day = found["iso"]
    else:
        day = f"{found['year']}-{int(found['month']):02d}-{int(found['day']):02d}"
    if parse_date(day) is None:
        return None
    if found["hour"] is None:
        return day if day != value else None
    if not with_time:
        return None
    moment = f"{day}T{int(found['hour']):02d}:{found['minute'] or '00'}"
    return moment if parse_time_of_day(moment) is not None and moment != value else None


def corrected_address(value: str) -> str | None:
    """``www.zossen.de/rathaus`` -> ``https://www.zossen.de/rathaus``; None if it is not a bare host."""
    text = value.strip()
    if text.startswith("//"):
        text = text[2:]
    if _BARE_HOST.match(text):
        return f"https://{text}"
    return None


def meant(value: str | None) -> str:
    """The words that name the corrected value, or nothing. They end the message: no full stop
    after them, which would read as part of a web address."""
    return f" – gemeint ist wohl {value}" if value else ""
