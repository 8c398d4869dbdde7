"""A failure of any kind leaves every generated file byte-identical."""

from __future__ import annotations

import os
import signal
from typing import Any, Callable

import pytest

from conftest import Project
from generator import files, outputs

# Regressions and failure injection: in make test, not in the quick loop.
pytestmark = pytest.mark.slow


def _changed_registry(project: Project) -> None:
    """An edit that changes both generated modules, so that both would be written."""
    project.edit_registry(
        "description: Nothing matches the given URI\n",
        "description: Nothing matches the URI\n",
    )


def _leftovers(project: Project) -> list[str]:
    return [
        path.name for path in project.generated.rglob("*") if path.name.endswith(".tmp")
    ]


def _append(text: str) -> Callable[[str], str]:
    return lambda template: template + text


# (what goes wrong, template, how it is edited, command, what the message says)
TEMPLATE_FAILURES = [
    (
        "undefined name",
        "http_status_constants.py.j2",
        _append("{{ no_such_thing }}\n"),
        "generate",
        "'no_such_thing' is undefined",
    ),
    (
        "raw registry text",
        "_http_status_enum.py.j2",
        lambda template: template.replace(
            "{{ status.phrase|py }}", "{{ status.phrase }}"
        ),
        "generate",
        "without the py or identifier filter",
    ),
    (
        "syntax error",
        "_stdlib_or_own.py.j2",
        lambda template: "{% for x in %}\n",
        "check",
        "_stdlib_or_own.py.j2:1: template:",
    ),
    (
        "output black cannot format",
        "http_status_constants.py.j2",
        _append("def broken(:\n"),
        "generate",
        "black cannot format",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "edit", "command", "message"),
    TEMPLATE_FAILURES,
    ids=[case[0] for case in TEMPLATE_FAILURES],
)
def test_a_broken_template_changes_nothing(project: Project, cli, case, name, edit, command, message) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)  # so that every output would be rewritten
    template = project.templates / name
    template.write_text(edit(template.read_text(encoding="utf-8")), encoding="utf-8")
    before = project.snapshot()
    result = cli(command, *project.paths())
    assert result.code == 2
    assert message in result.err and name in result.err, result.err
    assert result.err.endswith("; nothing was changed\n")
    assert project.snapshot() == before


def test_an_undefined_name_is_reported_at_its_template_line(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    template = project.templates / "http_status_constants.py.j2"
    text = template.read_text(encoding="utf-8") + "{{ no_such_thing }}\n"
    template.write_text(text, encoding="utf-8")
    result = cli("generate", *project.paths())
    assert (
        f"http_status_constants.py.j2:{text.count(chr(10))}: template: 'no_such_thing' is undefined"
        in result.err
    )


class FailOnSecondCall:
    """Wraps a function so that its second call raises `failure` instead."""

    def __init__(self, function: Callable[..., Any], failure: BaseException) -> None:
        self.function, self.failure, self.calls = function, failure, 0

    def __call__(self, *arguments: Any) -> Any:
        self.calls += 1
        if self.calls == 2:
            raise self.failure
        return self.function(*arguments)


def test_exception_while_rendering_the_second_output(project: Project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    monkeypatch.setattr(
        outputs, "render", FailOnSecondCall(outputs.render, RuntimeError("simulated"))
    )
    before = project.snapshot()
    with pytest.raises(RuntimeError):
        cli("generate", *project.paths())
    assert project.snapshot() == before


@pytest.mark.parametrize(
    "failure", [OSError(28, "No space left on device"), KeyboardInterrupt()]
)
def test_failure_between_moving_two_outputs(project: Project, cli, monkeypatch, failure) -> None:  # type: ignore[no-untyped-def]
    """The first file is already in place when the second move fails: it is put back."""
    _changed_registry(project)
    # os.replace counts the outputs' moves alone: no formatting cache writes one.
    monkeypatch.setenv("HTTP_REGISTRIES_FORMAT_CACHE", "")
    replace = FailOnSecondCall(os.replace, failure)
    monkeypatch.setattr(files.os, "replace", replace)
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == (130 if isinstance(failure, KeyboardInterrupt) else 2)
    assert "nothing was changed" in result.err
    assert replace.calls >= 3  # two moves, then the first file put back
    assert project.snapshot() == before
    assert _leftovers(project) == []


def test_terminated_between_moving_two_outputs(project: Project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """SIGTERM half way (a CI job cancelled, a killed editor task) is undone too."""
    _changed_registry(project)
    real_replace = os.replace
    moves = []

    def replace_then_terminate(source, target):  # type: ignore[no-untyped-def]
        real_replace(source, target)
        moves.append(target)
        if len(moves) == 1:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setenv("HTTP_REGISTRIES_FORMAT_CACHE", "")  # moves of outputs alone
    monkeypatch.setattr(files.os, "replace", replace_then_terminate)
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == 130
    assert project.snapshot() == before
    assert _leftovers(project) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_failure_while_staging(project: Project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    monkeypatch.setattr(
        files,
        "_stage",
        FailOnSecondCall(files._stage, OSError(28, "No space left on device")),
    )
    before = project.snapshot()
    assert cli("generate", *project.paths()).code == 2
    assert project.snapshot() == before
    assert _leftovers(project) == []


def test_generate_into_a_new_folder(project: Project, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "fresh" / "generated"
    result = cli("generate", *project.paths(), "--output", str(target))
    assert result.code == 0
    written = {
        path.relative_to(target).as_posix()
        for path in target.rglob("*")
        if path.is_file()
    }
    assert written == set(project.snapshot())
