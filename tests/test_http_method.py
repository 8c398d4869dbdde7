"""HTTPMethod against its registry and against CPython's own http.HTTPMethod.

tests/method_parity.py describes, under every supported CPython and in both build
forms, what each member does; on 3.11 and later the interpreter's own HTTPMethod
answers the same questions. A member without python_added (QUERY) is a declared
extension; versions before 3.11, which have no HTTPMethod, must answer as the newest
CPython does.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import FORMS, METHODS, Probe, built_as_intended, probe_every_cpython
from generator.pythons import SUPPORTED, stdlib_range, version_tuple
from http_registries.http_method import HTTPMethod

pytestmark = pytest.mark.slow

EXTENSIONS = {method.name for method in METHODS.members if not method.python_added}


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], Probe]:
    return probe_every_cpython("method_parity.py")


def _newest_cpython(runs: dict[tuple[str, str], Probe]) -> dict[str, Any]:
    having = [
        run for run in runs.values() if "theirs" in run.facts and run.form == FORMS[0]
    ]
    assert having, "no CPython with http.HTTPMethod found"
    newest = max(having, key=lambda run: version_tuple(run.minor))
    return dict(newest.facts["theirs"])


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("minor", SUPPORTED)
def test_http_method_is_a_drop_in_on_every_supported_cpython(
    runs: dict[tuple[str, str], Probe], minor: str, form: str
) -> None:
    run = built_as_intended(runs, minor, form, METHODS)
    # Against this interpreter's own HTTPMethod, or the newest CPython's answers.
    # dir() lists the str methods of the interpreter at hand: compared only there.
    own = "theirs" in run.facts
    theirs = run.facts["theirs"] if own else _newest_cpython(runs)
    ours = run.facts["ours"]
    differences = [
        f"{name}: {view}: {ours[name][view]}, CPython has {answer}"
        for name, answers in theirs.items()
        for view, answer in answers.items()
        if name in ours and ours[name].get(view) != answer and (own or view != "dir()")
    ]
    missing = set(theirs) - set(ours)
    extra = set(ours) - set(theirs) - {"(lookups)"}
    assert not differences and not missing, (
        "\n".join(differences) + f"\nmissing: {missing}"
    )
    # A member CPython lacks must be one the registry declares as an extension.
    assert extra <= EXTENSIONS, extra
    # http_method gives the standard enum exactly where the registry says it is current.
    stdlib = stdlib_range(METHODS.stdlib_since)
    claimed = stdlib is not None and stdlib[0] <= version_tuple(minor) < stdlib[1]
    assert run.facts["is stdlib"] is claimed


def test_declared_extensions_are_members() -> None:
    """A member no released CPython has (no python_added) is a decision the registry
    records; the run's summary lists it as kept."""
    assert all(name in HTTPMethod.__members__ for name in EXTENSIONS)


def test_members_follow_the_registry() -> None:
    assert [member.value for member in HTTPMethod] == [
        method.method for method in METHODS.members
    ]
    for method in METHODS.members:
        member = HTTPMethod(method.method)
        assert member.name == method.name and member.description == method.description
        assert str(member) == f"{member}" == method.method
        for alias in method.aliases:
            assert HTTPMethod[alias.name] is member
