"""One size N: the hub and its basis built alternately, the search index, loading alone, a page's weight."""

from __future__ import annotations

import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import search_bench
import synthetic
from measure import Run, mkdocs_env, timed
from page_weight import PageWeight, page_weight, typical_record_page
from projects import build, copy_repo, make_baseline
from validation import time_validation


def median(values: Any) -> float:
    return statistics.median(list(values))


@dataclass
class SearchFigures:
    index: Run  # Pagefind, after the build, in its own process
    files: int  # files of site/pagefind/
    total: int  # their bytes
    cost: search_bench.SearchCost


def index_search(hub_root: Path, site: Path) -> Run:
    env = dict(mkdocs_env(), PYTHONPATH=str(hub_root / "hooks"))
    return timed([sys.executable, "-m", "msdz_hub", "index", str(site)], hub_root, env)


def search_figures(site: Path, page: Path, index: Run) -> SearchFigures:
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    cost = search_bench.measure(site, page.parent.relative_to(site).as_posix() + "/")
    return SearchFigures(index, len(files), sum(p.stat().st_size for p in files), cost)


@dataclass
class SizeResult:
    n: int
    hub: list[Run]
    base: list[Run]
    validation: list[tuple[float, float]]
    search: SearchFigures
    weight: PageWeight

    def ratio(self, attribute: str) -> float:
        return median(getattr(r, attribute) for r in self.hub) / median(getattr(r, attribute) for r in self.base)


def measure_size(n: int, runs: int, workdir: Path) -> SizeResult:
    print(f"N = {n}: Daten erzeugen …", file=sys.stderr)
    hub_root, base_root = workdir / f"hub-{n}", workdir / f"basis-{n}"
    copy_repo(hub_root, with_data=False)
    synthetic.generate(hub_root, n)
    print(f"N = {n}: Basis vorbereiten (Seiten des Hooks als reine Dateien) …", file=sys.stderr)
    make_baseline(hub_root, base_root)
    hub_runs: list[Run] = []
    base_runs: list[Run] = []
    index_runs: list[Run] = []
    for run in range(runs):
        order = [("hub", hub_root, hub_runs), ("basis", base_root, base_runs)]
        for name, root, results in order if run % 2 == 0 else reversed(order):
            # Each build cold, as the basis is: no Markdown renderings kept from the run before
            # (a second `make build` takes them from .cache/; bench/validation.py measures both).
            shutil.rmtree(root / ".cache", ignore_errors=True)
            results.append(build(root, workdir / f"site-{name}-{n}"))
            last = results[-1]
            print(
                f"  Lauf {run + 1}/{runs} {name}: {last.seconds:.2f} s (CPU {last.cpu:.2f} s), {last.peak_mib:.0f} MiB",
                file=sys.stderr,
            )
            if name == "hub":
                index_runs.append(index_search(hub_root, workdir / f"site-hub-{n}"))
                index = index_runs[-1]
                print(
                    f"  Lauf {run + 1}/{runs} Suchindex: {index.seconds:.2f} s (CPU {index.cpu:.2f} s), {index.peak_mib:.0f} MiB",
                    file=sys.stderr,
                )
                # the hub's build time is MkDocs with the hook, then Pagefind (make build); its memory
                # is MkDocs' alone: Pagefind runs after it in a process of its own (column "Suche")
                results[-1] = Run(last.seconds + index.seconds, last.cpu + index.cpu, last.peak_mib)
    validation, _ = time_validation(hub_root, hub_root / "hooks")  # cold, as the builds
    site = workdir / f"site-hub-{n}"
    page = typical_record_page(site)
    weight = page_weight(site, page)
    index = Run(
        median(r.seconds for r in index_runs), median(r.cpu for r in index_runs), max(r.peak_mib for r in index_runs)
    )
    return SizeResult(n, hub_runs, base_runs, validation, search_figures(site, page, index), weight)
