"""A failure of any kind leaves every generated file byte-identical."""

from __future__ import annotations

import os
import signal
from typing import Any, Callable

import pytest

from conftest import Project
from generator import files, outputs


def _changed_registry(project: Project) -> None:
    """An edit that changes both generated modules, so that both would be written."""
    project.edit_registry("name: NOT_FOUND\n", "name: NOTHING_FOUND\n")


def _leftovers(project: Project) -> list[str]:
    return [
        path.name for path in project.generated.iterdir() if path.name.endswith(".tmp")
    ]


def test_template_with_an_undefined_name(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    template = project.templates / "http_status_constants.py.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "{{ no_such_thing }}\n", encoding="utf-8"
    )
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == 2
    line = template.read_text(encoding="utf-8").count("\n")
    assert (
        f"http_status_constants.py.j2:{line}: template: 'no_such_thing' is undefined"
        in result.err
    )
    assert project.snapshot() == before


def test_template_that_prints_raw_registry_text(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    template = project.templates / "http_status.py.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace("{{ status.phrase|py }}", "{{ status.phrase }}"), encoding="utf-8"
    )
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == 2
    assert "without the py or identifier filter" in result.err
    assert project.snapshot() == before


def test_template_syntax_error(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    template = project.templates / "http_status.py.j2"
    template.write_text("{% for x in %}\n", encoding="utf-8")
    before = project.snapshot()
    result = cli("check", *project.paths())
    assert result.code == 2
    assert "http_status.py.j2:1: template:" in result.err
    assert project.snapshot() == before


def test_output_black_cannot_format(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    template = project.templates / "http_status_constants.py.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "def broken(:\n", encoding="utf-8"
    )
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == 2
    assert (
        "http_status_constants.py.j2: black cannot format the rendered template"
        in result.err
    )
    assert project.snapshot() == before


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
    result = cli(
        "generate",
        "--registry",
        str(project.registry),
        "--templates",
        str(project.templates),
        "--output",
        str(target),
    )
    assert result.code == 0
    assert {path.name for path in target.iterdir()} == set(project.snapshot())
