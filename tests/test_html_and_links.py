"""Valid HTML, no broken internal link or anchor, and well-formed external addresses in data/.

The Nu Html Checker (vnu.jar from npm, the W3C validator's engine) checks every built page in one JVM
run; a link checker built on html.parser follows every local href/src of the built site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from support import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = os.environ.get("SITE_URL", "https://msdz-brandenburg.github.io/wissenstransfer-hub/")

# Messages of Material's own markup that no override can remove, each with the reason. (None left:
# the autocomplete attribute on Material's two checkboxes is removed from base.html by hooks/msdz_theme.py.)
KNOWN_MATERIAL_ERRORS: list[tuple[re.Pattern, re.Pattern]] = []

# Sources that offer no https (as far as the facts sheet and the sites show); every other address is
# https. A host that also appears with https in data/ does offer it and cannot be listed here.
HTTP_ONLY_HOSTS = {
    "big-bau.de": "BIG Städtebau: the press release is only linked as http",
    "www.stadtvision-neuruppin.de": "Stadtvision Neuruppin: project site only known as http",
    "www.wachstumskern-westlausitz.de": "Wachstumskern Westlausitz: the town portraits are only known as http",
    "potsdam.mitwirken.eu": "Potsdam participation site (#makerstreet review): only known as http",
}


# -- Nu Html Checker -------------------------------------------------------------------------------


def _is_known(message: dict) -> bool:
    return any(
        text.search(message.get("message", "")) and extract.search(message.get("extract", ""))
        for text, extract in KNOWN_MATERIAL_ERRORS
    )


def test_every_page_passes_the_nu_html_checker(built_site, tmp_path):
    java = shutil.which("java")
    assert java, "java is required for the Nu Html Checker (apt-get install default-jre-headless)"
    assert VNU.exists(), "vnu.jar is missing: make test installs it with npm ci"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    probe = tmp_path / "probe.html"  # proves that the checker reports what it finds
    probe.write_text(
        '<!DOCTYPE html><html lang="de"><head><title>x</title></head><body><p tabindex="">x</p></body></html>',
        encoding="utf-8",
    )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(built_site), str(probe)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    assert any(m["url"].endswith("/probe.html") for m in messages), result.stderr[:2000]
    errors = [m for m in messages if not m["url"].endswith("/probe.html") and not _is_known(m)]
    shown = [
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}"
        for m in errors[:30]
    ]
    assert errors == [], f"{len(errors)} errors, the first ones:\n" + "\n".join(shown)


# -- internal links and anchors --------------------------------------------------------------------


class _Page(HTMLParser):
    LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in self.LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], value.strip()))
            elif name == "srcset":
                self.links += [(self.getpos()[0], part.split()[0]) for part in value.split(",") if part.strip()]


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _target(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path)
    if url_path == "" or url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """Every local href/src of every page that leads to no file, or to no element with the #id."""
    parsed: dict[Path, _Page] = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    broken = []
    for path, page in parsed.items():
        rel = path.relative_to(site).as_posix()
        here = SITE_URL + rel
        for line, link in page.links:
            absolute = urljoin(here, link)
            parts = urlsplit(absolute)
            if not absolute.startswith(SITE_URL):
                same_host = parts.netloc == urlsplit(SITE_URL).netloc and parts.scheme in ("http", "https")
                if same_host:  # e.g. "/kommunen/": outside the site's folder on GitHub Pages
                    broken.append(f"{rel}:{line}: {link} leaves the site's folder")
                continue  # another host, mailto:, javascript:void(0) of Material's search, data: …
            url_path = parts.path[len(urlsplit(SITE_URL).path) :]
            if url_path.startswith("/"):
                broken.append(f"{rel}:{line}: {link} has a double slash")
                continue
            target = _target(site, url_path)
            if not target.is_file():
                broken.append(f"{rel}:{line}: {link} -> no file {target.relative_to(site)}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{rel}:{line}: {link} -> no id '{fragment}' in {target.relative_to(site)}")
    return broken


def test_no_internal_link_or_anchor_is_broken(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 100
    broken = broken_links(built_site)
    assert broken == [], f"{len(broken)} broken:\n" + "\n".join(broken[:40])


def test_the_link_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="oben"><a href="a/">ok</a> <a href="#oben">ok</a> <a href="a/#fehlt">kaputt</a>'
        ' <a href="b/">kaputt</a> <img src="bild.png"> <a href="/a/">verlässt den Ordner</a>'
        ' <a href="https://example.org/">fremd</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h1 id="da">A</h1><a href="../#oben">ok</a>', encoding="utf-8")
    found = broken_links(tmp_path)
    assert [f.split(": ", 1)[1].split(" ")[0] for f in found] == ["a/#fehlt", "b/", "bild.png", "/a/"]


# -- external addresses in data/ -------------------------------------------------------------------

_MARKDOWN_URL = re.compile(r"\]\(\s*<?([a-zA-Z][\w+.-]*:[^)\s>]+)|<([a-zA-Z][\w+.-]*:[^>\s]+)>")


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def data_urls() -> list[tuple[str, str]]:
    """(file, url) for every address in data/: URL fields and links inside Markdown texts."""
    found = []
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        rel = path.relative_to(ROOT).as_posix()
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if re.fullmatch(r"[a-zA-Z][\w+.-]*://\S*", text):
                found.append((rel, text))
            found += [(rel, a or b) for a, b in _MARKDOWN_URL.findall(text)]
    return found


def test_every_external_address_in_data_is_well_formed():
    urls = data_urls()
    assert len(urls) > 100
    for rel, url in urls:
        parts = urlsplit(url)
        if parts.scheme == "mailto":
            assert re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}", url), f"{rel}: {url}"
            continue
        assert parts.scheme in ("http", "https"), f"{rel}: {url}"
        assert parts.hostname and "." in parts.hostname and "@" not in parts.netloc, f"{rel}: {url}"
        assert not re.search(r"[\s<>\"{}|\\^`]", url), f"{rel}: {url}"
        _ = parts.port  # raises for a port that is not a number


def test_external_addresses_are_https_where_the_source_offers_it():
    urls = data_urls()
    https_hosts = {urlsplit(u).hostname for _, u in urls if u.startswith("https://")}
    http = [(rel, u) for rel, u in urls if u.startswith("http://")]
    not_allowed = [f"{rel}: {u}" for rel, u in http if urlsplit(u).hostname not in HTTP_ONLY_HOSTS]
    assert not_allowed == [], "use https:// (or list the host in HTTP_ONLY_HOSTS, with the reason)"
    assert not set(HTTP_ONLY_HOSTS) & https_hosts, "these hosts offer https: use it everywhere"
    assert {urlsplit(u).hostname for _, u in http} == set(HTTP_ONLY_HOSTS), "remove hosts no longer used"


@pytest.mark.parametrize("url", ["https://msdz.brandenburg.de/", "http://big-bau.de/x"])
def test_the_address_rules_accept_real_addresses(url):
    from msdz_hub.schemas.web_addresses import is_web_address

    assert is_web_address(url)
