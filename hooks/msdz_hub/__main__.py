"""Command line of the hub, for editors and CI:
``python -m msdz_hub check|new|summary|format|cms-config|index|generate|sources|canary|release``.

``make check`` runs ``check``: it validates data/ only (no site is built) and prints every problem
in the fixed format, exit status 1 if there are any. ``make new`` runs ``new``: a new data file
from its schema's template. CI runs ``summary`` for the pull request's step summary. ``make build`` runs ``index`` after MkDocs:
the search index of the built site (msdz_hub.engine.search_index). ``make generate`` runs ``generate``:
every page and file of the site written to a folder without MkDocs (msdz_hub.engine.generate).
The scheduled source check runs ``sources`` (msdz_hub.editors.source_guard), the only command that goes online;
the weekly Zensical canary runs ``canary`` (msdz_hub.engine.canary); every deploy runs ``release``
(msdz_hub.engine.release): a dated copy of the open data and of the whole site.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from .core.problems import DataError, report
from .load import load_hub

ROOT = Path(__file__).resolve().parents[2]


def _refuse(error: DataError) -> int:
    """Every problem in the editors' line format, then the count: exit status 1."""
    report(error.problems)
    print(str(error), file=sys.stderr)
    return 1


def check(root: Path) -> int:
    started = time.perf_counter()
    try:
        hub = load_hub(root)
    except DataError as error:
        return _refuse(error)
    count = sum(1 for _ in hub.every())
    elapsed = time.perf_counter() - started
    print(f"data/ ist in Ordnung: {count} Einträge geprüft in {elapsed:.2f} s.")
    return 0


def new(root: Path, collection: str | None, title: str | None) -> int:
    from .editors import new_record

    interactive = sys.stdin is not None and sys.stdin.isatty()
    try:
        collection = new_record.ask("Sammlung", collection, interactive, new_record.collection_choices())
        collection = new_record.find_collection(collection)
        title = new_record.ask("Titel", title, interactive)
        path = new_record.create(root, collection, title)
    except (new_record.NewRecordError, EOFError, KeyboardInterrupt) as error:
        print(f"Fehler: {error or 'abgebrochen.'}", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"Neu angelegt: {rel}\nJetzt die leeren Pflichtfelder ausfüllen und mit `make check` prüfen.")
    return 0


def summary(root: Path, base: str, site_url: str | None) -> int:
    from .editors import change_summary

    try:
        print(change_summary.summarize(root, base, site_url), end="")
    except change_summary.GitError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 2
    return 0


def format_files(root: Path, check_only: bool) -> int:
    from .editors import canonical

    try:
        changed = canonical.format_tree(root, check_only)
    except canonical.FormatError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    if check_only and changed:
        for rel, line, expected in changed:
            plain_key = ":" in expected and not expected.startswith("#")
            field = expected.split(":", 1)[0].strip(" -") if plain_key else "(Datei)"
            print(
                f"{rel}:{line}:1: error: '{field}': nicht in der einheitlichen Schreibweise; hier gehört "
                f"hin: {expected.strip() or '(nichts)'} – `make format` schreibt die Datei so, "
                f"ohne Werte zu ändern.",
                file=sys.stderr,
            )
        return 1
    verb = "umgeschrieben" if changed else "schon einheitlich geschrieben"
    print(f"{len(changed)} Dateien {verb}." if changed else f"Alle Dateien in data/ sind {verb}.")
    return 0


def cms_config(root: Path, output: Path | None, local_backend: str | None) -> int:
    from .editors import cms_config as generator
    from .editors.cms_settings import settings_from_environment

    text = generator.config_text(root, settings_from_environment(root, local_backend))
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return 0


def index(site: Path) -> int:
    from .engine import search_index

    started = time.perf_counter()
    try:
        result = search_index.index_site(site)
    except search_index.SearchIndexError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Suchindex: {result.pages} Seiten indiziert in {time.perf_counter() - started:.2f} s.")
    return 0


# Marks a folder as written by `generate`: only such a folder is emptied before it is written again.
GENERATED_MARK = ".msdz-hub-generated"


