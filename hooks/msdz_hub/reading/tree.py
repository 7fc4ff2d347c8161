"""The walk through data/: which files are records, and the naming rules their names must follow.

A record's file name is its identity and its URL, so a file in the wrong place or with a wrong name
is a problem of its own, reported before anything is parsed. Schema files are not records.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.collections import COLLECTIONS
from ..core.problems import FILE_FIELD, Problem
from .file_errors import folder_problem
from .kept import open_kept
from .parallel import load_files, no_cycle_collection
from .records import RawRecord

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # used with fullmatch: '$' would allow a final '\n'
UNREADABLE = "*"  # in load_tree's names: (collection, UNREADABLE) for a collection folder it could not list
_IGNORED_FILES = {"readme.md", ".gitkeep"}
SEARCH_WORDS = ("synonyms.yml",)  # not a record: read by validation.search_words

# A problem, or a file to load: (its path as listed, its path from the root, its collection).
_FileOrProblem = Problem | tuple[str, str, str]


def load_tree(root: Path, data_dir: str = "data") -> tuple[list[RawRecord], list[Problem], set[tuple[str, str]]]:
    """Load every record below ``root/data_dir``.

    Returns the records that could be read, all problems found, and the (collection, id) of every
    well-named file, including those that could not be read, so that references to a broken file
    are not reported a second time as dangling.
    """
    named: set[tuple[str, str]] = set()
    records: list[RawRecord] = []
    problems: list[Problem] = []
    with no_cycle_collection():
        found = _walk(root / data_dir, root, named)
        kept = open_kept(root)  # the values of files read before, by their bytes
        loaded = iter(load_files([item for item in found if isinstance(item, tuple)], kept))
        if kept is not None:
            kept.save()  # now, before anything else may touch the values
        for item in found:  # records and problems in the order of the files
            if isinstance(item, Problem):
                problems.append(item)
                continue
            record, file_problems = next(loaded)
            problems.extend(file_problems)
            if record is not None:
                records.append(record)
    return records, problems, named


def suggest_id(text: str) -> str:
    """A valid id for ``text``: 'Großräschen Bürgerrat' -> 'grossraeschen-buergerrat'."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    from slugify import slugify  # kept local: only needed for suggestions and `make new`

    return slugify(text) or "eintrag"


def _walk(base: Path, root: Path, named: set[tuple[str, str]]) -> list[_FileOrProblem]:
    """Everything below ``base`` in file order: a problem, or a file to load. Adds the (collection,
    id) of each well-named file to ``named``."""
    prefix = () if base == root else (base.relative_to(root).as_posix(),)
    found: list[_FileOrProblem] = []
    unreadable: list[tuple[tuple[str, ...], OSError]] = []
    entries = _entries(base, unreadable)
    for parts, error in unreadable:
        found.append(folder_problem("/".join(prefix + parts), error))
        if len(parts) == 1:  # a whole collection: references to it cannot be checked
            named.add((parts[0], UNREADABLE))
    for parts, entry in entries:
        item = _classify("/".join(prefix + parts), parts, entry)
        if isinstance(item, tuple):
            named.add((parts[0], parts[1][: -len(".yml")]))  # the name was checked: '<id>.yml'
        if item is not None:
            found.append(item)
    return found


def _classify(rel: str, parts: tuple[str, ...], entry: os.DirEntry) -> _FileOrProblem | None:
    """What to do with one entry: load it, report it, or (None) pass it by."""
    if entry.is_symlink():  # could publish any file of the machine (a schema is copied to /daten/schema/)
        return Problem(
            rel,
            1,
            1,
            FILE_FIELD,
            "Verknüpfungen (Symlinks) sind in data/ nicht erlaubt; die Datei selbst hierher legen.",
        )
    if entry.is_dir() or entry.name.startswith(".") or entry.name.lower() in _IGNORED_FILES:
        return None
    if parts[0] == "schema" or parts == SEARCH_WORDS:
        return None
    if not entry.is_file(follow_symlinks=False):  # a FIFO would block the reading for ever
        return Problem(
            rel,
            1,
            1,
            FILE_FIELD,
            "keine normale Datei (z. B. eine Pipe oder ein Gerät); durch eine YAML-Datei ersetzen oder löschen.",
        )
    return _check_location(rel, parts) or (entry.path, rel, parts[0])


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
