"""A registry declared as data: one of IANA's tables of codes or tokens.

A declaration (data/MODULE.declaration.yaml, whose fields
data/declaration.schema.json describes) says what is particular to a registry: its
title and IANA's file, whether its keys are numbers (an IntEnum of codes) or tokens
(a class of string constants), its own columns and their types, how its keys
compare, how a constant is named, and the sets the RFCs define. Everything else is
shared: the record type, the registry's JSON Schema, the reading of IANA's file and
the comparison with it are made here from the declaration, and the shared templates
(templates/table*.j2) render every output from it."""

from __future__ import annotations

import dataclasses
import datetime
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Literal

from .iana import Differ, IanaRegistry, IanaRow, cited, not_listed, references
from .kind import Kind, Output
from .problems import InputError, Problem
from .records import Entry, SpecReference, build
from .sourcefile import DATA, read_json, shown
from .validation import validate
from .yamlsource import field_name, read_document

# IANA's first word, in a row's name (or description) column, for what the row is:
# one that registers nothing, or a deprecated or withdrawn token.
_PLACEHOLDERS = {
    "unassigned": "unassigned",
    "reserved": "reserved",
    "deprecated": "deprecated",
    "withdrawn": "obsoleted",
}
# What IANA's status says of a registered row, what the registry says instead of a
# status for rows that register nothing or that an RFC sets apart, and what a lookup
# says of a token the registry lacks (unregistered).
STATES = (
    "permanent",
    "provisional",
    "deprecated",
    "obsoleted",
    "reserved",
    "unassigned",
    "private",
    "unused",
    "unregistered",
)
# The states of a row of codes that names nothing a constant could stand for.
REGISTERS_NOTHING = frozenset({"unassigned", "reserved", "private", "unused"})
_RANGE = re.compile(r"(0x[0-9A-Fa-f]+|[0-9]+)(?:-(0x[0-9A-Fa-f]+|[0-9]+))?")


def upper_snake(name: str) -> str:
    """The constant of a name: HEADER_TABLE_SIZE, GZIP, MAX_AGE, SCRAM_SHA_256."""
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper()


_TYPES = {"int": int, "str": str, "bool": bool, "date": datetime.date}


@dataclass(frozen=True)
class Column:
    """A column of the registry's own, beyond the key, the name and the citation."""

    name: str  # the registry's field, the answer's attribute and the export's key
    type: Literal["int", "str", "bool", "date"]
    description: str  # for the schema, the export and the documentation
    values: tuple[str, ...] = ()  # the only values a text column may hold, if any
    heading: str | None = None  # its heading in the tables; None: not shown there
    iana: str | None = None  # the column of IANA's file it is compared with
    # The texts of IANA's file that stand for null in a column of numbers.
    iana_null: tuple[str, ...] = ()
    # What null stands for where the column may hold it ("no limit"); None: it may not.
    null_means: str | None = None

    @property
    def python_type(self) -> Any:
        return Literal[self.values] if self.values else _TYPES[self.type]

    def from_iana(self, text: str) -> Any:
        """IANA's text of the column as the registry's value: a number in decimal or
        hexadecimal, or null for an iana_null text; any other column's text as it is
        (ValueError where a number is not one)."""
        if self.type != "int":
            return text
        return None if text in self.iana_null else int(text, 0)


@dataclass(frozen=True)
class Subset:
    """A set the RFCs define over the registry: a frozenset of the keys (or the
    members) of the entries whose flag `column` holds `value`, named `name` in the
    module."""

    name: str
    comment: str  # what the set is, and the RFC that defines it
    column: str
    value: bool

    def of(self, entries: tuple[Any, ...]) -> list[Any]:
        return [entry for entry in entries if getattr(entry, self.column) is self.value]


@dataclass(frozen=True)
class Mapping:
    """A fact an RFC gives per entry, as a dict from each member that has it to its
    value: a setting's initial value."""

    name: str
    comment: str
    column: str

    def of(self, entries: tuple[Any, ...]) -> list[Any]:
        """The entries with a constant that give the column (null included)."""
        return [
            entry
            for entry in entries
            if entry.constant and self.column in entry.field_lines
        ]


