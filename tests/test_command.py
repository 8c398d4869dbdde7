"""python -m http_registries: what the registries know of each argument, on the
oldest and the newest CPython; expected values from the registries."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

import http_registries
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
    """A key of every kind: the first and the last of each registry that its registry
    knows (not a range it leaves unassigned)."""
    keys = []
    for registry in REGISTRIES.values():
        named = [e for e in registry.entries if e.iana not in ("unassigned", "unused")]
        keys += [str(named[0].key), str(named[-1].key)]
    return keys


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
    assert result.returncode == UNKNOWN
    # One line each, on stderr, and nothing on stdout: what no registry knows has
    # nothing more to say.
    assert result.stdout == ""
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
        ("no registry knows it", "is no code or token of any registry")
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


def test_a_value_the_registry_lacks_is_null_and_not_printed() -> None:
    """A code without a source, a method without a description, a field name
    without a structured type, comment or source: null in JSON, as the lookups
    answer None, and left out of the text."""
    status = next(s for s in REGISTRIES["status"].entries if s.source is None)  # type: ignore[attr-defined]
    method = next(m for m in REGISTRIES["method"].entries if m.description is None)  # type: ignore[attr-defined]
    field = next(
        f for f in REGISTRIES["field"].entries
        if f.structured is None and f.comment is None and f.source is None  # type: ignore[attr-defined]
    )
    for registry, entry, lacking in [
        ("status", status, {"source"}),
        ("method", method, {"description"}),
        ("field", field, {"structured", "comment", "source"}),
    ]:
        asked = ("--registry", registry, str(entry.key))
        document = json.loads(_run(SUPPORTED[-1], "--json", *asked).stdout)
        ((answer,),) = [argument["answers"] for argument in document["arguments"]]
        assert lacking <= {name for name, value in answer.items() if value is None}
        assert "" not in answer.values()
        result = _run(SUPPORTED[-1], *asked)
        assert result.returncode == 0, result.stderr
        header, *lines = result.stdout.splitlines()
        assert header.startswith(f"{registry}: <")
        printed = {line.split()[0] for line in lines}
        assert printed and not printed & lacking
