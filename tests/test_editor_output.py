"""What an editor sees when a command fails: a German last line that says what to do next.

Below it GNU make would add „make: *** [Makefile:NN: check] Error 1“ (or „… Interrupt“ after Ctrl-C),
MkDocs „Aborted with a BuildError!“ or „Aborted with 1 warnings in strict mode!“, Python a traceback:
none of that may appear (the Makefile's OR_STOP_QUIETLY, the hook's on_build_error). Each command runs
through the repository's Makefile in a copy holding a tiny hub, as an editor types it; its output is read
as one stream, in the order a terminal shows it. The command must still fail, for CI and scripts.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT, VALID_RECORDS, TinyHub, copy_repository, mkdocs_env

BIN = Path(sys.executable).parent
NOISE = re.compile(r"make: \*\*\*|Error \d|Aborted|Traceback|Interrupt")
# Three mistakes in two files; the date's message names the corrected value.
BROKEN = {
    "practices/beirat.yml": VALID_RECORDS["practices/beirat.yml"]
    .replace("published: 2026-11-26", "published: 12.06.2024")
    .replace("topics: [klimawandel]", "topics: [klimawandl]"),
    "news/2021-04-21-fachkonferenz.yml": VALID_RECORDS["news/2021-04-21-fachkonferenz.yml"].replace(
        "published: 2021-04-21", "published: 21.04.2021"
    ),
}
COUNTED = "3 Fehler in 2 Dateien – siehe oben"


def hub_with_makefile(root: Path, site: bool = False, broken: bool = True) -> TinyHub:
    """A tiny hub beside the repository's Makefile and code (for build and serve also its pages and theme)."""
    if site:
        copy_repository(root, with_data=False)
    else:
        shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "Makefile", root / "Makefile")
    hub = TinyHub(root)
    for rel, text in BROKEN.items() if broken else ():
        hub.write(rel, text)
    return hub


def make_words(*words: str) -> list[str]:
    """`make WORDS`, with the set-up steps done already (the shared .venv and node_modules)."""
    return ["make", "--no-print-directory", *words, "STAMP=", "NODE_STAMP=", f"BIN={BIN}"]


def make(root: Path, *words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        make_words(*words),
        cwd=root,
        env=env or mkdocs_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )


def last_line_in_german(returncode: int, output: str) -> str:
    """The last line of a failed command, after asserting that it failed without English noise."""
    assert returncode != 0, output
    noise = [line for line in output.splitlines() if NOISE.search(line)]
    assert not noise, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines, "no output"
    return lines[-1]


def test_make_check_ends_with_the_count_and_the_next_step(tmp_path):
    hub_with_makefile(tmp_path)
    result = make(tmp_path, "check")
    last = last_line_in_german(result.returncode, result.stdout)
    assert last == f"Prüfung nicht bestanden: {COUNTED}; nach der Korrektur erneut `make check`."
    date = [line for line in result.stdout.splitlines() if line.startswith("data/practices/beirat.yml:8:")]
    assert date and "2024-06-12" in date[0], result.stdout


