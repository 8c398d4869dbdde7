"""The method kind: data/http_method.yaml, compared with IANA's HTTP Method Registry,
makes HTTPMethod, its facts module and tables."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Iterator

from ..iana import Differ, IanaRegistry, IanaRow, comparison, not_a_token, references
from ..kind import PACKAGE, cpython_enum
from ..problems import Problem
from ..records import EnumEntry, SpecReference
from ..rules import enum_rules


@dataclass(frozen=True, kw_only=True)
class Method(EnumEntry):
    KEY = "method"

    method: str
    safe: bool
    idempotent: bool
    spec: SpecReference
    docs_row: int | None = None  # in the table of CPython's documentation

    @property
    def docs_position(self) -> tuple[bool, int]:
        """Where the member sits in the table of CPython's documentation: by docs_row,
        and a member CPython's table lacks after the others."""
        return (self.docs_row is None, self.docs_row or 0)

    @property
    def standing(self) -> str:
        """member (of HTTPMethod) or registered (in IANA's registry, not a member)."""
        return "member" if self.member else "registered"


def _rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from enum_rules(entry)
    if entry.get("safe") is True and entry.get("idempotent") is False:
        yield (
            "idempotent",
            "is false for a safe method; expected true: every safe method is "
            "idempotent (RFC 9110, Section 9.2.2)",
        )
    if "docs_row" in entry and entry.get("member") is False:
        yield (
            "docs_row",
            "is given for an entry that is not a member; expected it only on members, "
            "which CPython's table lists",
        )


_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True, kw_only=True)
class IanaMethod(IanaRow):
    method: str
    safe: bool
    idempotent: bool


def _iana_row(
    row: list[str], line: int, shown_path: str, problems: list[Problem]
) -> IanaMethod | None:
    method, safe, idempotent, cited_references = row
    wrong = not_a_token(method, "method name")
    if wrong:
        problems.append(Problem(shown_path, line, "Method Name", wrong))
        return None
    for field, flag in (("Safe", safe), ("Idempotent", idempotent)):
        if flag not in _FLAGS:
            problems.append(
                Problem(shown_path, line, field, f"is {flag!r}; expected yes or no")
            )
    if safe not in _FLAGS or idempotent not in _FLAGS:
        return None
    return IanaMethod(
        method=method,
        safe=_FLAGS[safe],
        idempotent=_FLAGS[idempotent],
        references=references(cited_references),
        line=line,
    )


def _compare(
    method: Method, entry: IanaMethod, differ: Differ, today: datetime.date
) -> None:
    if method.iana != "permanent":
        differ("state", f"the registry says {method.iana}; IANA registers it")
    for flag in ("safe", "idempotent"):
        ours, theirs = getattr(method, flag), getattr(entry, flag)
        if ours != theirs:
            differ(flag, f"the registry says {_yes(ours)}, IANA {_yes(theirs)}")
    entry.compare_reference(method.spec, differ)


def _missing(entry: IanaMethod) -> str:
    return (
        f"IANA registers it (safe: {_yes(entry.safe)}, idempotent: "
        f"{_yes(entry.idempotent)}, {entry.reference_text}); the registry lacks it"
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


# IANA's HTTP Method Registry.
IANA = IanaRegistry(
    file="http-methods.csv",
    url="https://www.iana.org/assignments/http-methods/methods.csv",
    header=["Method Name", "Safe", "Idempotent", "Reference"],
    parse_row=_iana_row,
    key=lambda row: str(row.method),
    compare_entry=comparison("method", _compare),
    missing=_missing,
    rows_noun="registered methods",
)

# The public module's docstring.
_DOC = f"""HTTP methods: exactly the newest ``http.HTTPMethod``, on Python 3.8 and later.

    >>> from {PACKAGE}.http_method import HTTPMethod
    >>> HTTPMethod("GET") is HTTPMethod.GET, f"{{HTTPMethod.POST}}"
    (True, 'POST')

What the registry knows beyond CPython's API (whether a method is safe and
idempotent, its specification, every method IANA registers) is in
``http_method_info``.
"""

KIND = cpython_enum(
    position=2,
    name="method",
    page="http-methods",
    # The first CPython with an HTTPMethod at all.
    stdlib_api="3.11",
    doc=_DOC,
    info_names=("SAFE_METHODS", "IDEMPOTENT_METHODS"),
    title="Hypertext Transfer Protocol (HTTP) Method Registry",
    entries="methods",
    record=Method,
    rules=_rules,
    iana=IANA,
)
