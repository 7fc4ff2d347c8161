"""Impressum, Datenschutz and Barrierefreiheit: filled from one place, linked from every page."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from support import ROOT


@pytest.fixture(scope="module")
def operator():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).extra["operator"]


def text_of(site: Path, url: str) -> str:
    return html.unescape((site / url / "index.html").read_text(encoding="utf-8"))


def test_every_page_links_the_legal_pages_in_its_footer(built_site):
    for page in built_site.rglob("*.html"):
        if page.relative_to(built_site).parts[0] == "admin":
            continue  # the editors' CMS (noindex): Decap owns that page; tests/browser/test_cms.py checks it
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">')[-1]
        for target in ("impressum/", "datenschutz/", "barrierefreiheit/"):
            assert f'{target}"' in footer, f"{page} misses {target}"


def test_legal_pages_are_filled_from_the_operator_settings(built_site, operator):
    impressum = text_of(built_site, "impressum")
    assert operator["name"] in impressum and operator["address"] in impressum
    privacy = text_of(built_site, "datenschutz")
    assert "keine Cookies" in privacy and "nichts von anderen Servern" in privacy
    assert operator["host"]["privacy_url"] in privacy
    accessibility = text_of(built_site, "barrierefreiheit")
    assert "BITV 2.0" in accessibility and "WCAG" in accessibility
    assert operator["accessibility"]["enforcement_name"] in accessibility
    assert "Durchsetzungsverfahren" in accessibility


def test_changing_the_operator_in_one_place_changes_every_legal_page(tiny_hub):
    operator = {
        "name": "Testbehörde für Stadtentwicklung",
        "address": "Teststraße 1, 14467 Potsdam",
        "email": "hub@example.org",
        "host": {"name": "Testhoster", "privacy_url": "https://example.org/datenschutz"},
        "accessibility": {
            "statement_date": "2026-11-26",
            "method": "Selbstbewertung",
            "enforcement_name": "Teststelle",
            "enforcement_address": "Testweg 2",
        },
    }
    from msdz_hub.core.settings import Operator, SiteSettings
    from msdz_hub.plan import build_site

    site = build_site(
        tiny_hub.root, SiteSettings("https://hub.example/", "T", "D", "A", "", Operator.from_dict(operator))
    )
    pages = site.pages
    for name in ("impressum", "datenschutz", "barrierefreiheit"):
        assert "Testbehörde für Stadtentwicklung" in pages[f"{name}/index.md"]
    assert "hub@example\\.org" in pages["impressum/index.md"]
    assert "Teststelle" in pages["barrierefreiheit/index.md"]


def test_the_impressum_shows_e_mail_and_telephone_of_the_operator(built_site):
    import os

    from mkdocs.config import load_config
    from support import mkdocs_env

    saved = dict(os.environ)
    try:
        os.environ.update({k: v for k, v in mkdocs_env().items() if k.startswith("HUB_OPERATOR_")})
        operator = load_config(str(ROOT / "mkdocs.yml")).extra["operator"]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert operator["email"] and operator["phone"]
    impressum = text_of(built_site, "impressum")
    assert f"E-Mail: {operator['email']}" in impressum
    assert f"Telefon: {operator['phone']}" in impressum


@pytest.mark.build  # a real `mkdocs build`
def test_without_e_mail_or_telephone_a_preview_builds_and_the_legal_pages_say_so(tmp_path):
    """A fresh clone or a fork has no operator contact: the build succeeds (contributions stay
    green), warns once in German, and each legal page says visibly what is missing; the deploy's
    go-live check (tests/test_go_live.py) is what refuses to publish it."""
    import subprocess
    import sys

    from support import copy_repository, mkdocs_env

    repo = copy_repository(tmp_path / "repo")
    env = {k: v for k, v in mkdocs_env().items() if not k.startswith("HUB_OPERATOR_")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warning = "Warnung: Im Impressum fehlt eine E-Mail-Adresse (extra.operator.email) und eine Telefonnummer"
    assert output.count(warning) == 1, output
    for name in ("impressum", "datenschutz", "barrierefreiheit"):
        page = text_of(tmp_path / "site", name)
        assert "Kontaktangaben fehlen noch" in page, name
        assert "Noch nicht eingetragen: die E-Mail-Adresse und die Telefonnummer des Herausgebers." in page
        assert "Vorschau und wird so nicht veröffentlicht" in page


def test_with_the_contact_the_legal_pages_show_no_notice(built_site):
    for name in ("impressum", "datenschutz", "barrierefreiheit"):
        assert "Kontaktangaben fehlen noch" not in text_of(built_site, name)


def test_a_missing_telephone_alone_is_named_alone(tiny_hub):
    from support import TEST_OPERATOR

    from msdz_hub.core.settings import Operator, SiteSettings, missing_contact
    from msdz_hub.plan import build_site

    operator = Operator.from_dict({**TEST_OPERATOR, "email": "poststelle@mil.brandenburg.de"})
    pages = build_site(tiny_hub.root, SiteSettings("https://hub.example/", "T", "D", "A", "", operator)).pages
    assert "Noch nicht eingetragen: die Telefonnummer des Herausgebers." in pages["impressum/index.md"]
    assert "eine Telefonnummer (extra.operator.phone)" in (missing_contact(operator) or "")
    assert "E-Mail-Adresse (extra" not in (missing_contact(operator) or "")


@pytest.mark.build  # `mkdocs gh-deploy` builds before it pushes
def test_gh_deploy_refuses_a_site_without_the_operators_contact(tmp_path):
    """`mkdocs gh-deploy` publishes at once, without the deploy workflow's go-live check: it stops."""
    import subprocess
    import sys

    from support import copy_repository, mkdocs_env

    repo = copy_repository(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    env = {k: v for k, v in mkdocs_env().items() if not k.startswith("HUB_OPERATOR_")}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--site-dir", str(tmp_path / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Nicht veröffentlicht: Im Impressum fehlt eine E-Mail-Adresse" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "impressum").exists()
