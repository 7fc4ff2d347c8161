"""Which records a pull request adds, changes or removes, and which pages of the site that touches.

CI appends the German Markdown to the run's summary page::

    python -m msdz_hub summary --base origin/main >> "$GITHUB_STEP_SUMMARY"

The comparison is ``git diff <base>...HEAD``: what the branch changed since it left ``base``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from ..core.collections import COLLECTIONS, Collection

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
        text = (
            git(root, "show", f"{base}:{change.path}")
            if change.status == "D"
            else (root / change.path).read_text(encoding="utf-8")
        )
        value = yaml.load(text, Loader=yaml.BaseLoader).get("title")  # BaseLoader: every value stays text
    except (GitError, OSError, yaml.YAMLError, AttributeError):
        value = None
    return value if isinstance(value, str) and value.strip() else change.id


def page(collection: Collection, record_id: str) -> str:
    """The page's path in the site, e.g. /kommunen/zossen/."""
    return f"/{collection.url_folder}/{record_id}/"


def _link(path: str, site_url: str | None) -> str:
    path = _code(path)
    return f"[`{path}`]({site_url.rstrip('/')}{path})" if site_url else f"`{path}`"


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:\"'=$^])")


def _cell(text: str) -> str:
    """Record text as plain text in a Markdown table cell: record text comes from pull requests
    (forks too) and must not become markup on the reviewers' page (images, links, fake badges)."""
    text = "".join(char if char.isprintable() else " " for char in text)  # line breaks, controls
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _code(text: str) -> str:
    """A path in a code span: backticks and line breaks, which would end it, replaced."""
    return "".join(char if char.isprintable() and char != "`" else "?" for char in text)


def _row(root: Path, base: str, change: Change, collection: Collection, site_url: str | None) -> str:
    name = f"{collection.singular} „{_cell(title(root, base, change))}“"
    here = page(collection, change.id)
    where = f"`{_code(change.path)}`"
    if change.status == "D":
        shown = f"entfällt: {_link(here, site_url)}"
    elif change.status == "A":
        shown = f"`{here}`"  # not published yet: only in the preview
    else:
        shown = _link(here, site_url)
    old_collection = _record_collection(change.old_path)
    if change.old_path:
        where = f"`{_code(change.old_path)}` → `{_code(change.path)}`"
        shown = f"`{here}`"
        if change.status == "R" and old_collection:
            old_page = page(old_collection, PurePosixPath(change.old_path).stem)
            shown += f" – neue Adresse, bisher {_link(old_page, site_url)}"
    return f"| {STATUS[change.status]} | {name} | {where} | {shown} |"


def _other(change: Change) -> str:
    name = PurePosixPath(change.path).name.removesuffix(".schema.json")
    what = STATUS[change.status]
    if change.path.startswith("data/schema/") and name in COLLECTIONS:
        return f"- Schema `{change.path}` {what}: betrifft alle Seiten unter `/{COLLECTIONS[name].url_folder}/`."
    if change.path == "data/schema/defs.schema.json":
        return f"- Gemeinsame Bausteine `{change.path}` {what}: betrifft alle Seiten."
    return f"- Datei `{change.path}` {what}."


def summarize(root: Path, base: str, site_url: str | None = None) -> str:
    """German Markdown: a table of the changed records with their pages, then what else is affected."""
    found = changes(root, base)
    lines = ["## Geänderte Inhalte", ""]
    if not found:
        return "\n".join(lines + [f"Keine Änderungen in `data/` gegenüber `{base}`.", ""])
    # A change to a record file comes with its collection; every other change has none.
    records = [(c, collection) for c in found if (collection := c.collection)]
    others = [c for c in found if not c.collection]

    counts: dict[str, int] = {}
    for change, _ in records:
        counts[STATUS[change.status]] = counts.get(STATUS[change.status], 0) + 1
    counted = ", ".join(f"{n} {word}" for word, n in counts.items()) or "keine Einträge"
    lines += [f"Einträge gegenüber `{base}`: {counted}.", ""]
    if records:
        lines += ["| Änderung | Eintrag | Datei | Seite |", "| --- | --- | --- | --- |"]
        lines += [_row(root, base, change, collection, site_url) for change, collection in records]
        lines.append("")

    touched = {collection.name: collection for _, collection in records}
    touched.update({old.name: old for c, _ in records if (old := _record_collection(c.old_path))})
    if touched:
        overviews = ", ".join(_link(f"/{c.url_folder}/", site_url) for c in touched.values())
        also = f"Außerdem ändern sich die Übersichten {overviews} und die Seiten, die auf diese Einträge verweisen."
        if any(c.in_feed for c in touched.values()):
            also += " Die Feeds (RSS und Atom) werden neu erzeugt."
        lines += [also, ""]
    if others:
        lines += [_other(change) for change in others] + [""]

    shown = next(((c, collection) for c, collection in records if c.status != "D"), None)
    example = page(shown[1], shown[0].id).lstrip("/") if shown else ""
    lines += [
        "**Vorschau:** Die gebaute Website dieses Laufs liegt als Artefakt „website“ bei (unten auf "
        "dieser Seite). Herunterladen, entpacken und die Seite im Browser öffnen"
        + (f", z. B. `{example}index.html`." if example else "."),
        "",
    ]
    return "\n".join(lines)