@dataclass(frozen=True)
class Formula:
    """Values an RFC sets apart by a formula, not by rows: HTTP/3's reserved values,
    0x1f * N + 0x21."""

    state: str  # what lookup says of them: reserved
    step: int
    offset: int
    spec: SpecReference
    text: str  # as the RFC writes it


@dataclass(frozen=True)
class Table:
    """The declaration of one registry."""

    name: str  # http2-setting: the registry's name, its files' and its options'
    title: str  # as IANA titles the registry
    url: str  # IANA's CSV file
    iana_file: str  # the vendored copy, in data/iana/
    iana_header: tuple[str, ...]  # IANA's columns, in order
    module: str  # the Python module: http2_settings
    class_name: str  # its class of constants: HTTP2Setting
    summary: str  # one sentence for the module's docstring and the documentation
    numeric: bool = True  # an IntEnum of codes; else string constants of tokens
    value_column: str = "Value"  # IANA's column of the code, or of the token
    name_column: str | None = None  # IANA's column of a code's name
    # IANA's column whose words say a row registers nothing (Unassigned, Reserved,
    # Deprecated ...): by default the name's.
    placeholder_column: str | None = None
    status_column: str | None = None  # IANA's column of the status, where it has one
    reference_column: str = "Reference"
    columns: tuple[Column, ...] = ()
    subsets: tuple[Subset, ...] = ()
    mappings: tuple[Mapping, ...] = ()
    formula: Formula | None = None
    hex_width: int = 0  # codes written in hexadecimal with this many digits; 0: decimal
    space: tuple[int, int] | None = None  # the codes there can be: (0, 0xff)
    case_insensitive: bool = False  # tokens that compare case-insensitively
    # A prefix of IANA's names that the constants leave out: SETTINGS_.
    constant_without_prefix: str | None = None
    position: int = 100  # where the registry stands among the others

    def fold(self, key: Any) -> Any:
        """A key as the registry compares keys: for order, duplicates, lookups and
        IANA."""
        return key.lower() if self.case_insensitive and isinstance(key, str) else key

    def constant(self, name: str) -> str:
        """The constant of an entry's name, by the declaration's rule."""
        return upper_snake(name.removeprefix(self.constant_without_prefix or ""))

    @property
    def key(self) -> str:
        return "value" if self.numeric else "name"

    @property
    def has_dates(self) -> bool:
        return any(column.type == "date" for column in self.columns)

    @property
    def page(self) -> str:
        """The name of the registry's table and export: http2-settings."""
        return self.module.replace("_", "-")

    @property
    def info_name(self) -> str:
        return f"{self.class_name}Info"

    @property
    def lookup_name(self) -> str:
        return f"lookup_{self.name.replace('-', '_')}"

    @property
    def module_names(self) -> list[str]:
        """What the module gives (its __all__, and its stub's)."""
        names = [self.class_name, self.info_name, "lookup", "entries"]
        names += [subset.name for subset in self.subsets]
        return sorted(names + [mapping.name for mapping in self.mappings])

    @property
    def entries_name(self) -> str:
        return f"{self.name.replace('-', '_')}_entries"

    def states_of(self, registry: Any) -> list[str]:
        """The states an answer can have: the registry's, and unassigned for a code
        no row holds."""
        used = {entry.iana for entry in registry.entries}
        # What lookup says of a code no row holds, or of a token the registry lacks.
        used.add("unassigned" if self.numeric else "unregistered")
        if self.formula:
            used.add(self.formula.state)
        return [state for state in STATES if state in used]

    def column_type(self, name: str) -> str:
        """A column's type as a stub writes it."""
        (column,) = [column for column in self.columns if column.name == name]
        if column.values:
            values = ", ".join(repr(value) for value in column.values)
            return f"Literal[{values}] | None"
        return f"{'datetime.date' if column.type == 'date' else column.type} | None"

    def cell(self, entry: Any, column: Column) -> str:
        """A column's value in a table: yes for true, the text of the rest."""
        value = getattr(entry, column.name)
        if value is None and column.null_means and column.name in entry.field_lines:
            return column.null_means
        if value is None or value is False:
            return ""
        return "yes" if value is True else str(value)

    def shown(self, value: int) -> str:
        """A code as IANA writes it: 0x0a, or 1000."""
        return f"0x{value:0{self.hex_width}x}" if self.hex_width else str(value)

    def kind(self) -> Kind:
        record = _record_type(self)
        return Kind(
            name=self.name,
            title=self.title,
            registry=f"{self.module}.yaml",
            entries="entries",
            record=record,
            rules=lambda entry: (),
            registry_rules=(_constants_once(self),),
            fold=self.fold,
            key_text=self.shown if self.numeric else str,
            iana=_iana(self),
            outputs=(
                Output(f"{self.module}.py", shared_template="table.py.j2"),
                Output(f"_{self.module}_info.py", shared_template="_table_info.py.j2"),
                Output(f"{self.module}.pyi", shared_template="table.pyi.j2"),
                Output(f"{self.page}.md", shared_template="table.md.j2"),
                Output(f"{self.page}.json", shared_template="export.json.j2"),
                Output(
                    f"{self.page}.schema.json", shared_template="export.schema.json.j2"
                ),
            ),
            top_level=(
                (self.class_name, self.module, self.class_name),
                (self.lookup_name, self.module, "lookup"),
                (self.entries_name, self.module, "entries"),
                (self.info_name, self.module, self.info_name),
                *((subset.name, self.module, subset.name) for subset in self.subsets),
                *(
                    (mapping.name, self.module, mapping.name)
                    for mapping in self.mappings
                ),
            ),
            constants=(self.module, self.class_name),
            template_context={"table": self},
            schema_document=_schema(self),
            position=self.position,
        )


