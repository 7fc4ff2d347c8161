"""The hub renders its pages beside MkDocs (hooks/msdz_hub/worker.py), in a forked process or inline:
a failure there must stop the build with a clear message, never leave it waiting."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from support import TEST_OPERATOR, copy_repository, mkdocs_env

from msdz_hub.settings import Operator, SiteSettings
from msdz_hub.staging import write_if_changed

SETTINGS = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))


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

    from msdz_hub import worker
    from msdz_hub.reading import parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # the forked worker inherits it
    repo = copy_repository(tmp_path / "repo")
    site = worker.start(repo, SETTINGS, tmp_path / "staging")
    assert not site.inline
    site.wait_until_done()
    assert site.state is worker.State.DONE
    assert len(site.manifest.pages) > 140
    assert (tmp_path / "staging" / "kommunen" / "zossen.md").read_text(encoding="utf-8").count("Zossen") > 1
    assert all((tmp_path / "staging" / path).is_file() for path in site.manifest.files)


def test_both_runners_write_the_same_pages_and_files(tmp_path):

    from msdz_hub import worker

    repo = copy_repository(tmp_path / "repo")
    written = {}
    for inline in (False, True):
        staging = tmp_path / f"staging-{inline}"
        site = worker.start(repo, SETTINGS, staging, inline=inline)
        assert site.inline is inline
        site.wait_for_page(0)  # the home page, first in the plan
        assert (staging / "index.md").is_file()
        site.wait_until_done()
        written[inline] = {
            p.relative_to(staging).as_posix(): p.read_bytes()
            for p in staging.rglob("*")
            if p.is_file() and ".jinja" not in p.parts
        }
    assert written[True] == written[False] and len(written[True]) > 200


@pytest.mark.parametrize("inline", [False, True], ids=["forked", "inline"])
def test_a_data_error_reaches_whoever_asks_the_worker_first(tmp_path, inline):
    # The hook takes the verdict in on_pre_build (mkdocs serve) or only in on_files (mkdocs build);
    # either way no page may come out of invalid data, and the problem names file and line.

    from msdz_hub import worker
    from msdz_hub.problems import DataError

    repo = copy_repository(tmp_path / "repo")
    town = repo / "data/cities/zossen.yml"
    town.write_text(
        town.read_text(encoding="utf-8").replace("population: 21433", "population: viele"), encoding="utf-8"
    )
    staging = tmp_path / "staging"
    for ask in (lambda w: w.manifest, lambda w: w.wait_for_page(0), worker.SiteWorker.check_data):
        site = worker.start(repo, SETTINGS, staging, inline=inline)
        for _ in range(2):  # asked again, the same answer, never a hang
            with pytest.raises(DataError) as raised:
                ask(site)
            assert [(p.path, p.line, p.field) for p in raised.value.problems] == [
                ("data/cities/zossen.yml", 5, "population")
            ]
        assert site.state is worker.State.FAILED
        assert not staging.exists()  # nothing was written
