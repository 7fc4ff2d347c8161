"""MkDocs hook (mkdocs.yml ``hooks:``): the preview of `make serve`.

A save with a mistake keeps the last good build in view, and after every rebuild the preview's
search (Pagefind) indexes the served folder anew, so that it finds what was just edited.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from msdz_hub.search_index import SearchIndexError, index_site

_log = logging.getLogger("mkdocs")
_command: str | None = None  # set by on_startup; None in the rebuilds of `mkdocs serve`


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_post_build(config: MkDocsConfig) -> None:
    """For `mkdocs build`, `make build` runs Pagefind after MkDocs (python -m msdz_hub index)."""
    if _command != "build":
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as error:
            _log.error(f"Suche der Vorschau nicht aktualisiert: {error}")


def on_serve(server, config: MkDocsConfig, builder):
    """MkDocs would hold every request until the next successful build ("the server will appear
    stuck"). A data error stops a rebuild in on_pre_build, before anything is written (see
    msdz_mkdocs), so the last good site is complete: the server goes on serving it."""

    def build_or_keep_last_good():
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - reported, and the preview goes on
            if not isinstance(error, Abort):  # an Abort's problems were printed in the editor's format
                _log.error("%s", error)
            _log.error(
                "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. "
                "Nach dem Speichern der korrigierten Datei wird neu gebaut."
            )

    server.builder = build_or_keep_last_good
    return server
