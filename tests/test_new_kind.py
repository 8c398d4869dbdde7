"""A new registry is a registry file and a declaration, nothing more: a small
registry of the test's own is added to a copy of the project as CONTRIBUTING.md says
(its declaration and its registry in data/, IANA's file in data/iana/), and gets
every output the others have: the module with its constants and lookup, the stub, the table, the export and its schema, its documentation page,
the package command's answer and its names at the package's top, with no shared
file touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PACKAGE_NAME, ROOT, code_blocks

pytestmark = pytest.mark.slow

# The declaration CONTRIBUTING.md shows, as a contributor would copy it.
(DECLARATION,) = [block for block in code_blocks("CONTRIBUTING.md", "yaml") if "iana_header:" in block]

REGISTRY = """\
entries:
  - name: bytes
    description: a range of octets
    iana: permanent
    spec: {title: HTTP Semantics, rfc: 9110, section: "14.1.2"}

  - name: none
    description: reserved as keyword to indicate range requests are not supported
    iana: permanent
    spec: {title: HTTP Semantics, rfc: 9110, section: "14.3"}
"""

IANA = """\
Range Unit Name,Description,Reference
bytes,a range of octets,"[RFC9110, Section 14.1.2]"
none,reserved as keyword to indicate range requests are not supported,"[RFC9110, Section 14.3]"
"""

# Where IANA's file came from, as a section of data/iana/README.md.
PROVENANCE = """
## HTTP Range Unit Registry: `range-units.csv`

- Source: typed from IANA's page.
- sha256 `0`
- As of: 2022-06-08
"""

# What a contributor adds, and nothing else outside generated/ (and the section on
# IANA's file in data/iana/README.md).
ADDED = {
    "data/range_units.declaration.yaml": DECLARATION,
    "data/range_units.yaml": REGISTRY,
    "data/iana/range-units.csv": IANA,
}


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    for folder in ("generator", "templates", "data", "generated", "docs"):
        shutil.copytree(
            ROOT / folder,
            copy / folder,
            ignore=shutil.ignore_patterns(".*", "__pycache__", "_build", "registries"),
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _run(copy: Path, *arguments: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(path or copy)},
        capture_output=True,
        text=True,
        check=False,
    )


def _sources(root: Path) -> dict[str, bytes]:
    """Every file but the generated ones and caches, by its path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("generator", "templates", "data", "docs")
        for path in (root / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and "registries" not in path.parts
        and path.name != "_registries.rst"
    }


def test_a_new_registry_is_its_file_and_its_declaration(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    before = _sources(copy)
    for name, text in ADDED.items():
        (copy / name).write_text(text, encoding="utf-8")
    with (copy / "data" / "iana" / "README.md").open("a", encoding="utf-8") as readme:
        readme.write(PROVENANCE)
    after = _sources(copy)
    assert {name for name in after if before.get(name) != after[name]} == {
        *ADDED,
        "data/iana/README.md",
    }

    validated = _run(copy, "-m", "generator", "validate")
    assert validated.returncode == 0, validated.stderr
    assert "data/range_units.yaml: valid (2 entries)" in validated.stdout
    generated = _run(copy, "-m", "generator", "generate")
    assert generated.returncode == 0, generated.stderr
    checked = _run(copy, "-m", "generator", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    compared = _run(copy, "-m", "generator", "iana", "--expiry", "warn")
    assert compared.returncode == 0, compared.stdout + compared.stderr
    assert "range-units.csv: 2 rows compared, 0 differences kept on purpose, 0 unexplained" in compared.stdout

    out = copy / "generated"
    package = out / PACKAGE_NAME
    for name in ("range_units.py", "_range_units_info.py", "range_units.pyi"):
        assert (package / name).is_file(), name
    table = (out / "range-units.md").read_text(encoding="utf-8")
    assert "# HTTP Range Unit Registry" in table and "| bytes | `BYTES` | permanent |" in table
    export = json.loads((package / "data" / "range-units.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in export["entries"]] == ["bytes", "none"]
    assert export["iana_as_of"] == "2022-06-08"
    assert (package / "data" / "range-units.schema.json").is_file()

    used = _run(
        copy,
        "-c",
        f"import {PACKAGE_NAME} as p; "
        "print(p.RangeUnit.BYTES, p.lookup_range_unit(b'NONE').name, "
        "'lookup_range_unit' in p.__all__, p.compare({'BYTES': 'bytes'}, 'range-unit').lacks)",
        path=out,
    )
    assert used.returncode == 0, used.stderr
    assert used.stdout.split() == ["bytes", "none", "True", "(('none',", "'NONE'),)"]
    answered = _run(copy, "-m", PACKAGE_NAME, "Bytes", path=out)
    assert answered.returncode == 0, answered.stderr
    assert "range_unit" in answered.stdout or "range-unit" in answered.stdout

    documented = _run(copy, str(copy / "docs" / "conf.py"))
    assert documented.returncode == 0, documented.stderr
    assert (copy / "docs" / "registries" / "range-units.md").is_file()
    assert "registries/range-units" in (copy / "docs" / "_registries.rst").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "declaration, message",
    [
        (DECLARATION.replace("summary: A unit of the Range field (RFC 9110, Section 14.1).\n", ""), ":1: summary: is missing; expected one sentence"),
        (DECLARATION.replace("module: range_units", "module: range-units"), ": module: got 'range-units'; expected a lowercase Python module name"),
        (DECLARATION.replace("iana: Description}", "iana: Descripton}"), ": iana: 'Descripton' is not one of iana_header's columns"),
    ],
    ids=["a field missing", "a wrong module name", "a column IANA lacks"],
)
def test_a_declaration_that_cannot_be_loaded_is_one_line(tmp_path: Path, declaration: str, message: str) -> None:
    copy = _copy(tmp_path)
    (copy / "data" / "range_units.declaration.yaml").write_text(declaration, encoding="utf-8")
    before = _sources(copy)
    result = _run(copy, "-m", "generator", "validate")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("data/range_units.declaration.yaml:") and message in line, line
    assert _sources(copy) == before
