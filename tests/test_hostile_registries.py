"""Hostile registries, by class: each ends in exit 2 with `file:LINE: FIELD: ...; expected ...`
at the line an editor shows, no traceback, nothing written; valid text round-trips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    KINDS,
    PACKAGE,
    Project,
    assert_reported,
    import_generated,
    line_of,
    load_or_report,
)
from generator import files, validation
from generator.yamlsource import read_document

# Regressions and failure injection: in make test, not in the quick loop.
pytestmark = pytest.mark.slow

ENTRY = """\
  - code: 404
    name: NOT_FOUND
    phrase: Not Found
    description: Nothing matches the given URI
    spec: {title: HTTP Semantics, rfc: 9110, section: "15.5.5"}
    python_added: "3.5"
    iana: permanent
"""
HEADER = "# a registry of one entry\nstatuses:\n"
ENTRY_LINE = 3  # the line of "- code: 404"


def _registry(entry: str = ENTRY) -> str:
    return HEADER + entry


def _replace(old: str, new: str) -> str:
    assert old in ENTRY, old
    return _registry(ENTRY.replace(old, new, 1))


# (class, registry text, field, fragment of the message, the text whose line is reported)
CASES = [
    # 1. A value ending in a line break: $ matches only at the very end.
    (
        "line break, quoted",
        _replace("phrase: Not Found", 'phrase: "Not Found\\n"'),
        "phrase",
        "reason phrase",
        "phrase:",
    ),
    (
        "line break, folded",
        _replace("phrase: Not Found\n", "phrase: >\n      Not Found\n"),
        "phrase",
        "reason phrase",
        "phrase:",
    ),
    (
        "line break in a name",
        _replace("name: NOT_FOUND", 'name: "NOT_FOUND\\n"'),
        "name",
        "UPPER_SNAKE",
        "name:",
    ),
    (
        "line break in a section",
        _replace('section: "15.5.5"', 'section: "15.5.5\\n"'),
        "spec.section",
        "section number",
        "spec:",
    ),
    (
        "line break in python_added",
        _replace('python_added: "3.5"', 'python_added: "3.5\\n"'),
        "python_added",
        "CPython version",
        "python_added:",
    ),
    # 2. YAML 1.1 integer notations.
    (
        "octal RFC number",
        _replace("rfc: 9110", "rfc: 07231"),
        "spec.rfc",
        "YAML 1.1",
        "spec:",
    ),
    ("leading zero", _replace("code: 404", "code: 0624"), "code", "YAML 1.1", "- code"),
    (
        "digits with _",
        _replace("code: 404", "code: 4_04"),
        "code",
        "YAML 1.1",
        "- code",
    ),
    ("sexagesimal", _replace("code: 404", "code: 6:44"), "code", "YAML 1.1", "- code"),
    (
        "binary",
        _replace("code: 404", "code: 0b110010100"),
        "code",
        "YAML 1.1",
        "- code",
    ),
    (
        "YAML 1.1 boolean",
        _replace("iana: permanent", "iana: permanent\n    member: on"),
        "member",
        "only in YAML 1.1",
        "member:",
    ),
    # 3. Tags with values they cannot hold, huge numbers, deep nesting.
    (
        "!!int 404.0",
        _replace("code: 404", "code: !!int 404.0"),
        "code",
        "unsupported tag, or a value",
        "- code",
    ),
    (
        "!!int ''",
        _replace("code: 404", "code: !!int ''"),
        "code",
        "unsupported tag, or a value",
        "- code",
    ),
    (
        "!!float abc",
        _replace("code: 404", "code: !!float abc"),
        "code",
        "unsupported tag, or a value",
        "- code",
    ),
    (
        "!!bool maybe",
        _replace("phrase: Not Found", "phrase: !!bool maybe"),
        "phrase",
        "unsupported tag, or a value",
        "phrase:",
    ),
    (
        "4000 digits",
        _replace("code: 404", "code: " + "4" * 4000),
        "code",
        "number of 4000 characters",
        "- code",
    ),
    (
        "nesting",
        _replace("phrase: Not Found", "phrase: " + "[" * 500 + "]" * 500),
        "phrase",
        "nested more than",
        "phrase:",
    ),
    # 4. Aliases (and their exponential expansion).
    (
        "alias",
        _registry(
            ENTRY.replace("title: HTTP Semantics", "title: &t HTTP Semantics")
            + ENTRY.replace("code: 404", "code: 405")
            .replace("NOT_FOUND", "X")
            .replace("title: HTTP Semantics", "title: *t")
        ),
        "spec.title",
        "YAML alias",
        "title: *t",
    ),
    # 5. Characters an editor does not show as themselves, at the line it shows.
    (
        "ESC",
        _replace("Nothing matches", "Nothing\x1bmatches"),
        "character",
        "U+001B",
        "description:",
    ),
    (
        "form feed",
        _replace("Nothing matches", "Nothing\x0cmatches"),
        "character",
        "U+000C",
        "description:",
    ),
    (
        "NUL",
        _replace("Nothing matches", "Nothing\x00matches"),
        "character",
        "U+0000",
        "description:",
    ),
    (
        "DEL",
        _replace("Nothing matches", "Nothing\x7fmatches"),
        "character",
        "U+007F",
        "description:",
    ),
    (
        "C1",
        _replace("Nothing matches", "Nothing\x90matches"),
        "character",
        "U+0090",
        "description:",
    ),
    (
        "U+FFFE",
        _replace("Nothing matches", "Nothing\ufffematches"),
        "character",
        "U+FFFE",
        "description:",
    ),
    (
        "lone CR",
        _replace("Nothing matches", "Nothing\rmatches"),
        "character",
        "U+000D",
        "description:",
    ),
    (
        "U+2028",
        _replace("Nothing matches", "Nothing\u2028matches"),
        "character",
        "U+2028",
        "description:",
    ),
    (
        "U+2029 in a comment",
        _registry("  # a comment\u2029name: x\n" + ENTRY),
        "character",
        "U+2029",
        "# a comment",
    ),
    # 6. A literal NEL in double quotes, which YAML would turn into a space.
    (
        "NEL in quotes",
        _replace(
            "description: Nothing matches the given URI",
            'description: "Nothing\x85matches"',
        ),
        "character",
        "U+0085",
        "description:",
    ),
    # 8. Messages that say what is wrong.
    (
        "merge key",
        _registry(ENTRY.replace("    spec: {", "    <<: {rfc: 1}\n    spec: {")),
        "entry",
        "merge key",
        "<<:",
    ),
    (
        "tab indentation",
        _replace("    phrase: Not Found", "\tphrase: Not Found"),
        "syntax",
        "tab",
        "\tphrase",
    ),
    (
        "C1 escape in a phrase",
        _replace("phrase: Not Found", 'phrase: "Not\\x85Found"'),
        "phrase",
        "no line break or other control character",
        "phrase:",
    ),
    (
        "tag on a mapping",
        _replace("spec: {", "spec: !!python/object:os.system {"),
        "spec",
        "unsupported tag",
        "spec:",
    ),
    (
        "tag on a list",
        _registry("  # x\n").replace("statuses:\n", "statuses: !!set\n") + ENTRY,
        "statuses",
        "unsupported tag",
        "statuses:",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "field", "fragment", "where"), CASES, ids=[c[0] for c in CASES]
)
def test_hostile_registry_is_reported(project: Project, cli, case: str, text: str, field: str, fragment: str, where: str) -> None:  # type: ignore[no-untyped-def]
    project.registry.write_text(text, encoding="utf-8", newline="")
    assert_reported(
        project, cli, project.registry, line_of(text, where), field, fragment
    )


def test_a_huge_number_is_not_echoed(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    project.registry.write_text(_replace("code: 404", "code: " + "4" * 4000))
    err = assert_reported(
        project, cli, project.registry, ENTRY_LINE, "code", "4000 characters"
    )
    assert len(err) < 400


def test_alias_expansion_does_not_blow_up(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """280 bytes of nested anchors once took 52 s and 2.4 GB."""
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        laughs.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    project.registry.write_text("\n".join(laughs) + "\nstatuses: *a11\n")
    assert_reported(project, cli, project.registry, 2, "entry", "YAML alias")
    # The work done is bounded by the text, not by the expansion: each alias is
    # read once, as a reported problem, never followed.
    document = read_document(project.registry, "r", "statuses")
    assert len(document.lines) < 200


def test_a_hundred_thousand_entries_stop_early(project: Project, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    entries = "".join(f"  - {{code: {100 + n % 500}}}\n" for n in range(100_000))
    project.registry.write_text("statuses:\n" + entries)

    def judging(real):  # type: ignore[no-untyped-def]
        def judged(document, *arguments):  # type: ignore[no-untyped-def]
            assert len(str(document.data)) < 1_000_000, "judged one by one"
            return real(document, *arguments)

        return judged

    for name in ("_schema_problems", "_cross_entry_problems"):
        monkeypatch.setattr(validation, name, judging(getattr(validation, name)))
    assert_reported(
        project,
        cli,
        project.registry,
        2,
        "statuses",
        "has 100000 entries; expected at most 500",
    )


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_registry_that_is_not_a_file(project: Project, cli, kind: str) -> None:  # type: ignore[no-untyped-def]
    project.registry.unlink()
    if kind == "fifo":
        os.mkfifo(project.registry)
    elif kind == "device":
        project.registry.symlink_to("/dev/zero")
    else:
        project.registry.mkdir()
    assert_reported(project, cli, project.registry, 0, "file", "not a regular file")


def test_an_iana_file_that_is_not_a_file(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("iana", "--iana", "status=/dev/zero")
    assert result.code == 2
    assert result.err.startswith("/dev/zero: file: is not a regular file")


def test_control_characters_in_iana_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "iana.csv"
    copy.write_text("Value,Description,Reference\n404,Not\x1bFound,[RFC9110]\n")
    result = cli("iana", "--iana", f"status={copy}")
    assert result.code == 2
    assert result.err.startswith(f"{copy}:2: character: U+001B")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("phrase: !!str 404", "404"),
        ("phrase: '1e3'", "1e3"),
        ("phrase:\tNot Found", "Not Found"),
        ('phrase: "Not\\tFound"', "Not\tFound"),
        ('phrase: "Caf\\xe9"', "Caf\u00e9"),
    ],
)
def test_valid_text_is_read_as_written(project: Project, cli, written: str, read: str) -> None:  # type: ignore[no-untyped-def]
    project.registry.write_text(_replace("phrase: Not Found", written))
    assert cli("generate", *project.paths()).code == 0
    module = import_generated(project.generated / PACKAGE.name, "_http_status_enum")
    assert module.HTTPStatus(404).phrase == read


@pytest.mark.parametrize(
    "failure",
    [
        OSError(28, "No space left on device"),
        PermissionError(13, "Permission denied", "/x/generated/.http_status.py.1.tmp"),
    ],
    ids=["disk full", "read-only folder"],
)
def test_a_write_failure_names_the_output(project: Project, cli, monkeypatch: pytest.MonkeyPatch, failure: OSError) -> None:  # type: ignore[no-untyped-def]
    project.edit_registry(
        "description: Nothing matches the given URI\n",
        "description: Nothing matches the URI\n",
    )

    def failing(*arguments: object, **keywords: object) -> str:
        raise failure

    monkeypatch.setattr(files, "_write_temporary", failing)
    before = project.snapshot()
    result = cli("generate", *project.paths())
    assert result.code == 2
    assert result.err.startswith(f"{project.package / '_http_status_enum.py'}: ")
    assert failure.strerror in result.err and ".tmp" not in result.err
    assert project.snapshot() == before


# Lines of YAML from the classes above, shuffled into documents of registry shape.
FRAGMENTS = [
    "  - code: 404\n",
    "    code: 0624\n",
    "    code: !!int 404.0\n",
    "    name: NOT_FOUND\n",
    "    phrase: >\n      Not Found\n",
    '    phrase: "Not\\x85Found"\n',
    "    phrase: !!str 404\n",
    "    description: a\x1bb\n",
    "    description: a\u2028b\n",
    "    description: &x text\n",
    "    description: *x\n",
    "    <<: {code: 1}\n",
    '    spec: {title: T, rfc: 07231, section: "1\\n"}\n',
    "    spec: !!python/object:os.system {title: T}\n",
    "    iana: permanent\n",
    "\tiana: permanent\n",
    "    x: " + "[" * 40 + "]" * 40 + "\n",
    "# comment\u2029more\n",
    "\r",
]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_any_mix_of_hostile_fragments_is_read_or_reported(fragments: list[str]) -> None:
    text = "statuses:\n" + "".join(fragments)
    load_or_report(text.encode("utf-8"), with_lines=text.count("\n") + 1)


@pytest.mark.parametrize(
    ("written", "fragment"),
    [("- As of: last spring", "'last spring'"), ("- Taken: 2025-09-15", "As of")],
    ids=["not a date", "no such line"],
)
def test_a_vendored_file_s_date_must_be_one(project: Project, cli, written: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    """The date each export gives for IANA's registry comes from the provenance of
    the vendored file: a line that is not a date, or none, is reported, and nothing
    is written."""
    kind = KINDS[0]
    readme = project.iana_of(kind).parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text.index(f"`{kind.iana.file}`")
    start = text.index("- As of: ", section)
    end = text.index("\n", start)
    readme.write_text(text[:start] + written + text[end:], encoding="utf-8")
    line = text.count("\n", 0, start) + 1 if written.startswith("- As of") else 0
    assert_reported(project, cli, readme, line, "As of", fragment)
