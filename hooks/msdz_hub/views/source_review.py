"""What the editors' page „Quellen prüfen“ shows: sources that are gone, and records whose sources
nobody has checked for a year. Computed from the hub and the source check's committed status file
(msdz_hub.core.source_status); the page itself is hidden from search engines and the site search.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..core.source_status import SourceStatus
from ..model import Hub, Record

STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class GoneSource:
    url: str
    status: SourceStatus
    cited_by: list[Record]


@dataclass(frozen=True)
class SourceReview:
    gone: list[GoneSource]
    stale: list[Record]  # sources last checked more than a year before the build
    never_checked: int  # records without any `sources_checked`
    checked_addresses: int  # addresses the source check has seen at least once
    day: dt.date


def build_day() -> dt.date:
    """The day the site is built for: the commit's date in `make build` (SOURCE_DATE_EPOCH), so a
    second build of the same commit says the same; today otherwise."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def source_addresses(record: Record) -> Iterator[str]:
    for source in record.data.get("sources", ()):
        url = source.get("url") if isinstance(source, dict) else source
        if isinstance(url, str):
            yield url


def review(hub: Hub, statuses: Mapping[str, SourceStatus], day: dt.date) -> SourceReview:
    cited: dict[str, list[Record]] = {}
    stale, never = [], 0
    for record in hub.every():
        for url in dict.fromkeys(source_addresses(record)):
            cited.setdefault(url, []).append(record)
        checked = record.sources_checked
        if checked is None:
            never += 1
        elif day - checked > STALE_AFTER:
            stale.append(record)
    gone = [GoneSource(url, statuses[url], records) for url, records in cited.items() if _gone(statuses, url)]
    stale.sort(key=lambda record: (record.sources_checked, record.key))
    return SourceReview(gone, stale, never, sum(1 for url in cited if url in statuses), day)


def _gone(statuses: Mapping[str, SourceStatus], url: str) -> bool:
    status = statuses.get(url)
    return status is not None and status.gone
