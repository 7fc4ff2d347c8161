"""Whom to ask, whether it still runs, and sources a reader can read (issue 30)."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from msdz_hub.load import load_hub
from msdz_hub.views import contacts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hub():
    return load_hub(ROOT)


class _Links(HTMLParser):
    """Every <a href> of a page with its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href") or "", ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, text.strip()))


def _links(page: Path) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_every_project_names_a_contact_and_a_status(hub):
    for project in hub.all("projects"):
        assert contacts.contact_of(project, dt.date(2026, 12, 7)) is not None, project.id
        assert contacts.statuses_of(project), project.id


def test_a_contact_unconfirmed_for_over_a_year_is_marked_stale(hub):
    project = hub.get("projects", "cottbus-2021")
    confirmed = dt.date.fromisoformat(str(project.data["contact"]["confirmed"]))
    assert not contacts.contact_of(project, confirmed + dt.timedelta(days=365)).stale
    assert contacts.contact_of(project, confirmed + dt.timedelta(days=366)).stale


def test_a_practice_shows_its_projects_contact(hub):
    practice = next(p for p in hub.all("practices") if not p.data.get("contact"))
    contact = contacts.contact_of(practice, dt.date(2026, 12, 7))
    assert contact is not None and contact.project in practice.refs("projects")


def test_question_link_opens_a_prefilled_german_mail(hub):
    project = hub.get("projects", "cottbus-2021")
    link = contacts.question_mailto(project, "stadtentwicklung@cottbus.de", "https://hub.example/x/")
    address, query = link.removeprefix("mailto:").split("?")
    fields = urllib.parse.parse_qs(query)
    assert address == "stadtentwicklung@cottbus.de"
    assert fields["subject"] == [f"Frage zu „{project.title}“"]
    assert "https://hub.example/x/" in fields["body"][0] and "Guten Tag" in fields["body"][0]


def test_no_page_shows_a_bare_web_address_as_link_text(built_site):
    bare = []
    for page in built_site.rglob("*.html"):
        for _href, text in _links(page):
            if re.match(r"https?://", text):
                bare.append(f"{page.relative_to(built_site)}: {text}")
    assert not bare, bare[:10]


def test_project_page_shows_contact_status_and_readable_sources(built_site):
    html = (built_site / "modellvorhaben" / "cottbus-2021" / "index.html").read_text(encoding="utf-8")
    assert "Ansprechstelle" in html and "Kontakt bestätigt am" in html
    assert 'href="tel:+493556124117"' in html and "stadtentwicklung@cottbus.de" in html
    assert "Frage zu diesem Beispiel" in html and "mailto:stadtentwicklung@cottbus.de?subject=" in html
    assert "Stand nach der Förderung" in html
    assert "– Stadt Cottbus" in html  # a source by its title and publisher
    assert 'class="hub-source__url"' in html  # its full address, shown in print


def test_overview_filters_by_status_after_funding(built_site):
    html = (built_site / "modellvorhaben" / "index.html").read_text(encoding="utf-8")
    assert "Stand nach der Förderung" in html and 'data-status="' in html
    assert "Nach der Förderung: verstetigt" in html


def test_open_data_and_catalogue_carry_contact_and_status(built_site):
    import csv
    import json

    import rdflib
    from rdflib.namespace import DCAT

    projects = json.loads((built_site / "daten" / "projects.json").read_text(encoding="utf-8"))["records"]
    assert projects and all(p["data"]["contact"]["office"] for p in projects)
    assert all(p["data"]["status_after_funding"]["state"] in contacts.STATES for p in projects)
    rows = list(
        csv.reader((built_site / "daten" / "projects.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    header = rows[0]
    # object fields have one column per part (outputs.opendata_csv): „Ansprechstelle – Stelle“, …
    assert any(h.startswith("Ansprechstelle") for h in header)
    assert any(h.startswith("Stand nach der Förderung") for h in header)
    cottbus = next(r for r in rows if r[0] == "cottbus-2021")
    assert any(
        "stadtentwicklung@cottbus.de" in cell
        for cell, name in zip(cottbus, header, strict=True)
        if name.startswith("Ansprechstelle")
    )

    graph = rdflib.Graph()
    graph.parse(built_site / "daten" / "catalog.ttl", format="turtle")
    vcard = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
    datasets = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert datasets
    for dataset in datasets:
        point = graph.value(dataset, DCAT.contactPoint)
        assert point is not None and "Referat 22" in str(graph.value(point, vcard.fn))


def test_a_contact_without_any_way_to_reach_it_is_refused_in_german(tiny_hub):
    tiny_hub.write(
        "projects/kontaktlos.yml",
        """
        title: Ohne Kontaktweg
        round: runde-1
        cities: [zossen]
        topics: [klimawandel]
        summary: Ein Vorhaben, dessen Ansprechstelle keinen Weg nennt, sie zu erreichen.
        published: 2021-02-10
        sources: [{url: https://msdz.brandenburg.de/, title: Startseite, publisher: MIL}]
        contact:
          office: Stadt Zossen, Bauamt
          source: https://msdz.brandenburg.de/
          confirmed: 2026-12-01
        """,
    )
    problems = "\n".join(tiny_hub.problems())
    assert "data/projects/kontaktlos.yml:9:" in problems, problems
    assert "braucht mindestens eines dieser Felder: email oder phone oder url" in problems