def test_in_a_pull_request_the_check_ends_with_the_next_step_there(tmp_path):
    """Under GitHub Actions: the same last line for the log, also as an annotation and in the job summary."""
    hub_with_makefile(tmp_path)
    summary = tmp_path / "summary.md"
    env = {**mkdocs_env(), "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = make(tmp_path, "check", env=env)
    last = last_line_in_german(result.returncode, result.stdout)
    next_step = "nach der Korrektur im Pull Request („Commit changes“) prüft GitHub von selbst erneut."
    assert last == f"Prüfung nicht bestanden: {COUNTED}; {next_step}"
    marked = "3 Fehler in 2 Dateien – die Stellen sind im Pull Request unter „Files changed“ markiert"
    assert f"::error title=Prüfung nicht bestanden::{marked}; {next_step}" in result.stdout.splitlines()
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Prüfung nicht bestanden\n\n3 Fehler in 2 Dateien:\n\n```text\n"), text
    assert "\ndata/news/2021-04-21-fachkonferenz.yml:2:12: error: 'published': '21.04.2021'" in text
    assert text.endswith(f"```\n\nN{next_step[1:]}\n\n"), text


def test_make_new_without_a_title_says_how_to_give_one(tmp_path):
    hub_with_makefile(tmp_path, broken=False)
    result = make(tmp_path, "new", "COLLECTION=practices")
    last = last_line_in_german(result.returncode, result.stdout)
    assert last.startswith('Fehler: Titel fehlt. Beispiel: make new COLLECTION=practices TITLE="Mein Beispiel"')


def test_make_format_refusing_a_linked_data_folder_says_what_it_must_be(tmp_path):
    hub_with_makefile(tmp_path / "repo", broken=False)
    shutil.move(tmp_path / "repo/data", tmp_path / "elsewhere")
    (tmp_path / "repo/data").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    result = make(tmp_path / "repo", "format")
    last = last_line_in_german(result.returncode, result.stdout)
    assert last == "Fehler: data/ ist eine Verknüpfung (Symlink); data/ muss ein Ordner im Repository sein."


@pytest.mark.build  # `make build`, stopped by the data check before any page is built
def test_make_build_with_broken_data_ends_with_the_count_and_make_build(tmp_path):
    hub_with_makefile(tmp_path, site=True)
    result = make(tmp_path, "build")
    last = last_line_in_german(result.returncode, result.stdout)
    assert last == f"Nichts gebaut: {COUNTED}; nach der Korrektur erneut `make build`."


@pytest.mark.build  # a whole `make build` of the tiny hub, refused by MkDocs at its end
def test_a_warning_of_mkdocs_ends_in_german_too(tmp_path):
    hub_with_makefile(tmp_path, site=True, broken=False)
    page = tmp_path / "docs/redaktion/probe.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Probe\n\nSiehe [die Seite, die es nicht gibt](gibt-es-nicht.md).\n", encoding="utf-8")
    result = make(tmp_path, "build")
    last = last_line_in_german(result.returncode, result.stdout)
    assert "gibt-es-nicht.md" in result.stdout  # MkDocs' own warning, above
    assert re.fullmatch(
        r"Nichts gebaut: MkDocs hat \d+ Meldung(en)? ausgegeben \(oben, auf Englisch\); jede hält den Bau an "
        r"– nach der Korrektur erneut `make build`\.",
        last,
    ), last


def _free_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.build  # `make serve`, refused by the data check of its first build
def test_make_serve_with_broken_data_ends_with_the_count_and_make_serve(tmp_path):
    hub_with_makefile(tmp_path, site=True)
    result = make(tmp_path, "serve", f"SERVE_ADDR={_free_address()}")
    last = last_line_in_german(result.returncode, result.stdout)
    assert last == f"Nichts gebaut: {COUNTED}; nach der Korrektur erneut `make serve`."


@pytest.mark.build  # `make serve` of the tiny hub until Ctrl-C
def test_ctrl_c_ends_make_serve_with_a_german_line(tmp_path):
    hub_with_makefile(tmp_path / "repo", site=True, broken=False)
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:  # its own session: Ctrl-C reaches make and all below it
        serve = subprocess.Popen(
            make_words("serve", f"SERVE_ADDR={_free_address()}"),
            cwd=tmp_path / "repo",
            env=mkdocs_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 180
            while "Serving on" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
                assert serve.poll() is None, log.read_text(encoding="utf-8")
                time.sleep(0.5)
            os.killpg(serve.pid, signal.SIGINT)
            serve.wait(timeout=60)
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)
    output = log.read_text(encoding="utf-8")
    assert "Serving on" in output, output
    last = last_line_in_german(serve.returncode, output)
    assert last == "Vorschau beendet (Strg+C) – neu starten mit `make serve`."
