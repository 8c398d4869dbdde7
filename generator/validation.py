"""Every problem of a registry document, each with its line.

The JSON Schema beside the registry describes each field; this module applies it
(through the jsonschema library), turns its errors into `file:line: field: what is
wrong; what is expected`, and adds the checks a schema cannot express: order and
uniqueness across entries, real dates.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import jsonschema
import referencing
import referencing.exceptions
import referencing.jsonschema

from .problems import Problem
from .sourcefile import DATA, read_json
from .yamlsource import Document, Location, field_name

# A kind's rules for one entry that a schema cannot express: (field, message) pairs.
EntryRules = Callable[[dict[str, Any]], Iterable[tuple[str, str]]]
# A kind's rules for its entries together, given them and the line of a field of
# one (by the entry's index and the field's location in it): (index, location,
# message) triples.
RegistryRules = Callable[
    [list[dict[str, Any]], Callable[..., int]],
    Iterable[tuple[int, tuple[str | int, ...], str]],
]


@dataclass(frozen=True)
class Rules:
    """What a kind's registry is validated by, beyond its schema."""

    entries: str  # the registry's top-level list
    key: str  # the field that identifies an entry: unique, in ascending order
    fold: Callable[[Any], Any]  # how keys compare
    entry: EntryRules
    registry: tuple[RegistryRules, ...]


def validate(
    document: Document,
    schema: dict[str, Any],
    shown_path: str,
    rules: Rules | None = None,
) -> list[Problem]:
    """Every problem of the document: the reader's, the schema's, and (with `rules`)
    those across a registry's entries."""
    too_long = _too_many_items(document, schema, shown_path)
    if too_long:
        return document.problems + too_long
    problems = list(document.problems)
    # A value the reader already reported (an unsupported tag reads as nothing)
    # is not reported again by the schema.
    reported = {(problem.line, problem.field) for problem in problems}
    for problem in (
        _padded_text(document, shown_path)
        + _schema_problems(document, schema, shown_path)
        + (_cross_entry_problems(document, shown_path, rules) if rules else [])
    ):
        if (problem.line, problem.field) not in reported:
            problems.append(problem)
    return problems


# Booleans are ints in Python and JSON Schema counts 404.0 as an integer; a registry
# code or RFC number must be written as a plain whole number.
_strict_types = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer",
    lambda checker, value: isinstance(value, int) and not isinstance(value, bool),
)


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """JSON Schema patterns are ECMA-262 regular expressions, whose $ matches only at
    the very end; Python's $ also matches before a final line break, which would let
    "Not Found\\n" (a folded `phrase: >` block) through ^...$."""
    if validator.is_type(instance, "string") and not re.search(
        _python_pattern(pattern), instance
    ):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.lru_cache(maxsize=None)
def _python_pattern(pattern: str) -> str:
    """`pattern` with each unescaped $ outside a character class written as \\Z."""
    out, escaped, in_class = [], False, False
    for character in pattern:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            in_class = True
        elif character == "]":
            in_class = False
        elif character == "$" and not in_class:
            character = "\\Z"
        out.append(character)
    return "".join(out)


_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    validators={"pattern": _ecma_pattern},
    type_checker=_strict_types,
)


@functools.lru_cache(maxsize=None)
def _schemas() -> referencing.Registry[Any]:
    """Every schema in data/, by its $id, so that one can refer to another's $defs
    (the method registry uses the status registry's spec, name, python_added)."""
    resources = [
        referencing.Resource.from_contents(read_json(path, "a JSON Schema"))
        for path in sorted(DATA.glob("*.schema.json"))
    ]
    return referencing.Registry().with_resources(
        (str(resource.id()), resource) for resource in resources if resource.id()
    )


class _NotInlined(Exception):
    """A schema whose references are left to jsonschema: one it would resolve
    differently once copied in place (a nested $id, an anchor, a dynamic or circular
    reference), or one it cannot resolve, which it reports as it always has."""


# Keywords whose value is data, never a schema, and the definitions, which are
# applied only through references: left exactly as written.
_AS_WRITTEN = frozenset(
    {"$defs", "const", "default", "definitions", "enum", "examples"}
)
# Keywords whose value maps names (of properties) to schemas.
_SCHEMA_MAPS = frozenset({"dependentSchemas", "patternProperties", "properties"})
# What would make a copied subschema mean something else than where it was.
_NOT_COPIED = frozenset(
    {
        "$anchor",
        "$dynamicAnchor",
        "$dynamicRef",
        "$id",
        "$recursiveAnchor",
        "$recursiveRef",
    }
)
# What a $ref may sit beside and still be copied into: annotations, no assertions.
_ANNOTATIONS = frozenset({"$comment", "description", "title"})


