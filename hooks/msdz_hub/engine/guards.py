"""What the build checks and holds before it starts, beside the site engine's own checks.

The hook calls these two functions, so that it stays short and free of the rules themselves:

- ``on_startup``: SIGTERM and SIGHUP end the process as Ctrl-C does (``staging``), and a failure of
  the machine (a full disk, a read-only site folder, Ctrl-C) ends it with one German line instead
  of a traceback; the engine lets such errors through from its own writes (``core.os_errors``).
- ``checked``: the settings (``core.settings``), after refusing links in the folders the engine
  reads (docs_dir and the theme's custom_dir) that lead out of the repository (``core.inside``),
  and, for a build that is published, with the site folder's lock held (``site_lock``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from ..core.inside import leaving_message, links_leaving
from ..core.os_errors import PROGRAM_FAULT, german_failure
from ..core.settings import SettingsError, SiteSettings, checked_settings
from . import site_lock, staging

_held: list[IO[bytes] | None] = []  # the site folder's lock, until the process ends


def on_startup() -> None:
    staging.end_on_signals_as_on_ctrl_c()
    if not getattr(sys.excepthook, "german", False):
        sys.excepthook = _german_failures(sys.excepthook)


def _german_failures(previous: Callable) -> Callable:
    def report(kind: type[BaseException], error: BaseException, trace: object) -> None:
        message = german_failure(error)
        if message is None:
            previous(kind, error, trace)  # a bug keeps its traceback, and a German last line
            print(PROGRAM_FAULT, file=sys.stderr)
        else:
            print(f"Fehler: {message}", file=sys.stderr)

    report.german = True  # type: ignore[attr-defined]
    return report


def checked(
    root: Path, config: Mapping[str, Any], publish: bool, announce: Callable[[str], None], publishes_now: bool = False
) -> tuple[SiteSettings, str | None]:
    """``checked_settings``; SettingsError (German) for a link out of the repository. A build
    (``publish``) holds the site folder's lock; one that goes online at once (``publishes_now``,
    `mkdocs gh-deploy`) refuses without the operator's contact, any other only warns."""
    custom_dir = getattr(config.get("theme"), "custom_dir", None)
    folders = [Path(config["docs_dir"])] + ([Path(custom_dir)] if custom_dir else [])
    found = [rel for folder in folders for rel in links_leaving(root, folder)]
    if found:
        raise SettingsError("\n".join(leaving_message(rel, "die Website") for rel in found))
    if publish and not _held:  # before the engine empties the site folder another build may be writing
        _held.append(site_lock.hold(config["site_dir"], announce))
    return checked_settings(config, publishes_now=publishes_now)
