"""Render the hub's pages from Jinja templates in overrides/hub/ into Markdown documents.

Templates produce Markdown, so MkDocs checks their links (``--strict``), builds the table of
contents, and Material indexes them for search like any page. Every value a template prints is
escaped for both HTML and Markdown unless it is already ``Markup`` (links built here, HTML that
went through the sanitiser), so text from data can never become markup by accident.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .collections import COLLECTIONS
from .markup import to_html
from .model import Hub, Record

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]

# Pages a German public body must offer, filled from `extra.operator` in mkdocs.yml.
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")

# Characters Python-Markdown gives a meaning to; a backslash makes them literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path in the docs tree, e.g. "kommunen/zossen.md"
    content: str  # Markdown
    edit_path: str | None  # data file to edit, relative to the repository root


def escape_markdown(value: Any) -> Markup:
    """Plain text -> text that Markdown and HTML both show literally."""
    if isinstance(value, Markup):
        return value
    text = html.escape(str(value), quote=True)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def format_date(value: str | dt.date | dt.datetime) -> str:
    """German long date; '2021-05' -> 'Mai 2021', '2021' -> '2021'."""
    if isinstance(value, dt.datetime):
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}, {value:%H:%M} Uhr"
    if isinstance(value, dt.date):
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    from .model import parse_moment

    return format_date(parse_moment(value))


class Renderer:
    def __init__(self, template_dir: Path, hub: Hub, site_url: str):
        self.hub = hub
        self.site_url = site_url.rstrip("/") + "/"
        # HTML fragments (feed content): plain HTML autoescaping, absolute links.
        self.html_env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.html_env.filters.update(
            absolute=self.absolute_url, html=to_html, date_de=format_date, label=self.label,
            site_url=self.absolute_path,
        )
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            undefined=jinja2.StrictUndefined,  # a misspelt variable fails the build
            autoescape=True,
            finalize=escape_markdown,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            link=self.link,
            links=self.links,
            markdown=self.markdown,
            date_de=format_date,
            label=self.label,
            labels=self.labels_of,
            markdown_list=self.markdown_list,
            external=self.external_link,
            site_url=self.absolute_path,
        )
        self.env.globals.update(hub=hub, collections=COLLECTIONS)

    # -- helpers available in templates ---------------------------------------------------------

    @staticmethod
    def link(record: Record) -> Markup:
        """A Markdown link to a record's page; MkDocs resolves and checks it."""
        return Markup(f"[{escape_markdown(record.title)}](/{record.src_uri})")

    def links(self, records: list[Record], separator: str = ", ") -> Markup:
        return Markup(separator).join(self.link(r) for r in records)

    @staticmethod
    def markdown(text: str) -> Markup:
        """A Markdown field: sanitised HTML, set apart by blank lines as a raw HTML block."""
        return Markup('\n<div class="hub-text" markdown="0">\n') + to_html(text) + Markup("\n</div>\n")

    def absolute_path(self, path: str) -> Markup:
        """The absolute URL of a path in the site, for showing and copying (ids are safe)."""
        return Markup(self.site_url + path.lstrip("/"))

    def absolute_url(self, record: Record) -> str:
        return self.site_url + record.url

    def feed_html(self, record: Record) -> str:
        """A record as an HTML fragment for feed readers: sanitised, every link absolute."""
        return self.html_env.get_template("feed/entry.html").render(r=record)

    @staticmethod
    def markdown_list(items: list[str], ordered: bool = False) -> Markup:
        """A list whose items are Markdown fields, as one sanitised raw HTML block."""
        tag = Markup("ol" if ordered else "ul")
        body = Markup("").join(Markup("<li>") + to_html(item) + Markup("</li>\n") for item in items)
        return Markup('\n<{0} class="hub-list">\n').format(tag) + body + Markup("</{0}>\n").format(tag)

    @staticmethod
    def external_link(url: str, text: str | None = None) -> Markup:
        """A Markdown link to another site; characters that would end the link are encoded."""
        target = url
        for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), (" ", "%20"), ('"', "%22")):
            target = target.replace(char, code)
        return Markup(f"[{escape_markdown(text or url)}]({target})")

    def label(self, value: str, collection: str, *path: str) -> str:
        return self.hub.labels(collection, *path).get(value, value)

    def labels_of(self, values: list[str], collection: str, *path: str) -> list[str]:
        labels = self.hub.labels(collection, *path)
        return [labels.get(v, v) for v in values]

    # -- pages ----------------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def render_html(self, template: str, **context: Any) -> str:
        return self.html_env.get_template(template).render(**context)

    def pages(self, feeds: list, calendars: list[str], operator: dict | None = None) -> list[GeneratedPage]:
        """Home, one overview per collection, one page per record, and the service pages."""
        context = dict(feeds=feeds, calendars=calendars)
        pages = [
            GeneratedPage("index.md", self.render("home.md", **context), None),
            GeneratedPage("abonnieren/index.md", self.render("abonnieren.md", **context), None),
            GeneratedPage("daten/index.md", self.render("daten.md", **context), None),
            *(
                GeneratedPage(f"{name}/index.md", self.render(f"legal/{name}.md", operator=operator or {}), None)
                for name in LEGAL_PAGES
            ),
        ]
        for name, collection in COLLECTIONS.items():
            records = self.hub.all(name)
            pages.append(
                GeneratedPage(
                    f"{collection.url_folder}/index.md",
                    self.render(f"overview/{name}.md", collection=collection, records=records),
                    None,
                )
            )
            template = self.env.get_template(f"record/{name}.md")
            for record in records:
                content = front_matter(record) + template.render(r=record, **context)
                pages.append(GeneratedPage(record.src_uri, content, record.path))
        return pages


def front_matter(record: Record) -> str:
    """Page metadata for the theme: title, description, and a topic's or town's own feed.

    The theme prints title and description into <title>, the header and a meta attribute
    without escaping, so they are HTML-escaped here; readers see the same text.
    """
    meta: dict[str, str] = {
        "title": html.escape(record.title, quote=True),
        "description": html.escape(record.summary, quote=True),
    }
    if record.collection.name in ("topics", "cities"):
        meta["hub_feed"] = record.url
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"
