"""Every way an editor's file can be wrong gives one line `path:line:col: error: field: message`."""

from __future__ import annotations

import json

import pytest

from msdz_hub.reading import load_file


def test_the_valid_tiny_hub_has_no_problems(tiny_hub):
    assert tiny_hub.problems() == []


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_yaml_syntax_error_names_file_and_line(tiny_hub):
    tiny_hub.write("topics/kaputt.yml", 'title: Kaputt\nsummary: "nicht geschlossen\n')
    line = only(tiny_hub.problems())
    assert line.startswith("data/topics/kaputt.yml:2:28: error: 'Datei': YAML-Syntaxfehler")


def test_duplicate_key_is_reported_at_the_second_one(tiny_hub):
    tiny_hub.write("topics/doppelt.yml", "title: Eins\nsummary: Ein ausreichend langer Text.\ntitle: Zwei\n")
    line = only(tiny_hub.problems())
    assert line.startswith(
        "data/topics/doppelt.yml:3:1: error: 'title': Feld 'title' kommt doppelt vor (zuerst in Zeile 1)"
    )


def test_tab_is_reported_with_its_column(tiny_hub):
    tiny_hub.write("topics/tab.yml", "title: Tab\nsummary:\tEin ausreichend langer Text.\n")
    line = only(tiny_hub.problems())
    assert line.startswith("data/topics/tab.yml:2:9: error: 'Datei': Tabulatorzeichen")


def test_unknown_key_suggests_the_closest_field(tiny_hub):
    tiny_hub.write("topics/tippfehler.yml", "title: Tippfehler\nsumary: Ein ausreichend langer Text.\n")
    problems = tiny_hub.problems()
    assert (
        "data/topics/tippfehler.yml:2:1: error: 'sumary': unbekanntes Feld 'sumary' (meinten Sie 'summary'?)"
        in "\n".join(problems)
    )
    assert any(
        p.startswith("data/topics/tippfehler.yml:1:1: error: 'Datei': Pflichtfeld 'summary' fehlt") for p in problems
    )


def test_wrong_type_says_what_was_expected(tiny_hub):
    tiny_hub.write(
        "projects/zossen-2021.yml",
        tiny_hub.root.joinpath("data/projects/zossen-2021.yml")
        .read_text()
        .replace("cities: [zossen]", "cities: zossen"),
    )
    line = only(tiny_hub.problems())
    assert line.startswith("data/projects/zossen-2021.yml:3:9: error: 'cities': erwartet eine Liste")


def test_missing_required_field_is_named(tiny_hub):
    tiny_hub.write("topics/ohne.yml", "title: Ohne Kurzfassung\n")
    assert only(tiny_hub.problems()).startswith(
        "data/topics/ohne.yml:1:1: error: 'Datei': Pflichtfeld 'summary' fehlt."
    )


@pytest.mark.parametrize("value", ["2021-02-30", "2021-4-21", "21.04.2021"])
def test_bad_dates_are_rejected(tiny_hub, value):
    path = tiny_hub.root / "data/news/2021-04-21-fachkonferenz.yml"
    tiny_hub.write(
        "news/2021-04-21-fachkonferenz.yml", path.read_text().replace("published: 2021-04-21", f"published: {value}")
    )
    line = only(tiny_hub.problems())
    assert line.startswith("data/news/2021-04-21-fachkonferenz.yml:2:12: error: 'published': ")
    assert "kein" in line and "Datum" in line


def test_end_before_start_is_rejected(tiny_hub):
    path = tiny_hub.root / "data/events/fachkonferenz-2021.yml"
    tiny_hub.write(
        "events/fachkonferenz-2021.yml",
        path.read_text().replace("start: 2021-04-21", "start: 2021-04-21\nend: 2021-04-20"),
    )
    assert only(tiny_hub.problems()).startswith(
        "data/events/fachkonferenz-2021.yml:4:6: error: 'end': Ende '2021-04-20' liegt vor dem Beginn"
    )


def test_dangling_reference_suggests_the_existing_id(tiny_hub):
    path = tiny_hub.root / "data/projects/zossen-2021.yml"
    tiny_hub.write("projects/zossen-2021.yml", path.read_text().replace("cities: [zossen]", "cities: [zosen]"))
    assert only(tiny_hub.problems()) == (
        "data/projects/zossen-2021.yml:3:10: error: 'cities[0]': unbekannte Kommune 'zosen' "
        "(meinten Sie 'zossen'?); es gibt keine Datei data/cities/zosen.yml."
    )


def test_reference_to_a_broken_file_is_not_reported_twice(tiny_hub):
    tiny_hub.write("cities/zossen.yml", "title: [kaputt\n")
    problems = tiny_hub.problems()
    assert len(problems) == 1 and problems[0].startswith("data/cities/zossen.yml:")


@pytest.mark.parametrize(
    "name, hint",
    [
        ("Zossen.yml", "zossen"),
        ("großräschen.yml", "grossraeschen"),
        ("bad belzig.yml", "bad-belzig"),
        ("zossen.yaml", ".yml"),
    ],
)
def test_bad_file_names_are_rejected(tiny_hub, name, hint):
    tiny_hub.write(f"cities/{name}", (tiny_hub.root / "data/cities/zossen.yml").read_text())
    line = only(tiny_hub.problems())
    assert line.startswith(f"data/cities/{name}:1:1: error: 'Datei': Dateiname")
    assert hint in line


