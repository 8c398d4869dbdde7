"""http_field: a constant for each name of the field registry, lookup() for any
spelling of any token, the sets; expected values from the registry itself."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from conftest import GENERATED, PACKAGE, REGISTRIES
from http_registries import http_field
from http_registries.http_field import (
    CONNECTION_SPECIFIC_FIELDS,
    DEPRECATED_FIELDS,
    HOP_BY_HOP_FIELDS,
    OBSOLETED_FIELDS,
    FieldInfo,
    HTTPField,
    lookup,
)

FIELDS = REGISTRIES["field"]


@pytest.mark.parametrize("field", FIELDS.entries, ids=lambda field: field.name)
def test_every_registry_name_is_answered_in_any_spelling(field) -> None:  # type: ignore[no-untyped-def]
    for spelling in (field.name, field.name.lower(), field.name.upper()):
        info = lookup(spelling)
        assert info is not None, spelling
        assert info.name == field.name
        assert info.kind == field.standing
        assert info.status == field.iana
        # None where the registry leaves the value out.
        assert info.structured == field.structured
        assert (info.reference, info.reference_url) == (
            field.reference,
            field.reference_url,
        )
        assert info.comment == field.comment
        assert info.source == field.used_by
        assert (info.lowercase, info.environ) == (field.lowercase, field.environ)
        assert info.hop_by_hop is field.hop_by_hop
        assert info.connection_specific is field.connection_specific
    if field.constant:
        assert getattr(HTTPField, field.constant) == field.name


def test_the_constants_are_exactly_the_registry_s() -> None:
    constants = {name for name in vars(HTTPField) if name.isupper()}
    assert constants == {field.constant for field in FIELDS.entries if field.constant}
    assert all(type(getattr(HTTPField, name)) is str for name in constants)


def test_the_sets_hold_the_registry_s_names_in_lowercase() -> None:
    def names(condition) -> frozenset[str]:  # type: ignore[no-untyped-def]
        return frozenset(f.lowercase for f in FIELDS.entries if condition(f))

    assert names(lambda f: f.iana == "deprecated") == DEPRECATED_FIELDS
    assert names(lambda f: f.iana == "obsoleted") == OBSOLETED_FIELDS
    assert names(lambda f: f.hop_by_hop) == HOP_BY_HOP_FIELDS
    assert names(lambda f: f.connection_specific) == CONNECTION_SPECIFIC_FIELDS
    assert CONNECTION_SPECIFIC_FIELDS <= HOP_BY_HOP_FIELDS


def test_the_environ_key_follows_pep_3333() -> None:
    """HTTP_ and the name in capitals, - as _; but CONTENT_TYPE and CONTENT_LENGTH,
    which a WSGI environ holds without the prefix."""
    for field in FIELDS.entries:
        key = field.name.upper().replace("-", "_")
        unprefixed = field.lowercase in ("content-type", "content-length")
        assert lookup(field.name).environ == (key if unprefixed else f"HTTP_{key}")  # type: ignore[union-attr]
    assert lookup("X-Custom-Thing").environ == "HTTP_X_CUSTOM_THING"  # type: ignore[union-attr]


def test_a_token_the_registry_lacks_is_unknown() -> None:
    info = lookup("X-Custom-Thing")
    assert info is not None
    assert (info.name, info.kind, info.status) == (
        "X-Custom-Thing",
        "unknown",
        "unregistered",
    )
    assert info.lowercase == "x-custom-thing" and not info.hop_by_hop
    assert (info.structured, info.comment, info.source) == (None, None, None)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Content Type",
        "Content-Type:",
        "Cont\u00e9nt",
        "\u212aeep-Alive",
        None,
        5,
        b"Content Type",
        ["Accept"],
    ],
    ids=repr,
)
def test_anything_that_is_not_a_token_is_not_a_field_name(value: object) -> None:
    """A Kelvin sign lowercases to k: it must not pass for Keep-Alive."""
    assert lookup(value) is None


class _Hostile(str):
    def __hash__(self) -> int:
        raise AssertionError("the caller's __hash__ ran")

    def lower(self) -> str:
        raise AssertionError("the caller's lower ran")


def test_a_str_subclass_is_answered_by_its_plain_value() -> None:
    info = lookup(_Hostile("content-type"))
    assert info is not None and type(info.name) is str and info.name == "Content-Type"


def test_an_answer_pickles_with_every_protocol_and_compares_equal() -> None:
    for name in ("Content-Type", "x-forwarded-for", "X-Custom-Thing"):
        info = lookup(name)
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(info, protocol)) == info
    assert FieldInfo is http_field.FieldInfo
    assert FieldInfo.__module__ == http_field.__name__


def test_importing_loads_the_facts_only_on_the_first_lookup() -> None:
    """The design that keeps the import at the cost of a module of constants; and
    the package's other modules never load the field module."""
    probe = (
        "import sys\n"
        f"import {PACKAGE.name}.http_status, {PACKAGE.name}.http_method\n"
        f"assert '{PACKAGE.name}.http_field' not in sys.modules\n"
        f"from {PACKAGE.name}.http_field import HTTPField, lookup\n"
        f"assert '{PACKAGE.name}._http_field_info' not in sys.modules\n"
        "assert lookup('ACCEPT').name == HTTPField.ACCEPT\n"
        f"assert '{PACKAGE.name}._http_field_info' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_cache_of_spellings_is_bounded() -> None:
    """Every spelling of every name would be without number."""
    for number in range(3 * http_field._MOST_ANSWERS):
        spelling = "".join(
            c.upper() if number >> i & 1 else c
            for i, c in enumerate("content-security-policy")
        )
        assert lookup(spelling).name == "Content-Security-Policy"  # type: ignore[union-attr]
        assert len(http_field._ANSWERS) <= http_field._MOST_ANSWERS
