"""A data file as read: its values, and where each value and key stands in the file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.paths import JsonPath


@dataclass
class Positions:
    """Where the values and keys of one record stand in its file (line, column; 1-based)."""

    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[JsonPath, str] = field(default_factory=dict)  # source text of numbers


@dataclass
class RawRecord:
    """One data file, parsed: its values and where each of them stands in the file."""

    collection: str
    id: str
    path: str  # relative to the repository root, forward slashes
    data: dict[str, Any]
    # A fast-loaded record knows its file, not yet its positions: ``read_positions`` reads them
    # when a problem needs them. The file's name as the directory listing gave it: a Path for each
    # of 10 000 files costs 20 ms.
    file: str | None = field(default=None, repr=False, compare=False)
    where: Positions | None = field(default=None, repr=False, compare=False)  # None: not read yet
    # Top-level keys on lines YAML could not read (reading.recovery): written, so never "missing".
    damaged: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    # The hash of the file's bytes (``kept.content_key``) where its values came from them alone (the
    # fast path, or kept): a check may then take its verdict from before (``validation.passed``).
    content: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def source(self) -> Path | None:
        """The file a fast-loaded record was read from; None for one read the careful way."""
        return Path(self.file) if self.file is not None else None

    @property
    def positions(self) -> dict[JsonPath, tuple[int, int]]:
        return self.where.values if self.where is not None else {}

    @property
    def key_positions(self) -> dict[JsonPath, tuple[int, int]]:
        return self.where.keys if self.where is not None else {}

    @property
    def raw_scalars(self) -> dict[JsonPath, str]:
        return self.where.raw_scalars if self.where is not None else {}

    def position(self, path: JsonPath) -> tuple[int, int]:
        """The position of the value at ``path``, or of the nearest enclosing value; (1, 1) while
        the positions are not read."""
        positions = self.positions
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, (1, 1))


def record_id(path: str | Path) -> str:
    """'data/topics/klimawandel.yml' -> 'klimawandel'."""
    return os.path.basename(path)[: -len(".yml")]
