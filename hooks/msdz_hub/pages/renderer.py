"""Render the hub's pages from the Jinja templates in templates/ (beside this file) into Markdown.

Templates produce Markdown, so MkDocs checks their links (``--strict``) and builds the table of
contents; Pagefind indexes the built pages for search. The ``Renderer`` builds two environments:
one for Markdown pages, whose every printed value is escaped for HTML and Markdown alike (see
render_text), and one for HTML fragments (feed entries, the map, filter forms). What each kind
of page needs lives in its own module: render_records, render_lists, render_home. Which pages
exist is the plan's business (pipeline), not the renderer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.collections import COLLECTIONS, Collection
from ..core.markdown_html import to_html
from ..core.settings import SiteSettings
from ..core.source_status import SourceStatus
from ..model import Hub, Record
from ..views import geo, structured_data
from ..views.similar import SimilarIndex
from . import text as render_text
from .contacts import ContactHelpers
from .home import HomeHelpers, home_page
from .lists import ListHelpers, overview_page
from .records import RecordHelpers, record_page

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment(template_dir: Path, cache: jinja2.BytecodeCache | None, **options: Any) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,  # a misspelt variable fails the build
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=cache,
        **options,
    )


def _caches(template_cache: Path | None) -> dict[str, jinja2.BytecodeCache | None]:
    """Compiled templates kept between runs; one folder per environment, as their options differ."""
    caches: dict[str, jinja2.BytecodeCache | None] = {"html": None, "md": None}
    if template_cache is not None:
        for kind in caches:
            (template_cache / kind).mkdir(parents=True, exist_ok=True)
            caches[kind] = jinja2.FileSystemBytecodeCache(str(template_cache / kind))
    return caches


class Renderer:
    def __init__(
        self,
        hub: Hub,
        settings: SiteSettings,
        template_cache: Path | None = None,
        template_dir: Path = TEMPLATES,
        similar: dict[str, SimilarIndex] | None = None,
        source_status: Mapping[str, SourceStatus] | None = None,
    ):
        self.hub = hub
        self.settings = settings
        self.publisher = structured_data.publisher(hub, settings)  # looked up once, named on many pages
        caches = _caches(template_cache)
        records = RecordHelpers(hub, similar)
        contact_helpers = ContactHelpers(hub, settings)
        # HTML fragments (feed content): plain HTML autoescaping, absolute links.
        self.html_env = _environment(template_dir, caches["html"])
        self.html_env.filters.update(
            absolute=self.absolute_url,
            html=to_html,
            css_string=render_text.css_string,
            date_de=render_text.format_date,
            label=records.label,
            site_url=self.absolute_path,
            iso=render_text.iso_date,
        )
        self.env = _environment(
            template_dir, caches["md"], finalize=render_text.escape_markdown, keep_trailing_newline=True
        )
        self.env.filters.update(
            link=render_text.link,
            links=render_text.links,
            markdown=render_text.markdown,
            html_text=render_text.escape_html,
            card_summary=render_text.card_summary,
            date_de=render_text.format_date,
            markdown_list=render_text.markdown_list,
            external=render_text.external_link,
            site_url=self.absolute_path,
            iso=render_text.iso_date,
            day=render_text.iso_day,
            **records.filters(),
            **contact_helpers.filters(),
        )
        outline = geo.load_outline(geo.OUTLINE)
        statuses = source_status or {}
        self.env.globals.update(
            archived_copy=lambda url: status.archived_copy if (status := statuses.get(url)) else None,
            hub=hub,
            site=settings,  # its address and the state of the initiative (subscription boxes)
            collections=COLLECTIONS,
            **records.globals(),
            **contact_helpers.globals(),
            **ListHelpers(hub, self.render_html).globals(),
            **HomeHelpers(hub, outline, self.render_html).globals(),
        )

    def absolute_path(self, path: str) -> Markup:
        """The absolute URL of a path in the site, for showing and copying (ids are safe)."""
        return Markup(self.settings.absolute(path))

    def absolute_url(self, record: Record) -> str:
        return self.settings.absolute(record.url)

    # -- rendering --------------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        """A Markdown page from its template."""
        return self.env.get_template(template).render(**context)

    def render_html(self, template: str, **context: Any) -> str:
        return self.html_env.get_template(template).render(**context)

    def feed_html(self, record: Record) -> str:
        """A record as an HTML fragment for feed readers: sanitised, every link absolute."""
        return self.html_env.get_template("feed/entry.html").render(r=record)

    def home(self, context: dict[str, Any]) -> str:
        return home_page(self.env, self.settings, self.publisher, context)

    def overview(self, name: str, collection: Collection, records: list[Record]) -> str:
        return overview_page(self.env, name, collection, records)

    def record_page(self, name: str, record: Record, context: dict[str, Any]) -> str:
        return record_page(self.env, self.settings, self.publisher, name, record, context)
