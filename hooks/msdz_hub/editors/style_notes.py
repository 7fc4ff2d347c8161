"""The one file style as a notice, never as a failure: ``python -m msdz_hub format --notice``.

A file that says the right things in another YAML spelling (``[a, b]`` instead of ``- a``, ``>-``
instead of one line, the fields in another order) is correct. ``make check`` and CI name each
difference with the exact canonical text, as a notice; under GitHub Actions as a ``::notice``
annotation on the pull request's diff. With ``--suggestions FILE`` the same differences are written
as JSON for the workflow that offers them as suggestions on the pull request (one click restores
the canonical text; .github/workflows/schreibweise-*.yml).
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.problems import escape_path
from ..schemas import Schemas
from .canonical import FormatError, canonical_text, collection_orders, data_files

MAX_SUGGESTIONS = 200  # a pull request with more differences gets the first ones; a comment has limits


@dataclass(frozen=True)
class Suggestion:
    """Lines ``start``..``end`` of ``path`` (1-based, inclusive) are canonically ``text``."""

    path: str
    start: int
    end: int
    text: str  # the canonical lines, joined by line breaks; '' deletes the lines


def differences(path: str, current: str, canonical: str) -> list[Suggestion]:
    """The places where ``current`` differs from ``canonical``, each as whole lines to replace.

    A pure insertion is anchored on the line before it (or the first line), since a suggestion on
    GitHub replaces existing lines."""
    have, want = current.splitlines(), canonical.splitlines()
    found = []
    matcher = difflib.SequenceMatcher(None, have, want, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines = want[j1:j2]
        if i1 == i2:  # inserted: replace the neighbouring line by itself plus the new ones
            if i1 > 0:
                i1, lines = i1 - 1, [have[i1 - 1], *lines]
            elif have:
                i2, lines = 1, [*lines, have[0]]
            else:
                continue
        found.append(Suggestion(path, i1 + 1, max(i2, i1 + 1), "\n".join(lines)))
    return found


def style_differences(root: Path) -> list[Suggestion]:
    """Every difference from the one file style in data/ (files that cannot be read are left to check)."""
    orders = collection_orders(Schemas(root / "data" / "schema"))
    found: list[Suggestion] = []
    for collection, path in data_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            canonical = canonical_text(path, rel, collection, orders[collection])
        except FormatError:
            continue  # not expressible without changing a value: no suggestion rather than a wrong one
        current = path.read_text(encoding="utf-8")
        if canonical is not None and canonical != current:
            found.extend(differences(rel, current, canonical))
    return found


def notice_lines(found: list[Suggestion]) -> list[str]:
    """One plain line per difference, then the annotation lines under GitHub Actions."""
    lines = []
    for item in found:
        shown = item.text.replace("\n", " ⏎ ") if item.text else "(diese Zeilen entfallen)"
        lines.append(
            f"{escape_path(item.path)}:{item.start}: Hinweis: einheitliche Schreibweise (kein Fehler) "
            f"für Zeile {_span(item)}: {shown}"
        )
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines += [_annotation(item) for item in found]
    return lines


def _span(item: Suggestion) -> str:
    return str(item.start) if item.start == item.end else f"{item.start}–{item.end}"


def _annotation(item: Suggestion) -> str:
    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    path = data(item.path).replace(":", "%3A").replace(",", "%2C")
    body = (
        "Die Angaben sind richtig. Das Redaktionssystem schreibt diese Zeilen so "
        "(der Vorschlag im Pull Request übernimmt es mit einem Klick):\n" + (item.text or "(Zeilen entfallen)")
    )
    return (
        f"::notice file={path},line={item.start},endLine={item.end},"
        f"title=Einheitliche Schreibweise (kein Fehler)::{data(body)}"
    )


def notice(root: Path, suggestions_file: Path | None) -> int:
    """``format --notice``: the differences as notices (exit 0), optionally as JSON for the workflow."""
    found = style_differences(root)
    for line in notice_lines(found):
        print(line, file=sys.stderr)
    if suggestions_file is not None:
        suggestions_file.parent.mkdir(parents=True, exist_ok=True)
        items = [asdict(item) for item in found[:MAX_SUGGESTIONS]]
        suggestions_file.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    if found:
        files = len({item.path for item in found})
        print(
            f"{files} Datei(en) in anderer Schreibweise als der einheitlichen – kein Fehler; der Pull "
            f"Request schlägt die einheitliche vor, `make format` schreibt sie lokal.",
            file=sys.stderr,
        )
    return 0
