"""http_status_info: lookup() for any code, the sets the RFCs define, the JSON export."""

from __future__ import annotations

import enum
import http

import jsonschema
import pytest
from test_export import export_of

from conftest import PACKAGE, STATUSES, Project, import_generated
from http_registries import http_status_constants
from http_registries.http_status import HTTPStatus
from http_registries.http_status_info import (
    HEURISTICALLY_CACHEABLE,
    WITHOUT_CONTENT,
    StatusInfo,
    lookup,
)

CODES = {status.code for status in STATUSES.entries}


@pytest.mark.parametrize("status", STATUSES.entries, ids=lambda s: str(s.code))
def test_every_registry_code_is_answered_from_the_registry(status) -> None:  # type: ignore[no-untyped-def]
    info = lookup(status.code)
    assert isinstance(info, StatusInfo) and info.code == status.code
    # None where the registry has no description.
    assert info.description == status.description
    if status.member:
        assert info.kind == "member" and info.treated_as is HTTPStatus(status.code)
        assert info.phrase == status.phrase
    else:
        # A client that does not know it treats it as the x00 code of its class.
        assert info.treated_as is HTTPStatus(status.code // 100 * 100)
    if status.source is not None:
        assert info.kind == "unofficial" and info.source == status.source.name
        assert (info.reference, info.reference_url) == (
            status.source.title,
            status.source.url,
        )
        assert status.code not in HTTPStatus._value2member_map_
        assert status.code not in http_status_constants.responses
    else:
        assert info.source is None and status.spec is not None
        assert (info.reference, info.reference_url) == (
            status.spec.text,
            status.spec.url,
        )
        assert info.kind == ("member" if status.member else "registered")
    assert info.cacheable is status.cacheable
    assert info.without_content is (status.without_content or status.code < 200)
    assert info.category == status.category


def test_an_unknown_code_is_answered_as_rfc_9110_section_15_says() -> None:
    for hundred in range(100, 600, 100):
        code = next(c for c in range(hundred + 99, hundred, -1) if c not in CODES)
        info = lookup(code)
        assert info is not None and info.kind == "unknown"
        assert info.treated_as is HTTPStatus(hundred) and info.source is None
        assert str(hundred) in info.description and "nknown" in info.phrase
        assert lookup(code) is info  # remembered: a dict lookup the next time


@pytest.mark.slow  # a generate, formatting anew
def test_a_code_listed_without_a_description_answers_none(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """A code that is not a member may leave its description out, as it may its
    phrase; its answer says None, where a phrase falls back to its IANA state."""
    status = next(s for s in STATUSES.entries if not s.member and not s.phrase)
    entry = f"  - code: {status.code}\n"
    project.edit_registry(f"{entry}    description: {status.description}\n", entry)
    assert cli("generate", *project.paths()).code == 0
    info = import_generated(project.package, "http_status_info").lookup(status.code)
    assert (info.description, info.phrase) == (None, status.label)


@pytest.mark.parametrize(
    "value", [99, 600, -404, 0, 2**100, 404.0, "404", b"404", True, None, [404]]
)
def test_anything_else_is_not_a_status_code(value: object) -> None:
    assert lookup(value) is None


def test_the_sets_hold_the_registry_flags() -> None:
    assert {s.code for s in STATUSES.entries if s.cacheable} == HEURISTICALLY_CACHEABLE
    assert {s.code for s in STATUSES.entries if s.without_content} == WITHOUT_CONTENT
    assert isinstance(HEURISTICALLY_CACHEABLE, frozenset)
    # Members are ints: a member is in a set exactly when its code is.
    for member in HTTPStatus:
        assert (member in HEURISTICALLY_CACHEABLE) is (
            member.value in HEURISTICALLY_CACHEABLE
        )


def test_http_status_stays_a_drop_in() -> None:
    assert len(HTTPStatus) == len(STATUSES.members)
    assert {member.value for member in http.HTTPStatus} <= set(
        HTTPStatus._value2member_map_
    )


def test_the_export_holds_every_entry_and_matches_its_schema() -> None:
    data, schema = export_of(STATUSES.kind)
    exported = {entry["code"]: entry for entry in data["statuses"]}
    assert list(exported) == [status.code for status in STATUSES.entries]
    for status in STATUSES.entries:
        entry = exported[status.code]
        assert (entry["name"], entry["phrase"], entry["member"]) == (
            status.name,
            status.phrase,
            status.member,
        )
        assert [
            (alias["name"], alias["rename"] and alias["rename"]["renamed_in"])
            for alias in entry["aliases"]
        ] == [
            (alias.name, alias.rename and alias.rename.renamed_in)
            for alias in status.aliases
        ]
        assert entry["standing"] == lookup(status.code).kind  # type: ignore[union-attr]
        if status.spec is not None:
            assert entry["spec"]["url"] == status.spec.url
        else:
            assert entry["source"]["url"] == status.source.url  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: entry.pop("phrase"),
        lambda entry: entry.update(standing="famous"),
        lambda entry: entry.update(iana="pending"),
        lambda entry: entry.update(code=600),
        lambda entry: entry["aliases"].append({"name": 1, "rename": None}),
        lambda entry: entry.update(extra=True),
    ],
    ids=["a field missing", "standing", "iana state", "code", "alias", "extra field"],
)
def test_the_export_schema_refuses_what_the_export_cannot_hold(damage) -> None:  # type: ignore[no-untyped-def]
    """The schema is derived from the record type and the registry's schema; it must
    still say something: each of these breaks it."""
    data, schema = export_of(STATUSES.kind)  # valid, and a valid 2020-12 schema
    damage(data["statuses"][0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


class _Loud(int):
    def __repr__(self) -> str:
        return "LOUD"


class _Foreign(enum.IntEnum):
    UNASSIGNED = 297


class _Hostile(int):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")


class _BadIndex(int):
    def __index__(self) -> int:
        raise RuntimeError("__index__")


class _BadClass(int):
    @property  # type: ignore[misc]
    def __class__(self) -> type:
        raise RuntimeError("__class__")


def _fresh_lookup():  # type: ignore[no-untyped-def]
    """lookup() of a module of its own, so that its cache holds only this test's calls."""
    return import_generated(PACKAGE, "http_status_info").lookup


@pytest.mark.parametrize("caller", [_Loud, _Foreign], ids=["int subclass", "IntEnum"])
def test_no_caller_object_reaches_a_later_answer(caller) -> None:  # type: ignore[no-untyped-def]
    """The cache keeps plain ints: what one caller passed never becomes another's code."""
    fresh = _fresh_lookup()
    code = next(c for c in range(299, 200, -1) if c not in CODES and c != 297)
    value = caller(code) if caller is _Loud else _Foreign.UNASSIGNED
    first = fresh(value)
    later = fresh(int(value))
    assert first is not None and later is first
    assert type(later.code) is int and later.code == int(value)
    assert repr(later) == f"<StatusInfo {int(value)} 'Unknown Status Code' (unknown)>"


def test_an_int_with_hostile_methods_is_answered_by_its_value() -> None:
    fresh = _fresh_lookup()
    for code in (404, 298):  # a known code, and one the cache adds
        info = fresh(_Hostile(code))
        assert info is not None and type(info.code) is int and info.code == code
    assert fresh(_Hostile(700)) is None


@pytest.mark.parametrize("caller", [_BadIndex, _BadClass])
def test_an_int_whose_own_methods_fail_is_not_a_status_code(caller) -> None:  # type: ignore[no-untyped-def]
    assert _fresh_lookup()(caller(404)) is None
