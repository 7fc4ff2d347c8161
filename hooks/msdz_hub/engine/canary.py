"""The Zensical canary (`make zensical`): the generated tree built by Zensical, compared with the
MkDocs build of the same commit.

MkDocs 1.x is unmaintained and Material ends on 5 May 2027; Zensical, its makers' successor, reads
mkdocs.yml but runs no hooks. So the canary hands Zensical exactly what `python -m msdz_hub generate`
writes (plus docs/ and overrides/), runs the hub's own steps after any engine on its site (/admin/ and
the search index, ``after_build``) and reports, in German Markdown for the CI summary, what a reader
of the Zensical build would miss: pages, titles, links that lead nowhere, feeds and other files,
structured data, requests to other hosts. It never fails the build: it measures how far a switch is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SHOWN = 10  # examples per finding in the report
_FEED_SUFFIXES = (".xml", ".ics", ".opml")


@dataclass
class PageFacts:
    title: str = ""
    links: list[str] = field(default_factory=list)  # href of <a>
    loads: list[str] = field(default_factory=list)  # src/href of what the browser fetches by itself
    json_ld: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._in_title = tag == "title" and not self.facts.title  # the page's, not an SVG's
        if tag == "a" and values.get("href"):
            self.facts.links.append(values["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.facts.loads.append(values["src"])
        if tag == "link" and values.get("rel") in ("stylesheet", "preload", "modulepreload", "icon"):
            self.facts.loads.append(values.get("href", ""))
        if tag == "script" and values.get("type") == "application/ld+json":
            self.facts.json_ld += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data


def read_site(site: Path) -> dict[str, PageFacts]:
    """Every HTML page of a built site by its path (``kommunen/zossen/index.html``), admin/ aside."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] == "admin":
            continue
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8", errors="replace"))
        reader.facts.title = " ".join(reader.facts.title.split())
        pages[rel] = reader.facts
    return pages


def broken_links(site: Path, pages: dict[str, PageFacts], base_path: str = "/") -> list[str]:
    """Links inside the site that lead to no file of it: ``page -> link``. ``base_path`` is the
    site's own path on its host (``/wissenstransfer-hub/``), which absolute links start with."""
    found = []
    for rel, facts in pages.items():
        for href in facts.links:
            target = _target(site, rel, _from_root(href, base_path))
            if target is not None and not target.exists():
                found.append(f"{rel} → {href}")
    return found


def _from_root(href: str, base_path: str) -> str:
    return "/" + href[len(base_path) :] if base_path != "/" and href.startswith(base_path) else href


