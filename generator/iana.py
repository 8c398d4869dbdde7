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
from typing import Any, Callable, TypeVar

from .problems import InputError, Problem, one_line, one_problem
from .records import Entry, SpecReference
from .sourcefile import read_text, shown

EXPECTED = "IANA's CSV file"
_Row = TypeVar("_Row")
# No field of IANA's has one; inside quotes, CSV would let a line break through.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_REFERENCE = re.compile(r"\[([^\[\]]+)\]")
# One reference as IANA writes it in any of its registries: an RFC (RFC9110 or
# RFC 9110), an RFC to be (RFC-ietf-httpbis-...-22, cited by the draft it comes
# from) or a draft, perhaps with sections or an appendix and, after a colon, the
# title; a link; or another document, by its name. A second section may follow
# without the word (RFC9111, Section 5.2.1.1, 5.2.2.1).
_IETF = re.compile(
    r"(?:RFC ?(?P<rfc>[0-9]+)|RFC-(?P<queued>[a-z0-9-]+)|(?P<draft>draft-[a-z0-9-]+))"
    r"(?P<parts>(?:, (?:(?:Section|Appendix) )?[0-9A-Z.]+)*)(?:: (?P<title>.+))?"
)
_PART = re.compile(r"(?:Section|Appendix) ([0-9A-Z.]+)")
_LINK = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class IanaReference:
    """One reference of an IANA row, parsed into the terms of the registry's
    citations (records.SpecReference)."""

    text: str  # as IANA wrote it
    rfc: int | None = None
    draft: str | None = None
    section: str | None = None  # the first section, or an appendix's letter
    link: str | None = None
    document: str | None = None  # any other document, by the name IANA gives it

    def matches(self, spec: SpecReference) -> bool:
        """Whether this names the registry's document; IANA often omits the section."""
        if self.rfc is not None or self.draft is not None:
            same = (self.rfc, self.draft) == (spec.rfc, spec.draft)
            return same and self.section in (None, spec.section)
        if self.link is not None:
            return (spec.link or "").rstrip("/") == self.link.rstrip("/")
        return self.document in (spec.document, spec.title)


# RFC 9110, Section 5.6.2: a method or a field name is a token, of these characters.
TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def not_a_token(value: str, what: str) -> str | None:
    """What is wrong with `value` where IANA's column holds a token (a method name,
    a field name); None when it is one."""
    if TOKEN.fullmatch(value):
        return None
    return (
        f"{value!r} is not a token; expected a {what} of letters, digits and "
        "!#$%&'*+-.^_`|~ (RFC 9110, Section 5.6.2)"
    )


@dataclass(frozen=True, kw_only=True)
class IanaRow:
    """What every kind's row of an IANA file has: its references and its line."""

    references: tuple[IanaReference, ...]
    line: int

    @property
    def reference_text(self) -> str:
        return cited(self.references)

    def compare_reference(self, spec: SpecReference, differ: Differ) -> None:
        """Records that the registry cites `spec` where none of the row's references
        names it (IanaReference.matches: IANA often omits the section)."""
        if not any(reference.matches(spec) for reference in self.references):
            differ(
                "reference",
                f"the registry cites {spec.text}, IANA {self.reference_text}",
            )


def cited(references: tuple[IanaReference, ...]) -> str:
    """References as IANA writes them: [RFC9110, Section 15.5.5][RFC8144]."""
    return "".join(f"[{reference.text}]" for reference in references) or "no reference"


def references(field: str) -> tuple[IanaReference, ...]:
    """Every reference of one of IANA's fields, in the order written."""
    found = []
    for written in _REFERENCE.findall(field):
        text = written.strip()
        ietf = _IETF.fullmatch(text)
        if ietf:
            queued = ietf.group("queued")
            parts = _PART.findall(ietf.group("parts"))
            found.append(
                IanaReference(
                    text,
                    rfc=int(ietf.group("rfc")) if ietf.group("rfc") else None,
                    draft=f"draft-{queued}" if queued else ietf.group("draft"),
                    section=parts[0] if parts else None,
                )
            )
        elif _LINK.fullmatch(text):
            found.append(IanaReference(text, link=text))
        else:
            found.append(IanaReference(text, document=text))
    return tuple(found)


