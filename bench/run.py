"""``make bench``: the hub against plain MkDocs with the same pages, theme and configuration.

For each size N (default 100, 1 000, 5 000 records) a synthetic but valid hub (bench/synthetic.py)
is built twice over, in one run and alternating (bench/sizes.py):

- **Hub**: a copy of this repository with the synthetic data/, built by ``mkdocs build --strict``
  with the hub's hook, as ``make build`` does;
- **Basis**: the very pages and files the hook generated for that hub, dumped as plain files into
  docs/ and built with the same mkdocs.yml minus ``hooks:`` – what MkDocs and Material alone cost
  (bench/projects.py).

Each build runs in its own process; wall time, CPU time (user + system, robust when other work
shares the cores) and peak memory come from that process and what it started (bench/measure.py).
Also measured: loading and validating alone (``load_hub``, in fresh processes, also at 10 000
records: bench/validation.py), the weight of a typical record page with everything a browser loads
for it (bench/page_weight.py), and for ``mkdocs serve`` (the real hub, and the synthetic ones at
1 000 and 5 000 records) the time until it first serves and how soon it serves a saved edit
(bench/serve.py). The tables print as Markdown (bench/report.py), with each target met or not
(bench/targets.py).

Search: both variants give a searchable site, so the comparison stays fair. The Basis keeps
Material's own search plugin (lunr, built inside MkDocs), as plain MkDocs with Material is used.
The hub has none in MkDocs; its index is written afterwards by Pagefind in a process of its own
(``make build`` runs ``python -m msdz_hub index``): the hub's time is MkDocs plus Pagefind, its
memory MkDocs' (with the hub's worker) alone; Pagefind's own time and memory are reported apart. What a browser
downloads for a first and a second query comes from Chromium (bench/search_bench.py).

    python bench/run.py [--sizes 100,1000,5000] [--runs N] [--validate-records 10000] [--serve-edits 5]

Environment: BENCH_SIZES, BENCH_RUNS, BENCH_VALIDATE (same meaning) for ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import synthetic  # bench/ is on sys.path when this file runs as a script
from measure import load, machine
from projects import REPO
from report import report
from serve import serve_latency
from sizes import measure_size
from targets import MAX_SERVE_AT, Served
from validation import time_validation


def main() -> None:
    parser = argparse.ArgumentParser(description="Hub gegen reines MkDocs messen (make bench)")
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES") or "100,1000,5000",
        help="Anzahl der Einträge, mit Komma getrennt (BENCH_SIZES)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_RUNS") or 0) or None,
        help="Läufe je Variante (BENCH_RUNS; Standard: 5)",
    )
    parser.add_argument(
        "--validate-records",
        type=int,
        default=int(os.environ.get("BENCH_VALIDATE") or 10000),
        help="Laden + Prüfen ohne Bauen mit so vielen Einträgen (BENCH_VALIDATE; 0: auslassen)",
    )
    parser.add_argument(
        "--serve-edits", type=int, default=5, help="Änderungen für die make-serve-Messung (0: auslassen)"
    )
    parser.add_argument("--keep", type=Path, help="Arbeitsordner hier anlegen und behalten")
    args = parser.parse_args()
    sizes = [int(s) for s in re.split(r"[,\s]+", args.sizes.strip()) if s]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="msdz-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Arbeitsordner: {workdir}", file=sys.stderr)
    started, load_before = time.perf_counter(), load()
    try:
        results = []
        for n in sizes:
            results.append(measure_size(n, args.runs or 5, workdir))
        validate_n = None
        if args.validate_records:
            print(f"Laden + Prüfen von {args.validate_records} Einträgen …", file=sys.stderr)
            root = workdir / f"validate-{args.validate_records}"
            root.mkdir()
            synthetic.generate(root, args.validate_records)
            validate_n = (args.validate_records, *time_validation(root, REPO / "hooks"))
        serve: Served = {}
        if args.serve_edits:
            for n in [None, *(n for n in sizes if n in MAX_SERVE_AT)]:
                print(f"make serve messen ({n or 'echter Hub'}) …", file=sys.stderr)
                serve[n] = serve_latency(workdir, args.serve_edits, n)
        runs = str(args.runs or 5)
        print(f"- Rechner: {machine()}")
        print(
            f"- Last (loadavg) zu Beginn {load_before}, am Ende {load()}; Dauer {(time.perf_counter() - started) / 60:.1f} min."
        )
        if max(os.getloadavg()) > (os.cpu_count() or 1):
            print("- Achtung: Der Rechner war zeitweise ausgelastet; Wandzeiten streuen dann, die CPU-Zeiten weniger.")
        print(
            f"- Befehl: `make bench` (BENCH_SIZES={','.join(map(str, sizes))}, BENCH_RUNS={args.runs or 'Standard'}, "
            f"BENCH_VALIDATE={args.validate_records})\n"
        )
        print(report(results, validate_n, serve, runs))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
