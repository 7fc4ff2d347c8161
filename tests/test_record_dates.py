"""Every record is dated: „Zuletzt geändert am …“ from its file's last commit, the same moment as
its feed entry's atom:updated, its open data `modified` and its sitemap <lastmod>; distinct
moments in every Atom feed; outside git the record's own fields; shallow clones handled."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import feedparser
import lxml.html
import pytest
from support import ROOT, copy_repository

from msdz_hub.core.dates import BERLIN
from msdz_hub.core.git_dates import last_commit_times

RECORD_FOLDERS = (
    "praxisbeispiele",
    "modellvorhaben",
    "kommunen",
    "themen",
    "veranstaltungen",
    "aktuelles",
    "foerderrunden",
    "partner",
)


def record_pages(site: Path) -> list[Path]:
    return [p for folder in RECORD_FOLDERS for p in (site / folder).glob("*/index.html")]


def shown_change(page: Path) -> str:
    """The machine-readable moment of „Zuletzt geändert am …“ on a page."""
    found = lxml.html.fromstring(page.read_bytes()).xpath('//p[contains(@class, "hub-record-dates")]/time[1]/@datetime')
    assert found, f"{page} shows no date of last change"
    return found[0]


def dates_text(page: Path) -> str:
    text = "".join(lxml.html.fromstring(page.read_bytes()).xpath('//p[contains(@class, "hub-record-dates")]//text()'))
    return " ".join(text.split())


def test_every_record_page_shows_its_last_change_from_git(built_site):
    pages = record_pages(built_site)
    assert len(pages) > 100
    times = last_commit_times(ROOT)
    data = json.loads((built_site / "daten" / "cities.json").read_text(encoding="utf-8"))
    for record in data["records"]:
        page = built_site / "kommunen" / record["id"] / "index.html"
        moment = dt.datetime.fromisoformat(shown_change(page))
        committed = dt.datetime.fromtimestamp(times[record["source_file"]], BERLIN)
        # the moment is the commit's, moved back by at most a few seconds to stay distinct
        assert dt.timedelta(0) <= committed - moment < dt.timedelta(minutes=10), record["id"]
        assert record["modified"] == moment.isoformat()
        assert f"Zuletzt geändert am {moment.day}." in dates_text(page)
    for page in pages:
        shown_change(page)


def test_sitemap_lastmod_is_each_record_pages_change_day(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    page = built_site / "praxisbeispiele" / "geloster-zukunftsrat" / "index.html"
    day = shown_change(page)[:10]
    assert [v for k, v in lastmod.items() if k.endswith("/praxisbeispiele/geloster-zukunftsrat/")] == [day]


def test_atom_feeds_have_distinct_real_updated_dates(built_site):
    feeds = sorted(built_site.rglob("atom.xml"))
    assert len(feeds) > 10
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        stamps = Counter(entry.updated for entry in feed.entries)
        assert [s for s, n in stamps.items() if n > 1] == [], path
    # the site feed's entries carry the same moment as their pages
    site_feed = feedparser.parse((built_site / "atom.xml").read_bytes())
    for entry in site_feed.entries[:10]:
        folder, record_id = entry.link.rstrip("/").split("/")[-2:]
        page = built_site / folder / record_id / "index.html"
        assert dt.datetime.fromisoformat(entry.updated) == dt.datetime.fromisoformat(shown_change(page))


def test_sources_checked_is_shown_where_set(built_site):
    page = built_site / "praxisbeispiele" / "geloster-zukunftsrat" / "index.html"
    text = dates_text(page)
    assert "Quellen geprüft am 2. Dezember 2026" in text


def _git(repo: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo_with_history(tmp_path: Path) -> Path:
    """A copy of the hub in its own git repository: two commits at fixed times."""
    import os

    repo = copy_repository(tmp_path / "repo")
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(
        repo,
        "commit",
        "-qm",
        "first",
        env=dict(env, GIT_AUTHOR_DATE="2025-01-01T10:00:00+01:00", GIT_COMMITTER_DATE="2025-01-01T10:00:00+01:00"),
    )
    path = repo / "data" / "cities" / "zossen.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(
        repo,
        "commit",
        "-qam",
        "second",
        env=dict(env, GIT_AUTHOR_DATE="2025-03-01T10:00:00+01:00", GIT_COMMITTER_DATE="2025-03-01T10:00:00+01:00"),
    )
    return repo


def test_dates_follow_the_commits_and_are_the_same_on_every_load(repo_with_history):
    from msdz_hub.load import load_hub

    first, again = load_hub(repo_with_history), load_hub(repo_with_history)
    zossen = first.get("cities", "zossen").changed
    assert zossen == dt.datetime(2025, 3, 1, 10, tzinfo=BERLIN)
    others = [r.changed for r in first.every() if r.key != "cities/zossen"]
    assert all(m is not None and m <= dt.datetime(2025, 1, 1, 10, tzinfo=BERLIN) for m in others)
    assert len(set(others)) == len(others)  # one commit, yet every record a moment of its own
    assert first.changed == again.changed


def test_a_shallow_clone_trusts_only_changes_after_its_boundary(repo_with_history, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo_with_history}", str(clone)], check=True)
    times = last_commit_times(clone)
    # the boundary commit shows every file as added: only the change after it is trusted
    assert times == {"data/cities/zossen.yml": int(dt.datetime(2025, 3, 1, 10, tzinfo=BERLIN).timestamp())}
    from msdz_hub.load import load_hub

    hub = load_hub(clone)
    news = next(r for r in hub.all("news"))
    assert news.changed.date() == news.updated  # falls back to the record's own field
    assert hub.get("cities", "zossen").changed == dt.datetime(2025, 3, 1, 10, tzinfo=BERLIN)
    assert hub.get("cities", "cottbus").changed is None


def test_outside_git_the_records_own_fields_date_it(tmp_path):
    from msdz_hub.load import load_hub

    hub = load_hub(copy_repository(tmp_path / "copy"))
    for record in hub.every():
        if record.updated:
            assert record.changed.date() == record.updated
        else:
            assert record.changed is None


def test_the_workflows_fetch_the_whole_history():
    for name in ("ci.yml", "deploy.yml"):
        text = (ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert "fetch-depth: 0" in text, name
