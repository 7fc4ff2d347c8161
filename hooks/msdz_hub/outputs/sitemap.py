"""The site's sitemap.xml (and its gzip copy), written by the generator like any other file, so every
engine serves the same one: the MkDocs hook keeps MkDocs from writing its own over it; after an engine
that always writes its own (Zensical), ``python -m msdz_hub finish`` puts this one back.

A page's <lastmod> is the day its content last changed, as the data knows it: a record's page its
record's last change (its file's last commit, ``Record.changed``), an overview the newest of its
records, the home page the newest of all, a hand-written page of docs/ its file's last commit. A
page made from templates and settings alone (the legal pages, Abonnieren) has none: no date of the
data says when it changed. So two builds of one commit, or two rebuilds of the preview, give the same
dates, and no date moves with a commit that did not touch the page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
from collections.abc import Callable
from pathlib import Path

from ..core.collections import COLLECTIONS
from ..core.dates import BERLIN
from ..core.git_dates import last_commit_times
from ..core.settings import SiteSettings
from ..model import Hub

SITEMAP = "sitemap.xml"
PACKED = "sitemap.xml.gz"
DOCS = "docs"  # the hand-written pages, beside the generated ones in the site


def page_url(source: str) -> str:
    """A page's address from its Markdown file, as every engine with directory URLs gives it:
    "kommunen/zossen.md" -> "kommunen/zossen/", "kommunen/index.md" -> "kommunen/", "index.md" -> ""."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def hand_written(root: Path) -> list[str]:
    """The pages of docs/ by their path there ("ueber.md")."""
    docs = root / DOCS
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []


def record_days(hub: Hub) -> dict[str, dt.date]:
    """The day of the last change of each record's page, each overview and the home page, by page
    source. Every record is read (through ``Hub.all``): any change can move a date here."""
    days: dict[str, dt.date] = {}
    for name, collection in COLLECTIONS.items():
        changed = {r.src_uri: r.changed.date() for r in hub.all(name) if r.changed}
        days.update(changed)
        if changed:
            days[f"{collection.url_folder}/index.md"] = max(changed.values())
    if days:
        days["index.md"] = max(days.values())
    return days


def file_days(root: Path) -> dict[str, dt.date]:
    """The day of the last commit of each page of docs/ (none outside a git checkout)."""
    times = last_commit_times(root, DOCS)
    return {path.removeprefix(f"{DOCS}/"): dt.datetime.fromtimestamp(t, BERLIN).date() for path, t in times.items()}


def sitemap_outputs(
    hub: Hub, settings: SiteSettings, render_xml: Callable[..., str], pages: list[str], root: Path
) -> dict[str, Callable[[], bytes]]:
    """The sitemap and its gzip copy for ``pages`` (generated page sources) and docs/'s pages."""

    def both() -> dict[str, bytes]:
        days = {**file_days(root), **record_days(hub)}
        sources = sorted(set(pages) | set(hand_written(root)), key=page_url)
        entries = [(settings.absolute(page_url(source)), days.get(source)) for source in sources]
        xml = render_xml("sitemap.xml", entries=entries).encode("utf-8")
        newest = max(days.values(), default=dt.date(1970, 1, 1))  # the copy's time: stable as the dates
        return {SITEMAP: xml, PACKED: gzip.compress(xml, mtime=calendar.timegm(newest.timetuple()))}

    return {SITEMAP: lambda: both()[SITEMAP], PACKED: lambda: both()[PACKED]}
