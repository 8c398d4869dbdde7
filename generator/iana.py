"""Read IANA's HTTP Status Code Registry (CSV) and compare the registry with it."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .problems import InputError, Problem, one_line
from .registry import Method, Registry, SpecReference, Status
from .sourcefile import read_text

EXPECTED = "IANA's CSV file"
HEADER = ["Value", "Description", "Reference"]
# No field of IANA's has one; inside quotes, CSV would let a line break through.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# RFC 9110, Section 5.6.2: method = token; tchar is any of these.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_CODE = re.compile(r"[1-5][0-9]{2}")
_RANGE = re.compile(r"([1-5][0-9]{2})-([1-5][0-9]{2})")
_REFERENCE = re.compile(r"\[([^\[\]]+)\]")
# One document, perhaps with several sections: [RFC3253, Section 4.4, Section 9.4].
_RFC = re.compile(r"RFC ?([0-9]+)(?:, Section ([0-9A-Z.]+))?(?:, Section [0-9A-Z.]+)*")
_DRAFT = re.compile(r"draft-[a-z0-9-]+")
_TEMPORARY = re.compile(r"(.*) \(TEMPORARY - .*expires ([0-9]{4}-[0-9]{2}-[0-9]{2})\)")


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


@dataclass(frozen=True)
class IanaCode:
    code: int
    phrase: str | None
    state: str
    expires: datetime.date | None
    references: tuple[IanaReference, ...]
    line: int

    @property
    def reference_text(self) -> str:
        return _cited(self.references)


def _cited(references: tuple[IanaReference, ...]) -> str:
    """References as IANA writes them: [RFC9110, Section 15.5.5][RFC8144]."""
    return "".join(f"[{reference.text}]" for reference in references) or "no reference"


def read_iana(path: Path, shown_path: str) -> list[IanaCode]:
    """The codes IANA registers (not the unassigned ranges), from its CSV file."""
    return parse_iana(read_text(path, shown_path, EXPECTED), shown_path)


def parse_iana(text: str, shown_path: str) -> list[IanaCode]:
    """The codes of the text of IANA's status code CSV file, read or downloaded."""
    problems: list[Problem] = []
    codes = [
        parsed
        for line, row in _rows(text, shown_path, HEADER, problems)
        if (parsed := _parse_row(row, line, shown_path, problems)) is not None
    ]
    _once_each(
        [(code.line, str(code.code)) for code in codes], "Value", shown_path, problems
    )
    if problems:
        raise InputError(problems)
    return codes


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


def _parse_row(
    row: list[str], line: int, shown_path: str, problems: list[Problem]
) -> IanaCode | None:
    value, description, references = row
    if _RANGE.fullmatch(value) or description == "Unassigned":
        if not (_RANGE.fullmatch(value) or _CODE.fullmatch(value)):
            problems.append(
                Problem(
                    shown_path,
                    line,
                    "Value",
                    f"{value!r} is not a code or a range; expected 104 or 105-199",
                )
            )
        return None
    if not _CODE.fullmatch(value):
        problems.append(
            Problem(
                shown_path,
                line,
                "Value",
                f"{value!r} is not a code; expected a number from 100 to 599",
            )
        )
        return None
    phrase: str | None = description
    state, expires = "permanent", None
    temporary = _TEMPORARY.fullmatch(description)
    if description == "(Unused)":
        phrase, state = None, "unused"
    elif description.endswith(" (OBSOLETED)"):
        phrase, state = description.removesuffix(" (OBSOLETED)"), "obsoleted"
    elif temporary:
        phrase, state = temporary.group(1), "temporary"
        expires = datetime.date.fromisoformat(temporary.group(2))
    return IanaCode(int(value), phrase, state, expires, _references(references), line)


def _references(field: str) -> tuple[IanaReference, ...]:
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
    """One way the registry differs from IANA; `kept` is the recorded reason, if any."""

    path: str
    line: int
    code: int | str  # the status code, or the method
    kind: str
    message: str
    kept: str | None = None

    @property
    def by_date(self) -> bool:
        """Whether the finding depends on the date it is judged by, not on the files."""
        return self.kind == "expired" or (
            self.kind == "stale" and "iana_deviations.expired " in self.message
        )

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.code} {self.kind}: {self.message}"
        return one_line(
            f"{where}; kept on purpose: {self.kept}" if self.kept else where
        )


def compare(
    registry: Registry, iana: list[IanaCode], iana_path: str, today: datetime.date
) -> list[Difference]:
    """Every difference between the registry and IANA's registry, in file order."""
    by_code = {entry.code: entry for entry in iana}
    differences = []
    for status in _statuses(registry):
        found = _status_differences(
            status, by_code.get(status.code), registry.path, today
        )
        differences += found
        differences += _stale_deviations(
            status, {difference.kind for difference in found}, registry.path
        )
    listed = {status.code for status in _statuses(registry)}
    for entry in iana:
        if entry.code not in listed:
            message = f"IANA registers {entry.phrase or '(Unused)'} ({entry.state}, {entry.reference_text}); the registry lacks it"
            differences.append(
                Difference(iana_path, entry.line, entry.code, "missing", message)
            )
    return differences


