"""The registry as validated records: load, validate (validation.py), convert."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Union

from .problems import InputError
from .pythons import PYTHON_VERSION, version_tuple
from .validation import EntryRules, validate
from .yamlsource import read_document


@dataclass(frozen=True)
class SpecReference:
    title: str
    rfc: int | None
    draft: str | None
    section: str | None
    note: str | None

    @property
    def document(self) -> str:
        return f"RFC {self.rfc}" if self.rfc is not None else str(self.draft)

    @property
    def text(self) -> str:
        """A short citation: `RFC 9110, Section 15.5.5`."""
        return (
            f"{self.document}, Section {self.section}"
            if self.section
            else self.document
        )

    @property
    def url(self) -> str:
        if self.rfc is None:
            return f"https://datatracker.ietf.org/doc/html/{self.draft}"
        page = f"https://www.rfc-editor.org/rfc/rfc{self.rfc}.html"
        if not self.section:
            return page
        anchor = "appendix" if self.section[0].isalpha() else "section"
        return f"{page}#{anchor}-{self.section}"


@dataclass(frozen=True)
class Citation:
    """Where an unofficial use of a code is documented, and by whom."""

    name: str
    title: str
    url: str


@dataclass(frozen=True)
class Rename:
    """An alias that was the member's name until a CPython version renamed it; no
    version for a rename ahead of CPython (no released CPython has the new name)."""

    name: str
    renamed_in: str | None
    renamed_by: SpecReference


@dataclass(frozen=True)
class Conflict:
    """An unofficial use of a registered code with another meaning."""

    phrase: str
    source: Citation


@dataclass(frozen=True)
class Status:
    code: int
    name: str | None
    aliases: tuple[str, ...]
    phrase: str | None
    description: str
    spec: SpecReference | None  # None for an unofficial code, which has a source
    python_added: str | None
    python_wording: str | None
    member: bool
    iana: str
    iana_expires: datetime.date | None
    iana_deviations: dict[str, str]
    line: int
    field_lines: dict[str, int]
    source: Citation | None = None
    conflicts: tuple[Conflict, ...] = ()
    renames: tuple[Rename, ...] = ()
    cacheable: bool = False
    without_content: bool = False

    @property
    def unofficial(self) -> bool:
        return self.source is not None

    @property
    def category(self) -> str:
        """The class of the code (RFC 9110, Section 15): informational, success, ..."""
        return CATEGORIES[self.code // 100]

    @property
    def standing(self) -> str:
        """member (of HTTPStatus), registered (specified, not a member) or unofficial."""
        if self.member:
            return "member"
        return "unofficial" if self.unofficial else "registered"

    @property
    def reference(self) -> str:
        """The specification, or for an unofficial code the user's documentation."""
        return self.source.title if self.source else self._spec.text

    @property
    def reference_url(self) -> str:
        return self.source.url if self.source else self._spec.url

    @property
    def _spec(self) -> SpecReference:
        assert self.spec is not None  # the schema requires one where there is no source
        return self.spec

    @property
    def key(self) -> int:
        return self.code

    def line_of(self, field: str) -> int:
        """The line of one of the entry's fields, or of the entry."""
        return self.field_lines.get(field, self.line)


@dataclass(frozen=True)
class Method:
    method: str
    name: str | None
    aliases: tuple[str, ...]
    description: str
    safe: bool
    idempotent: bool
    spec: SpecReference
    python_added: str | None
    python_wording: str | None
    member: bool
    iana: str
    iana_deviations: dict[str, str]
    line: int
    field_lines: dict[str, int]
    renames: tuple[Rename, ...] = ()

    @property
    def key(self) -> str:
        return self.method

    def line_of(self, field: str) -> int:
        """The line of one of the entry's fields, or of the entry."""
        return self.field_lines.get(field, self.line)


Entry = Union[Status, Method]


@dataclass(frozen=True)
class Kind:
    """One kind of registry: its schema, its list of entries, and how an entry
    becomes a record. Everything else (reading, validation, messages) is shared."""

    name: str
    entries: str  # the top-level list: "statuses"
    key: str  # the field that identifies an entry, unique and ascending: "code"
    schema: str  # in data/
    record: Callable[[dict[str, Any], int, dict[str, int]], Entry]
    rules: EntryRules  # what the schema cannot say of one entry
    # The first CPython whose own enum has this kind's whole API (for HTTPStatus,
    # the is_* category properties of 3.12).
    stdlib_api: str


@dataclass(frozen=True)
class Registry:
    path: str
    kind: Kind
    entries: tuple[Entry, ...]

    @property
    def members(self) -> tuple[Entry, ...]:
        """The entries that become enum members, in registry order."""
        return tuple(entry for entry in self.entries if entry.member)

    @property
    def stdlib_since(self) -> tuple[int, int] | None:
        """The first CPython whose own enum is exactly this registry's, as the records
        say: every member, name, alias and wording there, and the whole API. None when
        a member or a name no released CPython has rules it out."""
        versions = [self.kind.stdlib_api]
        for member in self.members:
            renamed = {rename.name: rename.renamed_in for rename in member.renames}
            if member.python_added is None or any(
                renamed.get(alias) is None for alias in member.aliases
            ):
                return None
            versions += [member.python_added, member.python_wording or "3.0"]
            versions += [version for version in renamed.values() if version]
        return max(version_tuple(version) for version in versions)


