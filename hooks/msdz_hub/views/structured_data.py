"""What search engines and link previews read from a page's head: schema.org JSON-LD and Open Graph.

The renderer puts the result into each generated page's front matter (``hub_jsonld``,
``hub_og_type``); overrides/main.html prints it. JSON-LD goes into a <script> element, so
``json_ld`` escapes '<', '>' and '&': a title in the data can never close the script.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..core.settings import SiteSettings
from ..model import Hub, Record

CONTEXT = "https://schema.org"


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">, safe against '</script>' in any value."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _moment(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def publisher(hub: Hub, site: SiteSettings) -> dict[str, Any]:
    """The body behind the hub (a ministry); its short name and website come from its record among
    the partners (the organisation with that title), if the hub has one. Made once per build."""
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": site.publisher}
    record = next((o for o in hub.all("organisations") if o.title == site.publisher), None)
    if record is not None and record.data.get("short_title", ""):
        data["alternateName"] = record.data["short_title"]
    if record is not None and record.data.get("website", ""):
        data["url"] = record.data["website"]
    return data


def _place_of_town(town: Record, site: SiteSettings) -> dict[str, Any]:
    coordinates = town.data["coordinates"]
    return {
        "@type": "Place",
        "name": town.title,
        "url": site.absolute(town.url),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": town.title,
            "addressRegion": "Brandenburg",
            "addressCountry": "DE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": coordinates["lat"], "longitude": coordinates["lon"]},
    }


def _base(record: Record, site: SiteSettings, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": kind,
        "name": record.title,
        "url": site.absolute(record.url),
        "inLanguage": "de",
    }
    if record.summary:
        data["description"] = record.summary
    return data


def _article(record: Record, site: SiteSettings, org: dict[str, Any], kind: str) -> dict[str, Any]:
    data = _base(record, site, kind)
    data["headline"] = record.title[:110]
    data["mainEntityOfPage"] = site.absolute(record.url)
    if record.published:
        data["datePublished"] = record.published.isoformat()
    if record.changed:  # the last change, as on the page, in the feeds and in the sitemap
        data["dateModified"] = record.changed.isoformat()
    data["publisher"] = dict(org)
    data["author"] = dict(org)
    topics = record.refs("topics")
    if topics:
        data["about"] = [{"@type": "Thing", "name": t.title, "url": site.absolute(t.url)} for t in topics]
    if record.data.get("sources"):
        data["isBasedOn"] = [source["url"] for source in record.data["sources"]]
    return data


def _event(record: Record, site: SiteSettings, org: dict[str, Any]) -> dict[str, Any]:
    data = _base(record, site, "Event")
    data["startDate"] = _moment(record.event_start)
    if record.end:
        data["endDate"] = _moment(record.end)
    location = record.data["location"]
    online_only = location["name"].strip().casefold() == "online"
    virtual = {"@type": "VirtualLocation", "url": record.data.get("website") or site.absolute(record.url)}
    town = record.hub.get("cities", location["city"]) if location.get("city") else None
    place: dict[str, Any] = {"@type": "Place", "name": location["name"]}
    if location.get("address"):
        place["address"] = location["address"]
    elif town is not None:
        place["address"] = {
            "@type": "PostalAddress",
            "addressLocality": town.title,
            "addressRegion": "Brandenburg",
            "addressCountry": "DE",
        }
    if town is not None:
        coordinates = town.data["coordinates"]
        place["geo"] = {"@type": "GeoCoordinates", "latitude": coordinates["lat"], "longitude": coordinates["lon"]}
    if online_only:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = virtual
    elif location.get("online"):
        data["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
        data["location"] = [place, virtual]
    else:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = place
    # An event of a town's project is that town's; the initiative's own events are the ministry's.
    towns = [t for p in record.refs("projects") for t in p.refs("cities")]
    if towns:
        data["organizer"] = [
            {"@type": "GovernmentOrganization", "name": t.title, "url": site.absolute(t.url)}
            for t in dict.fromkeys(towns)
        ]
    else:
        data["organizer"] = dict(org)
    if record.data.get("website"):
        data["sameAs"] = record.data["website"]
    return data


def _place(record: Record, site: SiteSettings) -> dict[str, Any]:
    data = _place_of_town(record, site)
    data = {"@context": CONTEXT, **data, "inLanguage": "de"}
    if record.summary:
        data["description"] = record.summary
    if record.data.get("website"):
        data["sameAs"] = record.data["website"]
    return data


def _organisation(record: Record, site: SiteSettings) -> dict[str, Any]:
    kind = "GovernmentOrganization" if record.data.get("kind") == "ministerium" else "Organization"
    data = _base(record, site, kind)
    data.pop("inLanguage")
    if record.data.get("short_title"):
        data["alternateName"] = record.data["short_title"]
    if record.data.get("website"):
        data["sameAs"] = record.data["website"]
    return data


def record_data(record: Record, site: SiteSettings, org: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON-LD object of a record's page, or None for kinds schema.org has no good type for;
    ``org`` is the publisher (``publisher``)."""
    name = record.collection.name
    if name == "events":
        return _event(record, site, org)
    if name == "cities":
        return _place(record, site)
    if name == "news":
        return _article(record, site, org, "NewsArticle")
    if name == "practices":
        return _article(record, site, org, "Article")
    if name == "organisations":
        return _organisation(record, site)
    return None


def og_type(record: Record | None) -> str:
    """Open Graph type: news and practices are articles, everything else a page of the website."""
    return "article" if record is not None and record.collection.name in ("news", "practices") else "website"


def home_data(site: SiteSettings, org: dict[str, Any], description: str) -> dict[str, Any]:
    """The home page: the organisation behind the hub (``publisher``) and the website itself."""
    organisation = {**org, "@id": site.url + "#organisation"}
    return {
        "@context": CONTEXT,
        "@graph": [
            organisation,
            {
                "@type": "WebSite",
                "name": site.title,
                "url": site.url,
                "inLanguage": "de",
                "description": description,
                "publisher": {"@id": site.url + "#organisation"},
            },
        ],
    }
