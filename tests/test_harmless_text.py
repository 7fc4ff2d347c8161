"""Text from data never becomes markup: escaped in plain fields, sanitised in Markdown fields.

The classic XSS vectors of tests/xss_payloads.txt go through every text field of every collection
(tests/tools/payload_hub.py, fixture `payload_hub`); every output of the built site is then read with
a parser of its format: every HTML page, the search index (Pagefind's fragments) and the JSON-LD blocks in them, every RSS
and Atom feed (site, topics, towns), the OPML list, every calendar and the open data.
tests/browser/test_xss_browser.py loads the same site in Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import icalendar
import pytest
import yaml
from support import search_fragments
from tools.payload_hub import ICS_INJECTION_SUMMARY, ICS_INJECTION_TITLE, PAYLOADS

from msdz_hub.core.markdown_html import to_html

# Attributes whose value a browser loads, follows or runs.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "srcdoc",
    "dynsrc",
    "lowsrc",
    "values",
    "to",
    "from",
    "by",
    "codebase",
    "cite",
    "longdesc",
    "ping",
}
EMBEDDING = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "template",
    "isindex",
    "math",
    "maction",
    "foreignobject",
    "animate",
    "set",
    "xss",
    "marquee",
    "video",
    "audio",
    "source",
}
# The inline scripts of the theme's templates (the same on every page of every build): Material's two,
# the hub's line in overrides/main.html that marks pages where scripts run, and the opener of the
# search dialog (overrides/partials/search.html).
MATERIAL_SCRIPTS = (
    "var target=document.getElementById(location.hash.slice(1))",
    "__md_scope=new URL(",
    'document.documentElement.classList.add("hub-js")',
    "// Opens the search; its code and styles come on the first opening only.",
)
ATOM = "{http://www.w3.org/2005/Atom}"


def _normalise(value: str) -> str:
    """What a browser sees as the scheme: control characters and white space do not count."""
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


class _Inspector(HTMLParser):
    """Collects everything in a page that a browser would run, embed or load from elsewhere."""

    def __init__(self, page_scripts: bool):
        super().__init__(convert_charrefs=True)
        self.page_scripts = page_scripts  # a whole page: Material's scripts and JSON-LD may stand in it
        self.found: list[str] = []
        self.json_ld: list[str] = []
        self.text: list[str] = []
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag in EMBEDDING:
            self.found.append(f"{where} element")
        if tag == "meta" and "http-equiv" in values:
            self.found.append(f"{where} http-equiv")
        if tag == "script":
            self._script, self._script_text = values, []
            if values.get("src") and urlsplit(values["src"]).netloc:
                self.found.append(f"{where} src={values['src']}")
        for name, value in attrs:
            value = value or ""
            plain = _normalise(value)
            if name.startswith("on"):
                self.found.append(f"{where} {name}={value}")
            elif name == "style" and re.search(r"expression|url\(|javascript|@import", plain):
                self.found.append(f"{where} style={value}")
            elif name in URL_ATTRIBUTES:
                if re.search(r"(java|vb)script:|^data:|url=", plain) and plain != "javascript:void(0)":
                    self.found.append(f"{where} {name}={value}")
                if name in ("src", "srcdoc", "data", "poster", "background") and urlsplit(value.strip()).netloc:
                    self.found.append(f"{where} loads {value} from elsewhere")
                if (
                    tag == "link"
                    and name == "href"
                    and urlsplit(value.strip()).netloc
                    and values.get("rel") not in ("canonical", "alternate", "license")
                ):
                    self.found.append(f"{where} loads {value} from elsewhere")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        text, kind = "".join(self._script_text), self._script.get("type")
        if kind == "application/ld+json" and self.page_scripts:
            self.json_ld.append(text)
        elif kind == "application/json" and self._script.get("id") == "__config" and self.page_scripts:
            json.loads(text)  # Material's configuration: data, if it parses
        elif self._script.get("src") and self.page_scripts:
            pass  # local file of the theme, checked for its host above
        elif not (self.page_scripts and text.strip().startswith(MATERIAL_SCRIPTS)):
            self.found.append(f"line {self.getpos()[0]}: <script> {text.strip()[:80]!r}")
        self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def inspect(html: str, page_scripts: bool = False) -> _Inspector:
    inspector = _Inspector(page_scripts)
    inspector.feed(html)
    inspector.close()
    return inspector


def dangerous_markup(html: str, page_scripts: bool = False) -> list[str]:
    """Elements and attributes a browser would run, embed or load, found by a real HTML parser."""
    return inspect(html, page_scripts).found


# -- the corpus and the sanitiser ------------------------------------------------------------------


def test_the_corpus_has_the_classic_vectors():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    joined = "\n".join(PAYLOADS).lower()
    for vector in (
        "<script",
        "onerror=",
        "javascript:",
        "data:text/html",
        "vbscript:",
        "<svg",
        "<math",
        "<iframe",
        "<object",
        "<embed",
        "<base",
        "http-equiv",
        "<form",
        "formaction",
        "<style",
        "expression(",
        "<!--",
        "<![cdata[",
        "&#",
        "](javascript:",
        "![",
        "<javascript:",
        '"><script',
        "</script",
    ):
        assert vector in joined, vector


def test_the_inspector_sees_what_a_browser_would_run():
    for bad in (
        "<img src=x onerror=alert(1)>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<iframe src="https://evil.example"></iframe>',
        '<div style="background:url(javascript:x)">',
        '<img src="https://evil.example/x.png">',
        '<meta http-equiv="refresh" content="0;url=x">',
    ):
        assert dangerous_markup(bad), bad
    assert dangerous_markup('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://example.org/">x</a></p>') == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_of_each_payload_is_sanitised(payload):
    html = to_html(f"Text davor\n\n{payload}\n\nText danach")
    assert dangerous_markup(str(html)) == []
    assert not re.search(r"<(script|iframe|object|embed|style|svg|math|form|base|meta|link)\b", str(html), re.I)


# -- the built payload site -----------------------------------------------------------------------


def _pages(site: Path) -> list[Path]:
    """Pages rendered from data; the editors' CMS at admin/ renders none (tests/browser/test_cms.py)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def test_every_payload_reached_every_text_field_of_every_collection(payload_hub):
    from msdz_hub.core.paths import values_at

    for collection, ids in payload_hub.records.items():
        records = [
            yaml.safe_load((payload_hub.root / "data" / collection / f"{i}.yml").read_text(encoding="utf-8"))
            for i in ids
        ]
        assert payload_hub.fields[collection], collection
        for text_field in payload_hub.fields[collection]:
            values = " ".join(v for r in records for _, v in values_at(r, text_field.path) if isinstance(v, str))
            missing = [p for p in PAYLOADS if len(p) <= text_field.max_length and p not in values]
            assert missing == [], (collection, text_field.path, missing[:3])


def test_no_page_runs_embeds_or_loads_anything_from_the_payloads(payload_hub):
    pages = _pages(payload_hub.site)
    assert len(pages) > 200
    problems = {}
    for path in pages:
        found = dangerous_markup(path.read_text(encoding="utf-8"), page_scripts=True)
        if found:
            problems[path.relative_to(payload_hub.site).as_posix()] = found[:5]
    assert problems == {}


def test_plain_text_fields_are_shown_as_the_text_that_was_written(payload_hub):
    from msdz_hub.core.collections import COLLECTIONS

    for collection, ids in payload_hub.records.items():
        for record_id in ids:
            data = yaml.safe_load(
                (payload_hub.root / "data" / collection / f"{record_id}.yml").read_text(encoding="utf-8")
            )
            page = payload_hub.site / COLLECTIONS[collection].url_folder / record_id / "index.html"
            text = "".join(inspect(page.read_text(encoding="utf-8"), page_scripts=True).text)
            title = " ".join(data["title"].split())
            assert title in " ".join(text.split()), f"{page}: title not shown as text"


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