DATA = Path(__file__).resolve().parent.parent / "data"


def load_registry(
    path: Path,
    shown_path: str,
    kind: Kind | None = None,
    schema_path: Path | None = None,
) -> Registry:
    kind = kind or STATUS
    document = read_document(path, shown_path, kind.entries)
    schema = json.loads((schema_path or DATA / kind.schema).read_text(encoding="utf-8"))
    problems = validate(
        document, schema, shown_path, kind.entries, kind.key, kind.rules
    )
    if problems:
        raise InputError(problems)
    entries = tuple(
        kind.record(
            entry,
            document.line_of((kind.entries, index)),
            {
                field: document.key_lines[(kind.entries, index, field)]
                for field in entry
            },
        )
        for index, entry in enumerate(document.data[kind.entries])
    )
    return Registry(shown_path, kind, entries)


def _spec(spec: dict[str, Any]) -> SpecReference:
    return SpecReference(
        title=spec["title"],
        rfc=spec.get("rfc"),
        draft=spec.get("draft"),
        section=spec.get("section"),
        note=spec.get("note"),
    )


CATEGORIES = {
    1: "informational",
    2: "success",
    3: "redirection",
    4: "client error",
    5: "server error",
}


def _citation(citation: dict[str, Any]) -> Citation:
    return Citation(citation["name"], citation["title"], citation["url"])


def _status(entry: dict[str, Any], line: int, field_lines: dict[str, int]) -> Status:
    expires = entry.get("iana_expires")
    aliases = entry.get("aliases", ())
    return Status(
        code=entry["code"],
        name=entry.get("name"),
        aliases=tuple(
            alias["name"] if isinstance(alias, dict) else alias for alias in aliases
        ),
        renames=tuple(
            Rename(alias["name"], alias.get("renamed_in"), _spec(alias["renamed_by"]))
            for alias in aliases
            if isinstance(alias, dict)
        ),
        source=_citation(entry["source"]) if "source" in entry else None,
        conflicts=tuple(
            Conflict(conflict["phrase"], _citation(conflict["source"]))
            for conflict in entry.get("conflicts", ())
        ),
        cacheable=entry.get("cacheable", False),
        without_content=entry.get("without_content", False),
        phrase=entry.get("phrase"),
        description=entry.get("description", ""),
        spec=_spec(entry["spec"]) if "spec" in entry else None,
        python_added=entry.get("python_added"),
        python_wording=entry.get("python_wording"),
        member=entry.get("member", True),
        iana=entry["iana"],
        iana_expires=datetime.date.fromisoformat(expires) if expires else None,
        iana_deviations=dict(entry.get("iana_deviations", {})),
        line=line,
        field_lines=field_lines,
    )


def _method(entry: dict[str, Any], line: int, field_lines: dict[str, int]) -> Method:
    return Method(
        method=entry["method"],
        name=entry.get("name"),
        aliases=tuple(entry.get("aliases", ())),
        description=entry.get("description", ""),
        safe=entry["safe"],
        idempotent=entry["idempotent"],
        spec=_spec(entry["spec"]),
        python_added=entry.get("python_added"),
        python_wording=entry.get("python_wording"),
        member=entry.get("member", True),
        iana=entry["iana"],
        iana_deviations=dict(entry.get("iana_deviations", {})),
        line=line,
        field_lines=field_lines,
    )


def _wording_rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """python_wording says when CPython's wording became the registry's, after the
    member came: it needs python_added, and a later version."""
    wording, added = entry.get("python_wording"), entry.get("python_added")
    if not isinstance(wording, str) or not PYTHON_VERSION.fullmatch(wording):
        return
    if not isinstance(added, str):
        yield (
            "python_wording",
            "is given for a member no CPython has (no python_added); expected it only with python_added",
        )
    elif PYTHON_VERSION.fullmatch(added) and version_tuple(wording) <= version_tuple(
        added
    ):
        yield (
            "python_wording",
            f"{wording} is not later than python_added {added}; expected a later "
            "version, or no python_wording",
        )


def _status_rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _wording_rules(entry)
    expires = entry.get("iana_expires")
    if isinstance(expires, str):
        if entry.get("iana") != "temporary":
            yield (
                "iana_expires",
                "is given for a registration that is not temporary; expected it only with iana: temporary",
            )
        try:
            datetime.date.fromisoformat(expires)
        except ValueError:
            yield (
                "iana_expires",
                f"{expires!r} is not a calendar date; expected a date such as 2026-11-13",
            )
    if "aliases" in entry and entry.get("member") is False:
        yield (
            "aliases",
            "are given for an entry that is not a member; expected aliases only on members",
        )


def _method_rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _wording_rules(entry)
    if entry.get("safe") is True and entry.get("idempotent") is False:
        yield (
            "idempotent",
            "is false for a safe method; expected true: every safe method is "
            "idempotent (RFC 9110, Section 9.2.2)",
        )


STATUS = Kind(
    "status",
    "statuses",
    "code",
    "http_status.schema.json",
    _status,
    _status_rules,
    stdlib_api="3.12",
)
METHOD = Kind(
    "method",
    "methods",
    "method",
    "http_method.schema.json",
    _method,
    _method_rules,
    stdlib_api="3.11",
)
