"""One data file into a record: the fast path first, the careful one for whatever it leaves.

Two paths, one result: a fast-loaded record has the same values as a careful one, only no positions
yet. ``read_positions`` is the step that gives it them, by reading its file again the careful way;
it is taken only for records with a problem, whose lines and columns the editor needs.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.problems import FILE_FIELD, Problem
from .careful import load_careful
from .fast import load_fast
from .file_errors import file_problem, read_regular_file
from .kept import KeptValues
from .records import Positions, RawRecord, record_id

MAX_FILE_BYTES = 256 * 1024  # far above any real record; larger files are refused before parsing


def load_file(
    path: str | Path, rel: str, collection: str, kept: KeptValues | None = None
) -> tuple[RawRecord | None, list[Problem]]:
    """Parse one data file (its values from ``kept`` if its bytes were read before). Returns (None,
    problems) if it cannot be read as a record."""
    try:
        return _load_file(path, rel, collection, kept)
    except (OSError, RecursionError, ValueError, MemoryError) as error:
        return None, [file_problem(rel, error)]


def read_positions(record: RawRecord) -> None:
    """Give a fast-loaded record the positions of its values and keys: its file parsed again, the
    careful way. A record that knows them already is left as it is."""
    if record.where is not None:
        return
    record.where = Positions()
    if record.file is None:
        return
    try:
        careful, _ = load_careful(read_file(record.file)[1] or b"", record.file, record.path, record.collection)
    except (OSError, RecursionError, ValueError):  # gone or changed since it was loaded: the next build reports that
        careful = None
    if careful is not None and careful.where is not None:
        record.where = careful.where


def read_file(path: str | Path) -> tuple[int, bytes | None]:
    """The size of a file and its bytes, or None instead of the bytes if it is too large to read."""
    return read_regular_file(path, MAX_FILE_BYTES)


def take_kept(path: str, rel: str, collection: str, kept: KeptValues) -> RawRecord | None:
    """The record of a file whose bytes ``kept`` holds; None if it holds them not, or if the file
    cannot be read (``load_file`` then says why)."""
    try:
        _, raw = read_file(path)
    except (OSError, ValueError):
        return None
    key, data = kept.take(raw) if raw is not None else (b"", None)
    return None if data is None else RawRecord(collection, record_id(path), rel, data, file=path, content=key)


def _load_file(
    path: str | Path, rel: str, collection: str, kept: KeptValues | None
) -> tuple[RawRecord | None, list[Problem]]:
    size, raw = read_file(path)
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
    key, data = kept.take(raw) if kept is not None else (b"", None)
    if data is not None:
        return RawRecord(collection, record_id(path), rel, data, file=os.fspath(path), content=key), []
    record = load_fast(raw, path, rel, collection)
    if record is not None:
        if kept is not None:
            kept.keep(key, record.data)
            record.content = key
        return record, []
    return load_careful(raw, path, rel, collection)
