"""The status code kind: data/http_status.yaml, compared with IANA's HTTP Status Code
Registry, makes HTTPStatus, its constants and facts modules, tables and the export."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Iterator, Literal

from ..iana import Differ, IanaRegistry, IanaRow, comparison, references
from ..kind import PACKAGE, Output, cpython_enum
from ..problems import Problem
from ..records import Citation, Cited, EnumEntry, SpecReference
from ..rules import enum_rules

# RFC 9110, Section 15: the class of a code is its first digit.
CATEGORIES = {
    1: "informational",
    2: "success",
    3: "redirection",
    4: "client error",
    5: "server error",
}


@dataclass(frozen=True)
class Conflict:
    """An unofficial use of a registered code with another meaning."""

    phrase: str
    source: Citation


@dataclass(frozen=True, kw_only=True)
class Status(EnumEntry, Cited):
    KEY = "code"
    EXPORTED = {
        "standing": "member (of HTTPStatus), registered (specified, not a member) or unofficial."
    }

    code: int
    phrase: str | None = None
    iana_expires: datetime.date | None = None
    conflicts: tuple[Conflict, ...] = ()
    cacheable: bool = False
    without_content: bool = False

    @property
    def category(self) -> str:
        """The class of the code (RFC 9110, Section 15): informational, success, ..."""
        return CATEGORIES[self.code // 100]

    @property
    def standing(self) -> Literal["member", "registered", "unofficial"]:
        """member (of HTTPStatus), registered (specified, not a member) or unofficial."""
        if self.member:
            return "member"
        return "unofficial" if self.unofficial else "registered"

    @property
    def label(self) -> str:
        """The reason phrase, or for a code that has none its IANA state: Unused."""
        return self.phrase or self.iana.capitalize()


def _rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from enum_rules(entry)
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
    code = entry.get("code")
    if type(code) is int:
        yield from _content_rules(code, entry.get("without_content", False))
    if entry.get("cacheable") is True and "source" in entry:
        yield (
            "cacheable",
            "is true for an unofficial code; expected it only on a code a "
            "specification makes heuristically cacheable (RFC 9110, Section 15.1)",
        )


# RFC 9110, Section 6.4.1: the codes whose responses never carry content.
_WITHOUT_CONTENT = "1xx, 204 and 304"


def _content_rules(code: int, without_content: object) -> Iterator[tuple[str, str]]:
    never = code < 200 or code in (204, 304)
    if never and without_content is not True:
        yield (
            "without_content",
            f"is not true for {code}; expected true: {_WITHOUT_CONTENT} never carry "
            "content (RFC 9110, Section 6.4.1)",
        )
    elif not never and without_content is True:
        yield (
            "without_content",
            f"is true for {code}; expected it only on {_WITHOUT_CONTENT} "
            "(RFC 9110, Section 6.4.1)",
        )


# IANA's HTTP Status Code Registry, one row per code or unassigned range.
_CODE = re.compile(r"[1-5][0-9]{2}")
_RANGE = re.compile(r"([1-5][0-9]{2})-([1-5][0-9]{2})")
_TEMPORARY = re.compile(r"(.*) \(TEMPORARY - .*expires ([0-9]{4}-[0-9]{2}-[0-9]{2})\)")


@dataclass(frozen=True, kw_only=True)
class IanaCode(IanaRow):
    code: int
    phrase: str | None
    state: str
    expires: datetime.date | None


def _iana_row(
    row: list[str], line: int, shown_path: str, problems: list[Problem]
) -> IanaCode | None:
    """A registered code; None for an unassigned range, and for an invalid row (with
    its problem)."""
    value, description, cited_references = row
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
    return IanaCode(
        code=int(value),
        phrase=phrase,
        state=state,
        expires=expires,
        references=references(cited_references),
        line=line,
    )


def _compare(
    status: Status, entry: IanaCode, differ: Differ, today: datetime.date
) -> None:
    if status.phrase != entry.phrase:
        differ(
            "phrase",
            f"the registry says {status.phrase!r}, IANA {entry.phrase or '(Unused)'!r}",
        )
    entry.compare_reference(status.cited_spec, differ)
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


def _registered(entry: IanaCode) -> str:
    return f"{entry.phrase or '(Unused)'} ({entry.reference_text})"


def _state_text(state: str, expires: datetime.date | None) -> str:
    return f"{state} until {expires.isoformat()}" if expires else state


def _missing(entry: IanaCode) -> str:
    return (
        f"IANA registers {entry.phrase or '(Unused)'} ({entry.state}, "
        f"{entry.reference_text}); the registry lacks it"
    )


# IANA's HTTP Status Code Registry.
IANA = IanaRegistry(
    file="http-status-codes.csv",
    url="https://www.iana.org/assignments/http-status-codes/http-status-codes-1.csv",
    header=["Value", "Description", "Reference"],
    parse_row=_iana_row,
    key=lambda row: str(row.code),
    compare_entry=comparison("code", _compare, _registered),
    missing=_missing,
    rows_noun="registered codes",
)

# The public module's docstring.
_DOC = f"""HTTP status codes: exactly the newest ``http.HTTPStatus``, on Python 3.8 and later.

    >>> from {PACKAGE}.http_status import HTTPStatus
    >>> HTTPStatus(404).phrase
    'Not Found'

What the registry knows beyond CPython's API (the specification of each code,
unofficial codes, the sets RFC 9110 defines) is in ``http_status_info``.
"""

KIND = cpython_enum(
    position=1,
    name="status",
    page="status-codes",
    more_outputs=(Output("http_status_constants.py"),),
    # The first CPython whose HTTPStatus has the whole API: the is_* properties.
    stdlib_api="3.12",
    doc=_DOC,
    info_names=("HEURISTICALLY_CACHEABLE", "WITHOUT_CONTENT"),
    template_context={
        "categories": CATEGORIES,
        "categories_spec": SpecReference("HTTP Semantics", rfc=9110, section="15"),
    },
    title="Hypertext Transfer Protocol (HTTP) Status Code Registry",
    entries="statuses",
    record=Status,
    rules=_rules,
    iana=IANA,
)
