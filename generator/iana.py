"""IANA's registries: the shared reader of their CSV files, and the comparison of a
registry with IANA's, entry by entry. What a row of one registry means, and how an
entry differs from it, is its kind's (generator/kinds/)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from .problems import InputError, Problem, one_line
from .records import Entry, SpecReference
from .sourcefile import read_text

EXPECTED = "IANA's CSV file"
# No field of IANA's has one; inside quotes, CSV would let a line break through.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_REFERENCE = re.compile(r"\[([^\[\]]+)\]")
# One document, perhaps with several sections: [RFC3253, Section 4.4, Section 9.4].
_RFC = re.compile(r"RFC ?([0-9]+)(?:, Section ([0-9A-Z.]+))?(?:, Section [0-9A-Z.]+)*")
_DRAFT = re.compile(r"draft-[a-z0-9-]+")


@dataclass(frozen=True)
class IanaReference:
    rfc: int | None
    section: str | None
    draft: str | None
    text: str

    def matches(self, spec: SpecReference) -> bool:
        """Whether this names the registry's document; IANA often omits the section."""
        if self.draft is not None:
            return self.draft == spec.draft
        return self.rfc == spec.rfc and (
            self.section is None or self.section == spec.section
        )


def cited(references: tuple[IanaReference, ...]) -> str:
    """References as IANA writes them: [RFC9110, Section 15.5.5][RFC8144]."""
    return "".join(f"[{reference.text}]" for reference in references) or "no reference"


class Row(Protocol):
    """A row of one of IANA's files, as its kind reads it."""

    line: int


# Records one difference of the entry being compared: (aspect, message).
Differ = Callable[[str, str], None]


@dataclass(frozen=True)
class IanaRegistry:
    """One of IANA's registries, as a kind reads it and compares its entries with it."""

    file: str  # the vendored copy, in data/iana/
    url: str  # where IANA publishes its current version
    header: list[str]
    key_column: str  # the column that identifies a row: each key once
    # A row's fields, with its line, as the kind's row; None (and a problem) if invalid.
    parse_row: Callable[[list[str], int, str, list[Problem]], Any | None]
    key: Callable[[Any], str]  # what identifies a row: its code, its method
    # Records every difference of an entry from IANA's row for it (None: no row).
    compare_entry: Callable[[Any, Any | None, Differ, datetime.date], None]
    missing: Callable[[Any], str]  # what IANA says of a row the registry lacks
    rows_noun: str  # "registered codes", as the report counts the rows

    def read(self, path: Path, shown_path: str) -> list[Any]:
        """The rows of the vendored file."""
        return self.parse(read_text(path, shown_path, EXPECTED), shown_path)

    def parse(self, text: str, shown_path: str) -> list[Any]:
        """The rows of the text of the file, read or downloaded; InputError with every
        problem of the text."""
        problems: list[Problem] = []
        rows = [
            parsed
            for line, fields in _rows(text, shown_path, self.header, problems)
            if (parsed := self.parse_row(fields, line, shown_path, problems))
            is not None
        ]
        _once_each(
            [(row.line, self.key(row)) for row in rows],
            self.key_column,
            shown_path,
            problems,
        )
        if problems:
            raise InputError(problems)
        return rows


def _once_each(
    keys: list[tuple[int, str]], field: str, shown_path: str, problems: list[Problem]
) -> None:
    """A row whose key an earlier row has is a problem: one of them would silently win."""
    first: dict[str, int] = {}
    for line, key in keys:
        if key in first:
            problems.append(
                Problem(
                    shown_path,
                    line,
                    field,
                    f"{key} is already at line {first[key]}; expected each once",
                )
            )
        first.setdefault(key, line)


