"""What editors tell the search about the hub's language (data/synonyms.yml), as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SearchWords:
    groups: tuple[tuple[str, ...], ...] = ()  # words readers use for the same thing
    word_parts: tuple[str, ...] = ()  # last parts of compounds, also where the site never says them alone
    cache_root: Path | None = None  # the repository whose .cache/ keeps the compound cuts (core.compound_cuts)
