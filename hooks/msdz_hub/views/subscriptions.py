"""Where an overview's feeds live, for the box „Diese Auswahl abonnieren“ and for the files.

The whole collection's feeds sit beside its overview (``praxisbeispiele/rss.xml``), those of a
filter's selection under ``auswahl/`` (``praxisbeispiele/auswahl/thema-klimawandel.rss.xml``;
outputs/selections.py makes them, docs/assets/subscribe.js builds the same names in the browser).

Not every filter state has a feed of its own: a feed is a promise to wait for what comes, and files
for every pair of values would grow with the square of the hub (100 000 files at 5 000 records).
Each filter has a role (``FEED_ROLES``, written into its select for subscribe.js):

- ``none``: no feed follows it. A year is history, not something one waits for news of.
- ``alone``: a feed of its own, never paired. A town has few records; a second filter on top leaves
  next to nothing, and the town's feed brings them all.
- ``open``: values that grow with the hub (topics, funding rounds). Paired only with a ``fixed`` one:
  two of them would multiply (200 topics × 20 rounds).
- ``fixed``: a short list of values from the schema (town size, format, kind of event): paired with
  any ``open`` or ``fixed`` filter.

A selection of filters the rule leaves out gets the feed of the filters it keeps, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.collections import COLLECTIONS

SELECTION_FOLDER = "auswahl/"  # under the overview's folder
# (kind, label, the whole collection's file); a selection's file is "<slug>.<kind>.xml" or "<slug>.ics"
FEED_FILES = (("rss", "Feed als RSS", "rss.xml"), ("atom", "Feed als Atom", "atom.xml"))
CALENDAR_FILE = ("ics", "Kalender", "kalender.ics")

FEED_ROLES = {"year": "none", "cities": "alone", "topics": "open", "round": "open"}  # every other: "fixed"


def feed_role(facet_key: str) -> str:
    return FEED_ROLES.get(facet_key, "fixed")


def paired(first: str, second: str) -> bool:
    """Whether two facets (by key) make a selection with a feed of its own."""
    roles = {feed_role(first), feed_role(second)}
    return roles <= {"open", "fixed"} and roles != {"open"}


@dataclass(frozen=True)
class OverviewFeeds:
    folder: str  # "praxisbeispiele/"
    plural: str  # "Praxisbeispiele"
    files: tuple[tuple[str, str, str], ...]
    selection_folder: str = SELECTION_FOLDER


def overview_feeds(collection: str) -> OverviewFeeds:
    """The overview's feeds, and its calendar where it lists events."""
    info = COLLECTIONS[collection]
    files = FEED_FILES + ((CALENDAR_FILE,) if collection == "events" else ())
    return OverviewFeeds(f"{info.url_folder}/", info.plural, files)
