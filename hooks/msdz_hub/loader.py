"""Load the YAML files under data/ into raw records, keeping the position of every value.

YAML is parsed by libyaml (``CSafeLoader``) into nodes; the nodes are turned into Python values
here, so that every key and value can be found by line and column, duplicate keys are caught, and the
YAML 1.1 traps cannot slip through: only ``true``/``false`` are booleans, numbers must look like
plain decimal numbers, and dates stay text exactly as written. A value that YAML 1.1 would have
turned into something surprising (``no``, ``03046``, ``10:30``, ``2021-04-21``) stays the text the
editor wrote, so a text field gets what was meant and any other field fails validation loudly.

Two paths, one result. The fast path turns the nodes into values without noting positions and gives
up on anything unusual (tabs, anchors, tags, duplicate or odd keys, a file that is not one mapping).
The careful path (``_Converter``) notes every position and explains every problem; it reads files
the fast path gave up on, and re-reads a fast-loaded file only when a problem needs its line and
column (``RawRecord.positions``). Both share ``_scalar_value``, so a value is the same either way.
"""

from __future__ import annotations

import gc
import marshal
import math
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .collections import COLLECTIONS
from .file_errors import file_problem, folder_problem, inside_file, position_of, read_regular_file, yaml_lines
from .problems import FILE_FIELD, Problem

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml is ten times faster; fall back to the pure-Python parser where it is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # used with fullmatch: '$' would allow a final '\n'
MAX_DEPTH = 32  # lists and fields nested deeper than this are refused (records nest three levels)
UNREADABLE = "*"  # in load_tree's names: (collection, UNREADABLE) for a collection folder it could not list
MAX_DIGITS = 15  # a whole number with more digits stays text, which the schema refuses
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")
_TAG = "tag:yaml.org,2002:"
_IGNORED_FILES = {"readme.md", ".gitkeep"}
MAX_FILE_BYTES = 256 * 1024  # far above any real record; larger files are refused before parsing

# A path to a value inside a record: keys and list indices, e.g. ("cities", 0).
JsonPath = tuple[str | int, ...]


@dataclass
class Positions:
    """Where the values and keys of one record stand in its file (line, column; 1-based)."""

    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[JsonPath, str] = field(default_factory=dict)  # source text of numbers


@dataclass
class RawRecord:
    """One data file, parsed: its values and where each of them stands in the file."""

    collection: str
    id: str
    path: str  # relative to the repository root, forward slashes
    data: dict[str, Any]
    # A fast-loaded record knows its file, not yet its positions: they are read on first use. The
    # file's name as the directory listing gave it: a Path for each of 10 000 files costs 20 ms.
    file: str | None = field(default=None, repr=False, compare=False)
    _where: Positions | None = field(default=None, repr=False, compare=False)

    @property
    def source(self) -> Path | None:
        """The file a fast-loaded record was read from; None for one read the careful way."""
        return Path(self.file) if self.file is not None else None

    @property
    def where(self) -> Positions:
        if self._where is None:
            self._where = _read_positions(self.file, self.path, self.collection) if self.file else Positions()
        return self._where

    @property
    def positions(self) -> dict[JsonPath, tuple[int, int]]:
        return self.where.values

    @property
    def key_positions(self) -> dict[JsonPath, tuple[int, int]]:
        return self.where.keys

    @property
    def raw_scalars(self) -> dict[JsonPath, str]:
        return self.where.raw_scalars

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
    with no_cycle_collection():
        _load_into(base, root, named, records, problems)
    return records, problems, named


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Loading makes many objects and no reference cycles: the cycle collector would only walk the
    growing heap again and again (a third of the loading time at 10 000 records).

    What was made stays (the records); afterwards it is handed to the collector as old objects,
    which it looks at only in its rare full collections. As new objects, they would all be walked
    at once by the next small collection (5 % of the loading time), and soon once more."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:  # nothing frozen by others, which this would thaw
                gc.freeze()  # every object followed by the collector, to the permanent generation,
                gc.unfreeze()  # and from there to the oldest one
            gc.enable()


