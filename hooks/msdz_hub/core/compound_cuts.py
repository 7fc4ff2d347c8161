"""Where CharSplit would cut a German word into two, kept per word between runs.

CharSplit (Don Tuggener, 2016; the package split-words, MIT) scores every cut of a word by how
often German words of a large corpus end with the letters before it and begin with the letters
after it, and how rarely those letters stand inside a word: „Jugendbeteiligung“ -> Jugend |
Beteiligung. It knows nothing of the hub; views.search_words accepts a cut only where the hub's own
vocabulary knows its parts.

Its model is a 40 MB JSON file of 1.9 million letter n-grams. Loaded whole (as the package does) it
costs about 2 s and 310 MB, several times the memory of the rest of a build. So it is read only for
words that no earlier run has cut, and then only the n-grams of those words (every n-gram a cut looks
up is a piece of the word): a scan of the file in small blocks that keeps what it needs and exactly
the values the whole file gives, in about 14 MB. Measured on a busy machine (bench/compound_splits.py):
0.7–0.9 s for 125 words, 1.3–1.9 s for the 2 200 long words of data/, 0.7 s at N = 1 000 synthetic
records; a build that finds every word in the kept file does not read the model at all.

The cuts are kept in ``.cache/compound-cuts.json`` with the splitter's version and this module's
source, as the rendered Markdown is (core.rendered_store): not read or written in CI, never
through a symbolic link, replaced whole, and after a run it holds exactly that run's words.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from .kept_file import write_whole_json as write_whole

CUTS_FILE = Path(".cache") / "compound-cuts.json"
BEST = 3  # cuts kept per word, best first: the vocabulary check may refuse the first
SECTIONS = ("prefix", "infix", "suffix")  # the model's three tables of n-gram probabilities
SECTION = re.compile(rb'"(prefix|infix|suffix)": \{')
KEY = re.compile(rb'"([^"]*)": ')  # an n-gram, as the file writes it ({"n-gram": probability, ...})
NUMBER = re.compile(rb"-?[0-9][0-9.eE+-]*")
BLOCK = 1 << 14  # bytes read at once: small, so that a piece found is looked for again in few bytes

Cut = tuple[str, str, float]  # first part, last part, CharSplit's score (above 0: likely)

_cuts: dict[str, tuple[Cut, ...]] = {}  # by lower-case word; kept by the process (`make serve`)
_written: dict[Path, frozenset[str]] = {}  # the words a kept file holds, as this process read or wrote it


def signature() -> str:
    """What a word's cuts depend on besides the word: the splitter's version and this module."""
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).hexdigest()
    return f"split-words {metadata.version('split-words')}/{digest}"


class Cutter:
    """The best cuts of a lower-case word, best first (every word has some): from this
    process's memory, the kept file of ``cache_root`` or the splitter. ``words`` are the words
    of the run; the splitter is asked only for words that are these or pieces of them."""

    def __init__(self, words: Iterable[str], cache_root: Path | None):
        self.words = frozenset(words)
        self.path = _kept_file(cache_root)
        uncut = self.path is not None and not self.words <= _cuts.keys()
        self.kept = _read(self.path) if uncut and self.path is not None else {}
        self.asked: set[str] = set()
        self._model: dict[str, dict[str, float]] = {}
        self._pieces: set[str] = set()  # the model holds the n-grams of these

    def __call__(self, word: str) -> tuple[Cut, ...]:
        self.asked.add(word)
        found = _cuts.get(word)
        if found is None:
            found = self.kept.get(word)
            if found is None:
                found = self._charsplit(word)
            _cuts[word] = found
        return found

    def save(self) -> None:
        """The kept file anew with the words asked for, if it would hold others than it does."""
        asked = frozenset(self.asked)
        if self.path is None or _written.get(self.path) == asked:
            return
        if self.kept.keys() != asked or not self.kept:
            with contextlib.suppress(OSError):  # read-only, full disk: the next run cuts again
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_whole(self.path, {"splitter": signature(), "cuts": {w: _cuts[w] for w in sorted(asked)}})
        _written[self.path] = asked

    def _charsplit(self, word: str) -> tuple[Cut, ...]:
        from split_words import splitter

        if word not in self._pieces:  # once in a run, unless a part of a word cut before is new
            uncut = self.words - _cuts.keys() - self.kept.keys()
            self._pieces = {w[i:j] for w in (*uncut, word) for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
            self._model = _ngrams_of(self._pieces, splitter.NGRAM_PATH)
        before, splitter.ngram_probs = splitter.ngram_probs, self._model  # the package's cache of its model
        try:
            cuts = splitter.Splitter().split_compound(word)[:BEST]
        finally:
            splitter.ngram_probs = before
        return tuple((left.lower(), right.lower(), round(score, 3)) for score, left, right in cuts if left != right)


def _kept_file(cache_root: Path | None) -> Path | None:
    if cache_root is None or os.environ.get("CI"):
        return None
    path = cache_root / CUTS_FILE
    return None if path.parent.is_symlink() or path.is_symlink() else path


def _read(path: Path) -> dict[str, tuple[Cut, ...]]:
    try:
        with path.open("rb") as file:
            kept = json.load(file)
    except (OSError, ValueError, RecursionError):  # missing, unreadable, cut short, not JSON
        return {}
    if not isinstance(kept, dict) or kept.get("splitter") != signature() or not isinstance(kept.get("cuts"), dict):
        return {}
    found = {w: _as_cuts(c) for w, c in kept["cuts"].items() if isinstance(w, str)}
    return {w: tuple(cuts) for w, cuts in found.items() if cuts is not None}


def _as_cuts(value: object) -> list[Cut] | None:
    if not isinstance(value, list):
        return None
    cuts = [(c[0], c[1], float(c[2])) for c in value if isinstance(c, list) and _is_cut(c)]
    return cuts if len(cuts) == len(value) else None


def _is_cut(cut: list[Any]) -> bool:
    return len(cut) == 3 and isinstance(cut[0], str) and isinstance(cut[1], str) and type(cut[2]) in (int, float)


def _ngrams_of(pieces: set[str], path: Path) -> dict[str, dict[str, float]]:
    """The model's three tables, each with only the entries for ``pieces``. The file is read in
    blocks: the keys of a block are matched against the pieces as a set, and only a piece found is
    looked for again, for its value (exactly the values ``json.load`` gives, tests/test_compound_cuts.py)."""
    wanted = {json.dumps(p)[1:-1].encode("ascii"): p for p in pieces}  # as the file writes them
    model: dict[str, dict[str, float]] = {name: {} for name in SECTIONS}
    table: dict[str, float] | None = None
    rest = b""
    with path.open("rb") as file:
        while True:
            block = file.read(BLOCK)
            data = rest + block
            end = data.rfind(b', "') if block else len(data)  # the last whole entry
            rest, start = data[end:], 0
            for section in SECTION.finditer(data, 0, end):
                if table is not None:
                    _take(data, start, section.start(), wanted, table)
                table, start = model[section.group(1).decode()], section.end()
            if table is not None:
                _take(data, start, end, wanted, table)
            if not block:
                return model


def _take(data: bytes, start: int, end: int, wanted: dict[bytes, str], table: dict[str, float]) -> None:
    for key in wanted.keys() & set(KEY.findall(data, start, end)):
        value = NUMBER.match(data, data.find(b'"%s": ' % key, start, end) + len(key) + 4)
        if value is not None:
            table[wanted[key]] = float(value.group())
