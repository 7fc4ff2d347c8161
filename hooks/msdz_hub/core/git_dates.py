"""When each data file last changed, read from git in one call.

The dates come from the commits, never from the clock or the files' modification times: the same
commit gives the same dates on every machine, so two builds of one commit give the same pages and
feeds. Outside a git checkout (a copy, an unpacked archive) there are no dates here, and the
model falls back to each record's own ``updated`` or ``published`` field.

A shallow clone (CI's default) knows only its newest commits: its oldest commit shows every file
as if added there. A file whose last change is in that boundary commit has no trustworthy date,
so it is left out (and falls back as above); the workflows fetch the full history.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_MARK = "\x00"  # starts each commit's line in the log (%x00): never part of a path


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=60)
    except (OSError, subprocess.SubprocessError):  # no git installed, or it hangs
        return None
    return result.stdout if result.returncode == 0 else None


def head_commit(root: Path) -> str | None:
    """The commit checked out in ``root`` (None outside git): the commit times change only with it."""
    return _git(root, "rev-parse", "HEAD")


def _shallow_boundary(root: Path) -> set[str]:
    """The commits where a shallow clone's history is cut off (empty for a full clone)."""
    path = _git(root, "rev-parse", "--path-format=absolute", "--git-path", "shallow")
    if not path:
        return set()
    try:
        return set(Path(path.strip()).read_text(encoding="ascii").split())
    except OSError:  # no such file: the clone is complete
        return set()


def last_commit_times(root: Path, folder: str = "data") -> dict[str, int]:
    """``{path relative to root: Unix time of the last commit that changed it}`` for the files
    under ``folder`` that git knows; empty outside a git checkout."""
    # One process for all files: a call per file would cost seconds on a large hub.
    log = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--relative",
        "--no-renames",
        "--format=%x00%H %ct",
        "--name-only",
        "--",
        folder,
    )
    if log is None:
        return {}
    boundary = _shallow_boundary(root)
    times: dict[str, int] = {}
    commit, seconds = "", 0
    for line in log.splitlines():
        if line.startswith(_MARK):
            commit, _, stamp = line[1:].partition(" ")
            seconds = int(stamp)
        elif line and commit not in boundary and seconds > times.get(line, -1):
            times[line] = seconds  # the newest change wins, whatever the order of the log
    return times
