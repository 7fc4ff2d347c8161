"""Editors' Markdown to HTML that is safe to publish: rendered, then sanitised by an allow-list.

Python-Markdown is pure Python and has inputs it handles badly: emphasis or brackets nested a few
hundred deep exhaust the interpreter's stack (RecursionError), and runs of unclosed brackets take
time that grows with the square of their length (minutes for one field). Every rendering therefore
runs under a time budget (``core.time_budget``) and turns either failure into ``MarkdownTooComplex``
with a German reason. Validation asks ``markdown_problem`` for every Markdown field, so a text that
passes ``make check`` renders in the build too; the pages share the cached result.

Rendering every field in the check would make it eight times slower (the pages render them anyway),
so a text is rendered there only if it could come near the budget. Both failures need markup
characters: nesting takes two per level, and each unclosed bracket makes the inline parser read on
to the end of the text. A text whose count of such characters times its length stays under
``_SAFE_PRODUCT`` renders in a fifth of the budget or less, however they are arranged (measured
with the worst arrangement, an unclosed bracket run, on a busy machine); the schema-guided fuzz test
renders every field it generates under the budget (tests/tools/fuzz_hub.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import markdown
import nh3
from markupsafe import Markup

from .time_budget import OverBudget, time_budget

SECONDS_PER_FIELD = 1.0  # real fields render in milliseconds; a slow machine has room to spare
# Check renders each field with this many frames of the stack already used, more than a page's
# templates use when they render it again: what passes the check cannot overflow in the build.
_HEADROOM_FRAMES = 150
_MARKUP = re.compile(r"[\[\]()*_<>`\\&!{}]")  # what opens or closes an inline construct
_MAX_EMPHASIS_DEPTH = 200  # real texts nest two or three; deep nesting is refused before rendering
_TOO_DEEP = (
    "Hervorhebungen (*, _) oder Klammern sind zu tief ineinander verschachtelt, um sie darzustellen; "
    "die Verschachtelung auflösen oder die Zeichen mit \\ davor schreiben (\\*, \\[)."
)
_OPENER = re.compile(r"(?:^|(?<=\s))[*_]+(?=\S)")  # *, ** or _ before a word: opens emphasis
_CLOSER = re.compile(r"(?<=\S)[*_]+(?=\s|$)")  # after a word: closes it
_SAFE_PRODUCT = 100_000  # markup characters x length: at most about 0.2 s (5 x 20 000, 316 x 316)

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "abbr",
    "sub",
    "sup",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Headings in a field start at h3: the page's own sections are h2.
_MARKDOWN = markdown.Markdown(
    extensions=["tables", "sane_lists", "toc"],
    extension_configs={"toc": {"baselevel": 3}},
    output_format="html",
)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class MarkdownTooComplex(ValueError):
    """A Markdown text that cannot be rendered within the budget of stack or processor time; says why in German."""


@functools.cache  # pages and every feed render the same fields again
def to_html(text: str) -> Markup:
    """Markdown from data -> sanitised HTML, ready to be placed into a page or a feed.
    Raises MarkdownTooComplex for a text validation refuses (``markdown_problem``)."""
    try:
        with time_budget(SECONDS_PER_FIELD):
            html = _MARKDOWN.reset().convert(text)
    except RecursionError:
        _MARKDOWN.reset()
        raise MarkdownTooComplex(_TOO_DEEP) from None
    except OverBudget:
        _MARKDOWN.reset()
        raise MarkdownTooComplex(
            f"der Text lässt sich nicht in {SECONDS_PER_FIELD:g} s Rechenzeit darstellen, meist wegen vieler "
            f"ungeschlossener Klammern „[“ oder „(“; Klammern schließen oder als \\[ schreiben."
        ) from None
    return Markup(sanitise(html))


@functools.lru_cache(maxsize=1024)  # a refused text is asked again when its problems get their lines
def markdown_problem(text: str) -> str | None:
    """Why ``text`` cannot be rendered, in German; None if it renders (and is cached for the pages)
    or is too plain to come near the budget."""
    if len(_MARKUP.findall(text)) * len(text) <= _SAFE_PRODUCT:
        return None
    if emphasis_depth(text) > _MAX_EMPHASIS_DEPTH:  # said at once, whatever else the machine is doing
        return _TOO_DEEP
    try:
        _with_frames_used(_HEADROOM_FRAMES, to_html, text)
    except MarkdownTooComplex as error:
        return str(error)
    return None


def _with_frames_used(frames: int, render: Callable[[str], object], text: str) -> None:
    if frames > 0:
        return _with_frames_used(frames - 1, render, text)
    render(text)
    return None


def emphasis_depth(text: str) -> int:
    """How deep emphasis nests at most, counted without rendering: a depth that would exhaust the
    stack is then a refusal that does not depend on how fast the machine renders."""
    marks = sorted([(m.start(), 1) for m in _OPENER.finditer(text)] + [(m.start(), -1) for m in _CLOSER.finditer(text)])
    depth = deepest = 0
    for _, step in marks:
        depth = max(depth + step, 0)
        deepest = max(deepest, depth)
    return deepest
