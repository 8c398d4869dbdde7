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

from .problems import Problem, Unlisted, one_problem
from .sourcefile import read_text

# Deeper than any registry field; a YAML parser allows a thousand levels, which
# would exhaust Python's recursion limit here.
MAX_DEPTH = 12
# The problems of one file kept in full; any more are only counted (the report
# prints the first few anyway).
MAX_KEPT = 1000
# Python refuses to convert an int of thousands of digits; no field needs 30.
MAX_DIGITS = 30
_HEXADECIMAL = re.compile("0x[0-9A-Fa-f]+")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_MAP, _SEQ, _STR, _INT, _BOOL, _TIMESTAMP, _MERGE, _NULL, _FLOAT = (
    f"tag:yaml.org,2002:{name}"
    for name in (
        "map",
        "seq",
        "str",
        "int",
        "bool",
        "timestamp",
        "merge",
        "null",
        "float",
    )
)
_YAML_1_2_BOOLEANS = {"true", "True", "TRUE", "false", "False", "FALSE"}
_YAML_1_2_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


# What usually causes the parser's messages that name no cause a maintainer knows.
_INDENTED = "a line indented more or less than the fields of its entry"
_HINTS = {
    "mapping values are not allowed": (
        " (usually a value that holds ': ', which needs quotes, or " + _INDENTED + ")"
    ),
    "could not find expected ':'": (
        " (usually " + _INDENTED + ", or a field name without ': ' after it)"
    ),
    "did not find expected key": " (usually " + _INDENTED + ")",
    "did not find expected '-' indicator": " (usually " + _INDENTED + ")",
    "found character that cannot start any token": (
        " (usually a value that starts with ` or @, which needs quotes)"
    ),
}


class _Resolved(str):
    """A tag the resolver chose for a node written without one. The loader asks its
    resolver exactly for those nodes, so a tag of any other type was written out
    (`!!str 1e3`, after an anchor or not)."""


