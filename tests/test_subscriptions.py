"""What other towns subscribe to and reuse: feeds, calendars, OPML and open data."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import shutil
import subprocess
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.outputs.feeds import FEED_LIMIT, TOPIC_TOWN_FEED_LIMIT

SITE_URL = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"  # the feed's page (outputs/feed_page.py): one div, never in an entry
TOPICS = sorted(p.stem for p in (ROOT / "data" / "topics").glob("*.yml"))
CITIES = sorted(p.stem for p in (ROOT / "data" / "cities").glob("*.yml"))
ALL_FEEDS = (
    ["rss.xml", "atom.xml"]
    + [f"themen/{t}/{k}" for t in TOPICS for k in ("rss.xml", "atom.xml")]
    + [f"kommunen/{c}/{k}" for c in CITIES for k in ("rss.xml", "atom.xml")]
)


# -- feeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FEEDS)
def test_every_feed_exists_and_parses(built_site, path):
    feed = feedparser.parse((built_site / path).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title and feed.feed.language == "de"


def test_topic_feed_lists_the_newest_of_what_the_topic_page_links(built_site):
    import yaml

    topic = "klimawandel"
    feed = feedparser.parse((built_site / f"themen/{topic}/atom.xml").read_bytes())
    listed = [e.link for e in feed.entries]
    tagged = []  # ((published, identity), link) of every record tagged with the topic
    for collection in ("news", "events", "practices", "projects"):
        for path in (ROOT / "data" / collection).glob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if topic in (data.get("topics") or []):
                tagged.append(
                    (
                        (str(data["published"]), f"{collection}/{path.stem}"),
                        SITE_URL + f"{COLLECTIONS[collection].url_folder}/{path.stem}/",
                    )
                )
    assert len(tagged) > TOPIC_TOWN_FEED_LIMIT, "the real hub should show a topic feed cut to its newest entries"
    assert listed == [link for _, link in sorted(tagged, reverse=True)[:TOPIC_TOWN_FEED_LIMIT]]


def test_town_feed_lists_its_projects(built_site):
    feed = feedparser.parse((built_site / "kommunen/bad-belzig/rss.xml").read_bytes())
    links = {e.link for e in feed.entries}
    assert SITE_URL + "modellvorhaben/bad-belzig-2021/" in links
    assert SITE_URL + "modellvorhaben/bad-belzig-2023/" in links


SELECTION_ATOM = "praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.atom.xml"  # a filter's feed (issue 28)
PAIR_ATOM = "praxisbeispiele/auswahl/kommune-angermuende+jahr-2021.atom.xml"  # a town and a year
SELECTION_ATOMS = (SELECTION_ATOM, PAIR_ATOM)


@pytest.mark.parametrize(
    "path",
    ["atom.xml", "themen/klimawandel/atom.xml", "kommunen/potsdam/atom.xml", *SELECTION_ATOMS, "monatsbrief/atom.xml"],
)
def test_atom_feeds_validate_against_the_rfc_4287_grammar(built_site, path):
    jing = shutil.which("jing")
    assert jing, "jing is required (Debian package 'jing'; make test installs it)"
    result = subprocess.run(
        [jing, "-c", str(ROOT / "tests/schemas/atom.rnc"), str(built_site / path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout


def test_the_atom_grammar_rejects_an_incomplete_feed(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', encoding="utf-8")
    result = subprocess.run(
        [shutil.which("jing") or "jing", "-c", str(ROOT / "tests/schemas/atom.rnc"), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "missing required elements" in result.stdout


def _absolute_refs_only(html: str) -> bool:
    return all(re.match(r"^(https?:|mailto:)", url) for url in re.findall(r'(?:href|src)="([^"]*)"', html))


@pytest.mark.parametrize(
    "path",
    [
        "rss.xml",
        "themen/gemeinwohl/rss.xml",
        "kommunen/potsdam/rss.xml",
        "veranstaltungen/auswahl/art-workshop.rss.xml",
        "veranstaltungen/auswahl/kommune-potsdam+jahr-2024.rss.xml",
        "praxisbeispiele/auswahl/runde-runde-1+thema-digitalisierung.rss.xml",  # two filters that grow with the hub
    ],
)
def test_rss_feeds_follow_the_feed_validator_rules(built_site, path):
    """The rules of the W3C Feed Validation Service that a generated RSS feed can break."""
    channel = ElementTree.parse(built_site / path).getroot().find("channel")
    assert len(channel.findall(f"{XHTML}div")) == 1 and not channel.findall(f"item//{XHTML}*")
    for required in (
        "title",
        "link",
        "description",
        "language",
        "lastBuildDate",
        "{http://purl.org/dc/elements/1.1/}publisher",
    ):
        assert channel.findtext(required), required
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == SITE_URL + path and self_link.get("type") == "application/rss+xml"
    guids = []
    for item in channel.findall("item"):
        assert item.findtext("title") and item.findtext("link").startswith(SITE_URL)
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "false" and guid.text.startswith("tag:")
        guids.append(guid.text)
        parsed = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert parsed.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        if path == "rss.xml":  # the site feed has the full text; topic and town feeds summaries
            assert content and _absolute_refs_only(content), "relative URL in content:encoded"
            assert "<script" not in content.lower() and "javascript:" not in content.lower()
        else:
            assert content is None and item.findtext("description")
    assert len(guids) == len(set(guids)), "duplicate guid"


@pytest.mark.parametrize(
    "path",
    ["atom.xml", "themen/gemeinwohl/atom.xml", "kommunen/potsdam/atom.xml", SELECTION_ATOM, "monatsbrief/atom.xml"],
)
def test_atom_feeds_follow_the_feed_validator_rules(built_site, path):
    feed = ElementTree.parse(built_site / path).getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert len(feed.findall(f"{XHTML}div")) == 1 and not feed.findall(f"{ATOM}entry//{XHTML}*")
    assert feed.find(f"{ATOM}author/{ATOM}name").text  # so no entry needs its own
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == SITE_URL + path and self_link.get("type") == "application/atom+xml"
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(entry.findtext(f"{ATOM}id"))
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href").startswith(SITE_URL)
        for field in ("published", "updated"):
            assert re.search(r"[+-]0[12]:00$", entry.findtext(f"{ATOM}{field}")), field
        content = entry.find(f"{ATOM}content")
        if path == "atom.xml":
            assert content.get("type") == "html" and _absolute_refs_only(content.text)
        else:
            assert content is None and entry.findtext(f"{ATOM}summary")
    assert len(ids) == len(set(ids))


def test_the_site_feed_holds_the_50_newest_items_newest_first(built_site):
    assert FEED_LIMIT == 50
    feed = feedparser.parse((built_site / "atom.xml").read_bytes())
    assert len(feed.entries) == FEED_LIMIT
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("path", ["themen/teilhabe/", "themen/digitalisierung/", "kommunen/potsdam/"])
def test_topic_and_town_feeds_hold_at_most_20_items(built_site, path):
    assert TOPIC_TOWN_FEED_LIMIT == 20
    for kind in ("rss.xml", "atom.xml"):
        entries = feedparser.parse((built_site / path / kind).read_bytes()).entries
        assert 0 < len(entries) <= TOPIC_TOWN_FEED_LIMIT
        dates = [e.published_parsed for e in entries]
        assert dates == sorted(dates, reverse=True)


def _entries_by_id(xml: bytes, atom: bool) -> dict[str, bytes]:
    root = ElementTree.fromstring(xml)
    items = root.findall(f"{ATOM}entry") if atom else root.find("channel").findall("item")
    key = f"{ATOM}id" if atom else "guid"
    return {
        item.findtext(key): ElementTree.canonicalize(ElementTree.tostring(item, encoding="unicode"), strip_text=True)
        for item in items
    }


def test_a_record_reads_the_same_in_every_feed_that_lists_it(built_site):
    """Entries are built once and shared by the feeds: each must arrive whole in every one of them
    (the site feed's with the full text added)."""
    content = {False: "{http://purl.org/rss/1.0/modules/content/}encoded", True: f"{ATOM}content"}
    for atom, kind in ((False, "rss.xml"), (True, "atom.xml")):
        site = _entries_by_id((built_site / kind).read_bytes(), atom)
        first_seen: dict[str, bytes] = {}
        shared = 0
        for path in ALL_FEEDS:
            if path.endswith(kind) and path != kind:
                for uid, entry in _entries_by_id((built_site / path).read_bytes(), atom).items():
                    assert first_seen.setdefault(uid, entry) == entry, (path, uid)
                    if uid in site:
                        full = ElementTree.fromstring(site[uid])
                        full.remove(full.find(content[atom]))
                        assert ElementTree.tostring(full) == ElementTree.tostring(ElementTree.fromstring(entry)), (
                            path,
                            uid,
                        )
                        shared += 1
        assert shared > 50, kind  # the comparison covered many shared entries


def test_topic_and_town_feeds_keep_the_newest_entries_with_summaries(tiny_hub):
    practice = tiny_hub.root / "data" / "practices" / "beirat.yml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace("published: 2026-11-26", "published: 2021-01-04"), encoding="utf-8"
    )  # older than every news item below
    for day in range(1, 26):
        tiny_hub.write(
            f"news/2021-05-{day:02d}-meldung.yml",
            f"""
            title: Meldung vom {day}. Mai
            published: 2021-05-{day:02d}
            summary: Eine Meldung für den Test der Feedlänge.
            body: "Der **volle Text** der Meldung vom {day}. Mai."
            topics: [klimawandel]
            cities: [zossen]
            sources: [{{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}}]
        """,
        )
    files = tiny_hub.build().files
    site = feedparser.parse(files["atom.xml"]).entries
    assert len(site) == 29  # every feed-worthy record: fewer than FEED_LIMIT
    for folder in ("themen/klimawandel/", "kommunen/zossen/"):
        for kind in ("rss.xml", "atom.xml"):
            entries = feedparser.parse(files[folder + kind]).entries
            assert [e.title for e in entries] == [f"Meldung: Meldung vom {day}. Mai" for day in range(25, 5, -1)]
            assert all(e.summary == "Eine Meldung für den Test der Feedlänge." and "content" not in e for e in entries)
    assert all(
        "<strong>volle Text</strong>" in e.content[0].value for e in site if e.title.startswith("Meldung: Meldung vom")
    )


