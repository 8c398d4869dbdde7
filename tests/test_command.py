"""python -m http_registries: what the registries know of each argument, on the
oldest and the newest CPython; expected values from the registries."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import GENERATED, PACKAGE, REGISTRIES, require_interpreter
from generator.pythons import SUPPORTED

pytestmark = pytest.mark.slow


# The exit statuses the command's help documents.
KNOWN, UNKNOWN, USAGE, OUTPUT_ERROR = 0, 1, 2, 3


def _run(
    minor: str, *arguments: str | bytes, package: Path = GENERATED, **options: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(require_interpreter(minor)), "-m", PACKAGE.name, *arguments],
        env={**os.environ, "PYTHONPATH": str(package), **options.pop("env", {})},
        capture_output="stdout" not in options,
        text=True,
        errors="backslashreplace",
        check=False,
        **options,
    )


def _known() -> list[str]:
    """A key of every kind: the first and the last of each registry."""
    return [
        str(registry.entries[index].key)
        for registry in REGISTRIES.values()
        for index in (0, -1)
    ]


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
    assert result.returncode == UNKNOWN
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
    assert process.wait(timeout=60) == OUTPUT_ERROR
    assert "Traceback" not in process.stderr.read()


# What no registry knows, of every class: digits that are not ASCII (isdigit() is
# true for them, int() refuses some), numbers past int()'s 4,300 digits, bytes that
# are not UTF-8, line breaks, huge and empty arguments.
STRANGE = [
    "\u00b2",
    "\u0664\u0660\u0664",
    "4" * 5000,
    "0" * 5000 + "404",
    "x" * 100_000,
    "",
    "a\nb",
    b"\xff\xfe",
    "\u202e",
]


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
@pytest.mark.parametrize("argument", STRANGE, ids=range(len(STRANGE)))
def test_any_argument_is_one_line_and_a_documented_status(
    minor: str, argument: str | bytes
) -> None:
    result = _run(minor, argument, *_known())
    assert result.returncode == UNKNOWN, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        ("no registry knows it", "is no status code, method or field name")
    )
    # The other arguments are answered after it as they are alone.
    assert result.stdout.endswith(_run(minor, *_known()).stdout)


def test_thousands_of_arguments_are_each_answered() -> None:
    arguments = _known() * 1000
    result = _run(SUPPORTED[-1], *arguments)
    assert result.returncode == KNOWN, result.stderr[-2000:]
    assert result.stdout == "\n".join([_run(SUPPORTED[-1], *_known()).stdout] * 1000)


def _closing(*descriptors: int) -> Any:
    """What closes the descriptors in the child, before it runs."""
    return lambda: [os.close(descriptor) for descriptor in descriptors]


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
@pytest.mark.parametrize("help", [False, True], ids=["answers", "help"])
def test_a_full_disk_is_one_line_and_exit_3(minor: str, help: bool) -> None:
    with open("/dev/full", "w") as full:
        result = _run(
            minor,
            *(["--help"] if help else _known()),
            stdout=full,
            stderr=subprocess.PIPE,
        )
    assert result.returncode == OUTPUT_ERROR, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.endswith("cannot write the output: No space left on device")


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_a_closed_output_is_one_line_and_exit_3(minor: str) -> None:
    result = _run(
        minor,
        *_known(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_closing(1),
    )
    assert result.returncode == OUTPUT_ERROR, result.stderr
    (line,) = result.stderr.splitlines()
    assert "cannot write the output" in line


@pytest.mark.parametrize(
    ("closed", "status"),
    [((1, 2), OUTPUT_ERROR), ((2,), UNKNOWN)],
    ids=["both streams closed", "stderr closed"],
)
def test_with_nowhere_to_say_it_the_status_says_it(
    closed: tuple[int, ...], status: int
) -> None:
    result = _run(
        SUPPORTED[-1],
        "X-Not-Registered-Anywhere",
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=_closing(*closed),
    )
    assert result.returncode == status
    # Nothing meant for stderr went to stdout instead.
    assert "no registry knows it" not in (result.stdout or "")
