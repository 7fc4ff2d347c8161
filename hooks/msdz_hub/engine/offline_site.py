"""The whole site as a ZIP that works opened from the file system (file://), for a release.

A browser opening files does not turn a folder link (``../kommunen/zossen/``) into its index.html,
and it refuses Pagefind's module from file://. So every page's own links get their ``index.html``,
links from the site's root become relative, Pagefind's index stays out, and the search button and
keys lead to ``suche.html``: a plain search over the pages' titles and text, kept in a script file
(``offline-index.js``: a browser loads scripts from files, but not data by fetch). The overviews'
filters run in the page itself and keep working.
"""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # ZIP entries without the clock: the same site gives the same ZIP
LEFT_OUT = ("pagefind", "admin")  # the search index (unusable from file://) and the editors' CMS
TEXT_LIMIT = 3000  # characters of a page's text in the fallback index
_ASSETS = Path(__file__).resolve().parent / "offline"
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src))="([^"]*)"')
_HEAD = re.compile(r"<head(?:\s[^>]*)?>")
_NOINDEX = '<meta name="robots" content="noindex">'


def offline_zip(site: Path, target: Path, folder: str, label: str, base_path: str = "/") -> int:
    """Write the offline copy of ``site`` into ``target`` under ``folder/``; returns its page count."""
    entries: list[dict[str, str]] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site).as_posix()
            if path.is_dir() or rel.split("/")[0] in LEFT_OUT or path.suffix in (".gz", ".map"):
                continue
            data = path.read_bytes()
            if path.suffix == ".html" and rel != "404.html":
                text = data.decode("utf-8")
                entries += [] if _NOINDEX in text else [index_entry(rel, text)]
                data = offline_page(text, rel.count("/"), base_path).encode("utf-8")
            archive.writestr(zipfile.ZipInfo(f"{folder}/{rel}", FIXED_TIME), data)
        for name, data in _offline_files(entries, label).items():
            archive.writestr(zipfile.ZipInfo(f"{folder}/{name}", FIXED_TIME), data)
    return len(entries)


def offline_page(html: str, depth: int, base_path: str = "/") -> str:
    """One page with links that work from the file system and the offline search's script."""
    root = "../" * depth

    def rewrite(match: re.Match) -> str:
        return f'{match[1]}="{offline_url(match[2], root, base_path)}"'

    html = _URL_ATTRIBUTE.sub(rewrite, html)
    script = f'<script src="{root}assets/offline.js" data-root="{root or "./"}"></script>'
    return _HEAD.sub(lambda head: head[0] + script, html, count=1)


def offline_url(url: str, root: str, base_path: str = "/") -> str:
    """``../kommunen/`` -> ``../kommunen/index.html``; ``/hub/x/`` -> ``<root>x/index.html``."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("#"):
        return url
    path = parts.path
    if path.startswith("/"):
        inside = path[len(base_path) :] if path.startswith(base_path) else path.lstrip("/")
        path = (root or "./") + inside
    if path.endswith("/") or path in (".", ".."):
        path = path.rstrip("/") + "/index.html" if path not in ("./", "/") else "./index.html"
    rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return path + rest


class _Text(HTMLParser):
    """A page's title and the text of its article (the part the site search indexes too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.text: list[str] = []
        self._tags: list[str] = []
        self._article = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tags.append(tag)
        self._article += tag == "article"
        self._skip += tag in ("script", "style", "svg", "nav")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._tags:
            while self._tags and self._tags.pop() != tag:
                pass
            self._article -= tag == "article"
            self._skip -= tag in ("script", "style", "svg", "nav")

    def handle_data(self, data: str) -> None:
        if self._tags[-1:] == ["title"] and not self._skip:
            self.title += data
        elif self._article > 0 and self._skip <= 0:
            self.text.append(data)


def index_entry(rel: str, html: str) -> dict[str, str]:
    reader = _Text()
    reader.feed(html)
    title = " ".join(reader.title.split()).split(" - ")[0]
    text = " ".join(" ".join(reader.text).split())[:TEXT_LIMIT]
    return {"t": title, "u": rel, "x": text}


def _offline_files(entries: list[dict[str, str]], label: str) -> dict[str, bytes]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_ASSETS), autoescape=True, undefined=jinja2.StrictUndefined)
    index = "window.HUB_OFFLINE_INDEX = " + json.dumps(entries, ensure_ascii=False) + ";\n"
    return {
        "offline-index.js": index.replace("</", "<\\/").encode("utf-8"),
        "suche.html": env.get_template("suche.html").render(label=label).encode("utf-8"),
        "assets/offline.js": (_ASSETS / "offline.js").read_bytes(),
        "assets/offline-suche.js": (_ASSETS / "offline-suche.js").read_bytes(),
    }
