"""`make serve` never hangs a request, whatever a rebuild raised, and two builds at once both succeed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from support import copy_repository, mkdocs_env
from test_serve import fetch, free_port, start_serve, wait_for

pytestmark = pytest.mark.build  # every test here runs `mkdocs serve` or `mkdocs build`


def _log_text(path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_generator_error_in_a_rebuild_leaves_every_request_answered(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "serve.log"
    log = log_path.open("w+", encoding="utf-8")
    server = start_serve(repo, port, log)
    template = repo / "hooks/msdz_hub/pages/templates/record/cities.md"
    good = template.read_text(encoding="utf-8")
    try:
        assert "Zossen" in wait_for(lambda: fetch(base + "kommunen/zossen/"))
        # A mistake in a generator template: StrictUndefined raises while the worker renders.
        template.write_text(good + "\n{{ r.no_such_field_anywhere }}\n", encoding="utf-8")
        wait_for(lambda: "no_such_field_anywhere" in _log_text(log_path))
        time.sleep(1)  # MkDocs would now be stuck if the error had escaped its rebuild loop
        for path in ("", "kommunen/zossen/", "veranstaltungen/", "praxisbeispiele/"):
            started = time.monotonic()
            page = fetch(base + path)
            assert page is not None, f"/{path} did not answer"
            assert time.monotonic() - started < 5
        assert "Zossen" in (fetch(base + "kommunen/zossen/") or "")  # the last good build
        template.write_text(good.replace("{{", "{{ '' }}{{", 1), encoding="utf-8")  # fixed, a new byte
        marker = repo / "data/cities/zossen.yml"
        marker.write_text(
            marker.read_text(encoding="utf-8").replace("title: Zossen", "title: Zossen wieder", 1), encoding="utf-8"
        )
        assert wait_for(lambda: "Zossen wieder" in (fetch(base + "kommunen/zossen/") or ""))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()


def test_two_builds_at_once_in_one_folder_both_succeed(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    builds = []
    for offset in (0, 0.4):
        time.sleep(offset)
        builds.append(
            subprocess.Popen(
                command, cwd=repo, env=mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        )
    for build in builds:
        output, _ = build.communicate(timeout=300)
        assert build.returncode == 0, output
        assert "Traceback" not in output
    assert "Zossen" in (repo / "site/kommunen/zossen/index.html").read_text(encoding="utf-8")
