"""Load the YAML files under data/ into raw records, keeping the position of every value.

YAML is parsed by libyaml (``CSafeLoader``) into nodes; the nodes are turned into Python values
here, so that every key and value keeps its line and column, duplicate keys are caught, and the
YAML 1.1 traps cannot slip through: only ``true``/``false`` are booleans, numbers must look like
plain decimal numbers, and dates stay text exactly as written. A value that YAML 1.1 would have
turned into something surprising (``no``, ``03046``, ``10:30``, ``2021-04-21``) stays the text the
editor wrote, so a text field gets what was meant and any other field fails validation loudly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .collections import COLLECTIONS
from .problems import FILE_FIELD, Problem

try:  # libyaml is ten times faster; fall back to the pure-Python parser where it is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_TAG = "tag:yaml.org,2002:"
_IGNORED_FILES = {"readme.md", ".gitkeep"}

# A path to a value inside a record: keys and list indices, e.g. ("cities", 0).
JsonPath = tuple[str | int, ...]


@dataclass
class RawRecord:
    """One data file, parsed: its values and where each of them stands in the file."""

    collection: str
    id: str
    path: str  # relative to the repository root, forward slashes
    data: dict[str, Any]
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[JsonPath, str] = field(default_factory=dict)  # source text of numbers

    def position(self, path: JsonPath) -> tuple[int, int]:
        """The position of the value at ``path``, or of the nearest enclosing value."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def format_field(path: JsonPath) -> str:
    """("cities", 0, "name") -> "cities[0].name", the way editors see fields in messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or FILE_FIELD


def load_tree(root: Path, data_dir: str = "data") -> tuple[list[RawRecord], list[Problem], set[tuple[str, str]]]:
    """Load every record below ``root/data_dir``.

    Returns the records that could be read, all problems found, and the (collection, id) of every
    well-named file, including those that could not be read, so that references to a broken file
    are not reported a second time as dangling.
    """
    named: set[tuple[str, str]] = set()
    records: list[RawRecord] = []
    problems: list[Problem] = []
    base = root / data_dir
    for path in sorted(base.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name.lower() in _IGNORED_FILES:
            continue
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(base).parts
        if parts[0] == "schema":
            continue
        problem = _check_location(rel, parts)
        if problem:
            problems.append(problem)
            continue
        named.add((parts[0], path.stem))
        record, file_problems = load_file(path, rel, collection=parts[0])
        problems.extend(file_problems)
        if record is not None:
            records.append(record)
    return records, problems, named


def _check_location(rel: str, parts: tuple[str, ...]) -> Problem | None:
    def problem(message: str) -> Problem:
        return Problem(rel, 1, 1, FILE_FIELD, message)

    known = ", ".join(COLLECTIONS)
    if len(parts) == 1:
        return problem(f"Dateien gehören in einen Sammlungsordner unter data/ ({known}).")
    if parts[0] not in COLLECTIONS:
        return problem(f"unbekannter Ordner '{parts[0]}'; erlaubt sind: {known}.")
    if len(parts) > 2:
        return problem(f"keine Unterordner in data/{parts[0]}/ – Datei direkt dorthin legen.")
    name = parts[1]
    stem, dot, ext = name.rpartition(".")
    if not dot or ext != "yml":
        return problem(f"Dateiname '{name}' muss auf .yml enden (nicht .yaml oder anderes).")
    if not ID_PATTERN.match(stem):
        return problem(
            f"Dateiname '{name}' ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern und "
            f"einzelne Bindestriche, Umlaute ausgeschrieben (ä→ae, ö→oe, ü→ue, ß→ss), "
            f"z. B. '{suggest_id(stem)}.yml'."
        )
    return None


def suggest_id(text: str) -> str:
    """A valid id for ``text``: 'Großräschen Bürgerrat' -> 'grossraeschen-buergerrat'."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    from slugify import slugify  # kept local: only needed for suggestions and `make new`

    return slugify(text) or "eintrag"


