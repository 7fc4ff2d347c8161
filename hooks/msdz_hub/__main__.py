"""Command line of the hub, for editors and CI: ``python -m msdz_hub check``.

``make check`` runs this: it validates data/ only (no site is built) and prints every problem
in the fixed format, exit status 1 if there are any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .pipeline import load_hub
from .problems import DataError, report

ROOT = Path(__file__).resolve().parents[2]


def check(root: Path) -> int:
    started = time.perf_counter()
    try:
        hub = load_hub(root)
    except DataError as error:
        report(error.problems)
        print(str(error), file=sys.stderr)
        return 1
    count = sum(1 for _ in hub.every())
    elapsed = time.perf_counter() - started
    print(f"data/ ist in Ordnung: {count} Einträge geprüft in {elapsed:.2f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m msdz_hub", description="Werkzeuge des Wissenstransfer-Hubs")
    parser.add_argument("--root", type=Path, default=ROOT, help="Wurzel des Repositorys (Standard: dieses)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="data/ prüfen, ohne zu bauen")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
