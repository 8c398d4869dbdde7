"""The generated HTTPStatus against the registry and against CPython's own http.HTTPStatus."""

from __future__ import annotations

import ast
import http
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import parity
from conftest import GENERATED, ROOT, Project, import_file, require_interpreter
from generator.pythons import SUPPORTED, simple_enum_range, version_tuple
from generator.registry import load_registry
from http_status import HTTPStatus

EXPECTED_NAMES = [
    [name, status.name]
    for status in load_registry(ROOT / "data" / "http_status.yaml", "x").members
    for name in (status.name, *status.aliases)
]
REGISTRY = load_registry(ROOT / "data" / "http_status.yaml", "data/http_status.yaml")


def test_matches_the_running_interpreters_http_status() -> None:
    assert parity.compare(HTTPStatus, http.HTTPStatus) == []
    assert parity.check_categories(HTTPStatus) == []


@pytest.mark.parametrize("form", ["default form", "class statement"])
@pytest.mark.parametrize("minor", SUPPORTED)
def test_matches_http_status_on_every_supported_cpython(minor: str, form: str) -> None:
    """Each interpreter, with the form it uses and with the class-statement fallback forced."""
    python = require_interpreter(minor)
    flags = ["--class-statement"] if form == "class statement" else []
    result = subprocess.run(
        [str(python), str(ROOT / "tests" / "parity.py"), *flags],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = rf"Python {re.escape(minor)}, {form}: \d+ members of http.HTTPStatus compared, 0 differences"
    assert re.search(expected, result.stdout), result.stdout
    (names,) = re.findall(r"^names: (.*)$", result.stdout, re.MULTILINE)
    assert json.loads(names) == EXPECTED_NAMES
    # The fast path is taken exactly on the versions the tests cover from 3.11 on.
    first, stop = simple_enum_range()
    fast = form == "default form" and first <= version_tuple(minor) < stop
    (built_by,) = re.findall(r"^built by: (.*)$", result.stdout, re.MULTILINE)
    assert built_by == ("enum._simple_enum" if fast else "class statement")


def test_the_fast_form_is_used_exactly_where_it_is_tested(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import enum

    calls = []
    real = getattr(enum, "_simple_enum", None)
    if real is None:
        pytest.skip("this interpreter has no enum._simple_enum")

    def counting(*arguments, **keywords):  # type: ignore[no-untyped-def]
        calls.append(arguments)
        return real(*arguments, **keywords)

    monkeypatch.setattr(enum, "_simple_enum", counting)
    module = import_file(GENERATED / "http_status.py", "http_status")
    first, stop = simple_enum_range()
    assert len(calls) == (1 if first <= sys.version_info < stop else 0)
    assert list(module.HTTPStatus.__members__) == [name for name, _ in EXPECTED_NAMES]


def test_parity_check_reports_a_wrong_phrase(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """The comparison itself can fail: an enum generated from a doctored registry is caught."""
    project.edit_registry("phrase: Not Found\n", "phrase: Not Here\n")
    assert cli("generate", *project.paths()).code == 0
    doctored = import_file(
        project.generated / "http_status.py", "http_status"
    ).HTTPStatus
    problems = parity.compare(doctored, http.HTTPStatus)
    assert "404: phrase 'Not Here', expected 'Not Found'" in problems


def test_members_follow_the_registry() -> None:
    members = REGISTRY.members
    assert [member.value for member in HTTPStatus] == [
        status.code for status in members
    ]
    assert len(HTTPStatus) == len(members) == 62
    expected_names = []
    for status in members:
        expected_names += [status.name, *status.aliases]
    # Code order, each alias right after its canonical member.
    assert list(HTTPStatus.__members__) == expected_names
    assert len(HTTPStatus.__members__) == 66
    for status in members:
        member = HTTPStatus(status.code)
        assert (member.name, member.phrase, member.description) == (
            status.name,
            status.phrase,
            status.description,
        )
        assert (member.spec, member.spec_url) == (status.spec.text, status.spec.url)
        for alias in status.aliases:
            assert HTTPStatus[alias] is member


def test_aliases_resolve_to_the_new_names() -> None:
    assert HTTPStatus.REQUEST_ENTITY_TOO_LARGE is HTTPStatus.CONTENT_TOO_LARGE
    assert HTTPStatus.REQUEST_URI_TOO_LONG is HTTPStatus.URI_TOO_LONG
    assert (
        HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE is HTTPStatus.RANGE_NOT_SATISFIABLE
    )
    assert HTTPStatus.UNPROCESSABLE_ENTITY is HTTPStatus.UNPROCESSABLE_CONTENT
    assert HTTPStatus(413).name == "CONTENT_TOO_LARGE"


def test_basic_behaviour() -> None:
    assert HTTPStatus(404) is HTTPStatus.NOT_FOUND
    assert HTTPStatus.NOT_FOUND == 404
    assert HTTPStatus["OK"] is HTTPStatus.OK
    with pytest.raises(ValueError, match="299 is not a valid HTTPStatus"):
        HTTPStatus(299)
    assert HTTPStatus.NOT_FOUND.phrase == "Not Found"
    assert HTTPStatus.NOT_FOUND.is_client_error and not HTTPStatus.NOT_FOUND.is_success
    assert {"name", "value", "phrase", "description"} <= set(dir(HTTPStatus.OK))


def test_spec_reference_is_readable_at_run_time() -> None:
    assert HTTPStatus.NOT_FOUND.spec == "RFC 9110, Section 15.5.5"
    assert (
        HTTPStatus.NOT_FOUND.spec_url
        == "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"
    )
    assert HTTPStatus.EARLY_HINTS.spec == "RFC 8297"
    assert (
        HTTPStatus.EARLY_HINTS.spec_url == "https://www.rfc-editor.org/rfc/rfc8297.html"
    )
    for member in HTTPStatus:
        assert member.spec.startswith("RFC ") and member.spec_url.startswith(
            "https://www.rfc-editor.org/rfc/rfc"
        )


@pytest.mark.parametrize("name", ["http_status.py", "http_status_constants.py"])
def test_generated_modules_import_only_the_standard_library(name: str) -> None:
    tree = ast.parse((GENERATED / name).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    stdlib = (
        set(sys.stdlib_module_names)
        if hasattr(sys, "stdlib_module_names")
        else {"enum", "__future__"}
    )
    assert imported - {"http_status"} <= stdlib, imported
    # Nothing beyond defining names runs at import: no calls at module level
    # other than the class statement's own machinery.
    for node in tree.body:
        assert not isinstance(node, ast.Expr) or isinstance(
            node.value, ast.Constant
        ), ast.dump(node)


@pytest.mark.parametrize("name", ["http_status.py", "http_status_constants.py"])
def test_generated_header_names_the_command_and_nothing_of_this_machine(
    name: str,
) -> None:
    text = (GENERATED / name).read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert re.fullmatch(r"# Code generated .* DO NOT EDIT\.", first_line)
    assert "make generate" in first_line and "data/http_status.yaml" in first_line
    assert str(ROOT) not in text and str(Path.home()) not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", text)


def test_the_examples_in_the_docstrings_run() -> None:
    import doctest

    import http_status_constants

    for module in (sys.modules["http_status"], http_status_constants):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
