"""A second build of the same commit gives the same bytes: pages, sitemap, feeds, calendars, open data.

`built_site` is one build (tests/support.py's mkdocs_env sets SOURCE_DATE_EPOCH from the commit);
the second runs here in another process with another hash seed, so that anything depending on set
order, the clock or the machine shows up as a difference.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
import struct
import subprocess
import sys
from pathlib import Path

from support import ROOT, mkdocs_env

from msdz_hub.core.dates import BERLIN
from msdz_hub.core.git_dates import last_commit_times

WORKFLOWS = ROOT / ".github" / "workflows"


def _digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


VARYING_SEARCH_FILES = re.compile(r"pagefind/(filter/.*|pagefind-entry\.json|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta)$")


def test_two_builds_of_the_same_commit_are_byte_identical(built_site, tmp_path):
    second = tmp_path / "site"
    env = dict(mkdocs_env(), PYTHONHASHSEED="4242")
    # The build moves its staged files into the site; with the temp folder on another file system
    # (a tmpfs, as on many machines) it copies them: both ways give the same site.
    memory = Path("/dev/shm")
    if memory.is_dir() and memory.stat().st_dev != tmp_path.stat().st_dev:
        env["TMPDIR"] = str(memory)
    for command in (["mkdocs", "build", "--strict", "--site-dir", str(second)], ["msdz_hub", "index", str(second)]):
        result = subprocess.run(
            [sys.executable, "-m", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stderr
    first, again = _digests(built_site), _digests(second)
    for name in (
        "sitemap.xml",
        "sitemap.xml.gz",
        "rss.xml",
        "atom.xml",
        "veranstaltungen/kalender.ics",
        "daten/practices.json",
        "pagefind/pagefind.js",
        "index.html",
    ):
        assert name in first, f"{name} is missing, so it was not compared"
    # Pagefind 1.5 writes its filter files in a varying order (and so under varying hashes, which the
    # entry and meta files name); index chunks and page fragments are byte-identical.
    for digests in (first, again):
        for name in [n for n in digests if VARYING_SEARCH_FILES.match(n)]:
            del digests[name]
    assert any(name.startswith("pagefind/fragment/") for name in first)
    assert sorted(first) == sorted(again)
    differing = [name for name in first if first[name] != again[name]]
    assert differing == []


def test_the_sitemaps_dates_come_from_the_commits_never_from_the_clock(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>[^<]+/([^/<]+)/</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", sitemap))
    # a hand-written page: its file's last commit; one made from settings and templates alone: none
    # (a record's page: its record's last change, tests/test_record_dates.py)
    commits = last_commit_times(ROOT, "docs")
    for name in ("ueber", "mitmachen"):
        assert lastmod[name] == dt.datetime.fromtimestamp(commits[f"docs/{name}.md"], BERLIN).date().isoformat()
    assert lastmod["impressum"] == ""
    with gzip.open(built_site / "sitemap.xml.gz") as unpacked:
        assert unpacked.read().decode("utf-8") == sitemap
    header = (built_site / "sitemap.xml.gz").read_bytes()[:10]
    mtime = struct.unpack("<I", header[4:8])[0]  # the newest date in it, as stable as the dates
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date().isoformat() == max(d for d in lastmod.values() if d)


def test_make_build_and_the_workflows_set_source_date_epoch_from_the_commit():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "SOURCE_DATE_EPOCH" in build_recipe and "git log -1 --format=%ct" in build_recipe
    for name in ("ci.yml", "deploy.yml"):
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in text, name
