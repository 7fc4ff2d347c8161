"""Words the search finds on a page that the page does not say: compound parts and synonyms.

German compounds are split where CharSplit cuts them and the hub knows both parts
(msdz_hub.views.search_words), and the words of data/synonyms.yml are added, both hidden and at low
weight (overrides/main.html). An editor's mistake in the synonyms file stops the build with a German
line naming file, line and field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ROOT, TinyHub

from msdz_hub.core.compound_cuts import Cutter
from msdz_hub.load import load_hub
from msdz_hub.views.search_words import hidden_words, lexicon, parts_of

HUB = load_hub(ROOT)
COMPOUNDS = [
    ("Jugendbeteiligung", ["jugend", "beteiligung"]),
    ("Klimaanpassung", ["klima", "anpassung"]),
    ("Zwischennutzung", ["zwischen", "nutzung"]),
    ("Transferwerkstatt", ["transfer", "werkstatt"]),
    ("Bürgerbeteiligungen", ["bürger", "beteiligung"]),
    ("Stadtentwicklungskonzept", ["stadtentwicklung", "stadt", "entwicklung", "konzept"]),
    ("Smart-City", ["smart", "city"]),
    # the words the issue names: a compound inside a compound, a joint „s“, the last part split too
    ("Klimaanpassungsstrategie", ["klimaanpassung", "klima", "anpassung", "strategie"]),
    ("Bürgerbeteiligung", ["bürger", "beteiligung"]),
    ("Innenstadtentwicklung", ["innenstadt", "innen", "stadt", "entwicklung"]),
    ("Leerstandsmanagement", ["leerstand", "management"]),
]
# CharSplit alone cuts the first three (Ent|wicklung, Mit|teilung, Bürger|innen): the hub's words refuse it
PLAIN = [
    "Entwicklung",
    "Mitteilung",
    "Bürgerinnen",
    "Beteiligung",
    "Verwaltung",
    "Großräschen",
    "Angermünde",
    "Werkstatt",
]
CUT = Cutter([w.lower() for w, _ in COMPOUNDS] + [w.lower() for w in PLAIN], None)  # one model read for all


@pytest.mark.parametrize("word, parts", COMPOUNDS)
def test_the_hubs_compounds_split_into_the_words_readers_search_for(word, parts):
    assert parts_of(HUB, word, CUT) == parts


@pytest.mark.parametrize("word", PLAIN)
def test_plain_words_and_town_names_stay_whole(word):
    assert parts_of(HUB, word, CUT) == []


def test_charsplit_alone_would_cut_words_that_are_none():
    assert {w: CUT(w.lower())[0][:2] for w in PLAIN[:3]} == {
        "Entwicklung": ("ent", "wicklung"),
        "Mitteilung": ("mit", "teilung"),
        "Bürgerinnen": ("bürger", "innen"),
    }


def test_a_page_gets_the_parts_of_its_compounds_and_the_synonyms_of_its_words():
    practice = HUB.get("practices", "jugendwerkstatt-und-online-karte")
    parts, synonyms = hidden_words(practice)
    assert {"jugend", "beteiligung"} <= set(parts)
    assert "Partizipation" in synonyms  # the page says Bürgerbeteiligung
    own = practice.data["summary"] + practice.data["title"]
    assert not [w for w in synonyms if w in own]  # nothing the page says itself


def test_the_hidden_words_are_in_the_built_page_for_the_search_only(built_site: Path):
    html = (built_site / "praxisbeispiele" / "summer-school-pavillon-als-zwischennutzung" / "index.html").read_text(
        encoding="utf-8"
    )
    spans = re.findall(r'<span hidden data-pagefind-weight="([\d.]+)">([^<]*)</span>', html)
    assert spans, "no hidden words"
    weights = {float(w) for w, _ in spans}
    assert weights and max(weights) < 1  # below every word the page says (weight 1)
    words = " ".join(text for _, text in spans).split()
    assert "nutzung" in words and "Leerstand" in words  # part of Zwischennutzung; its synonym
    body = html.split("data-pagefind-body", 1)[1]
    assert all("hidden" in span for span in re.findall(r"<span[^>]*data-pagefind-weight[^>]*>", body))


def test_practices_weigh_more_than_news_events_and_partners(built_site: Path):
    def weight(path: str) -> float:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<div data-pagefind-body(?: data-pagefind-weight="([\d.]+)")?>', html)
        assert found, path
        return float(found.group(1) or 1)

    practice = weight("praxisbeispiele/summer-school-pavillon-als-zwischennutzung")
    others = [
        weight(f"{folder}/{next(p.parent.name for p in sorted((built_site / folder).glob('*/index.html')))}")
        for folder in ("aktuelles", "veranstaltungen", "partner")
    ]
    assert all(w < practice for w in others), (practice, others)


def test_the_suggestion_list_holds_the_sites_words_with_their_counts(built_site: Path):
    import json

    words = dict(json.loads((built_site / "suche" / "woerter.json").read_text(encoding="utf-8"))["words"])
    assert words["Partizipation"] > 1 and words["Großräschen"] > 1 and words["Leerstand"] > 0


def test_a_bad_synonym_stops_the_build_with_the_line_and_the_fix(tiny_hub: TinyHub):
    tiny_hub.write(
        "synonyms.yml",
        """
        groups:
          - [Bürgerbeteiligung, Partizipation]
          - [Klimaanpassung]
          - [Hitze, "Starkregen!"]
        """,
    )
    problems = tiny_hub.problems()
    assert any(p.startswith("data/synonyms.yml:3:") and "groups[1]" in p for p in problems), problems
    assert any(p.startswith("data/synonyms.yml:4:") and "groups[2][1]" in p for p in problems), problems
    assert all("error:" in p for p in problems)


def test_a_synonyms_file_with_an_unknown_field_names_it(tiny_hub: TinyHub):
    tiny_hub.write("synonyms.yml", "groups:\n  - [Leerstand, Zwischennutzung]\nsynonyme: []\n")
    (problem,) = tiny_hub.problems()
    assert problem.startswith("data/synonyms.yml:3:1: error: 'synonyme'"), problem


def test_a_valid_synonyms_file_reaches_the_hub(tiny_hub: TinyHub):
    tiny_hub.write("synonyms.yml", "groups:\n  - [Leerstand, Zwischennutzung]\nword_parts: [Nutzung]\n")
    hub = load_hub(tiny_hub.root)
    assert hub.search_words.groups == (("Leerstand", "Zwischennutzung"),)
    assert "nutzung" in lexicon(hub)


def test_another_file_beside_the_collections_is_still_reported(tiny_hub: TinyHub):
    tiny_hub.write("suchwoerter.yml", "groups: []\n")
    assert any(p.startswith("data/suchwoerter.yml:1:1:") for p in tiny_hub.problems())
