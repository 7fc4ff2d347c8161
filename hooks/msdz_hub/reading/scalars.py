"""The hub's rules for YAML values, shared by the fast and the careful path.

Only ``true``/``false`` are booleans, numbers must look like plain decimal numbers, and dates stay
text exactly as written. A value that YAML 1.1 would have turned into something surprising (``no``,
``03046``, ``10:30``, ``2021-04-21``) stays the text the editor wrote, so a text field gets what was
meant and any other field fails validation loudly. Both paths call ``scalar_value``, so a value is
the same whichever path read it.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml is ten times faster; fall back to the pure-Python parser where it is missing
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    Loader = yaml.SafeLoader

MAX_DEPTH = 32  # lists and fields nested deeper than this are refused (records nest three levels)
MAX_DIGITS = 15  # a whole number with more digits stays text, which the schema refuses
TAG = "tag:yaml.org,2002:"
STR, MAP, SEQ, MERGE = (TAG + name for name in ("str", "map", "seq", "merge"))
UNKNOWN = object()  # what scalar_value gives for a tag the hub does not accept

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


def scalar_value(tag: str, text: str) -> Any:
    """A scalar under the hub's rules (see the module's doc); UNKNOWN for a tag it does not accept."""
    if tag == STR or tag == TAG + "timestamp":
        return text  # dates stay text; the schema checks their format
    if tag == TAG + "null":
        return None
    if tag == TAG + "bool":
        # YAML 1.1 also reads yes/no/on/off as booleans; here they stay text.
        return {"true": True, "false": False}.get(text.lower(), text)
    if tag == TAG + "int":
        # 03046 (octal), 0x1F, 10:30 stay as written; so do digits beyond any real number (Python
        # refuses to convert more than 4 300 of them)
        return int(text) if _INT.fullmatch(text) and len(text) <= MAX_DIGITS + 1 else text
    if tag == TAG + "float":
        number = float(text) if _FLOAT.fullmatch(text) else None
        return number if number is not None and math.isfinite(number) else text  # 1e999 is no number
    return UNKNOWN
