"""What `python -m msdz_hub generate` hands to any engine (MkDocs, ProperDocs, Zensical; issue 31.2):
pages whose links resolve relative to their own file, their edit link and dates in their front
matter, a sitemap with each page's date from the data, and /admin/ written into any built site by
the hub's own command line. The MkDocs build of the same (tests/test_site.py, tests/test_record_dates.py)
shows the result to readers."""

from __future__ import annotations

import gzip
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from support import ROOT, TinyHub, copy_repository, mkdocs_env

from msdz_hub.__main__ import main
from msdz_hub.pages.portable import portable, relative_links, with_meta

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture
def generated(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """The tiny hub in a copy of the repository, and the folder `generate` wrote for it."""
    for name, value in mkdocs_env().items():
        if name.startswith("HUB_OPERATOR_"):
            monkeypatch.setenv(name, value)
    hub = TinyHub(copy_repository(tmp_path / "repo", with_data=False))
    out = tmp_path / "out"
    assert main(["--root", str(hub.root), "generate", str(out)]) == 0
    return hub.root, out


def front_matter(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_a_root_link_becomes_relative_to_the_page_and_escaped_text_stays():
    page = "[Zossen](/kommunen/zossen.md) · [Kalender](/veranstaltungen/x/termin.ics){ .md-button }"
    assert relative_links(page, "themen/klima.md") == (
        "[Zossen](../kommunen/zossen.md) · [Kalender](../veranstaltungen/x/termin.ics){ .md-button }"
    )
    assert relative_links("[A](/kommunen/index.md#karte)", "kommunen/zossen.md") == "[A](index.md#karte)"
    assert relative_links("[Start](/index.md)", "index.md") == "[Start](index.md)"
    escaped = r"Titel \[x\]\(/kommunen/zossen.md\) und [B](https://example.org/a) und [C](//host/x)"
    assert relative_links(escaped, "index.md") == escaped


def test_the_front_matters_texts_stay_and_the_edit_link_joins_them():
    page = "---\ndescription: siehe [a](/b)\n---\n\n[Z](/kommunen/zossen.md)\n"
    assert portable(page, "themen/k.md", None) == (
        "---\nhub_edit_url: null\ndescription: siehe [a](/b)\n---\n\n[Z](../kommunen/zossen.md)\n"
    )


def test_meta_is_added_to_a_pages_front_matter_or_starts_one():
    assert with_meta("---\ntitle: A\n---\n\n# A\n", {"hub_edit_url": None}) == (
        "---\nhub_edit_url: null\ntitle: A\n---\n\n# A\n"
    )
    assert with_meta("# B\n", {"hub_edit_url": "https://x/e"}) == "---\nhub_edit_url: https://x/e\n---\n\n# B\n"


def test_every_link_of_every_generated_page_resolves_from_the_page_itself(generated):
    root, out = generated
    checked = 0
    for page in sorted(out.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(out).as_posix()
        assert not re.search(r"\]\(/(?!/)", text), f"{rel} links from the root of the tree"
        for target in LINK.findall(text):
            path = unquote(target.partition("#")[0])
            if not path or re.match(r"[a-z]+:|//", path):
                continue  # an anchor on the page, another site, mailto:
            inside = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            found = (out / inside).exists() or (root / "docs" / inside).exists()
            assert found, f"{rel}: {target} leads to no generated or hand-written file"
            checked += 1
    assert checked > 100  # records link their towns, topics and rounds; the service pages each other


def test_a_records_page_names_its_data_file_to_edit_and_its_dates(generated):
    _, out = generated
    town = front_matter(out / "kommunen" / "zossen.md")
    assert re.fullmatch(r"https://github\.com/[^/]+/[^/]+/edit/main/data/cities/zossen\.yml", town["hub_edit_url"])
    news = next(front_matter(page) for page in sorted((out / "aktuelles").glob("*.md")) if page.stem != "index")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", news["hub_created"]) and news["hub_changed"] >= news["hub_created"]
    # a page made from many records has no one file to edit: the theme shows no edit button there
    for overview in ("kommunen/index.md", "index.md", "impressum/index.md"):
        assert front_matter(out / overview)["hub_edit_url"] is None, overview


def _sitemap(out: Path) -> dict[str, str | None]:
    urls = ET.fromstring((out / "sitemap.xml").read_bytes()).iter(f"{SITEMAP}url")
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}


def test_the_sitemap_dates_each_page_by_its_data_and_leaves_the_editors_page_out(generated):
    root, out = generated
    lastmod = _sitemap(out)
    site = yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", (root / "mkdocs.yml").read_text("utf-8")))
    url = site["site_url"]
    news = sorted(p for p in (out / "aktuelles").glob("*.md") if p.stem != "index")
    days = [front_matter(page)["hub_changed"] for page in news]
    for page, day in zip(news, days, strict=True):
        assert lastmod[f"{url}aktuelles/{page.stem}/"] == day
    assert lastmod[f"{url}aktuelles/"] == max(days)  # an overview: its newest record
    assert f"{url}ueber/" in lastmod and f"{url}kommunen/zossen/" in lastmod  # hand-written and generated
    assert lastmod[f"{url}impressum/"] is None  # made from settings and templates: no date of the data
    assert f"{url}redaktion/quellen/" not in lastmod  # noindex
    assert gzip.decompress((out / "sitemap.xml.gz").read_bytes()) == (out / "sitemap.xml").read_bytes()


def test_a_second_generate_gives_the_same_sitemap(generated):
    root, out = generated
    first = {name: (out / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz")}
    assert main(["--root", str(root), "generate", str(out)]) == 0
    assert {name: (out / name).read_bytes() for name in first} == first


def test_admin_writes_the_editors_cms_into_a_site_any_engine_built(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "index.html").parent.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Gebaut</title>", encoding="utf-8")
    assert main(["--root", str(ROOT), "admin", str(site)]) == 0
    assert "Redaktionssystem geschrieben" in capsys.readouterr().out
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github" and config["backend"]["repo"].count("/") == 1
    assert {c["name"] for c in config["collections"]} >= {"cities", "practices", "events"}
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and (site / "admin" / "vendor" / "decap-cms" / "decap-cms.js").is_file()
    assert (site / "index.html").read_text(encoding="utf-8").endswith("Gebaut</title>")  # the site stays


def test_admin_without_decap_says_how_to_install_it(tmp_path, capsys):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (repo / "data" / "schema").symlink_to(ROOT / "data" / "schema")
    assert main(["--root", str(repo), "admin", str(tmp_path / "site")]) == 1
    assert "node_modules/decap-cms fehlt" in capsys.readouterr().err


@pytest.mark.build
def test_finish_gives_a_site_another_engine_built_the_generators_sitemap_admin_and_search(generated, capsys):
    root, out = generated
    site = out.parent / "engine-site"  # as an engine without our hooks leaves it: its own, undated sitemap
    (site / "kommunen" / "zossen").mkdir(parents=True)
    (site / "kommunen" / "zossen" / "index.html").write_text(
        "<!doctype html><html lang=de><title>Zossen</title><body><h1>Zossen</h1></body></html>", encoding="utf-8"
    )
    (site / "sitemap.xml").write_text("<urlset><url><loc>x</loc></url></urlset>", encoding="utf-8")
    assert main(["--root", str(root), "finish", str(site), "--generated", str(out)]) == 0
    assert "sitemap.xml, /admin/ und Suchindex" in capsys.readouterr().out
    assert (site / "sitemap.xml").read_bytes() == (out / "sitemap.xml").read_bytes()
    assert (site / "sitemap.xml.gz").read_bytes() == (out / "sitemap.xml.gz").read_bytes()
    assert (site / "admin" / "config.yml").is_file() and (site / "pagefind" / "pagefind.js").is_file()


def test_finish_without_generate_says_what_to_run_first(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    assert main(["--root", str(ROOT), "finish", str(site), "--generated", str(tmp_path / "fehlt")]) == 1
    assert "zuerst `python -m msdz_hub generate" in capsys.readouterr().err
    assert list(site.iterdir()) == []  # nothing half done
