"""Tune Material's search index (``search/search_index.json``) for German readers.

How Material 9 searches (its worker, lunr 2.3.9 with lunr-languages ``de``): each entry of the index
is one page or one section of a page; its fields are split at ``config.separator``, lower-cased and,
with the pipeline ``[stopWordFilter]`` (the default, and set in mkdocs.yml on purpose), only German
stop words are dropped: nothing is stemmed. In the browser every query term becomes a prefix
query (``großräschen*``) that skips the pipeline. So a query finds a word as it is spelt, from its
start. A German stemmer would not help: it turns ``großräschen`` into ``grossrasch`` in the index,
which the unstemmed prefix query ``großräschen*`` no longer finds.

Readers type ``Grossraeschen``, ``Grossraschen`` or ``Großräschen`` for the same town. This module
adds, for every word with an umlaut, ß, another diacritic or a gender colon (``Bürger:innenrat``),
its other spellings to two extra fields (``title_spellings``, ``text_spellings``) that score like
``title`` and ``text`` but are never shown: results still show the text as written.

It also leaves out what nobody searches for and what only inflates the index: lists of bare web
addresses (the sources of every record) and the labels of fact lists ("Förderrunde:", "Themen:"),
which would otherwise make every record match the word "Themen".

Pure functions on the index's JSON data; the MkDocs hook reads and writes the file.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# Extra fields, each scored like the field it is derived from.
SPELLING_FIELDS = {"title": "title_spellings", "text": "text_spellings"}

# German stop words with umlauts (lunr.de's list): the index drops them, so their spellings are noise.
_STOP_WORDS = frozenset({"daß", "für", "können", "könnte", "während", "würde", "würden", "über"})

_LIST = re.compile(r"<(ul|ol)>(.*?)</\1>", re.S)
_NESTED = re.compile(r"<[uo]l>")  # lists in lists are left as they are
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
# "Förderrunde: …", "Jury-Vorsitz: …", "Zu den Bewerbungen: …" – a label has no digit ("18. März 2022:").
_LABEL = re.compile(r"\s*[A-ZÄÖÜ][^\d:<]{0,39}:\s+")
_BARE_URL = re.compile(r"\s*(?:[A-ZÄÖÜ][^\d:<]{0,39}:\s+)?https?://\S+\s*")
_FIRST_PARAGRAPH = re.compile(r"\s*<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+")
# "Bürger:innenrat", "Manager*in", "Expert_innen" -> one word.
_GENDER = re.compile(r"([^\W\d_]+)[:*_](in(?:nen)?[^\W\d_]*)")
_FOLD_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_FOLD_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def tune_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Material's index data -> the same data without link lists and labels, with spellings."""
    result = copy.deepcopy(index)
    config = result["config"]
    fields = config.setdefault("fields", {})
    for field, extra in SPELLING_FIELDS.items():
        fields[extra] = dict(fields.get(field) or {"boost": 1.0})

    titles = sorted({doc["title"] for doc in result["docs"] if "#" not in doc["location"] and doc["title"]})
    docs = []
    for doc in result["docs"]:
        text = _without_links(_without_labels(_without_navigation(doc.get("text", ""), titles)))
        is_section = "#" in doc["location"]
        if is_section and doc.get("text") and not _TAG.sub("", text).strip():
            continue  # a section that only listed other pages or web addresses, e.g. "Quellen"
        doc["text"] = text
        for field, extra in SPELLING_FIELDS.items():
            words = list(other_spellings(doc.get(field, "")))
            if words:
                doc[extra] = " ".join(words)
        docs.append(doc)
    result["docs"] = docs
    return result


def other_spellings(markup: str) -> Iterator[str]:
    """Other spellings of the words of an index field, one per occurrence, in order.

    Repeating a spelling as often as its word occurs keeps the ranking of ``Grossraeschen`` the
    same as that of ``Großräschen``. Only letters and digits come out: the field is never shown,
    but it must not carry markup either (entities such as ``&lt;`` yield plain ``lt``).
    """
    text = _TAG.sub(" ", markup)
    for word in _WORD.findall(text):
        yield from spellings(word.lower())
    for head, tail in _GENDER.findall(text):
        word = (head + tail).lower()
        yield word
        yield from spellings(word)


def spellings(word: str) -> list[str]:
    """The ways readers write a lower-case word without its special letters, the word excluded.

    ``großräschen`` -> ``grossraeschen``, ``grossraschen``, ``grossräschen`` (Swiss spelling).
    """
    if word.isascii() or word in _STOP_WORDS:
        return []
    variants = [
        _strip_accents(word.translate(_FOLD_E)),
        _strip_accents(word.translate(_FOLD_PLAIN)),
        word.replace("ß", "ss"),
    ]
    return [v for v in dict.fromkeys(variants) if v != word and v]


def _strip_accents(word: str) -> str:
    """Other Latin letters with diacritics to their base letter: 'chóśebuz' -> 'chosebuz'."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _without_navigation(text: str, titles: list[str]) -> str:
    """Drop lists in which every item starts with the title of a page: links to other pages.

    Overviews and the "related" sections of records list other records by title (and summary);
    those records are found on their own pages, where they rank as they should.
    """

    def is_link(item: str) -> bool:
        # The item's first paragraph, if it has several: "21. April 2021 – Erste Fachkonferenz".
        first = _FIRST_PARAGRAPH.match(item)
        head = _TAG.sub("", first.group(1) if first else item).strip()
        for title in titles:
            if head.startswith(title) and (len(head) == len(title) or not head[len(title)].isalnum()):
                return True
            if head.endswith(title) and (len(head) == len(title) or not head[-len(title) - 1].isalnum()):
                return True
        return False

    def strip(match: re.Match[str]) -> str:
        items = _ITEM.findall(match.group(2))
        if _NESTED.search(match.group(2)) or not items or not all(is_link(item) for item in items):
            return match.group(0)
        return ""

    return _LIST.sub(strip, text).strip()


def _without_labels(text: str) -> str:
    """Drop the labels of lists in which every item is "Label: value" (fact lists)."""

    def strip(match: re.Match[str]) -> str:
        items = _ITEM.findall(match.group(2))
        if _NESTED.search(match.group(2)) or not items or not all(_LABEL.match(item) for item in items):
            return match.group(0)
        body = " ".join(f"<li>{_LABEL.sub('', item, count=1)}</li>" for item in items)
        return f"<{match.group(1)}>{body}</{match.group(1)}>"

    return _LIST.sub(strip, text)


def _without_links(text: str) -> str:
    """Drop list items that are only a web address, and lists left empty."""

    def strip(match: re.Match[str]) -> str:
        if _NESTED.search(match.group(2)):
            return match.group(0)
        items = [item for item in _ITEM.findall(match.group(2)) if not _BARE_URL.fullmatch(item)]
        if not items:
            return ""
        return f"<{match.group(1)}>" + " ".join(f"<li>{item}</li>" for item in items) + f"</{match.group(1)}>"

    return _LIST.sub(strip, text).strip()
