"""The preview of `make serve` around each rebuild (msdz_hub.engine.preview): its search indexing gives
way to the editor's next save, and the cycle collector waits until the preview is idle."""

from __future__ import annotations

import gc
import time

import pytest

from msdz_hub.engine import preview, search_index

# Stands in for Pagefind: says it runs, waits until the test lets it finish, notes its CPU priority.
FAKE_PAGEFIND = """#!/bin/sh
touch "$FAKE_DIR/running"
while [ ! -e "$FAKE_DIR/go" ]; do sleep 0.02; done
nice > "$FAKE_DIR/niceness"
echo "Indexed 1 page"
"""


def eventually(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.02)


@pytest.fixture
def site(tmp_path, monkeypatch):
    script = tmp_path / "pagefind"
    script.write_text(FAKE_PAGEFIND, encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(search_index, "executable", lambda: str(script))
    monkeypatch.setenv("FAKE_DIR", str(tmp_path))
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>Seite</p>", encoding="utf-8")
    yield folder
    (tmp_path / "go").touch()
    preview.stop_indexing()
    gc.enable()


def test_the_preview_indexes_at_the_lowest_cpu_priority(site):
    failures: list[str] = []
    preview.index_later(site, failures.append)
    (site.parent / "go").touch()
    eventually(lambda: (site.parent / "niceness").exists() and not preview._indexing.is_alive())
    assert (site.parent / "niceness").read_text().strip() == "19" and failures == []


def test_a_rebuild_stops_the_indexing_under_way_and_reports_no_failure(site):
    failures: list[str] = []
    preview.index_later(site, failures.append)
    eventually((site.parent / "running").exists)
    with preview.rebuild():
        assert not preview._indexing.is_alive()
    assert failures == [] and not (site.parent / "niceness").exists()


def test_a_failed_rebuild_indexes_again_what_it_stopped(site):
    failures: list[str] = []
    preview.index_later(site, failures.append)
    eventually((site.parent / "running").exists)
    (site.parent / "running").unlink()
    with pytest.raises(RuntimeError), preview.rebuild():
        raise RuntimeError("a data error")
    eventually((site.parent / "running").exists)  # Pagefind runs again
    (site.parent / "go").touch()
    eventually(lambda: not preview._indexing.is_alive())
    assert failures == [] and (site.parent / "niceness").exists()


def test_the_cycle_collector_is_off_during_a_rebuild_and_on_again_once_the_preview_is_idle(site, monkeypatch):
    monkeypatch.setattr(preview, "IDLE_SECONDS", 0.3)
    with preview.rebuild():
        assert not gc.isenabled()
    with preview.rebuild():  # a save soon after: still off
        assert not gc.isenabled()
    assert not gc.isenabled()
    eventually(gc.isenabled)
