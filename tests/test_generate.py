"""`python -m msdz_hub generate FOLDER`: the generator without MkDocs writes every page and file the
site is made of, exactly what MkDocs gets from the hook, and refuses bad data as `check` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from support import TinyHub, copy_repository, mkdocs_env

from msdz_hub.__main__ import GENERATED_MARK, main

# A second hook for a real build: once the hub's hook has handed its pages and files to MkDocs,
# it copies each as MkDocs holds it (File.content_bytes) into RECORD_TO.
RECORDER = """
import os
from pathlib import Path


def on_env(env, config, files):
    target = Path(os.environ["RECORD_TO"])
    for file in files:
        if file.generated_by:
            path = target / file.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.content_bytes)
    return env
"""


@pytest.fixture
def tiny_repo(tmp_path: Path) -> TinyHub:
    """The tiny hub in a copy of the repository (mkdocs.yml, templates), as `generate` reads it."""
    return TinyHub(copy_repository(tmp_path / "repo", with_data=False))


@pytest.fixture
def operator_contact(monkeypatch):
    for name, value in mkdocs_env().items():
        if name.startswith("HUB_OPERATOR_"):
            monkeypatch.setenv(name, value)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != GENERATED_MARK
    }


def test_the_folder_holds_each_records_page_and_feeds_that_parse(tiny_repo, tmp_path, operator_contact, capsys):
    out = tmp_path / "out"
    assert main(["--root", str(tiny_repo.root), "generate", str(out)]) == 0
    assert "Erzeugt: " in capsys.readouterr().out
    page = (out / "kommunen" / "zossen.md").read_text(encoding="utf-8")
    assert page.startswith("---\n") and "\ntitle: Zossen\n" in page  # front matter for the engine
    assert "\n# Zossen " in page and "**Landkreis:** Teltow\\-Fläming" in page  # Markdown, escaped
    assert (out / "praxisbeispiele" / "beirat.md").is_file()
    feed = feedparser.parse((out / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert "Meldung: Fachkonferenz gestartet" in [entry.title for entry in feed.entries]
    assert (out / "veranstaltungen" / "kalender.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_second_run_replaces_the_folder_and_a_foreign_folder_is_refused(tiny_repo, tmp_path, operator_contact):
    out = tmp_path / "out"
    assert main(["--root", str(tiny_repo.root), "generate", str(out)]) == 0
    (out / "kommunen" / "abgerissen.md").write_text("alt", encoding="utf-8")
    assert main(["--root", str(tiny_repo.root), "generate", str(out)]) == 0
    assert not (out / "kommunen" / "abgerissen.md").exists()
    foreign = tmp_path / "eigenes"
    foreign.mkdir()
    (foreign / "notiz.txt").write_text("bleibt", encoding="utf-8")
    assert main(["--root", str(tiny_repo.root), "generate", str(foreign)]) == 1
    assert (foreign / "notiz.txt").read_text(encoding="utf-8") == "bleibt"


def test_bad_data_gives_the_lines_and_exit_status_of_check_and_writes_nothing(
    tiny_repo, tmp_path, operator_contact, capsys
):
    tiny_repo.write("cities/zossen.yml", "title: Zossen\ndistrict: 7\n")
    root = str(tiny_repo.root)
    checked = main(["--root", root, "check"])
    check_lines = capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["--root", root, "generate", str(out)]) == checked == 1
    # the same problem lines; only the closing line differs (check builds nothing, so it does not say so)
    assert capsys.readouterr().err.splitlines()[:-1] == check_lines.splitlines()[:-1]
    assert "data/cities/zossen.yml:2:11: error: 'district'" in check_lines
    assert not out.exists() and not any(tmp_path.glob(".out*"))


def test_without_the_operators_contact_the_pages_are_generated_with_a_warning(tiny_repo, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("HUB_OPERATOR_EMAIL", raising=False)
    monkeypatch.setenv("HUB_OPERATOR_PHONE", "+49 331 0")
    assert main(["--root", str(tiny_repo.root), "generate", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert err.count("Warnung: Im Impressum fehlt eine E-Mail-Adresse (extra.operator.email) des") == 1
    impressum = (tmp_path / "out" / "impressum" / "index.md").read_text(encoding="utf-8")
    assert "Noch nicht eingetragen: die E\\-Mail\\-Adresse des Herausgebers." in impressum


@pytest.mark.build
def test_the_generated_files_are_exactly_what_mkdocs_gets_from_the_hook(tmp_path):
    repo = copy_repository(tmp_path / "repo")  # the real data
    (repo / "record_generated.py").write_text(RECORDER, encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:\n" in config
    (repo / "mkdocs.yml").write_text(
        config.replace("\nhooks:\n", "\nhooks:\n  - record_generated.py\n"), encoding="utf-8"
    )
    received = tmp_path / "received"
    env = dict(mkdocs_env(), RECORD_TO=str(received))
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(build, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    generate = [sys.executable, "-m", "msdz_hub", "--root", str(repo), "generate", str(tmp_path / "out")]
    result = subprocess.run(generate, env=mkdocs_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    generated, staged = tree(tmp_path / "out"), tree(received)
    assert sorted(generated) == sorted(staged)
    assert len(generated) > 200 and any(name.endswith(".md") for name in generated)
    assert [name for name in generated if generated[name] != staged[name]] == []
