"""Every registry declared as data (data/*.declaration.yaml), as a user meets it: its
constants, its lookup, the sets the RFCs define, and what it costs to import. The
expected values come from each registry and from IANA's file beside it, so that a
registry edit passes untouched."""

from __future__ import annotations

import copy
import csv
import importlib
import pickle
import subprocess
import sys

import pytest

from conftest import GENERATED, KINDS, PACKAGE_NAME, REGISTRIES, ROOT

DECLARED = [kind for kind in KINDS if "table" in kind.template_context]
NUMERIC = [kind for kind in DECLARED if kind.template_context["table"].numeric]
TOKENS = [kind for kind in DECLARED if not kind.template_context["table"].numeric]


def _ids(kind) -> str:  # type: ignore[no-untyped-def]
    return str(kind.name)


def _module(kind):  # type: ignore[no-untyped-def]
    table = kind.template_context["table"]
    return table, importlib.import_module(f"{PACKAGE_NAME}.{table.module}")


@pytest.mark.parametrize("kind", DECLARED, ids=_ids)
def test_every_constant_and_alias_is_its_entry_s(kind) -> None:  # type: ignore[no-untyped-def]
    table, module = _module(kind)
    constants = getattr(module, table.class_name)
    for entry in REGISTRIES[kind.name].entries:
        if not entry.constant:
            continue
        key = entry.value if table.numeric else entry.name
        for name in (entry.constant, *entry.aliases):
            assert getattr(constants, name) == key, (entry.line, name)
        if table.numeric:
            assert constants(key).name == entry.constant
            assert str(constants(key)) == str(key) and f"{constants(key)}" == str(key)


