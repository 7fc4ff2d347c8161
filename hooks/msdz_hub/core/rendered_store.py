"""Rendered Markdown fields kept between runs, so that a second `make check` or `make build` need not
render again what the first one rendered (``core.markdown_html`` asks here before it renders).

One JSON file, ``.cache/markdown-html.json`` in the repository (ignored by git). It holds the
renderer's signature and, for each text by its hash, the sanitised HTML or the German reason it was
refused. The signature covers everything the HTML depends on besides the text: the renderer's own
source (extensions, allow-list, budget, messages), the versions of Python-Markdown, nh3 and Python.
A file with another signature, or one that cannot be read as such a file (cut short, edited, from
an older version), counts as empty: the texts are rendered anew and the file is replaced.

The file is written whole to a temporary name and then renamed over the old one, so a reader never
sees half a file, and two runs at once leave one complete file. After a run over all of data/ it
holds exactly the texts of that run: edited and deleted texts drop out. A cache that cannot be
written (read-only checkout, full disk) is no failure: the next run renders again.

In CI (the environment variable ``CI``) the file is neither read nor written: there every run
starts from a fresh checkout, and a file committed by mistake (or on purpose, in a pull request)
must not stand in for rendering what the site publishes. Nor is a symbolic link followed to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

STORE_FILE = Path(".cache") / "markdown-html.json"

Entry = tuple[bool, str]  # (rendered, the HTML) or (refused, the German reason)


def renderer_signature(*sources: Path) -> str:
    """What the rendered HTML depends on besides the text: ``sources`` (the renderer's modules) and
    the versions of the libraries and the interpreter."""
    digest = hashlib.blake2b(digest_size=16)
    for source in sources:
        digest.update(source.read_bytes())
    versions = [metadata.version("markdown"), metadata.version("nh3"), "{}.{}".format(*sys.version_info[:2])]
    return digest.hexdigest() + "/" + "/".join(versions)


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class RenderedStore:
    """The kept renderings of one run: what the file held (``get``), and what this run used or
    added (written back by ``save``). Each text is hashed once: its key is remembered by ``get``."""

    def __init__(self, path: Path, signature: str):
        self.path = path
        self.signature = signature
        self.before = _read(path, signature)
        self.keys: dict[str, str] = {}  # text -> its key, for each text looked up
        self.used: dict[str, list[Any]] = {}  # text -> its entry, for each text of this run

    def get(self, text: str) -> Entry | None:
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = text_key(text)
        entry = self.before.get(key)
        if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is bool and type(entry[1]) is str):
            return None  # not there, or not what this module writes: rendered anew
        return entry[0], entry[1]

    def keep(self, text: str, entry: Entry) -> None:
        """``entry`` belongs to this run: written back by ``save``."""
        if text not in self.used:
            self.used[text] = list(entry)

    def save(self) -> None:
        """The file anew with this run's texts; not written when it would hold the same."""
        keys = self.keys
        used = {keys.get(text) or text_key(text): entry for text, entry in self.used.items()}
        if used == self.before:
            return
        with contextlib.suppress(OSError):  # read-only, full disk: the next run renders again
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(self.path, {"renderer": self.signature, "html": used})


def open_store(root: Path, signature: str) -> RenderedStore | None:
    """The store of the repository at ``root``; None in CI (see the module's note) and where
    ``.cache`` or its file is a symbolic link: what the site shows comes from the repository only."""
    path = root / STORE_FILE
    if os.environ.get("CI") or path.parent.is_symlink() or path.is_symlink():
        return None
    return RenderedStore(path, signature)


def _read(path: Path, signature: str) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            kept = json.load(file)
    except (OSError, ValueError, RecursionError):  # missing, unreadable, cut short, not JSON
        return {}
    if not isinstance(kept, dict) or kept.get("renderer") != signature or not isinstance(kept.get("html"), dict):
        return {}  # another renderer's, or not this module's file
    return kept["html"]


def write_whole(path: Path, content: dict[str, Any]) -> None:
    """``content`` as JSON, written to a temporary name and renamed over ``path``: a reader never
    sees half a file (also core.compound_cuts)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(content, file, separators=(",", ":"))  # ASCII: a lone surrogate cannot fail it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
