"""HTTPMethod against its registry and against CPython's own http.HTTPMethod.

tests/method_parity.py describes, under every supported CPython and in both build
forms, what each member does; on 3.11 and later the interpreter's own HTTPMethod
answers the same questions. A member without python_added (QUERY) is a declared
extension; versions before 3.11, which have no HTTPMethod, must answer as the newest
CPython does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from conftest import GENERATED, ROOT, require_interpreter
from generator.pythons import SUPPORTED, simple_enum_range, version_tuple
from generator.registry import METHOD, load_registry
from http_method import HTTPMethod
from interpreters import find_interpreter

pytestmark = pytest.mark.slow

SHOWN = "data/http_method.yaml"
REGISTRY = load_registry(ROOT / SHOWN, SHOWN, METHOD)
FORMS = ["default form", "class statement"]
EXTENSIONS = {method.name for method in REGISTRY.members if not method.python_added}


def _describe(minor: str, form: str) -> dict[str, Any] | None:
    python = find_interpreter(minor)
    if python is None:
        return None
    flags = ["--class-statement"] if form == "class statement" else []
    result = subprocess.run(
        [str(python), str(ROOT / "tests" / "method_parity.py"), *flags],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    facts = {"output": result.stdout + result.stderr}
    for key, value in re.findall(r"^([a-z ]+): (.*)$", result.stdout, re.MULTILINE):
        facts[key] = json.loads(value)
    return facts


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], dict[str, Any]]:
    pairs = [(minor, form) for minor in SUPPORTED for form in FORMS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = pool.map(lambda pair: _describe(*pair), pairs)
        return {pair: run for pair, run in zip(pairs, done) if run is not None}


def _newest_cpython(runs: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    having = [
        run
        for (minor, form), run in runs.items()
        if "theirs" in run and form == FORMS[0]
    ]
    assert having, "no CPython with http.HTTPMethod found"
    return max(having, key=lambda run: version_tuple(run["version"]))["theirs"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("minor", SUPPORTED)
def test_http_method_is_a_drop_in_on_every_supported_cpython(
    runs: dict[tuple[str, str], dict[str, Any]], minor: str, form: str
) -> None:
    require_interpreter(minor)
    run = runs[(minor, form)]
    assert run.get("version") == minor, run["output"]
    assert run["names"] == [
        [name, method.name]
        for method in REGISTRY.members
        for name in (method.name, *method.aliases)
    ]
    first, stop = simple_enum_range()
    fast = form == "default form" and first <= version_tuple(minor) < stop
    assert run["built by"] == ("enum._simple_enum" if fast else "class statement")
    # Against this interpreter's own HTTPMethod, or the newest CPython's answers.
    # dir() lists the str methods of the interpreter at hand: compared only there.
    own = "theirs" in run
    theirs = run["theirs"] if own else _newest_cpython(runs)
    ours = run["ours"]
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


def test_declared_extensions_are_reported() -> None:
    for name in sorted(EXTENSIONS):
        warnings.warn(
            f"HTTPMethod.{name}: a declared extension: no released CPython has it "
            f"(no python_added in {SHOWN})",
            stacklevel=1,
        )
    assert all(name in HTTPMethod.__members__ for name in EXTENSIONS)


def test_members_follow_the_registry() -> None:
    assert [member.value for member in HTTPMethod] == [
        method.method for method in REGISTRY.members
    ]
    for method in REGISTRY.members:
        member = HTTPMethod(method.method)
        assert member.name == method.name and member.description == method.description
        assert (member.is_safe, member.is_idempotent) == (
            method.safe,
            method.idempotent,
        )
        assert (member.spec, member.spec_url) == (method.spec.text, method.spec.url)
        assert str(member) == f"{member}" == method.method
        for alias in method.aliases:
            assert HTTPMethod[alias] is member


def test_safe_methods_are_idempotent() -> None:
    """RFC 9110, Section 9.2.2: every safe method is idempotent; the registry agrees."""
    for method in REGISTRY.entries:
        assert method.idempotent or not method.safe, method.method
