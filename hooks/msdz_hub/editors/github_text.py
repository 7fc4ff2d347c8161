"""Text from a pull request made safe for a GitHub summary or comment, and the whole kept in size.

Names and titles come from branches anyone can open (forks too): on the reviewers' page none may
become markup (an image that tracks who opened it, a link, a fake „✅“ heading), notify anyone
(``@name``, ``#123``) or end the code span or table cell it stands in. GitHub shows at most 1 MiB
of one step's summary and drops all of it beyond that, so a summary is cut to fit, saying so.
"""

from __future__ import annotations

import re

MAX_SUMMARY_BYTES = 1024 * 1024 - 24 * 1024  # GitHub's limit per step summary, with room for the note
MAX_TEXT = 200  # characters of one title or name (the schemas allow 200 for a title)
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:\"'=$^])")
_JOINER = "\u2060"  # WORD JOINER: invisible, and GitHub links no '@name' or '#1' it stands in


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """Text shown as written, never as markup, on one line, in a paragraph or a table cell."""
    text = "".join(char if char.isprintable() else " " for char in _shortened(text, limit))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace("@", "@" + _JOINER).replace("\\#", "\\#" + _JOINER)


def code(text: str, in_table: bool = False, limit: int = 2 * MAX_TEXT) -> str:
    """Text for a code span (the caller adds the backticks): what would end the span or, in a table,
    the cell is replaced, line breaks and controls too."""
    text = "".join(char if char.isprintable() and char != "`" else "?" for char in _shortened(text, limit))
    return text.replace("|", "\\|") if in_table else text


def bounded(head: list[str], items: list[str], tail: list[str], omitted_note: str) -> list[str]:
    """``head``, as many ``items`` as fit into MAX_SUMMARY_BYTES with ``tail``, and, if some did not,
    ``omitted_note`` with their count in place of ``{count}``."""
    size = sum(len(line.encode("utf-8")) + 1 for line in head + tail) + len(omitted_note.encode("utf-8")) + 16
    kept: list[str] = []
    for item in items:
        size += len(item.encode("utf-8")) + 1
        if size > MAX_SUMMARY_BYTES:
            break
        kept.append(item)
    if len(kept) == len(items):
        return head + kept + tail
    return head + kept + ["", omitted_note.replace("{count}", str(len(items) - len(kept))), ""] + tail
