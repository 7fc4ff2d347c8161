"""The values of data files read before, kept between runs by the files' exact bytes, so that a
second `make check` or `make build` need not parse again the files that did not change.

One file, ``.cache/yaml-values.marshal`` in the repository (ignored by git; kept as
``core.kept_file`` keeps every such file: never in CI, no symbolic link followed, written whole),
written at the end of each load of data/ that read anything anew: for each file the fast path read
(``reading.fast``), the hash of its bytes and its values. A file's values depend only on its bytes
and on the reader, so the key is the bytes' hash (an edit that keeps size and time stamp changes it
too) and the signature is that of the reader (its modules, PyYAML, libyaml, Python). Records taken
from here have no positions yet, like those of the fast path: a record with a problem is read again
the careful way (``read_positions``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

from ..core.kept_file import kept_path, read_kept, write_kept

STORE_FILE = Path(".cache") / "yaml-values.marshal"
_READER = ("fast.py", "scalars.py", "kept.py")


def content_key(raw: bytes) -> bytes:
    """The key of a file's values: the SHA-256 of its bytes (processors compute it in hardware: a
    third faster than BLAKE2 at 10 000 files)."""
    return hashlib.sha256(raw).digest()


class KeptValues:
    """The kept values of one load: what the file held (``take``), and what this load read (``save``)."""

    def __init__(self, path: Path):
        self.path = path
        self.signature = _signature()
        self.before: dict[bytes, Any] = read_kept(path, self.signature, dict) or {}
        self.used: dict[bytes, Any] = {}
        self.added = 0  # files read anew in this load

    def take(self, raw: bytes) -> tuple[bytes, Any]:
        """(the key of ``raw``, its kept values or None). Each kept value is given out once: two
        files with the same bytes get values of their own."""
        key = content_key(raw)
        data = self.before.pop(key, None)
        if type(data) is not dict:  # a record is a mapping; anything else is not this module's
            return key, None
        self.used[key] = data
        return key, data

    def keep(self, key: bytes, data: Any) -> None:
        """``data`` of the bytes of ``key`` in this load, read anew (here or by a helper process):
        written back by ``save``."""
        if self.before.pop(key, None) is None and key not in self.used:
            self.added += 1
        self.used[key] = data

    def save(self) -> None:
        """The file anew with this load's files; not written when nothing was read anew or dropped."""
        if self.before or self.added:  # else every file as kept, none gone
            write_kept(self.path, self.signature, self.used)


def open_kept(root: Path) -> KeptValues | None:
    """The kept values of the repository at ``root``; None in CI and where ``.cache`` or its file is a
    symbolic link (``core.kept_file``)."""
    path = kept_path(root, STORE_FILE.name)
    return None if path is None else KeptValues(path)


def _signature() -> str:
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in _READER:
        digest.update((here / name).read_bytes())
    libyaml = getattr(yaml, "__with_libyaml__", False) and yaml._yaml.get_version_string()
    return f"{digest.hexdigest()}/{yaml.__version__}/{libyaml}/{sys.version}"
