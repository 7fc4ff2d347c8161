"""Other spellings for Material's search index (``search/search_index.json``), for German readers.

How Material 9 searches (its worker, lunr 2.3.9 with lunr-languages ``de``): each entry of the index
is one page or one section of a page; its fields are split at ``config.separator``, lower-cased and,
with the pipeline ``[stopWordFilter]`` (the default, and set in mkdocs.yml on purpose), only German
stop words are dropped: nothing is stemmed. In the browser every query term becomes a prefix
query (``großräschen*``) that skips the pipeline. So a query finds a word as it is spelt, from its
start. A German stemmer would not help: it turns ``großräschen`` into ``grossrasch`` in the index,
which the unstemmed prefix query ``großräschen*`` no longer finds.

Readers type ``Grossraeschen``, ``Grossraschen`` or ``Großräschen`` for the same town. For every
word with an umlaut, ß, another diacritic or a gender colon (``Bürger:innenrat``), this module adds
its other spellings to two extra fields (``title_spellings``, ``text_spellings``; declared in
mkdocs.yml under the search plugin's ``fields``) that score like ``title`` and ``text`` but are never
shown: results still show the text as written. The page's title has its spellings; every other
word's go once onto the page's own entry, however often and in however many sections it occurs:
Material lists results by page, so the same pages are found, and the index does not grow with
every mention.

The hook calls ``tune_page_entries`` on a page's entries while the search plugin indexes the page,
so the work is linear in the text and no index is parsed again after the build. What is not worth
searching never reaches the index: the templates in overrides/hub/ mark it ``data-search-exclude``,
which Material's search plugin skips – the labels of fact lists ("Förderrunde:", "Themen:"; they would
make every record match "Themen"), the sources and other bare web addresses, the lists that only
link to other records (overviews, related records, the home page's lists: those records are found
on their own pages) and the boxes that read the same on every page. The paragraph and list tags
Material keeps in the text go too (``plain_text``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# German stop words with umlauts (lunr.de's list): the index drops them, so their spellings are noise.
_STOP_WORDS = frozenset({"daß", "für", "können", "könnte", "während", "würde", "würden", "über"})

# A whole word (letters and digits, no underscore) of lower-case text with at least one non-ASCII
# letter or digit. The lookbehind starts a match only at the start of a word and the possessive
# ASCII run never backtracks, so a plain ASCII word costs one pass. Tags and entities (``&lt;``)
# are ASCII: they never match, and never stick to a word they touch.
_SPECIAL_WORD = re.compile(r"(?<![^\W_])[a-z0-9]*+[^\W\x00-\x7f_][^\W_]*")
# "Bürger:innenrat", "Manager*in", "Expert_innen" -> one word.
_GENDER = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[:*_](in(?:nen)?[^\W\d_]*)")
_GENDER_MARK = re.compile(r"[:*_]in", re.IGNORECASE)
_FOLD_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_FOLD_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
# Block tags Material keeps in the text (not <pre>, whose blanks count; code blocks are rare here).
# The pattern starts with "<", which the regex engine finds fast; the blanks around each tag go
# with str.strip (a pattern that started with optional blanks would be tried at every character).
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li)>")


def tune_page_entries(entries: list[dict[str, Any]]) -> None:
    """Tune the entries the search plugin made for one page (its first entry is the page itself).

    Each entry loses the block tags Material keeps in its text, each section the page's boost
    (which stays on the page's entry). The page's entry gets the other spellings of its title, and
    – once each – those of every other word of the page, section headings included: a reader who
    types ``Buergerrat`` finds every page that says ``Bürgerrat`` (Material lists its results by
    page), while the index holds each spelling once per page, not once per section and mention.
    """
    if not entries:
        return
    words = []  # the page's text, then each section's heading and text: one pass finds the spellings
    for index, entry in enumerate(entries):
        text = entry.get("text")
        if text:
            entry["text"] = text = plain_text(text)
        if index:
            # The page's rank (front matter search.boost, e.g. a town's page above the overviews)
            # lifts the page's own entry; Material repeats it on every section, where it only
            # weighs record sections against the few hand-written pages.
            entry.pop("boost", None)
            words.append(entry.get("title") or "")
        words.append(text or "")
    page = entries[0]
    for field, found in (("title_spellings", other_spellings(page.get("title") or "")),
                         ("text_spellings", other_spellings("\n".join(words)))):
        spelt = " ".join(found)
        if spelt:
            page[field] = spelt


def plain_text(text: str) -> str:
    """An entry's text without the paragraph and list tags Material keeps (``<p>``, ``<ul>``,
    ``<li>`` …): its results show a short teaser, which reads the same without them, and the index
    is smaller. Inline tags that carry meaning (``<code>``, ``<sub>``, ``<sup>``) stay."""
    if "<" not in text:
        return text
    # Each run of block tags and the blanks around them becomes one blank.
    return " ".join(filter(None, map(str.strip, _BLOCK_TAG.split(text))))


def other_spellings(markup: str) -> Iterator[str]:
    """Other spellings of the words of an index field, each once, in order of first occurrence.

    Only letters and digits come out: the field is never shown, but it must not carry markup
    either (``&lt;scrïpt&gt;`` yields ``script``, never ``lt``).
    """
    special = not markup.isascii()
    gendered = _GENDER_MARK.search(markup) is not None
    if not special and not gendered:
        return iter(())  # the common case: nothing to add
    found: dict[str, None] = {}
    if special:
        # Only the blank-separated pieces with a non-ASCII character can hold such a word: scanning
        # just those is a third of the work on German text, with the same words in the same order.
        pieces = " ".join([piece for piece in markup.split() if not piece.isascii()]).lower()
        for word in dict.fromkeys(_SPECIAL_WORD.findall(pieces)):
            found.update(dict.fromkeys(spellings(word)))
    if gendered:
        for head, tail in _GENDER.findall(markup.lower()):
            word = head + tail
            found[word] = None
            found.update(dict.fromkeys(spellings(word)))
    return iter(found)


@functools.lru_cache(maxsize=1 << 16)  # a site's words repeat from page to page
def spellings(word: str) -> tuple[str, ...]:
    """The ways readers write a lower-case word without its special letters, the word excluded.

    ``großräschen`` -> ``grossraeschen``, ``grossraschen``, ``grossräschen`` (Swiss spelling).
    """
    if word.isascii() or word in _STOP_WORDS:
        return ()
    variants = [
        _strip_accents(word.translate(_FOLD_E)),
        _strip_accents(word.translate(_FOLD_PLAIN)),
        word.replace("ß", "ss"),
    ]
    return tuple(v for v in dict.fromkeys(variants) if v != word and v)


def _strip_accents(word: str) -> str:
    """Other Latin letters with diacritics to their base letter: 'chóśebuz' -> 'chosebuz'."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# In JSON written with ASCII escapes: an escaped backslash (kept, so that what follows it is not
