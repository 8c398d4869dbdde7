"""http_method_info: lookup() for any method name, and the sets RFC 9110 defines."""

from __future__ import annotations

import pytest

from conftest import METHODS, PACKAGE, import_generated
from http_registries.http_method import HTTPMethod
from http_registries.http_method_info import (
    IDEMPOTENT_METHODS,
    SAFE_METHODS,
    MethodInfo,
    lookup,
)

KNOWN = {method.method for method in METHODS.entries}


@pytest.mark.parametrize("method", METHODS.entries, ids=lambda m: m.method)
def test_every_registry_method_is_answered_from_the_registry(method) -> None:  # type: ignore[no-untyped-def]
    info = lookup(method.method)
    assert isinstance(info, MethodInfo) and info.method == method.method
    assert (info.safe, info.idempotent) == (method.safe, method.idempotent)
    assert (info.reference, info.reference_url) == (method.spec.text, method.spec.url)
    # None where the registry has no description (a method that is not a member may
    # have none).
    assert info.description == method.description
    if method.member:
        assert info.kind == "member" and info.member is HTTPMethod(method.method)
        assert info.description is not None
        assert lookup(HTTPMethod(method.method)) is info
    else:
        assert info.kind == "registered" and info.member is None


def test_the_sets_hold_the_registry_flags_and_answer_plain_strings() -> None:
    assert {m.method for m in METHODS.entries if m.safe} == SAFE_METHODS
    assert {m.method for m in METHODS.entries if m.idempotent} == IDEMPOTENT_METHODS
    assert isinstance(SAFE_METHODS, frozenset) and SAFE_METHODS <= IDEMPOTENT_METHODS
    for member in HTTPMethod:
        assert (member in SAFE_METHODS) is (member.value in SAFE_METHODS)


def test_a_token_the_registry_lacks_is_unknown_neither_safe_nor_idempotent() -> None:
    """RFC 9110, Section 9.1: method names are case-sensitive, so "get" is not GET;
    Section 9.2: a method is safe or idempotent only by its definition."""
    for token in ("get", "X-CUSTOM", "A|B", "~"):
        assert token not in KNOWN
        info = lookup(token)
        assert info is not None and info.kind == "unknown" and info.method == token
        assert not info.safe and not info.idempotent and info.member is None
        assert info.description is None
        assert token not in SAFE_METHODS


@pytest.mark.parametrize(
    "value", ["", "GET /", "GET\r\n", "GÉT", " GET", b"GET /", None, 1, ["GET"]]
)
def test_anything_that_is_not_a_token_is_not_a_method(value: object) -> None:
    assert lookup(value) is None


class _Hostile(str):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __repr__(self) -> str:
        return "LOUD"


def test_a_str_subclass_is_answered_by_its_plain_value() -> None:
    fresh = import_generated(PACKAGE, "http_method_info").lookup
    for name in ("GET", "X-CUSTOM"):
        info = fresh(_Hostile(name))
        assert info is not None and type(info.method) is str and info.method == name
    assert repr(fresh("X-CUSTOM")) == "<MethodInfo X-CUSTOM (unknown)>"
