"""/leichte-sprache/: there, linked from every page (header with its symbol, menu, footer) and from
the accessibility statement, with the operator's contact on the page itself, and written to the
rules of the Netzwerk Leichte Sprache that can be checked mechanically: short sentences, one
sentence per line, no abbreviations."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html
from support import ROOT, TEST_OPERATOR_CONTACT

SOURCE = ROOT / "hooks" / "msdz_hub" / "pages" / "templates" / "legal" / "leichte-sprache.md"
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


def test_every_page_links_leichte_sprache_from_its_header_with_symbol_and_label(built_site):
    pages = [p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] != "admin"]
    assert len(pages) > 100
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        here = "/" + page.relative_to(built_site).as_posix()
        links = tree.xpath('//header//a[normalize-space()="Leichte Sprache"]')  # the label
        assert len(links) == 1, page
        assert urljoin(here, links[0].get("href")).endswith("/leichte-sprache/"), page
        assert links[0].xpath(".//svg"), page  # the symbol, inline: nothing loaded from elsewhere
        menu = tree.xpath('//nav[contains(@class, "md-nav--primary")]//a[normalize-space()="Leichte Sprache"]/@href')
        assert any(urljoin(here, href).endswith("/leichte-sprache/") for href in menu), f"{page}: not in the menu"


def test_the_page_gives_the_contact_itself(built_site):
    text = page_text(built_site)
    assert TEST_OPERATOR_CONTACT["email"] in text
    assert TEST_OPERATOR_CONTACT["phone"] in text
    assert "Henning-von-Tresckow-Straße 2–8" in text and "14467 Potsdam" in text  # a letter, too


def _lines(built_site) -> list[str]:
    """The page's text as written: every line of every paragraph, list item and explanation."""
    tree = lxml.html.fromstring((built_site / "leichte-sprache" / "index.html").read_bytes())
    blocks = tree.xpath('//div[contains(@class, "hub-easy-text")]//*[self::p or self::li or self::dd]')
    assert len(blocks) > 30
    return [line.strip() for b in blocks for line in b.text_content().split("\n") if line.strip()]


def test_sentences_are_short_one_a_line_and_abbreviations_are_spelt_out(built_site):
    text = page_text(built_site)
    assert not ABBREVIATIONS.findall(text)
    for line in _lines(built_site):
        assert len(line.split()) <= 15, line
        # a second sentence would start after the end of the first: „… gehabt. Die Idee …“
        assert not re.search(r"[.?!] +[A-ZÄÖÜ]", line), f"two sentences in one line: {line}"
