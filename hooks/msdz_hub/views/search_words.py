"""Words the search should find on a record's page although the page does not say them: the parts of
its German compounds and the words readers use for the same thing (data/synonyms.yml).

Pagefind (1.5.2) stems German and folds umlauts, but it treats a compound as one word: „Beteiligung“
does not find „Jugendbeteiligung“ (Pagefind issue 738, open). So the build splits the compounds of a
record's own text where its last part is a word the hub uses on its own (in a title or summary) or a
word part the editors listed, and adds the parts, and the synonyms of the record's words, to the page
as hidden words of low weight (overrides/main.html): a page that says „Beteiligung“ itself still
ranks above one that only has it inside a compound. tests/browser/test_pagefind_compounds.py holds the
expectation that tells when Pagefind splits compounds itself: then the parts go, the synonyms stay.

No German splitter from the package index fits the build (checked December 2026 on Python 3.11 with
Klimaanpassungsstrategie, Bürgerbeteiligung, Innenstadtentwicklung, Zwischennutzung,
Leerstandsmanagement and the 120 most frequent long nouns of data/):
- charsplit-fst 0.1.4 (MIT/Apache, 2026, the maintained one): only a cp312-abi3 wheel, no source
  release; the build runs Python 3.11.
- split-words 0.1.3 (CharSplit repackaged, MIT, 2023): the right head for all five, but its n-gram
  model is a 40 MB JSON that takes 2.2 s and 370 MB to load: the build would need several times the
  memory of plain MkDocs (BENCHMARKS.md: hub/base ≤ 1.2 at N = 5 000, now 1.12). It also splits words
  that are none (Ent|wicklung, Mit|teilung, Bürger|innen).
- wordninja-pp 0.3.1 (MIT, 2026) segments by word frequency, not as compounds: Leer|stands|management,
  Komm|un|al|beratung, Zukunft|spark, Groß|r|ä|schen.
- wordninja-enhanced 3.2.0 (MIT, 2026): its German list holds the compounds, so none of the five is split.
- compound-split (GPL-3.0, 2020) loads a 98 MB model in 7 s and 360 MB; dwdsmor (GPL-2.0) fetches its
  automata from a model hub at run time; wikdict-compound 0.2 needs a database built from downloads;
  german-nouns (CC BY-SA, 2022) pulls a Wiktionary parser; compound-word-splitter (2017) needs
  enchant; noun-splitter offers nothing to install; wordfreq (2023) only counts words.
The hub's own vocabulary (with „Strategie“ and „Leerstand“ listed in data/synonyms.yml) gives the parts a reader
searches for in all five (tests/test_search_words.py), in milliseconds and without a model in memory.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..model import Hub, Record

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a reference to another record, no text
MIN_COMPOUND = 8  # shorter words are rarely compounds worth splitting
MIN_HEAD = 4  # the last part: „Stadt“ in „Innenstadt“; shorter ones split too much („Amt“, „Tag“)
MIN_MODIFIER = 3
ENDINGS = ("en", "n", "e", "s", "es", "er", "ern")  # plural and case endings of a last part
LINKS = ("s", "es", "n", "en")  # the joint of a compound: „Stadtentwicklungs|konzept“
# Short words of everyday grammar that end long words by chance: „Werk|statt“, „Vor|stand“.
NOT_HEADS = frozenset({"statt", "stand", "lich", "chen", "ende", "unter", "zeit", "weise", "ungen"})
# Keys of a record that hold no text a reader searches for.
NOT_TEXT = frozenset({"sources", "sources_checked", "published", "updated", "start", "end", "url", "geo"})

_lexicons: weakref.WeakKeyDictionary[Hub, frozenset[str]] = weakref.WeakKeyDictionary()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def texts(value: Any) -> Iterator[str]:
    """Every text in a record's data, read with the plain dict methods: the lexicon is built for all
    pages at once and must not make each page depend on every record (msdz_hub.engine.tracing)."""
    if isinstance(value, str):
        if not value.startswith(("http://", "https://")) and not ID.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for key, item in dict.items(value):
            if key not in NOT_TEXT:
                yield from texts(item)
    elif isinstance(value, list):
        for item in list.__iter__(value):
            yield from texts(item)


def lexicon(hub: Hub) -> frozenset[str]:
    """The last parts compounds are split at: the nouns (capitalised words) of every title and
    summary, and the listed word parts, in lower case. Once per hub."""
    known = _lexicons.get(hub)
    if known is None:
        found = {part.lower() for part in hub.search_words.word_parts}
        for by_id in hub.records.values():
            for record in by_id.values():
                data = record.data
                text = f"{dict.get(data, 'title', '')} {dict.get(data, 'summary', '')}"
                found.update(w.lower() for w in words(text) if len(w) >= MIN_HEAD and w[0].isupper())
        known = _lexicons[hub] = frozenset(found - NOT_HEADS)
    return known


def _known_head(head: str, known: frozenset[str]) -> str | None:
    if head in known:
        return head
    for ending in ENDINGS:
        if head.endswith(ending) and head[: -len(ending)] in known and len(head) - len(ending) >= MIN_HEAD:
            return head[: -len(ending)]
    return None


def split(word: str, known: frozenset[str]) -> list[str]:
    """The parts of a compound, longest last part first, the first part split again:
    „Stadtentwicklungskonzept“ -> [stadtentwicklung, stadt, entwicklung, konzept], and the last part
    too: „Innenstadtentwicklung“ -> [innen, stadtentwicklung, stadt, entwicklung]; [] for no compound."""
    lower = word.lower()
    if "-" in lower:  # „Smart-City“, „B-Plan“: the parts are there already
        return [part for part in lower.split("-") if len(part) >= MIN_MODIFIER]
    if len(lower) < MIN_COMPOUND:
        return []
    for cut in range(MIN_MODIFIER, len(lower) - MIN_HEAD + 1):
        head = _known_head(lower[cut:], known)
        if head is None:
            continue
        modifier = lower[:cut]
        for link in LINKS:
            if modifier.endswith(link) and modifier[: -len(link)] in known:
                modifier = modifier[: -len(link)]
                break
        if not re.search("[aeiouäöüy]", modifier):
            continue
        return [modifier, *split(modifier, known), head, *split(head, known)]
    return []


def _stem_of(word: str, members: dict[str, int]) -> int | None:
    """The synonym group of a word, also in plural or another case („Bürgerbeteiligungen“)."""
    if word in members:
        return members[word]
    for ending in ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in members:
            return members[word[: -len(ending)]]
    return None


def hidden_words(record: Record) -> tuple[list[str], list[str]]:
    """(compound parts, synonyms) the record's page does not say as words of their own."""
    hub = record.hub
    known = lexicon(hub)
    own = Counter(w.lower() for text in texts(record.data) for w in words(text))
    parts: dict[str, None] = {}
    for word in own:
        parts.update(dict.fromkeys(p for p in split(word, known) if p not in own))
    groups = hub.search_words.groups
    members = {w.lower(): i for i, group in enumerate(groups) for w in group}
    found = {g for g in (_stem_of(w, members) for w in [*own, *parts]) if g is not None}
    synonyms = [w for i in sorted(found) for w in groups[i] if w.lower() not in own and w.lower() not in parts]
    return list(parts), list(dict.fromkeys(synonyms))


