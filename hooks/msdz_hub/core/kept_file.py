"""One file of work kept in ``.cache/`` between runs, the way every such file is kept: the YAML
values of unchanged files (``reading.kept``), rendered Markdown (``core.rendered_store``), schema
texts that passed the metaschema check (``schemas.checked``).

Each file is a marshal of (signature, content): the signature names what the content depends on
besides its keys (the code and library versions that made it), and every key is the content it
stands for or a hash of its bytes, never a size or a time stamp. A file with another signature,
or one that cannot be read as such a file, counts as empty. It is written whole under another name
and then renamed: a reader never sees half a file, and two runs at once leave one complete file.
A file that cannot be written (read-only checkout, full disk) is no failure: the next run does the
work again. In CI (``CI`` set) nothing is read or written: a file committed by mistake (or on
purpose, in a pull request) must not stand in for the work. Nor is a symbolic link followed.

marshal, not JSON or pickle: it reads plain values fastest and runs no code; the files are this
machine's own (never read in CI, ignored by git).
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_FOLDER = ".cache"


def kept_path(root: Path, name: str) -> Path | None:
    """``root/.cache/name``; None in CI and where the folder or the file is a symbolic link."""
    path = root / CACHE_FOLDER / name
    if os.environ.get("CI") or path.parent.is_symlink() or path.is_symlink():
        return None
    return path


def read_kept(path: Path, signature: str, kind: type) -> Any:
    """The content of ``path`` if it was written with ``signature`` and is a ``kind``; else None."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, unreadable, cut short, not marshal
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == signature and type(kept[1]) is kind):
        return None  # another version's, or not such a file
    return kept[1]


def write_kept(path: Path, signature: str, content: Any) -> None:
    """(``signature``, ``content``) into ``path``, whole; nothing if it cannot be written."""
    with contextlib.suppress(OSError, ValueError):  # read-only, full disk: the next run does the work again
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole_bytes(path, marshal.dumps((signature, content)))


def write_whole_bytes(path: Path, content: bytes) -> None:
    """``content`` written to a temporary name beside ``path`` and renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_whole_json(path: Path, content: dict[str, Any]) -> None:
    """``content`` as JSON, written whole (``write_whole_bytes``; core.compound_cuts keeps JSON)."""
    text = json.dumps(content, separators=(",", ":"))  # ASCII: a lone surrogate cannot fail it
    write_whole_bytes(path, text.encode("ascii"))
