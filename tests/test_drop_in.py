"""What this registry promises: HTTPStatus is exactly the newest CPython's http.HTTPStatus.

tests/parity.py runs under every supported CPython, in both build forms, reports each
difference between the enum the modules build and that interpreter's own, what
CPython says of each member, and whether http_status gave the standard enum. Here
they are judged against the registry's records: CPython's names and wording must be
the registry's from python_added, python_wording and renamed_in on, and differ before;
http_status must give the standard enum exactly where the records say it is current;
a member without python_added is a declared extension (reported, not a failure);
anything else fails, one line per difference.

A member as text (str(), format(), f-strings, printf-style, repr()) is judged
against the newest CPython's own http.HTTPStatus instead, on every version: that is
the promise, and CPython before 3.11 wrote `HTTPStatus.OK` where the newest writes
`200`.
"""

from __future__ import annotations

import http
from typing import Any

import pytest

import parity
from conftest import (
    FORMS,
    PACKAGE,
    STATUSES,
    Probe,
    Project,
    built_as_intended,
    edit,
    import_generated,
    probe,
    probe_every_cpython,
    require_interpreter,
)
from generator.kinds.status import Status
from generator.pythons import SUPPORTED, stdlib_range, version_tuple
from generator.registry import Registry, load_registry

pytestmark = pytest.mark.slow

MEMBERS = {status.code: status for status in STATUSES.members}
EXTENSIONS = [status for status in STATUSES.members if status.python_added is None]
# What the records judge (name, wording), read from CPython itself: a difference of
# the built enum in these is left to them.
JUDGED_BY_RECORDS = {"name", "phrase", "description"}
STDLIB = stdlib_range(STATUSES.stdlib_since)
# Whose answers a member as text must give, on every version.
NEWEST = SUPPORTED[-1]


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
    built_as_intended(runs, minor, form, STATUSES)


def test_the_generated_enum_is_a_drop_in_for_cpython(
    runs: dict[tuple[str, str], Probe],
) -> None:
    assert runs, "no supported CPython found"
    reported: dict[str, dict[str, set[str]]] = {}

    def report(line: str, minor: str, forms: set[str]) -> None:
        reported.setdefault(line, {}).setdefault(minor, set()).update(forms)

    for run in runs.values():
        for found in run.differences:
            if found["field"] not in JUDGED_BY_RECORDS:
                report(_difference_line(found), run.minor, {run.form})
        claimed = (
            STDLIB is not None and STDLIB[0] <= version_tuple(run.minor) < STDLIB[1]
        )
        if run.facts["is stdlib"] != claimed:
            report(
                f"http_status.HTTPStatus is http.HTTPStatus: {run.facts['is stdlib']}, "
                f"where the registry says {claimed}",
                run.minor,
                {run.form},
            )
        if run.form == "default form":
            for line in _membership_differences(run) + _record_differences(run):
                report(line, run.minor, set(FORMS))
    if reported:
        pytest.fail(
            "\n".join(f"{line} ({_where(seen)})" for line, seen in reported.items()),
            pytrace=False,
        )


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("minor", SUPPORTED)
def test_a_member_as_text_is_the_newest_cpythons_on_every_version(
    runs: dict[tuple[str, str], Probe], minor: str, form: str
) -> None:
    """str(), format() with each spec, f-strings, printf-style and repr() of every
    member give what the newest CPython's http.HTTPStatus gives, its errors included."""
    run = built_as_intended(runs, minor, form, STATUSES)
    lines = _text_differences(run.facts["text"], _newest_text(runs))
    assert not lines, "\n".join(lines)


