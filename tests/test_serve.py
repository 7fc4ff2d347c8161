"""`make serve` for editors: a typo shows the German error and the preview keeps the last good build."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from support import SERVE_OPTIONS, copy_repository, mkdocs_env

from msdz_hub.engine.staging import staging_folder

pytestmark = pytest.mark.build  # every test here runs `mkdocs serve` or `mkdocs build`


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("condition not met in time")


def start_serve(repo, port: int, log, **variables: str) -> subprocess.Popen:
    """`make serve`'s command line for ``repo`` on ``port``, its output into ``log``."""
    env = dict(mkdocs_env(), SITE_URL=f"http://127.0.0.1:{port}/", **variables)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def test_a_broken_file_keeps_the_last_good_preview_and_a_fix_shows_up(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/kommunen/zossen/"
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = start_serve(repo, port, log)
    try:
        first = wait_for(lambda: fetch(url))
        assert '<h1 data-pagefind-weight="10" id="zossen">Zossen' in first
        entry = url.replace("kommunen/zossen/", "pagefind/pagefind-entry.json")
        first_index = wait_for(lambda: fetch(entry))  # the preview has a search index
        city = repo / "data/cities/zossen.yml"
        city.write_text(city.read_text(encoding="utf-8").replace("district:", "distrikt:", 1), encoding="utf-8")
        wait_for(lambda: "Fehler beim Neubau" in (tmp_path / "serve.log").read_text(encoding="utf-8"))
        output = (tmp_path / "serve.log").read_text(encoding="utf-8")
        assert "data/cities/zossen.yml:" in output and "unbekanntes Feld 'distrikt' (meinten Sie 'district'?)" in output
        assert "Traceback" not in output
        assert '<h1 data-pagefind-weight="10" id="zossen">Zossen' in (
            fetch(url) or ""
        )  # the last good build, served at once
        fixed = (
            city.read_text(encoding="utf-8")
            .replace("distrikt:", "district:", 1)
            .replace("title: Zossen", "title: Zossen neu", 1)
        )
        city.write_text(fixed, encoding="utf-8")
        assert wait_for(lambda: "Zossen neu" in (fetch(url) or ""))
        # and its search index was written anew for the changed page (the entry names the index's hash)
        assert wait_for(lambda: (fetch(entry) or first_index) != first_index)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs shuts down and its hooks clean up
        server.wait(timeout=30)
        log.close()


def _serve_and_rename_zossen(tmp_path, **variables: str) -> str:
    """Serve a copy of the hub, rename Zossen once it is served, wait for the new name; the log."""
    repo = copy_repository(tmp_path / "repo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/kommunen/zossen/"
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = start_serve(repo, port, log, **variables)
    try:
        wait_for(lambda: fetch(url))
        time.sleep(3)  # a rebuild set off by the first build's own reading of files would have started by now
        city = repo / "data/cities/zossen.yml"
        city.write_text(
            city.read_text(encoding="utf-8").replace("title: Zossen", "title: Zossen neu", 1), encoding="utf-8"
        )
        assert wait_for(lambda: "Zossen neu" in (fetch(url) or ""))
        time.sleep(3)  # and one set off by the rebuild's
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    return (tmp_path / "serve.log").read_text(encoding="utf-8")


def test_a_save_is_built_once_and_the_builds_own_reading_of_files_builds_nothing(tmp_path):
    output = _serve_and_rename_zossen(tmp_path)
    assert output.count("Building documentation") == 2, output  # the first build and the one for the save


def test_with_serve_poll_the_preview_finds_a_save_by_polling(tmp_path):
    """For folders whose changes raise no file events (some network drives): MkDocs' own polling."""
    output = _serve_and_rename_zossen(tmp_path, SERVE_POLL="1")
    assert output.count("Building documentation") == 2, output


def test_a_dirty_rebuild_rewrites_only_the_pages_an_edit_touches(tmp_path):
    """What makes `make serve` fast: after a save only the pages whose Markdown changed are built."""
    repo = copy_repository(tmp_path / "repo")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", str(site)]
    subprocess.run(command, cwd=repo, env=mkdocs_env(), check=True, capture_output=True)
    before = {page: page.stat().st_mtime_ns for page in site.rglob("*.html")}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    time.sleep(0.05)  # a later time stamp, even on coarse file systems
    city = repo / "data/cities/zossen.yml"
    city.write_text(city.read_text(encoding="utf-8").replace("title: Zossen", "title: Zossen neu", 1), encoding="utf-8")
    subprocess.run(command, cwd=repo, env=mkdocs_env(), check=True, capture_output=True)
    rebuilt = {page.relative_to(site).as_posix() for page, mtime in before.items() if page.stat().st_mtime_ns != mtime}
    assert "Zossen neu" in (site / "kommunen/zossen/index.html").read_text(encoding="utf-8")
    assert {"kommunen/zossen/index.html", "kommunen/index.html", "modellvorhaben/zossen-2021/index.html"} <= rebuilt
    # a practice whose page (its similar practices included) does not name Zossen stays as it was
    assert (
        "impressum/index.html" not in rebuilt
        and "praxisbeispiele/eigentuemerbefragung-waermeplanung-altstadt/index.html" not in rebuilt
    )
    assert len(rebuilt) < len(before) / 4, sorted(rebuilt)
    # every page keeps its date in the sitemap, read again or not (a record's: its last change)
    assert (site / "sitemap.xml").read_text(encoding="utf-8") == sitemap
    shutil.rmtree(staging_folder(str(site)))  # `mkdocs build --dirty` keeps it for its next run
