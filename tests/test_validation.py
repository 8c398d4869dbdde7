"""Every invalid registry: exit 2, one `file:line: field: problem; expectation` line each, nothing written.

What every command does with a registry's problems is checked through the commands;
each kind of problem, on the report of the registry's own load (which is what the
commands print), in a copy of that registry alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import (
    KINDS,
    METHODS,
    REGISTRIES,
    ROOT,
    STATUSES,
    Kind,
    Project,
    assert_registry_reports,
    assert_reported,
    edit,
    line_of,
)
from generator.cli import EXITS


def _copy(kind: Kind, folder: Path) -> Path:
    """A copy of the kind's committed registry, alone in `folder`."""
    path = folder / kind.registry
    shutil.copyfile(ROOT / "data" / kind.registry, path)
    return path


RENAME = (
    '        renamed_in: "3.13"\n'
    '        renamed_by: {title: HTTP Semantics, rfc: 9110, section: "15.5.14"}\n'
)
# (case, old text, new text, expected field, fragment of the message, line offset
# from the line where the new text starts)
CASES = [
    (
        "a name CPython does not give the code",
        "    name: NOT_FOUND\n",
        "    name: NOT_THERE\n",
        "name",
        "CPython's name for 404 is NOT_FOUND (data/cpython/httpstatus.tsv)",
        0,
    ),
    (
        "phrase read as a boolean",
        "phrase: Not Found\n",
        "phrase: No\n",
        "phrase",
        "boolean false",
        0,
    ),
    (
        "phrase read as a boolean (Yes)",
        "phrase: Not Found\n",
        "phrase: Yes\n",
        "phrase",
        "boolean true",
        0,
    ),
    (
        "phrase read as a boolean (On)",
        "phrase: Not Found\n",
        "phrase: On\n",
        "phrase",
        "boolean true",
        0,
    ),
    (
        "phrase read as null",
        "phrase: Not Found\n",
        "phrase: null\n",
        "phrase",
        "no value",
        0,
    ),
    (
        "phrase read as a number",
        "phrase: Not Found\n",
        "phrase: 404\n",
        "phrase",
        "the number 404",
        0,
    ),
    (
        "phrase read as a float",
        "phrase: Not Found\n",
        "phrase: 1e3\n",
        "phrase",
        "decimal number",
        0,
    ),
    (
        "code read as a boolean",
        "code: 404\n",
        "code: true\n",
        "code",
        "boolean true",
        0,
    ),
    ("code as a string", "code: 404\n", 'code: "404"\n', "code", "without quotes", 0),
    (
        "code as a float",
        "code: 404\n",
        "code: 404.0\n",
        "code",
        "decimal number 404.0",
        0,
    ),
    ("code below 100", "code: 404\n", "code: 99\n", "code", "from 100 to 599", 0),
    ("code above 599", "code: 511\n", "code: 600\n", "code", "from 100 to 599", 0),
    (
        "same code twice",
        "code: 405\n",
        "code: 404\n",
        "code",
        "404 is already used at line",
        0,
    ),
    (
        "codes out of order",
        "code: 404\n",
        "code: 399\n",
        "code",
        "ascending code order",
        0,
    ),
    (
        "unknown field",
        "    description: Nothing matches",
        "    descripton: Nothing matches",
        "descripton",
        "did you mean 'description'",
        0,
    ),
    ("missing field", "    phrase: Not Found\n", "", "phrase", "is missing", -2),
    (
        "duplicate key",
        "    phrase: Not Found\n",
        "    phrase: Not Found\n    phrase: Not Found\n",
        "phrase",
        "duplicate key",
        1,
    ),
    (
        "same name twice",
        "name: METHOD_NOT_ALLOWED\n",
        "name: NOT_FOUND\n",
        "name",
        "NOT_FOUND is already used",
        0,
    ),
    (
        "alias equal to another name",
        "      - name: UNPROCESSABLE_ENTITY\n",
        "      - name: NOT_FOUND\n",
        "aliases[0]",
        "aliases included",
        0,
    ),
    (
        "alias equal to its own name",
        "      - name: REQUEST_ENTITY_TOO_LARGE\n",
        "      - name: CONTENT_TOO_LARGE\n",
        "aliases[0]",
        "own name",
        0,
    ),
    (
        "lower-case name",
        "name: NOT_FOUND\n",
        "name: not_found\n",
        "name",
        "UPPER_SNAKE",
        0,
    ),
    (
        "name with a leading underscore",
        "name: NOT_FOUND\n",
        "name: _NOT_FOUND\n",
        "name",
        "UPPER_SNAKE",
        0,
    ),
    (
        "name that is not an identifier",
        "name: NOT_FOUND\n",
        "name: NOT-FOUND\n",
        "name",
        "UPPER_SNAKE",
        0,
    ),
    (
        "phrase with CR LF",
        "phrase: Not Found\n",
        'phrase: "Not Found\\r\\nSet-Cookie: a=b"\n',
        "phrase",
        "reason phrase",
        0,
    ),
    (
        "phrase with a control character",
        "phrase: Not Found\n",
        'phrase: "Not\\x00Found"\n',
        "phrase",
        "reason phrase",
        0,
    ),
    (
        "empty phrase",
        "phrase: Not Found\n",
        'phrase: ""\n',
        "phrase",
        "reason phrase",
        0,
    ),
    (
        "RFC number not positive",
        'rfc: 9110, section: "15.5.5"',
        'rfc: 0, section: "15.5.5"',
        "spec.rfc",
        "positive whole number",
        0,
    ),
    (
        "RFC number as text",
        'rfc: 9110, section: "15.5.5"',
        'rfc: RFC9110, section: "15.5.5"',
        "spec.rfc",
        "positive whole number",
        0,
    ),
    (
        "section read as a number",
        'section: "15.5.5"',
        "section: 15.5",
        "spec.section",
        "put it in quotes",
        0,
    ),
    (
        "malformed section",
        'section: "15.5.5"',
        'section: "15..5"',
        "spec.section",
        "section number",
        0,
    ),
    (
        "both rfc and draft",
        'rfc: 9110, section: "15.5.5"',
        'rfc: 9110, draft: draft-a-b, section: "15.5.5"',
        "spec",
        "exactly one of rfc, draft or link",
        0,
    ),
    (
        "unknown IANA state",
        "iana: permanent\n\n  - code: 405",
        "iana: permament\n\n  - code: 405",
        "iana",
        "one of permanent",
        0,
    ),
    (
        "temporary without expiry",
        "    cacheable: true\n    iana: permanent\n\n  - code: 405",
        "    cacheable: true\n    iana: temporary\n\n  - code: 405",
        "iana_expires",
        "is missing",
        -6,
    ),
    (
        "a code without content not marked",
        "    cacheable: true\n    without_content: true\n",
        "    cacheable: true\n",
        "without_content",
        "is not true for 204; expected true: 1xx, 204 and 304 never carry content",
        -6,
    ),
    (
        "content marked absent for a code with content",
        "    cacheable: true\n    iana: permanent\n\n  - code: 201",
        "    cacheable: true\n    without_content: true\n    iana: permanent\n\n  - code: 201",
        "without_content",
        "is true for 200; expected it only on 1xx, 204 and 304",
        1,
    ),
    (
        "an unofficial code marked cacheable",
        "    member: false\n    iana: unregistered\n\n  - code: 500",
        "    cacheable: true\n    member: false\n    iana: unregistered\n\n  - code: 500",
        "cacheable",
        "is true for an unofficial code",
        0,
    ),
    (
        "impossible expiry date",
        "    cacheable: true\n    iana: permanent\n",
        "    cacheable: true\n    iana: temporary\n    iana_expires: 2026-02-30\n",
        "iana_expires",
        "not a calendar date",
        2,
    ),
    (
        "lone surrogate escape",
        "description: Nothing matches the given URI",
        'description: "Nothing \\ud800 matches"',
        "syntax",
        "invalid Unicode character escape",
        0,
    ),
    (
        "unsupported YAML tag",
        "phrase: Not Found\n",
        "phrase: !!python/name:os.system\n",
        "phrase",
        "unsupported tag",
        0,
    ),
    (
        "YAML syntax error",
        "    phrase: Not Found\n",
        "    phrase: Not: Found\n",
        "syntax",
        "column 16",
        0,
    ),
    (
        "tab indentation",
        "    phrase: Not Found\n",
        "\tphrase: Not Found\n",
        "syntax",
        "tab character that violates indentation",
        0,
    ),
    (
        "alias record: renamed_in read as a number",
        '        renamed_in: "3.13"\n',
        "        renamed_in: 3.13\n",
        "aliases[0].renamed_in",
        "the decimal number 3.13, not text",
        0,
    ),
    (
        "alias record without renamed_by",
        RENAME,
        '        renamed_in: "3.13"\n',
        "aliases[0].renamed_by",
        "is missing; expected a mapping with title",
        -1,
    ),
    (
        "alias record with a misspelt key",
        '        renamed_in: "3.13"\n',
        '        renamed_inn: "3.13"\n',
        "aliases[0].renamed_inn",
        "did you mean 'renamed_in'",
        0,
    ),
    (
        "alias record with only a name",
        RENAME,
        "",
        "aliases[0].renamed_by",
        "is missing; expected a mapping with title",
        -1,
    ),
    (
        "alias neither a name nor a record",
        "      - name: REQUEST_ENTITY_TOO_LARGE\n" + RENAME,
        "      - 413\n",
        "aliases[0]",
        "got the number 413; expected an UPPER_SNAKE name, or a mapping",
        0,
    ),
    (
        "phrase with a trailing space",
        "phrase: Not Found\n",
        'phrase: "Not Found "\n',
        "phrase",
        "'Not Found ' starts or ends with whitespace",
        0,
    ),
    (
        "phrase with a leading tab",
        "phrase: Not Found\n",
        'phrase: "\\tNot Found"\n',
        "phrase",
        "starts or ends with whitespace",
        0,
    ),
    (
        "description folded with its final line break",
        "description: Nothing matches the given URI\n",
        "description: >\n      Nothing matches the given URI\n",
        "description",
        "'Nothing matches the given URI\\n' starts or ends with whitespace",
        0,
    ),
    (
        "an empty description: a missing one is left out",
        "description: Nothing matches the given URI\n",
        'description: ""\n',
        "description",
        "got ''; expected a text that is not empty",
        0,
    ),
    (
        "source name padded",
        "      name: nginx\n",
        '      name: " nginx"\n',
        "source.name",
        "starts or ends with whitespace",
        0,
    ),
]


