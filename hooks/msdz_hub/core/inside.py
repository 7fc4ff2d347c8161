"""Symbolic links that lead out of the repository, wherever they stand.

Whatever the site is built from must come from the repository: a link in docs/ to
/proc/self/environ would publish the build's environment, a link in data/schema/ any JSON file of
the machine. Tools follow links without asking (MkDocs copies what docs/ holds, Jinja reads what
overrides/ holds), so the folders they read are searched for such links before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path


def links_leaving(root: Path, folder: Path) -> list[str]:
    """Every symbolic link at or below ``folder`` whose target lies outside ``root`` (or that
    cannot be followed to an end), as a path relative to ``root``, in file order."""
    given, real = Path(os.path.abspath(root)), root.resolve()
    found: list[str] = []
    if folder.is_symlink():
        return [_relative(folder, given)] if _leaves(folder, real) else []
    for here, folders, files in os.walk(folder, followlinks=False):  # links to folders are listed, not entered
        folders.sort()
        for name in sorted(folders + files):
            path = Path(here, name)
            if path.is_symlink() and _leaves(path, real):
                found.append(_relative(path, given))
    return sorted(found)


def _leaves(link: Path, root: Path) -> bool:
    try:
        return not link.resolve(strict=False).is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return True


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


def leaving_message(rel: str, reader: str) -> str:
    """The German line for one such link; ``reader``: who would follow it."""
    return (
        f"{rel} ist eine Verknüpfung (Symlink) auf etwas außerhalb des Repositorys; {reader} würde "
        f"es lesen und veröffentlichen. Die Datei selbst hierher legen oder die Verknüpfung löschen."
    )
