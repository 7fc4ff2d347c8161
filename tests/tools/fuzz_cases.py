"""Schema-guided fuzzing, part one: the documents (tests/tools/fuzz_hub.py runs and judges them).

Each case replaces one record of the tiny hub with a document generated from the collection's JSON
Schema and then mutated: wrong types, any Unicode, YAML escapes in double quotes, block scalars,
German numbers, odd dates, deep nesting, raw bytes, other file names.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st
from support import ROOT, VALID_RECORDS
from tools.fuzz_rounds import MARKDOWN_FIELDS, anchor_documents, markdown_values, structure_tokens, time_values

SCHEMAS = {
    path.name.split(".")[0]: json.loads(path.read_text(encoding="utf-8"))
    for path in (ROOT / "data" / "schema").glob("*.schema.json")
}
BASE = {rel: yaml.safe_load(textwrap.dedent(text)) for rel, text in VALID_RECORDS.items()}
INTEGER_FIELDS = {"projects": "funding_eur", "cities": "population", "rounds": "applications"}


# -- generators ------------------------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_tricky_chars = st.sampled_from(
    list(
        "\x00\x07\x08\x1b\x7f\x85\x9f\u00a0\u200b\u200e\u202e\u2066\u2028\u2029\ufeff\ufffe\uffff"
        "\t\n\r \\\"':#&*!|>{}[],%@`äöüß€\U0001f600"
    )
)
_texty = st.lists(st.one_of(_text, _tricky_chars), max_size=6).map("".join)
_escapes = st.sampled_from(
    [
        r"\a",
        r"\b",
        r"\e",
        r"\0",
        r"\N",
        r"\_",
        r"\L",
        r"\P",
        r"\x07",
        r"\t",
        r"\n",
        r"\r",
        r"\\",
        r"\"",
        r"\u202e",
        r"\ufffe",
        r"\u00a0",
        r"\U0001F600",
        r"\ud800",
        r"\U00110000",
        r"\v",
        r"\f",
        r"\/",
        r"\ ",
        "C:\\archiv\\bericht",
        r"\q",
    ]
)
_number_tokens = st.sampled_from(
    [
        "250.000",
        "1.000",
        "21.000",
        "83.500",
        "1.0",
        "1e3",
        "1.0e+309",
        "-.inf",
        ".NaN",
        "0x1F",
        "0o17",
        "03046",
        "10:30",
        "1_000",
        "+12",
        "-0",
        "１２３",
        "9" * 30,
        "1" + "0" * 4300,
        "12,5",
        "1.000.000",
    ]
)
_date_tokens = st.sampled_from(
    [
        "2021-04-21",
        "2021-4-21",
        "21.04.2021",
        "2021-02-30",
        "2021-13-01",
        "0000-01-01",
        "9999-12-31",
        "2021-04-21T10:00",
        "2021-04-21T24:00",
        "2021-04-21T10:00+25:00",
        "2021-04-21T10:00Z",
        "2021-04-21 10:00",
        "2021",
        "2021-00",
        "2021-04",
        "1899-01-01",
    ]
)


def _double_quoted(parts: list[str]) -> str:
    return '"' + "".join(part.replace('"', '\\"') if not part.startswith("\\") else part for part in parts) + '"'


_raw_scalars = st.one_of(
    _number_tokens,
    _date_tokens,
    st.lists(st.one_of(_escapes, _text.map(lambda t: t.replace("\\", "/"))), min_size=1, max_size=6).map(
        _double_quoted
    ),
    st.tuples(
        st.sampled_from(["|", "|-", "|+", ">", ">-", "|2"]),
        st.lists(_text.filter(lambda t: "\n" not in t and "\r" not in t), min_size=1, max_size=3),
    ).map(lambda b: b[0] + "\n" + "".join(f"  {line}\n" for line in b[1]) + "  "),
    st.integers(1, 80).map(lambda depth: "[" * depth + "x" + "]" * depth),
    _texty.map(lambda t: "'" + t.replace("'", "''") + "'"),
    _texty,  # raw: whatever YAML makes of it
)
_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=False), _texty, _date_tokens
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=8,
)


@dataclass
class Case:
    rel: str  # the record's file in the tiny hub, e.g. "topics/klimawandel.yml"
    text: str | bytes  # what is written instead
    name: str | None = None  # another file name in the same folder
    expected: tuple[str, Any] | None = None  # (field, value) the open data must carry if accepted


@st.composite
def cases(draw) -> Case:
    rel = draw(st.sampled_from(sorted(BASE)))
    collection = rel.split("/")[0]
    data = dict(BASE[rel])
    fields = sorted(SCHEMAS[collection].get("properties", {})) + ["unbekannt"]
    key = draw(st.sampled_from(fields))
    how = draw(
        st.sampled_from(["value", "raw", "raw", "integer", "bytes", "name", "markdown", "time", "plain", "anchor"])
    )
    expected = None
    if how == "markdown" and collection in MARKDOWN_FIELDS:
        data[MARKDOWN_FIELDS[collection]] = draw(markdown_values)
    elif how == "time" and collection == "events":
        data["start"] = draw(time_values)
    elif how == "plain" and "summary" in data:
        data["summary"] = "Ein erster Satz." + draw(structure_tokens) + "Noch ein Satz."
    if how == "value":
        value = draw(_values)
        data[key] = value
        expected = (key, value)
    elif how == "integer" and collection in INTEGER_FIELDS:
        key = INTEGER_FIELDS[collection]
        data[key] = draw(st.integers(0, 10**9))
        expected = (key, data[key])
    style = draw(st.sampled_from([None, '"', "'"]))
    try:
        text = yaml.safe_dump(
            data, allow_unicode=draw(st.booleans()), sort_keys=False, default_style=style, width=10_000
        )
    except (yaml.YAMLError, UnicodeEncodeError):
        text, expected = yaml.safe_dump(BASE[rel], allow_unicode=True, sort_keys=False), None
    if style is not None:
        expected = None  # quoted numbers are texts then
    if how == "raw":
        data.pop(key, None)
        text = (
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + f"{key}: {draw(_raw_scalars)}\n"
        )
    if how == "anchor":
        text = draw(anchor_documents)
    case = Case(rel, text, expected=expected)
    if how == "bytes":
        raw = text.encode("utf-8")
        at = draw(st.integers(0, len(raw)))
        edit = draw(st.sampled_from(["insert", "cut", "crlf", "cr"]))
        if edit == "insert":
            raw = (
                raw[:at]
                + draw(
                    st.sampled_from(
                        [
                            b"\xff",
                            b"\xc3",
                            b"\x00",
                            b"\t",
                            b"\r",
                            b"\xe2\x80\xa8",
                            b"\xc2\x85",
                            b"\xef\xbb\xbf",
                            b'"',
                            b"'",
                            b":",
                            b"- ",
                            b"\n  ",
                        ]
                    )
                )
                + raw[at:]
            )
        elif edit == "cut":
            raw = raw[:at]
        else:
            raw = raw.replace(b"\n", b"\r\n" if edit == "crlf" else b"\r")
        case.text = raw
    if how == "name":
        case.name = draw(
            st.one_of(
                st.sampled_from(
                    [
                        "Klima.yml",
                        "klima wandel.yml",
                        "klima_wandel.yml",
                        "klima.yaml",
                        "klima\n.yml",
                        "-klima.yml",
                        "klima--wandel.yml",
                        "ä.yml",
                        "k.yml",
                    ]
                ),
                _text.filter(lambda t: t and "/" not in t and "\x00" not in t and t not in (".", "..")),
            )
        )
    return case
