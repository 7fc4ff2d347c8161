"""Editors' Markdown to HTML that is safe to publish: rendered, then sanitised by an allow-list.

Python-Markdown is pure Python and has inputs it handles badly: emphasis or brackets nested a few
hundred deep exhaust the interpreter's stack (RecursionError), and runs of unclosed brackets take
time that grows with the square of their length (minutes for one field). Every rendering therefore
runs under a time budget (``core.time_budget``) and turns either failure into ``MarkdownTooComplex``
with a German reason.

Validation asks ``markdown_problem`` for every Markdown field of every record, so each is rendered
once, by the check, with the renderer the pages use: a text that passes ``make check`` renders in
the build too, and the build's pages take the HTML from this process's memory instead of rendering
it again (``forget_rendered`` frees it). A full load keeps the renderings between runs
(``kept_between_runs``, ``core.rendered_store``): a second check renders only what changed.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .rendered_store import Entry, RenderedStore, open_store, renderer_signature
from .time_budget import OverBudget, time_budget

SECONDS_PER_FIELD = 1.0  # real fields render in milliseconds; a slow machine has room to spare
# Check renders each field with this many frames of the stack already used, more than a page's
# templates use when they render it again: what passes the check cannot overflow in the build.
_HEADROOM_FRAMES = 150
_MAX_EMPHASIS_DEPTH = 200  # real texts nest two or three; deep nesting is refused before rendering
_TOO_DEEP = (
    "Hervorhebungen (*, _) oder Klammern sind zu tief ineinander verschachtelt, um sie darzustellen; "
    "die Verschachtelung auflösen oder die Zeichen mit \\ davor schreiben (\\*, \\[)."
)
_TOO_SLOW = (
    f"der Text lässt sich nicht in {SECONDS_PER_FIELD:g} s Rechenzeit darstellen, meist wegen vieler "
    f"ungeschlossener Klammern „[“ oder „(“; Klammern schließen oder als \\[ schreiben."
)
_OPENER = re.compile(r"(?:^|(?<=\s))[*_]+(?=\S)")  # *, ** or _ before a word: opens emphasis
_CLOSER = re.compile(r"(?<=\S)[*_]+(?=\s|$)")  # after a word: closes it

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

if TYPE_CHECKING:
    import markdown
    import nh3


# Made when the first text is rendered: a check whose texts are all kept from an earlier run
# (core.rendered_store) neither imports Python-Markdown and nh3 nor sets them up (a tenth of a second).
@functools.cache
def _markdown() -> markdown.Markdown:
    import markdown

    # Headings in a field start at h3: the page's own sections are h2.
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3}},
        output_format="html",
    )


@functools.cache
def _sanitiser() -> nh3.Cleaner:
    import nh3

    # Built once: nh3.clean would build the same sanitiser anew for every text (half its time).
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitise(html: str) -> str:
    return _sanitiser().clean(html)


def get_ready() -> None:
    """Python-Markdown and the sanitiser set up now: before a helper is forked, so that it need not."""
    _markdown()
    _sanitiser()


class MarkdownTooComplex(ValueError):
    """A Markdown text that cannot be rendered within the budget of stack or processor time; says why in German."""


# Every text rendered in this process: its HTML, or why it was refused. Pages and feeds ask for the
# same fields again (the check asked first); the engine empties it between runs (forget_rendered).
_rendered: dict[str, Entry] = {}
_store: RenderedStore | None = None  # the file of kept renderings, during a full load


def to_html(text: str) -> Markup:
    """Markdown from data -> sanitised HTML, ready to be placed into a page or a feed.
    Raises MarkdownTooComplex for a text validation refuses (``markdown_problem``)."""
    rendered, html = _rendering(text, headroom=0)
    if not rendered:
        raise MarkdownTooComplex(html)
    return Markup(html)


def markdown_problem(text: str) -> str | None:
    """Why ``text`` cannot be rendered, in German; None if it renders (the HTML is kept for the pages)."""
    rendered, reason = _rendering(text, headroom=_HEADROOM_FRAMES)
    return None if rendered else reason


def refusals(texts: list[str]) -> dict[str, str]:
    """``markdown_problem`` of many texts at once: why each text that cannot be rendered cannot, by
    text (texts not rendered yet are rendered here)."""
    refused = {}
    for text in texts:
        found = _rendered.get(text)
        if found is None:
            found = _rendering(text, headroom=_HEADROOM_FRAMES)
        if not found[0]:
            refused[text] = found[1]
    if _store is not None:
        _store.keep_all(texts)
    return refused


def not_yet_rendered(texts: list[str]) -> list[str]:
    """The texts of ``texts`` neither in memory nor kept from an earlier run, once each."""
    rendered = _rendered
    return [text for text in dict.fromkeys(texts) if text not in rendered]


def adopt(text: str, entry: Entry) -> None:
    """``text`` rendered elsewhere, as ``markdown_problem`` renders it (``core.render_ahead``)."""
    _rendered[text] = entry


def forget_rendered() -> None:
    """Frees the HTML kept in memory (a run's pages are made, or a new run begins)."""
    _rendered.clear()


@contextlib.contextmanager
def kept_between_runs(root: Path) -> Iterator[None]:
    """Renderings in the file of ``root`` (``core.rendered_store``) stand in for rendering while
    the block runs (a load of all of data/); afterwards the file holds exactly the texts rendered
    or taken from it, so edited and deleted texts drop out."""
    global _store
    here = Path(__file__).parent
    signature = renderer_signature(
        *(here / name for name in ("markdown_html.py", "time_budget.py", "rendered_store.py"))
    )
    _store = open_store(root, signature)
    if _store is not None:  # all in memory at once: validation, and then the pages, take them from there
        _rendered.update(_store.before)
    try:
        yield
    finally:
        store, _store = _store, None
        if store is not None:
            store.save(_rendered)


def _rendering(text: str, headroom: int) -> Entry:
    found = _rendered.get(text)
    if found is None:
        found = _rendered[text] = _render(text, headroom)
    if _store is not None:
        _store.keep(text)
    return found


def _render(text: str, headroom: int) -> Entry:
    """(True, the HTML) or (False, why not), under the budget and with ``headroom`` frames used."""
    if _too_deep(text):  # said at once, whatever else the machine is doing
        return False, _TOO_DEEP
    try:
        html = _with_frames_used(headroom, _convert, text)
    except RecursionError:
        _markdown().reset()
        return False, _TOO_DEEP
    except OverBudget:
        _markdown().reset()
        return False, _TOO_SLOW
    return True, sanitise(html)


def _convert(text: str) -> str:
    renderer = _markdown().reset()  # made, the first time, outside the budget
    with time_budget(SECONDS_PER_FIELD):
        return renderer.convert(text)


def _with_frames_used(frames: int, work: Callable[[str], str], text: str) -> str:
    """``work(text)`` as if ``frames`` more frames were on the stack: the same RecursionError, by a
    limit lowered for the while (stacking real frames cost a tenth of a cold check)."""
    if frames <= 0:
        return work(text)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit - frames)
    try:
        return work(text)
    finally:
        sys.setrecursionlimit(limit)


def _too_deep(text: str) -> bool:
    # Each opener holds a '*' or '_': with few of them, the depth need not be counted.
    few = text.count("*") + text.count("_") <= _MAX_EMPHASIS_DEPTH
    return not few and emphasis_depth(text) > _MAX_EMPHASIS_DEPTH


def emphasis_depth(text: str) -> int:
    """How deep emphasis nests at most, counted without rendering: a depth that would exhaust the
    stack is then a refusal that does not depend on how fast the machine renders."""
    marks = sorted([(m.start(), 1) for m in _OPENER.finditer(text)] + [(m.start(), -1) for m in _CLOSER.finditer(text)])
    depth = deepest = 0
    for _, step in marks:
        depth = max(depth + step, 0)
        deepest = max(deepest, depth)
    return deepest
