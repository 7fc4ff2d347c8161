"""The form and the check share one set of rules: a value the form accepts passes the check, and a
value the check accepts is accepted by the form.

Every text field of the generated CMS config is tried with the kinds of value the adversarial test
of issue 26 found the form accepting and the check refusing (spaces around a title, invisible
characters, non-ASCII, port and %zz addresses, month 13, 31 February, hour 25, +99:00, lengths
counted in UTF-16 units), and with a few hundred fuzzed mutations of valid values. The form's
verdict comes from its own code in node (admin/hub-widgets.js on the config's rules), the check's
from the validator on a record holding the value.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import subprocess
import textwrap

import pytest
import yaml
from support import ROOT, VALID_RECORDS

from msdz_hub.core.paths import format_field
from msdz_hub.editors.cms_config import config
from msdz_hub.editors.cms_settings import CmsSettings
from msdz_hub.reading import RawRecord
from msdz_hub.schemas import Schemas
from msdz_hub.validation import Validator

SCHEMAS = Schemas(ROOT / "data" / "schema")
SETTINGS = CmsSettings("o/r", "main", "https://example.org", "auth", "https://example.org/")
# the valid tiny hub's records, dates as text (as the hub's reader keeps them)
BASE = {
    rel.split("/")[0]: json.loads(json.dumps(yaml.safe_load(textwrap.dedent(text)), default=str))
    for rel, text in VALID_RECORDS.items()
}
WIDGETS = (ROOT / "hooks" / "msdz_hub" / "editors" / "admin" / "hub-widgets.js").as_uri()

HOSTILE = [
    " Titel mit Leerzeichen",
    "Titel mit Leerzeichen ",
    "Unsicht\u200bbar",
    "Richtung \u202eumgedreht",
    "Steuer\x07zeichen",
    "Zwei\nZeilen",
    "Tab\tulator",
    "Trenner\u2028Zeile",
    "\u00a0\u00a0",
    "\ufeffText",
    "Ende\ufffe",
    "Halbes \ud800 Zeichen",
    "https://www.zossen.de/straße",
    "https://www.zossen.de:8080/seite",
    "https://www.zossen.de:99999/",
    "https://www.zossen.de:abc/",
    "https://www.zossen.de/%zz",
    "https://nutzer@www.zossen.de/",
    "www.zossen.de",
    "2024-13-01",
    "2024-02-31",
    "2023-02-29",
    "2024-02-29",
    "0000-01-01",
    "2024-06-12T25:00",
    "2024-06-12T10:60",
    "2024-06-12T10:00+99:00",
    "2024-06-12T10:00+14:00",
    "2024-06-12T10:00Z",
    "2024-06-12T10:00:30",
    "2023",
    "2023-04",
]
ALPHABET = list("aZ09 -:.T+/%#?") + ["ä", "€", "😀", "\u200b", "\n", "\t", "\u00a0", "\u0301", "\U0001fffe", "Z"]


def text_fields():
    """(collection, path, field) for every field with the hub's text rules; list items at index 0."""
    for collection in config(SCHEMAS, SETTINGS)["collections"]:
        yield from _walk(collection["name"], collection["fields"], ())


def _walk(collection, fields, prefix):
    for field in fields:
        if field["name"] == "kennung":
            continue
        path = (*prefix, field["name"])
        if "rules" in field:
            yield collection, path, field
        if field["widget"] == "object":
            yield from _walk(collection, field["fields"], path)
        elif field["widget"] == "list" and "field" in field:
            yield from _walk(collection, [dict(field["field"], name=0)], path)
        elif field["widget"] == "list":
            yield from _walk(collection, field["fields"], (*path, 0))


def _seeds(field) -> list[str]:
    width = next((r[0] for r in field["rules"] if r[1].startswith("Bitte") and "Zeichen" in r[1]), "")
    low, high = (int(x) if x else None for x in (width.split("{")[-1].split("}")[0].split(",") if width else ("", "")))
    seeds = ["Ein Beispiel in Worten", "https://www.zossen.de/rathaus", "2024-06-12", "2024-06-12T10:00"]
    if high:
        seeds += ["😀" * high, "😀" * (high + 1), "a" * high, "a" * (high + 1)]
    if low:
        seeds += ["😀" * low, "a" * (low - 1)]
    return seeds


