"""The registry as validated records: load, validate (validation.py), convert."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import InputError
from .validation import validate
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
class Status:
    code: int
    name: str | None
    aliases: tuple[str, ...]
    phrase: str | None
    description: str
    spec: SpecReference
    python_added: str | None
    member: bool
    iana: str
    iana_expires: datetime.date | None
    iana_deviations: dict[str, str]
    line: int
    field_lines: dict[str, int]

    def line_of(self, field: str) -> int:
        """The line of one of the entry's fields, or of the entry."""
        return self.field_lines.get(field, self.line)


@dataclass(frozen=True)
class Registry:
    path: str
    statuses: tuple[Status, ...]

    @property
    def members(self) -> tuple[Status, ...]:
        """The entries that become HTTPStatus members, in code order."""
        return tuple(status for status in self.statuses if status.member)


SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "http_status.schema.json"
)


def load_registry(
    path: Path, shown_path: str, schema_path: Path = SCHEMA_PATH
) -> Registry:
    document = read_document(path, shown_path)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    problems = validate(document, schema, shown_path)
    if problems:
        raise InputError(problems)
    statuses = tuple(
        _status(
            entry,
            document.line_of(("statuses", index)),
            {field: document.key_lines[("statuses", index, field)] for field in entry},
        )
        for index, entry in enumerate(document.data["statuses"])
    )
    return Registry(shown_path, statuses)


def _status(entry: dict[str, Any], line: int, field_lines: dict[str, int]) -> Status:
    spec = entry["spec"]
    expires = entry.get("iana_expires")
    return Status(
        code=entry["code"],
        name=entry.get("name"),
        aliases=tuple(entry.get("aliases", ())),
        phrase=entry.get("phrase"),
        description=entry.get("description", ""),
        spec=SpecReference(
            title=spec["title"],
            rfc=spec.get("rfc"),
            draft=spec.get("draft"),
            section=spec.get("section"),
            note=spec.get("note"),
        ),
        python_added=entry.get("python_added"),
        member=entry.get("member", True),
        iana=entry["iana"],
        iana_expires=datetime.date.fromisoformat(expires) if expires else None,
        iana_deviations=dict(entry.get("iana_deviations", {})),
        line=line,
        field_lines=field_lines,
    )
