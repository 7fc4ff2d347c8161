"""Markdown that check passes cannot crash or stall the build: every Markdown field is rendered by the
check (core.markdown_html; tests/test_markdown_cache.py), under a time budget kept in the build's
main thread by a timer and in the preview's threads by a trace; the failures are German problems
with file, line, field and the fix (tests/bad_input/markdown-*)."""

from __future__ import annotations

import threading

import pytest

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
