"""`check` under GitHub Actions: every problem as a plain line and as an annotation on the diff."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from support import ROOT

# Four kinds of mistake, each in its own file: (file, text, line, column, field, words of the message).
BROKEN = [
    (
        "topics/tippfehler.yml",
        "title: Tippfehler\nsummary: Ein ausreichend langer Text.\nsumary: doppelt\n",
        3,
        1,
        "sumary",
        "unbekanntes Feld 'sumary'",
    ),
    (
        "projects/verweis.yml",
        "title: Verweis\nround: runde-1\ncities: [zossen, zosen]\ntopics: [klimawandel]\n"
        "summary: Ein ausreichend langer Text.\npublished: 2021-02-10\nsources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]\n",
        3,
        18,
        "cities[1]",
        "unbekannte Kommune 'zosen' (meinten Sie 'zossen'?)",
    ),
    (
        "news/datum.yml",
        "title: Datum\npublished: 21.04.2021\nsummary: Ein ausreichend langer Text.\nsources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]\n",
        2,
        12,
        "published",
        "'21.04.2021' ist kein gültiges Datum",
    ),
    # an unclosed quote: the file ends on line 2, so the problem points at the end of that line
    ("topics/syntax.yml", 'title: Kaputt\nsummary: "nicht geschlossen\n', 2, 28, "Datei", "YAML-Syntaxfehler"),
]
PLAIN = re.compile(r"^(?P<file>data/[^:]+):(?P<line>\d+):(?P<col>\d+): error: '(?P<field>[^']+)': (?P<message>.+)$")
ANNOTATION = re.compile(
    r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]+)::(?P<message>.+)$"
)


@pytest.fixture
def broken_hub(tiny_hub):
    for rel, text, *_ in BROKEN:
        tiny_hub.write(rel, text)
    return tiny_hub


def run_check(root, github_actions: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    env.pop("GITHUB_ACTIONS", None)  # CI itself runs under GitHub Actions
    env.pop("GITHUB_STEP_SUMMARY", None)  # and a failed check would write into its job summary
    if github_actions:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "msdz_hub", "check", "--root", str(root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def matches(pattern: re.Pattern, output: str) -> list[re.Match]:
    return [m for m in map(pattern.match, output.splitlines()) if m]


def test_under_github_actions_every_problem_is_also_an_annotation(broken_hub):
    result = run_check(broken_hub.root, github_actions=True)
    assert result.returncode == 1
    plain = {
        (m["file"], int(m["line"]), int(m["col"]), m["field"]): m["message"] for m in matches(PLAIN, result.stderr)
    }
    annotations = {(m["file"], int(m["line"]), int(m["col"])): m for m in matches(ANNOTATION, result.stderr)}
    for rel, _, line, column, field, words in BROKEN:
        where = (f"data/{rel}", line, column)
        assert words in plain[(*where, field)], result.stderr
        annotation = annotations[where]
        assert words in annotation["message"]
        assert annotation["title"] == f"Datenfehler in {field}"
    # One annotation per plain line, and no other output besides the closing sentence (also an annotation).
    assert len(annotations) == len(plain) == len(BROKEN)
    *_, closing_annotation, closing = result.stderr.splitlines()
    next_step = "nach der Korrektur im Pull Request („Commit changes“) prüft GitHub von selbst erneut."
    assert closing == f"Prüfung nicht bestanden: 4 Fehler in 4 Dateien – siehe oben; {next_step}"
    marked = "4 Fehler in 4 Dateien – die Stellen sind im Pull Request unter „Files changed“ markiert"
    assert closing_annotation == f"::error title=Prüfung nicht bestanden::{marked}; {next_step}"
    assert result.stdout == ""


def test_without_github_actions_there_are_no_annotations(broken_hub):
    result = run_check(broken_hub.root, github_actions=False)
    assert result.returncode == 1
    assert len(matches(PLAIN, result.stderr)) == len(BROKEN)
    assert "::error" not in result.stderr + result.stdout


def test_annotation_escapes_what_would_end_its_properties_or_message():
    from msdz_hub.core.problems import Problem

    line = Problem("data/a,b:c.yml", 2, 3, "x", "50 % falsch\nzweite Zeile").format_annotation()
    assert line == "::error file=data/a%2Cb%3Ac.yml,line=2,col=3,title=Datenfehler in x::50 %25 falsch%0Azweite Zeile"


def test_valid_data_passes_with_exit_status_0(tiny_hub):
    result = run_check(tiny_hub.root, github_actions=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/ ist in Ordnung: 8 Einträge geprüft")
    assert "::error" not in result.stderr


def test_a_syntax_error_hides_nothing_else_in_its_file_or_in_others(tiny_hub):
    """Task 10 of the editors' trial: a tab, a German date and a misspelt town took two rounds."""
    tiny_hub.write(
        "events/werkstatt.yml",
        "title: Werkstatt\nkind: fachkonferenz\nstart: 12.06.2024\nlocation:\n\tname: Rathaus\n"
        "  city: zosen\nsummary: Eine Werkstatt im Rathaus, für alle offen.\nprojects: [zossen-2021]\n"
        "published: 2024-05-01\nsources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]\n",
    )
    tiny_hub.write("topics/kaputt.yml", "title: Kaputt: ja\nsummary: kurz\n")
    tiny_hub.write("news/datum.yml", "title: Datum\npublished: 21.04.2021\nsummary: Ein ausreichend langer Text.\n")
    lines = run_check(tiny_hub.root, github_actions=False).stderr.splitlines()
    found = {(m["file"], int(m["line"]), m["field"]): m["message"] for m in matches(PLAIN, "\n".join(lines))}
    assert "Tabulatorzeichen" in found[("data/events/werkstatt.yml", 5, "Datei")]
    assert found[("data/events/werkstatt.yml", 3, "start")].endswith("gemeint ist wohl 2024-06-12")
    assert "unbekannte Kommune 'zosen'" in found[("data/events/werkstatt.yml", 6, "location.city")]
    # the title's line cannot be read: its problem is named, the title is not called missing
    assert "Doppelpunkt" in found[("data/topics/kaputt.yml", 1, "Datei")]
    assert "zu kurz" in found[("data/topics/kaputt.yml", 2, "summary")]
    assert not [m for m in found.values() if "Pflichtfeld 'title'" in m]
    assert found[("data/news/datum.yml", 2, "published")].endswith("gemeint ist wohl 2021-04-21")
    assert any("Pflichtfeld 'sources' fehlt" in line for line in lines if line.startswith("data/news/datum.yml"))
