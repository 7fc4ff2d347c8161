"""The hub renders its pages beside MkDocs (hooks/msdz_hub/engine/worker.py), in a forked process or inline:
a failure there must stop the build with a clear message, never leave it waiting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from support import TEST_OPERATOR, copy_repository, mkdocs_env

from msdz_hub.core.settings import Operator, SiteSettings
from msdz_hub.engine.staging import write_if_changed

SETTINGS = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))


@pytest.mark.build  # a real `mkdocs build`
def test_a_failing_template_stops_the_build_with_its_error(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    template = repo / "hooks/msdz_hub/pages/templates/record/cities.md"
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


@pytest.mark.build  # a real `mkdocs build`
def test_a_failure_after_the_pages_stops_the_build_and_leaves_no_site_without_its_feeds(tmp_path):
    """MkDocs builds the pages while the worker still writes calendars and feeds; if one fails then,
    the pages already built must not stay behind as if they were the site."""
    repo = copy_repository(tmp_path / "repo")
    calendar = repo / "hooks/msdz_hub/outputs/ical.py"
    source = calendar.read_text(encoding="utf-8")
    marker = "def event_component(record: Record, settings: SiteSettings) -> icalendar.Event:\n"
    assert marker in source
    calendar.write_text(
        source.replace(marker, marker + '    raise RuntimeError("Kalender kaputt")\n'), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=repo,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Fehler im Hub-Generator" in result.stderr and "Kalender kaputt" in result.stderr
    assert not site.exists() or not any(site.iterdir())


def test_an_unchanged_file_keeps_its_time_stamp(tmp_path):
    path = tmp_path / "a" / "page.md"
    write_if_changed(path, b"eins")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    write_if_changed(path, b"eins")
    assert path.stat().st_mtime_ns == 1_000_000_000
    write_if_changed(path, b"zwei")
    assert path.read_bytes() == b"zwei" and path.stat().st_mtime_ns > 1_000_000_000


# The forked runner only forks where no other thread runs (as the loader does); a test session may
# have threads of its own, so the forked runs happen in a fresh process.
_FORKED = """
import json, sys
from pathlib import Path
sys.path[:0] = [sys.argv[1] + "/hooks", sys.argv[1] + "/tests"]
from support import TEST_OPERATOR
from msdz_hub.engine import session
from msdz_hub.reading import parallel
from msdz_hub.core.settings import Operator, SiteSettings
parallel.PARALLEL_FROM = int(sys.argv[4])  # the forked worker inherits it
settings = SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(TEST_OPERATOR))
site = session.build(Path(sys.argv[2]), settings, Path(sys.argv[3]))
site.wait_until_done()
print(json.dumps([site.inline, site.state.name, len(site.manifest.pages), site.manifest.files]))
"""


def forked_run(repo, staging, parallel_from: int = 2000) -> tuple[bool, str, int, list[str]]:
    from support import ROOT

    args = [str(ROOT), str(repo), str(staging), str(parallel_from)]
    result = subprocess.run([sys.executable, "-c", _FORKED, *args], capture_output=True, text=True, check=True)
    return tuple(json.loads(result.stdout))  # type: ignore[return-value]


def test_the_worker_may_load_in_a_process_of_its_own(tmp_path):
    # From reading.parallel.PARALLEL_FROM files on, loading forks a helper; inside the worker too
    # (a daemonic worker could not: hubs of 2 000 records and more failed to build).
    repo = copy_repository(tmp_path / "repo")
    inline, state, pages, files = forked_run(repo, tmp_path / "staging", parallel_from=1)
    assert not inline and state == "DONE"
    assert pages > 140
    assert (tmp_path / "staging" / "kommunen" / "zossen.md").read_text(encoding="utf-8").count("Zossen") > 1
    assert all((tmp_path / "staging" / path).is_file() for path in files)


def test_both_runners_write_the_same_pages_and_files(tmp_path):
    from msdz_hub.engine import session

    repo = copy_repository(tmp_path / "repo")
    assert forked_run(repo, tmp_path / "staging-forked")[0] is False
    site = session.build(repo, SETTINGS, tmp_path / "staging-inline", inline=True)
    site.wait_for_page(0)  # the home page, first in the plan
    assert (tmp_path / "staging-inline" / "index.md").is_file()
    site.wait_until_done()
    written = {}
    for name in ("forked", "inline"):
        staging = tmp_path / f"staging-{name}"
        written[name] = {
            p.relative_to(staging).as_posix(): p.read_bytes()
            for p in staging.rglob("*")
            if p.is_file() and ".jinja" not in p.parts
        }
    assert written["inline"] == written["forked"] and len(written["inline"]) > 200


@pytest.mark.parametrize("inline", [False, True], ids=["forked", "inline"])
def test_a_data_error_reaches_whoever_asks_the_worker_first(tmp_path, inline):
    # The hook takes the verdict in on_pre_build (mkdocs serve) or only in on_files (mkdocs build);
    # either way no page may come out of invalid data, and the problem names file and line.

    from msdz_hub.core.problems import DataError
    from msdz_hub.engine import session, worker

    repo = copy_repository(tmp_path / "repo")
    town = repo / "data/cities/zossen.yml"
    town.write_text(
        town.read_text(encoding="utf-8").replace("population: 21433", "population: viele"), encoding="utf-8"
    )
    staging = tmp_path / "staging"
    for ask in (lambda w: w.manifest, lambda w: w.wait_for_page(0), worker.SiteWorker.check_data):
        site = session.build(repo, SETTINGS, staging, inline=inline)
        for _ in range(2):  # asked again, the same answer, never a hang
            with pytest.raises(DataError) as raised:
                ask(site)
            assert [(p.path, p.line, p.field) for p in raised.value.problems] == [
                ("data/cities/zossen.yml", 5, "population")
            ]
        assert site.state is worker.State.FAILED
        assert not staging.exists()  # nothing was written
