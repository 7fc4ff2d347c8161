"""What the preview of `mkdocs serve` does around each rebuild, so that a save is served soon.

Search: Pagefind indexes the served folder after each rebuild. The preview serves a rebuilt page
at once; its search finds the change a moment later (Pagefind takes 0.2 s for the real hub,
several seconds for thousands of pages, on every core). So that it does not slow the editor's next
save, it runs at the lowest CPU priority, and a rebuild that starts stops the indexing under way
(it would index pages that are being replaced; if the rebuild fails, nothing was replaced, and
that indexing runs again).

Memory: a rebuild makes many objects that live until the next one (the hub's model, the engine's
pages), so Python's cycle collector would walk the whole heap several times during it (0.1 s at
1 000 records, more at 5 000). It is off while a rebuild runs; one collection follows when the
preview has been idle for a moment.
"""

from __future__ import annotations

import gc
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .search_index import SearchIndexError, index_site


class _Indexing(threading.Thread):
    """One run of Pagefind over the preview's folder; ``stop`` ends it without a report."""

    def __init__(self, site: Path, failed: Callable[[str], None]):
        super().__init__(name="msdz-hub-pagefind", daemon=True)
        self.site, self.failed = site, failed
        self.stopped, self.lock = False, threading.Lock()
        self.process: subprocess.Popen | None = None

    def run(self) -> None:
        try:
            index_site(self.site, self._pagefind_started)
        except SearchIndexError as error:
            if not self.stopped:
                self.failed(str(error))

    def _pagefind_started(self, process: subprocess.Popen) -> None:
        with self.lock:
            self.process = process
            if hasattr(os, "setpriority"):  # POSIX: the rebuild's Python gets the cores first
                try:
                    os.setpriority(os.PRIO_PROCESS, process.pid, 19)
                except OSError:  # it has just ended
                    pass
            if self.stopped:
                process.kill()

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        self.join()


_indexing: _Indexing | None = None  # the latest indexing of the preview


def index_later(site: Path, failed: Callable[[str], None]) -> None:
    """Index ``site`` in a thread of its own; ``failed`` gets the reason if Pagefind fails."""
    global _indexing
    stop_indexing()
    _indexing = _Indexing(site, failed)
    _indexing.start()


def stop_indexing() -> _Indexing | None:
    """End the indexing under way, if any (a rebuild starts, or the preview ends); return it."""
    if _indexing is None or not _indexing.is_alive():
        return None
    _indexing.stop()
    return _indexing


_collection: threading.Timer | None = None  # the collection after the last rebuild, until it runs
_collector = threading.Lock()  # the collector is switched on and off under it
IDLE_SECONDS = 2.0  # the browser has reloaded the page by then


@contextmanager
def rebuild() -> Iterator[None]:
    """Around one rebuild of the preview: no indexing and no cycle collection while it runs."""
    global _collection
    with _collector:
        if _collection is not None:
            _collection.cancel()  # the last rebuild's collection comes after this one
        _collection = None
        gc.disable()
    stopped = stop_indexing()
    try:
        yield
    except BaseException:
        if stopped is not None:  # nothing was replaced: the folder is as that indexing found it
            index_later(stopped.site, stopped.failed)
        raise
    finally:
        _collect_when_idle()


def _collect_when_idle() -> None:
    global _collection

    def collect() -> None:
        with _collector:
            if _collection is timer:  # not cancelled by a rebuild that has started meanwhile
                gc.collect()
                gc.enable()

    with _collector:
        _collection = timer = threading.Timer(IDLE_SECONDS, collect)
    timer.daemon = True
    timer.start()