def test_a_member_as_text_is_checked_where_cpython_wrote_it_otherwise(runs: dict[tuple[str, str], Probe], project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """The comparison can fail: built without its own str() and format(), the enum
    answers on the oldest CPython as that CPython's http.HTTPStatus does, and that
    is a difference from the newest CPython's."""
    oldest = SUPPORTED[0]
    require_interpreter(oldest)
    edit(
        project.templates / "_http_status_enum.py.j2",
        "        __str__ = int.__repr__\n        __format__ = int.__format__\n",
        "        pass\n",
    )
    assert cli("generate", *project.paths()).code == 0
    doctored = probe("parity.py", oldest, FORMS[0], generated=project.generated)
    assert doctored is not None and "text" in doctored.facts, doctored
    newest = _newest_text(runs)
    ours, theirs = doctored.facts["text"], doctored.facts["cpython text"]
    assert _text_differences(ours, newest)
    # Member for member as the oldest CPython's own, where its name is the newest's.
    same_names = [
        code
        for code, answers in theirs.items()
        if code in newest and answers["repr"] == newest[code]["repr"]
    ]
    assert same_names
    assert all(ours[code] == theirs[code] for code in same_names)


def _newest_text(runs: dict[tuple[str, str], Probe]) -> dict[str, dict[str, str]]:
    """The newest CPython's own http.HTTPStatus as text, member by member."""
    require_interpreter(NEWEST)
    newest: dict[str, dict[str, str]] = runs[(NEWEST, FORMS[0])].facts["cpython text"]
    assert newest, "the newest CPython's HTTPStatus has no members"
    return newest


def _text_differences(
    ours: dict[str, dict[str, str]], newest: dict[str, dict[str, str]]
) -> list[str]:
    """Where an enum as text differs from the newest CPython's, one line each."""
    lines = []
    for code, answers in newest.items():
        mine = ours.get(code)
        if mine is None:
            lines.append(f"{code}: not a member, where CPython {NEWEST} has it")
            continue
        lines += [
            f"{code}: {view}: {mine.get(view)}, CPython {NEWEST} gives {answer}"
            for view, answer in answers.items()
            if mine.get(view) != answer
        ]
    return lines


def _record_differences(run: Probe, registry: Registry = STATUSES) -> list[str]:
    """CPython's names and wording against what python_wording and renamed_in say of
    this version: the registry's from then on, another before."""
    version = version_tuple(run.minor)
    theirs = {int(code): data for code, data in run.facts["cpython members"].items()}
    lines = []
    for status in registry.members:
        if status.code not in theirs or status.python_added is None:
            continue  # _membership_differences judges presence
        name, phrase, description = theirs[status.code]
        wording_since = status.python_wording or status.python_added
        current = version >= version_tuple(wording_since)
        for field, ours, cpython in (
            ("phrase", status.phrase, phrase),
            ("description", status.description, description),
        ):
            if current and ours != cpython:
                lines.append(
                    f"{status.code}: {field} {ours!r} ({STATUSES.path}:{status.line_of(field)}), "
                    f"CPython's {field} is {cpython!r}, and python_wording says "
                    f"{wording_since}"
                )
        if (
            status.python_wording
            and not current
            and (phrase, description)
            == (
                status.phrase,
                status.description,
            )
        ):
            lines.append(
                f"{status.code} {status.name} ({STATUSES.path}:{status.line_of('python_wording')}): "
                f"python_wording says {status.python_wording}, but CPython has the "
                "registry's wording already"
            )
        renamed = [
            alias.name
            for alias in status.aliases
            if alias.rename
            and alias.rename.renamed_in
            and version < version_tuple(alias.rename.renamed_in)
        ]
        expected = next(iter(renamed), status.name)
        if name != expected:
            lines.append(
                f"{status.code}: name {expected} ({STATUSES.path}:{status.line_of('aliases' if renamed else 'name')}), "
                f"CPython's canonical name is {name}"
            )
    return lines


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
    registry_field = found["field"] if found["field"] in JUDGED_BY_RECORDS else "code"
    what = "canonical name" if found["field"] == "name" else found["field"]
    return (
        f"{status.code}: {found['field']} {found['ours']} ({STATUSES.path}:{status.line_of(registry_field)}), "
        f"CPython's {what} is {found['theirs']}"
    )


def _membership_differences(run: Probe) -> list[str]:
    """The registry's python_added against the codes this CPython has."""
    theirs = set(run.facts["cpython values"])
    version = version_tuple(run.minor)
    lines = []
    for status in STATUSES.members:
        where = f"{status.code} {status.name} ({STATUSES.path}:{_added_line(status)})"
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
    status = next(s for s in STATUSES.members if s.python_added)
    project.edit_registry(f"phrase: {status.phrase}\n", "phrase: Not Here\n")
    assert cli("generate", *project.paths()).code == 0
    doctored = import_generated(
        project.generated / PACKAGE.name, "_http_status_enum"
    ).HTTPStatus
    theirs = http.HTTPStatus(status.code)
    assert parity.difference(
        status.code, "phrase", "Not Here", theirs.phrase
    ) in parity.compare(doctored, http.HTTPStatus)


def test_a_wording_claimed_too_early_is_named(
    runs: dict[tuple[str, str], Probe], project: Project
) -> None:
    """A python_wording one version early fails on that version, one line naming the
    member and the field that differ there."""
    status = next(s for s in STATUSES.members if s.python_wording)
    major, minor = version_tuple(status.python_wording)
    early = f"{major}.{minor - 1}"
    run = runs.get((early, "default form"))
    if run is None:
        require_interpreter(early)
    text = project.registry.read_text(encoding="utf-8")
    entry_at = text.index(f"  - code: {status.code}\n")
    wording_at = text.index(f'python_wording: "{status.python_wording}"', entry_at)
    project.registry.write_text(
        text[:wording_at]
        + f'python_wording: "{early}"'
        + text[wording_at + len(f'python_wording: "{status.python_wording}"') :],
        encoding="utf-8",
    )
    doctored = load_registry(STATUSES.kind, project.registry, STATUSES.path)
    assert run is not None
    # What the doctored record adds to whatever the committed registry gives (which
    # test_the_generated_enum_is_a_drop_in_for_cpython names on its own).
    before = set(_record_differences(run, STATUSES))
    lines = [line for line in _record_differences(run, doctored) if line not in before]
    assert lines and all(line.startswith(f"{status.code}: ") for line in lines)
    assert any(
        f"{status.code}: {field} " in line and f"python_wording says {early}" in line
        for line in lines
        for field in ("phrase", "description")
    ), lines
