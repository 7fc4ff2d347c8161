"""Problems found in the data, and how they are reported to editors.

One line per problem in the fixed format ``path:line:col: error: field: message``;
under GitHub Actions also as workflow annotations so they show on the pull request. The last line
(``conclude``) counts them and says what to do next, so that an editor's failed command ends in German.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

FILE_FIELD = "Datei"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    field: str  # e.g. "cities[0]" or FILE_FIELD
    message: str  # German, says what to do

    def format_line(self) -> str:
        # One problem, one line, whatever a file name, field name or value holds (a line break, a
        # carriage return that would overwrite the line, a terminal escape): shown escaped.
        return one_line(f"{escape_path(self.path)}:{self.line}:{self.column}: error: '{self.field}': {self.message}")

    def format_annotation(self) -> str:
        # Workflow commands need %, CR and LF escaped in data, and also , and : in properties.
        title = _escape_property(f"Datenfehler in {self.field}")
        return (
            f"::error file={_escape_property(self.path)},line={self.line},col={self.column},"
            f"title={title}::{_escape_data(self.message)}"
        )


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape_char(char: str) -> str:
    """An invisible or line-breaking character as an escape (``\\n``, ``\\x07``, ``\\u202e``), any other as it is."""
    if char == " " or char.isprintable():
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def escape_path(path: str) -> str:
    """A path for the problem line, whose parts ``path:line:col`` a ':' in a file name would blur."""
    return one_line(path).replace(":", "\\x3a")


def one_line(text: str) -> str:
    return text if text.isprintable() else "".join(escape_char(char) for char in text)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class DataError(Exception):
    """The data has problems; nothing may be built from it."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "Problem" if count == 1 else "Probleme"
        super().__init__(f"{count} {noun} in data/ – es wurde nichts gebaut.")


def closing_line(problems: Iterable[Problem], verdict: str, command: str) -> str:
    """E.g. „Prüfung nicht bestanden: 2 Fehler in 1 Datei – siehe oben; nach der Korrektur erneut `make check`.“
    Under GitHub Actions the editor fixes the file in the pull request, which checks again by itself."""
    return f"{verdict}: {_counted(problems)} – siehe oben; {_next_step(command)}."


def _counted(problems: Iterable[Problem]) -> str:
    problems = set(problems)
    files = len({problem.path for problem in problems})
    return f"{len(problems)} Fehler in {files} {'Datei' if files == 1 else 'Dateien'}"


def _next_step(command: str) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "nach der Korrektur im Pull Request („Commit changes“) prüft GitHub von selbst erneut"
    return f"nach der Korrektur erneut `{command}`"


def conclude(problems: Iterable[Problem], verdict: str, command: str, stream: TextIO | None = None) -> None:
    """The closing line, last of all. Under GitHub Actions also an annotation (listed with the pull
    request's checks) and the job summary: the verdict, every problem line, the next step."""
    stream = stream or sys.stderr
    problems = sorted(set(problems))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        marked = f"{_counted(problems)} – die Stellen sind im Pull Request unter „Files changed“ markiert"
        print(f"::error title={_escape_property(verdict)}::{_escape_data(marked)}; {_next_step(command)}.", file=stream)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # in a code block: a value quoted in a message is never read as Markdown
            listed = "\n".join(problem.format_line() for problem in problems)
            with open(summary, "a", encoding="utf-8") as out:
                out.write(f"## {verdict}\n\n{_counted(problems)}:\n\n```text\n{listed}\n```\n\n")
                step = _next_step(command)
                out.write(f"{step[0].upper()}{step[1:]}.\n\n")
    print(closing_line(problems, verdict, command), file=stream)
    stream.flush()


def report(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Print every problem in the line format, plus annotations under GitHub Actions."""
    stream = stream or sys.stderr
    problems = sorted(set(problems))
    for problem in problems:
        print(problem.format_line(), file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.format_annotation(), file=stream)
    stream.flush()