# mistaken for an escape), a surrogate pair, or one escaped character.
_JSON_ESCAPE = re.compile(r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u([0-9a-f]{4})")


def json_as_utf8(text: str) -> str:
    """JSON written with ASCII escapes (``"M\\u00fcnchen"``) -> the same JSON with those characters
    written out (``"München"``), without parsing it: Material writes the search index with escapes,
    six bytes for each umlaut. Escapes of control characters (below U+0080) stay."""

    def unescape(match: re.Match[str]) -> str:
        high, low, single = match.groups()
        if high:
            return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))
        if single and int(single, 16) >= 0x80 and not 0xD800 <= int(single, 16) <= 0xDFFF:
            return chr(int(single, 16))
        return match.group(0)

    return _JSON_ESCAPE.sub(unescape, text)


def rewrite_json_as_utf8(path: Path, chunk_chars: int = 1 << 20) -> None:
    """``json_as_utf8`` for a file, a piece at a time: the index of a large hub is tens of MB. Pieces
    end at a comma, which no escape contains."""
    temporary = path.with_name(path.name + ".utf8")
    with path.open(encoding="utf-8") as source, temporary.open("w", encoding="utf-8") as target:
        rest = ""
        while piece := source.read(chunk_chars):
            piece = rest + piece
            cut = piece.rfind(",") + 1
            rest = piece[cut:]
            target.write(json_as_utf8(piece[:cut]))
        target.write(json_as_utf8(rest))
    temporary.replace(path)
