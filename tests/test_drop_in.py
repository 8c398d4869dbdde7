"""What this registry promises: HTTPStatus is a drop-in for CPython's http.HTTPStatus.

tests/parity.py runs under every supported CPython, in both build forms, and reports
each difference from that interpreter's own enum. Here they are judged against the
registry: a member without python_added is a declared extension (reported, not a
failure); an older interpreter's wording or name that the newest CPython replaced is
what the registry follows on purpose; anything else fails, one line per difference.
"""

from __future__ import annotations

import http
import warnings
from typing import Any

import pytest

import parity
from conftest import (
    FORMS,
    ROOT,
    Probe,
    Project,
    built_as_intended,
    import_file,
    probe_every_cpython,
)
from generator.pythons import SUPPORTED, version_tuple
from generator.registry import Status, load_registry

pytestmark = pytest.mark.slow

SHOWN = "data/http_status.yaml"
REGISTRY = load_registry(ROOT / SHOWN, SHOWN)
MEMBERS = {status.code: status for status in REGISTRY.members}
EXTENSIONS = [status for status in REGISTRY.members if status.python_added is None]
EXPECTED_NAMES = [
    [name, status.name]
    for status in REGISTRY.members
    for name in (status.name, *status.aliases)
]
# What an older CPython may say otherwise, when the newest agrees with the registry.
RENAMED_OR_REWORDED = {"name", "phrase", "description"}


@pytest.fixture(scope="session")
def runs() -> dict[tuple[str, str], Probe]:
    extensions = ",".join(str(status.code) for status in EXTENSIONS)
    return probe_every_cpython("parity.py", "--extensions", extensions)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("minor", SUPPORTED)
def test_the_generated_enum_runs_on_every_supported_cpython(
    runs: dict[tuple[str, str], Probe], minor: str, form: str
) -> None:
    """Each interpreter builds the enum in the intended form, with the registry's names."""
    built_as_intended(runs, minor, form, EXPECTED_NAMES)


def test_the_generated_enum_is_a_drop_in_for_cpython(
    runs: dict[tuple[str, str], Probe],
) -> None:
    assert runs, "no supported CPython found"
    newest = max(
        (run for run in runs.values() if run.form == "default form"),
        key=lambda run: version_tuple(run.minor),
    )
    settled = {
        (found["code"], found["field"])
        for found in newest.differences
        if found["field"] in RENAMED_OR_REWORDED
    }
    reported: dict[str, dict[str, set[str]]] = {}
    for run in runs.values():
        for found in run.differences:
            older = version_tuple(run.minor) < version_tuple(newest.minor)
            if (
                older
                and found["field"] in RENAMED_OR_REWORDED
                and (found["code"], found["field"]) not in settled
            ):
                continue  # the newest CPython says what the registry says
            seen = reported.setdefault(_difference_line(found), {})
            seen.setdefault(run.minor, set()).add(run.form)
        if run.form == "default form":
            for line in _membership_differences(run):
                reported.setdefault(line, {}).setdefault(run.minor, set()).update(FORMS)
    if reported:
        pytest.fail(
            "\n".join(f"{line} ({_where(seen)})" for line, seen in reported.items()),
            pytrace=False,
        )
    for status in EXTENSIONS:
        warnings.warn(
            f"{status.code} {status.name} ({SHOWN}:{status.line}): a declared "
            "extension: no CPython has it, as the entry says (no python_added)",
            stacklevel=1,
        )


def _where(seen: dict[str, set[str]]) -> str:
    """The interpreters and forms a difference was seen on, as briefly as it can be said."""
    minors = [minor for minor in SUPPORTED if minor in seen]
    indexes = [SUPPORTED.index(minor) for minor in minors]
    span = (
        f"{minors[0]} to {minors[-1]}"
        if len(minors) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1))
        else ", ".join(minors)
    )
    forms = set().union(*seen.values())
    return f"CPython {span}, " + ("both forms" if len(forms) == 2 else forms.pop())


def _difference_line(found: dict[str, Any]) -> str:
    status = MEMBERS.get(found["code"]) if found["code"] is not None else None
    if status is None:
        return parity.describe(found)
    registry_field = found["field"] if found["field"] in RENAMED_OR_REWORDED else "code"
    what = "canonical name" if found["field"] == "name" else found["field"]
    return (
        f"{status.code}: {found['field']} {found['ours']} ({SHOWN}:{status.line_of(registry_field)}), "
        f"CPython's {what} is {found['theirs']}"
    )


def _membership_differences(run: Probe) -> list[str]:
    """The registry's python_added against the codes this CPython has."""
    theirs = set(run.facts["cpython values"])
    version = version_tuple(run.minor)
    lines = []
    for status in REGISTRY.members:
        where = f"{status.code} {status.name} ({SHOWN}:{_added_line(status)})"
        if status.python_added is None:
            if status.code in theirs:
                lines.append(
                    f"{where}: CPython has it; record python_added, or it is not an extension"
                )
        elif version >= version_tuple(status.python_added):
            if status.code not in theirs:
                lines.append(
                    f"{where}: python_added says {status.python_added}, but CPython lacks it"
                )
        elif status.code in theirs:
            lines.append(
                f"{where}: python_added says {status.python_added}, but CPython {run.minor} has it already"
            )
    return lines


def _added_line(status: Status) -> int:
    return status.line_of("python_added")


def test_parity_reports_a_wrong_phrase(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """The comparison itself can fail: an enum generated from a doctored registry is caught."""
    status = next(s for s in REGISTRY.members if s.python_added)
    project.edit_registry(f"phrase: {status.phrase}\n", "phrase: Not Here\n")
    assert cli("generate", *project.paths()).code == 0
    doctored = import_file(
        project.generated / "http_status.py", "http_status"
    ).HTTPStatus
    theirs = http.HTTPStatus(status.code)
    assert parity.difference(
        status.code, "phrase", "Not Here", theirs.phrase
    ) in parity.compare(doctored, http.HTTPStatus)
