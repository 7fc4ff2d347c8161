"""A dated release: the catalogue points to the release's own files, and the offline copy's links
work from the file system (checked in Chromium in tests/browser/test_offline_release.py)."""

from __future__ import annotations

import zipfile

import pytest

from msdz_hub.engine.offline_site import offline_page, offline_url
from msdz_hub.engine.release import make_release, release_absolute


@pytest.mark.parametrize(
    ("url", "root", "expected"),
    [
        ("../kommunen/zossen/", "../../", "../kommunen/zossen/index.html"),
        ("./", "", "./index.html"),
        ("..", "../", "../index.html"),
        ("../themen/#liste", "../", "../themen/index.html#liste"),
        ("/hub/praxisbeispiele/", "../../", "../../praxisbeispiele/index.html"),
        ("/hub/", "../", "../index.html"),
        ("../assets/hub.css", "../", "../assets/hub.css"),
        ("rss.xml", "", "rss.xml"),
        ("https://example.org/a/", "", "https://example.org/a/"),
        ("mailto:post@example.org", "", "mailto:post@example.org"),
        ("#inhalt", "", "#inhalt"),
    ],
)
def test_links_get_their_index_html_and_site_root_links_become_relative(url, root, expected):
    assert offline_url(url, root, "/hub/") == expected


def test_a_page_gets_the_offline_script_in_its_head_and_only_its_own_links_change():
    page = '<html><head><title>T</title></head><body><header class="x"><a href="../">Start</a></header></body></html>'
    result = offline_page(page, 2, "/")
    assert result.startswith('<html><head><script src="../../assets/offline.js" data-root="../../"></script>')
    assert '<a href="../index.html">' in result and '<header class="x">' in result


def test_the_catalogue_of_a_release_points_to_the_release_and_the_landing_pages_to_the_site(tiny_hub):
    from support import TEST_OPERATOR

    from msdz_hub.core.settings import Operator, SiteSettings

    settings = SiteSettings("https://hub.example/", "Hub", "", "Redaktion", "", Operator.from_dict(TEST_OPERATOR))
    absolute = release_absolute(settings, "https://files.example/r1/")
    assert absolute("daten/practices.json") == "https://files.example/r1/practices.json"
    assert absolute("daten/schema/practices.schema.json") == "https://files.example/r1/practices.schema.json"
    assert absolute("daten/#practices") == "https://files.example/r1/catalog.ttl#practices"
    assert absolute("praxisbeispiele/") == "https://hub.example/praxisbeispiele/"


@pytest.mark.build
def test_a_release_of_the_built_site_holds_data_schemas_catalogue_and_both_zips(built_site, tmp_path, monkeypatch):
    from support import ROOT, TEST_OPERATOR_CONTACT

    from msdz_hub.engine.generate import read_config

    monkeypatch.setenv("HUB_OPERATOR_EMAIL", TEST_OPERATOR_CONTACT["email"])  # as the deploy has it
    monkeypatch.setenv("HUB_OPERATOR_PHONE", TEST_OPERATOR_CONTACT["phone"])
    files = make_release(
        ROOT, built_site, tmp_path / "r", "2026-12-07-abc1234", "https://files.example/r1/", read_config(ROOT)
    )
    names = {path.name for path in files}
    assert {"practices.json", "practices.csv", "practices.schema.json", "catalog.ttl"} <= names
    assert {"hub-daten-2026-12-07-abc1234.zip", "hub-website-2026-12-07-abc1234.zip"} <= names
    catalog = (tmp_path / "r" / "catalog.ttl").read_text(encoding="utf-8")
    assert "dcat:downloadURL <https://files.example/r1/practices.csv>" in catalog
    with zipfile.ZipFile(tmp_path / "r" / "hub-website-2026-12-07-abc1234.zip") as archive:
        inside = set(archive.namelist())
    top = "hub-website-2026-12-07-abc1234/"
    assert {top + "index.html", top + "suche.html", top + "offline-index.js", top + "assets/offline.js"} <= inside
    assert not any(name.startswith((top + "pagefind/", top + "admin/")) for name in inside)
