"""MkDocs hook: the preview of `make serve`. A save with a mistake keeps the last good build in view;
after each rebuild the preview's search (Pagefind) indexes the served folder anew."""

from __future__ import annotations

import logging
import signal
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from msdz_hub.search_index import index_later, indexing_done

_log = logging.getLogger("mkdocs")
_KEPT = "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. Nach dem Speichern der korrigierten Datei wird neu gebaut."
_command: str | None = None  # set by on_startup; None in the rebuilds of `mkdocs serve`


def on_startup(command: str, dirty: bool) -> None:
    """SIGHUP and SIGTERM end MkDocs as Ctrl-C does, so that its clean-up runs (staging, temp site)."""
    global _command
    _command = command
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, signal.default_int_handler)


def on_post_build(config: MkDocsConfig) -> None:
    """For `mkdocs build`, `make build` runs Pagefind after MkDocs (python -m msdz_hub index)."""
    if _command != "build":  # after the page is served: the search follows a moment later
        index_later(Path(config.site_dir), lambda error: _log.error(f"Suche der Vorschau nicht aktualisiert: {error}"))


def on_shutdown() -> None:  # Pagefind must not write into the served folder while MkDocs removes it
    indexing_done()


def on_serve(server, config: MkDocsConfig, builder):
    """MkDocs would hold every request until a build succeeds; a failed rebuild wrote nothing."""

    def build_or_keep_last_good():
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - reported, and the preview goes on
            if not isinstance(error, Abort):  # an Abort's problems were printed in the editor's format
                _log.error("%s", error)
            _log.error(_KEPT)

    server.builder = build_or_keep_last_good
    return server
