"""Where an overview's feeds live, for the box „Diese Auswahl abonnieren“ and for the files.

The whole collection's feeds sit beside its overview (``praxisbeispiele/rss.xml``), those of a
filter's selection under ``auswahl/`` (``praxisbeispiele/auswahl/thema-klimawandel.rss.xml``;
outputs/selections.py makes them, docs/assets/subscribe.js builds the same names in the browser).

Every filter state of one or two filters that some record matches has a feed of its own
(outputs/selections.py). A state of three or more filters is offered the nearest of those: the two
of its filters that leave the fewest records, and the box says which it leaves out (subscribe.js).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.collections import COLLECTIONS

SELECTION_FOLDER = "auswahl/"  # under the overview's folder
# (kind, label, the whole collection's file); a selection's file is "<slug>.<kind>.xml" or "<slug>.ics"
FEED_FILES = (("rss", "Feed als RSS", "rss.xml"), ("atom", "Feed als Atom", "atom.xml"))
CALENDAR_FILE = ("ics", "Kalender", "kalender.ics")

MAX_FACETS = 2  # a feed of its own for every selection of one or two filters


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