def _inlined(schema: dict[str, Any]) -> Any:
    """`schema` with each $ref replaced by a copy of what it refers to, resolved as
    jsonschema resolves it (in this schema, or another of data/ by its $id); the
    schema itself where that cannot be done exactly (_NotInlined). jsonschema looks a
    reference up again at every value it checks, and descends one level further for
    it: a third of the time of validating a registry. Every error is the same as
    through the reference: it comes from the same subschema, whose x-expected notes
    are those the messages read (a $ref beside its own x-expected note keeps it, in
    an allOf of the one schema)."""
    try:
        root = referencing.jsonschema.DRAFT202012.create_resource(schema)
        resolver = _schemas().resolver_with_root(root)
        return _inline(schema, resolver, (), {}, top=True)
    except (_NotInlined, referencing.exceptions.Unresolvable):
        return schema


def _inline(
    node: Any,
    resolver: Any,  # referencing's Resolver
    expanding: tuple[int, ...],
    done: dict[int, Any],
    top: bool = False,
) -> Any:
    """`node` inlined; `expanding`: the referred schemas being copied, by id;
    `done`: those copied already."""
    if isinstance(node, list):
        return [_inline(item, resolver, expanding, done) for item in node]
    if not isinstance(node, dict):
        return node
    if _NOT_COPIED & (node.keys() - {"$id"} if top else node.keys()):
        raise _NotInlined()
    out: dict[str, Any] = {}
    for keyword, value in node.items():
        if keyword == "$ref":
            continue
        if keyword in _AS_WRITTEN or keyword.startswith("x-"):
            out[keyword] = value
        elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
            out[keyword] = {
                name: _inline(item, resolver, expanding, done)
                for name, item in value.items()
            }
        else:
            out[keyword] = _inline(value, resolver, expanding, done)
    if "$ref" not in node:
        return out
    reference = node["$ref"]
    if not isinstance(reference, str):
        raise _NotInlined()
    resolved = resolver.lookup(reference)
    key = id(resolved.contents)
    if key in expanding:
        raise _NotInlined()  # a schema that refers to itself
    if key not in done:
        done[key] = _inline(
            resolved.contents, resolved.resolver, expanding + (key,), done
        )
    target = done[key]
    if not out:
        return target
    if node.keys() - {"$ref"} <= _ANNOTATIONS and isinstance(target, dict):
        # The referred schema, described where it is used: the same assertions, the
        # same notes.
        return {**target, **out}
    if "allOf" in out:
        raise _NotInlined()
    # In the $ref's place, so that the keywords are applied in the same order.
    return {
        ("allOf" if keyword == "$ref" else keyword): (
            [target] if keyword == "$ref" else out[keyword]
        )
        for keyword in node
    }


def _shared_definitions() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for uri in _schemas():
        definitions.update(_schemas().contents(uri).get("$defs", {}))
    return definitions


def _too_many_items(
    document: Document, schema: dict[str, Any], shown_path: str
) -> list[Problem]:
    """A top-level list longer than the schema allows, found before the schema runs:
    a hundred thousand entries would take minutes to judge one by one."""
    if not isinstance(document.data, dict):
        return []
    problems = []
    for name, rule in schema.get("properties", {}).items():
        items = document.data.get(name)
        limit = rule.get("maxItems")
        if isinstance(items, list) and limit is not None and len(items) > limit:
            problems.append(
                Problem(
                    shown_path,
                    document.line_of((name,)),
                    name,
                    f"has {len(items)} entries; expected at most {limit} "
                    f"({rule.get('x-expected-maxItems', 'the most there can be')})",
                )
            )
    return problems


def _padded_text(document: Document, shown_path: str) -> list[Problem]:
    """Text that starts or ends with whitespace: in a registry it is always a slip (a
    space before a closing quote, a folded block's final line break), and it would
    reach the generated modules unseen."""
    problems = []

    def walk(value: Any, location: Location) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, location + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, location + (index,))
        elif isinstance(value, str) and value != value.strip():
            problems.append(
                Problem(
                    shown_path,
                    document.line_of(location),
                    field_name(location) or "top level",
                    f"{_describe(value)} starts or ends with whitespace; expected "
                    "the text without it",
                )
            )

    walk(document.data, ())
    return problems


def _schema_problems(
    document: Document, schema: dict[str, Any], shown_path: str
) -> list[Problem]:
    problems = []
    reported_missing: set[tuple[Location, str]] = set()
    validator = _Validator(_inlined(schema), registry=_schemas())
    for error in validator.iter_errors(document.data):
        location: Location = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            key_location = location + (error.instance,)
            allowed = ", ".join(error.schema["enum"])
            problems.append(
                Problem(
                    shown_path,
                    document.key_lines[key_location],
                    field_name(key_location),
                    f"unknown key; expected one of {allowed}",
                )
            )
        elif error.validator == "additionalProperties":
            problems += _unknown_fields(document, location, error, shown_path)
        elif error.validator == "required":
            for missing in error.validator_value:
                if missing in error.instance or (location, missing) in reported_missing:
                    continue
                reported_missing.add((location, missing))
                where = field_name(location + (missing,))
                # The record's own description of the field, where the failing
                # schema has one: `name` of a source is not an enum name.
                own = error.schema.get("properties", {}).get(missing)
                problems.append(
                    Problem(
                        shown_path,
                        document.line_of(location),
                        where,
                        f"is missing; expected {_expected(missing, own) if own else _field_expectations(schema)[missing]}",
                    )
                )
        else:
            line = document.key_lines.get(location) or document.line_of(location)
            problems.append(
                Problem(
                    shown_path,
                    line,
                    field_name(location) or "top level",
                    _wrong_value(error),
                )
            )
    return problems