def _status_differences(
    status: Status, entry: IanaCode | None, path: str, today: datetime.date
) -> list[Difference]:
    found: list[Difference] = []
    differ = _differ(status, path, found)
    if status.source is not None:
        # An unofficial code is not IANA's to compare, unless IANA registers it.
        if entry is not None:
            differ(
                "collision",
                f"IANA registers {entry.phrase or '(Unused)'} ({entry.reference_text}); "
                f"the registry lists the code as {status.source.name}'s unofficial one",
            )
        return found
    assert status.spec is not None  # the schema requires one where there is no source
    if entry is None:
        _not_listed(status, differ, "code")
        return found
    if status.phrase != entry.phrase:
        differ(
            "phrase",
            f"the registry says {status.phrase!r}, IANA {entry.phrase or '(Unused)'!r}",
        )
    if not any(reference.matches(status.spec) for reference in entry.references):
        differ(
            "reference",
            f"the registry cites {status.spec.text}, IANA {entry.reference_text}",
        )
    if status.iana != entry.state or status.iana_expires != entry.expires:
        registry_state = _state_text(status.iana, status.iana_expires)
        differ(
            "state",
            f"the registry says {registry_state}, IANA {_state_text(entry.state, entry.expires)}",
        )
    if entry.expires is not None and entry.expires < today:
        differ(
            "expired",
            f"the temporary registration expired on {entry.expires.isoformat()}",
        )
    return found


def _differ(
    entry: Status | Method, path: str, found: list[Difference]
) -> Callable[[str, str], None]:
    """A function that records one difference of `entry` in `found`, marked as kept
    when the entry's iana_deviations gives a reason for that kind."""

    def differ(kind: str, message: str) -> None:
        found.append(
            Difference(
                path,
                entry.line,
                entry.key,
                kind,
                message,
                entry.iana_deviations.get(kind),
            )
        )

    return differ


def _not_listed(
    entry: Status | Method, differ: Callable[[str, str], None], what: str
) -> None:
    if entry.iana != "unregistered":
        differ(
            "state", f"the registry says {entry.iana}; IANA does not list the {what}"
        )
    else:
        differ("unregistered", f"IANA does not list the {what}")


def _stale_deviations(
    entry: Status | Method, kinds: set[str], path: str
) -> list[Difference]:
    return [
        Difference(
            path,
            entry.line,
            entry.key,
            "stale",
            f"iana_deviations.{kind} is recorded, but there is no such difference; remove it",
        )
        for kind in entry.iana_deviations
        if kind not in kinds
    ]


def _state_text(state: str, expires: datetime.date | None) -> str:
    return f"{state} until {expires.isoformat()}" if expires else state


def _statuses(registry: Registry) -> list[Status]:
    return [entry for entry in registry.entries if isinstance(entry, Status)]


METHOD_HEADER = ["Method Name", "Safe", "Idempotent", "Reference"]
_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True)
class IanaMethod:
    method: str
    safe: bool
    idempotent: bool
    references: tuple[IanaReference, ...]
    line: int

    @property
    def reference_text(self) -> str:
        return _cited(self.references)


def read_iana_methods(path: Path, shown_path: str) -> list[IanaMethod]:
    """The methods of IANA's HTTP Method Registry, from its CSV file."""
    return parse_iana_methods(read_text(path, shown_path, EXPECTED), shown_path)


def parse_iana_methods(text: str, shown_path: str) -> list[IanaMethod]:
    """The methods of the text of IANA's method CSV file, read or downloaded."""
    problems: list[Problem] = []
    methods = []
    for line, (method, safe, idempotent, references) in _rows(
        text, shown_path, METHOD_HEADER, problems
    ):
        if not _TOKEN.fullmatch(method):
            problems.append(
                Problem(
                    shown_path,
                    line,
                    "Method Name",
                    f"{method!r} is not a token; expected a method name of letters, "
                    "digits and !#$%&'*+-.^_`|~ (RFC 9110, Section 5.6.2)",
                )
            )
            continue
        for field, flag in (("Safe", safe), ("Idempotent", idempotent)):
            if flag not in _FLAGS:
                problems.append(
                    Problem(shown_path, line, field, f"is {flag!r}; expected yes or no")
                )
        if safe in _FLAGS and idempotent in _FLAGS:
            methods.append(
                IanaMethod(
                    method,
                    _FLAGS[safe],
                    _FLAGS[idempotent],
                    _references(references),
                    line,
                )
            )
    _once_each(
        [(method.line, method.method) for method in methods],
        "Method Name",
        shown_path,
        problems,
    )
    if problems:
        raise InputError(problems)
    return methods


def compare_methods(
    registry: Registry, iana: list[IanaMethod], iana_path: str
) -> list[Difference]:
    """Every difference between the method registry and IANA's, in file order."""
    by_method = {entry.method: entry for entry in iana}
    differences = []
    for method in _methods(registry):
        found = _method_differences(method, by_method.get(method.method), registry.path)
        differences += found + _stale_deviations(
            method, {difference.kind for difference in found}, registry.path
        )
    listed = {method.method for method in _methods(registry)}
    for entry in iana:
        if entry.method not in listed:
            differences.append(
                Difference(
                    iana_path,
                    entry.line,
                    entry.method,
                    "missing",
                    f"IANA registers it (safe: {_yes(entry.safe)}, idempotent: "
                    f"{_yes(entry.idempotent)}, {entry.reference_text}); the registry lacks it",
                )
            )
    return differences


def _method_differences(
    method: Method, entry: IanaMethod | None, path: str
) -> list[Difference]:
    found: list[Difference] = []
    differ = _differ(method, path, found)
    if entry is None:
        _not_listed(method, differ, "method")
        return found
    if method.iana != "permanent":
        differ("state", f"the registry says {method.iana}; IANA registers it")
    for flag in ("safe", "idempotent"):
        ours, theirs = getattr(method, flag), getattr(entry, flag)
        if ours != theirs:
            differ(flag, f"the registry says {_yes(ours)}, IANA {_yes(theirs)}")
    if not any(reference.matches(method.spec) for reference in entry.references):
        differ(
            "reference",
            f"the registry cites {method.spec.text}, IANA {entry.reference_text}",
        )
    return found


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _methods(registry: Registry) -> list[Method]:
    return [entry for entry in registry.entries if isinstance(entry, Method)]
