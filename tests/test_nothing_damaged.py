"""A failure of any kind leaves every generated file byte-identical."""

from __future__ import annotations

import os

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


def test_exception_while_rendering_the_second_output(project: Project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    real_render = outputs.render
    calls = []

    def failing_render(templates, name, registry):  # type: ignore[no-untyped-def]
        calls.append(name)
        if len(calls) == 2:
            raise RuntimeError("simulated failure half way")
        return real_render(templates, name, registry)

    monkeypatch.setattr(outputs, "render", failing_render)
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
    real_replace = os.replace
    moves = []

    def failing_replace(source, target):  # type: ignore[no-untyped-def]
        moves.append(target)
        if len(moves) == 2:
            raise failure
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == (130 if isinstance(failure, KeyboardInterrupt) else 2)
    assert "nothing was changed" in result.err
    assert len(moves) >= 2
    monkeypatch.setattr(files.os, "replace", real_replace)
    assert project.snapshot() == before
    assert _leftovers(project) == []


def test_failure_while_staging(project: Project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _changed_registry(project)
    real_stage = files._stage
    staged = []

    def failing_stage(directory, name, data):  # type: ignore[no-untyped-def]
        staged.append(name)
        if len(staged) == 2:
            raise OSError(28, "No space left on device")
        return real_stage(directory, name, data)

    monkeypatch.setattr(files, "_stage", failing_stage)
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
