"""The one way a data file is written: ``python -m msdz_hub format [--check]``.

The browser CMS (hooks/msdz_hub/editors/admin/hub-admin.js) writes records with the same rules, so an edit
of one field in the form changes one line in review. The rules are deliberately few, so that the
Python and the JavaScript writer can follow them exactly:

- first line ``# yaml-language-server: $schema=../schema/<collection>.schema.json``;
- keys in the order of the schema's ``properties`` (nested objects too), unknown keys after them;
- no empty values (``null``, ``""``, ``[]``, ``{}``): an optional field left empty is omitted;
- lists indented under their key (yamllint's default), mappings in lists start on the dash line;
- numbers in their shortest form (``53.0`` is written ``53``), booleans as ``true``/``false``;
- a text is written plain when it starts with a letter and cannot be read as anything but text,
  a date ``JJJJ-MM-TT`` is written plain too (the loader keeps dates as text), a text with line
  breaks as a literal block (``|``, ``|-`` or ``|+`` after its final line breaks), everything
  else in double quotes with JSON's escapes (which YAML reads the same).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from pathlib import Path
from typing import Any

from ..core.collections import COLLECTIONS
from ..reading import load_file
from ..schemas import Schemas

HEADER = "# yaml-language-server: $schema=../schema/{collection}.schema.json\n"
INDENT = "  "
# Words YAML 1.1 or 1.2 reads as booleans or null when written plain.
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_PLAIN = re.compile(r"^[^\x00-\x1f\x7f\x85\u2028\u2029\ufeff]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_BLOCK_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|[ \t]\n|[ \t]$")


class FormatError(Exception):
    """A file that cannot be written canonically without changing its values (German message)."""


# ---- key order from the schemas -------------------------------------------------------------


def key_order(schemas: Schemas, schema: dict) -> dict:
    """{key: nested order} for an object schema, following ``$ref``; lists take their items' order."""
    schema = schemas.resolve(schema)
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return key_order(schemas, schema["items"])
    return {key: key_order(schemas, prop) for key, prop in (schema.get("properties") or {}).items()}


def collection_orders(schemas: Schemas) -> dict[str, dict]:
    return {name: key_order(schemas, schemas.collection_schema(name)) for name in COLLECTIONS}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def ordered(value: Any, order: dict) -> Any:
    """``value`` with mapping keys in schema order and empty values left out."""
    if isinstance(value, list):
        return [ordered(item, order) for item in value if not _empty(item)]
    if not isinstance(value, dict):
        return value
    rank = {key: index for index, key in enumerate(order)}
    keys = sorted((k for k in value if not _empty(value[k])), key=lambda k: rank.get(k, len(rank)))
    return {key: ordered(value[key], order.get(key, {})) for key in keys}


# ---- the writer -----------------------------------------------------------------------------


