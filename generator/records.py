"""What every kind's records share: the entry's common fields, the citation of a
specification, what only the enum kinds carry, and how a validated entry becomes a
record.

An entry's shape is declared once, in the kind's record type: its fields, their
types and defaults. The registry's JSON Schema says what may be written and what
each field means; `mismatch` checks the two against each other, so that a field one
has and the other lacks is one line, never a traceback."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, ClassVar

_RFC_EDITOR = "https://www.rfc-editor.org/rfc/rfc{}.html"
_DATATRACKER = "https://datatracker.ietf.org/doc/html/{}"


@dataclass(frozen=True)
class SpecReference:
    """A specification, and the section of it that defines an entry: an RFC, an
    Internet-Draft, or another document (W3C's, WHATWG's, ...) by its link and the
    name IANA cites it by."""

    # The properties the JSON export adds, with what its schema says of each: data,
    # not docstrings, which python -OO strips.
    EXPORTED: ClassVar[dict[str, str]] = {
        "text": "A short citation, such as RFC 9110, Section 15.5.5.",
        "url": "A link to the document, at the section where there is one.",
    }

    title: str
    rfc: int | None = None
    draft: str | None = None
    document: str | None = None  # how IANA cites a document that is neither
    link: str | None = None  # the link of such a document
    section: str | None = None
    note: str | None = None

    @property
    def name(self) -> str:
        """RFC 9110, draft-ietf-..., or the document's title."""
        if self.rfc is not None:
            return f"RFC {self.rfc}"
        return self.draft or self.title

    @property
    def part(self) -> str:
        """Section 15.5.5, or Appendix B.1."""
        return f"{self._division.title()} {self.section}" if self.section else ""

    @property
    def _division(self) -> str:
        """What the section is: an appendix is named by its letter."""
        return "appendix" if self.section and self.section[0].isalpha() else "section"

    @property
    def text(self) -> str:
        """A short citation, such as RFC 9110, Section 15.5.5."""
        return f"{self.name}, {self.part}" if self.part else self.name

    @property
    def url(self) -> str:
        """A link to the document, at the section where there is one."""
        if self.link is not None:
            return self.link
        if self.rfc is None:
            return _DATATRACKER.format(self.draft)
        page = _RFC_EDITOR.format(self.rfc)
        return f"{page}#{self._division}-{self.section}" if self.section else page


@dataclass(frozen=True)
class Citation:
    """Where an unofficial use is documented, and by whom."""

    name: str
    title: str
    url: str


@dataclass(frozen=True)
class Rename:
    """When and by which specification an alias stopped being the member's name; no
    version for a rename ahead of CPython (no released CPython has the new name)."""

    renamed_in: str | None
    renamed_by: SpecReference


@dataclass(frozen=True)
class Alias:
    """An older name that resolves to the member: a rename, or a plain alias."""

    name: str
    rename: Rename | None

    @classmethod
    def from_value(cls, value: str | dict[str, Any]) -> Alias:
        """A plain alias is written as its name; a rename as a mapping of name,
        renamed_in and renamed_by; and the export writes either as name and rename."""
        if isinstance(value, str):
            return cls(value, None)
        if "rename" in value:
            rename = value["rename"]
            return cls(value["name"], None if rename is None else build(Rename, rename))
        return cls(
            value["name"],
            Rename(value.get("renamed_in"), build(SpecReference, value["renamed_by"])),
        )


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every registry's entries have: their IANA state, the differences from
    IANA's registry kept on purpose, and where they were written. A kind's record
    adds its own fields, and names in KEY the one that identifies an entry."""

    KEY: ClassVar[str]
    # The properties the JSON export adds, with their descriptions.
    EXPORTED: ClassVar[dict[str, str]] = {}

    iana: str
    iana_deviations: dict[str, str] = dataclasses.field(default_factory=dict)
    line: int = 0
    field_lines: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def key(self) -> int | str:
        value: int | str = getattr(self, self.KEY)
        return value

    def line_of(self, field: str) -> int:
        """The line of one of the entry's fields, or of the entry."""
        return self.field_lines.get(field, self.line)


