"""The text filters of the page templates, which know no hub: escaping, dates, links, front matter.

Every value a template prints is escaped for both HTML and Markdown unless it is already
``Markup`` (links built here, HTML that went through the sanitiser), so text from data can never
become markup by accident.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from ..core.dates import in_berlin, parse_moment
from ..core.markdown_html import to_html
from ..model import Record

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

# Characters Python-Markdown gives a meaning to; a backslash makes them literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
# A line break with the spaces around it: plain text is one paragraph, as in the feeds.
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


def one_line(value: Any) -> str:
    """Plain text as one line: its line breaks are spaces, as an HTML paragraph shows them.

    Markdown gives meaning to what starts a line (a line of '=' makes the line above a heading,
    ': ' a definition list, four spaces code, a blank line a new paragraph); a plain field that
    stays on one line can start none of these, whichever characters a Markdown version or
    extension adds to the list."""
    return _LINE_BREAK.sub(" ", str(value))


def escape_markdown(value: Any) -> Markup:
    """Plain text -> one line of text that Markdown and HTML both show literally.

    A ':' or '=' at its start is written as a character reference: printed at the start of a line
    it could otherwise begin a definition or underline a heading."""
    if isinstance(value, Markup):
        return value
    text = html.escape(one_line(value), quote=True)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    if text[:1] in (":", "="):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def css_string(value: Any) -> Markup:
    """Text as a quoted CSS string (generated content of the feeds' stylesheet): quote, backslash
    and line breaks escaped, so no value can end the string or the rule."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("\r", "")
    return Markup(f'"{text}"')


def escape_html(value: Any) -> Markup:
    """Plain text -> text for raw HTML that Markdown does not convert (the cards' summaries).

    Escaped exactly as escape_markdown escapes, without its backslashes: Markdown keeps the
    entities as they are, so such text comes out the same as it would from a Markdown paragraph.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(one_line(value), quote=True))


# A card shows about three lines of its summary (hub-features.css); the rest is there for screen
# readers and on paper.
CARD_SUMMARY_LIMIT = 140


def card_summary(text: str, limit: int = CARD_SUMMARY_LIMIT) -> Markup:
    """A card's summary as raw HTML: up to ``limit`` characters shown, ending at a whole word (the
    stylesheet adds „…“), the rest in a span that only screen readers and printers show.

    Line-clamping in CSS cuts wherever the second line ends; this cuts between words. The text
    itself stays whole, so search, screen readers and print get every word.
    """
    words = " ".join(str(text).split())
    cut = words.rfind(" ", 0, limit + 1)
    if len(words) <= limit or cut <= 0:  # short, or one long word that cannot be cut at a word
        return escape_html(words)
    return Markup('<span class="hub-card__cut">{}</span><span class="hub-card__more">{}</span>').format(
        words[:cut], words[cut:]
    )


def format_date(value: str | dt.date | dt.datetime) -> str:
    """German long date; '2021-05' -> 'Mai 2021', '2021' -> '2021'. A moment is shown on Berlin's clock."""
    if isinstance(value, dt.datetime):
        value = in_berlin(value)
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}, {value:%H:%M} Uhr"
    if isinstance(value, dt.date):
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return format_date(parse_moment(value))


def iso_date(value: str | dt.date | dt.datetime) -> Markup:
    """A machine-readable date for <time datetime> and data attributes (ISO 8601, no escapes)."""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return Markup(html.escape(text, quote=True))


def iso_day(value: dt.date | dt.datetime) -> Markup:
    """The calendar day of a moment in Berlin, ISO 8601."""
    day = in_berlin(value).date() if isinstance(value, dt.datetime) else value
    return Markup(day.isoformat())


def relative_url(record: Record, page_dir: str) -> str:
    """The link from a page in ``page_dir`` ("" or "kommunen/") to a record, for raw HTML.

    MkDocs rewrites only Markdown links; in raw HTML (the SVG map) the link must already be
    relative to the page: from /kommunen/ the town is "zossen/", from the home page "kommunen/zossen/".
    """
    path = posixpath.relpath(record.url, page_dir or ".")
    return path.rstrip("/") + "/"


def link(record: Record) -> Markup:
    """A Markdown link to a record's page, from the root of the tree; made relative to the page it
    is on once that is rendered (pages.portable), so every engine resolves and checks it."""
    return Markup(f"[{escape_markdown(record.title)}](/{record.src_uri})")


def links(records: list[Record], separator: str = ", ") -> Markup:
    return Markup(separator).join(link(r) for r in records)


def markdown(text: str) -> Markup:
    """A Markdown field: sanitised HTML, set apart by blank lines as a raw HTML block."""
    return Markup('\n<div class="hub-text">\n') + to_html(text) + Markup("\n</div>\n")


def markdown_list(items: list[str], ordered: bool = False) -> Markup:
    """A list whose items are Markdown fields, as one sanitised raw HTML block."""
    tag = Markup("ol" if ordered else "ul")
    body = Markup("").join(Markup("<li>") + to_html(item) + Markup("</li>\n") for item in items)
    return Markup('\n<{0} class="hub-list">\n').format(tag) + body + Markup("</{0}>\n").format(tag)


def external_link(url: str, text: str | None = None) -> Markup:
    """A Markdown link to another site; characters that would end the link are encoded."""
    target = url
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), (" ", "%20"), ('"', "%22")):
        target = target.replace(char, code)
    return Markup(f"[{escape_markdown(text or url)}]({target})")


# -- what pages say about themselves: front matter, and text taken from a template's block ----


def yaml_front_matter(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    # libyaml's emitter: the pure-Python one was a quarter of the hook's time on large hubs
    dumped = yaml.dump(meta, Dumper=_YamlDumper, allow_unicode=True, sort_keys=True, width=10_000)
    return "---\n" + dumped + "---\n\n"


_YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def block(template: jinja2.Template, name: str, context: dict[str, Any]) -> str:
    """One block of a template rendered alone ("" if the template has none)."""
    found = template.blocks.get(name)
    return "".join(found(template.new_context(context))) if found else ""


def plain(markdown_text: str) -> str:
    """Literal text of a template block: one line, without Markdown's backslash escapes or attributes."""
    text = re.sub(r"\{:[^}]*\}", "", markdown_text)
    text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    return " ".join(text.split())