def _load_into(
    base: Path, root: Path, named: set[tuple[str, str]], records: list[RawRecord], problems: list[Problem]
) -> None:
    prefix = () if base == root else (base.relative_to(root).as_posix(),)
    slots: list[Problem | tuple[str, str, str]] = []  # in file order: a problem, or a file to load
    unreadable: list[tuple[tuple[str, ...], OSError]] = []
    entries = _entries(base, unreadable)
    for parts, error in unreadable:
        slots.append(folder_problem("/".join(prefix + parts), error))
        if len(parts) == 1:  # a whole collection: references to it cannot be checked
            named.add((parts[0], UNREADABLE))
    for parts, entry in entries:
        rel = "/".join(prefix + parts)
        if entry.is_symlink() and parts[0] != "schema":  # could publish any file of the machine
            slots.append(
                Problem(
                    rel,
                    1,
                    1,
                    FILE_FIELD,
                    "Verknüpfungen (Symlinks) sind in data/ nicht erlaubt; die Datei selbst hierher legen.",
                )
            )
            continue
        if entry.is_dir() or entry.name.startswith(".") or entry.name.lower() in _IGNORED_FILES:
            continue
        if parts[0] == "schema":
            continue
        if not entry.is_file(follow_symlinks=False):  # a FIFO would block the reading for ever
            slots.append(
                Problem(
                    rel,
                    1,
                    1,
                    FILE_FIELD,
                    "keine normale Datei (z. B. eine Pipe oder ein Gerät); "
                    "durch eine YAML-Datei ersetzen oder löschen.",
                )
            )
            continue
        problem = _check_location(rel, parts)
        if problem:
            slots.append(problem)
            continue
        named.add((parts[0], parts[1][: -len(".yml")]))  # the name was checked: '<id>.yml'
        slots.append((entry.path, rel, parts[0]))
    loaded = iter(_load_files([slot for slot in slots if isinstance(slot, tuple)]))
    for slot in slots:  # records and problems in the order of the files
        if isinstance(slot, Problem):
            problems.append(slot)
            continue
        record, file_problems = next(loaded)
        problems.extend(file_problems)
        if record is not None:
            records.append(record)


# From this many files on, a second process loads half of them when the machine has a second core
# (about 0.3 s saved per 5 000 files; starting it costs a few milliseconds).
PARALLEL_FROM = 2000


def _load_files(jobs: list[tuple[str, str, str]]) -> list[tuple[RawRecord | None, list[Problem]]]:
    """``load_file`` for each (path, rel, collection), in order; about half of them in a forked
    process where that is safe. It sends back plain values only; whatever it could not read on the
    fast path is read here, with its problems."""
    if len(jobs) < PARALLEL_FROM or not _can_fork():
        return [load_file(*job) for job in jobs]
    # Dealt like cards, every second file to the helper: so each process gets half of every
    # collection. Collections differ in size (a practice is four times a town): cut into a first
    # and a second half, one process would wait long for the other.
    theirs = range(1, len(jobs), 2)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(target=_load_fast_values, args=(jobs[1::2], sender, receiver), daemon=True)
    helper.start()
    sender.close()
    results: list[Any] = [None if index in theirs else load_file(*job) for index, job in enumerate(jobs)]
    try:
        values: list[Any] = marshal.loads(receiver.recv_bytes())
    except (EOFError, OSError, ValueError):  # the helper died: read its files here
        values = [None] * len(theirs)
    finally:
        receiver.close()
        helper.join()
    for index, data in zip(theirs, values, strict=True):
        path, rel, collection = jobs[index]
        if data is None:
            results[index] = load_file(path, rel, collection)
        else:
            results[index] = (RawRecord(collection, _record_id(path), rel, data, file=path), [])
    return results


