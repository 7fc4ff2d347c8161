"""Every town's page shows its population with the date, where the figure comes from and whether
it grows or shrinks over a named period (issue #30, Must show 4).

The town page links the population's and the trend's sources by the title and publisher that the
record's source list gives them; a URL missing from that list would show up as a bare "Quelle"."""

from __future__ import annotations

import pytest
import yaml
from support import ROOT

CITY_FILES = sorted((ROOT / "data" / "cities").glob("*.yml"))


def test_there_are_towns_to_check():
    assert len(CITY_FILES) >= 16


@pytest.mark.parametrize("path", CITY_FILES, ids=lambda p: p.stem)
def test_every_town_has_population_year_trend_and_their_sources(path):
    city = yaml.safe_load(path.read_text(encoding="utf-8"))
    listed = {source["url"] for source in city["sources"]}
    missing = [
        field
        for field in ("population", "population_as_of", "population_source", "population_trend")
        if not city.get(field)
    ]
    assert not missing, f"{path.name}: es fehlt {', '.join(missing)}"
    assert city["population_source"] in listed, f"{path.name}: die Quelle der Einwohnerzahl steht nicht unter sources"
    assert city["population_trend"]["source"] in listed, (
        f"{path.name}: die Quelle der Entwicklung steht nicht unter sources"
    )
