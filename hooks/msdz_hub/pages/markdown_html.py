"""Editors' Markdown to HTML that is safe to publish: rendered, then sanitised by an allow-list."""

from __future__ import annotations

import functools

import markdown
import nh3
from markupsafe import Markup

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


@functools.cache  # pages and every feed render the same fields again
def to_html(text: str) -> Markup:
    """Markdown from data -> sanitised HTML, ready to be placed into a page or a feed."""
    html = _MARKDOWN.reset().convert(text)
    return Markup(sanitise(html))
