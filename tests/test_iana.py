"""The comparison with IANA's registry, fed edited copies of IANA's CSV file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, Project

IANA = ROOT / "data" / "iana" / "http-status-codes.csv"
AFTER_104_EXPIRED = "2026-11-26"


@pytest.fixture
def iana_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "http-status-codes.csv"
    copy.write_bytes(IANA.read_bytes())
    return copy


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _run(cli, project: Project, iana: Path, today: str = AFTER_104_EXPIRED):  # type: ignore[no-untyped-def]
    return cli(
        "iana",
        "--registry",
        str(project.registry),
        "--iana",
        str(iana),
        "--today",
        today,
    )


def _unexplained(output: str) -> list[str]:
    return [
        line
        for line in output.splitlines()
        if re.match(r"\S+:\d+: \d{3} ", line) and "kept on purpose" not in line
    ]


def test_the_committed_registry_agrees_with_iana(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("iana")
    assert result.code == 0, result.out + result.err
    assert "0 unexplained" in result.out
    kept = [line for line in result.out.splitlines() if "; kept on purpose: " in line]
    assert [line.split(": ")[1] for line in kept] == [
        "104 expired",
        "418 phrase",
        "418 reference",
    ]


def test_an_unchanged_copy_passes(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, iana_copy)
    assert result.code == 0, result.out
    assert "64 registered codes compared" in result.out


def test_crlf_line_endings_are_read_the_same(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    iana_copy.write_bytes(IANA.read_bytes().replace(b"\n", b"\r\n"))
    result = _run(cli, project, iana_copy)
    assert result.code == 0, result.out
    assert "64 registered codes compared" in result.out


def test_a_code_iana_registers_that_the_registry_lacks(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    line = _edit(
        iana_copy,
        "512-599,Unassigned,",
        '512-598,Unassigned,\n599,"Network Connect Timeout, Proxy",[RFC9999]',
    )
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert _unexplained(result.out) == [
        f"{iana_copy}:{line + 1}: 599 missing: IANA registers Network Connect Timeout, Proxy (permanent, [RFC9999]); the registry lacks it"
    ]
    assert "iana_deviations" in result.err


def test_a_code_in_the_registry_that_iana_lacks(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _edit(iana_copy, "425,Too Early,[RFC8470]\n", "")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert re.fullmatch(
        r"\S+http_status\.yaml:\d+: 425 state: the registry says permanent; IANA does not list the code",
        line,
    )


def test_an_unregistered_code_needs_its_reason(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    entry = (
        "\n  - code: 599\n    name: NETWORK_CONNECT_TIMEOUT\n    phrase: Network Connect Timeout Error\n"
        "    description: The proxy timed out\n    spec: {title: Example, rfc: 9999}\n    iana: unregistered\n"
    )
    with project.registry.open("a", encoding="utf-8") as registry:
        registry.write(entry)
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert [line.split(": ", 1)[1] for line in _unexplained(result.out)] == [
        "599 unregistered: IANA does not list the code"
    ]
    with project.registry.open("a", encoding="utf-8") as registry:
        registry.write(
            "    iana_deviations: {unregistered: a private code of our gateways}\n"
        )
    assert _run(cli, project, iana_copy).code == 0


def test_a_differing_phrase(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _edit(iana_copy, "404,Not Found,", "404,Not There,")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith("404 phrase: the registry says 'Not Found', IANA 'Not There'")


def test_a_differing_reference(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _edit(
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
    _edit(
        iana_copy,
        '404,Not Found,"[RFC9110, Section 15.5.5]"',
        '404,Not Found,"[RFC7231][RFC9110, Section 15.5.5]"',
    )
    assert _run(cli, project, iana_copy).code == 0
    _edit(iana_copy, '"[RFC7231][RFC9110, Section 15.5.5]"', "[RFC7231][RFC2616]")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    assert _unexplained(result.out)[0].endswith("IANA [RFC7231][RFC2616]")


def test_a_temporary_registration_past_its_expiry(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    # Without the recorded reason, the expiry is an unexplained difference.
    project.edit_registry(
        "    iana_deviations:\n      expired: >-\n",
        "    iana_notes:\n      expired: >-\n",
    )
    text = project.registry.read_text(encoding="utf-8")
    project.registry.write_text(
        re.sub(r"    iana_notes:\n      expired: >-\n(        .*\n)+", "", text),
        encoding="utf-8",
    )
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        "104 expired: the temporary registration expired on 2026-11-13"
    )
    assert _run(cli, project, iana_copy, today="2026-11-13").code == 0


def test_a_recorded_deviation_that_no_longer_applies(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, iana_copy, today="2026-01-01")
    assert result.code == 1
    (line,) = _unexplained(result.out)
    assert line.endswith(
        "104 stale: iana_deviations.expired is recorded, but there is no such difference; remove it"
    )


def test_a_differing_expiry(project: Project, cli, iana_copy: Path) -> None:  # type: ignore[no-untyped-def]
    _edit(iana_copy, "expires 2026-11-13", "expires 2027-11-13")
    result = _run(cli, project, iana_copy)
    assert result.code == 1
    lines = _unexplained(result.out)
    assert any(
        line.endswith(
            "104 state: the registry says temporary until 2026-11-13, IANA temporary until 2027-11-13"
        )
        for line in lines
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("Value,Description,Reference", "Code,Description,Reference", "header"),
        ("404,Not Found,", "4O4,Not Found,", "Value"),
        ("404,Not Found,", "404,Not Found,extra,", "row"),
    ],
)
def test_a_malformed_file_is_invalid_input(project: Project, cli, iana_copy: Path, old: str, new: str, field: str) -> None:  # type: ignore[no-untyped-def]
    line = _edit(iana_copy, old, new)
    result = _run(cli, project, iana_copy)
    assert result.code == 2
    assert result.err.startswith(f"{iana_copy}:{line}: {field}: ")
    assert "; expected" in result.err


def test_a_missing_file_is_invalid_input(project: Project, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _run(cli, project, tmp_path / "nothing.csv")
    assert result.code == 2
    assert "nothing.csv:1: file: does not exist" in result.err
