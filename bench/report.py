"""The benchmark's tables, in German Markdown for BENCHMARKS.md."""

from __future__ import annotations

import statistics
from urllib.parse import urlsplit

import search_bench
from serve import SERVE_OPTIONS
from sizes import SizeResult, median
from targets import Served, Validated, index_share, targets


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def verdict(ok: bool) -> str:
    return "erfüllt" if ok else "**verfehlt**"


def de(value: float, digits: int = 0) -> str:
    """A number the German way: 1234567.5 -> '1.234.567,5'."""
    return f"{value:,.{digits}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def build_table(results: list[SizeResult], runs: str) -> list[str]:
    """Build time and memory, hub against basis, per size."""
    out: list[str] = []
    out.append(
        f"### Bauzeit und Speicher: Hub gegen reines MkDocs mit denselben Seiten ({runs} Läufe je Variante, abwechselnd)\n"
    )
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
    return out


def per_record_table(results: list[SizeResult], validate_n: Validated | None) -> list[str]:
    """Per record: time, the hook's extra CPU, loading alone, a page's weight."""
    out: list[str] = []
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
        n, cold, warm = validate_n
        out.append(
            f"\nLaden + Prüfen (`load_hub`, rendert jedes Markdown-Feld) von {n} Einträgen ohne Bauen, in frischen "
            f"Prozessen, Importe nicht mitgezählt, CPU mit den Helferprozessen. Kalt (ohne .cache/): {spread([w for w, _ in cold], '{:.3f}')} s "
            f"Wandzeit, CPU {spread([c for _, c in cold], '{:.3f}')} s; warm (die Darstellungen des Laufs davor in "
            f".cache/): {spread([w for w, _ in warm], '{:.3f}')} s Wandzeit, CPU {spread([c for _, c in warm], '{:.3f}')} s."
        )
    return out


def serve_table(serve: Served) -> list[str]:
    """`make serve`: first page, and a saved edit served."""
    out: list[str] = []
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
    return out


def search_table(results: list[SizeResult]) -> list[str]:
    """What the search costs a reader and the build."""
    out: list[str] = []
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
    return out


def page_table(largest: SizeResult) -> list[str]:
    """Everything a browser loads for a typical record page."""
    out: list[str] = []
    out.append(f"\n### Typische Datensatzseite (N = {largest.n}): `{largest.weight.page}`\n")
    out.append("| geladen | Bytes | gzip |\n| --- | ---: | ---: |")
    for url, (raw, packed) in largest.weight.parts.items():
        out.append(f"| {urlsplit(url).path} | {de(raw)} | {de(packed)} |")
    out.append(
        f"| **zusammen** (die Suche lädt erst beim Öffnen) | {de(largest.weight.raw)} | **{de(largest.weight.compressed)}** |"
    )
    return out


def targets_table(results: list[SizeResult], validate_n: Validated | None, serve: Served) -> list[str]:
    """Each target, met or not."""
    out: list[str] = []
    out.append("\n### Ziele\n")
    out.append("| Ziel | Messwert | |\n| --- | ---: | --- |")
    for name, value, ok in targets(results, validate_n, serve):
        out.append(f"| {name} | {value} | {verdict(ok)} |")
    return out


def report(results: list[SizeResult], validate_n: Validated | None, serve: Served, runs: str) -> str:
    tables = [
        build_table(results, runs),
        per_record_table(results, validate_n),
        serve_table(serve),
        search_table(results),
        page_table(results[-1]),
        targets_table(results, validate_n, serve),
    ]
    return "\n".join(line for table in tables for line in table) + "\n"
