"""Each kind's JSON export: which registry it is, and every entry of it, in registry
order, valid against the export's schema, which is itself a valid JSON Schema; both
shipped in the package, and read from it as package data."""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

import jsonschema
import pytest

from conftest import GENERATED, KINDS, PACKAGE_NAME, REGISTRIES, ROOT, Kind


def export_of(kind: Kind) -> tuple[dict[str, Any], dict[str, Any]]:
    """The kind's export and its schema, as generated; the schema checked (once for
    all the tests of a kind: each is given a copy of its own)."""
    return copy.deepcopy(_export_of(kind.name))


@functools.lru_cache(maxsize=None)
def _export_of(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    (kind,) = [kind for kind in KINDS if kind.name == name]
    (export,) = [
        o.path
        for o in kind.outputs
        if o.path.endswith(".json") and not o.path.endswith(".schema.json")
    ]
    (schema,) = [o.path for o in kind.outputs if o.path.endswith(".schema.json")]
    data = json.loads((GENERATED / export).read_text(encoding="utf-8"))
    loaded = json.loads((GENERATED / schema).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator(loaded).validate(data)
    return data, loaded


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_export_holds_every_entry_in_registry_order(kind: Kind) -> None:
    data, schema = export_of(kind)
    registry = REGISTRIES[kind.name]
    # Which registry it is, as IANA titles it and where IANA publishes it, and the
    # date of IANA's registry the vendored file holds (its provenance says); then
    # the entries.
    assert list(data) == ["title", "iana", "iana_as_of", kind.entries]
    assert (data["title"], data["iana"]) == (kind.title, kind.iana.url)
    assert data["iana_as_of"] == _provenance_date(kind.iana.file)
    assert [entry[kind.record.KEY] for entry in data[kind.entries]] == [
        entry.key for entry in registry.entries
    ]
    for entry, record in zip(data[kind.entries], registry.entries):
        assert entry["iana"] == record.iana
        assert entry["iana_deviations"] == record.iana_deviations
        for name in kind.record.EXPORTED:
            assert entry[name] == getattr(record, name)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_exported_field_is_described(kind: Kind) -> None:
    """Descriptions are data (the registry's schema, the records' EXPORTED), so that
    they survive python -OO; every field of an entry has one."""
    _, schema = export_of(kind)
    entry = schema["$defs"][next(iter(schema["$defs"]))]
    described = [
        name for name, rule in entry["properties"].items() if "description" in rule
    ]
    assert set(kind.record.EXPORTED) <= set(described)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_export_is_package_data(kind: Kind) -> None:
    """Read as an installed package's data is, through the package, not the path."""
    import importlib.resources
    import pkgutil

    data, _ = export_of(kind)
    for output in kind.outputs:
        if output.is_data:
            relative = output.path.split("/", 1)[1]
            raw = pkgutil.get_data(PACKAGE_NAME, relative)
            assert raw is not None
            files = importlib.resources.files(PACKAGE_NAME).joinpath(relative)
            assert files.read_bytes() == raw
    (export,) = [o for o in kind.outputs if o.is_data and not o.name.endswith(".schema.json")]
    raw = pkgutil.get_data(PACKAGE_NAME, export.path.split("/", 1)[1])
    assert raw is not None and json.loads(raw) == data


def _provenance_date(file: str) -> str | None:
    """The As of line of the section on `file` in data/iana/README.md: a date, or
    None where it says unknown."""
    text = (ROOT / "data" / "iana" / "README.md").read_text(encoding="utf-8")
    section = text.split(f"`{file}`\n", 1)[1].split("\n## ", 1)[0]
    (value,) = re.findall(r"^- As of: (.*)$", section, re.MULTILINE)
    return None if value.startswith("unknown: ") else value


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_what_a_registry_leaves_out_is_null_never_an_empty_text(kind: Kind) -> None:
    """As the lookups answer None for it: a method without a description, a status
    code or field name without a source."""
    data, _ = export_of(kind)

    def texts(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [text for item in value.values() for text in texts(item)]
        if isinstance(value, list):
            return [text for item in value for text in texts(item)]
        return [value] if isinstance(value, str) else []

    assert "" not in texts(data[kind.entries])