def _rows(
    text: str, shown_path: str, header: list[str], problems: list[Problem]
) -> list[tuple[int, list[str]]]:
    """The data rows of one of IANA's CSV files, with their lines; a row of the wrong
    width, or a field with a control character (a line break inside quotes), becomes a
    problem, and a file with another header is refused whole."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for number, row in enumerate(reader):
            line = reader.line_num
            if number == 0:
                if (
                    row != header
                ):  # not IANA's layout at all: the rows would only add noise
                    raise InputError(
                        [
                            Problem(
                                shown_path,
                                line,
                                "header",
                                f"is {','.join(row)!r}; expected {','.join(header)}",
                            )
                        ]
                    )
                continue
            if not row:
                continue
            if len(row) != len(header):
                problems.append(
                    Problem(
                        shown_path,
                        line,
                        "row",
                        f"has {len(row)} field(s); expected {len(header)}: {','.join(header)}",
                    )
                )
                continue
            unprintable = [
                (name, field)
                for name, field in zip(header, row)
                if _CONTROL.search(field)
            ]
            for name, field in unprintable:
                problems.append(
                    Problem(
                        shown_path,
                        line,
                        name,
                        f"{field!r} holds a control character; expected one line of text",
                    )
                )
            if not unprintable:
                rows.append((line, [field.strip() for field in row]))
    except csv.Error as error:
        problems.append(
            Problem(
                shown_path,
                reader.line_num,
                "csv",
                f"{error}; expected IANA's CSV layout",
            )
        )
    return rows


def references(field: str) -> tuple[IanaReference, ...]:
    found = []
    for text in _REFERENCE.findall(field):
        rfc = _RFC.fullmatch(text)
        draft = _DRAFT.fullmatch(text)
        found.append(
            IanaReference(
                rfc=int(rfc.group(1)) if rfc else None,
                section=rfc.group(2) if rfc else None,
                draft=draft.group(0) if draft else None,
                text=text,
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class Difference:
    """One way the registry differs from IANA; `kept` is the recorded reason, if any.
    `aspect` names what differs (phrase, state, missing, ...), as iana_deviations does.
    """

    path: str
    line: int
    key: int | str  # the entry's: its status code, its method
    aspect: str
    message: str
    kept: str | None = None

    @property
    def by_date(self) -> bool:
        """Whether the finding depends on the date it is judged by, not on the files."""
        return self.aspect == "expired" or (
            self.aspect == "stale" and "iana_deviations.expired " in self.message
        )

    @property
    def kept_line(self) -> str:
        """The difference as a decision the registry records: what and why."""
        return one_line(
            f"kept: {self.path}:{self.line}: {self.key} {self.aspect}: {self.kept}"
        )

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.key} {self.aspect}: {self.message}"
        return one_line(
            f"{where}; kept on purpose: {self.kept}" if self.kept else where
        )


def compare(
    iana: IanaRegistry,
    registry_path: str,
    entries: tuple[Entry, ...],
    rows: list[Any],
    iana_path: str,
    today: datetime.date,
) -> list[Difference]:
    """Every difference between a registry's entries and IANA's rows, in file order:
    the entries' own, a recorded deviation with no difference, and each row the
    registry lacks."""
    by_key = {iana.key(row): row for row in rows}
    differences = []
    for entry in entries:
        found: list[Difference] = []
        differ = _differ(entry, registry_path, found)
        iana.compare_entry(entry, by_key.get(str(entry.key)), differ, today)
        differences += found + _stale_deviations(
            entry, {difference.aspect for difference in found}, registry_path
        )
    listed = {str(entry.key) for entry in entries}
    for row in rows:
        if iana.key(row) not in listed:
            differences.append(
                Difference(
                    iana_path, row.line, iana.key(row), "missing", iana.missing(row)
                )
            )
    return differences


def _differ(entry: Entry, path: str, found: list[Difference]) -> Differ:
    """Records one difference of `entry` in `found`, kept on purpose where the entry's
    iana_deviations gives a reason for that aspect."""

    def differ(aspect: str, message: str) -> None:
        found.append(
            Difference(
                path,
                entry.line,
                entry.key,
                aspect,
                message,
                entry.iana_deviations.get(aspect),
            )
        )

    return differ


def not_listed(entry: Entry, differ: Differ, what: str) -> None:
    """The difference of an entry IANA does not list: expected only of an entry the
    registry says is unregistered."""
    if entry.iana != "unregistered":
        differ(
            "state", f"the registry says {entry.iana}; IANA does not list the {what}"
        )
    else:
        differ("unregistered", f"IANA does not list the {what}")


def _stale_deviations(entry: Entry, aspects: set[str], path: str) -> list[Difference]:
    return [
        Difference(
            path,
            entry.line,
            entry.key,
            "stale",
            f"iana_deviations.{aspect} is recorded, but there is no such difference; remove it",
        )
        for aspect in entry.iana_deviations
        if aspect not in aspects
    ]