def _can_fork() -> bool:
    """Forking is safe only without other threads (``mkdocs serve`` has some: it loads in one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _load_fast_values(jobs: list[tuple[str, str, str]], sender: Any, receiver: Any) -> None:
    """In the helper process: the values of each file the fast path reads, else None."""
    # The copy of the receiving end this process inherited goes first: if the loader is stopped
    # meanwhile (a build that failed elsewhere while the hub's worker loaded), nobody holds it, and
    # handing over the values fails at once instead of waiting for a reader for ever.
    receiver.close()
    values = []
    for path, rel, collection in jobs:
        try:
            _, raw = _read(path)
        except (OSError, ValueError):
            raw = None
        record = _load_fast(raw, path, rel, collection) if raw is not None else None
        values.append(record.data if record is not None else None)
    try:
        sender.send_bytes(marshal.dumps(values))  # plain values only: marshal packs them fastest
    except BrokenPipeError:
        pass  # the loader is gone: nobody wants the values
    finally:
        sender.close()


def _entries(base: Path, unreadable: list) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Everything below ``base`` as ``sorted(base.rglob("*"))`` finds it (symlinked folders are not
    entered), each with its path parts; a directory listing tells file from folder without a stat.
    A folder that cannot be read is added to ``unreadable`` with its error: its files would be
    missing silently."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []
    folders: list[tuple[tuple[str, ...], str]] = [((), str(base))]
    while folders:
        parts, folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    found.append((parts + (entry.name,), entry))
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((parts + (entry.name,), entry.path))
        except (FileNotFoundError, NotADirectoryError):
            continue  # gone since it was listed, or data/ is missing (reported by the references)
        except OSError as error:
            unreadable.append((parts, error))
    found.sort(key=lambda item: item[0])
    return found


def _check_location(rel: str, parts: tuple[str, ...]) -> Problem | None:
    def problem(message: str) -> Problem:
        return Problem(rel, 1, 1, FILE_FIELD, message)

    if (
        len(parts) == 2
        and parts[0] in COLLECTIONS
        and parts[1].endswith(".yml")
        and ID_PATTERN.fullmatch(parts[1][:-4])
    ):
        return None  # the usual case, in one go (the checks below, for a well-placed, well-named file)
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
    if not ID_PATTERN.fullmatch(stem):
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


def load_file(path: str | Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Parse one data file. Returns (None, problems) if it cannot be read as a record."""
    try:
        return _load_file(path, rel, collection)
    except (OSError, RecursionError, ValueError, MemoryError) as error:
        return None, [file_problem(rel, error)]


