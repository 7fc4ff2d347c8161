"""The site's search index: Pagefind over the built HTML, in a process of its own.

Pagefind reads the pages MkDocs wrote into site/ and writes site/pagefind/: a small entry file,
the index in chunks by word, one fragment per page and the code that searches in the reader's
browser (WebAssembly, German stemming and umlaut folding included). A reader's browser loads only
the chunks a query needs, and nothing before the search is opened.

What is indexed is decided in the templates: the theme marks each page's content
``data-pagefind-body`` (overrides/main.html), navigation, labels, fact lists and sources are
``data-pagefind-ignore``, records carry ``data-pagefind-meta`` and ``data-pagefind-filter``
(msdz_hub.views.search_data). The selectors below drop what Material adds to every heading and page.

Run as ``python -m msdz_hub index site`` (``make build``, CI) or, for the preview of ``mkdocs serve``,
after each rebuild (msdz_hub.engine.preview); never inside MkDocs' own process, whose memory stays
the build's alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
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


def index_site(site: Path, started: Callable[[subprocess.Popen], None] = lambda process: None) -> IndexResult:
    """Index every page of ``site`` afresh (a stale bundle would keep deleted pages findable).
    ``started`` gets Pagefind's process as soon as it runs (msdz_hub.engine.preview)."""
    site = Path(site)
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    command = [executable(), "--site", str(site), "--output-subdir", BUNDLE]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
            started(process)
            output, _ = process.communicate()
    except BaseException:  # Ctrl-C or a full disk: a half-written index must not look finished
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        raise
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind ist fehlgeschlagen ({process.returncode}):\n{output}")
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