class WordCounts:
    """The words of a hub's records, counted per record. Kept across the rebuilds of `make serve`
    (``keep``), a record is counted again only when its data changed, so the vocabulary, which reads
    every record, costs a rebuild little; a build counts each record once and keeps nothing."""

    def __init__(self, keep: bool = False):
        self.keep = keep
        self._records: dict[str, tuple[tuple[Any, ...], Counter[str], Counter[str]]] = {}
        self.spelled: Counter[str] = Counter()  # words of at least MIN_HEAD letters, as spelled
        self.titled: Counter[str] = Counter()  # lower-case words of titles: in how many records

    def count(self, hub: Hub) -> None:
        """Bring the counts to ``hub``'s records (read untraced, see ``texts``)."""
        seen, forgot = set(), False
        for record in hub.every():
            seen.add(record.key)
            data = tuple(dict.items(record.data))  # the same values as last time: the same words
            before = self._records.get(record.key)
            if before is not None and before[0] == data:
                continue
            if before is not None:
                self._forget(record.key)
                forgot = True
            own = Counter(w for text in texts(record.data) for w in words(text) if len(w) >= MIN_HEAD)
            titled = Counter({w.lower() for w in words(str(dict.get(record.data, "title", "")))})
            self.spelled.update(own)
            self.titled.update(titled)
            if self.keep:
                self._records[record.key] = (data, own, titled)
        for key in self._records.keys() - seen:
            self._forget(key)
            forgot = True
        if forgot:
            self.spelled, self.titled = +self.spelled, +self.titled  # without the words now counted 0

    def _forget(self, key: str) -> None:
        _, own, titled = self._records.pop(key)
        self.spelled.subtract(own)
        self.titled.subtract(titled)


def vocabulary(hub: Hub, limit: int = 20_000, counted: WordCounts | None = None) -> list[tuple[str, int]]:
    """The words of the hub's records with how often each occurs, most frequent first, in the spelling
    met most: what „Meinten Sie …?“ may suggest. Words met once are left out unless in a title or
    in data/synonyms.yml. ``counted``: the counts of an earlier call, kept (``WordCounts``)."""
    counted = counted or WordCounts()
    counted.count(hub)
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for word, n in counted.spelled.items():
        lower = word.lower()
        counts[lower] += n
        spellings.setdefault(lower, Counter())[word] += n
    listed = {word.lower(): word for group in hub.search_words.groups for word in group}
    for lower, word in listed.items():  # the editors' words are suggested even where no page says them
        counts[lower] += 1
        spellings.setdefault(lower, Counter())[word] += 1
    titled = counted.titled
    kept = [(w, n) for w, n in counts.items() if n > 1 or w in titled or w in listed]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return [(_most_met(spellings[w]), n) for w, n in kept[:limit]]


def _most_met(spellings: Counter[str]) -> str:
    """The spelling met most; of equally frequent ones the first in code point order (a noun's
    capital first), so the answer never depends on the order the records were counted in."""
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
