"""``make bench``: the hub against plain MkDocs with the same pages, theme and configuration.

For each size N (default 100, 1 000, 5 000 records) a synthetic but valid hub (bench/synthetic.py)
is built twice over, in one run and alternating:

- **Hub**: a copy of this repository with the synthetic data/, built by ``mkdocs build --strict``
  with the hub's hook, as ``make build`` does;
- **Basis**: the very pages and files the hook generated for that hub, dumped as plain files into
  docs/ and built with the same mkdocs.yml minus ``hooks:`` – what MkDocs and Material alone cost.

Each build runs in its own process; wall time, CPU time (user + system, robust when other work
shares the cores) and peak memory (max RSS) come from that process and what it started.
Also measured: loading and validating alone (``load_hub``, in fresh processes, also at 10 000
records), the weight of a typical record page with everything a browser loads for it, and for
``mkdocs serve`` (the real hub, and the synthetic ones at 1 000 and 5 000 records) the time until it
first serves and how soon it serves a saved edit. The tables print as Markdown (for BENCHMARKS.md).

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
import gzip
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import search_bench  # bench/ is on sys.path when this file runs as a script
import synthetic

REPO = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "overrides", "hooks")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")

# Targets from issue 8; the report marks each as met or not.
MAX_TIME_RATIO = 1.05
MAX_MEMORY_RATIO = 1.2
MAX_VALIDATE_10K_S = 1.0
MAX_SERVE_S = 1.5  # the real hub
# Issue 19: a saved edit served within these seconds at N records (make serve, incremental)
MAX_SERVE_AT = {1000: 1.0, 5000: 2.0}
MAX_PAGE_KB = 150
# Targets from issue 15 (search): a first query's bytes at N = 5 000, Pagefind's share of the build.
MAX_FIRST_QUERY_KB = 300
MAX_INDEX_SHARE = 0.15

# `mkdocs serve` with the options `make serve` gives it.
SERVE_OPTIONS = (
    re.search(r"^SERVE_OPTIONS := (.+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()
)


# -- building -----------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user + system time of the build and its worker: robust when other work shares the cores
    peak_mib: float  # peak memory of the whole process tree (see MemorySampler)


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("PYTHONPATH", "SITE_URL", "REPO_URL", "GITHUB_ACTIONS"):
        env.pop(name, None)  # the copy's hook finds its own package; no real-repo paths leak in
    # mkdocs.yml has no operator contact yet; stand-ins keep the legal pages as a published build has them
    env.setdefault("HUB_OPERATOR_EMAIL", "kontakt@bench.example")
    env.setdefault("HUB_OPERATOR_PHONE", "+49 331 0000000")
    return env


class MemorySampler(threading.Thread):
    """Peak memory of a process and every process it starts, summed, sampled every 100 ms.

    The hub's build forks a worker; the operating system's peak (max RSS) is per process, and
    adding the two peaks would count the memory they share twice. So the sampler adds up the
    proportional set size (PSS: a shared page counts as 1/n in each of the n processes that share
    it) of all processes of the tree at each moment and keeps the largest sum. For a single
    process, as in the baseline, PSS is at most its RSS. Reading it costs the kernel about 1 ms per
    250 MB and holds up the process measured: sampled more often, the measurement itself would
    slow the builds (the hub's more, as it keeps both cores busy).
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.1):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _process_tree(self.pid)))

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_kib / 1024


def _process_tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                pending += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            pass  # ended meanwhile
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to completion: its wall time, CPU time (its own and its waited-for
    children's) and the peak memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env or mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    sampler = MemorySampler(process.pid)
    sampler.start()
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    peak_mib = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)} in {cwd}\n{output.decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, max(peak_mib, 0.0))


def build(root: Path, site: Path) -> Run:
    return timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], root)


