"""What the source guard learned about each source address, kept in a committed file.

The scheduled workflow (`python -m msdz_hub sources`, msdz_hub.editors.source_guard) checks every
source address of data/ and writes the outcome here; the build only reads this file and never goes
online. A source counts as gone after two failed checks in a row (one failure can be a bad minute of
the town's server); from then on its page links the archived copy, and keeps the original address
visible. A later successful check ends that at once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATUS_FILE = Path(".sources") / "status.json"
FAILURES_UNTIL_GONE = 2
HISTORY_LENGTH = 12  # checks kept per address: about a quarter of a year of weekly runs


@dataclass(frozen=True)
class Check:
    at: str  # ISO date and time of the check, UTC
    ok: bool
    status: int | None  # the HTTP status, None when no answer came (timeout, refused connection)
    detail: str  # in German, for the editors' page and the issue: „nicht gefunden (404)“


@dataclass(frozen=True)
class Snapshot:
    url: str  # the web archive's copy
    taken: str  # its date, YYYY-MM-DD

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.taken)


@dataclass
class SourceStatus:
    checks: list[Check] = field(default_factory=list)
    archive: Snapshot | None = None
    moved_to: str | None = None  # where a permanent redirect (301, 308) leads

    @property
    def gone(self) -> bool:
        latest = self.checks[-FAILURES_UNTIL_GONE:]
        return len(latest) == FAILURES_UNTIL_GONE and not any(check.ok for check in latest)

    @property
    def archived_copy(self) -> Snapshot | None:
        """The copy a page links instead, once the source is gone and a copy exists."""
        return self.archive if self.gone else None

    def add(self, check: Check) -> None:
        self.checks = [*self.checks, check][-HISTORY_LENGTH:]


def load_status(path: Path) -> dict[str, SourceStatus]:
    """Every address's status; an empty record when the file does not exist yet."""
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {url: _status(entry) for url, entry in raw.get("sources", {}).items()}


def save_status(path: Path, statuses: dict[str, SourceStatus]) -> None:
    """Written sorted and indented, so that the commit of a weekly run shows what changed."""
    data = {"sources": {url: _plain(statuses[url]) for url in sorted(statuses)}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _status(entry: dict) -> SourceStatus:
    archive = entry.get("archive")
    return SourceStatus(
        checks=[Check(**check) for check in entry.get("checks", [])],
        archive=Snapshot(**archive) if archive else None,
        moved_to=entry.get("moved_to"),
    )


def _plain(status: SourceStatus) -> dict:
    plain = asdict(status)
    return {key: value for key, value in plain.items() if value not in (None, [])}
