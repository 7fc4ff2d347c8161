"""The careful path: one data file read with every position noted and every problem explained.

It reads the files the fast path gave up on, and a fast-loaded file again when a problem needs its
lines and columns. Before YAML sees the text, the bytes must be UTF-8 without a byte-order mark and
free of tabs; afterwards the file must hold exactly one document, and that one a mapping.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.problems import FILE_FIELD, Problem
from .converter import Converter
from .file_errors import inside_file, position_of, yaml_lines
from .records import RawRecord, record_id
from .recovery import german_reason, recover
from .scalars import Loader


def load_careful(raw: bytes, path: str | Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Parse one data file, noting every position and every problem."""
    text, problems = _decode(raw, rel)
    if text is None:
        return None, problems
    problems.extend(_tab_problems(text, rel))
    root = None if problems else _single_mapping(text, rel)
    if root is None or (isinstance(root, Problem) and root.message.startswith("YAML-Syntaxfehler")):
        # a tab or a syntax error: the rest of the file is still read for its problems
        problems += [root] if isinstance(root, Problem) else []
        record, more = recover(text, path, rel, collection)
        return record, problems + more
    if isinstance(root, Problem):
        return None, [root]
    converter = Converter(rel, text)
    data = converter.convert(root, ())
    return RawRecord(collection, record_id(path), rel, data, where=converter.where), converter.problems


def _single_mapping(text: str, rel: str) -> yaml.MappingNode | Problem:
    """The one mapping the file holds, or the problem that says why there is none."""
    documents = _documents(text, rel)
    if isinstance(documents, Problem):
        return documents
    if not documents:
        return Problem(rel, 1, 1, FILE_FIELD, "Datei ist leer – Felder eintragen oder Datei löschen.")
    if len(documents) > 1:
        return Problem(
            rel,
            _second_document_line(text, documents[1]),
            1,
            FILE_FIELD,
            "mehrere Dokumente ('---') in einer Datei; jeder Eintrag braucht eine eigene Datei.",
        )
    root = documents[0]
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        return Problem(
            rel,
            mark.line + 1,
            mark.column + 1,
            FILE_FIELD,
            "die Datei muss aus Feldern bestehen ('feld: wert'), nicht aus einem einzelnen Wert oder einer Liste.",
        )
    return root


def _documents(text: str, rel: str) -> list[yaml.Node] | Problem:
    """The YAML documents of the file, or the problem that keeps YAML from reading it."""
    try:
        return list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = inside_file(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(
            rel,
            line,
            column,
            FILE_FIELD,
            f"YAML-Syntaxfehler: {german_reason(error.problem)} (in dieser Zeile oder der Zeile davor).",
        )
    except yaml.reader.ReaderError as error:  # control characters, which YAML does not allow
        line, column = position_of(text, error.position)
        return Problem(
            rel,
            line,
            column,
            FILE_FIELD,
            f"unsichtbares Steuerzeichen (#x{error.character:04X}) gefunden, z. B. aus einer "
            f"anderen Anwendung kopiert; das Zeichen löschen.",
        )
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports marks for all we saw
        return Problem(rel, 1, 1, FILE_FIELD, f"YAML-Fehler: {error}")


def _second_document_line(text: str, second: yaml.Node) -> int:
    """The line of the '---' that starts the second document, not of its first value."""
    lines = text.splitlines()
    line = second.start_mark.line
    while line > 0 and not lines[line].startswith("---"):
        line -= 1
    return line + 1


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                rel,
                1,
                1,
                FILE_FIELD,
                "Datei beginnt mit einer Byte-Order-Mark (BOM); bitte als UTF-8 ohne BOM speichern.",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                rel,
                line,
                column,
                FILE_FIELD,
                "Zeichen, das kein UTF-8 ist (z. B. aus Word oder Excel kopiert); Datei als UTF-8 speichern.",
            )
        ]


def _tab_problems(text: str, rel: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(yaml_lines(text), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(
                Problem(
                    rel,
                    number,
                    column + 1,
                    FILE_FIELD,
                    "Tabulatorzeichen gefunden; YAML braucht Leerzeichen zum Einrücken (und in Texten).",
                )
            )
    return problems
