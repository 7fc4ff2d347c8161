"""suche/woerter.json: the words the site uses, for the search's „Meinten Sie …?“ (docs/assets/search-words.js).

Made at build time from the records (msdz_hub.views.site_words.vocabulary) and loaded by a reader's
browser only after a query's results are shown: no server, nothing with the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..model import Hub
from ..views.search_words import part_counts
from ..views.site_words import keep_counts, vocabulary

VOCABULARY_PATH = "suche/woerter.json"
__all__ = ["VOCABULARY_PATH", "keep_counts", "vocabulary_outputs"]  # keep_counts: for `make serve`


def vocabulary_outputs(hub: Hub) -> dict[str, Callable[[], bytes]]:
    def make() -> bytes:
        # The vocabulary reads the records untraced (views.site_words.texts), as the pages' shared
        # lexicon must; this file does depend on every record, so it reads each once where it counts.
        for record in hub.every():
            len(record.data)
        words = [[word, count] for word, count in vocabulary(hub, parts=part_counts(hub))]
        return json.dumps({"words": words}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return {VOCABULARY_PATH: make}
