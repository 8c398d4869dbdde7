"""The generated reStructuredText tables against CPython's own, cell for cell.

data/cpython/http-tables.rst is a copy of the tables of CPython's Doc/library/http.rst.
Both are parsed with docutils; every difference must be declared, with its reason, under
the docs_deviations of the registry entry it concerns, and is reported by row and column
when it is not.
"""

from __future__ import annotations

import dataclasses
import io
import re
import textwrap
from dataclasses import dataclass

import docutils.core
import docutils.nodes
import pytest
from docutils.parsers.rst import Directive, directives

from conftest import GENERATED, METHODS, ROOT, STATUSES, Project
from generator.registry import Registry, load_registry

CPYTHON = ROOT / "data" / "cpython" / "http-tables.rst"
# The columns a registry entry may declare a difference in, as docs_deviations names them.
ASPECTS = {"Enum Name": "name", "Details": "details"}


class _VersionNote(Directive):
    """Sphinx's versionadded and versionchanged, for plain docutils: a paragraph of
    the directive's name, version and text, as written. As in Sphinx, the text may
    follow the version without a blank line, as a second argument."""

    has_content = True
    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[docutils.nodes.Node]:
        text = " ".join(" ".join([*self.arguments[1:], *self.content]).split())
        note = docutils.nodes.paragraph(text=f"{self.name} {self.arguments[0]}: {text}")
        note["classes"].append("version-note")
        return [note]


directives.register_directive("versionadded", _VersionNote)
directives.register_directive("versionchanged", _VersionNote)


@dataclass
class Table:
    header: list[str]
    rows: dict[str, list[str]]  # by the text of the first cell


def parse(text: str) -> tuple[list[Table], list[str]]:
    """The tables of a page and its version notes; any docutils warning fails."""
    doctree = docutils.core.publish_doctree(
        text,
        settings_overrides={
            "report_level": 2,
            "halt_level": 2,
            "warning_stream": io.StringIO(),
        },
    )
    tables = []
    for table in doctree.findall(docutils.nodes.table):
        rows = [
            [
                " ".join(entry.astext().split())
                for entry in row.findall(docutils.nodes.entry)
            ]
            for row in table.findall(docutils.nodes.row)
        ]
        tables.append(Table(rows[0], {row[0]: row for row in rows[1:]}))
    notes = [
        paragraph.astext()
        for paragraph in doctree.findall(docutils.nodes.paragraph)
        if "version-note" in paragraph["classes"]
    ]
    return tables, notes


def differences(ours: Table, theirs: Table, registry: Registry | None) -> list[str]:
    """Every undeclared difference of the generated table from CPython's, and every
    declaration with no difference, one line each."""
    entries = {str(entry.key): entry for entry in registry.members} if registry else {}
    found: list[str] = []
    seen: set[tuple[str, str]] = set()

    def differ(key: str, aspect: str, message: str) -> None:
        entry = entries.get(key)
        seen.add((key, aspect))
        if entry is None or aspect not in entry.docs_deviations:
            where = f" ({registry.path}:{entry.line})" if registry and entry else ""
            found.append(f"{key} {message}{where}, not declared in docs_deviations")

    if ours.header != theirs.header:
        found.append(f"header: generated {ours.header}, CPython {theirs.header}")
    for key, row in ours.rows.items():
        if key not in theirs.rows:
            differ(key, "row", "row: a row CPython's table lacks")
            continue
        for column, mine, cpythons in zip(ours.header, row, theirs.rows[key]):
            if mine != cpythons:
                aspect = ASPECTS.get(column, column)
                differ(
                    key, aspect, f"{column}: generated {mine!r}, CPython {cpythons!r}"
                )
    found += [
        f"{key} row: only CPython's table has it"
        for key in theirs.rows
        if key not in ours.rows
    ]
    common = [key for key in ours.rows if key in theirs.rows]
    if common != [key for key in theirs.rows if key in ours.rows]:
        found.append(f"row order: generated {common}, CPython {list(theirs.rows)}")
    for key, entry in entries.items():
        for aspect in entry.docs_deviations:
            if (key, aspect) not in seen:
                found.append(
                    f"{key} docs_deviations.{aspect} is declared ({registry.path}:"  # type: ignore[union-attr]
                    f"{entry.line_of('docs_deviations')}), but there is no such difference; remove it"
                )
    return found


