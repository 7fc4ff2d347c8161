"""Reading data files without surprises: what can go wrong with one file or folder, as a German
problem line for that file instead of a traceback or a hang.

A FIFO or a device under data/ would block ``open()`` for ever (or stream without end), so files
are opened without blocking and refused unless they are regular files; a file may vanish between
listing and reading (an editor saving or renaming it while ``make serve`` runs); a folder or file
may be unreadable for the user that builds."""

from __future__ import annotations

import errno
import os
import re
import stat

from ..core.problems import FILE_FIELD, Problem

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class NotARegularFile(OSError):
    """A FIFO, socket or device where a data file was expected."""


def read_regular_file(path: str | os.PathLike, limit: int) -> tuple[int, bytes | None]:
    """The size of a regular file and its bytes, or None instead of the bytes if it is larger than
    ``limit``. One open, one status query and (as a rule) one read: ``Path.stat`` and
    ``Path.read_bytes`` would each find the file again, and a file object costs as much as the
    reading (a tenth of the loading time at 10 000 files, half of it on a warm check)."""
    descriptor = os.open(path, _FLAGS)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", os.fspath(path))
        size = status.st_size
        if size > limit:
            return size, None
        return size, _read_to_end(descriptor, size)
    finally:
        os.close(descriptor)


def _read_to_end(descriptor: int, size: int) -> bytes:
    """Every byte up to the end of the file: one read asks for one byte more than ``size``, so a
    file that grew since its status was taken is read on to its end."""
    first = os.read(descriptor, size + 1)
    if len(first) <= size:
        return first
    chunks = [first]
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def file_problem(rel: str, error: BaseException) -> Problem:
    """What went wrong with reading one file, for the editor."""
    return Problem(rel, 1, 1, FILE_FIELD, _message(error))


def _message(error: BaseException) -> str:
    if isinstance(error, NotARegularFile):
        return "keine normale Datei (z. B. eine Pipe oder ein Gerät); durch eine YAML-Datei ersetzen oder löschen."
    if isinstance(error, FileNotFoundError):
        return (
            "die Datei ist während des Lesens verschwunden (umbenannt oder gelöscht?); "
            "nach dem Speichern erneut prüfen."
        )
    if isinstance(error, PermissionError):
        return "die Datei ist nicht lesbar (fehlende Leserechte); Rechte prüfen, z. B. chmod a+r."
    if isinstance(error, RecursionError):
        return "zu tief verschachtelt (Listen oder Felder in vielen Ebenen ineinander); die Struktur vereinfachen."
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return "Verknüpfungen (Symlinks) sind in data/ nicht erlaubt; die Datei selbst hierher legen."
    if isinstance(error, OSError):
        return f"die Datei kann nicht gelesen werden ({os.strerror(error.errno) if error.errno else error}); erneut versuchen."
    return f"die Datei kann nicht verarbeitet werden ({type(error).__name__}); Inhalt prüfen."


def folder_problem(rel: str, error: OSError) -> Problem:
    """A folder below data/ that cannot be listed: its files would be missing without a word."""
    reason = (
        "fehlende Leserechte"
        if isinstance(error, PermissionError)
        else (os.strerror(error.errno) if error.errno else str(error))
    )
    return Problem(
        rel,
        1,
        1,
        FILE_FIELD,
        f"der Ordner kann nicht gelesen werden ({reason}); seine Dateien fehlen. Rechte prüfen, z. B. chmod a+rx.",
    )


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


def inside_file(text: str, line: int, column: int) -> tuple[int, int]:
    """A position libyaml reports, moved inside the file: at the end of the text it names the line
    after the last one (``title: x⏎foo`` fails at line 3 of 2); that is the end of the last line."""
    rows = _LINE_BREAK.split(text)
    if len(rows) > 1 and rows[-1] == "":
        rows.pop()  # the final line break ends the last line, it does not start one
    if line > len(rows):
        return len(rows), len(rows[-1]) + 1
    return line, min(column, len(rows[line - 1]) + 1)


def position_of(text: str, byte_offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of the character libyaml names by its offset in
    the UTF-8 bytes of ``text``, counting lines the way YAML does."""
    offset = len(text.encode("utf-8", "surrogatepass")[:byte_offset].decode("utf-8", "ignore"))
    starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text, 0, offset)]
    return len(starts), offset - starts[-1] + 1


def yaml_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML (and every position here) counts them; ``str.splitlines``
    would also break at characters such as U+001E, which YAML keeps inside a line."""
    return _LINE_BREAK.split(text)
