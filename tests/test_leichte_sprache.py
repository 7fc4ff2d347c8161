"""/leichte-sprache/: there, linked from every page and from the accessibility statement, and
written to the rules it can be checked against mechanically (short sentences, no abbreviations)."""

from __future__ import annotations

import re

import lxml.html
from support import ROOT

SOURCE = ROOT / "docs" / "leichte-sprache.md"
# Abbreviations Leichte Sprache avoids; the page must spell them out.
ABBREVIATIONS = re.compile(r"\b(z\. ?B\.|u\. ?a\.|d\. ?h\.|bzw\.|usw\.|ca\.|MIL|MSdZ|BITV|WCAG|Nr\.)(?=\W)")


def page_text(built_site) -> str:
    tree = lxml.html.fromstring((built_site / "leichte-sprache" / "index.html").read_bytes())
    return " ".join(tree.xpath("//article")[0].itertext())


def test_every_page_links_leichte_sprache_in_its_footer(built_site):
    """Every readers' page; the editors' CMS at admin/ is a tool page without the site's footer."""
    pages = [p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] != "admin"]
    assert len(pages) > 100
    for page in pages:
        links = lxml.html.fromstring(page.read_bytes()).xpath('//footer//a[normalize-space()="Leichte Sprache"]/@href')
        assert links and links[0].endswith("leichte-sprache/"), page


def test_the_accessibility_statement_links_leichte_sprache(built_site):
    tree = lxml.html.fromstring((built_site / "barrierefreiheit" / "index.html").read_bytes())
    assert any(href.endswith("leichte-sprache/") for href in tree.xpath("//article//a/@href"))


def test_the_page_covers_what_the_site_is_where_things_are_how_to_move_and_accessibility(built_site):
    text = page_text(built_site)
    for words in (
        "Was ist diese Internet·seite?",
        "Was finden Sie wo?",
        "Das Menü",
        "Die Suche",
        "Die Filter",
        "Erklärung zur Barriere·freiheit",
        "Durchsetzungs·stelle",
    ):
        assert words in text, words


def test_the_page_asks_for_a_check_by_a_pruefgruppe_in_its_source(built_site):
    html = (built_site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")
    comment = re.search(r"<!--(.*?)-->", html, re.S)
    assert comment and "Prüfgruppe" in comment.group(1) and "Veröffentlichung" in comment.group(1)


def test_sentences_are_short_and_abbreviations_are_spelt_out(built_site):
    text = page_text(built_site)
    assert not ABBREVIATIONS.findall(text)
    body = SOURCE.read_text(encoding="utf-8").split("-->", 1)[1]
    prose = [line for line in body.splitlines() if line.strip() and not line.startswith(("#", "["))]
    for sentence in re.split(r"(?<=[.?!:])\s+", " ".join(prose)):
        words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", sentence).split()
        assert len(words) <= 15, sentence
