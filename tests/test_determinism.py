"""The output depends on the registry and templates only: not on hash seed, locale, time zone or folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KINDS, ROOT, Project

pytestmark = pytest.mark.slow

ENVIRONMENTS = [
    {"PYTHONHASHSEED": "0", "LC_ALL": "C", "TZ": "UTC"},
    {"PYTHONHASHSEED": "4242", "LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati"},
    {
        "PYTHONHASHSEED": "random",
        "LC_ALL": "tr_TR.UTF-8",  # dotted and dotless i; made by the fixture below
        "TZ": "America/St_Johns",
    },
]


@pytest.fixture(scope="module")
def locales(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A folder holding tr_TR.UTF-8, compiled from the C library's sources with
    localedef (the machine has only C and POSIX compiled), for LOCPATH."""
    folder = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        ["localedef", "-i", "tr_TR", "-f", "UTF-8", str(folder / "tr_TR.UTF-8")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (folder / "tr_TR.UTF-8").is_dir(), made.stderr
    return str(folder)


@pytest.mark.parametrize(
    "environment", ENVIRONMENTS, ids=lambda environment: environment["TZ"]
)
def test_same_bytes_in_any_environment_and_folder(
    project: Project, tmp_path: Path, environment: dict[str, str], locales: str
) -> None:
    environment = {**environment, "LOCPATH": locales}
    # The locale really applies: Python sets it from the environment at start-up.
    applied = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale; print(locale.setlocale(locale.LC_CTYPE))",
        ],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert applied.stdout.strip().startswith(environment["LC_ALL"].split(".")[0])
    elsewhere = tmp_path / "some" / "other" / "folder"
    elsewhere.mkdir(parents=True)
    output = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            *(
                option
                for kind in KINDS
                for option in (
                    "--registry",
                    f"{kind.name}={os.path.relpath(project.registry_of(kind), elsewhere)}",
                )
            ),
            "--templates",
            str(project.templates),
            "--output",
            str(output),
        ],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    produced = {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file()
    }
    assert produced == {
        name: (ROOT / "generated" / name).read_bytes() for name in produced
    }
    assert set(produced) == set(project.snapshot())
