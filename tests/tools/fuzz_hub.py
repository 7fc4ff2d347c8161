"""Schema-guided fuzzing of the check and the build (tests/test_fuzz.py, `make fuzz`).

Each example replaces one record of the tiny hub (tests/support.py) with a document generated from
the collection's JSON Schema and then mutated: wrong types, any Unicode, YAML escapes in double
quotes, block scalars, German numbers, odd dates, deep nesting, raw bytes, other file names. The
check runs in-process. For every input, exactly one of two things must hold:

- refused: one or more problem lines in the fixed format, each pointing inside an existing file;
- accepted: the in-memory build succeeds, every output parses with a real parser (html5lib, lxml,
  feedparser, icalendar, json) and the open data carries the generated value unchanged.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import html5lib
import icalendar
import markdown
import yaml
from hypothesis import strategies as st
from lxml import etree
from support import ROOT, VALID_RECORDS, TinyHub
from tools.fuzz_rounds import (
    MARKDOWN_FIELDS,
    anchor_documents,
    assert_loaders_agree,
    assert_no_structure,
    assert_shown_in_berlin,
    markdown_values,
    structure_tokens,
    time_values,
)

from msdz_hub.core.problems import escape_path

PROBLEM_LINE = re.compile(
    r"(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): error: '(?P<field>[^\n]+?)': \S[^\n]*"
)
SCHEMAS = {
    path.name.split(".")[0]: json.loads(path.read_text(encoding="utf-8"))
    for path in (ROOT / "data" / "schema").glob("*.schema.json")
}
BASE = {rel: yaml.safe_load(textwrap.dedent(text)) for rel, text in VALID_RECORDS.items()}
INTEGER_FIELDS = {"projects": "funding_eur", "cities": "population", "rounds": "applications"}
STATS: Counter = Counter()
HANG_SECONDS = 20


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


# -- the oracle -------------------------------------------------------------------------------------


class Hung(Exception):
    pass


def _alarm(signum, frame):
    raise Hung(f"no answer within {HANG_SECONDS} s")


class Fuzzer:
    """One tiny hub, reset after each example."""

    def __init__(self, root: Path):
        self.root = root
        self.hub = TinyHub(root)
        self.hub.build()  # copies the templates

    def run(self, case: Case) -> None:
        STATS["tried"] += 1
        target = self.root / "data" / case.rel
        original = target.read_bytes()
        extra = None
        try:
            if case.name is not None:
                extra = target.parent / case.name
                if extra.exists() or extra.is_symlink():
                    return
                target.unlink()
                target = extra
            target.write_bytes(case.text if isinstance(case.text, bytes) else case.text.encode("utf-8"))
            previous = signal.signal(signal.SIGALRM, _alarm)
            signal.alarm(HANG_SECONDS)
            try:
                self._check(case, target)
            finally:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, previous)
        finally:
            if extra is not None and extra.exists():
                extra.unlink()
            (self.root / "data" / case.rel).write_bytes(original)

    def _check(self, case: Case, target: Path) -> None:
        assert_loaders_agree(case.text, case.rel)
        lines = self.hub.problems()
        if lines:
            STATS["rejected"] += 1
            for line in lines:
                _assert_points_inside(self.root, line)
            return
        STATS["accepted"] += 1
        site = self.hub.build()
        STATS["built"] += 1
        _assert_outputs_parse(site)
        for event in site.hub.records["events"].values():
            assert_shown_in_berlin(site, f"events/{event.id}.yml", event.data.get("start"))
        if case.expected and case.name is None:
            _assert_carried(site, case.rel, *case.expected)


def _assert_points_inside(root: Path, line: str) -> None:
    match = PROBLEM_LINE.fullmatch(line)
    assert match, f"not one problem line: {line!r}"
    path = root / match["path"]
    if not (path.exists() or path.is_symlink()):  # a name with invisible characters is shown escaped
        folder = path.parent
        named = {escape_path(entry.name): entry for entry in folder.iterdir()} if folder.is_dir() else {}
        assert path.name in named, line
        path = named[path.name]
    if path.is_file():
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
        rows = re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029", text)
        if len(rows) > 1 and rows[-1] == "":
            rows.pop()  # "a\nb\n" has two lines
        number, column = int(match["line"]), int(match["column"])
        assert number <= max(len(rows), 1), f"line {number} beyond the file's {len(rows)}: {line!r}"
        assert column <= len(rows[number - 1]) + 1, f"column {column} beyond line {number}: {line!r}"


def _assert_outputs_parse(site: Any) -> None:
    for src_uri, content in site.pages.items():
        _assert_legal_text(content, src_uri)
        front, body = "", content
        if content.startswith("---\n"):
            front, _, body = content[4:].partition("\n---\n")
        meta = yaml.safe_load(front) or {}
        for key, value in meta.items():
            if key.endswith("jsonld"):
                json.loads(value, parse_constant=_no_constant)
        rendered = markdown.markdown(body, extensions=["attr_list", "def_list", "md_in_html", "tables"])
        assert_no_structure(src_uri, rendered)
        parser = html5lib.HTMLParser(strict=False)
        parser.parseFragment(rendered)
        bad = [error for error in parser.errors if "codepoint" in error[1] or "character" in error[1]]
        assert not bad, (src_uri, bad)
    for path, data in site.files.items():
        if path.endswith((".xml", ".opml")):
            etree.fromstring(data)
            if path.endswith(("rss.xml", "atom.xml")):
                parsed = feedparser.parse(data)
                assert not parsed.bozo, (path, parsed.bozo_exception)
        elif path.endswith(".ics"):
            calendar = icalendar.Calendar.from_ical(data)
            for event in calendar.walk("VEVENT"):
                start, end = event.decoded("DTSTART"), event.get("DTEND")
                if end is not None:
                    assert event.decoded("DTEND") > start, (path, "an event that ends before it starts")
        elif path.endswith(".json"):
            json.loads(data, parse_constant=_no_constant)


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _assert_legal_text(text: str, where: str) -> None:
    found = _XML_ILLEGAL.search(text)
    assert found is None, (where, repr(found.group()) if found else None)


def _assert_carried(site: Any, rel: str, field: str, value: Any) -> None:
    """The open data holds the record's field exactly as generated."""
    collection, name = rel.split("/")
    records = json.loads(site.files[f"daten/{collection}.json"])["records"]
    record = next(item for item in records if name.removesuffix(".yml") in json.dumps(item, ensure_ascii=False))
    data = record.get("data", record)
    if field in data:
        assert data[field] == value and type(data[field]) is type(value), (field, data[field], value)


def reset(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
