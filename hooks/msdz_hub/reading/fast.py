"""The fast path: a plain YAML mapping into values, without noting positions.

It gives up on anything unusual (tabs, anchors, tags, duplicate or odd keys, a file that is not one
mapping) and leaves that file to the careful path, which explains each problem with line and column.
Most files are plain, so most of the loading happens here.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from .records import RawRecord, record_id
from .scalars import MAP, MAX_DEPTH, MERGE, SEQ, STR, UNKNOWN, Loader, scalar_value


def load_fast(raw: bytes, path: str | Path, rel: str, collection: str) -> RawRecord | None:
    """A plain, valid YAML mapping into a record without positions; None for anything unusual."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\t" in text or ("&" in text and _ANCHOR.search(text)):
        return None
    try:
        loader = _FastLoader(raw)  # the checked UTF-8 bytes: libyaml need not encode the text again
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root.__class__ is not yaml.MappingNode:
            return None
        data = _value(root, 0, set())
    except (yaml.YAMLError, _Unusual, RecursionError):
        return None
    return RawRecord(collection, record_id(path), rel, data, file=os.fspath(path))


class _Unusual(Exception):
    """Something the fast path leaves to the careful one, which explains it with line and column."""


# Anchors ('&name') are the only way to make one node appear twice (an alias); without one, an alias
# fails to parse. libyaml reads '&' as an anchor wherever a token may start: after a line break or
# a blank, after '[ ] { } ,' and, in flow collections, right after ':' or '?' ({"a":&x 1}); a BOM
# at the start of a line is skipped like a blank. Matches more than anchors (e.g. 'F:&E' in a
# text), which only costs the fast path. Should a spelling still slip through, _value refuses the
# second visit of any node, so nothing is expanded either way (tests/test_fast_paths.py).
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?\ufeff])&\S", re.MULTILINE)

# PyYAML's YAML 1.1 rules for plain scalars, by their first character ('' for an empty scalar).
_SCALAR_RESOLVERS = {
    first: tuple(resolvers) for first, resolvers in Loader.yaml_implicit_resolvers.items() if first is not None
}
_NULL_TAG = next(tag for tag, pattern in _SCALAR_RESOLVERS[""] if pattern.match(""))
_NOTHING: dict[Any, Any] = {}  # stays empty; its methods serve as calls that do nothing (below)


class _FastLoader(Loader):  # type: ignore[misc, valid-type]
    """libyaml with PyYAML's own YAML 1.1 resolution rules, minus the per-node overhead we do not use
    (path resolvers, wildcard resolvers): the same tags, found with less Python per node.

    libyaml calls these three methods for every node of every file (a third of a million at 10 000
    records), so each call counts.
    """

    # Path resolvers are not used: entering and leaving a node does nothing. A method of a C type
    # does nothing cheaper than an empty Python method: get(parent, index) and clear() of an empty dict.
    descend_resolver = _NOTHING.get
    ascend_resolver = _NOTHING.clear

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        # ``value`` is the text of a scalar and None for a collection. Most scalars are texts whose
        # first character no rule starts with: for them, one dictionary look-up.
        if value:
            resolvers = _SCALAR_RESOLVERS.get(value[0])
            if resolvers is not None and implicit[0]:  # implicit[0]: plain, without a tag
                for tag, pattern in resolvers:
                    if pattern.match(value):
                        return tag
            return STR
        if kind is yaml.ScalarNode:  # empty
            return _NULL_TAG if implicit[0] else STR
        return SEQ if kind is yaml.SequenceNode else MAP


def _value(node: yaml.Node, depth: int, seen: set[int]) -> Any:
    """The careful converter's value without positions; raises _Unusual wherever it reports a problem.
    ``seen``: the collections met so far; one met again is an alias, which the careful path refuses."""
    cls = node.__class__
    if depth > MAX_DEPTH and cls is not yaml.ScalarNode:
        raise _Unusual
    if cls is not yaml.ScalarNode:
        if id(node) in seen:
            raise _Unusual
        seen.add(id(node))
    if cls is yaml.ScalarNode:
        value = scalar_value(node.tag, node.value)
        if value is UNKNOWN:
            raise _Unusual
        return value
    if cls is yaml.MappingNode and node.tag == MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag == MERGE:
                raise _Unusual
            # One object per field name, however many records use it: the kept values (reading.kept)
            # then hold each name once, and read back a fifth faster.
            key = sys.intern(key_node.value)
            if key in result or not key.isprintable():
                raise _Unusual
            # most values are text: taken here, without a call
            is_text = value_node.__class__ is yaml.ScalarNode and value_node.tag == STR
            result[key] = value_node.value if is_text else _value(value_node, depth + 1, seen)
        return result
    if cls is yaml.SequenceNode and node.tag == SEQ:
        return [
            item.value if item.__class__ is yaml.ScalarNode and item.tag == STR else _value(item, depth + 1, seen)
            for item in node.value
        ]
    raise _Unusual
