"""One writer per site folder: a second build or search index into the same folder waits its turn.

MkDocs empties the site folder before it writes; two builds at once (a second terminal, an editor's
task runner) emptied and wrote each other's files and failed with a traceback, and the search index
read pages while they were rewritten. A lock file beside the site folder (the folder itself is
emptied) orders them: each waits, saying so, until the other is done. The lock goes with the process
that holds it, however that process ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds are not ordered there
    fcntl = None  # type: ignore[assignment]


def lock_path(site_dir: str | os.PathLike) -> Path:
    site = Path(os.path.abspath(site_dir))
    return site.parent / f".{site.name}.msdz-hub-lock"


def hold(site_dir: str | os.PathLike, waiting: Callable[[str], None]) -> IO[bytes] | None:
    """Take the site folder's lock, waiting for another holder (after calling ``waiting`` with a
    German line). Returns the open lock file, which holds the lock until it is closed or the process
    ends; None where no lock can be taken (no fcntl, or a folder without write access)."""
    if fcntl is None:
        return None
    try:
        handle = open(lock_path(site_dir), "ab")  # noqa: SIM115 - held past this function on purpose
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        waiting(
            f"Ein anderer Bau oder Suchindex schreibt gerade in {os.fspath(site_dir)}/; "
            f"dieser wartet, bis er fertig ist."
        )
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle
