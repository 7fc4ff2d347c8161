"""Text from data never becomes markup, part three: the cards of the overviews and the JSON-LD blocks of the payload site's pages (see test_harmless_text)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import yaml
from test_harmless_text import _pages, inspect


class _CardSummaries(HTMLParser):
    """The text of each card's summary paragraph (<p class="hub-card__summary">) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "p" and ("class", "hub-card__summary") in attrs:
            self._inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == "p":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.found[-1] += data


def test_card_summaries_are_shown_as_the_text_that_was_written(payload_hub):
    # A card's summary is raw HTML that Markdown leaves alone (templates/_macros.md, card_body):
    # escaped for HTML only, it must show every character as written, no backslash, no entity.
    from msdz_hub.core.collections import COLLECTIONS

    checked = 0
    for collection in ("practices", "projects", "events", "news"):
        page = payload_hub.site / COLLECTIONS[collection].url_folder / "index.html"
        parser = _CardSummaries()
        parser.feed(page.read_text(encoding="utf-8"))
        shown = {" ".join(text.split()) for text in parser.found}
        for record_id in payload_hub.records[collection]:
            data = yaml.safe_load(
                (payload_hub.root / "data" / collection / f"{record_id}.yml").read_text(encoding="utf-8")
            )
            assert " ".join(data["summary"].split()) in shown, f"{page}: summary of {record_id} not shown as written"
            checked += 1
    assert checked > 20


def test_json_ld_blocks_are_json_and_cannot_end_their_script(payload_hub):
    count = 0
    for path in _pages(payload_hub.site):
        html = path.read_text(encoding="utf-8")
        for block in inspect(html, page_scripts=True).json_ld:
            count += 1
            json.loads(block)
            assert "</script" not in block.lower() and "<!--" not in block, path
    # JSON-LD is optional; where there is none, the page checks above still hold.
    if count:
        assert count >= len(payload_hub.records["practices"])