def test_unknown_collection_folder_is_rejected(tiny_hub):
    tiny_hub.write("staedte/zossen.yml", "title: Zossen\n")
    assert only(tiny_hub.problems()).startswith(
        "data/staedte/zossen.yml:1:1: error: 'Datei': unbekannter Ordner 'staedte'"
    )


def test_empty_file_is_rejected(tiny_hub):
    tiny_hub.write("topics/leer.yml", "# nur ein Kommentar\n")
    assert only(tiny_hub.problems()).startswith("data/topics/leer.yml:1:1: error: 'Datei': Datei ist leer")


def test_several_documents_in_one_file_are_rejected(tiny_hub):
    tiny_hub.write("topics/zwei.yml", "title: Eins\nsummary: Ein ausreichend langer Text.\n---\ntitle: Zwei\n")
    assert only(tiny_hub.problems()).startswith("data/topics/zwei.yml:3:1: error: 'Datei': mehrere Dokumente")


def test_bom_and_non_utf8_bytes_are_rejected(tiny_hub):
    tiny_hub.write("topics/bom.yml", "\ufefftitle: Bom\nsummary: Ein ausreichend langer Text.\n".encode("utf-8"))
    tiny_hub.write("topics/latin.yml", "title: Gro\xdfr\xe4schen\nsummary: Text\n".encode("latin-1"))
    problems = tiny_hub.problems()
    assert problems[0].startswith("data/topics/bom.yml:1:1: error: 'Datei': Datei beginnt mit einer Byte-Order-Mark")
    assert problems[1].startswith("data/topics/latin.yml:1:11: error: 'Datei': Zeichen, das kein UTF-8 ist")


# -- YAML 1.1 traps: never silently turned into something else -------------------------------


def test_yes_no_on_stay_text_and_fail_a_boolean_field(tiny_hub):
    path = tiny_hub.root / "data/cities/zossen.yml"
    tiny_hub.write("cities/zossen.yml", path.read_text().replace("approximate: true", "approximate: yes"))
    assert only(tiny_hub.problems()).startswith(
        "data/cities/zossen.yml:4:52: error: 'coordinates.approximate': 'yes' ist mehrdeutig: für ja/nein bitte true oder false schreiben."
    )


def test_thousands_separator_is_not_read_as_a_fraction(tiny_hub):
    path = tiny_hub.root / "data/projects/zossen-2021.yml"
    tiny_hub.write("projects/zossen-2021.yml", path.read_text() + "funding_eur: 83.500\n")
    line = only(tiny_hub.problems())
    assert line.startswith(
        "data/projects/zossen-2021.yml:8:14: error: 'funding_eur': '83.500' wird als Kommazahl 83.5 gelesen"
    )
    assert "83500" in line


def test_leading_zero_is_not_read_as_octal(tiny_hub):
    path = tiny_hub.root / "data/cities/zossen.yml"
    tiny_hub.write("cities/zossen.yml", path.read_text() + "population: 03046\n")
    assert only(tiny_hub.problems()).startswith(
        "data/cities/zossen.yml:6:13: error: 'population': erwartet eine ganze Zahl; '03046' ohne führende Null"
    )


def test_values_yaml_1_1_would_convert_stay_as_written(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a: no\nb: 03046\nc: 2021-04-21\nd: 10:30\ne: On\nf: true\ng: 12\n", encoding="utf-8")
    record, problems = load_file(path, "data/topics/x.yml", "topics")
    assert problems == []
    assert record.data == {"a": "no", "b": "03046", "c": "2021-04-21", "d": "10:30", "e": "On", "f": True, "g": 12}


def test_bare_date_in_a_text_field_stays_text(tiny_hub):
    tiny_hub.write("topics/datum.yml", "title: 2021-04-21\nsummary: Ein ausreichend langer Text.\n")
    assert tiny_hub.problems() == []


def test_all_problems_of_a_run_are_reported_together(tiny_hub):
    tiny_hub.write("topics/a.yml", "title: A\n")
    tiny_hub.write("topics/b.yml", "title: [\n")
    tiny_hub.write("cities/Falsch.yml", "title: x\n")
    problems = tiny_hub.problems()
    assert {p.split(":")[0] for p in problems} == {"data/topics/a.yml", "data/topics/b.yml", "data/cities/Falsch.yml"}


def test_a_rule_without_its_own_explanation_still_gives_one_clear_line(tiny_hub):
    # The schemas may grow a keyword that has no German explanation yet (here "const"): the editor
    # still gets one line at the value, in jsonschema's words, never silence or a traceback.
    path = tiny_hub.root / "data/schema/topics.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["title"] = {**schema["properties"]["title"], "const": "Nur dieser Titel"}
    path.write_text(json.dumps(schema), encoding="utf-8")
    tiny_hub.write("topics/anders.yml", "title: Anders\nsummary: Ein ausreichend langer Text.\n")
    line = only([problem for problem in tiny_hub.problems() if problem.startswith("data/topics/anders.yml")])
    assert line.startswith("data/topics/anders.yml:1:8: error: 'title': ungültiger Wert: ")
    assert "Nur dieser Titel" in line