def test_every_command_reports_an_invalid_registry_alike(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    line = project.edit_registry("phrase: Not Found\n", "phrase: No\n")
    assert_reported(
        project,
        cli,
        project.registry,
        line,
        "phrase",
        "boolean false",
        ("validate", "check", "generate"),
    )


def test_not_utf8(tmp_path: Path) -> None:
    path = _copy(STATUSES.kind, tmp_path)
    text = path.read_text(encoding="utf-8")
    line = line_of(text, "phrase: Not Found")
    path.write_bytes(
        text.replace("phrase: Not Found", "phrase: Not Fo\u00e9und").encode("latin-1")
    )
    assert_registry_reports(STATUSES.kind, path, line, "encoding", "byte 0xe9")


def test_missing_file(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    project.registry.unlink()
    assert_reported(project, cli, project.registry, 0, "file", "does not exist")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / STATUSES.kind.registry
    path.write_text("# nothing here yet\n", encoding="utf-8")
    assert_registry_reports(STATUSES.kind, path, 0, "file", "is empty")


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        ("- code: 404\n", "top level", "got a list"),
        ("statuses: 404\n", "statuses", "a list of status code entries"),
        ("statuses:\n  - 404\n", "entry", "a mapping of fields"),
        ("status:\n  - code: 404\n", "status", "did you mean 'statuses'"),
        (
            "statuses: &entries [*entries]\n",
            "entry",
            "refers to itself through a YAML alias",
        ),
    ],
)
def test_top_level_of_the_wrong_shape(
    tmp_path: Path, text: str, field: str, fragment: str
) -> None:
    path = tmp_path / STATUSES.kind.registry
    path.write_text(text, encoding="utf-8")
    line = 2 if text.startswith("statuses:\n") else 1
    assert_registry_reports(STATUSES.kind, path, line, field, fragment)


