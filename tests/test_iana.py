"""The comparison with IANA's registry, fed edited copies of IANA's CSV file."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from conftest import METHODS, REGISTRIES, ROOT, STATUSES, Project, edit, load_registry

IANA = ROOT / "data" / "iana" / STATUSES.kind.iana.file
IANA_METHODS = ROOT / "data" / "iana" / METHODS.kind.iana.file
TODAY = str(
    max(
        [status.iana_expires for status in STATUSES.entries if status.iana_expires]
        + [datetime.date(2000, 1, 1)]
    )
    + datetime.timedelta(days=1)
)
IANA_CODES = len(STATUSES.kind.iana.read(IANA, "iana.csv", STATUSES.kind.fold))
# A code that neither the registry nor IANA's file has, in IANA's 512-599 range.
FREE = max(
    code for code in range(512, 600) if code not in {s.code for s in STATUSES.entries}
)


def _register_free_code(path: Path, description: str) -> int:
    """Let IANA's copy register FREE; return the line of its row."""
    after = f"\n{FREE + 1}-599,Unassigned," if FREE < 599 else ""
    return (
        edit(
            path,
            "512-599,Unassigned,",
            f"512-{FREE - 1},Unassigned,\n{FREE},{description},[RFC9999]{after}",
        )
        + 1
    )


@pytest.fixture
def iana_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "http-status-codes.csv"
    copy.write_bytes(IANA.read_bytes())
    return copy


def _arguments(
    project: Project, iana: Path, today: str, methods: Path = IANA_METHODS
) -> list[str]:
    return [
        "iana",
        *project.paths("iana"),
        "--iana",
        f"status={iana}",
        "--iana",
        f"method={methods}",
        "--today",
        today,
    ]


def _run(cli, project: Project, iana: Path, today: str = TODAY, methods: Path = IANA_METHODS):  # type: ignore[no-untyped-def]
    """The comparison as make iana-check makes it: expiry fails, by `today`, which
    is after every real temporary registration's expiry in the committed files (the
    registry records why each is kept), so that the result is the same on any day."""
    return cli(*_arguments(project, iana, today, methods))


def _unexplained(output: str) -> list[str]:
    return [
        line
        for line in output.splitlines()
        if re.match(r"\S+:\d+: \S+ [a-z]+: ", line) and "kept on purpose" not in line
    ]


def test_the_committed_registry_agrees_with_iana(cli) -> None:  # type: ignore[no-untyped-def]
    """As make test runs it: every difference the registry records is one line
    marked kept, with its reason; nothing is unexplained."""
    result = cli("iana", "--expiry", "warn")
    assert result.code == 0, result.out + result.err
    assert "0 unexplained" in result.out
    kept = [line for line in result.out.splitlines() if line.startswith("kept: ")]
    recorded = [
        f"kept: {registry.path}:{entry.line}: {entry.key} {aspect}: {reason}"
        for registry in REGISTRIES.values()
        for entry in registry.entries
        for aspect, reason in entry.iana_deviations.items()
    ]
    assert kept == recorded
    assert result.err == ""


@pytest.mark.parametrize("today", ["2000-01-01", TODAY, "2099-12-31"])
def test_make_tests_iana_comparison_does_not_depend_on_the_date(
    cli, today: str  # type: ignore[no-untyped-def]
) -> None:
    result = cli("iana", "--expiry", "warn", "--today", today)
    assert result.code == 0, result.out + result.err


def test_an_unchanged_copy_passes(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, iana_copy)
    assert result.code == 0, result.out
    assert f"{IANA_CODES} registered codes compared" in result.out


