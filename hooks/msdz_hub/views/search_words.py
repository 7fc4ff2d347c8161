"""Words the search should find on a record's page although the page does not say them: the parts of
its German compounds and the words readers use for the same thing (data/synonyms.yml).

Pagefind (1.5.2) stems German and folds umlauts, but it treats a compound as one word: „Beteiligung“
does not find „Jugendbeteiligung“ (Pagefind issue 738, open). So the build splits the compounds of
the records' texts and adds the parts, and the synonyms of the record's words, to the page as hidden
words of low weight (overrides/main.html): a page that says „Beteiligung“ itself still ranks above
one that only has it inside a compound.

The cuts come from CharSplit (core.compound_cuts: the package split-words, MIT), the n-gram splitter
most German compound splitting builds on. Alone it also cuts words that are none. So of its three
best cuts the first is taken whose last part is a noun of the hub's own vocabulary or a word part the
editors listed in data/synonyms.yml („Jugend“, „Zwischen“), and whose first part is a word the records
use (without its joint: „Stadtentwicklungs“ -> Stadtentwicklung) or comes from CharSplit's best and
likely cut (a lexicon validation); a town's name stays whole. Both parts are split again.
On the issue's five words and the 120 most frequent long nouns of data/ (bench/compound_splits.py,
December 2026) CharSplit alone cut 93, 18 of them wrongly (Ebers|walde, Ludwigs|felde, Ent|wicklung,
Mit|teilung, Bürger|innen, Vor|stellung, Studie|rende); checked, 54 are split and none wrongly, and 23
compounds stay whole because the hub never uses their last part alone (Bürger|meister, Stark|regen):
listing such a part under word_parts splits them.

Other splitters from the package index were tried on the same words: charsplit-fst (Rust, maintained)
has wheels only for Python 3.12 and later; compound-split (GPL-3.0) is the same CharSplit whose
German and Dutch models (Python source, 39 MB for German) are imported whole; wordninja-pp cuts by
word frequency (Komm|un|al|beratung); dwdsmor fetches its automata from a model hub at run time;
wikdict-compound needs a database built from downloads; german-compound-splitter is not on the
package index.

How to notice that Pagefind splits compounds itself: tests/browser/test_pagefind_compounds.py
indexes two pages with plain Pagefind, one saying „Jugendbeteiligung“, one with a soft hyphen
(Jugend&shy;beteiligung), and asserts that „Beteiligung“ finds neither. When that test fails after
an upgrade, drop the parts here (keep the synonyms), or, if only the soft hyphen became a boundary,
let the templates write soft hyphens instead; the query suite (tests/browser/test_search_queries.py)
then shows whether „Anpassung“ still finds Klimaanpassung.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable

from ..core.compound_cuts import Cut, Cutter
from ..model import Hub, Record
from .site_words import counts, texts, words

MIN_COMPOUND = 8  # shorter words are rarely compounds worth splitting
# Longer ones are no German words but runs of letters (the longest law's name has 63): CharSplit's
# model costs grow with the square of a word's length (2 000 letters took seconds: make fuzz).
MAX_COMPOUND = 64
MIN_HEAD = 4  # the last part: „Stadt“ in „Innenstadt“; shorter ones split too much („Amt“, „Tag“)
MIN_MODIFIER = 3
ENDINGS = ("en", "n", "e", "s", "es", "er", "ern")  # plural and case endings of a last part
LINKS = ("s", "es", "n", "en")  # the joint of a compound: „Stadtentwicklungs|konzept“
# Short words of everyday grammar that end long words by chance: „Werk|statt“, „Vor|stand“.
NOT_HEADS = frozenset({"statt", "stand", "lich", "chen", "ende", "unter", "zeit", "weise", "ungen"})

_lexicons: weakref.WeakKeyDictionary[Hub, frozenset[str]] = weakref.WeakKeyDictionary()
_parts: weakref.WeakKeyDictionary[Hub, dict[str, list[str]]] = weakref.WeakKeyDictionary()
_first_parts: weakref.WeakKeyDictionary[Hub, tuple[frozenset[str], frozenset[str]]] = weakref.WeakKeyDictionary()


def lexicon(hub: Hub) -> frozenset[str]:
    """The last parts a compound may have, in lower case: the hub's nouns (words its records spell
    with a capital more often than without: „Seit“ opens sentences, „seit“ is no noun) and the
    listed word parts. Once per hub."""
    known = _lexicons.get(hub)
    if known is None:
        capital: Counter[str] = Counter()
        for word, n in counts(hub).spelled.items():
            capital[word.lower()] += n if word[0].isupper() else -n
        found = {w for w, n in capital.items() if n > 0} | {part.lower() for part in hub.search_words.word_parts}
        known = _lexicons[hub] = frozenset(found - NOT_HEADS)
    return known


def _known_head(head: str, known: frozenset[str]) -> str | None:
    """The last part as a noun of the hub, in its plain form where the hub uses that too."""
    for ending in ENDINGS:
        if head.endswith(ending) and head[: -len(ending)] in known and len(head) - len(ending) >= MIN_HEAD:
            return head[: -len(ending)]
    return head if head in known else None


def _first_part(modifier: str, used: frozenset[str], best: bool) -> str | None:
    """The first part without its joint where the hub uses that word („Zukunfts“ -> zukunft);
    a word the hub does not use only from CharSplit's best and likely cut („Innen“stadt)."""
    for link in LINKS:
        if modifier.endswith(link) and modifier[: -len(link)] in used:
            return modifier[: -len(link)]
    if modifier in used or (best and re.search("[aeiouäöüy]", modifier)):
        return modifier
    return None