def _load_file(path: str | Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    size, raw = _read(path)
    if raw is None:
        return None, [
            Problem(
                rel,
                1,
                1,
                FILE_FIELD,
                f"Datei ist zu groß ({size // 1024} KB, erlaubt sind höchstens "
                f"{MAX_FILE_BYTES // 1024} KB); lange Texte kürzen.",
            )
        ]
    record = _load_fast(raw, path, rel, collection)
    if record is not None:
        return record, []
    return _load_careful(raw, path, rel, collection)


def _record_id(path: str | Path) -> str:
    """'data/topics/klimawandel.yml' -> 'klimawandel'."""
    return os.path.basename(path)[: -len(".yml")]


def _read(path: str | Path) -> tuple[int, bytes | None]:
    """The size of a file and its bytes, or None instead of the bytes if it is too large to read."""
    return read_regular_file(path, MAX_FILE_BYTES)


def _read_positions(file: str, rel: str, collection: str) -> Positions:
    """The positions of a fast-loaded record: its file parsed again, the careful way."""
    try:
        record, _ = _load_careful(_read(file)[1] or b"", file, rel, collection)
    except (OSError, RecursionError, ValueError):  # gone or changed since it was loaded: the next build reports that
        record = None
    return record.where if record is not None else Positions()


def _load_careful(raw: bytes, path: str | Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Parse one data file, noting every position and every problem."""
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
        line, column = inside_file(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "ungültiges YAML"
        return None, [
            Problem(
                rel,
                line,
                column,
                FILE_FIELD,
                f"YAML-Syntaxfehler ({what}) – Einrückung, Doppelpunkte und Anführungszeichen "
                f"in dieser Zeile und der Zeile davor prüfen.",
            )
        ]
    except yaml.reader.ReaderError as error:  # control characters, which YAML does not allow
        line, column = position_of(text, error.position)
        return None, [
            Problem(
                rel,
                line,
                column,
                FILE_FIELD,
                f"unsichtbares Steuerzeichen (#x{error.character:04X}) gefunden, z. B. aus einer "
                f"anderen Anwendung kopiert; das Zeichen löschen.",
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
                rel,
                line + 1,
                1,
                FILE_FIELD,
                "mehrere Dokumente ('---') in einer Datei; jeder Eintrag braucht eine eigene Datei.",
            )
        ]
    root = documents[0]
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        return None, [
            Problem(
                rel,
                mark.line + 1,
                mark.column + 1,
                FILE_FIELD,
                "die Datei muss aus Feldern bestehen ('feld: wert'), nicht aus einem einzelnen Wert oder einer Liste.",
            )
        ]
    record = RawRecord(collection, _record_id(path), rel, {})
    converter = _Converter(record, text)
    record.data = converter.convert(root, ())
    return record, converter.problems


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


class _Unusual(Exception):
    """Something the fast path leaves to the careful one, which explains it with line and column."""


# Anchors ('&name') are the only way to make one node appear twice (an alias); without one, an alias
# fails to parse. Matches more than anchors (e.g. '&x' in a text), which only costs the fast path.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)
_STR, _MAP, _SEQ, _MERGE = (_TAG + name for name in ("str", "map", "seq", "merge"))
_UNKNOWN = object()


# PyYAML's YAML 1.1 rules for plain scalars, by their first character ('' for an empty scalar).
_SCALAR_RESOLVERS = {
    first: tuple(resolvers) for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None
}
_NULL_TAG = next(tag for tag, pattern in _SCALAR_RESOLVERS[""] if pattern.match(""))
_NOTHING: dict[Any, Any] = {}  # stays empty; its methods serve as calls that do nothing (below)


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml with PyYAML's own YAML 1.1 resolution rules, minus the per-node overhead we do not use
    (path resolvers, wildcard resolvers): the same tags, found with less Python per node.

    libyaml calls these three methods for every node of every file (a third of a million at 10 000
    records), so each call counts.
    """

    # Path resolvers are not used: entering and leaving a node does nothing. A method of a C type
    # does nothing cheaper than an empty Python method: get(parent, index) and clear() of an empty dict.
    descend_resolver = _NOTHING.get
    ascend_resolver = _NOTHING.clear

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        # ``value`` is the text of a scalar and None for a collection. Most scalars are texts whose
        # first character no rule starts with: for them, one dictionary look-up.
        if value:
            resolvers = _SCALAR_RESOLVERS.get(value[0])
            if resolvers is not None and implicit[0]:  # implicit[0]: plain, without a tag
                for tag, pattern in resolvers:
                    if pattern.match(value):
                        return tag
            return _STR
        if kind is yaml.ScalarNode:  # empty
            return _NULL_TAG if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


def _load_fast(raw: bytes, path: str | Path, rel: str, collection: str) -> RawRecord | None:
    """A plain, valid YAML mapping into a record without positions; None for anything unusual."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\t" in text or ("&" in text and _ANCHOR.search(text)):
        return None
    try:
        loader = _FastLoader(raw)  # the checked UTF-8 bytes: libyaml need not encode the text again
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root.__class__ is not yaml.MappingNode:
            return None
        data = _value(root)
    except (yaml.YAMLError, _Unusual, RecursionError):
        return None
    return RawRecord(collection, _record_id(path), rel, data, file=os.fspath(path))


def _value(node: yaml.Node, depth: int = 0) -> Any:
    """``_Converter.convert`` without positions; raises _Unusual wherever that reports a problem."""
    cls = node.__class__
    if depth > MAX_DEPTH and cls is not yaml.ScalarNode:
        raise _Unusual
    if cls is yaml.ScalarNode:
        value = _scalar_value(node.tag, node.value)
        if value is _UNKNOWN:
            raise _Unusual
        return value
    if cls is yaml.MappingNode and node.tag == _MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag == _MERGE:
                raise _Unusual
            key = key_node.value
            if key in result or not key.isprintable():
                raise _Unusual
            # most values are text: taken here, without a call
            is_text = value_node.__class__ is yaml.ScalarNode and value_node.tag == _STR
            result[key] = value_node.value if is_text else _value(value_node, depth + 1)
        return result
    if cls is yaml.SequenceNode and node.tag == _SEQ:
        return [
            item.value if item.__class__ is yaml.ScalarNode and item.tag == _STR else _value(item, depth + 1)
            for item in node.value
        ]
    raise _Unusual


def _scalar_value(tag: str, text: str) -> Any:
    """A scalar under the hub's rules (see the module's doc); _UNKNOWN for a tag it does not accept."""
    if tag == _STR or tag == _TAG + "timestamp":
        return text  # dates stay text; the schema checks their format
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        # YAML 1.1 also reads yes/no/on/off as booleans; here they stay text.
        return {"true": True, "false": False}.get(text.lower(), text)
    if tag == _TAG + "int":
        # 03046 (octal), 0x1F, 10:30 stay as written; so do digits beyond any real number (Python
        # refuses to convert more than 4 300 of them)
        return int(text) if _INT.fullmatch(text) and len(text) <= MAX_DIGITS + 1 else text
    if tag == _TAG + "float":
        number = float(text) if _FLOAT.fullmatch(text) else None
        return number if number is not None and math.isfinite(number) else text  # 1e999 is no number
    return _UNKNOWN


class _Converter:
    """Turns a YAML node tree into plain values, recording positions and problems."""

    def __init__(self, record: RawRecord, text: str):
        self.record = record
        self.text = text
        self.problems: list[Problem] = []
        self._seen: set[int] = set()  # ids of the nodes converted so far
        self._alias_marks: list[yaml.Mark] | None = None  # where each '*name' stands, found on demand

    def _alias(self, node: yaml.Node, path: JsonPath) -> None:
        # An alias node is its anchor's node, so its own position is only in the tokens; aliases are
        # met in document order, like the tokens.
        if self._alias_marks is None:
            tokens = yaml.scan(self.text, Loader=_Loader)
            self._alias_marks = [t.start_mark for t in tokens if isinstance(t, yaml.AliasToken)]
        mark = self._alias_marks.pop(0) if self._alias_marks else node.start_mark
        self.problems.append(
            Problem(
                self.record.path,
                mark.line + 1,
                mark.column + 1,
                format_field(path),
                "Anker und Verweise (&name, *name) werden nicht unterstützt; den Wert ausschreiben.",
            )
        )

    def _problem(self, node: yaml.Node, path: JsonPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.record.path, mark.line + 1, mark.column + 1, format_field(path), message))

    def convert(self, node: yaml.Node, path: JsonPath) -> Any:
        mark = node.start_mark
        self.record.positions[path] = (mark.line + 1, mark.column + 1)
        if len(path) > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self._problem(
                node, path, f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); die Struktur vereinfachen."
            )
            return None
        if id(node) in self._seen:  # an alias (*name): expanding it could blow up or never end
            self._alias(node, path)
            return None
        self._seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (_TAG + "map", _TAG + "seq"):
            self._problem(node, path, f"unbekannte Typangabe '{node.tag}'; Typangaben (!…) weglassen.")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # YAML's composer makes no fourth kind of node
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
            if id(key_node) in self._seen:
                self._alias(key_node, path)
                continue
            self._seen.add(id(key_node))
            key = key_node.value
            if not key.isprintable():  # a line break in a field name would also break the problem line
                self._problem(
                    key_node,
                    path,
                    "ein Feldname darf keinen Zeilenumbruch und keine unsichtbaren Sonderzeichen (z. B. geschützte Leerzeichen) enthalten; den Namen neu tippen.",
                )
                continue
            key_path = path + (key,)
            if key in first_seen:
                self._problem(
                    key_node,
                    key_path,
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
        value = _scalar_value(tag, text)
        if value is _UNKNOWN:
            self._problem(node, path, f"unbekannte Typangabe '{tag}'; Typangaben (!…) weglassen.")
            return text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.record.raw_scalars[path] = text
        return value
