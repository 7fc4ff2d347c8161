"""The hub's work beside the site engine's, as a short protocol of messages.

The engine (MkDocs) builds pages on one core. The hub's own work – validating ``data/``, rendering
every page's Markdown, then the feeds, calendars and open data – can run on the other one, and the
engine need wait only for what it reads. The work sends these messages, in this order:

1. ``VALID`` – or ``PROBLEMS`` with every problem in the data, and nothing more (``DataError``);
2. ``MANIFEST`` – the path of every page and file the site will hold;
3. one ``PAGE`` per page, in manifest order, once it is in the staging folder;
4. ``FILES`` – every other output is written; the work is done.

At any point ``ERROR`` (with its traceback) may come instead of the rest (``WorkerError``).

The steps are a session's (``session.Session.run``). Two runners carry them. ``forked``: a process
forked once beside the engine (`mkdocs build`), so the engine's process holds no model of the hub
and nothing is kept. ``inline``: the same steps in the caller's process as they are asked for,
where fork is missing or other threads run (forking a process with threads is unsafe; `mkdocs
serve` has them, and keeps its session between rebuilds), and in tests.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ..core.os_errors import german_failure
from ..core.problems import DataError


class Kind(Enum):
    VALID = "valid"
    PROBLEMS = "problems"
    MANIFEST = "manifest"
    PAGE = "page"
    FILES = "files"
    ERROR = "error"


class State(Enum):
    STARTED = "started"  # no verdict on the data yet
    VALID = "valid"
    PLANNED = "planned"  # the manifest is known; pages are being written
    DONE = "done"  # every page and file is written
    FAILED = "failed"
    CLOSED = "closed"  # stopped before it was done


class WorkerError(RuntimeError):
    """The work failed after validation (a bug, not a data error); the message has its traceback."""


@dataclass(frozen=True)
class Manifest:
    pages: list[str]  # paths in the docs tree ("kommunen/zossen.md"), in the order they are written
    files: list[str]  # every other output, written after the pages

    @property
    def paths(self) -> list[str]:
        return self.pages + self.files


Message = tuple[Kind, Any]
Steps = Callable[[], Generator[Message, None, None]]


class _Forked:
    """The steps in a process forked for them; their messages come through a pipe."""

    def __init__(self, steps: Steps):
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        # not a daemon: the loader may start a process of its own
        self._process = context.Process(target=_send_steps, args=(sender, steps), name="msdz-hub-worker")
        self._process.start()
        sender.close()  # the worker holds the only sending end: its exit ends our waiting

    def receive(self) -> Message:
        try:
            return self._receiver.recv()
        except EOFError:
            self._process.join()
            return Kind.ERROR, f"Der Hub-Prozess endete unerwartet (Exit-Code {self._process.exitcode})."

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()


def _send_steps(connection: Any, steps: Steps) -> None:
    for number in (signal.SIGTERM, signal.SIGHUP):  # the caller's clean-up handlers are not for this process
        signal.signal(number, signal.SIG_DFL)
    # When the two processes want more cores than there are, the scheduler favours the engine's
    # (the critical path of a build); an idle core still goes to the worker.
    os.nice(10)
    try:
        for message in steps():
            connection.send(message)
    except BaseException as error:  # everything, so that the caller never waits for a dead worker
        connection.send((Kind.ERROR, _failure_text(error)))
    finally:
        connection.close()


def _failure_text(error: BaseException) -> str:
    """A failure of the machine (full disk, no rights) as a German line; a bug with its traceback."""
    return german_failure(error) or traceback.format_exc()


class _Inline:
    """The steps in the caller's process, each when its message is asked for."""

    def __init__(self, steps: Steps):
        self._steps = steps()

    def receive(self) -> Message:
        try:
            return next(self._steps)
        except StopIteration:
            return Kind.ERROR, "Der Hub-Generator endete vor dem Ende seiner Arbeit."
        except Exception as error:
            return Kind.ERROR, _failure_text(error)

    def close(self) -> None:
        self._steps.close()


def can_fork() -> bool:
    """Forking is safe only without other threads (the loader follows the same rule)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class SiteWorker:
    """The work as the caller sees it: started at once; ``check_data`` waits for the verdict, and
    every other request takes it first."""

    def __init__(self, staging: Path, steps: Steps, inline: bool = False):
        self.staging = staging
        self.inline = inline or not can_fork()
        self.state = State.STARTED
        self._source = _Inline(steps) if self.inline else _Forked(steps)
        self._manifest: Manifest | None = None
        self._pages_written = 0
        self._failure: Exception | None = None

    def _next(self) -> None:
        if self._failure is not None:
            raise self._failure
        kind, value = self._source.receive()
        if kind in (Kind.ERROR, Kind.PROBLEMS):
            self._failure = DataError(value) if kind is Kind.PROBLEMS else WorkerError(str(value))
            self.state = State.FAILED
            self._source.close()
            raise self._failure
        if kind is Kind.VALID:
            self.state = State.VALID
        elif kind is Kind.MANIFEST:
            self.state, self._manifest = State.PLANNED, value
        elif kind is Kind.PAGE:
            self._pages_written += 1
        elif kind is Kind.FILES:
            self.state = State.DONE
            self._source.close()

    def check_data(self) -> None:
        """Return once the data is found valid; ``DataError`` with every problem if not."""
        while self.state is State.STARTED or self._failure is not None:
            self._next()

    @property
    def manifest(self) -> Manifest:
        while self._manifest is None:
            self._next()
        return self._manifest

    def wait_for_page(self, index: int) -> None:
        """Return once the page at ``index`` of the manifest is written."""
        while self._pages_written <= index and self.state is not State.DONE:
            self._next()

    def wait_until_done(self) -> None:
        while self.state is not State.DONE:
            self._next()

    def close(self) -> None:
        """Stop the work if it is still going (a failed build)."""
        if self.state not in (State.DONE, State.FAILED, State.CLOSED):
            self._source.close()
            self.state = State.CLOSED
            self._failure = WorkerError("Der Hub-Generator wurde beendet, bevor er fertig war.")
