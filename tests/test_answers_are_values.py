"""What a lookup answers is a value, for every kind: shared by every caller, so it
cannot be changed; equal answers are equal and hash equal; a pickle or a copy is the
same answer. Keys from the registries, and one each registry lacks."""

from __future__ import annotations

import copy
import pickle
from typing import Any, Callable

import pytest

import http_registries
from conftest import KINDS, REGISTRIES
from generator.kind import Kind


def _lookup(kind: Kind) -> Callable[[object], Any]:
    """The kind's lookup, as the package gives it at its top."""
    (name,) = [name for name, _, attribute in kind.top_level if attribute == "lookup"]
    return getattr(http_registries, name)  # type: ignore[no-any-return]


def unknown_key(kind: Kind) -> int | str:
    """A key of the registry's type that the registry lacks, and lookup answers."""
    keys = {kind.fold(entry.key) for entry in REGISTRIES[kind.name].entries}
    first = REGISTRIES[kind.name].entries[0].key
    if isinstance(first, int):
        return next(code for code in range(first, 1000) if code not in keys)
    return next(
        key
        for key in (f"{first}-unknown-{n}" for n in range(100))
        if kind.fold(key) not in keys
    )


def answers(kind: Kind) -> list[Any]:
    lookup = _lookup(kind)
    keys = [entry.key for entry in REGISTRIES[kind.name].entries] + [unknown_key(kind)]
    found = [lookup(key) for key in keys]
    assert all(answer is not None for answer in found)
    return found


def _names(answer: object) -> list[str]:
    """Every attribute an answer shows: its fields and its properties."""
    kind = type(answer)
    return [*kind.__slots__, *(n for n in dir(kind) if not n.startswith("_"))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_no_caller_can_change_an_answer(kind: Kind) -> None:
    lookup = _lookup(kind)
    for answer in answers(kind):
        before = {name: getattr(answer, name) for name in _names(answer)}
        for name in [*before, "added"]:
            with pytest.raises(AttributeError):
                setattr(answer, name, "changed")
            with pytest.raises(AttributeError):
                delattr(answer, name)
        assert {name: getattr(answer, name) for name in _names(answer)} == before
        again = lookup(before[type(answer).__slots__[0]])
        assert again == answer and hash(again) == hash(answer)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_equal_answers_are_equal_and_hash_equal(kind: Kind) -> None:
    first, second = answers(kind), answers(kind)
    for one, other in zip(first, second):
        assert one == other and hash(one) == hash(other)
        assert (one != other) is False
    # Different keys give different answers.
    assert len(set(first)) == len(first)
    assert all(a != b for a, b in zip(first, first[1:]))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_an_answer_pickles_and_copies_as_itself(kind: Kind) -> None:
    for answer in answers(kind):
        copies = [copy.copy(answer), copy.deepcopy(answer)] + [
            pickle.loads(pickle.dumps(answer, protocol))
            for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
        ]
        for made in copies:
            assert type(made) is type(answer)
            assert made == answer and hash(made) == hash(answer)
            assert {name: getattr(made, name) for name in _names(made)} == {
                name: getattr(answer, name) for name in _names(answer)
            }
            with pytest.raises(AttributeError):
                setattr(made, type(made).__slots__[0], "changed")
