"""The staging folder: where the worker writes the generated pages and files for the site engine.

A file whose bytes did not change is not rewritten, so its time stamp tells an incremental rebuild
(``mkdocs serve --dirty``) which pages to build again.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2

JINJA_CACHE = ".jinja"  # compiled templates, kept between the rebuilds of `mkdocs serve`


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (its time stamp then stays);
    True if it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def template_cache(staging: Path, name: str) -> jinja2.FileSystemBytecodeCache:
    """Compiled Jinja templates of one environment, kept in the staging folder for the next run."""
    folder = staging / JINJA_CACHE / name
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def staging_folder(site_dir: str) -> Path:
    """Where `mkdocs build --dirty` stages, for its next run as well: beside the site folder, in the
    project (a folder only its owner writes to), not under a predictable name in the shared temp folder."""
    site = Path(os.path.abspath(site_dir))
    return site.parent / f".{site.name}.msdz-hub-staging"


def folder_for(site_dir: str, keep: bool) -> Path:
    """The staging folder of a build into ``site_dir``: kept for the next run, or its own."""
    return staging_folder(site_dir) if keep else private_staging_folder()


def private_staging_folder() -> Path:
    """A new folder of this process alone (``mkdtemp``: unpredictable name, only the owner may enter)
    for one build; two builds at once never share one (`mkdocs serve` keeps its own
    for all its rebuilds: ``session.serve``). It is removed when the process ends, also after
    SIGTERM or SIGHUP (see the hook)."""
    folder = tempfile.mkdtemp(prefix="msdz-hub-")
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder)


_HELD: dict[Path, frozenset[str]] = {}  # by staging folder: all it can hold since this process last looked


def stale_outputs(staging: Path, current: Iterable[str]) -> list[str]:
    """The staged files of earlier builds that this build no longer makes (a record deleted or
    renamed since), removed from the staging folder; the caller removes what was built from them.
    Only this process writes a staging folder and only the paths it was handed here, so after the
    first look the folder holds at most the paths of the last call: no walk through every file."""
    keep = frozenset(current)
    held = _HELD.get(staging)
    stale = sorted(held - keep) if held is not None else [rel for rel in _files(staging) if rel not in keep]
    for rel in stale:
        Path(staging, rel).unlink(missing_ok=True)
    _HELD[staging] = keep
    return stale


def _files(staging: Path) -> list[str]:
    """Every file in the staging folder but the compiled templates, by its path there."""
    found = []
    for folder, subfolders, names in os.walk(staging):
        if folder == str(staging):
            subfolders[:] = [name for name in subfolders if name != JINJA_CACHE]
        prefix = os.path.relpath(folder, staging).replace(os.sep, "/") + "/"
        found += [name if prefix == "./" else prefix + name for name in names]
    return found


def remove_built(built: Path) -> None:
    """Remove a page built from a stale staged file, and the folders it leaves empty (never the
    site folder itself: it holds the home page and the assets, so it is never empty)."""
    built.unlink(missing_ok=True)
    while built.parent.is_dir() and not any(built.parent.iterdir()):
        built = built.parent
        built.rmdir()


def end_on_signals_as_on_ctrl_c() -> None:
    """SIGTERM and SIGHUP end the process as Ctrl-C does, so that the engine's clean-up (and ours:
    the staging folder, the served temp site) runs; handlers someone else set are left alone."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, signal.default_int_handler)
