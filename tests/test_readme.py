"""The README, as a new user meets it: each Python block runs on its own in a fresh
interpreter, on the oldest and the newest CPython, and gives what its comments say
(tests/run_block.py checks them)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import GENERATED, ROOT, code_blocks, require_interpreter
from generator.pythons import SUPPORTED

pytestmark = pytest.mark.slow

BLOCKS = code_blocks("README.md", "python")


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
@pytest.mark.parametrize(
    "block", range(len(BLOCKS)), ids=lambda index: f"block {index + 1}"
)
def test_each_block_runs_alone_and_gives_what_it_says(minor: str, block: int) -> None:
    result = subprocess.run(
        [str(require_interpreter(minor)), str(ROOT / "tests" / "run_block.py")],
        input=BLOCKS[block],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_of_blocks_can_fail() -> None:
    wrong = (
        "from http_registries import HTTPStatus\nHTTPStatus(404).phrase  # 'Found'\n"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "run_block.py")],
        input=wrong,
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == "line 2: gives 'Not Found'; the comment says 'Found'\n"