@pytest.mark.parametrize("kind", NUMERIC, ids=_ids)
def test_a_code_is_answered_by_its_row(kind) -> None:  # type: ignore[no-untyped-def]
    """Each row's first and last code, and a code between; a code no row holds is
    unassigned, or reserved where the declaration's formula says so; anything outside
    the space, and anything that is not an int, is None."""
    table, module = _module(kind)
    entries = REGISTRIES[kind.name].entries
    rows = {}
    for entry in entries:
        last = entry.last if entry.last is not None else entry.value
        for code in {entry.value, last, (entry.value + last) // 2}:
            rows[code] = entry
    for code, entry in rows.items():
        answer = module.lookup(code)
        formula = table.formula
        reserved = (
            formula is not None
            and entry.iana == "unassigned"
            and code >= formula.offset
            and (code - formula.offset) % formula.step == 0
        )
        assert answer.value == code
        assert answer.status == (formula.state if reserved else entry.iana), code
        if not reserved:
            assert (answer.name, answer.constant) == (entry.name, entry.constant)
            assert answer.reference == (entry.spec.text if entry.spec else None)
            for column in table.columns:
                assert getattr(answer, column.name) == getattr(entry, column.name)
        if entry.constant:
            assert answer.member is getattr(module, table.class_name)[entry.constant]
    low, high = table.space
    assert module.lookup(low - 1) is None and module.lookup(high + 1) is None
    for other in (True, False, float(entries[0].value), str(entries[0].value), None, [], b"\x00"):
        assert module.lookup(other) is None, other
    beyond = max(entry.last or entry.value for entry in entries) + 1
    if beyond <= high:
        assert module.lookup(beyond).status in ("unassigned", "reserved")
    if table.formula:
        grease = table.formula.offset + table.formula.step * 12345
        assert module.lookup(grease).status == table.formula.state


@pytest.mark.parametrize("kind", TOKENS, ids=_ids)
def test_a_token_is_answered_in_every_spelling_and_as_bytes(kind) -> None:  # type: ignore[no-untyped-def]
    table, module = _module(kind)
    for entry in REGISTRIES[kind.name].entries:
        spellings = [entry.name, entry.name.encode("latin-1")]
        if table.case_insensitive:
            spellings += [entry.name.upper(), entry.name.swapcase()]
        for spelling in spellings:
            answer = module.lookup(spelling)
            assert answer.name == entry.name and answer.status == entry.iana, spelling
            assert answer.constant == entry.constant
    for other in ("", "not a token", 404, None, ["gzip"], "x\n"):
        assert module.lookup(other) is None, other
    keys = {table.fold(entry.name) for entry in REGISTRIES[kind.name].entries}
    unknown = next(f"no-such-token-{n}" for n in range(100) if f"no-such-token-{n}" not in keys)
    answer = module.lookup(unknown.encode())
    assert (answer.name, answer.status, answer.constant) == (unknown, "unregistered", None)


@pytest.mark.parametrize("kind", DECLARED, ids=_ids)
def test_the_sets_and_mappings_are_the_registry_s(kind) -> None:  # type: ignore[no-untyped-def]
    table, module = _module(kind)
    entries = REGISTRIES[kind.name].entries
    for subset in table.subsets:
        expected = {
            entry.value if table.numeric else table.fold(entry.name)
            for entry in entries
            if getattr(entry, subset.column) is subset.value
        }
        assert getattr(module, subset.name) == expected
        assert getattr(importlib.import_module(PACKAGE_NAME), subset.name) is getattr(module, subset.name)
    for mapping in table.mappings:
        expected = {
            (entry.value if table.numeric else table.fold(entry.name)): getattr(entry, mapping.column)
            for entry in entries
            if entry.constant and mapping.column in entry.field_lines
        }
        assert getattr(module, mapping.name) == expected


@pytest.mark.parametrize("kind", DECLARED, ids=_ids)
def test_answers_are_values(kind) -> None:  # type: ignore[no-untyped-def]
    table, module = _module(kind)
    entry = next(entry for entry in REGISTRIES[kind.name].entries if entry.constant)
    key = entry.value if table.numeric else entry.name
    answer = module.lookup(key)
    for name in type(answer).__slots__:
        with pytest.raises(AttributeError):
            setattr(answer, name, None)
        with pytest.raises(AttributeError):
            delattr(answer, name)
    for made in [copy.copy(answer), copy.deepcopy(answer)] + [
        pickle.loads(pickle.dumps(answer, protocol)) for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
    ]:
        assert made == answer and hash(made) == hash(answer) and type(made) is type(answer)
    assert module.lookup(key) is answer
    assert type(answer).__name__ == table.info_name
    assert getattr(importlib.import_module(PACKAGE_NAME), table.info_name) is type(answer)


@pytest.mark.parametrize("kind", DECLARED, ids=_ids)
def test_every_row_of_iana_s_file_is_an_entry(kind) -> None:  # type: ignore[no-untyped-def]
    """Read with the standard library's csv, not the generator's reader."""
    table = kind.template_context["table"]
    with open(ROOT / "data" / "iana" / table.iana_file, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    entries = REGISTRIES[kind.name].entries
    keys = {
        (entry.value if table.numeric else table.fold(entry.name)) for entry in entries
    }
    for row in rows:
        written = row[table.value_column]
        key = int(written.split("-")[0], 0) if table.numeric else table.fold(written)
        assert key in keys, written


def test_the_package_and_the_enums_of_cpython_import_no_declared_registry() -> None:
    modules = [kind.template_context["table"].module for kind in DECLARED]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, {PACKAGE_NAME}; from {PACKAGE_NAME} import http_status, http_method, HTTPStatus, lookup_status; "
            f"print(sorted(name for name in sys.modules if name.split('.')[-1].lstrip('_').removesuffix('_info') in {modules!r}))",
        ],
        env={"PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_the_declaration_schema_and_the_declaration_s_records_agree() -> None:
    """Every field data/declaration.schema.json lets a declaration give is one its
    record type has, and the other way round, at every level: a field added to one
    alone is a failing test, never a declaration silently read without it."""
    import json

    from generator.records import mismatch
    from generator.table import Column, Formula, Mapping, Subset, Table

    schema = json.loads((ROOT / "data" / "declaration.schema.json").read_text(encoding="utf-8"))
    for record, properties in (
        (Table, schema["properties"]),
        (Column, schema["$defs"]["column"]["properties"]),
        (Subset, schema["$defs"]["subset"]["properties"]),
        (Mapping, schema["$defs"]["mapping"]["properties"]),
        (Formula, schema["$defs"]["formula"]["properties"]),
    ):
        assert mismatch(record, properties) is None, record.__name__


@pytest.mark.parametrize("kind", DECLARED, ids=_ids)
def test_each_declaration_is_the_file_beside_its_registry(kind) -> None:  # type: ignore[no-untyped-def]
    """A declaration's module is its file's name, the name of its registry."""
    table = kind.template_context["table"]
    assert (ROOT / "data" / f"{table.module}.declaration.yaml").is_file()
    assert (ROOT / "data" / kind.registry).is_file()


# A declaration with every part (columns, a mapping, a formula, a prefix), and what
# each slip in it is reported as: (the text replaced, its replacement, the field
# and the words of the one problem it makes).
_FULL = "http3_settings.declaration.yaml"
_SLIPS = {
    "a column named as a shared field": ("  - name: initial\n", "  - name: status\n", "name", "is a name every entry or answer has"),
    "a column named as a keyword": ("  - name: initial\n", "  - name: class\n", "name", "a Python keyword"),
    "a column IANA lacks": ("    iana: Default\n", "    iana: Defaults\n", "iana", "'Defaults' is not one of iana_header's columns"),
    "a set of no column": ("    column: initial\n", "    column: initial_value\n", "column", "initial_value is not a column"),
    "a space reversed": ("space: [0x00, 0x3fffffffffffffff]", "space: [0x3fffffffffffffff, 0x00]", "space", "ends before it begins"),
    "a formula for tokens": ("module: http3_settings\n", "module: http3_settings\nnumeric: false\n", "formula", "is given for a registry of tokens"),
    "another file's module": ("module: http3_settings\n", "module: http3_setting\n", "module", "is not the declaration's file name"),
    "a misspelt field": ("hex_width: 2\n", "hex_widht: 2\n", "hex_widht", "did you mean 'hex_width'?"),
    "a type no column has": ("    type: int\n", "    type: integer\n", "type", "expected one of int, str, bool, date"),
}


@pytest.mark.parametrize("slip", _SLIPS)
def test_a_declaration_s_slip_is_reported_at_its_line(tmp_path, slip: str) -> None:  # type: ignore[no-untyped-def]
    from generator.problems import InputError
    from generator.table import read_declaration

    old, new, field, words = _SLIPS[slip]
    text = (ROOT / "data" / _FULL).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / _FULL
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_declaration(path)
    problems = [p for p in raised.value.problems if p.field == field and words in p.message]
    assert problems, [str(p) for p in raised.value.problems]
    # At the line of the slip (or, for a field a slip makes wrong, of that field).
    changed = text.replace(old, new, 1).splitlines()
    assert any(changed[problem.line - 1].lstrip(" -").startswith(field) for problem in problems)