def test_renaming_a_title_changes_no_guid_or_uid(tiny_hub):
    before = tiny_hub.build()
    for rel in ("events/fachkonferenz-2021.yml", "news/2021-04-21-fachkonferenz.yml"):
        path = tiny_hub.root / "data" / rel
        path.write_text(re.sub(r"^title: .*$", "title: Ein ganz neuer Titel", path.read_text(), count=1, flags=re.M))
    after = tiny_hub.build()

    def ids(files):
        feed = feedparser.parse(files["atom.xml"])
        guids = feedparser.parse(files["rss.xml"])
        calendar = icalendar.Calendar.from_ical(files["veranstaltungen/kalender.ics"])
        return (
            {e.id for e in feed.entries},
            {e.id for e in guids.entries},
            {str(c["uid"]) for c in calendar.walk("VEVENT")},
        )

    assert "Ein ganz neuer Titel" in after.files["atom.xml"].decode()
    assert ids(before.files) == ids(after.files)


def test_two_builds_give_identical_feed_and_calendar_bytes(tiny_hub):
    first, second = tiny_hub.build().files, tiny_hub.build().files
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


def test_date_only_values_do_not_shift_with_the_machine_time_zone(tiny_hub, monkeypatch):
    import time

    dates = []
    for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        dates.append(tiny_hub.build().files["rss.xml"])
    monkeypatch.delenv("TZ")
    time.tzset()
    assert dates[0] == dates[1] == dates[2]
    assert b"Wed, 21 Apr 2021 00:00:00 +0200" in dates[0]