class _Loader(yaml.CSafeLoader):
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        # The tag of each (kind, text, implicit) met: a registry's keys and most of
        # its values recur in every entry, and PyYAML's resolver, in Python, tries
        # its expressions one by one on each.
        self._resolved: dict[Any, _Resolved] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        key = (kind, value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = self._resolved[key] = _Resolved(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
        return tag


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


def read_document(
    path: Path, shown_path: str, expected: str, what: str = "the registry file"
) -> Document:
    """`expected`: what the file holds, for the message of an empty one (a mapping
    with a 'statuses' list); `what`: the file, for the message of an unreadable one."""
    return parse_document(read_text(path, shown_path, what), shown_path, expected)


def parse_document(text: str, shown_path: str, expected: str) -> Document:
    """The document of a registry's text, as read_document reads a file's."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context)
        if "'\\t'" in problem or "\t" in problem:
            problem = "a tab where this YAML reader allows only spaces"
        hint = next(
            (hint for start, hint in _HINTS.items() if problem.startswith(start)), ""
        )
        raise one_problem(
            shown_path,
            line,
            "syntax",
            f"{problem} at column {column}{hint}; expected valid YAML",
        ) from None
    except yaml.YAMLError as error:
        raise one_problem(
            shown_path, 0, "syntax", f"{error}; expected valid YAML"
        ) from None
    if root is None:
        raise one_problem(shown_path, 0, "file", f"is empty; expected {expected}")
    return _Builder(shown_path).build(root)


class _Builder:
    def __init__(self, shown_path: str) -> None:
        self.shown_path = shown_path
        self.lines: dict[Location, int] = {}
        self.key_lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.unlisted = 0
        self.open_nodes: set[int] = set()
        self.seen_nodes: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def build(self, root: yaml.Node) -> Document:
        data = self.value(root, ())
        if self.unlisted:
            self.problems.append(
                Unlisted(self.shown_path, 0, "file", "more problems", self.unlisted)
            )
        return Document(data, self.lines, self.key_lines, self.problems)

    def _add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_KEPT:
            self.problems.append(problem)
        else:
            self.unlisted += 1

    def value(
        self, node: yaml.Node, location: Location, written_at: int | None = None
    ) -> Any:
        """`written_at`: the line of the key or item that holds the node, which is not
        the node's own line when the node is reached through an alias (*name)."""
        self.lines[location] = node.start_mark.line + 1
        if id(node) in self.seen_nodes and written_at is not None:
            self.lines[location] = written_at
        if id(node) in self.open_nodes:
            # A YAML alias to a node that contains it (`&a [*a]`) never ends.
            self._problem(
                node,
                location,
                "refers to itself through a YAML alias; expected plain values",
            )
            return None
        if id(node) in self.seen_nodes:
            # Expanding aliases of aliases grows exponentially ("billion laughs"),
            # and a registry has no need of them.
            self._problem(
                node,
                location,
                "repeats an earlier value through a YAML alias (*name), which the "
                "registry does not support; expected the value written out",
            )
            return None
        self.seen_nodes.add(id(node))
        if len(location) > MAX_DEPTH:
            self._problem(
                node,
                location,
                f"is nested more than {MAX_DEPTH} levels deep; expected the registry's "
                "few levels of fields",
            )
            return None
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag not in (_MAP, _SEQ):
                self._problem(
                    node,
                    location,
                    f"has the unsupported tag {_tag(node.tag)}; expected none",
                )
                return None
            self.open_nodes.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self.mapping(node, location)
                return self.sequence(node, location)
            finally:
                self.open_nodes.discard(id(node))
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, location)

    def scalar(self, node: yaml.ScalarNode, location: Location) -> Any:
        explicit = not isinstance(node.tag, _Resolved)
        if node.tag == _STR:
            if (
                not explicit
                and not node.style  # plain: libyaml says "", PyYAML None
                and _YAML_1_2_NUMBER.fullmatch(node.value)
            ):
                # PyYAML follows YAML 1.1 and keeps a plain 1e3 as text, but YAML 1.2
                # tools (and editors) read it as a number: take the reading that gets
                # it reported.
                return float(node.value)
            return node.value
        if node.tag == _TIMESTAMP and not explicit:
            # Dates stay text: the schema checks their form, and no time zone can shift them.
            return node.value
        if node.tag == _BOOL and not explicit and node.value not in _YAML_1_2_BOOLEANS:
            # yes, no, on, off and y, n are booleans only in YAML 1.1.
            value = self.constructor.construct_object(node)
            self._problem(
                node,
                location,
                f"{node.value!r} is the boolean {str(value).lower()} only in YAML 1.1, and "
                "text in YAML 1.2 (and to other YAML tools); expected true or false for a "
                "flag, or text in quotes",
            )
            return None
        if node.tag == _INT:
            if len(node.value) > MAX_DIGITS:
                self._problem(
                    node,
                    location,
                    f"is a number of {len(node.value)} characters; expected a short whole number",
                )
                return None
            if explicit and not _DECIMAL.fullmatch(node.value):
                return self._untyped(node, location)
            if _HEXADECIMAL.fullmatch(node.value):
                # 0x0a is the same number in YAML 1.1 and 1.2, and how IANA writes
                # protocol codes.
                return int(node.value, 16)
            if not _DECIMAL.fullmatch(node.value):
                # YAML 1.1 reads 0624 as octal, 4_04, 6:44 and 0b110010100 as 404;
                # YAML 1.2 tools (and a reader's eyes) see something else.
                self._problem(
                    node,
                    location,
                    f"{node.value!r} is a whole number only in YAML 1.1's notations "
                    "(octal, binary, sexagesimal, digits with _, or a leading zero), "
                    "which other YAML tools read otherwise; expected decimal digits "
                    "without a leading zero, or hexadecimal ones after 0x",
                )
                return None
            return int(node.value)
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL and node.value.lower() in self.constructor.bool_values:
            return self.constructor.bool_values[node.value.lower()]
        if node.tag == _FLOAT or (
            node.tag == _TIMESTAMP
            and self.constructor.timestamp_regexp.match(node.value)
        ):
            try:  # 1e999 and 2026-13-45 fit the notation, not the type
                return self.constructor.construct_object(node)
            except (ValueError, OverflowError):
                pass
        return self._untyped(node, location)

    def _untyped(self, node: yaml.ScalarNode, location: Location) -> None:
        # Only the standard YAML tags are known, and a tag's value must fit it:
        # not !!python/..., not !!int 404.0 or !!bool maybe.
        self._problem(
            node,
            location,
            f"has the tag {_tag(node.tag)} and the value {node.value[:40]!r}: an "
            "unsupported tag, or a value the tag cannot hold; expected a plain value",
        )

    def sequence(self, node: yaml.SequenceNode, location: Location) -> list[Any]:
        items = []
        # An alias item's line is not known; the nearest one before it is.
        previous_end = node.start_mark.line + 1
        for index, item in enumerate(node.value):
            items.append(self.value(item, (*location, index), previous_end))
            previous_end = item.end_mark.line + 1
        return items

    def _problem(self, node: yaml.Node, location: Location, message: str) -> None:
        line = self.lines[location]
        self._add(
            Problem(self.shown_path, line, field_name(location) or "top level", message)
        )

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE:
                self._add(
                    Problem(
                        self.shown_path,
                        key_line,
                        field_name(location) or "top level",
                        "a YAML merge key (<<), which the registry does not support; "
                        "expected the fields written out",
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._add(
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
                self._add(
                    Problem(
                        self.shown_path,
                        key_line,
                        field_name(location + (key,)),
                        f"duplicate key (first given at line {first}); expected each field once",
                    )
                )
                continue
            self.key_lines[location + (key,)] = key_line
            result[key] = self.value(value_node, location + (key,), key_line)
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


def _tag(tag: str) -> str:
    """A tag as written in YAML: !!python/object:os.system."""
    return tag.replace("tag:yaml.org,2002:", "!!")