def load_file(path: Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Parse one data file. Returns (None, problems) if it cannot be read as a record."""
    raw = path.read_bytes()
    text, problems = _decode(raw, rel)
    if text is None:
        return None, problems
    problems.extend(_tab_problems(text, rel))
    if problems:
        return None, problems
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "ungültiges YAML"
        return None, [
            Problem(
                rel, line, column, FILE_FIELD,
                f"YAML-Syntaxfehler ({what}) – Einrückung, Doppelpunkte und Anführungszeichen "
                f"in dieser Zeile und der Zeile davor prüfen.",
            )
        ]
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports marks for all we saw
        return None, [Problem(rel, 1, 1, FILE_FIELD, f"YAML-Fehler: {error}")]
    if not documents:
        return None, [Problem(rel, 1, 1, FILE_FIELD, "Datei ist leer – Felder eintragen oder Datei löschen.")]
    if len(documents) > 1:
        # Point at the '---' that starts the second document, not at its first value.
        lines = text.splitlines()
        line = documents[1].start_mark.line
        while line > 0 and not lines[line].startswith("---"):
            line -= 1
        return None, [
            Problem(
                rel, line + 1, 1, FILE_FIELD,
                "mehrere Dokumente ('---') in einer Datei; jeder Eintrag braucht eine eigene Datei.",
            )
        ]
    root = documents[0]
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        return None, [
            Problem(rel, mark.line + 1, mark.column + 1, FILE_FIELD,
                    "die Datei muss aus Feldern bestehen ('feld: wert'), nicht aus einem einzelnen Wert oder einer Liste.")
        ]
    record = RawRecord(collection, path.name[: -len(".yml")], rel, {})
    converter = _Converter(record)
    record.data = converter.convert(root, ())
    return record, converter.problems


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(rel, 1, 1, FILE_FIELD, "Datei beginnt mit einer Byte-Order-Mark (BOM); bitte als UTF-8 ohne BOM speichern.")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(rel, line, column, FILE_FIELD,
                    "Zeichen, das kein UTF-8 ist (z. B. aus Word oder Excel kopiert); Datei als UTF-8 speichern.")
        ]


def _tab_problems(text: str, rel: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t")
        if column >= 0:
            problems.append(
                Problem(rel, number, column + 1, FILE_FIELD,
                        "Tabulatorzeichen gefunden; YAML braucht Leerzeichen zum Einrücken (und in Texten).")
            )
    return problems


class _Converter:
    """Turns a YAML node tree into plain values, recording positions and problems."""

    def __init__(self, record: RawRecord):
        self.record = record
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, path: JsonPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.record.path, mark.line + 1, mark.column + 1, format_field(path), message)
        )

    def convert(self, node: yaml.Node, path: JsonPath) -> Any:
        mark = node.start_mark
        self.record.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self._problem(key_node, path, "'<<' (Zusammenführen) wird nicht unterstützt; Felder ausschreiben.")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "ein Feldname muss ein einfaches Wort sein.")
                continue
            key = key_node.value
            key_path = path + (key,)
            if key in first_seen:
                self._problem(
                    key_node, key_path,
                    f"Feld '{key}' kommt doppelt vor (zuerst in Zeile {first_seen[key]}); "
                    f"einen der beiden Einträge löschen.",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.record.key_positions[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, key_path)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        tag, text = node.tag, node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            # YAML 1.1 also reads yes/no/on/off as booleans; here they stay text.
            return {"true": True, "false": False}.get(text.lower(), text)
        if tag == _TAG + "int":
            if _INT.match(text):
                self.record.raw_scalars[path] = text
                return int(text)
            return text  # 03046 (octal), 0x1F, 10:30 (sexagesimal) stay as written
        if tag == _TAG + "float":
            if _FLOAT.match(text):
                self.record.raw_scalars[path] = text
                return float(text)
            return text
        if tag in (_TAG + "str", _TAG + "timestamp"):
            return text  # dates stay text; the schema checks their format
        self._problem(node, path, f"unbekannte Typangabe '{tag}'; Typangaben (!…) weglassen.")
        return text
