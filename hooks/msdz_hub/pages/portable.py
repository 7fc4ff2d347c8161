"""What makes a generated page readable by any MkDocs-like engine (MkDocs, ProperDocs, Zensical):
links relative to the page's own Markdown file, and what the page says about itself in its front
matter instead of in an engine's hook.

The templates may write a link from the root of the generated tree (``[Kommunen](/kommunen/index.md)``,
or a record's ``link``), which only MkDocs' ``validation.absolute_links: relative_to_docs``
resolves. Every page passes through ``portable`` once it is rendered, so each such link becomes
relative to the page (``../kommunen/index.md`` from ``themen/klima.md``), however a template wrote
it: every engine resolves and checks those the same way. Only the Markdown after the front matter is
looked at, and text from data does not take part: values printed into Markdown have their brackets
escaped, and Markdown fields are sanitised HTML. (A card's summary is raw HTML, escaped for HTML
only: a summary that itself reads like a link from the root, "[a](/b)", would show "[a](../b)".)
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

from .text import yaml_front_matter

# A Markdown link's target that starts at the root of the tree ("](/kommunen/zossen.md#x)"); not
# "](//host/...)", which names another host.
_ROOT_LINK = re.compile(r"\]\(/(?!/)([^)\s]*)\)")
_FRONT_MATTER = "---\n"


def relative_links(markdown: str, page: str) -> str:
    """``markdown`` of the page at ``page`` ("themen/klima.md") with every root link made relative."""
    folder = posixpath.dirname(page) or "."

    def relative(match: re.Match[str]) -> str:
        target, hash_mark, anchor = match[1].partition("#")
        path = posixpath.relpath(target or ".", folder)
        if not target or target.endswith("/"):  # a folder's address keeps its slash
            path += "/"
        return f"]({path}{hash_mark}{anchor})"

    return _ROOT_LINK.sub(relative, markdown)


def with_meta(markdown: str, meta: dict[str, Any]) -> str:
    """``markdown`` with ``meta`` added to its front matter (one is started if it has none)."""
    if not markdown.startswith(_FRONT_MATTER):
        return yaml_front_matter(meta) + markdown
    added = yaml_front_matter(meta).removeprefix(_FRONT_MATTER).removesuffix(_FRONT_MATTER + "\n")
    return _FRONT_MATTER + added + markdown.removeprefix(_FRONT_MATTER)


def portable(markdown: str, page: str, edit_url: str | None) -> str:
    """A rendered page as every engine gets it: links relative to ``page``, and ``hub_edit_url``
    in its front matter: the record's data file to edit, or none for a page made from many
    (overrides/partials/actions.html shows it; a hand-written page keeps the engine's own link)."""
    head, body = _split_front_matter(markdown)
    return with_meta(head + relative_links(body, page), {"hub_edit_url": edit_url})


def _split_front_matter(markdown: str) -> tuple[str, str]:
    """The front matter with its fences ("" if none), and the Markdown after it: only the latter
    holds links; the front matter's texts (a description, the JSON-LD) stay as they are."""
    if markdown.startswith(_FRONT_MATTER):
        closing = markdown.find("\n" + _FRONT_MATTER, len(_FRONT_MATTER) - 1)
        if closing >= 0:
            cut = closing + 1 + len(_FRONT_MATTER)
            return markdown[:cut], markdown[cut:]
    return "", markdown


def portable_maker(make: Callable[[], bytes], page: str, edit_url: str | None) -> Callable[[], bytes]:
    """A page's maker (UTF-8 Markdown) whose page comes out ``portable``."""
    return lambda: portable(make().decode("utf-8"), page, edit_url).encode("utf-8")
