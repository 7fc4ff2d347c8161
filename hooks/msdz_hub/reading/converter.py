"""The careful path's core: a YAML node tree into plain values, noting where each value and key
stands and explaining, with line and column, whatever the hub does not accept."""

from __future__ import annotations

from typing import Any

import yaml

from ..core.paths import JsonPath, format_field
from ..core.problems import Problem
from .records import Positions
from .scalars import MAP, MAX_DEPTH, MERGE, SEQ, UNKNOWN, Loader, scalar_value


class Converter:
    """Turns one file's node tree into plain values, recording positions and problems."""

    def __init__(self, rel: str, text: str):
        self.rel = rel
        self.text = text
        self.where = Positions()
        self.problems: list[Problem] = []
        self._seen: set[int] = set()  # ids of the nodes converted so far
        self._alias_marks: list[yaml.Mark] | None = None  # where each '*name' stands, found on demand

    def convert(self, node: yaml.Node, path: JsonPath) -> Any:
        mark = node.start_mark
        self.where.values[path] = (mark.line + 1, mark.column + 1)
        if len(path) > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            self._problem(
                node, path, f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen); die Struktur vereinfachen."
            )
            return None
        if id(node) in self._seen:  # an alias (*name): expanding it could blow up or never end
            self._alias(node, path)
            return None
        self._seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (MAP, SEQ):
            self._problem(node, path, f"unbekannte Typangabe '{node.tag}'; Typangaben (!…) weglassen.")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # YAML's composer makes no fourth kind of node
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path, first_seen)
            if key is None:
                continue
            key_path = path + (key,)
            first_seen[key] = key_node.start_mark.line + 1
            self.where.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, key_path)
        return result

    def _key(self, key_node: yaml.Node, path: JsonPath, first_seen: dict[str, int]) -> str | None:
        """The field name a key node gives; None, with a problem noted, for one the hub refuses."""
        if key_node.tag == MERGE:
            self._problem(key_node, path, "'<<' (Zusammenführen) wird nicht unterstützt; Felder ausschreiben.")
            return None
        if not isinstance(key_node, yaml.ScalarNode):
            self._problem(key_node, path, "ein Feldname muss ein einfaches Wort sein.")
            return None
        if id(key_node) in self._seen:
            self._alias(key_node, path)
            return None
        self._seen.add(id(key_node))
        key = key_node.value
        if not key.isprintable():  # a line break in a field name would also break the problem line
            self._problem(
                key_node,
                path,
                "ein Feldname darf keinen Zeilenumbruch und keine unsichtbaren Sonderzeichen (z. B. geschützte Leerzeichen) enthalten; den Namen neu tippen.",
            )
            return None
        if key in first_seen:
            self._problem(
                key_node,
                path + (key,),
                f"Feld '{key}' kommt doppelt vor (zuerst in Zeile {first_seen[key]}); "
                f"einen der beiden Einträge löschen.",
            )
            return None
        return key

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        tag, text = node.tag, node.value
        value = scalar_value(tag, text)
        if value is UNKNOWN:
            self._problem(node, path, f"unbekannte Typangabe '{tag}'; Typangaben (!…) weglassen.")
            return text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.where.raw_scalars[path] = text
        return value

    def _alias(self, node: yaml.Node, path: JsonPath) -> None:
        # An alias node is its anchor's node, so its own position is only in the tokens; aliases are
        # met in document order, like the tokens.
        if self._alias_marks is None:
            tokens = yaml.scan(self.text, Loader=Loader)
            self._alias_marks = [t.start_mark for t in tokens if isinstance(t, yaml.AliasToken)]
        mark = self._alias_marks.pop(0) if self._alias_marks else node.start_mark
        self.problems.append(
            Problem(
                self.rel,
                mark.line + 1,
                mark.column + 1,
                format_field(path),
                "Anker und Verweise (&name, *name) werden nicht unterstützt; den Wert ausschreiben.",
            )
        )

    def _problem(self, node: yaml.Node, path: JsonPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.rel, mark.line + 1, mark.column + 1, format_field(path), message))