# Records one difference of the entry being compared: (aspect, message).
Differ = Callable[[str, str], None]


@dataclass(frozen=True)
class IanaRegistry:
    """One of IANA's registries, as a kind reads it and compares its entries with it."""

    file: str  # the vendored copy, in data/iana/
    url: str  # where IANA publishes its current version
    header: list[str]
    # A row's fields, with its line, as the kind's row; None (and a problem) if invalid.
    parse_row: Callable[[list[str], int, str, list[Problem]], Any | None]
    key: Callable[[Any], str]  # what identifies a row: its code, its method
    # Records every difference of an entry from IANA's row for it (None: no row).
    compare_entry: Callable[[Any, Any | None, Differ, datetime.date], None]
    missing: Callable[[Any], str]  # what IANA says of a row the registry lacks
    rows_noun: str  # "registered codes", as the report counts the rows
    # The columns whose text may run over several lines (a long comment): their
    # line breaks and runs of spaces are read as one space.
    multiline: tuple[str, ...] = ()
    # The column that identifies a row, each key once; IANA's registries have it first.
    key_column: str | None = None

    def read(
        self, path: Path, shown_path: str, fold: Callable[[Any], Any]
    ) -> list[Any]:
        """The rows of the vendored file; `fold`: how the kind compares keys."""
        return self.parse(read_text(path, shown_path, EXPECTED), shown_path, fold)

    def parse(
        self, text: str, shown_path: str, fold: Callable[[Any], Any]
    ) -> list[Any]:
        """The rows of the text of the file, read or downloaded; InputError with every
        problem of the text."""
        problems: list[Problem] = []
        rows = [
            parsed
            for line, fields in _rows(
                text, shown_path, self.header, self.multiline, problems
            )
            if (parsed := self.parse_row(fields, line, shown_path, problems))
            is not None
        ]
        # A row whose key an earlier row has (as the kind compares keys) is a
        # problem: one of them would silently win.
        first: dict[Any, int] = {}
        for row in rows:
            key = fold(self.key(row))
            if key in first:
                problems.append(
                    Problem(
                        shown_path,
                        row.line,
                        self.key_column or self.header[0],
                        f"{self.key(row)} is already at line {first[key]}; expected each once",
                    )
                )
            first.setdefault(key, row.line)
        if problems:
            raise InputError(problems)
        return rows


