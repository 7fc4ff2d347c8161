"""Which records a pull request adds, changes or removes, and which pages of the site that touches.

CI appends the German Markdown to the run's summary page::

    python -m msdz_hub summary --base origin/main >> "$GITHUB_STEP_SUMMARY"

The comparison is ``git diff <base>...HEAD``: what the branch changed since it left ``base``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from ..core.collections import COLLECTIONS, Collection
from ..reading import MAX_FILE_BYTES
from ..reading.file_errors import read_regular_file
from .github_text import bounded, code, plain

STATUS = {"A": "neu", "M": "geändert", "D": "gelöscht", "R": "umbenannt", "C": "kopiert", "T": "geändert"}


class GitError(Exception):
    """git failed; the message says in German what to do."""


@dataclass(frozen=True)
class Change:
    status: str  # a key of STATUS
    path: str  # the file now (for deletions: the file that was removed)
    old_path: str | None = None  # renames and copies: where it came from

    @property
    def collection(self) -> Collection | None:
        return _record_collection(self.path)

    @property
    def id(self) -> str:
        return PurePosixPath(self.path).stem


def _record_collection(path: str | None) -> Collection | None:
    parts = PurePosixPath(path or "").parts
    if len(parts) == 3 and parts[0] == "data" and parts[1] in COLLECTIONS and parts[2].endswith(".yml"):
        return COLLECTIONS[parts[1]]
    return None


def git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except FileNotFoundError:
        raise GitError("git ist nicht installiert.") from None
    except subprocess.CalledProcessError as error:
        raise GitError(f"git {' '.join(args)} ist fehlgeschlagen: {error.stderr.strip()}") from None
    return result.stdout


def changes(root: Path, base: str) -> list[Change]:
    """Every file under data/ that HEAD changed since it branched off ``base``."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except GitError:
        raise GitError(
            f"die Git-Referenz '{base}' gibt es hier nicht. In GitHub Actions braucht actions/checkout "
            f"dafür 'fetch-depth: 0'; lokal z. B. --base main oder --base origin/main."
        ) from None
    fields = git(root, "diff", "--name-status", "-z", "--find-renames", f"{base}...HEAD", "--", "data/").split("\0")
    result = []
    while fields and fields[0]:
        status = fields.pop(0)[0]
        if status in "RC":
            old, new = fields.pop(0), fields.pop(0)
            result.append(Change(status, new, old))
        else:
            result.append(Change(status, fields.pop(0)))
    return sorted(result, key=lambda c: c.path)


