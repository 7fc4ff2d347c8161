"""The values of data files read before, kept between runs by the files' exact bytes, so that a
second `make check` or `make build` need not parse again the files that did not change.

One file, ``.cache/yaml-values.marshal`` in the repository (ignored by git), written at the end of
each load of data/: for each file the fast path read (``reading.fast``), the hash of its bytes and
its values. A file's values depend only on its bytes and on the reader, so the key is the bytes'
hash (an edit that keeps size and time stamp changes it too) and the file starts with a signature
of the reader (its modules, PyYAML, libyaml, Python): another signature, or a file that cannot be
read as such a file, counts as empty. Records taken from here have no positions yet, like those of
the fast path: a record with a problem is read again the careful way (``read_positions``).

As with the kept Markdown renderings (``core.rendered_store``): in CI (``CI`` set) nothing is read
or written, a symbolic link is not followed, a file that cannot be written is no failure, and the
file is written whole under another name and then renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

STORE_FILE = Path(".cache") / "yaml-values.marshal"
_READER = ("fast.py", "scalars.py", "kept.py")


class KeptValues:
    """The kept values of one load: what the file held (``take``), and what this load read (``save``)."""

    def __init__(self, path: Path):
        self.path = path
        self.signature = _signature()
        self.before = _read(path, self.signature)
        self.used: dict[bytes, Any] = {}
        self.added = 0  # files read anew in this load

    def take(self, raw: bytes) -> tuple[bytes, Any]:
        """(the key of ``raw``, its kept values or None). Each kept value is given out once: two
        files with the same bytes get values of their own."""
        key = hashlib.blake2b(raw, digest_size=16).digest()
        data = self.before.pop(key, None)
        if type(data) is not dict:  # a record is a mapping; anything else is not this module's
            return key, None
        self.used[key] = data
        return key, data

    def keep(self, key: bytes, data: Any) -> None:
        """``data`` of the bytes of ``key`` in this load, read anew or taken by a helper process from
        its copy of this store: written back by ``save``."""
        if self.before.pop(key, None) is None and key not in self.used:
            self.added += 1
        self.used[key] = data

    def save(self) -> None:
        """The file anew with this load's files; not written when nothing was read anew or dropped."""
        if not self.before and not self.added:  # every file as kept, none gone
            return
        with contextlib.suppress(OSError, ValueError):  # read-only, full disk: the next run reads again
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(self.path, marshal.dumps((self.signature, self.used)))


def open_kept(root: Path) -> KeptValues | None:
    """The kept values of the repository at ``root``; None in CI and where ``.cache`` or its file is a
    symbolic link (see the module's note)."""
    path = root / STORE_FILE
    if os.environ.get("CI") or path.parent.is_symlink() or path.is_symlink():
        return None
    return KeptValues(path)


def _signature() -> str:
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in _READER:
        digest.update((here / name).read_bytes())
    libyaml = getattr(yaml, "__with_libyaml__", False) and yaml._yaml.get_version_string()
    return f"{digest.hexdigest()}/{yaml.__version__}/{libyaml}/{sys.version}"


def _read(path: Path, signature: str) -> dict[bytes, Any]:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, unreadable, cut short, not marshal
        return {}
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == signature and isinstance(kept[1], dict)):
        return {}  # another reader's, or not this module's file
    return kept[1]


def _write_whole(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
