"""After a tab or a YAML syntax error: read what can still be read, so that one run reports every
problem of the file (the wrong date three lines further down too), not one per round.

The file's text is read again with each tab as two spaces and each line YAML cannot read left
empty, one by one, until the rest reads as one mapping. Lines are blanked, never removed, so every
position stays where the editor sees it. The keys on blanked lines are the record's ``damaged``
keys: the check does not call them missing, since the editor did write them. Nothing read this
way is ever built: the file's own problems stop the build.

Also here: libyaml's English reasons as German words an editor can act on.
"""

from __future__ import annotations

import re

import yaml

from ..core.problems import Problem
from .converter import Converter
from .file_errors import yaml_lines
from .records import RawRecord, record_id
from .scalars import Loader

MAX_BLANKED_LINES = 20  # a file broken in more places than this is better mended line by line
_TOP_KEY = re.compile(r"^([^\s#:'\"-][^:]*):(?:\s|$)")

# libyaml's reason -> what it means for the editor, and what to do.
_REASONS = [
    (
        "invalid Unicode character escape",
        "ein \\u… oder \\U… in doppelten Anführungszeichen, das kein Zeichen ist: löschen oder einfache Anführungszeichen nehmen",
    ),
    (
        "mapping values are not allowed",
        "ein Doppelpunkt an unerwarteter Stelle: die Einrückung prüfen, oder einen Wert mit „: “ darin in Anführungszeichen setzen",
    ),
    ("end of stream", "ein Anführungszeichen oder eine Klammer wird nicht geschlossen"),
    (
        "could not find expected ':'",
        "nach dem Feldnamen fehlt der Doppelpunkt, oder ein Anführungszeichen wird nicht geschlossen",
    ),
    ("did not find expected key", "die Einrückung passt nicht zu den Zeilen davor"),
    ("expected <block end>", "die Einrückung passt nicht zu den Zeilen davor"),
    ("did not find expected '-' indicator", "die Einrückung der Liste passt nicht"),
    ("did not find expected ',' or ']'", "eine Liste in [ ] wird nicht richtig geschlossen"),
    ("did not find expected ',' or '}'", "Felder in { } werden nicht richtig geschlossen"),
    (
        "found character that cannot start any token",
        "ein Zeichen, mit dem kein Wert beginnen darf (z. B. @ oder `): den Wert in Anführungszeichen setzen",
    ),
    ("found undefined alias", "ein * am Anfang eines Werts: den Wert in Anführungszeichen setzen"),
    ("found unknown escape character", "ein \\ in doppelten Anführungszeichen: einfache Anführungszeichen nehmen"),
    (
        "block sequence entries are not allowed",
        "ein „- “ an einer Stelle, an der keine Liste stehen kann: Einrückung prüfen",
    ),
]


def german_reason(problem: str | None) -> str:
    """libyaml's reason in German; the general hint where none fits."""
    for english, german in _REASONS:
        if problem and english in problem:
            return german
    return "Einrückung, Doppelpunkte und Anführungszeichen prüfen"


def recover(text: str, path: object, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """What the broken ``text`` still holds, with the problems found in it; (None, []) if nothing."""
    lines = yaml_lines(text.replace("\t", "  "))
    blanked: set[int] = set()
    for _ in range(MAX_BLANKED_LINES + 1):
        attempt = "\n".join(lines)
        try:
            documents = list(yaml.compose_all(attempt, Loader=Loader))
            break
        except yaml.MarkedYAMLError as error:
            line = _line_to_blank(error, lines, blanked)
            if line is None or len(blanked) >= MAX_BLANKED_LINES:
                return None, []
            blanked.add(line)
            lines[line] = ""
        except yaml.YAMLError:
            return None, []
    else:  # pragma: no cover - the loop returns before
        return None, []
    if len(documents) != 1 or not isinstance(documents[0], yaml.MappingNode):
        return None, []
    converter = Converter(rel, attempt)
    data = converter.convert(documents[0], ())
    original = yaml_lines(text)
    damaged = {found[1].strip() for index in blanked if (found := _TOP_KEY.match(original[index]))}
    record = RawRecord(collection, record_id(str(path)), rel, data, where=converter.where)
    record.damaged = frozenset(damaged)
    return record, converter.problems


def _line_to_blank(error: yaml.MarkedYAMLError, lines: list[str], blanked: set[int]) -> int | None:
    """The line (0-based) to leave out next: where YAML stopped, else where the broken part began,
    else the nearest written line above."""
    candidates = [mark.line for mark in (error.problem_mark, error.context_mark) if mark is not None]
    for line in candidates:
        if 0 <= line < len(lines) and line not in blanked and lines[line].strip():
            return line
    start = min(candidates[0] if candidates else len(lines) - 1, len(lines) - 1)
    for line in range(start, -1, -1):
        if line not in blanked and lines[line].strip():
            return line
    return None
