"""What a typical record page weighs, with everything a browser loads for it."""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from projects import REPO


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.alternates: list[str] = []
        self.config: str = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)) and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "link" and "alternate" in rel and a.get("href"):
            self.alternates.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


@dataclass
class PageWeight:
    page: str
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (raw, gzip)

    @property
    def raw(self) -> int:
        return sum(r for r, _ in self.parts.values())

    @property
    def compressed(self) -> int:
        return sum(c for _, c in self.parts.values())


def page_weight(site: Path, page: Path) -> PageWeight:
    """Everything a browser loads for ``page`` (checked with Chromium: the page, its stylesheets and
    scripts, the favicon and sitemap.xml, which Material fetches for every rel=alternate link;
    nothing of the search, which loads when it is opened: bench/search_bench.py)."""
    base = "http://site/" + page.relative_to(site).as_posix()
    parser = _Assets()
    html = page.read_text(encoding="utf-8")
    parser.feed(html)
    urls = [urljoin(base, u) for u in parser.urls]
    urls.extend(urljoin(urljoin(base, href), "sitemap.xml") for href in parser.alternates)
    weight = PageWeight(page.relative_to(site).as_posix())
    weight.parts[base] = (len(html.encode()), len(gzip.compress(html.encode())))
    for url in dict.fromkeys(urls):
        path = site / urlsplit(url).path.lstrip("/")
        if urlsplit(url).netloc == "site" and path.is_file():
            data = path.read_bytes()
            weight.parts[url] = (len(data), len(gzip.compress(data)))
    return weight


def typical_record_page(site: Path) -> Path:
    """The record page of median size among all record pages."""
    folders = [c.url_folder for c in _collections().values()]
    pages = [p for folder in folders for p in (site / folder).glob("*/index.html")]
    pages.sort(key=lambda p: p.stat().st_size)
    return pages[len(pages) // 2]


def _collections() -> dict:
    sys.path.insert(0, str(REPO / "hooks"))
    from msdz_hub.core.collections import COLLECTIONS

    return COLLECTIONS