def _unknown_fields(
    document: Document, location: Location, error: Any, shown_path: str
) -> list[Problem]:
    known = sorted(error.schema.get("properties", {}))
    problems = []
    for key in error.instance:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = (
            f"expected a known field: did you mean '{close[0]}'?"
            if close
            else f"expected one of {', '.join(known)}"
        )
        key_location = location + (key,)
        problems.append(
            Problem(
                shown_path,
                document.key_lines[key_location],
                field_name(key_location),
                f"unknown field; {hint}",
            )
        )
    return problems


def _field_expectations(schema: dict[str, Any]) -> dict[str, str]:
    """What each field should hold, by name, from the x-expected notes of the schema."""
    expectations: dict[str, str] = {}
    for owner in [schema, *_definitions(schema).values()]:
        for name, rule in owner.get("properties", {}).items():
            expectations.setdefault(name, _expected(name, rule, schema))
    return expectations


def _definitions(schema: dict[str, Any]) -> dict[str, Any]:
    return {**_shared_definitions(), **schema.get("$defs", {})}


def _expected(
    name: str, rule: dict[str, Any], schema: dict[str, Any] | None = None
) -> str:
    """A field's x-expected note: its own, else that of the definition it refers to."""
    if "x-expected" not in rule and "$ref" in rule:  # "#/$defs/spec"
        rule = _definitions(schema or {}).get(rule["$ref"].rsplit("/", 1)[-1], {})
    return str(rule.get("x-expected", f"a '{name}' field"))


def _wrong_value(error: Any) -> str:
    expected = (
        error.schema.get(f"x-expected-{error.validator}")
        or error.schema.get("x-expected")
        or error.message
    )
    value = error.instance
    if error.validator == "oneOf":
        return f"has {_oneof_found(value, error.validator_value)}; expected {expected}"
    if (
        error.validator == "type"
        and error.schema.get("type") == "string"
        and not isinstance(value, (dict, list))
    ):
        return (
            f"got {_describe(value)}, not text; expected {expected} (put it in quotes)"
        )
    if (
        error.validator == "type"
        and error.schema.get("type") == "integer"
        and isinstance(value, str)
    ):
        return f"got {_describe(value)}, text; expected {expected}, in decimal digits without quotes"
    return f"got {_describe(value)}; expected {expected}"


def _oneof_found(value: Any, branches: list[dict[str, Any]]) -> str:
    """Which of the keys that tell the branches apart (rfc, draft) the value has."""
    keys = [key for branch in branches for key in branch.get("required", [])]
    present = [key for key in keys if isinstance(value, dict) and key in value]
    return " and ".join(present) if present else "neither " + " nor ".join(keys)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (YAML reads yes, no, on, off, true and false as booleans)"
    if value is None:
        return "no value (YAML reads an empty value, ~ and null as null)"
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"{shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _cross_entry_problems(
    document: Document, shown_path: str, rules: Rules
) -> list[Problem]:
    """What a schema cannot say: key order and keys used once (compared as the kind
    compares them), and the kind's own rules."""
    list_name, key = rules.entries, rules.key
    entries = document.data.get(list_name) if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        return []
    problems = []
    key_lines: dict[Any, int] = {}
    previous = None
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        here: Location = (list_name, index)
        line = _line_finder(document, here)
        value = entry.get(key)
        # Only a value of the key's type takes part: the schema reports the others.
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            folded = rules.fold(value)
            if folded in key_lines:
                problems.append(
                    Problem(
                        shown_path,
                        line(key),
                        key,
                        f"{value} is already used at line {key_lines[folded]}; expected each {key} once",
                    )
                )
            else:
                key_lines[folded] = line(key)
            if _comes_before(folded, previous):
                problems.append(
                    Problem(
                        shown_path,
                        line(key),
                        key,
                        f"{value} comes after {previous}; expected entries in ascending {key} order",
                    )
                )
            previous = folded
        for field, message in rules.entry(entry):
            problems.append(Problem(shown_path, line(field), field, message))
    mappings = [entry if isinstance(entry, dict) else {} for entry in entries]

    def line_of(index: int, *location: str | int) -> int:
        return document.line_of((list_name, index, *location))

    for rule in rules.registry:
        for index, location, message in rule(mappings, line_of):
            problems.append(
                Problem(
                    shown_path,
                    document.line_of((list_name, index, *location)),
                    field_name((list_name, index, *location)),
                    message,
                )
            )
    return problems


def _comes_before(value: Any, previous: Any) -> bool:
    """Whether `value` is out of order after `previous`; values of another type (the
    schema reports those) are not compared."""
    return type(value) is type(previous) and bool(value < previous)


def _line_finder(document: Document, entry: Location) -> Callable[..., int]:
    def line(*field: str | int) -> int:
        return document.line_of(entry + field)

    return line