def read_declaration(path: Path) -> Table:
    """The declaration at `path`, validated by data/declaration.schema.json and by
    what a schema cannot say (the columns it names exist); InputError with every
    problem, each at its line."""
    shown_path = shown(path)
    document = read_document(
        path, shown_path, "a registry's declaration", "the registry's declaration"
    )
    schema = read_json(DATA / "declaration.schema.json", "a JSON Schema")
    problems = validate(document, schema, shown_path) or list(
        _inconsistencies(document, shown_path, path.name)
    )
    if problems:
        raise InputError(problems)
    table: Table = build(Table, document.data)
    return table


def _inconsistencies(document: Any, shown_path: str, file: str) -> Iterator[Problem]:
    """The columns of IANA's a declaration names that its iana_header lacks, the
    columns of its own that its sets name but it lacks, or that it gives twice, and
    a module that is not the file's name (`file`)."""
    data = document.data

    def problem(location: tuple[str | int, ...], message: str) -> Problem:
        # At the key's line: a mapping's own line is its first field's.
        line = document.key_lines.get(location) or document.line_of(location)
        return Problem(shown_path, line, field_name(location), message)

    header = data["iana_header"]
    columns = data.get("columns", [])
    # The value and reference columns are named by default: checked all the same.
    defaults = {"value_column": "Value", "reference_column": "Reference"}
    named: list[tuple[tuple[str | int, ...], str]] = [
        ((field,), data.get(field, defaults.get(field)))
        for field in ("value_column", "name_column", "placeholder_column")
        + ("status_column", "reference_column")
        if field in data or field in defaults
    ]
    named += [
        (("columns", index, "iana"), column["iana"])
        for index, column in enumerate(columns)
        if "iana" in column
    ]
    for location, heading in named:
        if heading not in header:
            yield problem(
                location,
                f"{heading!r} is not one of iana_header's columns; expected one of {', '.join(header)}",
            )
    types = {}
    for index, column in enumerate(columns):
        name = column["name"]
        if name in types or name in _TAKEN_BY_ENTRIES or keyword.iskeyword(name):
            yield problem(
                ("columns", index, "name"),
                f"{name} is declared twice, or is a name every entry or answer has "
                "already, or a Python keyword; expected another name",
            )
        types[column["name"]] = column["type"]
    for index, subset in enumerate(data.get("subsets", [])):
        if types.get(subset["column"]) != "bool":
            yield problem(
                ("subsets", index, "column"),
                f"{subset['column']} is not a column of flags; expected the name of "
                "a declared column of type bool",
            )
    for index, mapping in enumerate(data.get("mappings", [])):
        if mapping["column"] not in types:
            yield problem(
                ("mappings", index, "column"),
                f"{mapping['column']} is not a column; expected the name of a "
                "declared column",
            )
    module = file.removesuffix(".declaration.yaml")
    if data["module"] != module:
        yield problem(
            ("module",),
            f"{data['module']} is not the declaration's file name; expected {module}, "
            f"the name of data/{module}.yaml, its registry",
        )
    space = data.get("space")
    if space and space[0] > space[1]:
        yield problem(
            ("space",), "ends before it begins; expected the first code, then the last"
        )
    if data.get("numeric") is False:
        for field in ("space", "hex_width", "formula", "name_column"):
            if field in data:
                yield problem(
                    (field,),
                    "is given for a registry of tokens; expected it only for one of "
                    "codes (numeric: true)",
                )
    for field in ("module", "class_name"):
        if keyword.iskeyword(data[field]):
            yield problem(
                (field,), f"{data[field]} is a Python keyword; expected a name"
            )


