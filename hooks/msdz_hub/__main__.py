"""Command line of the hub, for editors and CI:
``python -m msdz_hub check|new|summary|format|cms-config|index|admin|finish|generate|ready|sources|canary|release``.

``make check`` runs ``check``: it validates data/ only (no site is built) and prints every problem
in the fixed format, exit status 1 if there are any. ``make new`` runs ``new``: a new data file
from its schema's template. CI runs ``summary`` for the pull request's step summary. ``make build`` runs ``index`` after MkDocs:
the search index of the built site (msdz_hub.engine.search_index); ``admin`` writes the editors' /admin/
into a built site (msdz_hub.editors.admin_site; MkDocs' hook writes the same itself). After an engine
without our hooks (Zensical), ``finish`` runs both and puts the generator's sitemap back. ``make generate`` runs ``generate``:
every page and file of the site written to a folder without MkDocs (msdz_hub.engine.generate).
``make ready`` and the deploy workflow run ``ready``: what is still missing before publication
(msdz_hub.editors.go_live), exit status 1 until all is set. The scheduled source check runs ``sources``
(msdz_hub.editors.source_guard, the only command that goes online), the weekly Zensical canary ``canary``
(msdz_hub.engine.canary), every deploy ``release`` (msdz_hub.engine.release). The options: msdz_hub.cli.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

from . import cli
from .core.os_errors import PROGRAM_FAULT, german_failure
from .core.problems import DataError, conclude, report
from .load import load_hub

ROOT = Path(__file__).resolve().parents[2]


def _refuse(error: DataError, verdict: str, command: str) -> int:
    """Every problem in the editors' line format, then the German closing line: exit status 1."""
    report(error.problems)
    conclude(error.problems, verdict, command)
    return 1


def check(root: Path) -> int:
    started = time.perf_counter()
    try:
        hub = load_hub(root)
    except DataError as error:
        return _refuse(error, "Prüfung nicht bestanden", "make check")
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
            field = expected.split(":", 1)[0].strip(" -") if plain_key else "Datei"
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
    from .engine import search_index, site_lock

    lock = site_lock.hold(site, lambda line: print(line, file=sys.stderr))  # noqa: F841 - held until exit
    started = time.perf_counter()
    try:
        result = search_index.index_site(site)
    except search_index.SearchIndexError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    print(f"Suchindex: {result.pages} Seiten indiziert in {time.perf_counter() - started:.2f} s.")
    return 0


def admin(root: Path, site: Path) -> int:
    from .editors import admin_site

    try:
        written = admin_site.write_for_site(root, site)
    except admin_site.AdminError as error:
        print(f"Fehler: Redaktionssystem /admin/: {error}", file=sys.stderr)
        return 1
    print(f"Redaktionssystem geschrieben: {written}")
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
        return _refuse(error, "Nichts erzeugt", "make generate")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (staging / GENERATED_MARK).write_text("python -m msdz_hub generate\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    elapsed = time.perf_counter() - started
    print(f"Erzeugt: {written.pages} Seiten und {written.files} Dateien in {folder} ({elapsed:.2f} s).")
    return 0


def ready(root: Path, repository: str | None, pages_answer: Path | None, summary_file: Path | None) -> int:
    from .editors import go_live

    pages = None
    if pages_answer is not None and pages_answer.is_file():
        pages = go_live.Pages.from_answer(pages_answer.read_text(encoding="utf-8"))
    found = go_live.findings(root, repository or os.environ.get("GITHUB_REPOSITORY") or None, pages)
    print(go_live.report(found), end="", file=sys.stderr if found else sys.stdout)
    if summary_file is not None:
        with summary_file.open("a", encoding="utf-8") as summary_out:
            summary_out.write(go_live.summary(found))
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    """The command, with a failure of the machine (full disk, no rights, Ctrl-C) as one German line."""
    try:
        return _run(argv)
    except (OSError, KeyboardInterrupt, MemoryError) as error:
        message = german_failure(error)
        if message is None:
            raise
        print(f"Fehler: {message}", file=sys.stderr)
        return 130 if isinstance(error, KeyboardInterrupt) else 1


def _run(argv: list[str] | None) -> int:
    args = cli.parser().parse_args(argv)
    if args.command in ("sources", "canary", "release"):
        return _weekly_or_release(args)
    if args.command == "ready":
        return ready(args.root, args.repository, args.pages, args.summary)
    if args.command == "format" and args.notice:
        from .editors import style_notes

        return style_notes.notice(args.root, args.suggestions)
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
    if args.command == "admin":
        return admin(args.root, args.site)
    if args.command == "finish":
        return finish(args.root, args.generated, args.site)
    return 2  # pragma: no cover - argparse rejects unknown commands


def after_any_engine(root: Path, generated: Path, site: Path) -> list[str]:
    """The hub's steps after any engine built ``generated`` into ``site``: the generator's sitemap over
    one the engine wrote itself, /admin/, the search index. What failed, in German (nothing: [])."""
    from .editors import admin_site
    from .engine import generate as generator
    from .engine import search_index

    if not (generated / "sitemap.xml").is_file():  # nothing is done with a folder `generate` did not write
        return [f"{generated} enthält keine sitemap.xml: zuerst `python -m msdz_hub generate {generated}`."]
    generator.restore_sitemap(generated, site)
    failed = []
    try:
        admin_site.write_for_site(root, site)
    except admin_site.AdminError as error:
        failed.append(f"Redaktionssystem /admin/: {error}")
    try:
        search_index.index_site(site)
    except search_index.SearchIndexError as error:
        failed.append(f"Suchindex: {error}")
    return failed


def finish(root: Path, generated: Path, site: Path) -> int:
    failed = after_any_engine(root, generated, site)
    for line in failed:
        print(f"Fehler: {line}", file=sys.stderr)
    if not failed:
        print(f"Nach dem Bau ergänzt: sitemap.xml, /admin/ und Suchindex in {site}.")
    return 1 if failed else 0


def _weekly_or_release(args) -> int:
    """The commands that run on a schedule or after a deploy, each glued in its own module."""
    if args.command == "sources":
        from .editors import source_guard

        return source_guard.command(args.root, args.status, args.report, args.interval, args.timeout)
    if args.command == "canary":
        from .engine import canary

        after_build = functools.partial(after_any_engine, args.root, args.generated)
        print(canary.run(args.root, args.zensical, args.generated, args.site, args.work, after_build), end="")
        return 0  # a measurement, never a failed build
    from .engine import release

    return release.command(args.root, args.site, args.out, args.tag, args.download_base)


if __name__ == "__main__":
    try:
        status = main()
    except Exception:  # a bug: its traceback, then a German last line
        traceback.print_exc()
        print(PROGRAM_FAULT, file=sys.stderr)
        status = 1
    sys.exit(status)