def test_crlf_line_endings_are_read_the_same(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    iana_copy.write_bytes(IANA.read_bytes().replace(b"\n", b"\r\n"))
    result = _run(cli, project, iana_copy)
    assert result.code == 0, result.out
    assert f"{IANA_CODES} registered codes compared" in result.out


def test_a_code_iana_registers_that_the_registry_lacks(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    line = _register_free_code(iana_copy, '"Network Connect Timeout, Proxy"')
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert _unexplained(result.out) == [
        f"{iana_copy}:{line}: {FREE} missing: IANA registers Network Connect Timeout, Proxy (permanent, [RFC9999]); the registry lacks it"
    ]
    assert "iana_deviations" in result.err


def test_a_code_in_the_registry_that_iana_lacks(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    edit(iana_copy, "425,Too Early,[RFC8470]\n", "")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert re.fullmatch(
        r"\S+http_status\.yaml:\d+: 425 state: the registry says permanent; IANA does not list the code",
        line,
    )


def test_an_unregistered_code_needs_its_reason(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    entry = (
        f"\n  - code: {FREE}\n    name: NETWORK_CONNECT_TIMEOUT_{FREE}\n    phrase: Network Connect Timeout Error\n"
        "    description: The proxy timed out\n    spec: {title: Example, rfc: 9999}\n    iana: unregistered\n"
    )
    project.put_entry(entry)
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert [line.split(": ", 1)[1] for line in _unexplained(result.out)] == [
        f"{FREE} unregistered: IANA does not list the code"
    ]
    project.put_entry(
        entry + "    iana_deviations: {unregistered: a private code of our gateways}\n"
    )
    assert _run(cli, project, iana_copy).code == 0


def test_a_differing_phrase(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    edit(iana_copy, "404,Not Found,", "404,Not There,")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith("404 phrase: the registry says 'Not Found', IANA 'Not There'")


def test_a_differing_reference(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    edit(
        iana_copy,
        '404,Not Found,"[RFC9110, Section 15.5.5]"',
        '404,Not Found,"[RFC9110, Section 15.5.6]"',
    )
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        "404 reference: the registry cites RFC 9110, Section 15.5.5, IANA [RFC9110, Section 15.5.6]"
    )


def test_several_references_in_one_field(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    edit(
        iana_copy,
        '404,Not Found,"[RFC9110, Section 15.5.5]"',
        '404,Not Found,"[RFC7231][RFC9110, Section 15.5.5]"',
    )
    assert _run(cli, project, iana_copy).code == 0
    edit(iana_copy, '"[RFC7231][RFC9110, Section 15.5.5]"', "[RFC7231][RFC2616]")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert _unexplained(result.out)[0].endswith("IANA [RFC7231][RFC2616]")


# A temporary registration of the tests' own, in both copies: the real ones come and
# go as IANA extends or drops them.
EXPIRES = datetime.date(2030, 6, 1)


def _temporary(project: Project, iana_copy: Path, deviation: str = "") -> int:
    """Register FREE as temporary until EXPIRES in both copies; its registry line."""
    _register_free_code(
        iana_copy,
        f'"Example Temporary (TEMPORARY - registered 2029-06-01, expires {EXPIRES})"',
    )
    project.put_entry(
        f"  - code: {FREE}\n    phrase: Example Temporary\n"
        "    spec: {title: Example, rfc: 9999}\n    member: false\n"
        f"    iana: temporary\n    iana_expires: {EXPIRES}\n{deviation}"
    )
    return next(
        entry.line
        for entry in load_registry(STATUSES.kind, project.registry, "r").entries
        if entry.key == FREE
    )


def test_a_temporary_registration_past_its_expiry(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _temporary(project, iana_copy)
    after = str(EXPIRES + datetime.timedelta(days=1))
    result = _run(cli, project, iana_copy, today=after)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        f"{FREE} expired: the temporary registration expired on {EXPIRES}"
    )
    assert _run(cli, project, iana_copy, today=str(EXPIRES)).code == 0
    result = cli(*_arguments(project, iana_copy, after), "--expiry", "warn")
    assert result.code == 0 and "warning: " in result.err


def test_a_recorded_deviation_that_no_longer_applies(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _temporary(project, iana_copy, "    iana_deviations: {expired: kept a while}\n")
    before = str(EXPIRES - datetime.timedelta(days=1))
    result = _run(cli, project, iana_copy, today=before)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        f"{FREE} stale: iana_deviations.expired is recorded, but there is no such difference; remove it"
    )


def test_a_differing_expiry(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    line = _temporary(project, iana_copy)
    later = EXPIRES.replace(year=EXPIRES.year + 1)
    edit(iana_copy, f"expires {EXPIRES}", f"expires {later}")
    result = _run(cli, project, iana_copy, today=str(EXPIRES))
    assert result.code == 1
    assert _unexplained(result.out) == [
        f"{project.registry}:{line}: {FREE} state: the registry says "
        f"temporary until {EXPIRES}, IANA temporary until {later}"
    ]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("Value,Description,Reference", "Code,Description,Reference", "header"),
        ("404,Not Found,", "4O4,Not Found,", "Value"),
        ("404,Not Found,", "404,Not Found,extra,", "row"),
    ],
)
def test_a_malformed_file_is_invalid_input(project: Project, cli, iana_copy: Path, old: str, new: str, field: str) -> None:  # type: ignore[no-untyped-def]
    line = edit(iana_copy, old, new)
    result = _run(cli, project, iana_copy)
    assert result.code == 2
    assert result.err.startswith(f"{iana_copy}:{line}: {field}: ")
    assert "; expected" in result.err


def test_a_missing_file_is_invalid_input(project: Project, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, tmp_path / "nothing.csv")
    assert result.code == 2
    assert "nothing.csv: file: does not exist" in result.err


@pytest.fixture
def methods_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "http-methods.csv"
    copy.write_bytes(IANA_METHODS.read_bytes())
    return copy


def test_the_method_registry_agrees_with_iana(project: Project, cli, iana_copy: Path, methods_copy: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, iana_copy, methods=methods_copy)
    assert result.code == 0, result.out
    count = len(METHODS.kind.iana.read(IANA_METHODS, "x", METHODS.kind.fold))
    assert f"{methods_copy}: {count} registered methods compared" in result.out


@pytest.mark.parametrize("flag", ["safe", "idempotent"])
def test_an_edited_method_flag_is_reported(project: Project, cli, iana_copy: Path, methods_copy: Path, flag: str) -> None:  # type: ignore[no-untyped-def]
    method = next(m for m in METHODS.entries if getattr(m, flag))
    old = f"{method.method},{_yes(method.safe)},{_yes(method.idempotent)},"
    edited = {"safe": method.safe, "idempotent": method.idempotent, flag: False}
    edit(
        methods_copy,
        old,
        f"{method.method},{_yes(edited['safe'])},{_yes(edited['idempotent'])},",
    )
    result = _run(cli, project, iana_copy, methods=methods_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(f"{method.method} {flag}: the registry says yes, IANA no")
    assert line.startswith(f"{project.method_registry}:{method.line}: ")


def test_a_method_iana_registers_that_the_registry_lacks(project: Project, cli, iana_copy: Path, methods_copy: Path) -> None:  # type: ignore[no-untyped-def]
    with methods_copy.open("a", encoding="utf-8") as stream:
        stream.write('ZZZ-NEW,no,yes,"[RFC9999, Section 3]"\n')
    result = _run(cli, project, iana_copy, methods=methods_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        "ZZZ-NEW missing: IANA registers it (safe: no, idempotent: yes, [RFC9999, Section 3]); the registry lacks it"
    )


def test_a_malformed_method_flag_is_an_input_error(project: Project, cli, iana_copy: Path, methods_copy: Path) -> None:  # type: ignore[no-untyped-def]
    line = edit(methods_copy, "GET,yes,yes,", "GET,maybe,yes,")
    result = _run(cli, project, iana_copy, methods=methods_copy)
    assert result.code == 2
    assert result.err.startswith(
        f"{methods_copy}:{line}: Safe: is 'maybe'; expected yes or no"
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def test_unofficial_codes_are_not_compared_unless_iana_registers_one(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    unofficial = [status for status in STATUSES.entries if status.unofficial]
    assert unofficial, "the registry lists no unofficial code"
    result = _run(cli, project, iana_copy)
    assert result.code == 0, result.out
    assert not any(f": {status.code} " in result.out for status in unofficial)
    # IANA registering one of them is a collision to resolve.
    status = unofficial[-1]
    assert status.source is not None
    edit(
        iana_copy,
        "512-599,Unassigned,",
        f"512-{status.code - 1},Unassigned,\n{status.code},Something Else,[RFC9999]\n"
        f"{status.code + 1}-599,Unassigned,",
    )
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert f": {status.code} collision: IANA registers Something Else" in line
    assert f"{status.source.name}'s unofficial one" in line