@dataclass(frozen=True, kw_only=True)
class TableEntry(Entry):
    """What every declared registry's entries have besides their key and columns."""

    name: str | None = None  # IANA's name of a code; a token is its own name
    # The constant: as the registry gives it, else made by the declaration's rule
    # from the name (None for a row that registers nothing).
    constant: str | None = None
    aliases: tuple[str, ...] = ()  # other spellings Python's libraries use
    spec: SpecReference | None = None


# What a column cannot be named: the fields every declared registry's entries
# have, and what an entry or an answer has besides (its line, its status, ...).
_TAKEN_BY_ENTRIES = frozenset(
    {"value", "last", "name", "constant", "aliases", "spec", "iana", "iana_deviations"}
    | {"key", "line", "line_of", "field_lines", "status", "reference", "member"}
    | {"reference_url"}
)


def _record_type(table: Table) -> type[Entry]:
    """The record of one entry: the shared fields, the key, and the columns."""
    fields: list[Any] = (
        [("value", int), ("last", int | None, None)] if table.numeric else []
    )
    fields += [
        (column.name, column.python_type | None, None) for column in table.columns
    ]
    record = dataclasses.make_dataclass(
        f"{table.class_name}Entry",
        fields,
        bases=(TableEntry,),
        frozen=True,
        kw_only=True,
        namespace={
            "KEY": table.key,
            "EXPORTED": {
                "reference": "A short citation of the specification, such as RFC 9113, Section 6.5.2; null where there is none.",
                "reference_url": "A link to the specification, or null.",
            },
            "__post_init__": lambda self: object.__setattr__(
                self, "constant", constant_of(table, self)
            ),
            "reference": property(_reference),
            "reference_url": property(_reference_url),
        },
    )
    return record


def _reference(entry: TableEntry) -> str | None:
    return entry.spec.text if entry.spec else None


def _reference_url(entry: TableEntry) -> str | None:
    return entry.spec.url if entry.spec else None


def constant_of(table: Table, entry: Any) -> str | None:
    """The constant an entry makes: its own, or the declaration's rule applied to its
    name; None for a row that registers nothing."""
    if entry.constant:
        return str(entry.constant)
    if table.numeric and entry.iana in REGISTERS_NOTHING:
        return None
    if entry.name is None:
        return None
    made = table.constant(entry.name)
    return made or None


# Names a constant cannot take: Python's keywords, names that begin with an
# underscore (two of them inside a class are renamed), and what the class already
# has (an enum member named value or name would hide the member's own).
_TAKEN = frozenset({*dir(int), "name", "value", "mro"})


def refused_name(name: str) -> str | None:
    """Why `name` cannot be a constant; None when it can."""
    if not (name.isidentifier() and name.isascii()):
        return "is not a Python identifier"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return "is a Python keyword"
    if name.startswith("_"):
        return "begins with an underscore, which Python treats specially in a class"
    if name in _TAKEN:
        return "is a name the class already has"
    return None