@dataclass(frozen=True, kw_only=True)
class EnumEntry(Entry):
    """What an entry of a kind CPython has an enum of carries besides: its member
    name and aliases, CPython's description, its CPython history, and the
    differences from the tables of CPython's documentation kept on purpose."""

    name: str | None = None
    aliases: tuple[Alias, ...] = ()
    # None where the registry gives none, as an entry that is not a member may.
    description: str | None = None
    python_added: str | None = None
    python_wording: str | None = None
    member: bool = True
    docs_deviations: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Cited:
    """What the kinds with unofficial entries share: an entry a specification defines
    (spec), or one that somebody uses without one (source), never both."""

    # None for an unofficial entry, which has a source.
    spec: SpecReference | None = None
    source: Citation | None = None

    @property
    def unofficial(self) -> bool:
        return self.source is not None

    @property
    def used_by(self) -> str | None:
        """Who uses an unofficial entry; None for any other."""
        return self.source.name if self.source else None

    @property
    def reference(self) -> str:
        """The specification, or for an unofficial entry the document of its use."""
        return self.source.title if self.source else self.cited_spec.text

    @property
    def reference_url(self) -> str:
        return self.source.url if self.source else self.cited_spec.url

    @property
    def cited_spec(self) -> SpecReference:
        """The specification of an entry that is not unofficial."""
        assert self.spec is not None  # the schema requires one where there is no source
        return self.spec


# What locates an entry, not what it says: never in the registry's schema.
WHERE = ("line", "field_lines")


def build(record_type: type[Any], value: dict[str, Any], **where: Any) -> Any:
    """The record of a validated mapping: each field converted to its declared type
    (a nested record, a tuple of them, a date), an absent one given its default."""
    fields = {}
    for name, convert in _fields(record_type):  # type: ignore[arg-type]
        if name in value:
            fields[name] = convert(value[name])
    return record_type(**fields, **where)


@functools.lru_cache(maxsize=None)
def type_hints(record_type: Any) -> dict[str, Any]:
    """The record type's annotations, resolved: once per type, not once per entry."""
    return typing.get_type_hints(record_type)


@functools.lru_cache(maxsize=None)
def _fields(record_type: Any) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field a registry gives the record type, with how its value is converted:
    worked out once per type, not once per value."""
    hints = type_hints(record_type)
    return tuple(
        (field.name, _converter(hints[field.name]))
        for field in dataclasses.fields(record_type)
        if field.name not in WHERE
    )


def _converter(annotation: Any) -> Callable[[Any], Any]:
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        (option,) = [option for option in arguments if option is not type(None)]
        convert = _converter(option)
        return lambda value: None if value is None else convert(value)
    if origin is tuple:
        convert_item = _converter(arguments[0])
        return lambda value: tuple(convert_item(item) for item in value)
    if origin is dict:
        return dict
    if annotation is datetime.date:
        return datetime.date.fromisoformat
    if hasattr(annotation, "from_value"):
        return annotation.from_value  # type: ignore[no-any-return]
    if dataclasses.is_dataclass(annotation):
        return functools.partial(build, annotation)  # type: ignore[arg-type]
    return _as_it_is


def _as_it_is(value: Any) -> Any:
    return value


def mismatch(record_type: type[Any], properties: dict[str, Any]) -> str | None:
    """What differs between a record type's fields and the properties its schema
    lets an entry have, as one sentence; None when they agree."""
    fields = {field.name for field in dataclasses.fields(record_type)} - set(WHERE)
    declared = set(properties)
    if fields == declared:
        return None
    parts = []
    if declared - fields:
        parts.append(f"the schema's {', '.join(sorted(declared - fields))}")
    if fields - declared:
        parts.append(f"the record's {', '.join(sorted(fields - declared))}")
    return (
        f"{' and '.join(parts)} {'is' if len(parts) == 1 else 'are'} not in the other; "
        f"expected the record type {record_type.__name__} and the schema to declare the same fields"
    )