def _rows(
    text: str,
    shown_path: str,
    header: list[str],
    multiline: tuple[str, ...],
    problems: list[Problem],
) -> list[tuple[int, list[str]]]:
    """The data rows of one of IANA's CSV files, with their lines; a row of the wrong
    width, or a field with a control character (a line break inside quotes), becomes a
    problem, and a file with another header is refused whole."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        first = next(reader, header)
        # Another header is not IANA's layout at all: the rows would only add noise.
        if first != header:
            raise one_problem(
                shown_path,
                reader.line_num,
                "header",
                f"is {','.join(first)!r}; expected {','.join(header)}",
            )
        for row in reader:
            line = reader.line_num
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
            row = [
                " ".join(field.split()) if name in multiline else field
                for name, field in zip(header, row)
            ]
            unprintable = [
                Problem(
                    shown_path,
                    line,
                    name,
                    f"{field!r} holds a control character; expected one line of text",
                )
                for name, field in zip(header, row)
                if _CONTROL.search(field)
            ]
            problems += unprintable
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
        """The difference as a problem: what differs (a kept one is its kept_line)."""
        return one_line(
            f"{self.path}:{self.line}: {self.key} {self.aspect}: {self.message}"
        )


def compare(
    iana: IanaRegistry,
    registry_path: str,
    entries: tuple[Entry, ...],
    rows: list[Any],
    iana_path: str,
    today: datetime.date,
    fold: Callable[[Any], Any],
) -> list[Difference]:
    """Every difference between a registry's entries and IANA's rows, in file order:
    the entries' own, a recorded deviation with no difference, and each row the
    registry lacks; keys compared as the kind compares them (`fold`)."""
    by_key = {fold(iana.key(row)): row for row in rows}
    differences = []
    for entry in entries:
        found: list[Difference] = []
        differ = _differ(entry, registry_path, found)
        iana.compare_entry(entry, by_key.get(fold(str(entry.key))), differ, today)
        differences += found + _stale_deviations(
            entry, {difference.aspect for difference in found}, registry_path
        )
    listed = {fold(str(entry.key)) for entry in entries}
    for row in rows:
        if fold(iana.key(row)) not in listed:
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


def comparison(
    what: str,
    compare: Callable[[Any, _Row, Differ, datetime.date], None],
    registered: Callable[[_Row], str] | None = None,
) -> Callable[[Any, _Row | None, Differ, datetime.date], None]:
    """A kind's comparison with IANA's registry: `compare` records an entry's
    differences from IANA's row field by field, where there is a row to compare
    with. Not for an entry IANA does not list, nor for an unofficial one (its source
    named) of a kind that has them (records.Cited), which gives `registered`: such an
    entry is not IANA's to compare unless IANA registers it (a collision), and
    `registered` says what IANA registers."""

    def compare_entry(
        entry: Any, row: _Row | None, differ: Differ, today: datetime.date
    ) -> None:
        if registered is not None and entry.source is not None:
            if row is not None:
                differ(
                    "collision",
                    f"IANA registers {registered(row)}; the registry lists the {what} "
                    f"as {entry.source.name}'s unofficial one",
                )
        elif row is None:
            not_listed(entry, differ, what)
        else:
            compare(entry, row, differ, today)

    return compare_entry


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


# Where each vendored file of IANA's says where it came from: a section per file,
# headed '## ...: `file`', with its Source, sha256 and As of lines.
PROVENANCE = "README.md"


def provenance_section(text: str, file: str) -> tuple[int, int] | None:
    """Where the section on `file` stands in the provenance text: its start (after
    the heading) and end; None where no heading names it."""
    heading = re.search(rf"^## .*`{re.escape(file)}`$", text, re.MULTILINE)
    if heading is None:
        return None
    following = re.search(r"^## ", text[heading.end() :], re.MULTILINE)
    end = heading.end() + following.start() if following else len(text)
    return heading.end(), end


def as_of(folder: Path, file: str) -> datetime.date | None:
    """The date of IANA's registry as the vendored `file` holds it, from its
    section's '- As of: YYYY-MM-DD' line; None where that says 'unknown: why';
    InputError naming the line where it is missing or neither."""
    path = folder / PROVENANCE
    shown_path = shown(path)
    text = read_text(path, shown_path, "the provenance of IANA's files")
    section = provenance_section(text, file)
    line = section and re.search(
        r"^- As of: (.*)$", text[section[0] : section[1]], re.MULTILINE
    )
    if not section or not line:
        problem = f"no section on `{file}` has an '- As of: YYYY-MM-DD' line; expected the date of IANA's registry as the file holds it"
        raise one_problem(shown_path, 0, "As of", problem)
    if line[1].startswith("unknown: "):
        return None
    try:
        return datetime.date.fromisoformat(line[1].strip())
    except ValueError:
        number = text.count("\n", 0, section[0] + line.start()) + 1
        problem = f"is {line[1]!r}; expected a date such as 2025-09-15, or 'unknown: ' and why"
        raise one_problem(shown_path, number, "As of", problem) from None
