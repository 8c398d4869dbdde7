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

import headless
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
        # Each key as its table writes it (0x0a), in a cell: the whole cell, or the
        # first code of a range of them (0x0a-0x0f).
        for entry in registry.entries:
            key = html.escape(registry.kind.key_text(entry.key), quote=False)
            assert re.search(rf"<td[^>]*><p>{re.escape(key)}(</p>|-)", text), entry.key
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


# Run in each page once it has loaded: what a reader cannot see without scrolling the
# whole page sideways, or cannot see at all. A text must lie within its own box, and
# within every box that clips it, unless a box on the way scrolls (a wide table, a
# code block): the reader scrolls that box to it.
MEASURE = """(() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page is ${root.scrollWidth} pixels wide, in a window of ${root.clientWidth}`);
  }
  const overflow = (el) => getComputedStyle(el).overflowX;
  const scrolls = (el) => ["auto", "scroll"].includes(overflow(el));
  const clips = (el) => ["hidden", "clip"].includes(overflow(el));
  const blockOf = (el) => {
    while (el && getComputedStyle(el).display.startsWith("inline")) el = el.parentElement;
    return el;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    const own = blockOf(node.parentElement);
    for (let el = own; rects.length && el && el !== root; el = el.parentElement) {
      if (scrolls(el)) break;
      if (el !== own && !clips(el)) continue;
      const box = el.getBoundingClientRect();
      const left = box.left + el.clientLeft;
      const right = left + el.clientWidth;
      if (rects.some((rect) => rect.right > right + 1 || rect.left < left - 1)) {
        const name = el.tagName.toLowerCase() + (el.className ? "." + el.className.split(" ").join(".") : "");
        problems.push(`${name} does not hold ${JSON.stringify(text.slice(0, 60))}`);
        break;
      }
    }
  }
  return problems;
})()"""

# A desktop's window, and a phone's.
WINDOWS = ((1280, 900), (390, 844))


def _overflows(built: Path, pages: list[Path]) -> dict[str, list[str]]:
    """What overflows on each page, in each window: page (width) -> problems."""
    browser = headless.Browser(headless.require_chromium())
    try:
        found = {}
        for page in pages:
            for width, height in WINDOWS:
                problems = browser.evaluate(page.as_uri(), width, height, MEASURE)
                if problems:
                    found[f"{page.relative_to(built)} ({width})"] = problems
        return found
    finally:
        browser.close()


def test_nothing_is_cut_off_on_a_desktop_nor_on_a_phone(built: Path) -> None:
    """Measured in a headless Chromium at 1280 and 390 pixels: no page is wider than
    the window, and every wide table and code block scrolls in its own box."""
    pages = sorted(
        page
        for page in built.rglob("*.html")
        if not {"_static", "_sources", "_downloads"}
        & set(page.relative_to(built).parts)
    )
    assert {"api.html", "registries/http-fields.html"} <= {
        page.relative_to(built).as_posix() for page in pages
    }
    assert _overflows(built, pages) == {}


def test_the_measure_sees_what_is_cut_off(built: Path) -> None:
    """The layout test can fail: a line that cannot wrap, and one a box hides."""
    page = built / "overflowing.html"
    text = (built / "index.html").read_text(encoding="utf-8")
    page.write_text(
        text.replace(
            '<div class="body" role="main">',
            '<div class="body" role="main">'
            f'<p style="white-space: nowrap">{"a-long-line " * 40}</p>'
            '<div style="overflow: hidden; width: 100px">'
            f'<p style="width: 500px">{"hidden text " * 10}</p></div>',
            1,
        ),
        encoding="utf-8",
    )
    try:
        found = _overflows(built, [page])
    finally:
        page.unlink()
    for width, _ in WINDOWS:
        problems = found[f"overflowing.html ({width})"]
        assert any(p.startswith("the page is ") for p in problems), problems
        assert any(
            p.startswith("p does not hold") and "a-long-line" in p for p in problems
        )
        assert any(
            p.startswith("div does not hold") and "hidden text" in p for p in problems
        )
