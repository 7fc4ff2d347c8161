"""`summary --base <ref>`: the records a pull request touches and their pages, for the run's summary."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import ROOT

from msdz_hub.editors.change_summary import GitError, changes, summarize

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tiny_hub):
    """The TinyHub committed on main, then a branch 'vorschlag' that changes a bit of everything."""
    root = tiny_hub.root
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Ausgangsstand")
    git(root, "checkout", "--quiet", "-b", "vorschlag")
    tiny_hub.write("practices/buergerrat.yml", "title: Gelooster Bürgerrat | zweite Runde\nsummary: x\n")
    city = root / "data/cities/zossen.yml"
    city.write_text(
        city.read_text(encoding="utf-8").replace("Eine wachsende", "Eine schnell wachsende"), encoding="utf-8"
    )
    git(root, "rm", "--quiet", "data/news/2021-04-21-fachkonferenz.yml")
    git(root, "mv", "data/events/fachkonferenz-2021.yml", "data/events/erste-fachkonferenz-2021.yml")
    schema = root / "data/schema/topics.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("Ein Thema,", "Ein Thema des Hubs,"), encoding="utf-8")
    (root / "README.md").write_text("nicht unter data/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Vorschlag")
    return root


def test_changes_lists_added_changed_removed_and_renamed_files_under_data(repo):
    found = [(c.status, c.path, c.old_path) for c in changes(repo, "main")]
    assert found == [
        ("M", "data/cities/zossen.yml", None),
        ("R", "data/events/erste-fachkonferenz-2021.yml", "data/events/fachkonferenz-2021.yml"),
        ("D", "data/news/2021-04-21-fachkonferenz.yml", None),
        ("A", "data/practices/buergerrat.yml", None),
        ("M", "data/schema/topics.schema.json", None),
    ]


def test_summary_names_each_record_with_its_page(repo):
    text = summarize(repo, "main", site_url="https://hub.example/")
    assert text.startswith("## Geänderte Inhalte\n")
    assert "Einträge gegenüber `main`: 1 geändert, 1 umbenannt, 1 gelöscht, 1 neu." in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| geändert | Kommune „Zossen“ | `data/cities/zossen.yml` | [`/kommunen/zossen/`](https://hub.example/kommunen/zossen/) |",
        "| umbenannt | Veranstaltung „Erste Fachkonferenz“ | `data/events/fachkonferenz-2021.yml` → "
        "`data/events/erste-fachkonferenz-2021.yml` | `/veranstaltungen/erste-fachkonferenz-2021/` – neue Adresse, "
        "bisher [`/veranstaltungen/fachkonferenz-2021/`](https://hub.example/veranstaltungen/fachkonferenz-2021/) |",
        "| gelöscht | Meldung „Fachkonferenz gestartet“ | `data/news/2021-04-21-fachkonferenz.yml` | "
        "entfällt: [`/aktuelles/2021-04-21-fachkonferenz/`](https://hub.example/aktuelles/2021-04-21-fachkonferenz/) |",
        "| neu | Praxisbeispiel „Gelooster Bürgerrat \\| zweite Runde“ | `data/practices/buergerrat.yml` | "
        "`/praxisbeispiele/buergerrat/` |",
    ]
    assert "[`/kommunen/`](https://hub.example/kommunen/)" in text
    assert "[`/praxisbeispiele/`](https://hub.example/praxisbeispiele/)" in text
    assert "Die Feeds (RSS und Atom) werden neu erzeugt." in text
    assert "- Schema `data/schema/topics.schema.json` geändert: betrifft alle Seiten unter `/themen/`." in text
    assert "README.md" not in text  # only data/ counts
    assert "`kommunen/zossen/index.html`" in text  # how to find the page in the preview artifact


def test_without_site_url_pages_are_plain_paths(repo):
    text = summarize(repo, "main")
    assert "| `/kommunen/zossen/` |" in text and "https://" not in text


def test_no_changes_under_data_says_so(repo):
    assert "Keine Änderungen in `data/` gegenüber `vorschlag`." in summarize(repo, "vorschlag")


def test_an_unknown_base_is_explained_in_german(repo):
    with pytest.raises(GitError, match="die Git-Referenz 'origin/main' gibt es hier nicht.*fetch-depth: 0"):
        summarize(repo, "origin/main")


def test_the_command_line_prints_the_summary(repo):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"), **GIT_ENV)
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "summary", "--root", str(repo), "--base", "main"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "| neu | Praxisbeispiel" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "summary", "--root", str(repo), "--base", "gibtsnicht"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Fehler: die Git-Referenz 'gibtsnicht'" in result.stderr
