"""python -m http_registries: what the registries know of each argument, on the
oldest and the newest CPython; expected values from the registries."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

import http_registries
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
    """The last entry of each registry that cites a document, asked of that
    registry, as its code or token is written (0x0a as IANA writes codes)."""
    for name, registry in REGISTRIES.items():
        entry = [e for e in registry.entries if getattr(e, "reference_url", True)][-1]
        expected = getattr(entry, "reference_url", None) or entry.spec.url  # type: ignore[attr-defined]
        result = _run(minor, "--registry", name, registry.kind.key_text(entry.key))
        assert result.returncode == 0, result.stderr
        (block,) = result.stdout.split("\n\n")
        header, *lines = block.splitlines()
        assert header.startswith(f"{name}: <")
        fields = dict(line.split(maxsplit=1) for line in lines)
        assert fields["reference_url"] == expected


def test_without_a_registry_every_registry_that_knows_the_value_answers() -> None:
    """12 is a code of several registries; each that names it answers, none that
    leaves it unassigned."""
    result = _run(SUPPORTED[-1], "12")
    assert result.returncode == 0, result.stderr
    headers = [block.splitlines()[0] for block in result.stdout.split("\n\n")]
    expected = []
    for name, registry in REGISTRIES.items():
        numeric = isinstance(registry.entries[0].key, int)
        rows = [
            e for e in registry.entries
            if numeric and e.key <= 12 <= (getattr(e, "last", None) or e.key)
        ]
        if rows and rows[0].iana not in ("unassigned", "unused"):
            expected.append(name)
    assert [header.split(":")[0] for header in headers] == expected


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_what_no_registry_knows_exits_1_saying_so(minor: str) -> None:
    result = _run(minor, "X-Not-Registered-Anywhere", "not a token")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "X-Not-Registered-Anywhere: no registry knows it",
        "not a token: is no code or token of any registry",
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
    # 3: the output could not be written (1 means a value no registry knows).
    assert process.wait(timeout=60) == 3
    assert "Traceback" not in process.stderr.read()


def test_for_scripts_one_json_document_and_the_version() -> None:
    first = next(iter(REGISTRIES.values())).entries[0]
    result = _run(SUPPORTED[-1], "--json", str(first.key), "0404", "\uff14\uff10\uff14")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == http_registries.__version__
    arguments = document["arguments"]
    assert [argument["argument"] for argument in arguments] == [
        str(first.key), "0404", "\uff14\uff10\uff14"
    ]
    assert arguments[0]["known"] and arguments[0]["answers"][0]["registry"] == "status"
    # Read as the lookups read them: a leading zero or full-width digits make no code.
    assert not arguments[1]["known"] and not arguments[2]["known"]
    assert all(answer.get("code") is None for argument in arguments[1:] for answer in argument["answers"])
    version = _run(SUPPORTED[-1], "--version")
    assert version.returncode == 0
    assert version.stdout.split()[-1] == http_registries.__version__


def test_the_help_gives_examples_and_the_exit_statuses() -> None:
    result = _run(SUPPORTED[-1], "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and "exit status:" in result.stdout
    for name in REGISTRIES:
        assert name in result.stdout
    for status in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^  {status} +\S", result.stdout, re.MULTILINE), status