def generate(root: Path, folder: Path) -> int:
    from .engine import generate as generator

    started = time.perf_counter()
    folder = folder.resolve()
    if folder.exists() and not (folder / GENERATED_MARK).is_file() and any(folder.iterdir()):
        print(
            f"Fehler: {folder} ist nicht leer und stammt nicht von `generate`; bitte einen leeren Ordner angeben.",
            file=sys.stderr,
        )
        return 1
    try:
        config = generator.read_config(root)
    except generator.ConfigError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    staging = folder.with_name(f".{folder.name}.generating")  # the folder is replaced only when all is written
    shutil.rmtree(staging, ignore_errors=True)
    try:
        written = generator.generate(root, staging, config)
    except DataError as error:
        shutil.rmtree(staging, ignore_errors=True)
        return _refuse(error)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / GENERATED_MARK).write_text("python -m msdz_hub generate\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    elapsed = time.perf_counter() - started
    print(f"Erzeugt: {written.pages} Seiten und {written.files} Dateien in {folder} ({elapsed:.2f} s).")
    return 0


def sources(root: Path, status_file: Path, report_file: Path | None, interval: float, timeout: float) -> int:
    import datetime as dt
    import os

    from .editors import link_check, source_guard

    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    contact = f"{server}/{repository}" if server and repository else "Wissenstransfer-Hub MSdZ"
    checker = link_check.Checker(contact, interval=interval, timeout=timeout)
    return source_guard.run(root, root / status_file, report_file, checker, dt.datetime.now(dt.UTC))


def canary(root: Path, zensical: Path, generated: Path, site: Path, work: Path) -> int:
    from .engine import canary as zensical_canary

    print(zensical_canary.run(root, zensical, generated, site, work), end="")
    return 0  # a measurement, never a failed build


def release(root: Path, site: Path, out: Path, tag: str, download_base: str) -> int:
    from .engine import generate as generator
    from .engine import release as releaser

    try:
        files = releaser.make_release(root, site, out, tag, download_base, generator.read_config(root))
    except (generator.ConfigError, DataError, OSError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Release {tag}: {len(files)} Dateien in {out}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m msdz_hub", description="Werkzeuge des Wissenstransfer-Hubs")
    root_help = "Wurzel des Repositorys (Standard: dieses)"
    parser.add_argument("--root", type=Path, default=ROOT, help=root_help)
    # --root is also accepted after the command (`check --root DIR`); SUPPRESS keeps the default above.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", parents=[common], help="data/ prüfen, ohne zu bauen")
    new_parser = commands.add_parser("new", parents=[common], help="neuen Eintrag aus der Vorlage des Schemas anlegen")
    new_parser.add_argument("collection", nargs="?", help="Sammlung, z. B. practices oder events")
    new_parser.add_argument("title", nargs="?", help="Titel des Eintrags; daraus entsteht der Dateiname")
    summary_parser = commands.add_parser(
        "summary", parents=[common], help="geänderte Einträge seit --base als Markdown"
    )
    summary_parser.add_argument(
        "--base", required=True, help="Git-Referenz, mit der verglichen wird, z. B. origin/main"
    )
    summary_parser.add_argument("--site-url", default=None, help="Adresse der veröffentlichten Website für Links")
    format_parser = commands.add_parser(
        "format", parents=[common], help="data/ in die einheitliche Schreibweise bringen"
    )
    format_parser.add_argument("--check", action="store_true", help="nur prüfen, nichts ändern")
    cms_parser = commands.add_parser(
        "cms-config", parents=[common], help="Konfiguration des Redaktionssystems ausgeben"
    )
    cms_parser.add_argument("--output", type=Path, default=None, help="Datei statt Standardausgabe")
    cms_parser.add_argument("--local-backend", default=None, help="Adresse eines decap-server (nur für Tests)")
    index_parser = commands.add_parser("index", help="Suchindex (Pagefind) der gebauten Website schreiben")
    index_parser.add_argument(
        "site", type=Path, nargs="?", default=Path("site"), help="gebaute Website (Standard: site)"
    )
    generate_parser = commands.add_parser(
        "generate", parents=[common], help="alle erzeugten Seiten und Dateien ohne MkDocs in einen Ordner schreiben"
    )
    generate_parser.add_argument("folder", type=Path, help="Zielordner (leer, oder von `generate` geschrieben)")
    sources_parser = commands.add_parser(
        "sources", parents=[common], help="alle Quellen aufrufen (online) und .sources/status.json fortschreiben"
    )
    sources_parser.add_argument("--status", type=Path, default=Path(".sources/status.json"), help="Statusdatei")
    sources_parser.add_argument("--report", type=Path, default=None, help="Text des Issues in diese Datei")
    sources_parser.add_argument("--interval", type=float, default=2.0, help="Sekunden zwischen Anfragen je Server")
    sources_parser.add_argument("--timeout", type=float, default=15.0, help="Sekunden bis „keine Antwort“")
    canary_parser = commands.add_parser(
        "canary", parents=[common], help="erzeugten Baum mit Zensical bauen und mit dem MkDocs-Bau vergleichen"
    )
    canary_parser.add_argument("--zensical", type=Path, required=True, help="Programm zensical")
    canary_parser.add_argument("--generated", type=Path, required=True, help="Ausgabe von `generate`")
    canary_parser.add_argument("--site", type=Path, default=Path("site"), help="MkDocs-Bau (Standard: site)")
    canary_parser.add_argument("--work", type=Path, default=Path(".zensical/project"), help="Arbeitsordner")
    release_parser = commands.add_parser(
        "release", parents=[common], help="datierten Stand der offenen Daten und der Website als Dateien schreiben"
    )
    release_parser.add_argument("--site", type=Path, default=Path("site"), help="gebaute Website")
    release_parser.add_argument("--out", type=Path, default=Path("release"), help="Zielordner (wird geleert)")
    release_parser.add_argument("--tag", required=True, help="Name des Stands, z. B. daten-2026-12-07-abc1234")
    release_parser.add_argument("--download-base", required=True, help="Adresse, unter der die Dateien liegen werden")
    args = parser.parse_args(argv)
    if args.command == "release":
        return release(args.root, args.site, args.out, args.tag, args.download_base)
    if args.command == "canary":
        return canary(args.root, args.zensical, args.generated, args.site, args.work)
    if args.command == "sources":
        return sources(args.root, args.status, args.report, args.interval, args.timeout)
    if args.command == "format":
        return format_files(args.root, args.check)
    if args.command == "cms-config":
        return cms_config(args.root, args.output, args.local_backend)
    if args.command == "check":
        return check(args.root)
    if args.command == "new":
        return new(args.root, args.collection, args.title)
    if args.command == "summary":
        return summary(args.root, args.base, args.site_url)
    if args.command == "index":
        return index(args.site)
    if args.command == "generate":
        return generate(args.root, args.folder)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