def scalar(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FormatError("Zahl ist unendlich oder keine Zahl; bitte eine gewöhnliche Zahl eintragen.")
        # JavaScript's shortest form, which the CMS writes: 53.0 -> 53
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value)
    if _DATE.match(text) or (_PLAIN.match(text) and _plain_safe(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_safe(text: str) -> bool:
    return (
        text[:1].isalpha()
        and text.lower() not in _RESERVED
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
    )


def _block(text: str, indent: str) -> list[str] | None:
    """A literal block for a text with line breaks, or None where a block could not keep it."""
    body = text.rstrip("\n")
    if "\n" not in text or not body or body[0] in " \t\n" or _BLOCK_UNSAFE.search(body):
        return None
    trailing = len(text) - len(body)
    chomp = {0: "-", 1: ""}.get(trailing, "+")
    lines = [f"|{chomp}"]
    lines += [f"{indent}{line}" if line else "" for line in body.split("\n")]
    lines += [""] * (trailing - 1 if trailing > 1 else 0)
    return lines


def _value_lines(value: Any, indent: str) -> tuple[str, list[str]]:
    """(what follows "key:" on its line, the lines below it)."""
    if isinstance(value, dict):
        return "", _mapping(value, indent)
    if isinstance(value, list):
        return "", _sequence(value, indent)
    if isinstance(value, str):
        block = _block(value, indent)
        if block is not None:
            return " " + block[0], block[1:]
    return " " + scalar(value), []


def _mapping(data: dict, indent: str) -> list[str]:
    lines = []
    for key, value in data.items():
        head, below = _value_lines(value, indent + INDENT)
        lines.append(f"{indent}{scalar(key)}:{head}")
        lines.extend(below)
    return lines


def _sequence(items: list, indent: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, indent + INDENT)
            lines.append(f"{indent}- {inner[0][len(indent) + 2 :]}")
            lines.extend(inner[1:])
        elif isinstance(item, list):
            raise FormatError("Listen in Listen kommen in keinem Schema vor.")
        else:
            head, below = _value_lines(item, indent + INDENT)
            lines.append(f"{indent}-{head}")
            lines.extend(below)
    return lines


def dump(collection: str, data: dict, order: dict) -> str:
    lines = _mapping(ordered(data, order), "")
    return HEADER.format(collection=collection) + "".join(line + "\n" for line in lines)


# ---- files ----------------------------------------------------------------------------------


def canonical_text(path: Path, rel: str, collection: str, order: dict) -> str | None:
    """The canonical text of one file; None if it cannot be loaded (``make check`` explains why)."""
    record, problems = load_file(path, rel, collection)
    if record is None or problems or not isinstance(record.data, dict):
        return None
    text = dump(collection, record.data, order)
    again, _ = load_file_text(text, path, rel, collection)
    if again != ordered(record.data, order):
        raise FormatError(f"{rel}: kann nicht umgeschrieben werden, ohne Werte zu ändern.")
    return text


def load_file_text(text: str, path: Path, rel: str, collection: str) -> tuple[Any, list]:
    """Reads ``text`` the way the loader reads a file (through a temporary file of the same name)."""
    with tempfile.TemporaryDirectory(prefix="msdz-format-") as folder:
        scratch = Path(folder) / path.name
        scratch.write_text(text, encoding="utf-8")
        record, problems = load_file(scratch, rel, collection)
    return (record.data if record else None), problems


def data_files(root: Path) -> list[tuple[str, Path]]:
    return [(name, path) for name in COLLECTIONS for path in sorted((root / "data" / name).glob("*.yml"))]


def first_difference(current: str, canonical: str) -> tuple[int, str]:
    """(line number in the file, the canonical line) where the two texts first differ."""
    have, want = current.splitlines(), canonical.splitlines()
    for number, (line, expected) in enumerate(zip(have, want, strict=False), start=1):
        if line != expected:
            return number, expected
    number = min(len(have), len(want)) + 1
    return min(number, max(len(have), 1)), (want[number - 1] if number <= len(want) else "")


def format_tree(root: Path, check_only: bool) -> list[tuple[str, int, str]]:
    """Rewrites (or, with ``check_only``, only reports) every data file that is not canonical:
    (file, first line that differs, what the canonical text has there)."""
    linked = [name for name in ("data", "data/schema") if (root / name).is_symlink()]
    if linked:  # it would read and rewrite files outside the repository
        raise FormatError(
            f"{linked[0]}/ ist eine Verknüpfung (Symlink); {linked[0]}/ muss ein Ordner im Repository sein."
        )
    orders = collection_orders(Schemas(root / "data" / "schema"))
    changed = []
    for collection, path in data_files(root):
        rel = path.relative_to(root).as_posix()
        # None for a file the loader refuses, a symlink or a pipe among them: never read or written
        # here (a symlink's target may lie anywhere, a pipe would block); `make check` explains each.
        text = canonical_text(path, rel, collection, orders[collection])
        if text is None:
            continue
        current = path.read_text(encoding="utf-8")
        if text == current:
            continue
        changed.append((rel, *first_difference(current, text)))
        if not check_only:
            path.write_text(text, encoding="utf-8")
    return changed
