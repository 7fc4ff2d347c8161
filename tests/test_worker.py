"""The hub renders its pages in a worker process beside MkDocs (hooks/msdz_hub/worker.py):
a failure there must stop the build with a clear message, never leave it waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from msdz_hub.worker import write_if_changed
from support import copy_repository, mkdocs_env


def test_a_failing_template_stops_the_build_with_its_error(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    template = repo / "overrides/hub/record/cities.md"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ r.title }}", "{{ r.titel_vertippt }}", 1),
                        encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=repo, env=mkdocs_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "Fehler im Hub-Generator" in result.stderr
    assert "titel_vertippt" in result.stderr and "record/cities.md" in result.stderr
    assert time.monotonic() - started < 120


def test_an_unchanged_file_keeps_its_time_stamp(tmp_path):
    path = tmp_path / "a" / "page.md"
    write_if_changed(path, b"eins")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    write_if_changed(path, b"eins")
    assert path.stat().st_mtime_ns == 1_000_000_000
    write_if_changed(path, b"zwei")
    assert path.read_bytes() == b"zwei" and path.stat().st_mtime_ns > 1_000_000_000
