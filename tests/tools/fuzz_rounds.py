"""Generators and oracles of the fuzz test for the third round of hostile input (tests/tools/fuzz_hub.py
draws from these and asks these):

- Markdown fields with nesting and unclosed brackets: the check renders every Markdown field of an
  accepted record within the budget (fuzz_hub asks), and the build then neither raises
  MarkdownTooComplex nor overflows; a refused text is one problem line naming its field;
- event times in every form the schema allows, across the clock changes: an accepted time is shown
  on Berlin's clock on the event's page;
- anchors in every spelling YAML allows: the fast loader never accepts what the careful one refuses;
- plain texts with lines that Markdown would read as structure: pages keep one <h1> and no <dl>.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from msdz_hub.core.dates import BERLIN, wall_clock_problem
from msdz_hub.pages.text import MONTHS
from msdz_hub.reading import careful, fast

MARKDOWN_FIELDS = {"topics": "description", "practices": "results", "news": "body", "events": "description"}

_markdown_atoms = st.sampled_from(
    ["*", "**", "_", "__", "[", "]", "(", ")", "![", "](", "<", ">", "`", "\\", "&", "!", "{", "}", "a", " ", "\n"]
)
markdown_values = st.one_of(
    st.lists(_markdown_atoms, max_size=400).map("".join),
    st.tuples(st.sampled_from(["*a ", "_a ", "**a ", "[", "[a](", "!["]), st.integers(1, 4000)).map(
        lambda run: run[0] * run[1]
    ),
    st.tuples(st.sampled_from(["[", "*", "_", "("]), st.integers(1, 400), st.integers(0, 19_000)).map(
        lambda run: run[0] * run[1] + "a" * run[2]
    ),
    st.tuples(st.integers(1, 1500)).map(lambda n: "*a " * n[0] + "x" + " a*" * n[0]),
).filter(lambda text: text.strip() and len(text) <= 20_000)

time_values = st.builds(
    lambda day, hour, minute, zone: f"{day}T{hour:02d}:{minute:02d}{zone}",
    st.sampled_from(["2025-03-30", "2025-10-26", "2026-03-29", "2026-10-25", "2025-11-27", "2025-06-12", "2025-12-31"]),
    st.integers(0, 23),
    st.sampled_from([0, 15, 30, 59]),
    st.sampled_from(["", "", "Z", "+00:00", "+01:00", "+02:00", "+14:00", "-12:00", "-00:30", ":00", ":00+05:30"]),
)

structure_tokens = st.sampled_from(["\n=====\n", "\n: ", "\n-----\n", "\n\n    ", "\n", "\n# ", "\n> ", "\n1. "])

anchor_documents = st.builds(
    lambda before, name, after: f"title: Anker\nx: {before}&{name} [1, 2]{after}\ny: *{name}\n",
    st.sampled_from(["", "[", "{", '{"k":', "{k:", "[?", "\ufeff", "[a, ", "{a: "]),
    st.sampled_from(["a", "x1", "a-b", "_"]),
    st.sampled_from(["", "]", "}", "]]", "}]"]),
)


def assert_loaders_agree(text: str | bytes, rel: str) -> None:
    """The fast loader takes only what the careful one takes, with the same values."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    collection = rel.split("/")[0]
    quick = fast.load_fast(raw, Path(rel), f"data/{rel}", collection)
    if quick is None:
        return
    slow, problems = careful.load_careful(raw, Path(rel), f"data/{rel}", collection)
    assert slow is not None and not problems, ("fast path accepted what the careful one refuses", problems)
    assert repr(quick.data) == repr(slow.data), "fast and careful path read different values"


def assert_shown_in_berlin(site: Any, rel: str, start: Any) -> None:
    """An accepted event time appears on the event's page on Berlin's clock."""
    if not isinstance(start, str) or "T" not in start:
        return
    assert wall_clock_problem(start) is None, ("a Berlin time the clock change skips or repeats", start)
    moment = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
    berlin = moment.astimezone(BERLIN) if moment.tzinfo else moment.replace(tzinfo=BERLIN)
    page = site.pages[f"veranstaltungen/{Path(rel).stem}.md"]
    shown = f"{berlin.day}\\. {MONTHS[berlin.month - 1]} {berlin.year}, {berlin:%H:%M} Uhr"
    assert shown in page, (start, shown)


def assert_no_structure(src_uri: str, html: str) -> None:
    """Plain texts made no heading and no definition list (the templates make neither)."""
    assert len(re.findall(r"<h1[\s>]", html)) <= 1, (src_uri, "a second <h1>")
    if src_uri != "leichte-sprache/index.md":  # its glossary is a definition list by design
        assert "<dl" not in html, (src_uri, "a definition list")
