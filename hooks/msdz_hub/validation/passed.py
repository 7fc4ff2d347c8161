"""Records that passed every rule of their own before, kept between runs by their file's bytes, so
that a second `make check` or `make build` need not check again what did not change (on a warm
check of 10 000 records these rules were half the work).

One file, ``.cache/records-passed.marshal`` in the repository (ignored by git; kept as
``core.kept_file`` keeps every such file: never in CI, no symbolic link followed, written whole).
It holds, for each record that ``Validator.record_problems`` found nothing wrong with, the hash of
its file's bytes (``reading.kept.content_key``: its values depend on them alone) and its collection.
An edit, whatever its size and time stamp, changes the hash: the record is checked again. The
signature covers everything else the verdict depends on: the schema documents, the code that reads
and checks (``reading``, ``schemas``, ``validation``, ``core``), Berlin's clock changes, and the
versions of the libraries and of Python. What depends on other records (references) and the
Markdown fields (``core.rendered_store`` keeps those) are checked on every run.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zoneinfo
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from ..core.kept_file import kept_path, read_kept, write_kept
from ..reading import RawRecord

STORE_FILE = Path(".cache") / "records-passed.marshal"
_CODE = ("reading", "schemas", "validation", "core")  # the packages the verdict's code lives in
_LIBRARIES = ("jsonschema", "jsonschema-rs", "jsonschema-specifications", "referencing", "PyYAML")


class PassedRecords:
    """The records that passed before (``holds``), and those that passed in this run (``save``)."""

    def __init__(self, path: Path, signature: str):
        self.path = path
        self.signature = signature
        self.before: set[bytes] = read_kept(path, signature, set) or set()
        self.now: set[bytes] = set()

    def holds(self, record: RawRecord) -> bool:
        """Whether ``record``, with these very values, passed its own rules before."""
        if record.content is None:
            return False
        key = record.content + record.collection.encode()
        if key in self.before:
            self.now.add(key)
            return True
        return False

    def add(self, record: RawRecord) -> None:
        """``record`` passed its own rules in this run."""
        if record.content is not None:
            self.now.add(record.content + record.collection.encode())

    def save(self) -> None:
        """The file anew with the records of this run, when they differ from those it held."""
        if self.now != self.before:
            write_kept(self.path, self.signature, self.now)


def open_passed(root: Path, documents: dict[str, Any]) -> PassedRecords | None:
    """The kept verdicts of the repository at ``root`` under the schemas ``documents``; None in CI
    and where ``.cache`` or its file is a symbolic link (``core.kept_file``)."""
    path = kept_path(root, STORE_FILE.name)
    return None if path is None else PassedRecords(path, _signature(documents))


def _signature(documents: dict[str, Any]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps(documents, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    package = Path(__file__).parent.parent
    for folder in _CODE:
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(_berlin_rules())
    versions = [_version(name) for name in _LIBRARIES]
    libyaml = getattr(yaml, "__with_libyaml__", False) and yaml._yaml.get_version_string()
    return "/".join([digest.hexdigest(), *versions, str(libyaml), sys.version])


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:  # jsonschema-rs is optional (schemas.compiled)
        return "-"


def _berlin_rules() -> bytes:
    """The time zone data of Berlin that ``core.dates.wall_clock_problem`` asks (the clock changes)."""
    for folder in zoneinfo.TZPATH:
        try:
            return Path(folder, "Europe", "Berlin").read_bytes()
        except OSError:
            continue
    return _version("tzdata").encode()  # where there is no system time zone data, zoneinfo takes this
