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

import pytest
import yaml
from tools.payload_hub import PAYLOADS

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
