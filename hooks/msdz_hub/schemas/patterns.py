"""JSON Schema patterns with the meaning the standard gives them.

A schema's ``pattern`` is an ECMA-262 regular expression, where ``$`` matches only at the very end
of the text. Python's ``re`` lets ``$`` match before a final line break as well, so
``^[0-9]{4}$`` would accept ``"2021\\n"`` (what a ``|`` block scalar gives). jsonschema uses
``re``; jsonschema-rs (Rust) does not: the hub would accept what the weaker of the two accepts.
Here each ``$`` outside a character class becomes ``\\Z`` for Python, which means the true end.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import jsonschema


def python_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re``, with every end anchor ``$`` as ``\\Z``."""
    out = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):  # an escape: both characters as they are
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":  # ']' right after '[' is a member, not the end
                out.append("[]")
                index += 2
                continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(python_pattern(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _is_integer(checker: Any, instance: Any) -> bool:
    # JSON Schema counts 250.0 as an integer; in YAML it was written with a point (250.000, the
    # German thousands dot), so it is not what the editor meant by a whole number.
    return isinstance(instance, int) and not isinstance(instance, bool)


def strict_validator_class() -> Any:
    """Draft 2020-12 with end-anchored patterns and integers written as such."""
    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine("integer", _is_integer)
    return jsonschema.validators.extend(base, validators={"pattern": _pattern}, type_checker=checker)