def _constants_once(table: Table) -> Any:
    """Every constant and alias names one entry, and is a name Python takes as it
    is."""

    def rule(
        entries: list[dict[str, Any]], line_of: Callable[..., int]
    ) -> Iterator[tuple[int, tuple[str | int, ...], str]]:
        first: dict[str, int] = {}
        for index, entry in enumerate(entries):
            name = entry.get("name")
            own = entry.get("constant")
            names: list[tuple[tuple[str | int, ...], str]] = []
            if isinstance(own, str):
                names = [(("constant",), own)]
            elif isinstance(name, str) and (
                not table.numeric or entry.get("iana") not in REGISTERS_NOTHING
            ):
                names = [(("name",), table.constant(name))]
            aliases = entry.get("aliases")
            for position, alias in enumerate(
                aliases if isinstance(aliases, list) else []
            ):
                if isinstance(alias, str):
                    names.append((("aliases", position), alias))
            for location, constant in names:
                wrong = refused_name(constant)
                if wrong:
                    yield (
                        index,
                        location,
                        f"makes the constant {constant!r}, which {wrong}; expected "
                        "an UPPER_SNAKE name (give one with constant:)",
                    )
                elif constant in first:
                    yield (
                        index,
                        location,
                        f"makes the constant {constant}, as the entry at line "
                        f"{first[constant]} does; expected each constant once, "
                        "aliases included",
                    )
                else:
                    first[constant] = line_of(index, *location)

    return rule


