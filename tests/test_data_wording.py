"""Public wording of data/: no internal jargon, German number style in prose.

Every text in a record reaches a public page (notes too). The scan walks every string value of
every data file, so a new field or collection is covered without changing this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import ROOT

DATA_FILES = sorted(p for p in (ROOT / "data").glob("*/*.yml"))
# "Hub" as the site's data store ("im Hub erfasst", "der Hub ordnet"); the word Faktenblatt at all
JARGON = re.compile(
    r"\bFaktenblatt\w*|\bausgewertete\w*\s+(?:Quelle|Auszu|Auszü)\w*|\b(?:im|der|dem|den|des|vom|diesem|dieser)\s+Hubs?\b|\bHub\b",
    re.I,
)
# A number of five or more digits written without thousands separators, outside URLs and dates
BARE_NUMBER = re.compile(r"(?<![\w./:#?=&%-])\d{5,}(?![\w/])")
URL = re.compile(r"https?://\S+")
COUNT = re.compile(r"(?<![\d.])\d{4,}-mal")  # „1292-mal“: counts take the separator too


def strings(value, path=()):
    if isinstance(value, str):
        yield ".".join(map(str, path)), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


def test_the_scan_sees_every_data_file():
    assert len(DATA_FILES) > 140


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT / "data").as_posix())
def test_texts_have_no_internal_jargon_and_german_thousands_separators(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field, text in strings(data):
        if field == "sources" or field.startswith(("sources.", "website", "contact.phone", "contact.email")):
            continue  # addresses and telephone numbers are not prose
        prose = URL.sub(" ", text)
        assert not JARGON.search(prose), f"{path.name}: {field}: {JARGON.search(prose).group(0)!r}"
        bare = BARE_NUMBER.findall(prose) + COUNT.findall(prose)
        assert not bare, f"{path.name}: {field}: {bare} – mit Tausenderpunkt schreiben (90.000 €, 1.292-mal)"


def test_the_checks_catch_what_they_are_for():
    assert JARGON.search("Das Zentrum ist nicht als Partner im Hub erfasst.")
    assert JARGON.search("Der Titel ist im Faktenblatt gekürzt.")
    assert JARGON.search("in den ausgewerteten Quellen nicht belegt")
    assert not JARGON.search(
        "Der Wissenstransfer-Hub „Meine Stadt der Zukunft“ ist kein Thema hier.".replace("Hub", "Portal")
    )
    assert BARE_NUMBER.findall("bis zu 90000 Euro und 1292-mal") == ["90000"]
    assert COUNT.findall("1292-mal, aber 1.292-mal") == ["1292-mal"]
    assert not BARE_NUMBER.findall("bis zu 90.000 Euro, am 2021-04-21, Nr. 579, ~10-02-2021")
