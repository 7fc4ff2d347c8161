"""The records a session keeps between runs, and how a save is found among the files.

A file counts as changed when its bytes differ, never by its time stamp or size alone: a copy that
keeps both (``cp -p``, ``rsync -t``, an editor that restores the time) is an edit like any other.
Reading every file of data/ after each save would cost a noticeable share of a rebuild at N = 5 000,
so a file is read and hashed again only when its status says it may have changed (git's rule for
its index): its inode change time (ctime) moves with every write and every change of its time
stamps, and no program can set it back; a file whose ctime is as recent as the last look is read
anyway, since two writes within one tick of the clock would share it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.git_dates import head_commit, last_commit_times
from ..core.problems import DataError
from ..load import load_records, load_schemas, load_words, located_problems, unique_locations
from ..model import Hub
from ..reading import RawRecord, load_file
from ..schemas import Schemas
from ..validation import Validator

Digests = dict[str, bytes]  # a file's content hash by its path from the repository root
_RACY_NS = 2_000_000_000  # a file changed this close to the last look is read again (coarse clocks)


@dataclass(frozen=True)
class Look:
    """The files below a folder as last seen: each one's content hash, and the status it had then."""

    digests: Digests
    status: dict[str, tuple[int, int, int, int]]  # inode, size, mtime, ctime
    at: int  # when the look began (ns, the clock file times use)


def look(folder: Path, root: Path, before: Look | None = None, skip: tuple[str, ...] = ()) -> Look:
    """Every file below ``folder`` (without the folders named in ``skip``), hashed unless its status
    shows it unchanged since ``before``."""
    at, digests, status = time.time_ns(), {}, {}
    for base, subfolders, names in os.walk(folder):
        subfolders[:] = [s for s in subfolders if s not in (*skip, "__pycache__")]
        for name in names:
            path = os.path.join(base, name)
            rel = Path(os.path.relpath(path, root)).as_posix()
            try:
                info = os.lstat(path)
            except OSError:  # gone since the walk: the loader names it
                digests[rel] = b""
                continue
            status[rel] = now = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            known = before is not None and before.status.get(rel) == now and now[3] < before.at - _RACY_NS
            digests[rel] = before.digests[rel] if known else _digest(path)  # type: ignore[union-attr]
    return Look(digests, status, at)


def _digest(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return hashlib.blake2b(file.read(), digest_size=16).digest()
    except OSError:  # unreadable: the loader names it
        return b""


def digests(folder: Path, root: Path, skip: tuple[str, ...] = ()) -> Digests:
    """The content hash of every file below ``folder`` (without the folders named in ``skip``)."""
    return look(folder, root, skip=skip).digests


def data_look(root: Path, before: Look | None) -> Look:
    """The records' files (the schemas are an input of their own, see ``session.Inputs``)."""
    return look(root / "data", root, before, skip=("schema",))


@dataclass
class Records:
    """The valid records of one load, and what the next load compares them by."""

    schemas: Schemas
    raws: dict[str, RawRecord]  # by path from the root, in the order a full load reads them
    named: set[tuple[str, str]]  # (collection, id) of every file found: what references are checked against
    files: Look  # every file of data/ but the schemas, as loaded
    head: str | None  # the git commit whose times ``commit_times`` holds
    commit_times: dict[str, int]
    search_words: Any = None  # data/search/: a change to it is no record's, so a full load reads it again

    def hub(self) -> Hub:
        hub = Hub(self.raws.values(), self.schemas, self.commit_times)
        hub.search_words = self.search_words
        return hub

    def changed(self, now: Look) -> list[str] | None:
        """The record files whose bytes changed since this load; None when a file was added,
        removed, renamed or is not one of the records (a full load decides what it is)."""
        before = self.files.digests
        if set(now.digests) != set(before):
            return None
        changed = [path for path, digest in now.digests.items() if before[path] != digest]
        return None if any(path not in self.raws for path in changed) else changed


def load_all(root: Path, now: Look) -> Records:
    """Every record of ``root/data``, as ``load.load_hub`` reads them; DataError with every problem."""
    schemas = load_schemas(root)
    records, named = load_records(root, schemas)
    raws = {raw.path: raw for raw in records}
    words = load_words(root, schemas)
    return Records(schemas, raws, named, now, head_commit(root), last_commit_times(root), words)


def load_changed(root: Path, before: Records, changed: list[str], now: Look) -> Records:
    """``before`` with the files in ``changed`` read again; references are checked against the
    names of all files, so the verdict is the one a full load would give."""
    raws, fresh, problems = dict(before.raws), [], []
    for path in changed:
        record, file_problems = load_file(root / path, path, path.split("/")[1])
        problems += file_problems
        if record is not None:
            raws[path] = record
            fresh.append(record)
    problems += located_problems(Validator(before.schemas), fresh, before.named)
    if problems:
        raise DataError(unique_locations(problems))
    head = head_commit(root)
    commit_times = before.commit_times if head == before.head else last_commit_times(root)
    return dataclasses.replace(before, raws=raws, files=now, head=head, commit_times=commit_times)


def fresh_records(now: Records, before: Records) -> set[str]:
    """Keys of the records whose data differs between two loads."""
    keys = set()
    for path, raw in now.raws.items():
        previous = before.raws[path]
        if previous is not raw and previous.data != raw.data:
            keys.add(f"{raw.collection}/{raw.id}")
    return keys
