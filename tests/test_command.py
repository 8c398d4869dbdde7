"""python -m http_registries: what the registries know of each argument, on the
oldest and the newest CPython; expected values from the registries."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from conftest import GENERATED, PACKAGE, REGISTRIES, require_interpreter
from generator.pythons import SUPPORTED

pytestmark = pytest.mark.slow


def _run(minor: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(require_interpreter(minor)), "-m", PACKAGE.name, *arguments],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_each_argument_is_described_by_the_registry_that_knows_it(minor: str) -> None:
    """A code, a method and a field name, each the last of its registry."""
    chosen = {name: registry.entries[-1] for name, registry in REGISTRIES.items()}
    result = _run(minor, *(str(entry.key) for entry in chosen.values()))
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == len(chosen)
    for (name, entry), block in zip(chosen.items(), blocks):
        header, *lines = block.splitlines()
        assert header.startswith(f"{name}: <")
        fields = dict(line.split(maxsplit=1) for line in lines)
        expected = getattr(entry, "reference_url", None) or entry.spec.url  # type: ignore[attr-defined]
        assert fields["reference_url"] == expected


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_what_no_registry_knows_exits_1_saying_so(minor: str) -> None:
    result = _run(minor, "X-Not-Registered-Anywhere", "not a token")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "X-Not-Registered-Anywhere: no registry knows it",
        "not a token: is no status code, method or field name",
    ]
    assert "Traceback" not in result.stderr


def test_an_unknown_code_says_what_a_client_treats_it_as() -> None:
    result = _run(SUPPORTED[-1], "299")
    assert result.returncode == 1
    assert re.search(
        r"^  treated_as +<HTTPStatus.OK: 200>$", result.stdout, re.MULTILINE
    )


def test_no_argument_is_a_usage_error() -> None:
    result = _run(SUPPORTED[-1])
    assert result.returncode == 2 and "usage:" in result.stderr


def test_a_reader_that_goes_away_ends_it_quietly() -> None:
    """`python -m http_registries 418 ... | head -1`: no traceback about the pipe."""
    process = subprocess.Popen(
        [str(require_interpreter(SUPPORTED[-1])), "-m", PACKAGE.name, *["418"] * 2000],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith("status: ")
    process.stdout.close()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in process.stderr.read()
