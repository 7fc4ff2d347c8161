"""MkDocs hook: the preview of `make serve`. A save is seen at once, by the system's file events
(MkDocs polls every 0.5 s; `SERVE_POLL=1` keeps that, for folders without events such as some network
drives). A save with a mistake keeps the last good build in view. After each build the preview's
search (Pagefind) indexes the served folder anew, and finds a change a moment after it is served.

A saved template (hooks/msdz_hub/pages/templates/) is rebuilt like a saved record. Any other save
under hooks/ is the generator's code: a running Python process cannot honestly swap its modules
(classes, caches and threads made by the old code would stay), so the preview restarts itself, as
if started anew, and the browser reloads the page once it is back."""

from __future__ import annotations

import _thread
import functools
import logging
import os
import shutil
import sys
from pathlib import Path

import watchdog.events as ev
import watchdog.observers
import watchdog.observers.polling
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from watchdog.observers.api import BaseObserver

from msdz_hub.engine.preview import index_later, rebuild, stop_indexing
from msdz_hub.engine.store import digests

_log = logging.getLogger("mkdocs")
_KEPT = "Fehler beim Neubau – die Vorschau zeigt weiter den letzten fehlerfreien Stand. Nach dem Speichern der korrigierten Datei wird neu gebaut."
_RESTART = "Code unter hooks/ geändert – die Vorschau startet neu."
_BROKEN = "die Vorschau läuft mit dem bisherigen Code weiter, bis der Fehler behoben ist."
_ENDED = "Vorschau beendet (Strg+C) – neu starten mit `make serve`."
_SAVES = [ev.FileCreatedEvent, ev.FileDeletedEvent, ev.FileModifiedEvent, ev.FileMovedEvent, ev.FileClosedEvent]
HOOKS = Path(__file__).resolve().parent
TEMPLATES = HOOKS / "msdz_hub" / "pages" / "templates"


def _code() -> dict[str, bytes]:
    """Every file under hooks/ but the templates, by content: what this process runs."""
    return digests(HOOKS, HOOKS, skip=("templates",))


_CODE_AT_START = _code()


def _syntax_error() -> str | None:
    """The first Python file under hooks/ that does not compile, as "path:line: message"."""
    for path in sorted(HOOKS.rglob("*.py")):
        try:
            compile(path.read_bytes(), str(path), "exec")
        except SyntaxError as error:
            return f"{path.relative_to(HOOKS.parent).as_posix()}:{error.lineno}: Syntaxfehler ({error.msg})"
        except OSError:  # removed meanwhile
            continue
    return None


_restart: str | None = None  # the served folder, once a save of code asked for a restart
_serving = False  # the first build succeeded and the preview is served (on_serve ran)


class _SavesOnly(watchdog.observers.Observer):  # type: ignore[valid-type,misc]  # not the build's own reads
    schedule = functools.partialmethod(BaseObserver.schedule, event_filter=_SAVES)


class _CodeSaves(ev.FileSystemEventHandler):
    """Restarts the preview when a file of the generator's code changes (not its compiled cache)."""

    def __init__(self, site_dir: str):
        self.site_dir = site_dir

    def on_any_event(self, event: ev.FileSystemEvent) -> None:
        global _restart
        if event.is_directory or "__pycache__" in str(event.src_path) or _restart is not None:
            return
        if _code() != _CODE_AT_START:
            broken = _syntax_error()
            if broken:  # a new process could not even load it: the preview goes on with the code it has
                _log.error(f"{broken} – {_BROKEN}")
                return
            _log.info(_RESTART)
            _restart = self.site_dir
            _thread.interrupt_main()  # MkDocs shuts down as on Ctrl-C; on_shutdown starts it again


def on_shutdown() -> None:  # Pagefind must not write into the served folder while MkDocs removes it
    stop_indexing()
    if _restart is None:
        if _serving:  # ended by Ctrl-C: a German last line after MkDocs' „Shutting down...“
            print(_ENDED, file=sys.stderr)
        return
    # a restart: the hooks before this one have cleaned up; MkDocs' served folder is ours to remove
    shutil.rmtree(_restart, ignore_errors=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, sys.orig_argv)


def on_serve(server, config: MkDocsConfig, builder):
    """MkDocs would hold every request until a build succeeds; a failed rebuild wrote nothing."""
    global _serving
    _serving = True
    site = Path(config.site_dir)

    def failed(error: str) -> None:
        _log.error(f"Suche der Vorschau nicht aktualisiert: {error}")

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
    server.watch(str(TEMPLATES))
    polling = bool(os.environ.get("SERVE_POLL"))
    code = watchdog.observers.polling.PollingObserver(timeout=0.5) if polling else _SavesOnly()
    code.schedule(_CodeSaves(config.site_dir), str(HOOKS), recursive=True)
    code.daemon = True
    code.start()
    if not polling:  # the folders watched so far, and those after this hook
        watched, server.observer = list(server._watched_paths), _SavesOnly()
        server._watched_paths.clear()
        for path in watched:
            server.watch(path)
    return server
