"""Every registry can be listed from Python: `<registry>_entries()` at the package's
top answers for each entry of the registry, in the registry's order, as lookup()
answers for it; and the field names come in the forms HTTP/2, HTTP/3 and ASGI carry.
The expected values come from each registry, so that an edit passes untouched."""

from __future__ import annotations

import subprocess
import sys

import pytest

import http_registries
from conftest import GENERATED, KINDS, PACKAGE_NAME, REGISTRIES


def _top(kind, attribute):  # type: ignore[no-untyped-def]
    """The package's top-level function that is `attribute` of the kind's module."""
    (name,) = [name for name, _, given in kind.top_level if given == attribute]
    return getattr(http_registries, name)


def _listed(kind) -> list[object]:  # type: ignore[no-untyped-def]
    """The keys entries() answers for: every entry, but a range of codes."""
    return [
        entry.key
        for entry in REGISTRIES[kind.name].entries
        if getattr(entry, "last", None) in (None, entry.key)
    ]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_entries_answer_for_every_entry_in_the_registry_s_order(kind) -> None:  # type: ignore[no-untyped-def]
    entries = _top(kind, "entries")()
    lookup = _top(kind, "lookup")
    assert isinstance(entries, tuple)
    assert entries == tuple(lookup(key) for key in _listed(kind))
    assert all(answer is not None for answer in entries)
    # Listing is no lookup: the answers lookup() keeps are as they were.
    assert _top(kind, "entries")() == entries


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_entries_need_no_lookup_before_them(kind) -> None:  # type: ignore[no-untyped-def]
    """In a fresh process, where nothing was asked yet and no facts are loaded."""
    (module,) = {module for _, module, given in kind.top_level if given == "entries"}
    script = (
        f"import {PACKAGE_NAME}.{module} as module\n"
        "entries = module.entries()\n"
        "print(len(entries), all(type(answer).__name__.endswith('Info') for answer in entries))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=GENERATED,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [str(len(_listed(kind))), "True"]


def test_the_field_names_come_lowercase_as_text_and_as_bytes() -> None:
    from http_registries.http_field import HTTPField, HTTPFieldBytes, HTTPFieldLowercase

    constants = {
        entry.constant: entry.name
        for entry in REGISTRIES["field"].entries
        if entry.constant
    }
    for constant, name in constants.items():
        assert getattr(HTTPField, constant) == name
        assert getattr(HTTPFieldLowercase, constant) == name.lower()
        assert getattr(HTTPFieldBytes, constant) == name.lower().encode("latin-1")
    for form in (HTTPFieldLowercase, HTTPFieldBytes):
        given = {name for name in vars(form) if name == name.upper()}
        assert given == set(constants)
        assert form.__module__ == f"{PACKAGE_NAME}.http_field"
        assert http_registries.__dict__.get(form.__name__, form) is form
        assert getattr(http_registries, form.__name__) is form