def copy_repo(target: Path, with_data: bool) -> None:
    target.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=IGNORE)
        else:
            shutil.copy2(source, target / name)
    if with_data:
        shutil.copytree(REPO / "data", target / "data")
    # The hub's build copies the pinned Decap CMS to site/admin/ from node_modules/ (shared, not copied).
    if (REPO / "node_modules").is_dir():
        (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def drop_top_level_keys(config_text: str, keys: set[str]) -> str:
    """mkdocs.yml without the given top-level keys (and their indented blocks)."""
    kept, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        match = re.match(r"^([A-Za-z_]+):", line)
        if match:
            skipping = match.group(1) in keys
        elif line.strip() and not line.startswith((" ", "#")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def make_baseline(hub_root: Path, base_root: Path) -> None:
    """Plain MkDocs with exactly the pages and files the hook generates for ``hub_root``."""
    copy_repo(base_root, with_data=False)
    shutil.rmtree(base_root / "hooks")  # the generator, its templates (hooks/msdz_hub/pages/templates/) included
    config = (base_root / "mkdocs.yml").read_text(encoding="utf-8")
    config = drop_top_level_keys(config, {"hooks", "watch"}).replace(
        "\nplugins: []\n", "\nplugins:\n  - search:\n      lang: de\n"
    )
    (base_root / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The dump runs in its own process, as the hook would run inside MkDocs.
    subprocess.run(
        [sys.executable, __file__, "--dump", str(hub_root), str(base_root / "docs")],
        check=True,
        env=mkdocs_env(),
    )


def dump_generated(hub_root: Path, docs: Path) -> None:
    """Every page and file the hub generates for ``hub_root``, written into ``docs``: what the hook
    hands to MkDocs (msdz_hub.engine.generate, as ``python -m msdz_hub generate``; tests/test_generate.py
    checks that the two are the same)."""
    sys.path.insert(0, str(hub_root / "hooks"))  # the copy's own package
    from msdz_hub.engine.generate import generate

    written = generate(hub_root, docs)
    print(f"  {written.pages + written.files} generated files dumped to {docs}", file=sys.stderr)


# -- loading and validating alone --------------------------------------------------------------


def time_validation(root: Path, hooks: Path, repeats: int = 3) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``load_hub`` (load, validate, link) in fresh processes, imports excluded."""
    code = (
        "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from msdz_hub.plan import load_hub; w, c = time.perf_counter(), time.process_time();"
        "hub = load_hub(Path(sys.argv[2])); print(time.perf_counter() - w, time.process_time() - c)"
    )
    results = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code, str(hooks), str(root)],
            check=True,
            capture_output=True,
            text=True,
            env=mkdocs_env(),
        )
        wall, cpu = out.stdout.strip().splitlines()[-1].split()
        results.append((float(wall), float(cpu)))
    return results


# -- what the site weighs ----------------------------------------------------------------------


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


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.alternates: list[str] = []
        self.config: str = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)) and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "link" and "alternate" in rel and a.get("href"):
            self.alternates.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


@dataclass
class PageWeight:
    page: str
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # url -> (raw, gzip)

    @property
    def raw(self) -> int:
        return sum(r for r, _ in self.parts.values())

    @property
    def compressed(self) -> int:
        return sum(c for _, c in self.parts.values())


def page_weight(site: Path, page: Path) -> PageWeight:
    """Everything a browser loads for ``page`` (checked with Chromium: the page, its stylesheets and
    scripts, the favicon and sitemap.xml, which Material fetches for every rel=alternate link;
    nothing of the search, which loads when it is opened: bench/search_bench.py)."""
    base = "http://site/" + page.relative_to(site).as_posix()
    parser = _Assets()
    html = page.read_text(encoding="utf-8")
    parser.feed(html)
    urls = [urljoin(base, u) for u in parser.urls]
    urls.extend(urljoin(urljoin(base, href), "sitemap.xml") for href in parser.alternates)
    weight = PageWeight(page.relative_to(site).as_posix())
    weight.parts[base] = (len(html.encode()), len(gzip.compress(html.encode())))
    for url in dict.fromkeys(urls):
        path = site / urlsplit(url).path.lstrip("/")
        if urlsplit(url).netloc == "site" and path.is_file():
            data = path.read_bytes()
            weight.parts[url] = (len(data), len(gzip.compress(data)))
    return weight


def typical_record_page(site: Path) -> Path:
    """The record page of median size among all record pages."""
    folders = [c.url_folder for c in _collections().values()]
    pages = [p for folder in folders for p in (site / folder).glob("*/index.html")]
    pages.sort(key=lambda p: p.stat().st_size)
    return pages[len(pages) // 2]


def _collections() -> dict:
    sys.path.insert(0, str(REPO / "hooks"))
    from msdz_hub.core.collections import COLLECTIONS

    return COLLECTIONS


# -- mkdocs serve ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def serve_latency(workdir: Path, edits: int, n: int | None = None) -> tuple[float, list[float]]:
    """Seconds until `mkdocs serve` first serves a record page, and from saving that record's data
    file (a new title) until the page is served with it: the real hub, or ``n`` synthetic records."""
    root = workdir / f"serve-{n or 'hub'}"
    copy_repo(root, with_data=n is None)
    if n is not None:
        synthetic.generate(root, n)
    record = sorted((root / "data" / "practices").glob("*.yml"))[0]
    url = f"/praxisbeispiele/{record.stem}/"
    port = free_port()
    env = dict(mkdocs_env(), SITE_URL=f"http://127.0.0.1:{port}/")
    command = [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "--dev-addr", f"127.0.0.1:{port}"]
    log = (workdir / f"serve-{n or 'hub'}.log").open("wb")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    latencies = []
    try:
        while fetch(port, url)[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 900:
                raise RuntimeError(f"mkdocs serve did not start; see {log.name}")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        original = record.read_text(encoding="utf-8")
        for edit in range(edits):
            marker = f"Messpunkt {edit} {time.time_ns()}"
            changed = re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.MULTILINE)
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            record.write_text(changed, encoding="utf-8")
            saved = time.perf_counter()
            while marker not in fetch(port, url)[1]:
                if time.perf_counter() - saved > 120 or server.poll() is not None:
                    raise RuntimeError(f"edit not served within 120 s; see {log.name}")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - saved)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs shuts down and the hook cleans up
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return startup, latencies


# -- report ------------------------------------------------------------------------------------


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def median(values: Any) -> float:
    return statistics.median(list(values))


def verdict(ok: bool) -> str:
    return "erfüllt" if ok else "**verfehlt**"


def de(value: float, digits: int = 0) -> str:
    """A number the German way: 1234567.5 -> '1.234.567,5'."""
    return f"{value:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


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
    validation = time_validation(hub_root, hub_root / "hooks")
    site = workdir / f"site-hub-{n}"
    page = typical_record_page(site)
    weight = page_weight(site, page)
    index = Run(
        median(r.seconds for r in index_runs), median(r.cpu for r in index_runs), max(r.peak_mib for r in index_runs)
    )
    return SizeResult(n, hub_runs, base_runs, validation, search_figures(site, page, index), weight)


def report(
    results: list[SizeResult],
    validate_n: tuple[int, list[tuple[float, float]]] | None,
    serve: dict[int | None, tuple[float, list[float]]],
    runs: str,
) -> str:
    out = [
        f"### Bauzeit und Speicher: Hub gegen reines MkDocs mit denselben Seiten ({runs} Läufe je Variante, abwechselnd)\n"
    ]
    out.append(
        "Median, in Klammern min–max. Wandzeit wie gefordert; CPU-Zeit (user + sys des Bauprozesses und "
        "seiner Hub-Prozesse) zum Vergleich: sie zeigt die ganze Arbeit, auch die auf dem zweiten Kern, und "
        "leidet kaum, wenn andere Arbeit die Kerne teilt. Speicher: die größte Summe des anteiligen Speichers "
        "(PSS) aller Prozesse eines Baus, alle 100 ms gemessen – beim Hub also MkDocs und seine Hub-Prozesse "
        "zusammen, gemeinsam genutzte Seiten nicht doppelt.\n"
    )
    out.append(
        "| N | Hub: Wandzeit s | Basis: Wandzeit s | **Hub/Basis Wandzeit** | Hub/Basis CPU | Hub: Speicher MiB | Basis: Speicher MiB | **Hub/Basis Speicher** |"
    )
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        out.append(
            f"| {r.n} | {spread([x.seconds for x in r.hub])} | {spread([x.seconds for x in r.base])} | **{r.ratio('seconds'):.3f}** "
            f"| {r.ratio('cpu'):.3f} | {spread([x.peak_mib for x in r.hub], '{:.0f}')} "
            f"| {spread([x.peak_mib for x in r.base], '{:.0f}')} | **{r.ratio('peak_mib'):.3f}** |"
        )
    out.append("\n### Je Eintrag\n")
    out.append(
        "| N | Hub ms/Eintrag | Mehraufwand des Hooks ms/Eintrag (CPU) | Laden + Prüfen s | Datensatzseite mit allem, gzip KB |"
    )
    out.append("| ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        hub_s = median(x.seconds for x in r.hub)
        extra_cpu = median(x.cpu for x in r.hub) - median(x.cpu for x in r.base)
        out.append(
            f"| {r.n} | {hub_s / r.n * 1000:.1f} | {extra_cpu / r.n * 1000:.2f} | {spread([w for w, _ in r.validation], '{:.3f}')} "
            f"| {r.weight.compressed / 1000:.1f} |"
        )
    if validate_n:
        n, times = validate_n
        out.append(
            f"\nLaden + Prüfen (`load_hub`) von {n} Einträgen ohne Bauen, in frischen Prozessen, Importe nicht "
            f"mitgezählt: {spread([w for w, _ in times], '{:.3f}')} s Wandzeit, CPU {spread([c for _, c in times], '{:.3f}')} s."
        )
    if serve:
        out.append(
            f"\n### `make serve` (`mkdocs serve {' '.join(SERVE_OPTIONS)}`, Neubau nur des Geänderten)\n\n"
            "Bis zur ersten ausgelieferten Seite, und vom Speichern eines neuen Titels bis zur Auslieferung der "
            "geänderten Seite (Median, min–max). Die Vorschau bemerkt eine Änderung über die Dateiereignisse des "
            "Systems (mit `SERVE_POLL=1` fragt sie wie MkDocs alle 0,5 s: bis 0,5 s mehr); darin 0,1 s, die MkDocs "
            "auf weitere Änderungen wartet. Pagefind indiziert danach mit niedrigster Priorität; die Seite wartet "
            "nicht darauf, und die nächste Änderung bricht es ab.\n"
        )
        out.append(
            "| Daten | erste Seite nach s | Änderung ausgeliefert nach s | Änderungen |\n| --- | ---: | ---: | ---: |"
        )
        for n, (startup, edits) in serve.items():
            out.append(
                f"| {'echter Hub' if n is None else f'N = {n}'} | {startup:.1f} | {spread(edits)} | {len(edits)} |"
            )
    largest = results[-1]
    out.append("\n### Suche (Pagefind, nach dem Bau in eigenem Prozess)\n")
    out.append(
        "Bytes, wie ein komprimierender Server sie sendet (Textdateien gzip -6, Pagefinds Indexdateien in "
        f"Dateigröße), in Chromium auf einer typischen Datensatzseite gemessen: erst „{search_bench.QUERIES[0]}“, "
        f"dann im selben Dialog „{search_bench.QUERIES[1]}“. Zum Vergleich Materials alter lunr-Index (gzip), den "
        "jede Seite beim Laden holte: 78 KB bei 141 Einträgen, 2,11 MB bei 5 000.\n"
    )
    out.append(
        "| N | vor dem Öffnen KB | erste Suche KB (Anfragen) | zweite Suche KB | Treffer | Index s (CPU s) "
        "| Index / Bau | Index Speicher MiB | pagefind/ Dateien, MB |"
    )
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        s = r.search
        out.append(
            f"| {r.n} | {s.cost.before_open / 1000:.1f} | {s.cost.first / 1000:.1f} ({s.cost.first_requests}) "
            f"| {s.cost.second / 1000:.1f} | {s.cost.results} | {s.index.seconds:.2f} ({s.index.cpu:.2f}) "
            f"| {index_share(r):.1%} | {s.index.peak_mib:.0f} | {de(s.files)}, {s.total / 1e6:.1f} |"
        )
    out.append(f"\n### Typische Datensatzseite (N = {largest.n}): `{largest.weight.page}`\n")
    out.append("| geladen | Bytes | gzip |\n| --- | ---: | ---: |")
    for url, (raw, packed) in largest.weight.parts.items():
        out.append(f"| {urlsplit(url).path} | {de(raw)} | {de(packed)} |")
    out.append(
        f"| **zusammen** (die Suche lädt erst beim Öffnen) | {de(largest.weight.raw)} | **{de(largest.weight.compressed)}** |"
    )
    out.append("\n### Ziele\n")
    out.append("| Ziel | Messwert | |\n| --- | ---: | --- |")
    for name, value, ok in targets(results, validate_n, serve):
        out.append(f"| {name} | {value} | {verdict(ok)} |")
    return "\n".join(out) + "\n"


def targets(
    results: list[SizeResult],
    validate_n: tuple[int, list[tuple[float, float]]] | None,
    serve: dict[int | None, tuple[float, list[float]]],
) -> list[tuple[str, str, bool]]:
    checks = []
    for r in results:
        if r.n >= 1000:
            ratio = r.ratio("seconds")
            checks.append(
                (
                    f"Hub/Basis Wandzeit ≤ {MAX_TIME_RATIO} bei N = {r.n}",
                    f"{ratio:.3f} (CPU {r.ratio('cpu'):.3f})",
                    ratio <= MAX_TIME_RATIO,
                )
            )
    if len(results) > 1:
        first, last = results[-2], results[-1]
        per_first = median(x.cpu for x in first.hub) / first.n
        per_last = median(x.cpu for x in last.hub) / last.n
        checks.append(
            (
                f"linear: CPU ms/Eintrag bei N = {last.n} höchstens 1,2 × bei N = {first.n}",
                f"{per_last * 1000:.1f} gegen {per_first * 1000:.1f}",
                per_last <= 1.2 * per_first,
            )
        )
    largest = results[-1]
    if largest.n >= 5000:  # the target's size: below it the worker's fixed memory weighs more
        checks.append(
            (
                f"Speicher Hub/Basis ≤ {MAX_MEMORY_RATIO} bei N = {largest.n}",
                f"{largest.ratio('peak_mib'):.3f}",
                largest.ratio("peak_mib") <= MAX_MEMORY_RATIO,
            )
        )
    if validate_n:
        n, times = validate_n
        wall, cpu = median(w for w, _ in times), median(c for _, c in times)
        checks.append(
            (
                f"Laden + Prüfen von {n} Einträgen ≤ {MAX_VALIDATE_10K_S} s",
                f"{wall:.3f} s (CPU {cpu:.3f} s)",
                wall <= MAX_VALIDATE_10K_S,
            )
        )
    for n, (_, edits) in serve.items():
        limit = MAX_SERVE_S if n is None else MAX_SERVE_AT.get(n)
        if limit is not None and edits:
            where = "mit dem echten Hub" if n is None else f"bei N = {n}"
            checks.append(
                (
                    f"`make serve` zeigt eine Änderung {where} in ≤ {limit} s",
                    f"{median(edits):.2f} s (max {max(edits):.2f} s)",
                    median(edits) <= limit,
                )
            )
    cost = largest.search.cost
    checks.append(
        ("Vor dem Öffnen lädt eine Seite nichts von der Suche", f"{cost.before_open} Bytes", cost.before_open == 0)
    )
    if largest.n >= 5000:
        checks.append(
            (
                f"Erste Suche ≤ {MAX_FIRST_QUERY_KB} KB bei N = {largest.n}",
                f"{cost.first / 1000:.1f} KB",
                cost.first <= MAX_FIRST_QUERY_KB * 1000,
            )
        )
        share = index_share(largest)
        checks.append(
            (
                f"Suchindex ≤ {MAX_INDEX_SHARE:.0%} der Bauzeit bei N = {largest.n}",
                f"{share:.1%}",
                share <= MAX_INDEX_SHARE,
            )
        )
    checks.append(
        (
            f"Datensatzseite mit allem ≤ {MAX_PAGE_KB} KB gzip",
            f"{largest.weight.compressed / 1000:.1f} KB",
            largest.weight.compressed <= MAX_PAGE_KB * 1000,
        )
    )
    return checks


def index_share(result: SizeResult) -> float:
    """Pagefind's wall time as a share of the whole build (MkDocs with the hook, then Pagefind)."""
    return result.search.index.seconds / median(x.seconds for x in result.hub)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "fehlt"

    return (
        f"{cpu}, {os.cpu_count()} Kerne{memory}; {platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"MkDocs {installed('mkdocs')}, Material {installed('mkdocs-material')}, PyYAML {installed('pyyaml')} "
        f"(libyaml: {'ja' if hasattr(__import__('yaml'), 'CSafeLoader') else 'nein'}), jsonschema-rs {installed('jsonschema-rs')}, "
        f"Pagefind {installed('pagefind-bin')}"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--dump":
        dump_generated(Path(sys.argv[2]), Path(sys.argv[3]))
        return
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
            validate_n = (args.validate_records, time_validation(root, REPO / "hooks"))
        serve: dict[int | None, tuple[float, list[float]]] = {}
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
