"""Rendered Markdown fields kept between runs, so that a second `make check` or `make build` need not
render again what the first one rendered (``core.markdown_html`` asks here before it renders).

One file, ``.cache/markdown-html.marshal`` in the repository (ignored by git; kept as
``core.kept_file`` keeps every such file: never in CI, no symbolic link followed, written whole).
It holds, for each text, the sanitised HTML or the German reason it was refused. The key is the
text itself: nothing to hash, and nothing but the same text can match. The signature covers
everything the HTML depends on besides the text: the renderer's own source (extensions,
allow-list, budget, messages), the versions of Python-Markdown, nh3 and Python. A file with
another signature, or one that cannot be read as such a file (cut short, edited, from an older
version), counts as empty: the texts are rendered anew and the file is replaced. After a run over
all of data/ it holds exactly the texts of that run: edited and deleted texts drop out.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from .kept_file import kept_path, read_kept, write_kept

STORE_FILE = Path(".cache") / "markdown-html.marshal"

Entry = tuple[bool, str]  # (rendered, the HTML) or (refused, the German reason)


def renderer_signature(*sources: Path) -> str:
    """What the rendered HTML depends on besides the text: ``sources`` (the renderer's modules) and
    the versions of the libraries and the interpreter."""
    digest = hashlib.blake2b(digest_size=16)
    for source in sources:
        digest.update(source.read_bytes())
    versions = [metadata.version("markdown"), metadata.version("nh3"), "{}.{}".format(*sys.version_info[:2])]
    return digest.hexdigest() + "/" + "/".join(versions)


class RenderedStore:
    """The kept renderings of one run: what the file held (``before``), and the texts this run asked
    for (``keep``); ``save`` writes the file anew with those."""

    def __init__(self, path: Path, signature: str):
        self.path = path
        self.signature = signature
        before: dict[Any, Any] = read_kept(path, signature, dict) or {}
        if not all(map(_is_entry, before.values())):  # not all as this module writes them: those rendered anew
            before = {text: entry for text, entry in before.items() if _is_entry(entry)}
        self.before: dict[str, Entry] = before
        self.used: dict[str, None] = {}  # the texts of this run, in order

    def keep(self, text: str) -> None:
        """``text`` belongs to this run: its entry is written back by ``save``."""
        self.used[text] = None

    def keep_all(self, texts: list[str]) -> None:
        """``keep`` for each of ``texts``."""
        self.used.update(dict.fromkeys(texts))

    def save(self, entries: dict[str, Entry]) -> None:
        """The file anew with the entries of this run's texts (from ``entries``); not written when it
        would hold the same texts (an entry depends on its text alone)."""
        if self.used.keys() != self.before.keys():
            write_kept(self.path, self.signature, {text: entries[text] for text in self.used if text in entries})


def _is_entry(entry: Any) -> bool:
    return type(entry) is tuple and len(entry) == 2 and type(entry[0]) is bool and type(entry[1]) is str


def open_store(root: Path, signature: str) -> RenderedStore | None:
    """The store of the repository at ``root``; None in CI and where ``.cache`` or its file is a
    symbolic link (``core.kept_file``): what the site shows comes from the repository only."""
    path = kept_path(root, STORE_FILE.name)
    return None if path is None else RenderedStore(path, signature)
