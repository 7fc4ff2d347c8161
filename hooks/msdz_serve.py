"""MkDocs hook: the preview of `make serve`. A save is seen at once, by the system's file events
(MkDocs polls every 0.5 s; `SERVE_POLL=1` keeps that, for folders without events such as some network
drives). A save with a mistake keeps the last good build in view. After each build the preview's
search (Pagefind) indexes the served folder anew, and finds a change a moment after it is served."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

import watchdog.events as ev
import watchdog.observers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from watchdog.observers.api import BaseObserver

from msdz_hub.engine.preview import index_later, rebuild, stop_indexing

_log = logging.getLogger("mkdocs")
_KEPT = "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. Nach dem Speichern der korrigierten Datei wird neu gebaut."
_SAVES = [ev.FileCreatedEvent, ev.FileDeletedEvent, ev.FileModifiedEvent, ev.FileMovedEvent, ev.FileClosedEvent]


class _SavesOnly(watchdog.observers.Observer):  # type: ignore[valid-type,misc]  # not the build's own reads
    schedule = functools.partialmethod(BaseObserver.schedule, event_filter=_SAVES)


def on_shutdown() -> None:  # Pagefind must not write into the served folder while MkDocs removes it
    stop_indexing()


def on_serve(server, config: MkDocsConfig, builder):
    """MkDocs would hold every request until a build succeeds; a failed rebuild wrote nothing."""
    site, failed = Path(config.site_dir), lambda error: _log.error(f"Suche der Vorschau nicht aktualisiert: {error}")

    def build_or_keep_last_good():
        try:
            with rebuild():  # no search indexing and no cycle collection meanwhile (msdz_hub.engine.preview)
                builder()
        except Exception as error:  # noqa: BLE001 - reported, and the preview goes on
            if not isinstance(error, Abort):  # an Abort's problems were printed in the editor's format
                _log.error("%s", error)
            _log.error(_KEPT)
        else:
            index_later(site, failed)

    server.builder = build_or_keep_last_good
    index_later(site, failed)  # the first build's
    if not os.environ.get("SERVE_POLL"):  # the folders watched so far, and those after this hook
        watched, server.observer = list(server._watched_paths), _SavesOnly()
        server._watched_paths.clear()
        for path in watched:
            server.watch(path)
    return server