def _mutations(seeds: list[str], rng: random.Random, count: int) -> list[str]:
    values = []
    for _ in range(count):
        text = list(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(text))
            choice = rng.random()
            if choice < 0.5:
                text.insert(at, rng.choice(ALPHABET))
            elif text and choice < 0.8:
                text[min(at, len(text) - 1)] = rng.choice(ALPHABET)
            elif text:
                del text[min(at, len(text) - 1)]
        values.append("".join(text))
    return values


def _record_with(collection: str, path: tuple, value: str) -> dict:
    data = copy.deepcopy(BASE[collection])
    target = data
    for key in path[:-1]:
        if isinstance(key, int):
            while len(target) <= key:
                target.append({})
        elif key not in target or not isinstance(target[key], (dict, list)):
            target[key] = [] if isinstance(path[path.index(key) + 1], int) else {}
        target = target[key]
    if isinstance(path[-1], int) and isinstance(target, list):
        target[:] = [value]
    else:
        target[path[-1]] = value
    return data


def _check_accepts(collection: str, path: tuple, data: dict, validator: Validator) -> bool:
    if any(0xD800 <= ord(char) <= 0xDFFF for char in json.dumps(data, ensure_ascii=False)):
        return False  # a lone surrogate: no YAML file can hold one (the reader refuses the escape)
    record = RawRecord(collection, "probe", f"data/{collection}/probe.yml", data)
    field = format_field(path)
    return not any(p.field == field for p in validator.record_problems(record))


def _form_accepts(batches: list[dict]) -> list[list[bool]]:
    """The form's verdict: hub-widgets.js's validity() on the field, with the record around it."""
    node = shutil.which("node")
    assert node, "node is required (npm installs the CMS)"
    script = (
        f"import {{ validity }} from {json.dumps(WIDGETS)};\n"
        "let text = ''; process.stdin.on('data', (d) => { text += d; });\n"
        "process.stdin.on('end', () => { const batches = JSON.parse(text);\n"
        "  process.stdout.write(JSON.stringify(batches.map((b) => b.values.map(\n"
        "    ([value, data]) => validity(value, b.field, data) === true)))); });\n"
    )
    result = subprocess.run(
        [node, "--no-warnings", "--input-type=module", "-e", script],
        input=json.dumps(batches),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def verdicts():
    rng = random.Random(26)
    validator = Validator(SCHEMAS)
    fields = list(text_fields())
    batches = []
    for collection, path, field in fields:
        # an empty field is Decap's own business (required) and the writer leaves it out
        values = [v for v in HOSTILE + _mutations(_seeds(field), rng, 60) if v]
        batches.append({"field": field, "values": [[v, _record_with(collection, path, v)] for v in values]})
    form = _form_accepts(batches)
    rows = []
    for (collection, path, _), batch, accepted in zip(fields, batches, form, strict=True):
        for (value, data), form_ok in zip(batch["values"], accepted, strict=True):
            rows.append(
                (collection, format_field(path), value, form_ok, _check_accepts(collection, path, data, validator))
            )
    return rows


def test_every_text_field_of_every_collection_is_tried(verdicts):
    fields = {(c, f) for c, f, *_ in verdicts}
    assert len(fields) > 60 and ("events", "start") in fields and ("practices", "sources[0].url") in fields
    assert len(verdicts) > 5000
    assert any(form for *_, form, _ in verdicts) and not all(form for *_, form, _ in verdicts)


def test_what_the_form_accepts_passes_the_check(verdicts):
    wrong = [(c, f, v) for c, f, v, form, check in verdicts if form and not check]
    assert wrong == [], wrong[:20]


def test_what_the_check_accepts_the_form_accepts_too(verdicts):
    wrong = [(c, f, v) for c, f, v, form, check in verdicts if check and not form]
    assert wrong == [], wrong[:20]
