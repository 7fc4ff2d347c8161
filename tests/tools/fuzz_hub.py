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
from collections import Counter
from pathlib import Path
from typing import Any

import feedparser
import html5lib
import icalendar
import markdown
import yaml
from lxml import etree
from support import TinyHub
from tools.fuzz_cases import BASE, INTEGER_FIELDS, SCHEMAS, Case, cases
from tools.fuzz_rounds import assert_loaders_agree, assert_no_structure, assert_shown_in_berlin

from msdz_hub.core import markdown_html
from msdz_hub.core.paths import values_at
from msdz_hub.core.problems import escape_path
from msdz_hub.schemas import Schemas

__all__ = ["BASE", "INTEGER_FIELDS", "SCHEMAS", "STATS", "Case", "Fuzzer", "cases"]

PROBLEM_LINE = re.compile(
    r"(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): error: '(?P<field>[^\n]+?)': \S[^\n]*"
)
STATS: Counter = Counter()
HANG_SECONDS = 20
_BUDGET_REFUSALS = ("Rechenzeit darstellen", "zu tief ineinander verschachtelt")


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
        self.markdown_paths = Schemas(root / "data" / "schema").markdown

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
        markdown_html.forget_rendered()  # as in a new process: what the check renders is its own
        lines = self.hub.problems()
        if lines:
            STATS["rejected"] += 1
            STATS["markdown refused"] += sum(1 for line in lines if any(r in line for r in _BUDGET_REFUSALS))
            for line in lines:
                _assert_points_inside(self.root, line)
            return
        STATS["accepted"] += 1
        checked = dict(markdown_html._rendered)  # every text the check rendered, with its verdict
        site = self.hub.build()
        STATS["built"] += 1
        self._assert_markdown_rendered(site, checked)
        _assert_outputs_parse(site)
        for event in site.hub.records["events"].values():
            assert_shown_in_berlin(site, f"events/{event.id}.yml", event.data.get("start"))
        if case.expected and case.name is None:
            _assert_carried(site, case.rel, *case.expected)

    def _assert_markdown_rendered(self, site: Any, checked: dict) -> None:
        """The check rendered every Markdown field of every record, within the budget, before the
        build (``checked``: what it had rendered); the pages took that HTML."""
        for name, records in site.hub.records.items():
            for record in records.values():
                for path in self.markdown_paths[name]:
                    for _, text in values_at(record.data, path):
                        if isinstance(text, str):
                            assert checked.get(text, (False,))[0], ("not rendered by the check", text[:80])
                            STATS["markdown rendered"] += 1


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
