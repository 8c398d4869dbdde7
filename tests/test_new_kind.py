"""A fourth registry is its own files plus one line: a small kind (IANA's HTTP
Authentication Scheme Registry, in part) defined here, in a temporary folder, with
its module, registry, schema, template and IANA file, runs through validate,
generate, check and iana with no change to the generator's shared code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

MODULE = '''
"""The authentication scheme kind: a test's own."""

from dataclasses import dataclass

from generator.iana import IanaRegistry, cited, not_listed, references
from generator.kind import Kind, Output
from generator.records import Entry, SpecReference


@dataclass(frozen=True, kw_only=True)
class Scheme(Entry):
    KEY = "scheme"

    scheme: str
    spec: SpecReference


@dataclass(frozen=True)
class Row:
    scheme: str
    references: tuple
    line: int


def parse_row(row, line, shown_path, problems):
    scheme, reference, notes = row
    return Row(scheme, references(reference), line)


def compare(entry, row, differ, today):
    if row is None:
        not_listed(entry, differ, "scheme")
    elif not any(reference.matches(entry.spec) for reference in row.references):
        differ("reference", f"the registry cites {entry.spec.text}, IANA {cited(row.references)}")


KIND = Kind(
    name="auth-scheme",
    registry="auth_scheme.yaml",
    entries="schemes",
    record=Scheme,
    rules=lambda entry: (),
    fold=lambda key: key.lower(),  # scheme names are case-insensitive
    iana=IanaRegistry(
        file="auth-schemes.csv",
        url="https://www.iana.org/assignments/http-authschemes/authschemes.csv",
        header=["Authentication Scheme Name", "Reference", "Notes"],
        key_column="Authentication Scheme Name",
        parse_row=parse_row,
        key=lambda row: row.scheme,
        compare_entry=compare,
        missing=lambda row: "IANA registers it; the registry lacks it",
        rows_noun="registered schemes",
    ),
    outputs=(Output("auth-schemes.md"),),
)
'''

SCHEMA = """{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "auth_scheme.schema.json",
  "type": "object",
  "required": ["schemes"],
  "additionalProperties": false,
  "properties": {
    "schemes": {"type": "array", "maxItems": 100, "items": {"$ref": "#/$defs/scheme"}}
  },
  "$defs": {
    "scheme": {
      "type": "object",
      "required": ["scheme", "spec", "iana"],
      "additionalProperties": false,
      "properties": {
        "scheme": {"description": "The scheme's name.", "type": "string", "x-expected": "a name"},
        "spec": {"$ref": "definitions.schema.json#/$defs/spec"},
        "iana": {"enum": ["permanent", "unregistered"], "x-expected": "permanent"},
        "iana_deviations": {"type": "object"}
      }
    }
  }
}
"""

REGISTRY = """\
schemes:
  - scheme: Basic
    spec: {title: The 'Basic' HTTP Authentication Scheme, rfc: 7617}
    iana: permanent

  - scheme: Bearer
    spec: {title: "The OAuth 2.0 Authorization Framework: Bearer Token Usage", rfc: 6750}
    iana: permanent
"""

IANA = """\
Authentication Scheme Name,Reference,Notes
Basic,[RFC7617],
bearer,[RFC6750],
"""

TEMPLATE = """\
# Authentication schemes

{% for scheme in registry.entries %}
- {{ scheme.scheme }}: [{{ scheme.spec.text }}]({{ scheme.spec.url }})
{% endfor %}
"""

# The one line: the kind appended to KINDS, before the command line is imported.
DRIVER = """
import importlib.util, sys
sys.path.insert(0, {root!r})
spec = importlib.util.spec_from_file_location("auth_scheme", {module!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
import generator.kinds
generator.kinds.KINDS = (*generator.kinds.KINDS, module.KIND)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _kind_in(folder: Path, schema: str = SCHEMA) -> list[str]:
    """The kind's files in `folder`; the command that runs the generator with it."""
    (folder / "data" / "iana").mkdir(parents=True)
    (folder / "auth_scheme.py").write_text(MODULE, encoding="utf-8")
    (folder / "data" / "auth_scheme.yaml").write_text(REGISTRY, encoding="utf-8")
    (folder / "data" / "auth_scheme.schema.json").write_text(schema, encoding="utf-8")
    (folder / "data" / "iana" / "auth-schemes.csv").write_text(IANA, encoding="utf-8")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "templates" / "auth-schemes.md.j2").write_text(TEMPLATE, encoding="utf-8")
    driver = DRIVER.format(root=str(ROOT), module=str(folder / "auth_scheme.py"))
    return [sys.executable, "-c", textwrap.dedent(driver)]


def _run(command: list[str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, *arguments],
        cwd=ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_new_kind_is_its_own_files_and_one_line(tmp_path: Path) -> None:
    command = _kind_in(tmp_path)
    registry = ["--auth-scheme-registry", str(tmp_path / "data" / "auth_scheme.yaml")]
    output = [
        "--templates",
        str(tmp_path / "templates"),
        "--output",
        str(tmp_path / "out"),
    ]

    validated = _run(command, "validate", *registry)
    assert validated.returncode == 0, validated.stderr
    assert "auth_scheme.yaml: valid (2 entries)" in validated.stdout

    generated = _run(command, "generate", *registry, *output)
    assert generated.returncode == 0, generated.stderr
    table = (tmp_path / "out" / "auth-schemes.md").read_text(encoding="utf-8")
    assert "- Bearer: [RFC 6750](https://www.rfc-editor.org/rfc/rfc6750.html)" in table
    assert table.startswith(
        "<!-- Code generated by make generate from data/auth_scheme.yaml"
    )

    checked = _run(command, "check", *registry, *output)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    iana = ["--auth-scheme-iana", str(tmp_path / "data" / "iana" / "auth-schemes.csv")]
    compared = _run(command, "iana", "--expiry", "warn", *registry, *iana)
    assert compared.returncode == 0, compared.stdout + compared.stderr
    # IANA's "bearer" is the registry's Bearer: the kind folds case.
    assert (
        "auth-schemes.csv: 2 registered schemes compared, 0 differences kept on purpose, 0 unexplained"
        in compared.stdout
    )


def test_a_kind_whose_schema_and_record_disagree_is_one_line(tmp_path: Path) -> None:
    disagreeing = SCHEMA.replace(
        '"iana_deviations": {"type": "object"}',
        '"iana_deviations": {"type": "object"},\n        "notes": {"type": "string"}',
    )
    assert disagreeing != SCHEMA
    command = _kind_in(tmp_path, disagreeing)
    result = _run(
        command,
        "validate",
        "--auth-scheme-registry",
        str(tmp_path / "data" / "auth_scheme.yaml"),
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        "auth_scheme.schema.json: schema: the schema's notes is not in the other; "
        "expected the record type Scheme and the schema to declare the same fields"
    )
