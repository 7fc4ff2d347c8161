"""suche/woerter.json: the words the site uses, for the search's „Meinten Sie …?“ (docs/assets/search-words.js).

Made at build time from the records (msdz_hub.views.search_words.vocabulary) and loaded by a reader's
browser only when a query finds fewer pages than the search shows at once (ten): no server, nothing with
the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..model import Hub
from ..views.search_words import WordCounts, vocabulary

VOCABULARY_PATH = "suche/woerter.json"
_kept: WordCounts | None = None  # the counts of the last rebuild of `make serve`, see ``keep_counts``


def keep_counts() -> None:
    """Count the words of each record once for the whole process (`make serve`): a rebuild then
    counts only the records whose data changed. A build keeps nothing (the memory is the pages')."""
    global _kept
    _kept = _kept or WordCounts(keep=True)


def vocabulary_outputs(hub: Hub) -> dict[str, Callable[[], bytes]]:
    def make() -> bytes:
        # The vocabulary reads the records untraced (views.search_words.texts), as the pages' shared
        # lexicon must; this file does depend on every record, so it reads each once where it counts.
        for record in hub.every():
            len(record.data)
        words = [[word, count] for word, count in vocabulary(hub, counted=_kept)]
        return json.dumps({"words": words}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return {VOCABULARY_PATH: make}
