"""The documentation page (docs/): Sphinx builds it with no warning and every reference
resolved, and its examples pass as doctests on the oldest and the newest CPython."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GENERATED, ROOT, require_interpreter
from generator.pythons import SUPPORTED

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.rst"))


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


def test_the_page_builds_without_a_warning(tmp_path: Path) -> None:
    result = build(DOCS, tmp_path)
    assert result.returncode == 0, result.stderr
    tables = (tmp_path / "html" / "tables.html").read_text(encoding="utf-8")
    # The generated tables are included, not copied: every member has its row.
    assert "MISDIRECTED_REQUEST" in tables and "QUERY" in tables


def test_a_reference_that_does_not_resolve_fails_the_build(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(DOCS, copy / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(GENERATED, copy / "generated")
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
