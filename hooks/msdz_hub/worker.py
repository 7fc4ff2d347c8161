"""Render the site in a second process while the site engine builds the pages already rendered.

The engine (MkDocs) is single-threaded: turning Markdown into HTML pages keeps one core busy,
the other idles. The hub's own work – validating, rendering every page's Markdown, the feeds,
calendars and open data – runs there instead, in a forked worker:

1. the worker loads and validates ``data/``; the caller waits for that verdict (``check_data``)
   before it asks for anything else, so a data error stops the build before any page is built
   (``DataError``, as without a worker);
2. the worker plans the site while the engine prepares its build; the caller registers the
   plan's paths with the engine;
3. the worker writes each page into a staging folder, in plan order, and counts the pages done
   in shared memory, then every other output (feeds, calendars, open data); on a rebuild a
   process forked from it writes those meanwhile. The caller waits for a page only if the
   engine asks for it before the worker got there (``wait_for_page``), and for the rest before
   the engine copies files (``wait_until_done``).

A file whose bytes did not change is not rewritten, so its time stamp tells an incremental
rebuild (``mkdocs serve --dirty``) which pages to build again. After a full build the folder is
removed on the idle core once the caller no longer needs it (``release``).

The worker is forked: it starts at once and imports the generator itself. The caller holds no
model of the hub and none of its libraries, only the paths.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from .problems import DataError

_FORK = multiprocessing.get_context("fork")
JINJA_CACHE = ".jinja"  # compiled templates, kept between the rebuilds of `mkdocs serve`


class WorkerError(RuntimeError):
    """The worker failed after validation (a bug, not a data error); the message has its traceback."""


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str  # path in the docs tree, e.g. "kommunen/zossen.md"
    edit_path: str | None  # data file to edit, relative to the repository root


@dataclass(frozen=True)
class Manifest:
    pages: list[PlannedPage]  # in the order the worker renders them
    files: list[str]  # every other output, written after the pages


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` unless the file already holds exactly it (its time stamp then stays)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _work(
    connection, pages_done, files_pid, root: Path, settings: dict, operator: dict, staging: Path, files_alongside: bool
) -> None:
    """The worker process: validate, plan, write the pages, then every other output – or, with
    ``files_alongside``, those in a process forked from this one meanwhile."""
    files_worker = 0
    for number in (signal.SIGTERM, signal.SIGHUP):  # the caller's clean-up handlers are not for this process
        signal.signal(number, signal.SIG_DFL)
    # MkDocs first: when the worker's processes and MkDocs want more cores than there are, the
    # scheduler favours MkDocs (the critical path of a build); idle cores still go to the worker.
    os.nice(10)
    try:
        # Imported here, not by the caller: the engine's process stays as small as without the hub.
        # Only what checking the data needs comes first: the build waits for the verdict.
        from .load import load_hub

        try:
            hub = load_hub(root)
        except DataError as error:
            connection.send(("problems", error.problems))
            return
        connection.send(("valid", None))
        from .feeds import FeedSettings
        from .pipeline import plan_site

        plan = plan_site(root, FeedSettings(**settings), operator, template_cache=staging / JINJA_CACHE, hub=hub)
        connection.send(
            ("manifest", Manifest([PlannedPage(job.src_uri, job.edit_path) for job in plan.pages], plan.file_paths))
        )
        if files_alongside:
            files_worker = os.fork()
            if files_worker == 0:
                _write_files_alongside(connection, plan, staging)  # never returns
            files_pid.value = files_worker
        for count, job in enumerate(plan.pages, start=1):
            write_if_changed(staging / job.src_uri, job.render().content.encode("utf-8"))
            pages_done.value = count
        connection.send(("pages", None))
        if not files_alongside:
            _write_files(connection, plan, staging)
    except BaseException:  # everything, so that the caller never waits for a dead worker
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()
        if files_worker:
            os.waitpid(files_worker, 0)
            files_pid.value = 0


def _write_files(connection, plan, staging: Path) -> None:
    """Every output that is not a page, then the message that they are there."""
    for path, data in plan.render_files():
        write_if_changed(staging / path, data)
    connection.send(("files", None))


def _write_files_alongside(connection, plan, staging: Path) -> None:
    """``_write_files`` in the process forked for it, which then ends."""
    status = 1
    try:
        _write_files(connection, plan, staging)
        status = 0
    except BaseException:
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()
        os._exit(status)  # a forked copy: no clean-up of the parent's state


class SiteWorker:
    """The worker as the caller sees it. It starts at once; ``check_data`` waits for its verdict."""

    def __init__(self, root: Path, settings: dict, operator: dict, staging: Path, remove_staging: bool = False):
        """``settings``: the arguments of ``feeds.FeedSettings`` (site URL, title, …);
        ``remove_staging``: ``release`` removes the staging folder."""
        self.staging = staging
        self.removes_staging = remove_staging
        # A rebuild (`make serve` after a save): MkDocs builds only what changed and mostly waits
        # for the worker, so a second process writes the feeds and files while this one writes the
        # pages. A first build keeps MkDocs busy far longer than the worker: one process, less memory.
        files_alongside = staging.is_dir() and any(staging.iterdir())
        staging.mkdir(parents=True, exist_ok=True)
        receiver, sender = _FORK.Pipe(duplex=False)
        self._pages_done = _FORK.RawValue("i", 0)  # written by the worker only; an int is read whole
        self._files_pid = _FORK.RawValue("i", 0)  # the files worker while it runs
        self._remover: subprocess.Popen | None = None
        self._process = _FORK.Process(
            target=_work,
            args=(sender, self._pages_done, self._files_pid, root, settings, operator, staging, files_alongside),
            name="msdz-hub-worker",  # not a daemon: its loader may start a process of its own
        )
        self._process.start()
        sender.close()  # the worker holds the only sending end: its exit ends our waiting
        self._receiver = receiver
        self._waiting_for = {"pages", "files"}
        self._manifest: Manifest | None = None
        self._closed = False
        self._data_valid = False

    def check_data(self) -> None:
        """Return once the worker found the data valid; ``DataError`` with every problem if not.
        Every other request to the worker takes this verdict first."""
        if self._data_valid:
            return
        try:
            kind, value = self._receive()
        except WorkerError:
            self._discard_staging()
            raise
        if kind == "problems":
            self.close()
            self._discard_staging()
            assert isinstance(value, list), "the worker sends its problems as a list"
            raise DataError(value)
        assert kind == "valid", kind
        self._data_valid = True

    @property
    def manifest(self) -> Manifest:
        """What the worker will write (it plans the site after reporting the data valid)."""
        self.check_data()
        while self._manifest is None:
            self._handle(self._receive())
        return self._manifest

    def _handle(self, message: tuple[str, object]) -> None:
        kind, value = message
        if kind == "manifest":
            self._manifest = value  # type: ignore[assignment]
        self._waiting_for.discard(kind)

    def _receive(self, timeout: float | None = None) -> tuple[str, object]:
        """The worker's next message; ``("", None)`` if none came within ``timeout`` seconds."""
        if timeout is not None and not self._receiver.poll(timeout):
            return "", None
        try:
            kind, value = self._receiver.recv()
        except EOFError:
            self.close()
            raise WorkerError(f"Der Hub-Prozess endete unerwartet (Exit-Code {self._process.exitcode}).") from None
        if kind == "error":
            self.close()
            raise WorkerError(str(value))
        return kind, value

    def wait_for_page(self, index: int) -> None:
        """Return once the page at ``index`` of the manifest is written."""
        self.check_data()
        while "pages" in self._waiting_for and self._pages_done.value <= index:
            self._handle(self._receive(timeout=0.002))

    def wait_until_done(self) -> None:
        """Return once every page and file is written; the worker has ended then."""
        self.check_data()
        while self._waiting_for:
            self._handle(self._receive())
        self._process.join()

    def release(self) -> None:
        """The caller has read every page and file. With ``remove_staging``, a small process removes
        the staging folder (thousands of files for a large hub) on the idle core meanwhile."""
        if self.removes_staging and self._remover is None and not self._waiting_for:
            self._remover = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                    str(self.staging),
                ],
                stdin=subprocess.DEVNULL,
            )

    def _discard_staging(self) -> None:
        """No build follows: a staging folder this build would remove goes now (nothing is in it)."""
        if self.removes_staging:
            shutil.rmtree(self.staging, ignore_errors=True)

    def close(self) -> None:
        """Stop the worker if it still writes (a failed build), wait for the folder's removal."""
        if self._remover is not None:
            self._remover.wait()
        if self._closed:
            return
        self._closed = True
        if self._process.is_alive():
            if self._files_pid.value:
                try:
                    os.kill(self._files_pid.value, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            self._process.terminate()
        self._process.join()
        self._receiver.close()


def staging_folder(site_dir: str) -> Path:
    """Where `mkdocs build --dirty` stages, for its next run as well: beside the site folder, in the
    project (a folder only its owner writes to), not under a predictable name in the shared temp folder."""
    site = Path(os.path.abspath(site_dir))
    return site.parent / f".{site.name}.msdz-hub-staging"


def private_staging_folder(site_dir: str) -> Path:
    """A new folder of this process alone (``mkdtemp``: unpredictable name, only the owner may enter)
    for a build into ``site_dir``; two builds at once never share one. The rebuilds of one
    `mkdocs serve` reuse it: MkDocs loads the hook anew each time, so the folder is remembered in
    the process's environment, with the process id (a child process started with that environment
    makes its own). It is removed when the process ends, also after SIGTERM or SIGHUP (see the hook)."""
    key = "MSDZ_HUB_STAGING_" + hashlib.sha256(os.path.abspath(site_dir).encode("utf-8")).hexdigest()[:16]
    pid, _, remembered = os.environ.get(key, "").partition(":")
    if pid == str(os.getpid()) and os.path.isdir(remembered):
        return Path(remembered)
    folder = tempfile.mkdtemp(prefix="msdz-hub-")
    os.environ[key] = f"{os.getpid()}:{folder}"
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder)


def stale_outputs(staging: Path, manifest: Manifest) -> list[str]:
    """The staged files of earlier builds that this build no longer makes (a record deleted or
    renamed since), removed from the staging folder; the caller removes what was built from them."""
    current = {page.src_uri for page in manifest.pages} | set(manifest.files)
    stale = []
    for folder, subfolders, names in os.walk(staging):
        if folder == str(staging):
            subfolders[:] = [name for name in subfolders if name != JINJA_CACHE]
        for name in names:
            rel = Path(folder, name).relative_to(staging).as_posix()
            if rel not in current:
                stale.append(rel)
                os.unlink(os.path.join(folder, name))
    return sorted(stale)


def remove_built(built: Path, site: Path) -> None:
    """Remove a page built from a stale staged file, and the folders it leaves empty in ``site``."""
    built.unlink(missing_ok=True)
    while built.parent != site and built.parent.is_dir() and not any(built.parent.iterdir()):
        built = built.parent
        built.rmdir()
