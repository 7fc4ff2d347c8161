"""Size of a town, for the filters and for "similar practices": classes of population and of
centrality (its role in Brandenburg's spatial planning).

The population classes follow the limits of the BBSR's „Stadt- und Gemeindetypen“ (10 000, 20 000
and 50 000 inhabitants: small and larger Kleinstädte, smaller Mittelstädte), which Brandenburg's
statistics use too. Above 50 000 they are merged: Brandenburg has only four towns of that size
(Potsdam, Cottbus, Brandenburg an der Havel, Frankfurt (Oder)); most of its model towns are
Kleinstädte, where the distinction between 10 000 and 20 000 matters to a reader.
The centrality comes from the town's sourced `centrality` text, which names its role in the
Landesentwicklungsplan Hauptstadtregion (LEP HR): it starts with „Oberzentrum“ or „Mittelzentrum“.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Record


@dataclass(frozen=True)
class TownClass:
    value: str  # token in data attributes and the query string
    label: str  # German, in the filter and on the cards
    order: int


@dataclass(frozen=True)
class _SizeClass(TownClass):
    below: int | None  # upper limit (exclusive); None: no limit


SIZE_CLASSES = (
    _SizeClass("unter-10000", "unter 10.000 Einwohner", 0, 10_000),
    _SizeClass("10000-20000", "10.000 bis 20.000 Einwohner", 1, 20_000),
    _SizeClass("20000-50000", "20.000 bis 50.000 Einwohner", 2, 50_000),
    _SizeClass("ab-50000", "über 50.000 Einwohner", 3, None),
)

CENTRALITY_CLASSES = (
    TownClass("oberzentrum", "Oberzentrum", 0),
    TownClass("mittelzentrum", "Mittelzentrum", 1),
)

CLASSES = {c.value: c for c in SIZE_CLASSES + CENTRALITY_CLASSES}


def size_class(town: Record) -> TownClass | None:
    """The population class of a town; None where its population is not known."""
    population = town.data.get("population")
    if population is None:
        return None
    return next(c for c in SIZE_CLASSES if c.below is None or population < c.below)


def centrality_class(town: Record) -> TownClass | None:
    """Ober- or Mittelzentrum, from the first word of the town's centrality; None otherwise."""
    words = str(town.data.get("centrality", "")).split()
    first = words[0].casefold() if words else ""
    return next((c for c in CENTRALITY_CLASSES if c.value == first), None)
