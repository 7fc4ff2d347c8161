"""The hub renders its pages in a worker process beside MkDocs (hooks/msdz_hub/worker.py):
a failure there must stop the build with a clear message, never leave it waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from support import copy_repository, mkdocs_env

from msdz_hub.settings import Operator, SiteSettings
from msdz_hub.worker import write_if_changed


@pytest.mark.build  # a real `mkdocs build`
def test_a_failing_template_stops_the_build_with_its_error(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    template = repo / "hooks/msdz_hub/templates/record/cities.md"
    template.write_text(
        template.read_text(encoding="utf-8").replace("{{ r.title }}", "{{ r.titel_vertippt }}", 1), encoding="utf-8"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=repo,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
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


def test_the_worker_may_load_in_a_process_of_its_own(tmp_path, monkeypatch):
    # From reading.parallel.PARALLEL_FROM files on, loading forks a helper; inside the worker too (a daemonic
    # worker could not: hubs of 2 000 records and more failed to build).
    from support import TEST_OPERATOR

    from msdz_hub.reading import parallel
    from msdz_hub.worker import SiteWorker

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # the forked worker inherits it
    repo = copy_repository(tmp_path / "repo")
    settings = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))
    worker = SiteWorker(repo, settings, tmp_path / "staging")
    worker.wait_until_done()
    assert len(worker.manifest.pages) > 140
    assert (tmp_path / "staging" / "kommunen" / "zossen.md").read_text(encoding="utf-8").count("Zossen") > 1
    assert all((tmp_path / "staging" / path).is_file() for path in worker.manifest.files)


def test_a_data_error_reaches_whoever_asks_the_worker_first(tmp_path):
    # The hook takes the verdict in on_pre_build (mkdocs serve) or only in on_files (mkdocs build);
    # either way no page may come out of invalid data, and the problem names file and line.
    from support import TEST_OPERATOR

    from msdz_hub.problems import DataError
    from msdz_hub.worker import SiteWorker

    repo = copy_repository(tmp_path / "repo")
    town = repo / "data/cities/zossen.yml"
    town.write_text(
        town.read_text(encoding="utf-8").replace("population: 21433", "population: viele"), encoding="utf-8"
    )
    settings = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))
    staging = tmp_path / "staging"
    for ask in (lambda worker: worker.manifest, lambda worker: worker.wait_for_page(0), SiteWorker.check_data):
        worker = SiteWorker(repo, settings, staging, remove_staging=True)
        with pytest.raises(DataError) as raised:
            ask(worker)
        assert [(p.path, p.line, p.field) for p in raised.value.problems] == [
            ("data/cities/zossen.yml", 5, "population")
        ]
        assert not staging.exists()  # nothing was written
