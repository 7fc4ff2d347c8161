"""The hub's command line as argparse reads it: every command with its options and German help.
``python -m msdz_hub`` (__main__) runs what it names."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def parser() -> argparse.ArgumentParser:
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
    format_parser.add_argument(
        "--notice", action="store_true", help="Abweichungen nur als Hinweis nennen (kein Fehler), nichts ändern"
    )
    format_parser.add_argument(
        "--suggestions",
        type=Path,
        default=None,
        help="mit --notice: Abweichungen als JSON für Vorschläge im Pull Request",
    )
    cms_parser = commands.add_parser(
        "cms-config", parents=[common], help="Konfiguration des Redaktionssystems ausgeben"
    )
    cms_parser.add_argument("--output", type=Path, default=None, help="Datei statt Standardausgabe")
    cms_parser.add_argument("--local-backend", default=None, help="Adresse eines decap-server (nur für Tests)")
    index_parser = commands.add_parser("index", help="Suchindex (Pagefind) der gebauten Website schreiben")
    index_parser.add_argument(
        "site", type=Path, nargs="?", default=Path("site"), help="gebaute Website (Standard: site)"
    )
    admin_parser = commands.add_parser(
        "admin",
        parents=[common],
        help="Redaktionssystem /admin/ in die gebaute Website schreiben (nach jedem Werkzeug)",
    )
    admin_parser.add_argument(
        "site", type=Path, nargs="?", default=Path("site"), help="gebaute Website (Standard: site)"
    )
    finish_parser = commands.add_parser(
        "finish", parents=[common], help="nach dem Bau mit einem anderen Werkzeug: sitemap.xml, /admin/ und Suchindex"
    )
    finish_parser.add_argument("site", type=Path, nargs="?", default=Path("site"), help="gebaute Website")
    finish_parser.add_argument("--generated", type=Path, required=True, help="Ausgabe von `generate`")
    generate_parser = commands.add_parser(
        "generate", parents=[common], help="alle erzeugten Seiten und Dateien ohne MkDocs in einen Ordner schreiben"
    )
    generate_parser.add_argument("folder", type=Path, help="Zielordner (leer, oder von `generate` geschrieben)")
    ready_parser = commands.add_parser(
        "ready", parents=[common], help="prüfen, ob alles für die Veröffentlichung gesetzt ist"
    )
    ready_parser.add_argument(
        "--repository",
        default=None,
        help="<konto>/<repository>, aus dem veröffentlicht wird (Standard: GITHUB_REPOSITORY)",
    )
    ready_parser.add_argument(
        "--pages", type=Path, default=None, help="Antwort von `gh api repos/…/pages` (JSON-Datei)"
    )
    ready_parser.add_argument("--summary", type=Path, default=None, help="Ergebnis zusätzlich als Markdown anhängen")
    _weekly_and_release_commands(commands, common)
    return parser


def _weekly_and_release_commands(commands, common: argparse.ArgumentParser) -> None:
    """The scheduled source check, the Zensical canary, and the dated release of a deploy."""
    sources = commands.add_parser(
        "sources", parents=[common], help="alle Quellen aufrufen (online) und .sources/status.json fortschreiben"
    )
    sources.add_argument("--status", type=Path, default=Path(".sources/status.json"), help="Statusdatei")
    sources.add_argument("--report", type=Path, default=None, help="Text des Issues in diese Datei")
    sources.add_argument("--interval", type=float, default=2.0, help="Sekunden zwischen Anfragen je Server")
    sources.add_argument("--timeout", type=float, default=15.0, help="Sekunden bis „keine Antwort“")
    canary = commands.add_parser(
        "canary", parents=[common], help="erzeugten Baum mit Zensical bauen und mit dem MkDocs-Bau vergleichen"
    )
    canary.add_argument("--zensical", type=Path, required=True, help="Programm zensical")
    canary.add_argument("--generated", type=Path, required=True, help="Ausgabe von `generate`")
    canary.add_argument("--site", type=Path, default=Path("site"), help="MkDocs-Bau (Standard: site)")
    canary.add_argument("--work", type=Path, default=Path(".zensical/project"), help="Arbeitsordner")
    release = commands.add_parser(
        "release", parents=[common], help="datierten Stand der offenen Daten und der Website als Dateien schreiben"
    )
    release.add_argument("--site", type=Path, default=Path("site"), help="gebaute Website")
    release.add_argument("--out", type=Path, default=Path("release"), help="Zielordner (wird geleert)")
    release.add_argument("--tag", required=True, help="Name des Stands, z. B. 2026-12-07-abc1234")
    release.add_argument("--download-base", required=True, help="Adresse, unter der die Dateien liegen werden")
