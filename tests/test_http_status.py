"""The generated HTTPStatus against the registry and against CPython's own http.HTTPStatus."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from pathlib import Path

import pytest

from conftest import GENERATED, PACKAGE, ROOT, STATUSES, enum_names, import_generated
from generator.outputs import OUTPUTS
from generator.pythons import simple_enum_range
from http_registries.http_status import HTTPStatus

CODES = {status.code for status in STATUSES.entries}
PYTHON_OUTPUTS = [output.path for output in OUTPUTS if output.is_python]


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
    module = import_generated(PACKAGE, "_http_status_enum")
    first, stop = simple_enum_range()
    assert len(calls) == (1 if first <= sys.version_info < stop else 0)
    assert list(module.HTTPStatus.__members__) == [
        name for name, _ in enum_names(STATUSES)
    ]


def test_members_follow_the_registry() -> None:
    members = STATUSES.members
    assert [member.value for member in HTTPStatus] == [
        status.code for status in members
    ]
    assert len(HTTPStatus) == len(members)
    # Code order, each alias right after its canonical member.
    assert list(HTTPStatus.__members__) == [name for name, _ in enum_names(STATUSES)]
    for status in members:
        member = HTTPStatus(status.code)
        assert (member.name, member.phrase, member.description) == (
            status.name,
            status.phrase,
            status.description,
        )
        for alias in status.aliases:
            assert HTTPStatus[alias.name] is member


def test_basic_behaviour() -> None:
    member = HTTPStatus(STATUSES.members[0].code)
    assert HTTPStatus[member.name] is member and member == member.value
    unused = next(code for code in range(100, 600) if code not in CODES)
    with pytest.raises(ValueError, match=f"{unused} is not a valid HTTPStatus"):
        HTTPStatus(unused)
    assert {"name", "value", "phrase", "description"} <= set(dir(member))
    for status in STATUSES.members:
        category = status.code // 100
        assert HTTPStatus(status.code).is_informational is (category == 1)
        assert HTTPStatus(status.code).is_success is (category == 2)
        assert HTTPStatus(status.code).is_redirection is (category == 3)
        assert HTTPStatus(status.code).is_client_error is (category == 4)
        assert HTTPStatus(status.code).is_server_error is (category == 5)


@pytest.mark.parametrize("name", PYTHON_OUTPUTS)
def test_generated_modules_import_only_the_standard_library(name: str) -> None:
    tree = ast.parse((GENERATED / name).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is None:
            imported |= {alias.name for alias in node.names}  # from . import x
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    stdlib = (
        set(sys.stdlib_module_names)
        if hasattr(sys, "stdlib_module_names")
        else {"enum", "__future__"}
    )
    # Besides the standard library, only each other (their names are the outputs').
    generated = {output.name.removesuffix(".py") for output in OUTPUTS}
    assert imported - generated <= stdlib, imported
    # Nothing beyond defining names runs at import: no calls at module level
    # other than the class statement's own machinery.
    for node in tree.body:
        assert not isinstance(node, ast.Expr) or isinstance(
            node.value, ast.Constant
        ), ast.dump(node)


@pytest.mark.parametrize("name", PYTHON_OUTPUTS)
def test_generated_header_names_the_command_and_nothing_of_this_machine(
    name: str,
) -> None:
    text = (GENERATED / name).read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert re.fullmatch(r"# Code generated .* DO NOT EDIT\.", first_line)
    assert "make generate" in first_line
    assert re.search(r"from (data/\w+\.yaml|pyproject\.toml)\. DO", first_line)
    assert str(ROOT) not in text and str(Path.home()) not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", text)


@pytest.mark.parametrize(
    "module",
    [PACKAGE.name]
    + [
        f"{PACKAGE.name}.{output.name.removesuffix('.py')}"
        for output in OUTPUTS
        if output.is_python
        and not output.is_private
        and output.name not in ("__init__.py", "__main__.py")
    ],
)
def test_the_examples_in_the_docstrings_run(module: str) -> None:
    """Every public module shows how it is used, and its examples run."""
    import doctest

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0, module