def title(root: Path, base: str, change: Change) -> str:
    """The record's title as written in the file (before the deletion, for removed records)."""
    try:
        if change.status == "D":
            text = git(root, "show", f"{base}:{change.path}")
        else:  # a symlink's target may lie anywhere on the runner, a pipe would block: neither is read
            text = (read_regular_file(root / change.path, MAX_FILE_BYTES)[1] or b"").decode("utf-8")
        value = yaml.load(text, Loader=yaml.BaseLoader).get("title")  # BaseLoader: every value stays text
    except (GitError, OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        value = None
    return value if isinstance(value, str) and value.strip() else change.id


def page(collection: Collection, record_id: str) -> str:
    """The page's path in the site, e.g. /kommunen/zossen/."""
    return f"/{collection.url_folder}/{record_id}/"


def _link(path: str, site_url: str | None) -> str:
    """A page of the site as a link in a table cell; its path is made of a record's file name."""
    shown = code(path, in_table=True)
    if not site_url:
        return f"`{shown}`"
    target = site_url.rstrip("/") + "".join(c if c.isalnum() or c in "/-_." else "-" for c in path)
    return f"[`{shown}`]({target})"


def _cell(text: str) -> str:
    return plain(text)


def _code(text: str) -> str:
    """A file name or page in a code span of a table cell."""
    return code(text, in_table=True)


def _row(root: Path, base: str, change: Change, collection: Collection, site_url: str | None) -> str:
    name = f"{collection.singular} „{_cell(title(root, base, change))}“"
    here = page(collection, change.id)
    where = f"`{_code(change.path)}`"
    if change.status == "D":
        shown = f"entfällt: {_link(here, site_url)}"
    elif change.status == "A":
        shown = f"`{_code(here)}`"  # not published yet: only in the preview
    else:
        shown = _link(here, site_url)
    old_collection = _record_collection(change.old_path)
    if change.old_path:
        where = f"`{_code(change.old_path)}` → `{_code(change.path)}`"
        shown = f"`{_code(here)}`"
        if change.status == "R" and old_collection:
            old_page = page(old_collection, PurePosixPath(change.old_path).stem)
            shown += f" – neue Adresse, bisher {_link(old_page, site_url)}"
    return f"| {STATUS[change.status]} | {name} | {where} | {shown} |"


def _other(change: Change) -> str:
    name = PurePosixPath(change.path).name.removesuffix(".schema.json")
    what = STATUS[change.status]
    path = code(change.path)  # any name a branch can give a file: never markup, never a second line
    if change.path.startswith("data/schema/") and name in COLLECTIONS:
        return f"- Schema `{path}` {what}: betrifft alle Seiten unter `/{COLLECTIONS[name].url_folder}/`."
    if change.path == "data/schema/defs.schema.json":
        return f"- Gemeinsame Bausteine `{path}` {what}: betrifft alle Seiten."
    return f"- Datei `{path}` {what}."


def summarize(root: Path, base: str, site_url: str | None = None) -> str:
    """German Markdown: a table of the changed records with their pages, then what else is affected."""
    found = changes(root, base)
    lines = ["## Geänderte Inhalte", ""]
    if not found:
        return "\n".join(lines + [f"Keine Änderungen in `data/` gegenüber `{code(base)}`.", ""])
    # A change to a record file comes with its collection; every other change has none.
    records = [(c, collection) for c in found if (collection := c.collection)]
    others = [c for c in found if not c.collection]

    counts: dict[str, int] = {}
    for change, _ in records:
        counts[STATUS[change.status]] = counts.get(STATUS[change.status], 0) + 1
    counted = ", ".join(f"{n} {word}" for word, n in counts.items()) or "keine Einträge"
    lines += [f"Einträge gegenüber `{code(base)}`: {counted}.", ""]
    items: list[str] = []  # one line each: what a large import may have too many of
    if records:
        lines += ["| Änderung | Eintrag | Datei | Seite |", "| --- | --- | --- | --- |"]
        items += [_row(root, base, change, collection, site_url) for change, collection in records] + [""]
    items += [_other(change) for change in others] + ([""] if others else [])

    tail: list[str] = []
    touched = {collection.name: collection for _, collection in records}
    touched.update({old.name: old for c, _ in records if (old := _record_collection(c.old_path))})
    if touched:
        overviews = ", ".join(_link(f"/{c.url_folder}/", site_url) for c in touched.values())
        also = f"Außerdem ändern sich die Übersichten {overviews} und die Seiten, die auf diese Einträge verweisen."
        if any(c.in_feed for c in touched.values()):
            also += " Die Feeds (RSS und Atom) werden neu erzeugt."
        tail += [also, ""]

    shown = next(((c, collection) for c, collection in records if c.status != "D"), None)
    example = code(page(shown[1], shown[0].id).lstrip("/")) if shown else ""
    tail += [
        "**Vorschau:** Die gebaute Website dieses Laufs liegt als Artefakt „website“ bei (unten auf "
        "dieser Seite). Herunterladen, entpacken und die Seite im Browser öffnen"
        + (f", z. B. `{example}index.html`." if example else "."),
        "",
    ]
    note = (
        "**Gekürzt:** {count} weitere Zeilen sind hier nicht aufgeführt, weil GitHub höchstens 1 MiB je "
        f"Zusammenfassung anzeigt. Die vollständige Liste: `git diff --name-status {code(base)}...HEAD -- data/`."
    )
    return "\n".join(bounded(lines, items, tail, note))
