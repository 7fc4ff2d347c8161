"""Text from data never becomes markup, part two: the feeds, the OPML list, the calendars, the search index and the open data of the payload site (see test_harmless_text)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import icalendar
from support import search_fragments
from test_harmless_text import ATOM, dangerous_markup
from tools.payload_hub import ICS_INJECTION_SUMMARY, ICS_INJECTION_TITLE, PAYLOADS


def _feeds(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.name in ("rss.xml", "atom.xml"))


def test_every_feed_is_well_formed_and_its_html_is_harmless(payload_hub):
    feeds = _feeds(payload_hub.site)
    names = {p.relative_to(payload_hub.site).as_posix() for p in feeds}
    assert {
        "rss.xml",
        "atom.xml",
        "themen/klimawandel/rss.xml",
        "kommunen/zossen/atom.xml",
        "themen/xss-1/rss.xml",
        "kommunen/xss-1/rss.xml",
    } <= names
    payload_titles = 0
    for path in feeds:
        root = ElementTree.fromstring(path.read_bytes())  # a payload that broke the XML fails here
        # What readers show as HTML: an RSS item's description and content, Atom's type="html".
        html = [
            e
            for item in root.iter("item")
            for e in item
            if e.tag in ("description", "{http://purl.org/rss/1.0/modules/content/}encoded")
        ]
        html += [e for e in root.iter() if e.tag in (f"{ATOM}content", f"{ATOM}summary") and e.get("type") == "html"]
        for element in html:
            assert dangerous_markup(element.text or "") == [], f"{path}: {element.tag}"
        for element in root.iter():
            if element.tag in (f"{ATOM}title", f"{ATOM}subtitle"):
                assert element.get("type", "text") == "text", f"{path}: {element.tag} must be text"
            if element.tag in ("title", f"{ATOM}title") and "alert(" in (element.text or ""):
                payload_titles += 1
    assert payload_titles > 50  # the payloads were in the feeds, as text


def test_the_opml_list_is_well_formed(payload_hub):
    root = ElementTree.fromstring((payload_hub.site / "feeds.opml").read_bytes())
    titles = [o.get("title") or o.get("text") or "" for o in root.iter("outline")]
    assert any("<script>" in t for t in titles)  # a payload topic's feed, its title kept as text


def test_calendars_hold_the_payloads_only_as_text(payload_hub):
    calendars = sorted(payload_hub.site.rglob("*.ics"))
    assert payload_hub.site / "veranstaltungen" / "kalender.ics" in calendars
    events = 1 + len(payload_hub.records["events"])  # the tiny hub's own event and the payload events
    for path in calendars:
        raw = path.read_bytes()
        assert b"X-ALT-DESC" not in raw and b"FMTTYPE" not in raw, path  # no HTML variant of a text
        calendar = icalendar.Calendar.from_ical(raw)
        for event in calendar.walk("VEVENT"):
            for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
                assert isinstance(event.get(name), (icalendar.vText, type(None))), (path, name)
        if path.name == "kalender.ics" and path.parent.name == "veranstaltungen":
            summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
            assert len(summaries) == events, "text from data added or removed calendar entries"
            # Separators stay inside the text; the summary's line breaks stay inside the description.
            assert ICS_INJECTION_TITLE in summaries and "eingeschleust" not in summaries
            descriptions = [str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")]
            assert any(ICS_INJECTION_SUMMARY in d for d in descriptions), descriptions
            assert any("<script>alert(1)</script>" in s for s in summaries)


def test_the_search_index_holds_the_payloads_as_plain_text(payload_hub):
    # Pagefind keeps a page's text as text: the payloads stand in it as written, and the search
    # dialog shows them only as text (tests/browser/test_xss_browser.py); its meta are plain too.
    fragments = search_fragments(payload_hub.site)
    assert any(PAYLOADS[0] in f["content"] for f in fragments)
    assert all(isinstance(value, str) for f in fragments for value in f["meta"].values())


def test_open_data_is_valid_json_with_the_text_as_written(payload_hub):
    for path in sorted((payload_hub.site / "daten").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        json.loads(text)

    def strings(value):
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            return [text for item in value for text in strings(item)]
        return [value] if isinstance(value, str) else []

    practices = json.loads((payload_hub.site / "daten" / "practices.json").read_text(encoding="utf-8"))
    assert any(PAYLOADS[0] in text for text in strings(practices))  # kept as the text it was