CPYTHON_TABLES, CPYTHON_NOTES = parse(CPYTHON.read_text(encoding="utf-8"))
STATUS_TABLES, STATUS_NOTES = parse(
    (GENERATED / "status-codes.rst").read_text(encoding="utf-8")
)
(METHOD_TABLE,), _ = parse((GENERATED / "http-methods.rst").read_text(encoding="utf-8"))
# CPython's page: the status table, the category table, the method table.
CPYTHON_STATUS, CPYTHON_CATEGORIES, CPYTHON_METHODS = CPYTHON_TABLES


def test_the_status_table_is_cpythons() -> None:
    status_table, _ = STATUS_TABLES
    assert differences(status_table, CPYTHON_STATUS, STATUSES) == []


def test_the_category_table_is_cpythons() -> None:
    _, category_table = STATUS_TABLES
    assert differences(category_table, CPYTHON_CATEGORIES, None) == []


def test_the_method_table_is_cpythons_but_for_what_the_registry_declares() -> None:
    assert differences(METHOD_TABLE, CPYTHON_METHODS, METHODS) == []
    declared = {str(method.key) for method in METHODS.members if method.docs_deviations}
    assert declared, "the method registry declares no difference; is QUERY in CPython?"


def test_cpythons_notes_are_generated() -> None:
    assert CPYTHON_NOTES, "the copy of CPython's tables holds no note"
    assert set(CPYTHON_NOTES) <= set(STATUS_NOTES)
    # One versionadded note per CPython version that added members.
    added = [note for note in STATUS_NOTES if note.startswith("versionadded")]
    assert len(added) == len(STATUSES.additions)


@pytest.mark.parametrize(
    ("row", "old", "new", "expected"),
    [
        ("404", "Section 15.5.5", "Section 15.5.4", "404 Details: generated"),
        (
            "404",
            "``NOT_FOUND``",
            "``NOT_THERE``",
            "404 Enum Name: generated 'NOT_FOUND'",
        ),
    ],
)
def test_a_changed_cell_fails_with_its_name(
    row: str, old: str, new: str, expected: str
) -> None:
    text = CPYTHON.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"``{row}``"))
    (changed, *_), _ = parse(text.replace(line, line.replace(old, new)))
    status_table, _ = STATUS_TABLES
    # Only the changed row's: what the committed registry gives otherwise is
    # test_the_status_table_is_cpythons's to name.
    (found,) = [
        found
        for found in differences(status_table, changed, STATUSES)
        if found.startswith(f"{row} ")
    ]
    assert found.startswith(expected), found
    assert f"({STATUSES.path}:" in found and "not declared" in found


def test_an_undeclared_row_and_a_stale_declaration_are_named() -> None:
    members = {str(method.key): method for method in METHODS.members}
    undeclared = dataclasses.replace(members["QUERY"], docs_deviations={})
    stale = dataclasses.replace(
        members["GET"], docs_deviations={"details": "no reason"}
    )
    registry = dataclasses.replace(
        METHODS,
        entries=tuple(
            {"QUERY": undeclared, "GET": stale}.get(str(entry.key), entry)
            for entry in METHODS.entries
        ),
    )
    found = differences(METHOD_TABLE, CPYTHON_METHODS, registry)
    assert [line.split(":")[0] for line in found] == [
        "QUERY row",
        "GET docs_deviations.details is declared (data/http_method.yaml",
    ]


@pytest.mark.slow  # two generates, formatting anew
def test_a_new_code_is_a_row_to_declare(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """A new member, with its docs_deviations, keeps the comparison clean; without
    them, the new row is named."""
    entry = textwrap.indent(
        textwrap.dedent("""\
          - code: 599
            name: NETWORK_CONNECT_TIMEOUT
            phrase: Network Connect Timeout Error
            description: The proxy timed out connecting to the origin
            spec: {title: Example Extension, rfc: 9999, section: "4.2"}
            iana: unregistered
            iana_deviations: {unregistered: a private code}
            docs_deviations: {row: a private code}
        """),
        "  ",
    )
    for declared in (True, False):
        project.put_entry(
            entry if declared else re.sub(r".*docs_deviations.*\n", "", entry)
        )
        assert cli("generate", *project.paths()).code == 0
        registry = load_registry(STATUSES.kind, project.registry, STATUSES.path)
        (table, _), _ = parse(
            (project.generated / "status-codes.rst").read_text(encoding="utf-8")
        )
        code = registry.members[-1].key
        found = [
            found
            for found in differences(table, CPYTHON_STATUS, registry)
            if found.startswith(f"{code} ")
        ]
        assert found == (
            []
            if declared
            else [
                f"{code} row: a row CPython's table lacks ({STATUSES.path}:{registry.members[-1].line}), not declared in docs_deviations"
            ]
        )
