"""The hint under each form field, in the words of someone filling in a form.

The schemas' descriptions are written for a YAML file: they name ids, folders and formats such as
JJJJ-MM-TT. In the form, a relation shows titles, a date has a calendar, so those words would only
confuse. Each hint here is the schema's description with the file words taken out, plus what to do
with the widget; a field without a description gets the widget's instruction alone, so no field
is without a hint.
"""

from __future__ import annotations

import re

# Words of the file that the form's widgets make unnecessary.
_FILE_WORDS = [
    r"\s*\(data/[a-z]+/?\)",  # (data/projects)
    r"\s*\((?:JJJJ-MM-TT|JJJJ)[^)]*\)",  # (JJJJ-MM-TT) and the like
    r",?\s*(?:im Format )?JJJJ-MM-TT(?:T?hh:mm)?(?:, z\. B\. [0-9-]+)?",  # „Datum im Format JJJJ-MM-TT, z. B. 2021-04-21“
    r",?\s*z\. B\. \[[^\]]*\]",  # z. B. [perleberg, wittenberge]
    r",?\s*z\. B\. [a-z0-9]+(?:-[a-z0-9]+)+(?=[.,;])",  # z. B. runde-1
    r"Kennung eines anderen Eintrags[^.]*\.(?:\s*\([^)]*\)\.?)?",  # the generic id definition
]
_STARTS = [(r"^Kennung(?:en)? der ", "Die "), (r"^Datum im Format\s*\.?$", "")]


def plain(description: str | None, title: str = "") -> str:
    """``description`` without the words that only make sense in the file."""
    text = re.sub(r"^Kennung des [^,.(]*", title, description or "")
    for pattern in _FILE_WORDS:
        text = re.sub(pattern, "", text)
    for pattern, replacement in _STARTS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"\s+([.,;])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r"^(Datum|Tag)[.,]?$", "", text)
    return "" if text in (".", ",", "Datum", "Tag") else text


_INSTRUCTIONS = {
    "relation": "Die ersten Buchstaben eines Titels tippen und den Eintrag aus der Liste wählen.",
    "relation-multiple": "Die ersten Buchstaben eines Titels tippen und aus der Liste wählen; mehrere möglich.",
    "select": "Aus der Liste wählen.",
    "select-multiple": "Aus der Liste wählen; mehrere möglich.",
    "hub-date": "Tag im Kalender wählen oder tippen.",
    "hub-moment": "Tag im Kalender wählen; die Uhrzeit nur, wenn sie feststeht (Ortszeit Berlin). "
    "Ohne Uhrzeit gilt der ganze Tag.",
    "hub-number": "Nur die Zahl, ohne Einheit; Tausenderpunkte sind erlaubt (21.000).",
    "hub-decimal": "Zahl mit Komma oder Punkt, z. B. 52,41.",
    "boolean": "Einschalten, wenn es zutrifft.",
    "object": "Die Angaben darunter gehören zusammen.",
    "list": "Mit „… hinzufügen“ kommt ein Eintrag dazu.",
}


def hint(description: str | None, widget: str, multiple: bool = False, title: str = "") -> str:
    """The hint for a field of this widget (``multiple``: a relation or select of several)."""
    text = plain(description, title)
    instruction = _INSTRUCTIONS.get(f"{widget}-multiple" if multiple else widget, "")
    if not text and not instruction:
        return f"{title} wie in der Quelle angegeben." if title else "Wie in der Quelle angegeben."
    if text and not text.endswith((".", "?", "!", "“")):
        text += "."
    return " ".join(part for part in (text, instruction) if part)
