"""Operational faults and hostile files (the adversarial review of the hub, §4, §10, §13): each ends as
one German problem line for the file at fault, never a traceback or a hang; builds and the
preview behave as promised."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import TEST_OPERATOR, TinyHub, copy_repository, mkdocs_env

from msdz_hub.core.settings import Operator, SiteSettings
from msdz_hub.editors.change_summary import _cell
from msdz_hub.engine import session
from msdz_hub.engine.staging import private_staging_folder
from msdz_hub.reading import file_errors, load_tree


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "msdz_hub", "--root", str(root), "check"],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    TinyHub(tmp_path)
    os.mkfifo(tmp_path / "data/topics/fifo.yml")
    result = _check(tmp_path)  # a blocking open() would hang until the timeout
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/topics/fifo.yml:1:1: error: 'Datei': keine normale Datei" in result.stderr


@pytest.mark.parametrize(
    "error, expected",
    [
        (PermissionError(13, "Permission denied"), "die Datei ist nicht lesbar (fehlende Leserechte)"),
        (FileNotFoundError(2, "No such file or directory"), "die Datei ist während des Lesens verschwunden"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_problem_line(tmp_path, monkeypatch, error, expected):
    hub = TinyHub(tmp_path)
    real_open = os.open

    def failing_open(path, *args, **kwargs):  # as root, chmod cannot take the right to read
        if str(path).endswith("klimawandel.yml"):
            raise error
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(file_errors.os, "open", failing_open)
    assert f"data/topics/klimawandel.yml:1:1: error: 'Datei': {expected}" in "\n".join(hub.problems())


def test_a_file_that_grew_since_its_status_was_taken_is_read_to_its_end(tmp_path, monkeypatch):
    TinyHub(tmp_path)
    monkeypatch.setenv("CI", "true")  # nothing kept: every file read and parsed
    whole = {record.path: record.data for record in load_tree(tmp_path)[0]}
    real_fstat = os.fstat

    def stale(descriptor):  # the status as it was before an editor's save appended 20 bytes
        fields = list(real_fstat(descriptor))
        fields[6] = max(0, fields[6] - 20)  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(file_errors.os, "fstat", stale)
    assert {record.path: record.data for record in load_tree(tmp_path)[0]} == whole


def test_an_unreadable_folder_is_named_instead_of_every_reference_to_it(tmp_path, monkeypatch):
    hub = TinyHub(tmp_path)
    real_scandir = os.scandir

    def failing_scandir(path):
        if str(path).endswith("topics"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing_scandir)
    problems = hub.problems()
    assert problems == [
        "data/topics:1:1: error: 'Datei': der Ordner kann nicht gelesen werden (fehlende Leserechte); "
        "seine Dateien fehlen. Rechte prüfen, z. B. chmod a+rx."
    ]


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (lambda text: text[: len(text) // 2], "Schema-Datei kein gültiges JSON"),
        (
            lambda text: text.replace('"type": "object"', '"type": "objekt"', 1),
            "Schema-Datei kein gültiges JSON Schema",
        ),
    ],
)
def test_a_broken_schema_is_one_problem_line(tmp_path, breakage, expected):
    TinyHub(tmp_path)
    schema = tmp_path / "data/schema/topics.schema.json"
    schema.write_text(breakage(schema.read_text(encoding="utf-8")), encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("data/schema/topics.schema.json:"), result.stderr
    assert expected in result.stderr.splitlines()[0]


def test_a_file_name_with_a_line_break_stays_on_one_problem_line(tmp_path):
    hub = TinyHub(tmp_path)
    (tmp_path / "data/topics/klima\nwandel.yml").write_text("title: Klima\n", encoding="utf-8")
    problems = hub.problems()
    assert problems and all("\n" not in line for line in problems)
    assert problems[0].startswith("data/topics/klima\\nwandel.yml:1:1: error: 'Datei': Dateiname")


def test_each_build_stages_in_a_private_folder_and_serve_keeps_its_own(tmp_path):
    site = str(tmp_path / "site")
    mine = private_staging_folder()
    assert private_staging_folder() != mine  # two builds in one process never share one
    assert (mine.stat().st_mode & 0o777) == 0o700
    settings = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))
    served = session.serve(tmp_path, settings, site).staging
    assert session.serve(tmp_path, settings, site).staging == served  # the rebuilds of one `mkdocs serve`
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "from msdz_hub.engine.staging import private_staging_folder as f; print(f())",
        ],
        env=mkdocs_env() | dict(os.environ, PYTHONPATH="hooks"),
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    theirs = Path(other.stdout.strip())
    assert theirs != mine and not theirs.exists()  # another process's own, removed when it ended


@pytest.mark.build  # a real `mkdocs build`
def test_a_dirty_rebuild_drops_the_pages_of_deleted_and_renamed_records(tmp_path):
    """What `make serve` (--dirty) shows after a record is deleted or renamed."""
    repo = copy_repository(tmp_path / "repo")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", str(site)]
    subprocess.run(command, cwd=repo, env=mkdocs_env(), check=True, capture_output=True)
    news = sorted((repo / "data/news").glob("*.yml"))
    deleted, renamed = news[0], news[1]
    assert (site / "aktuelles" / deleted.stem / "index.html").is_file()
    deleted.unlink()
    renamed.rename(renamed.with_name("umbenannt-" + renamed.name))
    try:
        subprocess.run(command, cwd=repo, env=mkdocs_env(), check=True, capture_output=True)
        assert not (site / "aktuelles" / deleted.stem).exists()
        assert not (site / "aktuelles" / renamed.stem).exists()
        assert (site / "aktuelles" / ("umbenannt-" + renamed.stem) / "index.html").is_file()
    finally:
        shutil.rmtree(tmp_path / ".site.msdz-hub-staging", ignore_errors=True)


def test_the_ci_summary_shows_record_text_as_text():
    title = '<img src="https://evil.example/p.png"> **Geprüft ✅** [Vorschau öffnen](https://evil.example/login)|x\ny'
    cell = _cell(title)
    assert "<img" not in cell and "**" not in cell and "](" not in cell and "\n" not in cell
    assert "&lt;img" in cell and "\\*\\*Geprüft ✅\\*\\*" in cell and "\\|x" in cell
    assert json.dumps(cell)  # one plain string
