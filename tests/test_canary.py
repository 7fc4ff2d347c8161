"""The Zensical canary: the comparison finds what a reader of the other build would miss, and the
pinned Zensical really builds the generated tree of this repository (`make zensical` does the same)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, TEST_OPERATOR_CONTACT

from msdz_hub.engine.canary import compare

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"

PAGE = """<!doctype html><html><head><title>{title}</title>{head}</head><body>
<svg><title>Karte</title></svg>{body}</body></html>"""


def _site(root: Path, pages: dict[str, tuple[str, str, str]], files: tuple[str, ...] = ()) -> Path:
    for rel, (title, head, body) in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(PAGE.format(title=title, head=head, body=body), encoding="utf-8")
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("<rss/>", encoding="utf-8")
    return root


def _count(report: str, finding: str) -> int:
    line = next(line for line in report.splitlines() if line.startswith(f"| {finding} |"))
    return int(line.rsplit("|", 2)[1])


def test_every_kind_of_difference_is_counted_and_shown(tmp_path):
    json_ld = '<script type="application/ld+json">{}</script>'
    ours = _site(
        tmp_path / "mkdocs",
        {
            "index.html": ("Start", json_ld, '<a href="/hub/kommunen/">Kommunen</a>'),
            "kommunen/index.html": ("Kommunen", "", '<a href="../">Start</a>'),
            "nur-hier/index.html": ("Nur hier", "", ""),
        },
        files=("rss.xml", "themen/a/rss.xml"),
    )
    theirs = _site(
        tmp_path / "zensical",
        {
            "index.html": ("Startseite", "", '<a href="/kommunen/zossen.md">Zossen</a>'),
            "kommunen/index.html": ("Kommunen", '<script src="https://cdn.example/x.js"></script>', ""),
        },
        files=("rss.xml",),
    )
    report = compare(ours, theirs, base_path="/hub/")
    assert _count(report, "Seiten nur im MkDocs-Bau") == 1 and "nur-hier/index.html" in report
    assert _count(report, "Andere Seitentitel") == 1 and "„Start“ → „Startseite“" in report
    assert _count(report, "Interne Links ins Leere (Zensical)") == 1 and "/kommunen/zossen.md" in report
    assert _count(report, "Interne Links ins Leere (MkDocs)") == 0, "links under the site's own path resolve"
    assert _count(report, "Feeds, Kalender und Listen, die fehlen") == 1 and "themen/a/rss.xml" in report
    assert _count(report, "Seiten mit anderen strukturierten Daten (JSON-LD)") == 1
    assert _count(report, "Anfragen an fremde Server (Zensical)") == 1 and "cdn.example" in report


def test_files_beside_the_pages_and_failed_steps_after_the_build_are_counted(tmp_path):
    start = {"index.html": ("Start", "", "")}
    ours = _site(
        tmp_path / "mkdocs", start, ("admin/config.yml", "sitemap.xml", "pagefind/pagefind.js", "pagefind/a.pf")
    )
    theirs = _site(tmp_path / "zensical", start, ("sitemap.xml", "pagefind/b.pf"))
    (ours / "sitemap.xml").write_text("<urlset><url><lastmod>2026-12-01</lastmod></url></urlset>", encoding="utf-8")
    report = compare(ours, theirs, failed_steps=["Suchindex: Pagefind fehlt"])
    assert _count(report, "Weitere Dateien, die fehlen (Zensical)") == 2, "the index's varying chunks aside"
    assert "admin/config.yml" in report and "pagefind/pagefind.js" in report
    assert _count(report, "Schritte nach dem Bau, die fehlschlugen") == 1 and "Pagefind fehlt" in report
    assert _count(report, "sitemap.xml anders als im MkDocs-Bau") == 1


@pytest.mark.build
def test_the_pinned_zensical_builds_the_generated_tree_of_this_repository(built_site, tmp_path):
    assert ZENSICAL.exists(), f"{ZENSICAL} is missing (make test installs requirements-zensical.txt)"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.setdefault("HUB_OPERATOR_EMAIL", TEST_OPERATOR_CONTACT["email"])
    env.setdefault("HUB_OPERATOR_PHONE", TEST_OPERATOR_CONTACT["phone"])
    hub = [sys.executable, "-m", "msdz_hub", "--root", str(ROOT)]
    generated = tmp_path / "generated"
    subprocess.run([*hub, "generate", str(generated)], check=True, env=env, capture_output=True, timeout=600)
    command = [*hub, "canary", "--zensical", str(ZENSICAL), "--generated", str(generated), "--site", str(built_site)]
    result = subprocess.run(
        [*command, "--work", str(tmp_path / "z")], env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0 and result.stdout.startswith("## Zensical-Kanarienvogel"), (
        result.stdout + result.stderr
    )
    report = result.stdout
    assert "nicht gebaut" not in report, report
    assert _count(report, "Seiten nur im MkDocs-Bau") == 0 and _count(report, "Seiten nur im Zensical-Bau") == 0
    assert _count(report, "Anfragen an fremde Server (Zensical)") == 0
    assert _count(report, "Interne Links ins Leere (MkDocs)") == 0
    assert _count(report, "Andere Seitentitel") == 0  # the home page too (overrides/main.html)
    # the generator's output is all Zensical needs: its links resolve, and the steps after any engine
    # (python -m msdz_hub finish) give it the same sitemap, /admin/ and search index
    assert _count(report, "Interne Links ins Leere (Zensical)") == 0
    assert _count(report, "Schritte nach dem Bau, die fehlschlugen") == 0
    assert _count(report, "sitemap.xml anders als im MkDocs-Bau") == 0
    assert "admin/" not in report.split("### Weitere Dateien, die fehlen (Zensical)")[-1]
