"""Typed use of the generated modules; type-checks cleanly under mypy --strict and pyright strict."""

from __future__ import annotations

from typing import Literal

from http_registries import lookup_field
from http_registries.http_method import HTTPMethod
from http_registries.http_method_info import (
    IDEMPOTENT_METHODS,
    SAFE_METHODS,
    MethodInfo,
)
from http_registries.http_method_info import lookup as lookup_method
from http_registries.http_status import HTTPStatus
from http_registries.http_status_constants import (
    NOT_FOUND,
    REQUEST_ENTITY_TOO_LARGE,
    responses,
)
from http_registries.http_status_info import (
    HEURISTICALLY_CACHEABLE,
    WITHOUT_CONTENT,
    StatusInfo,
    lookup,
)


def describe(status: HTTPStatus) -> str:
    code: int = status.value
    phrase: str = status.phrase
    description: str = status.description
    return f"{code} {phrase}: {description}"


def category(status: HTTPStatus) -> str:
    flags: list[bool] = [
        status.is_informational,
        status.is_success,
        status.is_redirection,
        status.is_client_error,
        status.is_server_error,
    ]
    return ["informational", "success", "redirection", "client error", "server error"][
        flags.index(True)
    ]


found: HTTPStatus = HTTPStatus(404)
by_name: HTTPStatus = HTTPStatus["NOT_FOUND"]
alias: HTTPStatus = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
constant: HTTPStatus = NOT_FOUND
old_name: HTTPStatus = REQUEST_ENTITY_TOO_LARGE
phrase: str = responses[404]
as_int: int = HTTPStatus.OK + 1
members: list[HTTPStatus] = list(HTTPStatus)
print(
    describe(found),
    category(by_name),
    alias,
    constant,
    old_name,
    phrase,
    as_int,
    members,
)


def method_facts(method: HTTPMethod) -> tuple[str, str, bool, bool, str, str]:
    facts: MethodInfo | None = lookup_method(method)
    assert facts is not None
    return (
        method.value,
        method.description,
        facts.safe,
        method in IDEMPOTENT_METHODS,
        facts.reference,
        facts.reference_url,
    )


get: HTTPMethod = HTTPMethod("GET")
query: HTTPMethod = HTTPMethod.QUERY
as_text: str = HTTPMethod.POST + ""
print(method_facts(get), query, as_text)

info: StatusInfo | None = lookup(520)
if info is not None:
    known: tuple[int, str, str | None, str | None, str, bool, bool, HTTPStatus] = (
        info.code,
        info.kind,
        info.description,
        info.source,
        info.category,
        info.cacheable,
        info.without_content,
        info.treated_as,
    )
cacheable: frozenset[int] = HEURISTICALLY_CACHEABLE | WITHOUT_CONTENT
safe: frozenset[str] = SAFE_METHODS
member: HTTPMethod | None = facts.member if (facts := lookup_method("GET")) else None
reference: str = info.reference if info is not None else ""


def fixed_values(code: int, method: str, field: str) -> list[str]:
    """The fields with a fixed set of values are Literal types: a misspelt value is
    an error (tests/typing/typo_value.py)."""
    found: list[str] = []
    status = lookup(code)
    if status is not None:
        kind: Literal["member", "registered", "unofficial", "unknown"] = status.kind
        category: Literal[
            "informational", "success", "redirection", "client error", "server error"
        ] = status.category
        found += [kind, category]
    answer = lookup_method(method)
    if answer is not None:
        method_kind: Literal["member", "registered", "unknown"] = answer.kind
        found.append(method_kind)
    name = lookup_field(field)
    if name is not None:
        structured: Literal["List", "Dictionary", "Item", "Token"] | None = (
            name.structured
        )
        if structured is not None:
            found.append(structured)
    return found


def missing_values(code: int, method: str, field: str) -> list[str]:
    """What a registry can lack is None, never an empty string: the types make a
    caller check before using it as text (tests/typing/missing_value.py)."""
    said: list[str] = []
    status = lookup(code)
    if status is not None and status.source is not None:
        said.append(status.source.upper())
    answer = lookup_method(method)
    if answer is not None and answer.description is not None:
        said.append(answer.description.lower())
    name = lookup_field(field)
    if name is not None:
        comment: str | None = name.comment
        used_by: str | None = name.source
        said += [text.strip() for text in (comment, used_by) if text is not None]
    return said
