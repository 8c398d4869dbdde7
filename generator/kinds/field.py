"""The field name kind: data/http_field.yaml, compared with IANA's HTTP Field Name
Registry, makes the http_field module, its table and its export. CPython has no
enum of field names, and HTTP compares them case-insensitively (RFC 9110,
Section 5.1): so does this kind, for order, duplicates, lookups and IANA."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Literal

from ..iana import (
    Differ,
    IanaRegistry,
    IanaRow,
    comparison,
    not_a_token,
    references,
)
from ..kind import Kind, Output
from ..problems import Problem
from ..records import Cited, Entry

_STATES = ("permanent", "provisional", "deprecated", "obsoleted")
_STRUCTURED = ("", "List", "Dictionary", "Item", "Token")
# PEP 3333 (after CGI, RFC 3875, Section 4.1): the two request fields a WSGI
# environ holds without the HTTP_ prefix.
_ENVIRON_UNPREFIXED = ("CONTENT_TYPE", "CONTENT_LENGTH")


def fold(name: Any) -> Any:
    """Field names compare case-insensitively (RFC 9110, Section 5.1)."""
    return name.lower() if isinstance(name, str) else name


def constant_name(name: str) -> str | None:
    """The Python constant of a field name (Content-Type: CONTENT_TYPE); None for a
    name that makes no identifier (*), and for one that Python would rename inside
    the class HTTPField (__Probe: __PROBE is _HTTPField__PROBE there, Python
    Reference Manual, 6.2.1), so that every constant a stub or the export names
    is there at run time."""
    constant = name.upper().replace("-", "_")
    if not (constant.isidentifier() and constant.isascii()):
        return None
    mangled = constant.startswith("__") and not constant.endswith("__")
    return None if mangled else constant


@dataclass(frozen=True, kw_only=True)
class Field(Entry, Cited):
    KEY = "name"
    EXPORTED = {
        "standing": "registered (in IANA's registry) or unofficial.",
        "constant": "The name of the field's constant in the http_field module, or null for a name that makes no Python identifier or one that Python renames inside a class (two leading underscores).",
        "lowercase": "The name as HTTP/2, HTTP/3 and ASGI carry it.",
        "environ": "The key of the field in a WSGI or CGI environ (PEP 3333).",
    }

    name: str
    structured: str | None = None
    comment: str | None = None
    hop_by_hop: bool = False
    connection_specific: bool = False

    @property
    def standing(self) -> Literal["registered", "unofficial"]:
        return "unofficial" if self.unofficial else "registered"

    @property
    def constant(self) -> str | None:
        return constant_name(self.name)

    @property
    def lowercase(self) -> str:
        return self.name.lower()

    @property
    def environ(self) -> str:
        key = self.name.upper().replace("-", "_")
        return key if key in _ENVIRON_UNPREFIXED else f"HTTP_{key}"


def _rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if entry.get("connection_specific") is True and entry.get("hop_by_hop") is not True:
        yield (
            "connection_specific",
            "is true for a field that is not hop_by_hop; expected hop_by_hop: true as "
            "well: every connection-specific field is one a proxy removes (RFC 9110, "
            "Section 7.6.1)",
        )


def _constants_once(
    entries: list[dict[str, Any]], line_of: Callable[..., int]
) -> Iterator[tuple[int, tuple[str | int, ...], str]]:
    """Two names that make the same constant (X-Foo and X_Foo) would make one of
    them unreachable."""
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        name = entry.get("name")
        constant = constant_name(name) if isinstance(name, str) else None
        if constant is None:
            continue
        if constant in first:
            yield (
                index,
                ("name",),
                f"{name} makes the constant {constant}, as the name at line "
                f"{first[constant]} does; expected names whose constants differ",
            )
        else:
            first[constant] = line_of(index, "name")


@dataclass(frozen=True, kw_only=True)
class IanaField(IanaRow):
    name: str
    status: str
    structured: str
    comment: str


def _iana_row(
    row: list[str], line: int, shown_path: str, problems: list[Problem]
) -> IanaField | None:
    name, status, structured, cited_references, comment = row
    found = []
    wrong = not_a_token(name, "field name")
    if wrong:
        found.append(("Field Name", wrong))
    # IANA writes a few statuses capitalised (Permanent): compared case-insensitively.
    if status.lower() not in _STATES:
        found.append(("Status", f"is {status!r}; expected one of {', '.join(_STATES)}"))
    if structured not in _STRUCTURED:
        found.append(
            (
                "Structured Type",
                f"is {structured!r}; expected List, Dictionary, Item, Token or nothing",
            )
        )
    problems += [Problem(shown_path, line, field, text) for field, text in found]
    if found:
        return None
    return IanaField(
        name=name,
        status=status.lower(),
        structured=structured,
        references=references(cited_references),
        comment=comment,
        line=line,
    )


def _compare(
    field: Field, entry: IanaField, differ: Differ, today: datetime.date
) -> None:
    if field.name != entry.name:
        differ("spelling", f"the registry writes {field.name}, IANA {entry.name}")
    if field.iana != entry.status:
        differ("state", f"the registry says {field.iana}, IANA {entry.status}")
    if (field.structured or "") != entry.structured:
        differ(
            "structured",
            f"the registry says {field.structured or 'none'}, IANA {entry.structured or 'none'}",
        )
    entry.compare_reference(field.cited_spec, differ)
    if (field.comment or "") != entry.comment:
        differ(
            "comment",
            f"the registry says {field.comment or 'nothing'!r}, IANA {entry.comment or 'nothing'!r}",
        )


def _registered(entry: IanaField) -> str:
    return f"{entry.name} ({entry.status}, {entry.reference_text})"


def _missing(entry: IanaField) -> str:
    return (
        f"IANA registers it ({entry.status}, {entry.reference_text}); the registry "
        "lacks it"
    )


# IANA's HTTP Field Name Registry.
IANA = IanaRegistry(
    file="field-names.csv",
    url="https://www.iana.org/assignments/http-fields/field-names.csv",
    header=["Field Name", "Status", "Structured Type", "Reference", "Comments"],
    parse_row=_iana_row,
    key=lambda row: str(row.name),
    compare_entry=comparison("name", _compare, _registered),
    missing=_missing,
    rows_noun="registered field names",
    multiline=("Comments",),
)

KIND = Kind(
    position=3,
    name="field",
    title="Hypertext Transfer Protocol (HTTP) Field Name Registry",
    registry="http_field.yaml",
    entries="fields",
    record=Field,
    rules=_rules,
    registry_rules=(_constants_once,),
    fold=fold,
    iana=IANA,
    outputs=(
        Output("http_field.py"),
        Output("_http_field_info.py"),
        Output("http_field.pyi"),
        Output("http-fields.md"),
        Output("http-fields.json", "export.json.j2"),
        Output("http-fields.schema.json", "export.schema.json.j2"),
    ),
    template_context={"environ_unprefixed": _ENVIRON_UNPREFIXED},
    constants=("http_field", "HTTPField"),
    top_level=(
        ("HTTPField", "http_field", "HTTPField"),
        ("lookup_field", "http_field", "lookup"),
        ("field_entries", "http_field", "entries"),
        ("FieldInfo", "http_field", "FieldInfo"),
        ("HTTPFieldLowercase", "http_field", "HTTPFieldLowercase"),
        ("HTTPFieldBytes", "http_field", "HTTPFieldBytes"),
        ("DEPRECATED_FIELDS", "http_field", "DEPRECATED_FIELDS"),
        ("OBSOLETED_FIELDS", "http_field", "OBSOLETED_FIELDS"),
        ("HOP_BY_HOP_FIELDS", "http_field", "HOP_BY_HOP_FIELDS"),
        ("CONNECTION_SPECIFIC_FIELDS", "http_field", "CONNECTION_SPECIFIC_FIELDS"),
    ),
)
