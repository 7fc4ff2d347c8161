"""The real hub, built with `mkdocs build --strict`: what readers and feed readers get."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from support import ROOT, copy_repository, mkdocs_env, run_mkdocs_build, search_fragments

from msdz_hub.core.collections import COLLECTIONS

DATA_FILES = sorted(p for p in (ROOT / "data").glob("*/*.yml"))
SITE_URL = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"


def page_url(data_file: Path) -> str:
    """data/cities/zossen.yml -> kommunen/zossen/ (design.md's URL)."""
    return f"{COLLECTIONS[data_file.parent.name].url_folder}/{data_file.stem}/"


def read_page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_hub_has_data():
    assert len(DATA_FILES) >= 30


def test_every_record_has_its_page_with_an_edit_link_to_its_yaml(built_site):
    for data_file in DATA_FILES:
        html = read_page(built_site, page_url(data_file))
        rel = data_file.relative_to(ROOT).as_posix()
        assert f'/edit/main/{rel}"' in html, f"{page_url(data_file)} has no edit link to {rel}"


def test_every_record_is_in_the_search_index_with_its_collection(built_site):
    fragments = {f["url"].strip("/") + "/": f for f in search_fragments(built_site)}
    missing = [page_url(f) for f in DATA_FILES if page_url(f) not in fragments]
    assert missing == []
    for data_file in DATA_FILES:
        fragment = fragments[page_url(data_file)]
        assert fragment["meta"]["collection"] == COLLECTIONS[data_file.parent.name].singular
        assert fragment["filters"]["bereich"] == [fragment["meta"]["collection"]]
    # content only: no labels of the fact lists, no web addresses of the sources
    project = fragments["modellvorhaben/grossraeschen-altdoebern-2021/"]
    assert "Großräschen" in project["content"]
    assert "Förderrunde:" not in project["content"] and "https://" not in project["content"]
    assert project["filters"]["kommune"] == ["Großräschen", "Altdöbern"]


def test_overviews_list_every_record(built_site):
    for name, collection in COLLECTIONS.items():
        html = read_page(built_site, collection.url_folder)
        for data_file in (ROOT / "data" / name).glob("*.yml"):
            assert f'href="{data_file.stem}/"' in html, f"{collection.url_folder}/ misses {data_file.stem}"


def links_of(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_projects_and_towns_link_each_other(built_site):
    import yaml

    for data_file in (ROOT / "data" / "projects").glob("*.yml"):
        project = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        project_links = links_of(read_page(built_site, page_url(data_file)))
        for city in project["cities"]:
            assert f"../../kommunen/{city}/" in project_links
            city_links = links_of(read_page(built_site, f"kommunen/{city}/"))
            assert f"../../modellvorhaben/{data_file.stem}/" in city_links
        round_links = links_of(read_page(built_site, f"foerderrunden/{project['round']}/"))
        assert f"../../modellvorhaben/{data_file.stem}/" in round_links
        for topic in project["topics"]:
            assert f"../../modellvorhaben/{data_file.stem}/" in links_of(read_page(built_site, f"themen/{topic}/"))


def test_practices_are_linked_from_their_projects_and_towns(built_site):
    import yaml

    for data_file in (ROOT / "data" / "practices").glob("*.yml"):
        practice = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        for project_id in practice["projects"]:
            assert f"../../praxisbeispiele/{data_file.stem}/" in links_of(
                read_page(built_site, f"modellvorhaben/{project_id}/")
            )
            project = yaml.safe_load((ROOT / "data" / "projects" / f"{project_id}.yml").read_text(encoding="utf-8"))
            for city in project["cities"]:
                assert f"../../praxisbeispiele/{data_file.stem}/" in links_of(
                    read_page(built_site, f"kommunen/{city}/")
                )


FEED_COLLECTIONS = [n for n, c in COLLECTIONS.items() if c.in_feed]


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_feeds_parse_and_list_the_newest_records(built_site, name):
    feed = feedparser.parse((built_site / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.language == "de"
    expected = min(50, sum(1 for f in DATA_FILES if f.parent.name in FEED_COLLECTIONS))
    assert len(feed.entries) == expected
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        collection, _, record_id = entry.id.rpartition(":")[2].partition("/")
        assert collection in FEED_COLLECTIONS
        assert (ROOT / "data" / collection / f"{record_id}.yml").exists()
        assert entry.link == SITE_URL + f"{COLLECTIONS[collection].url_folder}/{record_id}/"
        assert re.search(r"[+-]0[12]:?00$", entry.published) or entry.published.endswith(("+0100", "+0200"))


def test_the_first_news_item_is_in_the_feed(built_site):
    feed = feedparser.parse((built_site / "atom.xml").read_bytes())
    news_ids = {f.stem for f in (ROOT / "data" / "news").glob("*.yml")}
    assert any(e.id.endswith(f"news/{i}") for e in feed.entries for i in news_ids)


def all_html(site: Path) -> list[Path]:
    """The readers' pages; the editors' CMS at admin/ has tests of its own (tests/browser/test_cms.py)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def test_every_page_links_the_feeds_in_its_head(built_site):
    for page in all_html(built_site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert 'rel="alternate feed" type="application/rss+xml"' in head, page
        assert 'rel="alternate feed" type="application/atom+xml"' in head, page


def test_no_page_loads_anything_from_another_host(built_site):
    asset = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"')
    for page in all_html(built_site):
        html = page.read_text(encoding="utf-8")
        for match in asset.finditer(html):
            url = match.group(1) or match.group(2)
            tag = match.group(0)
            if 'rel="canonical"' in tag or 'rel="alternate' in tag:
                continue  # not loaded by the browser
            assert not re.match(r"^(https?:)?//", url), f"{page}: {tag}"
    for css in built_site.rglob("*.css"):
        # a namespace's URI (feed.css: @namespace atom url("http://www.w3.org/2005/Atom")) names, never loads
        rules = re.sub(r"@namespace[^;]*;", "", css.read_text(encoding="utf-8"))
        assert not re.search(r"url\((['\"]?)(https?:)?//", rules), css
        assert "@import" not in css.read_text(encoding="utf-8") or "fonts.googleapis" not in css.read_text(
            encoding="utf-8"
        )


def break_a_city(repo: Path) -> str:
    city = sorted((repo / "data" / "cities").glob("*.yml"))[0]
    text = city.read_text(encoding="utf-8")
    city.write_text(text.replace("district:", "distrikt:", 1), encoding="utf-8")
    line = next(
        n for n, text in enumerate(city.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("distrikt:")
    )
    return f"data/cities/{city.name}:{line}:1: error: 'distrikt': unbekanntes Feld 'distrikt' (meinten Sie 'district'?)"


@pytest.mark.build  # a real `mkdocs build`
def test_broken_data_stops_the_build_before_anything_is_written(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    expected = break_a_city(repo)
    site = tmp_path / "site"
    result = run_mkdocs_build(repo, site)
    assert result.returncode != 0
    assert expected in result.stderr
    assert not site.exists()


def test_make_check_reports_broken_data_in_the_fixed_format(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    expected = break_a_city(repo)
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "--root", str(repo), "check"],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert expected in result.stderr
    assert re.search(r"^data/cities/[a-z0-9-]+\.yml:\d+:\d+: error: '[^']+': ", result.stderr, re.M)


def test_make_check_passes_on_the_real_data():
    result = subprocess.run(
        [sys.executable, "-m", "msdz_hub", "check"],
        cwd=ROOT,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(DATA_FILES)} Einträge geprüft" in result.stdout


@pytest.mark.build  # a real `mkdocs build`
def test_a_relative_config_path_copies_no_generator_templates(tmp_path):
    # `mkdocs build -f mkdocs.yml` gives the theme's files relative paths; the hook still drops them.
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists()
    assert not (site / "hub").exists(), sorted(p.name for p in (site / "hub").rglob("*"))
