"""The site's search index: Pagefind over the built HTML, in a process of its own.

Pagefind reads the pages MkDocs wrote into site/ and writes site/pagefind/: a small entry file,
the index in chunks by word, one fragment per page and the code that searches in the reader's
browser (WebAssembly, German stemming and umlaut folding included). A reader's browser loads only
the chunks a query needs, and nothing before the search is opened.

What is indexed is decided in the templates: the theme marks each page's content
``data-pagefind-body`` (overrides/main.html), navigation, labels, fact lists and sources are
``data-pagefind-ignore``, records carry ``data-pagefind-meta`` and ``data-pagefind-filter``
(msdz_hub.search_data). The selectors below drop what Material adds to every heading and page.

Run as ``python -m msdz_hub index site`` (``make build``, CI) or from the hook after each rebuild of
``mkdocs serve``; never inside MkDocs' own process, whose memory stays the build's alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # site/pagefind/
# Material's permalink anchors (¶) and edit button in each page's content.
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button")
# The bundle's UI scripts the site does not use (it has its own dialog, docs/assets/search.js).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """Pagefind failed, or indexed far fewer pages than the site has."""


@dataclass(frozen=True)
class IndexResult:
    pages: int  # pages Pagefind indexed
    html_files: int  # HTML files in the site
    output: str


def executable() -> str:
    """The Pagefind binary that pip installed (package pagefind-bin)."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError(
            "Pagefind fehlt: `pip install -r requirements.txt` (make build installiert es)."
        ) from None
    return str(get_executable())


def index_site(site: Path) -> IndexResult:
    """Index every page of ``site`` afresh (a stale bundle would keep deleted pages findable)."""
    site = Path(site)
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    command = [executable(), "--site", str(site), "--output-subdir", BUNDLE]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind ist fehlgeschlagen ({result.returncode}):\n{output}")
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    return _checked(site, output)


def _checked(site: Path, output: str) -> IndexResult:
    """Pagefind indexes only pages marked data-pagefind-body once one page has it; a theme change
    that drops the mark would index nothing or everything without an error. Guard both."""
    match = re.search(r"Indexed (\d+) pages?", output)
    pages = int(match.group(1)) if match else 0
    html_files = sum(1 for _ in site.rglob("*.html"))
    if pages == 0 or pages < html_files // 2:
        raise SearchIndexError(f"Pagefind hat nur {pages} von {html_files} Seiten indiziert:\n{output}")
    return IndexResult(pages, html_files, output)


_indexing: threading.Thread | None = None  # the preview's latest indexing, if one is under way


def index_later(site: Path, failed: Callable[[str], None]) -> None:
    """Index ``site`` in a thread of its own, once the previous indexing has ended: `mkdocs serve`
    serves a rebuilt page at once, and its search finds the change a moment later (Pagefind takes
    0.2 s for the real hub, several seconds for thousands of pages). ``failed`` gets the reason."""
    global _indexing
    previous = _indexing

    def run() -> None:
        if previous is not None:
            previous.join()
        try:
            index_site(site)
        except SearchIndexError as error:
            failed(str(error))

    _indexing = threading.Thread(target=run, name="msdz-hub-pagefind", daemon=True)
    _indexing.start()


def indexing_done(timeout: float = 60) -> None:
    """Wait for the preview's indexing (at the end of `mkdocs serve`, before its folder goes)."""
    if _indexing is not None:
        _indexing.join(timeout)
