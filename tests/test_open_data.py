"""What other towns subscribe to and reuse, part three: the OPML list, the open data and the pages that name them."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support import ROOT
from test_subscriptions import ALL_FEEDS, SITE_URL

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.schemas import Schemas


def test_opml_lists_every_feed(built_site):
    outlines = ElementTree.parse(built_site / "feeds.opml").getroot().findall("./body/outline")
    assert {o.get("xmlUrl") for o in outlines} == {SITE_URL + p for p in ALL_FEEDS if p.endswith("rss.xml")}


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_open_data_exports_every_record_and_validates_against_its_schema(built_site, collection):
    export = json.loads((built_site / f"daten/{collection}.json").read_text(encoding="utf-8"))
    assert export["licence"]["id"] == "dl-de/by-2-0"
    assert export["schema"] == SITE_URL + f"daten/schema/{collection}.schema.json"
    published_schema = built_site / f"daten/schema/{collection}.schema.json"
    assert published_schema.read_bytes() == (ROOT / f"data/schema/{collection}.schema.json").read_bytes()
    ids = {r["id"] for r in export["records"]}
    assert ids == {p.stem for p in (ROOT / "data" / collection).glob("*.yml")}
    validator = Schemas(built_site / "daten" / "schema").validators[collection]
    for record in export["records"]:
        assert list(validator.iter_errors(record["data"])) == []
        assert record["url"] == SITE_URL + f"{COLLECTIONS[collection].url_folder}/{record['id']}/"
        for links in record["links"].values():
            for link in links:
                assert link["url"].startswith(SITE_URL) and link["id"] in link["url"]


def test_project_export_resolves_references_to_ids_and_urls(built_site):
    export = json.loads((built_site / "daten/projects.json").read_text(encoding="utf-8"))
    record = next(r for r in export["records"] if r["id"] == "perleberg-wittenberge-2021")
    assert record["links"]["cities"] == [
        {"id": "perleberg", "url": SITE_URL + "kommunen/perleberg/"},
        {"id": "wittenberge", "url": SITE_URL + "kommunen/wittenberge/"},
    ]


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_topic_and_town_pages_link_their_own_feeds_in_head_and_visibly(built_site):
    for url in ("themen/klimawandel/", "kommunen/zossen/"):
        html = page(built_site, url)
        head, body = html.split("</head>")
        assert f'href="../../{url}rss.xml"' in head or f'href="{url}rss.xml"' in head or f"/{url}rss.xml" in head
        assert 'href="rss.xml"' in body and 'href="atom.xml"' in body


def test_subscribe_and_data_pages_list_every_feed_and_file(built_site):
    subscribe = page(built_site, "abonnieren/")
    for path in ALL_FEEDS + ["veranstaltungen/kalender.ics"]:
        assert SITE_URL + path in subscribe, path
    assert 'href="../feeds.opml"' in subscribe
    data = page(built_site, "daten/")
    for collection in COLLECTIONS:
        assert f'href="{collection}.json"' in data and f'href="schema/{collection}.schema.json"' in data
    assert "Datenlizenz Deutschland" in data