def test_every_problem_is_reported_in_line_order(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    last = STATUSES.entries[-1].code
    project.edit_registry(f"code: {last}\n", "code: 600\n")
    project.edit_registry("phrase: Not Found\n", "phrase: No\n")
    project.edit_registry("    phrase: Gone\n", "    phrase: Gone\n    phrase: Gone\n")
    project.edit_registry(
        "    description: Request received", "    descripton: Request received"
    )
    result = cli("validate", *project.paths("validate"))
    assert result.code == 2
    lines = result.err.splitlines()
    fields = [line.split(": ")[1] for line in lines]
    # A duplicate key does not hide the problems after it.
    assert fields == ["description", "descripton", "phrase", "phrase", "code"], lines
    assert "duplicate key" in lines[3]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


@pytest.mark.slow  # processes of their own
def test_no_traceback_from_the_command_line(project: Project) -> None:
    project.edit_registry("phrase: Not Found\n", "phrase: Off\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", *project.paths()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert re.fullmatch(
        r"\S+http_status\.yaml:\d+: phrase: 'Off' is the boolean false .*\n",
        result.stderr,
    )


@pytest.mark.slow  # processes of their own
def test_usage_errors_exit_2() -> None:
    for arguments in ([], ["frobnicate"], ["check", "--no-such-option"]):
        result = subprocess.run(
            [sys.executable, "-m", "generator", *arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2, arguments
        assert "usage:" in result.stderr


def test_help_documents_the_exit_codes(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        cli("--help")
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    assert re.search(r"^\s+0\s+success", help_text, re.MULTILINE)
    assert re.search(r"^\s+1\s+check:", help_text, re.MULTILINE)
    assert re.search(r"^\s+2\s+invalid input", help_text, re.MULTILINE)


@pytest.mark.parametrize(
    "command", ["generate", "check", "validate", "iana", "iana-update"]
)
def test_each_command_s_help_gives_its_own_exit_statuses(cli, capsys, command: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        cli(command, "--help")
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    statuses = re.findall(
        r"^  ([012])  ", help_text.split("exit status:")[1], re.MULTILINE
    )
    # 1 only where the command can find something to report: a stale file, an
    # unexplained difference from IANA.
    assert statuses == (
        ["0", "1", "2"] if command in ("check", "iana", "iana-update") else ["0", "2"]
    )
    assert "registry and templates" not in help_text


def test_a_misspelt_command_gets_a_suggestion(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        cli("genrate")
    assert exited.value.code == 2
    assert "did you mean 'generate'?" in capsys.readouterr().err


def test_version_is_the_project_s(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    import tomllib

    with pytest.raises(SystemExit):
        cli("--version")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = project["project"]["version"]
    assert capsys.readouterr().out.strip().endswith(f"http-registries {version}")


def test_the_committed_registry_is_valid(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"{os.path.relpath(ROOT / registry.path)}: valid ({len(registry.entries)} "
        "entries"
        + (f", {len(registry.members)} enum members)" if registry.kind.enum else ")")
        for registry in REGISTRIES.values()
    ]


def test_the_schema_file_is_what_the_validator_uses(project: Project, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The validator reads data/http_status.schema.json rather than repeating it."""
    from generator import registry

    schema = (ROOT / "data" / "http_status.schema.json").read_text(encoding="utf-8")
    stricter = tmp_path / "stricter.schema.json"
    stricter.write_text(
        schema.replace('"maximum": 599', '"maximum": 499'), encoding="utf-8"
    )
    with pytest.raises(registry.InputError) as raised:
        registry.load_registry(
            STATUSES.kind, project.registry, STATUSES.path, schema_path=stricter
        )
    assert all(problem.field == "code" for problem in raised.value.problems)
    assert len(raised.value.problems) == sum(
        1 for status in STATUSES.entries if status.code >= 500
    )


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_schema_is_a_valid_json_schema(kind) -> None:  # type: ignore[no-untyped-def]
    """Editors load it too; a broken schema would fail them silently."""
    import jsonschema

    from generator.registry import schema_document

    jsonschema.Draft202012Validator.check_schema(schema_document(kind))


# Values of each type the schemas tell apart.
WRONG = [None, True, -1, 1.5, "", " padded", "x", [], [1], {}, {"x": 1}]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_references_applied_in_place_find_what_the_schema_finds(
    kind: Kind, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validator applies a registry's schema with each reference replaced by
    what it refers to (jsonschema would look it up again at every value): nothing
    is left to look up, and every problem of a damaged registry is reported exactly
    as through the references."""
    import collections
    import copy
    import json

    from generator import validation
    from generator.registry import schema_document
    from generator.yamlsource import Document, read_document

    schema = schema_document(kind)
    inlined = validation._inlined(schema)
    applied = {key: value for key, value in inlined.items() if key != "$defs"}
    assert '"$ref"' not in json.dumps(applied)
    assert '"$ref"' in json.dumps(schema)  # or there was nothing to replace

    document = read_document(ROOT / "data" / kind.registry, "r", kind.entries)
    entries = copy.deepcopy(document.data[kind.entries])
    for index, entry in enumerate(entries):
        field = sorted(entry)[index % len(entry)]
        if index % 3 == 0:
            del entry[field]  # missing, where it is required
        else:
            entry[field] = copy.deepcopy(WRONG[index % len(WRONG)])
        if index % 5 == 0:
            entry["x_unknown"] = 1
    # The keys put in have no line of their own: 0.
    key_lines = collections.defaultdict(int, document.key_lines)
    damaged = Document({kind.entries: entries}, document.lines, key_lines, [])
    found = validation._schema_problems(damaged, schema, "r")
    assert len(found) >= len(entries) // 2
    monkeypatch.setattr(validation, "_inlined", lambda schema: schema)
    assert [str(problem) for problem in found] == [
        str(problem) for problem in validation._schema_problems(damaged, schema, "r")
    ]


# The method registry goes through the same reader and validator.
METHOD_CASES = [
    (
        "a table row for a method that is not a member",
        "    member: false\n    iana: permanent\n\n  - method: BASELINE-CONTROL",
        "    member: false\n    docs_row: 10\n    iana: permanent\n\n  - method: BASELINE-CONTROL",
        "docs_row",
        "is given for an entry that is not a member",
        1,
    ),
    (
        "an undeclarable table difference",
        "    docs_row: 1\n",
        "    docs_row: 1\n    docs_deviations: {order: it differs}\n",
        "docs_deviations",
        "unknown key; expected one of row, name, details",
        1,
    ),
    (
        "not a token",
        "  - method: GET\n",
        '  - method: "G ET"\n',
        "method",
        "a token",
        0,
    ),
    (
        "lower case is another method",
        "  - method: GET\n    name: GET\n",
        "  - method: get\n    name: GET\n",
        "method",
        "HEAD comes after get",
        "  - method: HEAD\n",  # reported at the entry that is out of order
    ),
    (
        "flag as text",
        "    safe: true\n",
        '    safe: "yes"\n',
        "safe",
        "true or false",
        0,
    ),
    (
        "flag read as YAML 1.1 boolean",
        "    safe: true\n",
        "    safe: yes\n",
        "safe",
        "only in YAML 1.1",
        0,
    ),
    (
        "same method twice",
        "  - method: HEAD\n",
        "  - method: GET\n",
        "method",
        "already used",
        0,
    ),
    ("member without a name", "    name: GET\n", "", "name", "is missing", -1),
    (
        "a name CPython does not give the method",
        "    name: GET\n",
        "    name: FETCH\n",
        "name",
        "CPython's name for GET is GET (data/cpython/httpmethod.tsv)",
        0,
    ),
    (
        "safe but not idempotent",
        "    safe: true\n    idempotent: true\n",
        "    safe: true\n    idempotent: false\n",
        "idempotent",
        "every safe method is idempotent (RFC 9110, Section 9.2.2)",
        1,
    ),
    (
        "an empty description: a missing one is left out",
        "description: Retrieve the target.\n",
        'description: ""\n',
        "description",
        "got ''; expected a text that is not empty",
        0,
    ),
    (
        "description with a trailing space",
        "description: Retrieve the target.\n",
        'description: "Retrieve the target. "\n',
        "description",
        "starts or ends with whitespace",
        0,
    ),
]


@pytest.mark.parametrize(
    ("kind", "case", "old", "new", "field", "fragment", "offset"),
    [(STATUSES.kind, *case) for case in CASES]
    + [(METHODS.kind, *case) for case in METHOD_CASES],
    ids=[f"status: {case[0]}" for case in CASES]
    + [f"method: {case[0]}" for case in METHOD_CASES],
)
def test_an_invalid_registry_is_reported(tmp_path: Path, kind, case, old, new, field, fragment, offset) -> None:  # type: ignore[no-untyped-def]
    path = _copy(kind, tmp_path)
    text = path.read_text(encoding="utf-8")
    line = edit(path, old, new)
    if isinstance(offset, str):  # the line of another text
        line = line_of(text, offset)
    else:
        line += offset
    assert_registry_reports(kind, path, line, field, fragment)


@pytest.mark.parametrize(
    "text, hint",
    [
        ("statuses:\n  - code: 100\n    phrase: a: b\n", "which needs quotes"),
        ("statuses:\n  - code: 100\n     phrase: x\n", "indented"),
        ("statuses:\n  - code: 100\n  phrase: x\n", "indented"),
    ],
    ids=["an unquoted colon", "indented deeper", "indented less"],
)
def test_a_yaml_syntax_error_says_its_usual_cause(
    tmp_path: Path, text: str, hint: str
) -> None:
    path = tmp_path / STATUSES.kind.registry
    path.write_text(text, encoding="utf-8")
    report = assert_registry_reports(STATUSES.kind, path, 3, "syntax", hint)
    assert any("expected valid YAML" in line for line in report)


def test_a_date_that_is_not_one_says_the_form_it_needs(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit:
        cli("iana", "--today", "yesterday")
    assert exit.value.code == 2
    assert "'yesterday' is not a date; expected YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], *([name] for name in EXITS)], ids=str)
def test_help_fits_80_columns_and_keeps_addresses_whole(cli, capsys, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        cli(*command, "--help")
    text = capsys.readouterr().out
    for line in text.splitlines():
        # Only a line that holds a whole address may run past 80 columns.
        assert len(line) <= 80 or re.search(r"https://\S+\)?$", line), line
    for kind in KINDS:
        if command == ["iana-update"]:
            assert kind.iana.url in text