def _schema(table: Table) -> dict[str, Any]:
    """The registry's JSON Schema, from the declaration: what may be written, and
    what each field means."""
    low, high = table.space or (0, 2**62 - 1)
    code = {"type": "integer", "minimum": low, "maximum": high}
    key: dict[str, Any] = (
        {
            "value": {
                "description": "IANA's code, the first of a range.",
                **code,
                "x-expected": "a whole number, such as 0x0a or 1000",
            },
            "last": {
                "description": "The last code of a range IANA writes as one row.",
                **code,
                "x-expected": "a whole number, the last of the range",
            },
            "name": {
                "description": "IANA's name of the code, as IANA writes it.",
                "type": "string",
                "pattern": "^[^\\s].*[^\\s]$|^[^\\s]$",
                "x-expected": "IANA's name, as text",
            },
        }
        if table.numeric
        else {
            "name": {
                "description": "The token, in the spelling IANA registers.",
                "type": "string",
                "pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
                "x-expected": "a token: letters, digits and !#$%&'*+-.^_`|~ (RFC 9110, Section 5.6.2)",
            }
        }
    )
    properties: dict[str, Any] = {
        **key,
        "constant": {
            "description": "The name of the entry's constant; by default made from its name (max-age: MAX_AGE).",
            "$ref": "definitions.schema.json#/$defs/name",
        },
        "aliases": {
            "description": "Other names of the constant, as Python's libraries spell it.",
            "type": "array",
            "items": {"$ref": "definitions.schema.json#/$defs/name"},
            "x-expected": "a list of UPPER_SNAKE names",
        },
        "spec": {"$ref": "definitions.schema.json#/$defs/spec"},
        **{column.name: _column_schema(column) for column in table.columns},
        "iana": {
            "description": "The entry's state in IANA's registry.",
            "enum": list(STATES),
            "x-expected": f"one of {', '.join(STATES)}",
        },
        "iana_deviations": {
            "description": "Differences from IANA's registry kept on purpose, each with its reason.",
            "type": "object",
            "x-expected": "a mapping of what differs (name, state, reference, missing, ...) to the reason",
            "additionalProperties": {
                "type": "string",
                "minLength": 1,
                "x-expected": "the reason, as text",
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{table.module}.schema.json",
        "title": f"{table.title} registry",
        "type": "object",
        "x-expected": "a mapping with an 'entries' list",
        "required": ["entries"],
        "additionalProperties": False,
        "properties": {
            "entries": {
                "description": f"One entry per row of IANA's {table.title} registry, in IANA's order.",
                "type": "array",
                "x-expected": "a list of entries",
                "minItems": 1,
                "maxItems": 5000,
                "items": {"$ref": "#/$defs/entry"},
            }
        },
        "$defs": {
            "entry": {
                "type": "object",
                "x-expected": f"a mapping of {table.key}, iana, spec, ...",
                "required": [table.key, "iana"],
                "additionalProperties": False,
                "properties": properties,
            }
        },
    }


def _column_schema(column: Column) -> dict[str, Any]:
    if column.values:
        values = list(column.values)
        schema: dict[str, Any] = {
            "enum": values,
            "x-expected": f"one of {', '.join(map(str, values))}",
        }
    elif column.type == "bool":
        schema = {"type": "boolean", "x-expected": "true or false"}
    elif column.type == "int":
        schema = {
            "type": ["integer", "null"] if column.null_means else "integer",
            "minimum": 0,
            "x-expected": "a whole number"
            + (f", or null for {column.null_means}" if column.null_means else ""),
        }
    elif column.type == "date":
        schema = {
            "type": "string",
            "format": "date",
            "x-expected": "a date, 2021-02-26",
        }
    else:
        schema = {"type": "string", "minLength": 1, "x-expected": "text"}
    return {"description": column.description, **schema}


@dataclass(frozen=True, kw_only=True)
class TableRow(IanaRow):
    """A row of IANA's file: its key (a code or range, or a token), its name, its
    state, and the declared columns' text."""

    first: int | str
    last: int | None
    name: str | None
    state: str
    texts: dict[str, Any]  # each compared column's value, as IANA's file gives it


def _iana(table: Table) -> IanaRegistry:
    header = list(table.iana_header)

    def parse_row(
        row: list[str], line: int, shown_path: str, problems: list[Problem]
    ) -> TableRow | None:
        fields = dict(zip(header, row))
        written = fields[table.value_column]
        first: int | str
        last = None
        if table.numeric:
            match = _RANGE.fullmatch(written)
            if match is None:
                problems.append(
                    Problem(
                        shown_path,
                        line,
                        table.value_column,
                        f"is {written!r}; expected a code or a range, such as 0x0a or 0x0b-0x0f",
                    )
                )
                return None
            first = int(match[1], 0)
            last = int(match[2], 0) if match[2] else None
        else:
            first = written
        name = fields[table.name_column] if table.name_column else None
        placeholder = _placeholder(
            fields.get(table.placeholder_column or table.name_column or "")
        )
        status = fields.get(table.status_column or "", "").strip().lower()
        state = (placeholder if table.numeric else None) or status or placeholder
        texts: dict[str, Any] = {}
        for column in table.columns:
            if column.iana is None:
                continue
            text = fields[column.iana]
            try:
                texts[column.name] = column.from_iana(text)
            except ValueError:
                problems.append(
                    Problem(
                        shown_path,
                        line,
                        column.iana,
                        f"is {text!r}; expected what the column holds ({column.description})",
                    )
                )
                return None
        return TableRow(
            first=first,
            last=last,
            name=None if placeholder and table.numeric else name,
            state=state or "permanent",
            texts=texts,
            references=references(fields[table.reference_column]),
            line=line,
        )

    def compare_entry(
        entry: Any, row: TableRow | None, differ: Differ, today: datetime.date
    ) -> None:
        if row is None:
            not_listed(entry, differ, "value" if table.numeric else "name")
            return
        if table.numeric and entry.last != row.last:
            differ("range", f"the registry ends at {entry.last}, IANA at {row.last}")
        if table.numeric and (entry.name or None) != (row.name or None):
            differ("name", f"the registry writes {entry.name}, IANA {row.name}")
        if not table.numeric and entry.name != row.first:
            differ("spelling", f"the registry writes {entry.name}, IANA {row.first}")
        if entry.iana != row.state:
            differ("state", f"the registry says {entry.iana}, IANA {row.state}")
        for column, theirs in row.texts.items():
            ours = getattr(entry, column)
            if (
                (ours != theirs)
                if not isinstance(theirs, str)
                else (_as_text(ours) != theirs)
            ):
                differ(column, f"the registry says {ours!r}, IANA {theirs!r}")
        if row.references and not (
            entry.spec is not None
            and any(reference.matches(entry.spec) for reference in row.references)
        ):
            ours = entry.spec.text if entry.spec else "nothing"
            differ(
                "reference", f"the registry cites {ours}, IANA {cited(row.references)}"
            )

    def missing(row: TableRow) -> str:
        return f"IANA lists it ({row.state}, {cited(row.references)}); the registry lacks it"

    return IanaRegistry(
        file=table.iana_file,
        url=table.url,
        header=header,
        key_column=table.value_column,
        parse_row=parse_row,
        key=lambda row: str(row.first),
        compare_entry=compare_entry,
        missing=missing,
        rows_noun="rows",
    )


def _placeholder(name: str | None) -> str | None:
    """The state of a row whose name says it registers nothing: Unassigned,
    Reserved, Reserved for ..."""
    if not name:
        return None
    word = name.split()[0].strip("()").lower()
    return _PLACEHOLDERS.get(word)


def _as_text(value: Any) -> str:
    """A column's value as IANA's file writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
