"""The documentation page (docs/): Sphinx builds it with no warning and every reference
resolved, and its examples pass as doctests on the oldest and the newest CPython."""

from __future__ import annotations

import ast
import html
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

from conftest import GENERATED, REGISTRIES, ROOT, require_interpreter
from generator.kinds import KINDS
from generator.pythons import SUPPORTED

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
# The pages written by hand: docs/conf.py writes the others (_registries.rst, ...).
PAGES = sorted(page for page in DOCS.glob("*.rst") if not page.name.startswith("_"))
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]["version"]


def build(source: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """make docs, into `output`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-n",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(output / "doctrees"),
            str(source),
            str(output / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """make docs, once for this module's tests: the HTML folder."""
    output = tmp_path_factory.mktemp("docs")
    result = build(DOCS, output)
    assert result.returncode == 0, result.stderr
    return output / "html"


def test_the_page_builds_without_a_warning(built: Path) -> None:
    tables = (built / "tables.html").read_text(encoding="utf-8")
    # The generated tables are included, not copied: every member has its row.
    assert "MISDIRECTED_REQUEST" in tables and "QUERY" in tables


def test_every_page_shows_the_release(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 5
    for page in pages:
        assert f"release {VERSION}" in page.read_text(encoding="utf-8"), page


def test_cpython_s_version_notes_say_whose_versions_they_are(built: Path) -> None:
    tables = (built / "tables.html").read_text(encoding="utf-8")
    assert "Added in CPython 3.9" in tables and "Changed in CPython 3.13" in tables
    assert "Added in version" not in tables and "Changed in version" not in tables


def test_the_index_lists_no_rfc(built: Path) -> None:
    """The tables cite RFC 9110 dozens of times; the index is for the API."""
    index = (built / "genindex.html").read_text(encoding="utf-8")
    assert "RFC" not in index and "lookup_status()" in index


def test_the_registries_pages_hold_every_entry_and_link_the_exports(
    built: Path,
) -> None:
    for registry in REGISTRIES.values():
        tables = {
            output.name
            for output in registry.kind.outputs
            if output.name.endswith(".md")
        }
        text = "".join(
            (built / "registries" / f"{name.removesuffix('.md')}.html").read_text(
                encoding="utf-8"
            )
            for name in tables
        )
        # A declared registry's codes as its table writes them (0x0a), in a cell.
        table = registry.kind.template_context.get("table")
        for entry in registry.entries:
            key = table.shown(entry.key) if table and table.numeric else str(entry.key)
            # The whole cell, or the first code of a range of them (0x0a-0x0f).
            end = "(</p>|-)" if table and table.numeric else "</p>"
            cell = rf"<td[^>]*><p>{re.escape(html.escape(key, quote=False))}{end}"
            assert re.search(cell, text), entry.key
    downloads = {path.name for path in (built / "_downloads").rglob("*.json")}
    assert downloads == {
        output.name
        for registry in REGISTRIES.values()
        for output in registry.kind.outputs
        if output.name.endswith(".json")
    }


def test_no_example_line_is_wider_than_the_page(built: Path) -> None:
    """The theme's page (1240 pixels, docs/conf.py) shows 100 characters of code; a
    longer line would be cut off at 1280 pixels (looked at in Chromium)."""
    for page in PAGES:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            code = line.strip().startswith((">>>", "...")) or line.startswith("   ")
            assert not code or len(line) <= 100, f"{page.name}:{number}"


def test_a_reference_that_does_not_resolve_fails_the_build(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(DOCS, copy / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(GENERATED, copy / "generated")
    shutil.copytree(ROOT / "data", copy / "data")
    for name in ("pyproject.toml", "CHANGELOG.md"):
        shutil.copy(ROOT / name, copy / name)
    api = copy / "docs" / "api.rst"
    api.write_text(
        api.read_text(encoding="utf-8")
        + "\nSee :class:`http_registries.http_status.HTTPStatuss`.\n",
        encoding="utf-8",
    )
    result = build(copy / "docs", tmp_path / "out")
    assert result.returncode != 0
    assert "HTTPStatuss" in result.stderr


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_the_examples_pass_as_doctests(minor: str) -> None:
    """With the standard library's doctest, which runs where Sphinx does not (3.8)."""
    python = require_interpreter(minor)
    script = (
        "import doctest, sys\n"
        "for page in sys.argv[1:]:\n"
        "    result = doctest.testfile(page, module_relative=False, optionflags=doctest.ELLIPSIS)\n"
        "    print(page, result.attempted, result.failed)\n"
    )
    result = subprocess.run(
        [str(python), "-c", script, *map(str, PAGES)],
        env={"PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    counts = {
        line.rsplit(" ", 2)[0]: (
            int(line.rsplit(" ", 2)[1]),
            int(line.rsplit(" ", 2)[2]),
        )
        for line in result.stdout.splitlines()
    }
    assert all(failed == 0 for _, failed in counts.values()), result.stdout
    assert sum(attempted for attempted, _ in counts.values()) >= 20, result.stdout


def _public_names() -> list[str]:
    """The package's top-level names, as its __all__ lists them (in the stub)."""
    module = ast.parse(
        (GENERATED / "http_registries" / "__init__.pyi").read_text("utf-8")
    )
    (names,) = [
        node.value
        for node in module.body
        if isinstance(node, ast.Assign)
        and any(getattr(target, "id", None) == "__all__" for target in node.targets)
    ]
    return list(ast.literal_eval(names))


def _inventory(built: Path) -> dict[str, set[str]]:
    """The documented Python objects, by role (py:class, py:function, ...), as
    intersphinx and the search read them."""
    from sphinx.util.inventory import InventoryFile

    with open(built / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    return {role: set(objects) for role, objects in inventory.items()}


def test_the_api_is_documented_under_the_names_users_import(built: Path) -> None:
    """Every name of `from http_registries import ...` is documented as the package's
    own, in the index and the search; a module's own `lookup` is not a second entry."""
    inventory = _inventory(built)
    documented = set().union(*inventory.values())
    names = _public_names()
    assert len(names) > 60
    missing = [name for name in names if f"http_registries.{name}" not in documented]
    assert not missing, missing
    assert "http_registries.lookup_status" in inventory["py:function"]
    assert "http_registries.HTTP2Setting" in inventory["py:class"]
    assert "http_registries.HTTP2_INITIAL_SETTINGS" in inventory["py:data"]
    assert not any(name.endswith(".lookup") for name in documented)
    index = (built / "genindex.html").read_text(encoding="utf-8")
    for entry in ("lookup_status()", "lookup_field()", "lookup_http2_setting()"):
        assert entry in index, entry
    search = (built / "searchindex.js").read_text(encoding="utf-8")
    for name in ("lookup_status", "lookup_method", "HTTP2Setting", "compare"):
        assert f'"{name}"' in search, name


def test_each_declared_registry_s_api_follows_its_declaration(built: Path) -> None:
    """docs/conf.py writes the protocol registries' API from their declarations:
    each answer's columns are its attributes, each set and mapping is there."""
    documented = set().union(*_inventory(built).values())
    declared = [
        kind.template_context["table"]
        for kind in KINDS
        if "table" in kind.template_context
    ]
    assert len(declared) >= 12
    for table in declared:
        info = f"http_registries.{table.info_name}"
        for name in ("status", "reference", *(column.name for column in table.columns)):
            assert f"{info}.{name}" in documented, (info, name)
        assert (f"{info}.member" in documented) == table.numeric
        for fact in (*table.subsets, *table.mappings):
            assert f"http_registries.{fact.name}" in documented, fact.name
        assert f"http_registries.{table.module}" in documented, table.module