def split(
    word: str, known: frozenset[str], cut: Callable[[str], tuple[Cut, ...]], used: frozenset[str] | None = None
) -> list[str]:
    """The parts of a compound, each split again: „Stadtentwicklungskonzept“ -> [stadtentwicklung,
    stadt, entwicklung, konzept]; [] for no compound. Of CharSplit's cuts the first is taken whose
    last part is a noun of the hub (``known``, the lexicon) and whose first part a word the hub uses
    (``used``), or any first part in its best cut if CharSplit finds that likely (a score above 0).
    Ent|wicklung, Mit|teilung, Bürger|innen stay whole."""
    used = known if used is None else used
    lower = word.lower()
    if "-" in lower:  # „Smart-City“, „B-Plan“: the parts are there already
        return [part for part in lower.split("-") if len(part) >= MIN_MODIFIER]
    if not MIN_COMPOUND <= len(lower) <= MAX_COMPOUND:
        return []
    for number, (left, right, score) in enumerate(cut(lower)):
        head = _known_head(right, known)
        modifier = _first_part(left, used, number == 0 and score > 0) if len(left) >= MIN_MODIFIER else None
        if head is None or modifier is None:
            continue
        return [modifier, *split(modifier, known, cut, used), head, *split(head, known, cut, used)]
    return []


def compound_parts(hub: Hub) -> dict[str, list[str]]:
    """The parts of every long word of the hub's records, by the word in lower case. Once per hub:
    CharSplit runs once for all words no earlier run has cut (core.compound_cuts)."""
    parts = _parts.get(hub)
    if parts is None:
        long = {w.lower() for w in counts(hub).spelled if len(w) >= MIN_COMPOUND or "-" in w}
        cutter = Cutter((w for w in long if "-" not in w and len(w) <= MAX_COMPOUND), hub.search_words.cache_root)
        parts = _parts[hub] = {w: found for w in sorted(long) if (found := parts_of(hub, w, cutter))}
        cutter.save()
    return parts


def parts_of(hub: Hub, word: str, cutter: Cutter | None = None) -> list[str]:
    """The parts of one word as the hub splits it, whether or not its records say the word. A
    town's name stays whole (Ebers|walde, Ludwigs|felde): it is searched for as it is."""
    cut = cutter or Cutter([word.lower()], None)
    known = lexicon(hub)
    used, names = _used(hub, known)
    return [] if word.lower() in names else split(word, known, cut, used)


def _used(hub: Hub, known: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(the words of the hub's records and lexicon, the words of its towns' names), once per hub."""
    found = _first_parts.get(hub)
    if found is None:
        names = {w.lower() for town in hub.records.get("cities", {}).values() for w in words(town.title)}
        found = _first_parts[hub] = (known.union(w.lower() for w in counts(hub).spelled), frozenset(names))
    return found


def part_counts(hub: Hub) -> Counter[str]:
    """How often the search finds each compound part inside the records' words; a part that is a
    noun of the hub spelt with its capital („Anpassung“), for the list „Meinten Sie …?“ offers."""
    split_up, known, spelled = compound_parts(hub), lexicon(hub), counts(hub).spelled
    found: Counter[str] = Counter()
    for word, n in spelled.items():
        for part in split_up.get(word.lower(), ()):
            found[part.capitalize() if part in known else part] += n
    return found


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
    split_up = compound_parts(hub)
    own = Counter(w.lower() for text in texts(record.data) for w in words(text))
    parts: dict[str, None] = {}
    for word in own:
        parts.update(dict.fromkeys(p for p in split_up.get(word, ()) if p not in own))
    groups = hub.search_words.groups
    members = {w.lower(): i for i, group in enumerate(groups) for w in group}
    found = {g for g in (_stem_of(w, members) for w in [*own, *parts]) if g is not None}
    synonyms = [w for i in sorted(found) for w in groups[i] if w.lower() not in own and w.lower() not in parts]
    return list(parts), list(dict.fromkeys(synonyms))
