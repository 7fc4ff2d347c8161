"""What a reader's search costs at N records with compounds split and „Meinten Sie …?“ (issue 29).

A synthetic hub (bench/synthetic.py: German text with compounds such as Klimaanpassung,
Zwischennutzung, Landesinitiative) with the real data/synonyms.yml is built with ``mkdocs build``
and indexed by Pagefind as ``make build`` does. In Chromium with a phone's profile (Playwright's
"Pixel 7": screen, touch, user agent) and an empty cache for each run, on a typical record page: the
bytes of the search loaded before it is opened (must be none), then the first query, a part of a
compound („Anpassung“, found only through the hidden parts), with the bytes as GitHub Pages sends
them (text gzip-compressed, Pagefind's own files as they are; bench/search_bench.wire_bytes) and the
time from typing the query to the results shown, and a typo („Partizipaton“) that loads the
suggestion list. ``--cpu-slowdown 4`` makes the phone's processor four times slower than this one's
(as Lighthouse does for a phone).

``make bench-search`` (``python bench/search_reader_bench.py --records 5000 --runs 5``) builds the
hub and prints the figures for BENCHMARKS.md: for each query the median of the runs and their
spread (smallest–largest), the bytes of the first query, and the machine's load while it ran.
``BENCH_SEARCH_RECORDS`` and ``BENCH_SEARCH_RUNS`` change N and the number of readers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import search_bench  # bench/ is on sys.path when this file runs as a script
import synthetic
from report import spread

REPO = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "overrides", "hooks")
QUERIES = ["Anpassung", "Partizipaton"]  # a compound's part, then a typo
TARGET_BYTES, TARGET_SECONDS = 300 * 1000, 1.0
PHONE = "Pixel 7"  # a phone's screen, touch and user agent, as Playwright describes it


def build_hub(root: Path, records: int) -> Path:
    root.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)  # /admin/'s Decap CMS
    synthetic.generate(root, records)
    shutil.copy2(REPO / "data" / "synonyms.yml", root / "data" / "synonyms.yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(root / "hooks"))
    env.setdefault("HUB_OPERATOR_EMAIL", "kontakt@bench.example")
    env.setdefault("HUB_OPERATOR_PHONE", "+49 331 0000000")
    site = root / "site"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=root, env=env, check=True
    )
    built = time.perf_counter()
    subprocess.run([sys.executable, "-m", "msdz_hub", "index", str(site)], cwd=root, env=env, check=True)
    print(f"Bau {built - started:.1f} s, Suchindex {time.perf_counter() - built:.1f} s", file=sys.stderr)
    return site


def typical_page(site: Path) -> str:
    pages = sorted((site / "praxisbeispiele").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return pages[len(pages) // 2].parent.relative_to(site).as_posix() + "/"


def measure(site: Path, page: str, runs: int = 1, cpu_slowdown: float = 1) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    with search_bench.served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=search_bench.CHROMIUM)
        phone = {**playwright.devices[PHONE], "locale": "de-DE"}
        measured = [_one_reader(browser, phone, base + page, site, cpu_slowdown) for _ in range(runs)]
        browser.close()
    return measured


def _one_reader(browser, phone: dict, url: str, site: Path, cpu_slowdown: float) -> dict[str, float]:
    """One reader with an empty cache: opens the page, then the search, types the queries."""
    context = browser.new_context(**phone)
    tab = context.new_page()
    if cpu_slowdown != 1:
        context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(url, wait_until="networkidle")
    figures = {"before_open": float(sum(search_bench.wire_bytes(site, u) for u in requests if _is_search(u)))}
    for query in QUERIES:
        loaded = len(requests)
        if not tab.locator("#hub-search").evaluate("d => d.open"):
            tab.keyboard.press("/")  # the first query pays for opening the search
        seconds, results = _timed_query(tab, query)
        _settled(tab, requests)
        figures[f"{query}_bytes"] = sum(search_bench.wire_bytes(site, u) for u in requests[loaded:])
        figures[f"{query}_seconds"] = seconds
        figures[f"{query}_results"] = results
    suggestion = tab.locator("[data-hub-search-suggestion]")
    figures["suggested"] = float(suggestion.is_visible() or _appears(suggestion))
    context.close()
    return figures


def _timed_query(tab, query: str) -> tuple[float, int]:
    box = tab.locator("#hub-search-input")
    box.wait_for()
    status = tab.locator("[data-hub-search-status]")
    started = time.perf_counter()
    box.fill(query)
    status.filter(has_text=f"„{query}“").wait_for(timeout=60_000)
    seconds = time.perf_counter() - started  # includes the dialog's 150 ms pause after typing
    text = status.inner_text()
    return seconds, int(text.split()[0]) if text.split()[0].isdigit() else 0


def _settled(tab, requests: list[str], quiet_ms: int = 700) -> None:
    """Until the page asks for nothing new for a while: the query's later loads (filter index, the
    suggestion's word list) count with it. (The page's "networkidle" state was reached long before.)"""
    while True:
        before = len(requests)
        tab.wait_for_timeout(quiet_ms)
        if len(requests) == before:
            return


def _appears(locator) -> bool:
    try:
        locator.wait_for(state="visible", timeout=5_000)
    except Exception:  # Playwright's TimeoutError: no suggestion
        return False
    return True


def _is_search(url: str) -> bool:
    return search_bench._is_search(url) or url.endswith(("/suche/woerter.json", "/assets/search-words.js"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=int(os.environ.get("BENCH_SEARCH_RECORDS") or 5000))
    parser.add_argument("--first", default=QUERIES[0], help="the first query (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it; measure it again if built")
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_SEARCH_RUNS") or 5),
        help="readers, each with an empty cache",
    )
    parser.add_argument("--cpu-slowdown", type=float, default=1, help="the phone's processor this many times slower")
    args = parser.parse_args()
    QUERIES[0] = args.first
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="hub-search-") as workdir:
        root = args.keep or Path(workdir) / "hub"
        site = root / "site" if (root / "site" / "pagefind").is_dir() else build_hub(root, args.records)
        words = (site / "suche" / "woerter.json").stat().st_size
        runs = measure(site, typical_page(site), args.runs, args.cpu_slowdown)
    first, typo = QUERIES
    figures = runs[0]

    def seconds(query: str) -> str:
        each = [run[f"{query}_seconds"] for run in runs]
        return f"Median {spread(each)} s (Läufe: {' / '.join(f'{x:.2f}' for x in each)})"

    print(
        f"N = {args.records}, {PHONE}, Prozessor {args.cpu_slowdown:g}× langsamer, {args.runs} Läufe mit leerem Cache"
    )
    print(f"vor dem Öffnen {max(run['before_open'] for run in runs) / 1000:.1f} KB")
    print(
        f"„{first}“: {figures[f'{first}_results']:.0f} Treffer, "
        f"{spread([run[f'{first}_bytes'] / 1000 for run in runs], '{:.1f}')} KB, "
        f"{seconds(first)} (Ziel ≤ {TARGET_BYTES / 1000:.0f} KB, ≤ {TARGET_SECONDS:.0f} s)"
    )
    print(
        f"„{typo}“: {figures[f'{typo}_results']:.0f} Treffer, weitere {figures[f'{typo}_bytes'] / 1000:.1f} KB, "
        f"{seconds(typo)}, „Meinten Sie …?“ {'ja' if all(run['suggested'] for run in runs) else 'nein'}; "
        f"woerter.json {words / 1000:.1f} KB ungepackt"
    )
    loads = (load_before, os.getloadavg())
    print("Last (1, 5, 15 min) vorher / danach: " + " / ".join(" ".join(f"{x:.2f}" for x in a) for a in loads))


if __name__ == "__main__":
    main()
