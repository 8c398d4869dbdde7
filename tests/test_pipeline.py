"""generate and check, end to end on a scratch copy of the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import PACKAGE, PACKAGE_NAME, ROOT, Project, code_blocks, replaced
from generator.records import SpecReference


def test_the_committed_tree_is_current(cli) -> None:  # type: ignore[no-untyped-def]
    """The one test of the committed files (a scratch project is a copy of them)."""
    result = cli("check")
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines() == [
        f"{os.path.relpath(ROOT / 'generated')}: every file is current"
    ]


def test_check_fails_with_a_diff_after_a_hand_edit(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    module = project.package / "_http_status_enum.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace('"Not Found"', '"Not found"'),
        encoding="utf-8",
    )
    before = project.snapshot()
    result = cli("check", *project.paths())
    assert result.code == 1
    removed = [line for line in result.out.splitlines() if line.startswith("-    ")]
    added = [line for line in result.out.splitlines() if line.startswith("+    ")]
    assert any('"Not found"' in line for line in removed), result.out
    assert any('"Not Found"' in line for line in added), result.out
    assert "_http_status_enum.py (committed)" in result.out
    assert "make generate" in result.err
    assert project.snapshot() == before, "check must not write"


@pytest.mark.slow  # a generate, formatting anew
def test_check_fails_after_a_registry_edit_without_generating(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    project.edit_registry(
        "description: Nothing matches the given URI", "description: Nothing is here"
    )
    result = cli("check", *project.paths())
    assert result.code == 1
    assert any(
        line.startswith("+") and '"Nothing is here"' in line
        for line in result.out.splitlines()
    ), result.out
    assert cli("generate", *project.paths()).code == 0
    assert cli("check", *project.paths()).code == 0


def test_check_fails_when_a_generated_file_is_missing(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    (project.package / "http_status_constants.py").unlink()
    result = cli("check", *project.paths())
    assert result.code == 1
    assert "+NOT_FOUND = HTTPStatus.NOT_FOUND" in result.out


def test_generate_writes_only_what_changed(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    constants = project.package / "http_status_constants.py"
    stamp = constants.stat().st_mtime_ns
    project.edit_registry(
        "description: Nothing matches the given URI", "description: Nothing is here"
    )
    result = cli("generate", *project.paths())
    assert result.code == 0
    written = result.out.splitlines()
    assert f"wrote {project.package / '_http_status_enum.py'}" in written
    # The constants module does not hold descriptions: not rewritten, not touched.
    assert not any("http_status_constants.py" in line for line in written)
    assert constants.stat().st_mtime_ns == stamp


def test_generation_is_deterministic_and_idempotent(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("generate", *project.paths()).code == 0
    first = project.snapshot()
    stamps = {
        path.name: path.stat().st_mtime_ns for path in project.generated.iterdir()
    }
    result = cli("generate", *project.paths())
    assert result.code == 0 and "every file is current" in result.out
    assert project.snapshot() == first
    assert {
        path.name: path.stat().st_mtime_ns for path in project.generated.iterdir()
    } == stamps
    # The scratch copy regenerated from the committed registry equals the committed files.
    assert first == {name: (ROOT / "generated" / name).read_bytes() for name in first}


@pytest.mark.slow  # a generate, formatting anew, and a process
def test_the_guide_s_new_code_reaches_lookup_and_keeps_the_standard_enum(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """What CONTRIBUTING.md tells a maintainer to do: add its entry, run generate, and
    the lookup knows the code, while HTTPStatus stays the standard library's."""
    (example,) = [block for block in code_blocks("CONTRIBUTING.md", "yaml") if block.startswith("- code:")]
    entry = yaml.safe_load(example)[0]
    project.put_entry(textwrap.indent(example, "  "))
    result = cli("generate", *project.paths())
    assert result.code == 0, result.err
    assert cli("iana", *project.paths("iana")).code == 0
    probe = (
        f"from {PACKAGE_NAME} import lookup_status\n"
        f"from {PACKAGE_NAME}.http_status import HTTPStatus\n"
        f"info = lookup_status({entry['code']})\n"
        "print(info.kind, info.phrase, info.reference_url, sep='|')\n"
        f"print({entry['code']} in HTTPStatus._value2member_map_)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(project.generated)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    spec = SpecReference(**entry["spec"])
    assert output == [f"registered|{entry['phrase']}|{spec.url}", "False"]
    assert (project.package / "http_status.py").read_bytes() == (
        PACKAGE / "http_status.py"
    ).read_bytes()  # still the standard library's where it was


def test_check_fails_on_a_file_no_template_produces(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    (project.generated / "extra.py").write_text("x = 1\n", encoding="utf-8")
    (project.generated / "__pycache__").mkdir(exist_ok=True)
    result = cli("check", *project.paths())
    assert result.code == 1
    assert result.out.splitlines() == [
        f"--- {project.generated}/extra.py: no template produces this file; delete it"
    ]


@pytest.mark.parametrize(
    ("python", "said"),
    [("python9", "'python9' was not found"), (sys.executable, None)],
)
def test_make_says_in_one_sentence_when_python_will_not_do(
    python: str, said: str | None
) -> None:
    """make -n reads the Makefile (where the check is) and runs nothing."""
    result = subprocess.run(
        ["make", "-n", f"PYTHON={python}", "quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if said is None:  # this Python (3.11 or newer) will do
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert said in line and "PYTHON=python3.11" in line
    assert ".installed" not in line


@pytest.mark.slow  # two generates, formatting anew
def test_generate_says_when_an_edit_ends_the_standard_enum(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    """The guide's code made a member instead: no released CPython has it, so the
    enum stops being http's own where it was; generate says so once, naming it."""
    (example,) = [block for block in code_blocks("CONTRIBUTING.md", "yaml") if block.startswith("- code:")]
    member = replaced(example, "member: false\n", "name: GUIDE_EXAMPLE\n")
    member += "  docs_deviations: {row: an example}\n"
    project.put_entry(textwrap.indent(member, "  "))
    result = cli("generate", *project.paths())
    assert result.code == 0, result.err
    code = yaml.safe_load(example)[0]["code"]
    (warning,) = result.err.splitlines()
    assert re.match(
        rf"warning: {re.escape(str(project.registry))}:\d+: {code}: ", warning
    )
    assert "add member: false" in warning
    assert cli("generate", *project.paths()).err == ""  # said once
