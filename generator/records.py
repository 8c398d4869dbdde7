"""What every kind's records share: the entry's common fields, citations of a
specification, aliases and renames, and the rules every kind applies to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterator

from .pythons import PYTHON_VERSION, version_tuple


@dataclass(frozen=True)
class SpecReference:
    """A specification and the section of it that defines an entry."""

    # The properties the JSON export adds, with what its schema says of each: data,
    # not docstrings, which python -OO strips.
    EXPORTED: ClassVar[dict[str, str]] = {
        "text": "A short citation, such as RFC 9110, Section 15.5.5.",
        "url": "A link to the document, at the section where there is one.",
    }

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
        """A short citation, such as RFC 9110, Section 15.5.5."""
        return (
            f"{self.document}, Section {self.section}"
            if self.section
            else self.document
        )

    @property
    def url(self) -> str:
        """A link to the document, at the section where there is one."""
        if self.rfc is None:
            return f"https://datatracker.ietf.org/doc/html/{self.draft}"
        page = f"https://www.rfc-editor.org/rfc/rfc{self.rfc}.html"
        if not self.section:
            return page
        anchor = "appendix" if self.section[0].isalpha() else "section"
        return f"{page}#{anchor}-{self.section}"


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


@dataclass(frozen=True, kw_only=True)
class Entry:
    """The fields every kind's entries have. A kind's record adds its own, and names
    in KEY the one that identifies an entry (unique, in ascending order)."""

    KEY: ClassVar[str]
    # The properties the JSON export adds, with their descriptions.
    EXPORTED: ClassVar[dict[str, str]] = {}

    name: str | None
    aliases: tuple[Alias, ...]
    description: str
    python_added: str | None
    python_wording: str | None
    member: bool
    iana: str
    iana_deviations: dict[str, str]
    docs_deviations: dict[str, str]  # from CPython's documentation tables
    line: int
    field_lines: dict[str, int]

    @property
    def key(self) -> int | str:
        value: int | str = getattr(self, self.KEY)
        return value

    @classmethod
    def from_document(
        cls, entry: dict[str, Any], line: int, field_lines: dict[str, int]
    ) -> Entry:
        """The record of a validated entry, found at `line`, its fields at theirs."""
        raise NotImplementedError

    def line_of(self, field: str) -> int:
        """The line of one of the entry's fields, or of the entry."""
        return self.field_lines.get(field, self.line)


def common_fields(
    entry: dict[str, Any], line: int, field_lines: dict[str, int]
) -> dict[str, Any]:
    """The Entry fields of a validated registry entry, defaults filled in."""
    return {
        "name": entry.get("name"),
        "aliases": tuple(_alias(alias) for alias in entry.get("aliases", ())),
        "description": entry.get("description", ""),
        "python_added": entry.get("python_added"),
        "python_wording": entry.get("python_wording"),
        "member": entry.get("member", True),
        "iana": entry["iana"],
        "iana_deviations": dict(entry.get("iana_deviations", {})),
        "docs_deviations": dict(entry.get("docs_deviations", {})),
        "line": line,
        "field_lines": field_lines,
    }


def _alias(alias: str | dict[str, Any]) -> Alias:
    if isinstance(alias, str):
        return Alias(alias, None)
    return Alias(
        alias["name"],
        Rename(alias.get("renamed_in"), spec_reference(alias["renamed_by"])),
    )


def spec_reference(spec: dict[str, Any]) -> SpecReference:
    return SpecReference(
        title=spec["title"],
        rfc=spec.get("rfc"),
        draft=spec.get("draft"),
        section=spec.get("section"),
        note=spec.get("note"),
    )


def citation(data: dict[str, Any]) -> Citation:
    return Citation(data["name"], data["title"], data["url"])


def common_rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every kind's rules for one entry: python_wording says when CPython's wording
    became the registry's, after the member came; so it needs python_added, and a
    later version."""
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
