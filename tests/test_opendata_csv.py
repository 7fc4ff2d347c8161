"""The open data as a spreadsheet reader meets it (issue 32.3): lists without dashes or apostrophes,
coordinates as two numbers a German Excel can use, titles instead of ids everywhere, and the
formula guard still in place for text that really starts like a formula."""

from __future__ import annotations

import csv
import io
import re

import pytest
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.load import load_hub
from msdz_hub.outputs.opendata_csv import collection_csv

HUB = load_hub(ROOT)


def table(hub, collection: str) -> list[dict[str, str]]:
    """The CSV read as Excel reads it: UTF-8 with its BOM, `;` between cells."""
    raw = collection_csv(hub, collection, lambda path: "https://hub.example/" + path)
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def german_number(cell: str) -> float:
    """What a German Excel makes of a cell: digits with a decimal comma, nothing else."""
    assert re.fullmatch(r"-?\d+(,\d+)?", cell), f"not a number for a German spreadsheet: {cell!r}"
    return float(cell.replace(",", "."))


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_no_cell_starts_with_an_apostrophe_or_a_dash(collection):
    for row in table(HUB, collection):
        for header, cell in row.items():
            assert not cell.startswith(("'", "-")), (collection, row["Kennung"], header, cell[:60])
            assert " | - " not in cell, (collection, row["Kennung"], header)


def test_markdown_lists_are_joined_as_other_lists():
    rows = {row["Kennung"]: row for row in table(HUB, "practices")}
    practice = HUB.get("practices", "interkommunaler-buergerinnenrat")
    items = [line[2:].strip() for line in practice.data["results"].splitlines() if line.startswith("- ")]
    assert len(items) > 2
    assert rows[practice.id]["Ergebnisse"] == " | ".join(items)
    # a paragraph before a list stays, followed by the items
    transferable = rows[practice.id]["Übertragbarkeit"].split(" | ")
    assert transferable[0].startswith("Das Verfahren eignet sich")
    assert transferable[1] == "die Zustimmung beider Kommunen und je eine zuständige Stelle in der Verwaltung,"


def test_coordinates_are_two_numeric_columns():
    rows = table(HUB, "cities")
    assert rows
    for row in rows:
        town = HUB.get("cities", row["Kennung"])
        assert german_number(row["Lage – Breite"]) == pytest.approx(town.data["coordinates"]["lat"])
        assert german_number(row["Lage – Länge"]) == pytest.approx(town.data["coordinates"]["lon"])
        assert "Breite:" not in " ".join(row.values())  # no longer one text cell


def test_references_show_titles_never_ids_also_inside_objects():
    rows = {row["Kennung"]: row for row in table(HUB, "events")}
    with_town = [e for e in HUB.records["events"].values() if e.data["location"].get("city")]
    assert with_town
    for event in with_town:
        town = HUB.get("cities", event.data["location"]["city"])
        assert rows[event.id]["Ort – Kommune"] == town.title
        assert "Kommune:" not in " ".join(rows[event.id].values())
    rounds = {row["Kennung"]: row for row in table(HUB, "rounds")}
    for round_ in HUB.records["rounds"].values():
        cell = rounds[round_.id]["Themen der Ausschreibung"]
        for theme in round_.data["themes"]:
            assert f"Thema: {HUB.get('topics', theme['topic']).title}" in cell
            assert f"Thema: {theme['topic']}" not in cell


def test_the_formula_guard_still_catches_real_formulas(tiny_hub):
    tiny_hub.write(
        "practices/formel.yml",
        """
        title: "=HYPERLINK(\\"https://evil.example\\")"
        summary: "+49 331 ist keine Zahl, sondern Text"
        projects: [zossen-2021]
        topics: [klimawandel]
        context: "@SUMME(A1:A9) als Text"
        steps: [Beirat berufen, "-1 Termin absagen"]
        results: |
          - Erstens
          - Zweitens
        transferability: Braucht engagierte Menschen.
        published: 2026-11-26
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}]
        """,
    )
    row = next(r for r in table(load_hub(tiny_hub.root), "practices") if r["Kennung"] == "formel")
    assert row["Titel"] == '\'=HYPERLINK("https://evil.example")'
    assert row["Kurzfassung"] == "'+49 331 ist keine Zahl, sondern Text"
    assert row["Ausgangslage"] == "'@SUMME(A1:A9) als Text"
    assert row["Vorgehen"] == "Beirat berufen | -1 Termin absagen"  # a formula only at the cell's start
    assert row["Ergebnisse"] == "Erstens | Zweitens"  # a Markdown list: no dash, so no guard


def test_the_data_page_explains_numbers_and_separators(built_site):
    text = (built_site / "daten" / "index.html").read_text(encoding="utf-8")
    for words in ("Dezimalkomma", "Semikolon", "Lage – Breite", "Apostroph"):
        assert words in text, words
