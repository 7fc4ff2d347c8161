"""The go-live check (`python -m msdz_hub ready`, `make ready`, the deploy workflow's stop): it names,
in German, each setting that is missing or does not fit, and passes only when all of them do."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from msdz_hub.__main__ import main

# What an operator of the upstream repository sets as repository variables.
COMPLETE = {
    "HUB_OPERATOR_EMAIL": "poststelle@mil.brandenburg.de",
    "HUB_OPERATOR_PHONE": "+49 331 866-0",
    "SITE_URL": "https://msdz-brandenburg.github.io/wissenstransfer-hub/",
    "REPO_URL": "https://github.com/msdz-brandenburg/wissenstransfer-hub",
    "CMS_AUTH_URL": "https://anmeldung.hub-betreiber.de",
    "GITHUB_REPOSITORY": "msdz-brandenburg/wissenstransfer-hub",
}
PAGES_OK = {"html_url": "https://msdz-brandenburg.github.io/wissenstransfer-hub/", "build_type": "workflow"}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A folder with the real mkdocs.yml and none of the operator's variables in the environment."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in [*COMPLETE, "CMS_BRANCH", "CMS_AUTH_ENDPOINT"]:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def ready(repo, capsys, *args: str, **env: str) -> tuple[int, str]:
    import os

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        status = main(["--root", str(repo), "ready", *args])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_a_fresh_clone_is_not_ready_and_hears_what_is_missing(repo, capsys):
    status, output = ready(repo, capsys)
    assert status == 1
    assert "Noch nicht bereit zur Veröffentlichung – 3 Angaben fehlen" in output
    assert "- HUB_OPERATOR_EMAIL: fehlt: eine E-Mail-Adresse" in output
    assert "- HUB_OPERATOR_PHONE: fehlt: eine Telefonnummer" in output
    assert "- CMS_AUTH_URL: fehlt: die Adresse des Anmeldedienstes" in output
    assert "Inbetriebnahme" in output


def test_with_every_setting_the_hub_is_ready(repo, capsys):
    status, output = ready(repo, capsys, **COMPLETE)
    assert (status, output) == (0, "Bereit zur Veröffentlichung: alle Angaben sind gesetzt und passen zusammen.\n")


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("HUB_OPERATOR_EMAIL", "kontakt@hub-test.example", "keine E-Mail-Adresse, die Leser erreicht"),
        ("HUB_OPERATOR_EMAIL", "poststelle(at)mil.brandenburg.de", "keine E-Mail-Adresse"),
        ("HUB_OPERATOR_PHONE", "+49 331 0000000 (Testwert)", "keine Telefonnummer"),
        ("HUB_OPERATOR_PHONE", "110", "keine Telefonnummer"),
        (
            "SITE_URL",
            "",
            "fehlt: die Adresse der Website, z. B. https://msdz-brandenburg.github.io/wissenstransfer-hub/",
        ),
        ("REPO_URL", "", "fehlt: die Adresse des Repositorys"),
        ("SITE_URL", "http://msdz-brandenburg.github.io/wissenstransfer-hub/", "keine https-Adresse"),
        ("SITE_URL", "https://msdz-brandenburg.github.io/wissenstransfer-hub", "muss mit / enden"),
        ("SITE_URL", "https://andere.github.io/wissenstransfer-hub/", "nicht die Pages-Adresse dieses Repositorys"),
        ("REPO_URL", "https://gitlab.com/msdz/hub", "keine Adresse der Form https://github.com/"),
        ("REPO_URL", "https://github.com/msdz-brandenburg/anderes", "Entwürfe im falschen Repository"),
        ("CMS_AUTH_URL", "http://anmeldung.hub-betreiber.de", "keine https-Adresse"),
        ("CMS_AUTH_URL", "https://anmeldung.hub-betreiber.de/oauth", "ohne Pfad"),
        ("CMS_AUTH_URL", "https://msdz-brandenburg.github.io", "Adresse der Website selbst"),
    ],
)
def test_each_implausible_setting_is_named_with_its_fix(repo, capsys, setting, value, expected):
    status, output = ready(repo, capsys, **{**COMPLETE, setting: value})
    assert status == 1
    assert "– 1 Angabe fehlt oder passt nicht:" in output
    assert f"- {setting}: " in output and expected in output


def test_a_fork_going_live_needs_its_own_addresses(repo, capsys):
    fork = {**COMPLETE, "GITHUB_REPOSITORY": "stadt-zossen/wissenstransfer-hub"}
    status, output = ready(repo, capsys, **fork)
    assert status == 1
    assert "https://stadt-zossen.github.io/wissenstransfer-hub/" in output  # SITE_URL, with the right one
    assert "Richtig: https://github.com/stadt-zossen/wissenstransfer-hub" in output  # REPO_URL
    fork |= {
        "SITE_URL": "https://stadt-zossen.github.io/wissenstransfer-hub/",
        "REPO_URL": "https://github.com/stadt-zossen/wissenstransfer-hub",
    }
    assert ready(repo, capsys, **fork)[0] == 0


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"message": "Not Found", "status": "404"}, "GitHub Pages: ist nicht eingeschaltet"),
        ({**PAGES_OK, "build_type": "legacy"}, "Source auf „GitHub Actions“ stellen"),
        ({**PAGES_OK, "html_url": "https://wissenstransfer.brandenburg.de/"}, "GitHub Pages veröffentlicht unter"),
    ],
)
def test_what_github_says_of_pages_is_checked_too(repo, capsys, tmp_path, answer, expected):
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps(answer), encoding="utf-8")
    status, output = ready(repo, capsys, "--pages", str(pages), **COMPLETE)
    assert status == 1 and expected in output
    pages.write_text(json.dumps(PAGES_OK), encoding="utf-8")
    assert ready(repo, capsys, "--pages", str(pages), **COMPLETE)[0] == 0


def test_a_custom_domain_that_pages_confirms_is_ready(repo, capsys, tmp_path):
    domain = "https://wissenstransfer.brandenburg.de/"
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps({**PAGES_OK, "html_url": domain}), encoding="utf-8")
    assert ready(repo, capsys, "--pages", str(pages), **{**COMPLETE, "SITE_URL": domain})[0] == 0


def test_the_job_summary_is_a_german_table_with_nothing_to_dress_up(repo, capsys, tmp_path):
    summary = tmp_path / "summary.md"
    hostile = {**COMPLETE, "HUB_OPERATOR_EMAIL": "@admin <img src=x> [klick](https://böse.example) ✅"}
    assert ready(repo, capsys, "--summary", str(summary), **hostile)[0] == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Nicht veröffentlicht: Angaben fehlen oder passen nicht\n")
    assert "| Einstellung | Was fehlt |" in text and "| HUB\\_OPERATOR\\_EMAIL |" in text
    assert "<img" not in text and "](" not in text and "\\@admin" in text
    assert ready(repo, capsys, "--summary", str(summary), **COMPLETE)[0] == 0
    assert text in summary.read_text(encoding="utf-8") and "## Bereit zur Veröffentlichung" in summary.read_text()


def test_make_ready_runs_the_check(repo):
    # No operator settings in the environment; -o: the shared .venv counts as installed (this test checks the command)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(repo)}
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "ready"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "- CMS_AUTH_URL: fehlt" in result.stderr
