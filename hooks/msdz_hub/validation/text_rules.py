"""Text that looks right must be right: rules for values a JSON Schema cannot express well.

The schemas say which texts may span lines (``"x-multiline": true`` in defs.schema.json, for
Markdown, summaries and notes); every other text is a single line: a title, a name, an id, a place.
Here each text value of a record is checked for what the reader would not see or would see wrongly:

- control characters (C0 other than line break and tab, DEL, C1, lone surrogates, U+FFFE/U+FFFF and
  the other non-characters). YAML refuses them raw, but a double-quoted string makes them from
  escapes: ``"C:\\archiv"`` holds a BEL. XML (feeds) and HTML cannot carry them;
- characters that change the direction of the text (U+202A–202E, U+2066–2069, U+200E/U+200F,
  U+061C) or are invisible inside a word (U+200B, U+2060, U+FEFF);
- line and paragraph separators (U+2028, U+2029), and in single-line fields any line break;
- single-line texts with spaces at their start or end, and texts that are blank or invisible.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..core.paths import JsonPath, format_field
from ..core.problems import Problem, escape_char
from ..reading import RawRecord

_DIRECTION = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_INVISIBLE = {0x200B, 0x2060, 0xFEFF, 0x180E}
_SEPARATORS = {0x2028, 0x2029}
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", "'": "\\'"}
_BACKSLASH_HINT = (
    'In doppelten Anführungszeichen ("…") macht YAML aus einem \\ und dem Zeichen danach ein '
    "Steuerzeichen (z. B. \"C:\\archiv\"): den Text in einfache Anführungszeichen ('…') setzen "
    "oder / statt \\ schreiben."
)


def quote(value: Any, limit: int = 60) -> str:
    """A value for a problem line: in single quotes, every invisible or line-breaking character
    escaped (``\\n``, ``\\x07``, ``\\u202e``), so that one problem stays one line and shows what is there."""
    text = value if isinstance(value, str) else str(value)
    shown = "".join(_escape(char) for char in text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def _escape(char: str) -> str:
    return _ESCAPES[char] if char in _ESCAPES else escape_char(char)


def _class(codes: Any) -> str:
    return "".join(re.escape(chr(code)) for code in codes)


_PLANE_ENDS = [code for plane in range(17) for code in (plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF)]
_ANYWHERE = (
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + _class(_PLANE_ENDS)
    + _class(sorted(_DIRECTION | _INVISIBLE | _SEPARATORS))
)
_IN_MULTILINE = re.compile(_ANYWHERE + "]")
_IN_LINE = re.compile(_ANYWHERE + r"\n\t]")


def forbidden_characters(multiline: bool) -> re.Pattern[str]:
    """The characters a text of this kind must not hold; the form's rules are made from it too."""
    return _IN_MULTILINE if multiline else _IN_LINE


def text_problem(value: str, multiline: bool, printable: bool = False) -> str | None:
    """Why ``value`` would mislead a reader, in German; None if it is fine. ``printable``: known to
    hold none of the characters forbidden anywhere (``_printable``)."""
    fine = (printable or _printable(value)) if multiline else value.isprintable()  # the common case, fast
    found = None if fine else (_IN_MULTILINE if multiline else _IN_LINE).search(value)
    if found:
        return _character_problem(value, found.group(), found.start() + 1, multiline)
    if is_blank(value):
        return (
            "der Text ist leer oder besteht nur aus unsichtbaren Zeichen (Leerzeichen, geschützte "
            "Leerzeichen); Text eintragen oder das Feld löschen."
        )
    if not multiline and value != value.strip():
        return f"Leerzeichen am Anfang oder Ende von {quote(value)}; entfernen."
    return None


def _character_problem(value: str, char: str, position: int, multiline: bool) -> str:
    code = ord(char)
    where = f"an Stelle {position} von {quote(value)}"
    if char == "\n":
        return (
            f"Zeilenumbruch {where} in einem einzeiligen Feld; den Text in eine Zeile schreiben "
            f"(ohne | oder > davor, ohne \\n)."
        )
    if code in _SEPARATORS:
        instead = "einen Zeilenumbruch" if multiline else "ein Leerzeichen"
        return f"Zeilen- oder Absatztrenner ({_name(char)}) {where}; durch {instead} ersetzen."
    if code in _DIRECTION:
        return (
            f"unsichtbares Richtungszeichen ({_name(char)}) {where}: es kann die Anzeige des Textes "
            f"umdrehen; das Zeichen löschen (den Text neu tippen)."
        )
    if code in _INVISIBLE:
        return f"unsichtbares Zeichen ({_name(char)}) {where}; das Zeichen löschen."
    return f"unsichtbares Steuerzeichen ({_name(char)}) {where}. {_BACKSLASH_HINT}"


def _name(char: str) -> str:
    code = ord(char)
    name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}" if name else f"U+{code:04X}"


def is_blank(value: str) -> bool:
    """Nothing a reader would see: only white space and zero-width characters."""
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Mn", "Me") for char in value)


def text_problems(record: RawRecord, multiline: set[tuple[str, ...]]) -> list[Problem]:
    """One problem per misleading text of ``record``; ``multiline``: the paths ('*': every list item)
    of the fields that may span lines."""
    every: list[str] = []
    suspects: list[tuple[JsonPath, str]] = []
    _gather(record.data, (), every, suspects)
    # One look at the whole record: then only the suspects need a closer one (and their paths).
    printable = _printable(" ".join(every))
    problems = []
    for path, value in suspects if printable else _texts(record.data, ()):
        pattern = tuple("*" if isinstance(part, int) else part for part in path)
        message = text_problem(value, pattern in multiline, printable)
        if message:
            line, column = record.position(path)
            problems.append(Problem(record.path, line, column, format_field(path), message))
    return problems


def _gather(data: dict | list, path: JsonPath, every: list[str], suspects: list[tuple[JsonPath, str]]) -> None:
    """Each text below ``data`` into ``every``, and with its path into ``suspects`` if it may mislead
    although free of the characters forbidden anywhere (``text_problem``); in the order of ``_texts``,
    without building a path for the others (most texts, a fifth of a million at 10 000 records).

    A text that starts with a letter or digit and ends in no space is neither blank nor padded, and
    without a line break or tab it fits a single-line field: it is no suspect."""
    for key, value in data.items() if isinstance(data, dict) else enumerate(data):
        if isinstance(value, str):
            every.append(value)
            if not value[:1].isalnum() or value[-1].isspace() or "\n" in value or "\t" in value:
                suspects.append((path + (key,), value))
        elif isinstance(value, (dict, list)):
            _gather(value, path + (key,), every, suspects)


def _printable(text: str) -> bool:
    """Whether ``text`` holds none of the characters forbidden anywhere: each of them is one that
    Python does not print, and ``isprintable`` asks that of a long text far faster than the pattern."""
    return text.replace("\n", "").replace("\t", "").isprintable()


def _texts(data: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, path + (index,))
