"""The map's geometry: projection, simplified outline, label placement (hooks/msdz_hub/views/geo.py)."""

from __future__ import annotations

import json
import math

import pytest
import yaml
from support import ROOT

from msdz_hub.views import geo

OUTLINE = ROOT / "hooks" / "msdz_hub" / "views" / "brandenburg.json"


def towns() -> dict[str, tuple[float, float]]:
    found = {}
    for path in sorted((ROOT / "data" / "cities").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[path.stem] = (data["coordinates"]["lon"], data["coordinates"]["lat"])
    return found


def test_projection_puts_north_up_and_east_right_and_fits_the_width():
    projection = geo.fit([(12.0, 53.0), (15.0, 51.0)], width=600, padding=20)
    west_north = projection.point(12.0, 53.0)
    east_south = projection.point(15.0, 51.0)
    assert west_north == (20, 20)
    assert east_south[0] == pytest.approx(580, abs=0.1)  # the wider side fills the width
    assert east_south[1] > west_north[1]  # south is further down
    assert projection.height == pytest.approx(east_south[1] + 20, abs=0.2)


def test_projection_shrinks_longitude_by_the_cosine_of_the_latitude():
    projection = geo.fit([(13.0, 52.0), (14.0, 53.0)], width=1000, padding=0)
    x_east, _ = projection.point(14.0, 53.0)
    _, y_south = projection.point(13.0, 52.0)
    # one degree east is cos(52.5°) ≈ 0.61 of one degree north
    assert x_east / y_south == pytest.approx(math.cos(math.radians(52.5)), rel=1e-3)


def test_simplify_drops_points_on_a_straight_line_and_keeps_corners():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.0, 1.0), (2.001, 2.0), (2.0, 3.0)]
    assert geo.simplify(line, tolerance=0.01) == [(0.0, 0.0), (2.0, 0.0), (2.0, 3.0)]
    assert geo.simplify(line, tolerance=0.0001) == line


def test_simplified_ring_stays_closed_and_keeps_its_extremes():
    circle = [(math.cos(a / 100 * 2 * math.pi), math.sin(a / 100 * 2 * math.pi)) for a in range(100)]
    ring = geo.simplify_ring(circle + circle[:1], tolerance=0.05)
    assert 8 <= len(ring) < 40
    assert max(p[0] for p in ring) == pytest.approx(1.0)
    assert min(p[0] for p in ring) == pytest.approx(-1.0)


def test_path_data_draws_every_ring_closed():
    projection = geo.fit([(0, 0), (10, 10)], width=100, padding=0)
    d = geo.path_data([[(0, 0), (10, 0), (10, 10), (0, 0)], [(2, 2), (3, 2), (3, 3), (2, 2)]], projection)
    assert d.count("M") == 2 and d.count("Z") == 2


def test_the_stored_outline_is_small_and_holds_every_model_town():
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    assert OUTLINE.stat().st_size < 10_000
    assert "Natural Earth" in outline["properties"]["source"]
    outer, *holes = outline["geometry"]["coordinates"]
    assert len(holes) == 1  # Berlin
    for name, (lon, lat) in towns().items():
        assert _inside((lon, lat), outer), f"{name} lies outside Brandenburg's outline"
        assert not _inside((lon, lat), holes[0]), f"{name} lies in Berlin"
    assert _inside(geo.BERLIN, holes[0])


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_labels_of_the_real_towns_overlap_neither_each_other_nor_a_marker():
    projection = geo.fit(list(towns().values()), width=600, padding=24)
    markers = [(*projection.point(lon, lat), name) for name, (lon, lat) in towns().items()]
    labels = geo.place_labels(markers, (projection.width, projection.height), font_size=13, marker_radius=5)
    boxes = [label.box for label in labels]
    for i, box in enumerate(boxes):
        assert box.inside(projection.width, projection.height)
        assert not any(box.overlaps(other) for other in boxes[i + 1 :]), markers[i][2]
        for x, y, _ in markers:
            assert not box.overlaps(geo.Box(x - 5, y - 5, x + 5, y + 5)) or (x, y) == markers[i][:2]


def test_a_crowded_label_moves_to_a_free_side():
    markers = [(100.0, 100.0, "Perleberg"), (100.0, 112.0, "Wittenberge")]
    first, second = geo.place_labels(markers, (400, 400), font_size=13, marker_radius=5)
    assert first.anchor == "start"
    assert not first.box.overlaps(second.box)


def _labels_by_comparing_every_pair(markers, canvas, font_size, marker_radius, avoid=()):
    """place_labels as it was first written: each candidate checked against every box (quadratic)."""
    gap = marker_radius + 3
    marker_boxes = [
        geo.Box(x - marker_radius, y - marker_radius, x + marker_radius, y + marker_radius) for x, y, _ in markers
    ]
    placed, result = [], []
    for index, (x, y, text) in enumerate(markers):
        others = [b for i, b in enumerate(marker_boxes) if i != index]
        best, best_clashes = None, None
        for candidate in geo._candidates(x, y, geo.text_width(text, font_size), font_size, gap):
            clashes = (
                1000
                if not candidate.box.inside(*canvas)
                else sum(candidate.box.overlaps(b) for b in [*placed, *others, *avoid])
            )
            if best_clashes is None or clashes < best_clashes:
                best, best_clashes = candidate, clashes
            if clashes == 0:
                break
        placed.append(best.box)
        result.append(best)
    return result


def _crowd(count: int, width: float, height: float, seed: int) -> list[tuple[float, float, str]]:
    import random

    rng = random.Random(seed)
    names = ["Zossen", "Bad Belzig", "Frankfurt (Oder)", "Wittenberge", "Königs Wusterhausen", "Ort"]
    return [
        (round(rng.uniform(0, width), 1), round(rng.uniform(0, height), 1), rng.choice(names)) for _ in range(count)
    ]


@pytest.mark.parametrize(
    "markers, canvas",
    [
        ("real", None),
        (_crowd(60, 600, 500, 1), (600, 500)),  # crowded: most labels must settle for the fewest overlaps
        (_crowd(300, 600, 500, 2), (600, 500)),
        (_crowd(200, 3000, 2500, 3) + _crowd(3, 3000, 2500, 3), (3000, 2500)),  # with markers on one spot
    ],
)
def test_labels_are_placed_exactly_as_by_comparing_every_pair(markers, canvas):
    if markers == "real":
        projection = geo.fit(list(towns().values()), width=600, padding=24)
        markers = [(*projection.point(lon, lat), name) for name, (lon, lat) in towns().items()]
        canvas = (projection.width, projection.height)
    avoid = [geo.Box(280, 200, 328, 218)]
    assert geo.place_labels(markers, canvas, 13, 5, avoid) == _labels_by_comparing_every_pair(
        markers, canvas, 13, 5, avoid
    )


def test_label_placement_grows_linearly_with_the_towns(monkeypatch):
    """Towns spread at the same density over a larger map: comparisons grow with n, not n²."""
    comparisons = 0
    overlaps = geo.Box.overlaps

    def counted(self, other):
        nonlocal comparisons
        comparisons += 1
        return overlaps(self, other)

    monkeypatch.setattr(geo.Box, "overlaps", counted)
    counts = []
    for count, side in ((250, 1500), (1000, 3000)):
        comparisons = 0
        geo.place_labels(_crowd(count, side, side, 4), (side, side), 13, 5)
        counts.append(comparisons)
    assert counts[1] < 6 * counts[0], counts  # four times the towns; comparing every pair would be 16 times
