"""Schema texts that passed the JSON Schema metaschema check, kept between runs: the check costs
about a tenth of a second for the eight schemas, every `make check` paid it, and the schemas rarely
change.

One file, ``.cache/schemas-checked.marshal`` in the repository, kept as ``core.kept_file`` keeps
every such file (never in CI, no symbolic link followed, written whole). It holds the texts
themselves: only the very text that passed can pass unchecked, and an edited schema, whatever its
size or time stamp, is checked again. The signature covers what the verdict depends on besides the
text: the module that checks (``schemas``), the versions of jsonschema, of the metaschemas it ships
and of Python.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from ..core.kept_file import kept_path, read_kept, write_kept

STORE_FILE = Path(".cache") / "schemas-checked.marshal"


class CheckedSchemas:
    """The schema texts that passed before (``passed``), and those that passed in this run (``save``)."""

    def __init__(self, path: Path):
        self.path = path
        self.signature = _signature()
        self.before: set[str] = read_kept(path, self.signature, set) or set()
        self.now: set[str] = set()

    def passed(self, text: str) -> bool:
        """Whether ``text`` passed the check in an earlier run."""
        return text in self.before

    def add(self, text: str) -> None:
        """``text`` passed the check (now, or before)."""
        self.now.add(text)

    def save(self) -> None:
        """The file anew with the texts of this run, when they differ from those it held."""
        if self.now != self.before:
            write_kept(self.path, self.signature, self.now)


def open_checked(root: Path) -> CheckedSchemas | None:
    """The kept verdicts of the repository at ``root``; None in CI and where ``.cache`` or its file
    is a symbolic link (``core.kept_file``)."""
    path = kept_path(root, STORE_FILE.name)
    return None if path is None else CheckedSchemas(path)


def _signature() -> str:
    source = (Path(__file__).parent / "__init__.py").read_bytes()
    versions = [metadata.version(name) for name in ("jsonschema", "jsonschema-specifications")]
    return "/".join([hashlib.blake2b(source, digest_size=16).hexdigest(), *versions, sys.version])
