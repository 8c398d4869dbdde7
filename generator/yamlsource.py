"""Read a YAML file into plain Python values, remembering the line of every value.

PyYAML's own loader forgets where a value came from and keeps the last of two
duplicate keys silently; the validator needs both facts, so the file is
composed into nodes and turned into values here. The nodes come from libyaml
(yaml.CSafeLoader, in every PyYAML wheel), about four times faster than PyYAML's
pure-Python parser, with clearer messages for tabs and bad escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml

from .problems import InputError, Problem

_YAML_1_2_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


# A location inside the document: mapping keys and sequence indexes from the top.
Location = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Document:
    data: Any
    lines: dict[Location, int]
    key_lines: dict[Location, int]
    # What was wrong but could be read past (a duplicate key keeps its first value),
    # so that the validator can report everything else in the same run.
    problems: list[Problem]

    def line_of(self, location: Location) -> int:
        """The line of the value at `location`, or of its nearest enclosing value."""
        while location not in self.lines:
            location = location[:-1]
        return self.lines[location]


def read_document(path: Path, shown_path: str) -> Document:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            [
                Problem(
                    shown_path,
                    1,
                    "file",
                    "does not exist; expected the registry file at this path",
                )
            ]
        ) from None
    except OSError as error:
        raise InputError(
            [
                Problem(
                    shown_path,
                    1,
                    "file",
                    f"cannot be read ({error.strerror}); expected a readable file",
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        raise InputError(
            [
                Problem(
                    shown_path,
                    line,
                    "encoding",
                    f"byte 0x{byte:02x} at column {column} is not UTF-8; expected a UTF-8 file",
                )
            ]
        ) from None
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError(
            [
                Problem(
                    shown_path,
                    line,
                    "syntax",
                    f"{error.problem or error.context} at column {column}; expected valid YAML",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise InputError(
            [Problem(shown_path, 1, "syntax", f"{error}; expected valid YAML")]
        ) from None
    if root is None:
        raise InputError(
            [
                Problem(
                    shown_path,
                    1,
                    "file",
                    "is empty; expected a mapping with a 'statuses' list",
                )
            ]
        )
    return _Builder(shown_path).build(root)


class _Builder:
    def __init__(self, shown_path: str) -> None:
        self.shown_path = shown_path
        self.lines: dict[Location, int] = {}
        self.key_lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.open_nodes: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def build(self, root: yaml.Node) -> Document:
        data = self.value(root, ())
        return Document(data, self.lines, self.key_lines, self.problems)

    def value(self, node: yaml.Node, location: Location) -> Any:
        self.lines[location] = node.start_mark.line + 1
        if id(node) in self.open_nodes:
            # A YAML alias to a node that contains it (`&a [*a]`) never ends.
            self._problem(
                node,
                location,
                "refers to itself through a YAML alias; expected plain values",
            )
            return None
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.open_nodes.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self.mapping(node, location)
                return [
                    self.value(item, (*location, index))
                    for index, item in enumerate(node.value)
                ]
            finally:
                self.open_nodes.discard(id(node))
        if node.tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text: the schema checks their form, and no time zone can shift them.
            return node.value
        if (
            isinstance(node, yaml.ScalarNode)
            and node.tag == "tag:yaml.org,2002:str"
            and not node.style  # plain: libyaml says "", PyYAML None
            and _YAML_1_2_NUMBER.fullmatch(node.value)
        ):
            # PyYAML follows YAML 1.1 and keeps a plain 1e3 as text, but YAML 1.2 tools
            # (and editors) read it as a number: take the reading that gets it reported.
            return float(node.value)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            # Only the standard YAML tags are known; !!python/... and the like are not.
            self._problem(
                node,
                location,
                f"has the unsupported tag {node.tag}; expected a plain value",
            )
            return None
        return value

    def _problem(self, node: yaml.Node, location: Location, message: str) -> None:
        line = node.start_mark.line + 1
        self.problems.append(
            Problem(self.shown_path, line, field_name(location) or "top level", message)
        )

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        self.shown_path,
                        key_line,
                        field_name(location) or "top level",
                        "a key is not a plain name; expected a field name",
                    )
                )
                continue
            key = key_node.value
            if key in result:
                first = self.key_lines[location + (key,)]
                self.problems.append(
                    Problem(
                        self.shown_path,
                        key_line,
                        field_name(location + (key,)),
                        f"duplicate key (first given at line {first}); expected each field once",
                    )
                )
                continue
            self.key_lines[location + (key,)] = key_line
            result[key] = self.value(value_node, location + (key,))
        return result


def field_name(location: Location) -> str:
    """Name a field within its record, the item of the top-level list: `spec.rfc`, `aliases[0]`."""
    for index, part in enumerate(location):
        if isinstance(part, int):
            location = location[index + 1 :]
            if not location:
                return "entry"
            break
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
