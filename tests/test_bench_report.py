"""`make bench` judges its targets (bench/targets.py) and reports them (bench/report.py): a result
over a limit is reported as missed, one within it as met, from the same figures the tables show."""

from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from measure import Run  # noqa: E402
from page_weight import PageWeight  # noqa: E402
from report import report  # noqa: E402
from search_bench import SearchCost  # noqa: E402
from sizes import SearchFigures, SizeResult  # noqa: E402


def _size(n: int, hub_seconds: list[float], base_seconds: float) -> SizeResult:
    hub = [Run(s, s, 500) for s in hub_seconds]
    base = [Run(base_seconds, base_seconds, 450)] * len(hub_seconds)
    search = SearchFigures(Run(1.0, 1.0, 50), 10, 1_000_000, SearchCost(0, 120_000, 20_000, 5, 7))
    weight = PageWeight("praxisbeispiele/x/index.html", {"http://site/x": (100_000, 40_000)})
    return SizeResult(n, hub, base, [(0.5, 0.5)], search, weight)


def _verdicts(text: str) -> dict[str, str]:
    """The targets table: each target's verdict by its name."""
    rows = [row.strip("|").split("|") for row in text.split("### Ziele", 1)[1].splitlines() if row.startswith("| ")]
    return {name.strip(): verdict.strip() for name, _, verdict in rows[1:] if "---" not in name}


def test_a_cold_ratio_over_the_limit_is_missed_and_one_within_it_met():
    results = [_size(1000, [20.4, 21.0, 30.0], 20.0), _size(5000, [104.0, 106.0, 200.0], 100.0)]
    verdicts = _verdicts(report(results, None, {5000: (60.0, [1.5, 1.8, 2.6])}, "3"))
    assert verdicts["Hub/Basis Wandzeit ≤ 1.05 bei N = 1000"] == "erfüllt"  # the median, 21.0 / 20.0
    assert verdicts["Hub/Basis Wandzeit ≤ 1.05 bei N = 5000"] == "**verfehlt**"  # 106 / 100
    assert verdicts["`make serve` zeigt eine Änderung bei N = 5000 in ≤ 2.0 s"] == "erfüllt"  # median 1.8


def test_the_build_table_shows_median_and_spread_of_the_runs():
    text = report([_size(1000, [20.4, 21.0, 30.0], 20.0)], None, {}, "3")
    assert "| 1000 | 21.00 (20.40–30.00) | 20.00 (20.00–20.00) | **1.050** |" in text
