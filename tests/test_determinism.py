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
        "LC_ALL": "POSIX",
        "TZ": "America/St_Johns",
        "LANG": "tr_TR.UTF-8",
    },
]


@pytest.mark.parametrize(
    "environment", ENVIRONMENTS, ids=lambda environment: environment["TZ"]
)
def test_same_bytes_in_any_environment_and_folder(
    project: Project, tmp_path: Path, environment: dict[str, str]
) -> None:
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
                    f"--{kind.name}-registry",
                    os.path.relpath(project.registry_of(kind), elsewhere),
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
