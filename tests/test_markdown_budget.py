"""Markdown that check passes cannot crash or stall the build: every Markdown field that could come
near the time budget is rendered by the check (core.markdown_html), in the build's main thread by a
timer and in the preview's threads by a trace; the failures are German problems with file and field
(tests/bad_input/markdown-*)."""

from __future__ import annotations

import threading

import pytest

from msdz_hub.core import markdown_html
from msdz_hub.core.markdown_html import MarkdownTooComplex, markdown_problem, to_html

NESTED = "*a " * 1500 + "x" + " a*" * 1500
UNCLOSED = "[" * 19000


def test_a_stalling_text_is_refused_in_a_thread_as_in_the_main_thread():
    # `make serve` validates in a thread of MkDocs, where no timer signal can interrupt the work
    found: list[str | None] = []
    worker = threading.Thread(target=lambda: found.append(markdown_problem(UNCLOSED + "]")))
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert found and found[0] and "nicht in 1 s Rechenzeit darstellen" in found[0]


def test_deep_nesting_is_a_german_problem_not_a_recursion_error():
    assert "zu tief ineinander verschachtelt" in (markdown_problem(NESTED) or "")
    with pytest.raises(MarkdownTooComplex):
        to_html(NESTED + " ")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5 + "a" * 19995,  # an unclosed bracket makes the parser read to the end: brackets x length
        "[" * 316 + "a" * 0,
        "*a " * 50 + "x" + " a*" * 50,
    ],
)
def test_texts_the_check_does_not_render_do_render_within_the_budget(text):
    # The check trusts a text whose markup characters times length stay under the bound; the pages
    # then render it, so it must render (here, within the budget, without an exception).
    assert len(markdown_html._MARKUP.findall(text)) * len(text) <= markdown_html._SAFE_PRODUCT
    to_html.cache_clear()
    assert str(to_html(text))  # raises MarkdownTooComplex past the budget


def test_the_pages_get_the_html_the_check_rendered():
    text = "Ein Text mit [" + "Klammern " * 40 + "und *Betonung* " * 400
    assert len(markdown_html._MARKUP.findall(text)) * len(text) > markdown_html._SAFE_PRODUCT
    to_html.cache_clear()
    assert markdown_problem(text) is None
    hits = to_html.cache_info().hits
    to_html(text)
    assert to_html.cache_info().hits == hits + 1