def _target(site: Path, page: str, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, mailto:, or an anchor on the page itself
    path = unquote(parts.path)
    base = site if path.startswith("/") else (site / page).parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def foreign_loads(pages: dict[str, PageFacts]) -> list[str]:
    return sorted({f"{rel} → {src}" for rel, facts in pages.items() for src in facts.loads if urlsplit(src).netloc})


def files_beside(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in _FEED_SUFFIXES}


# The theme's own scripts and styles: each engine ships its own bundle, under names of its own.
THEME_BUNDLE = ("assets/javascripts/", "assets/stylesheets/")


def other_files(site: Path) -> set[str]:
    """Every file but the pages and the theme's bundle, e.g. /admin/ and the sitemap; of the search
    index its entry script only (the names of its other files change with every index)."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix != ".html"}
    found = {rel for rel in found if not rel.startswith(THEME_BUNDLE)}
    return {rel for rel in found if not rel.startswith("pagefind/") or rel == "pagefind/pagefind.js"}


def _differing(ours: Path, theirs: Path, name: str) -> list[str]:
    """``[name]`` if the file differs between the two sites (or one lacks it), else []."""
    mine, other = ours / name, theirs / name
    same = mine.is_file() and other.is_file() and mine.read_bytes() == other.read_bytes()
    return [] if same else [name]


def compare(mkdocs_site: Path, zensical_site: Path, base_path: str = "/", failed_steps: Iterable[str] = ()) -> str:
    """The report: what differs between the two builds, as German Markdown."""
    ours, theirs = read_site(mkdocs_site), read_site(zensical_site)
    shared = sorted(set(ours) & set(theirs))
    findings = [
        ("Seiten nur im MkDocs-Bau", sorted(set(ours) - set(theirs))),
        ("Seiten nur im Zensical-Bau", sorted(set(theirs) - set(ours))),
        (
            "Andere Seitentitel",
            [f"{p}: „{ours[p].title}“ → „{theirs[p].title}“" for p in shared if ours[p].title != theirs[p].title],
        ),
        ("Interne Links ins Leere (Zensical)", broken_links(zensical_site, theirs, base_path)),
        ("Interne Links ins Leere (MkDocs)", broken_links(mkdocs_site, ours, base_path)),
        ("Feeds, Kalender und Listen, die fehlen", sorted(files_beside(mkdocs_site) - files_beside(zensical_site))),
        ("Weitere Dateien, die fehlen (Zensical)", sorted(other_files(mkdocs_site) - other_files(zensical_site))),
        ("Schritte nach dem Bau, die fehlschlugen", list(failed_steps)),
        ("sitemap.xml anders als im MkDocs-Bau", _differing(mkdocs_site, zensical_site, "sitemap.xml")),
        (
            "Seiten mit anderen strukturierten Daten (JSON-LD)",
            [p for p in shared if ours[p].json_ld != theirs[p].json_ld],
        ),
        ("Anfragen an fremde Server (Zensical)", foreign_loads(theirs)),
    ]
    return _report(len(ours), len(theirs), findings)


def _report(ours: int, theirs: int, findings: Iterable[tuple[str, list[str]]]) -> str:
    lines = ["## Zensical-Kanarienvogel", "", f"MkDocs: {ours} Seiten, Zensical: {theirs} Seiten.", ""]
    lines += ["| Prüfung | Abweichungen |", "| --- | ---: |"]
    findings = list(findings)
    lines += [f"| {name} | {len(items)} |" for name, items in findings]
    for name, items in findings:
        if items:
            lines += ["", f"### {name}", ""] + [f"- `{_plain(item)}`" for item in items[:SHOWN]]
            lines += [f"- … und {len(items) - SHOWN} weitere"] if len(items) > SHOWN else []
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    return re.sub(r"[`\n]", " ", text)[:200]


def prepare(root: Path, generated: Path, project: Path) -> Path:
    """A project folder Zensical can build: docs/ with the generated tree in it, and mkdocs.yml
    with absolute folders and without `strict` (the report counts what strict would refuse)."""
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    shutil.copytree(root / "docs", docs)
    shutil.copytree(generated, docs, dirs_exist_ok=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^strict:.*$", "strict: false", config)
    config = re.sub(r"(?m)^(\s*custom_dir:\s*)(\S+)", lambda m: m[1] + str((root / m[2]).resolve()), config)
    header = "docs_dir: docs\nsite_dir: site\n"  # relative to the config: Zensical 0.0.73 panics on absolute ones
    (project / "mkdocs.yml").write_text(header + config, encoding="utf-8")
    return project / "mkdocs.yml"


def build(zensical: Path, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(zensical), "build", "-f", str(config)], capture_output=True, text=True, timeout=900)


def run(
    root: Path,
    zensical: Path,
    generated: Path,
    mkdocs_site: Path,
    work: Path,
    after_build: Callable[[Path], list[str]] = lambda site: [],
) -> str:
    """Build ``generated`` with Zensical in ``work``, run ``after_build`` on its site (the hub's steps
    after any engine; it returns what failed, in German) and compare it with ``mkdocs_site``."""
    config = prepare(root, generated, work)
    result = build(zensical, config)
    if result.returncode != 0 or not (work / "site" / "index.html").exists():
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        return f"## Zensical-Kanarienvogel\n\nZensical hat die Website nicht gebaut:\n\n```\n{tail}\n```\n"
    from .generate import read_config

    base_path = urlsplit(read_config(root).url).path or "/"
    failed = after_build(work / "site")
    return compare(mkdocs_site, work / "site", base_path, failed)
