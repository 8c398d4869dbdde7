"""Find the CPython interpreters that pyenv installed, one per minor version."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

SUPPORTED = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def pyenv_root() -> Path | None:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    pyenv = shutil.which("pyenv")
    if pyenv:
        result = subprocess.run(
            [pyenv, "root"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            return Path(result.stdout.strip())
    default = Path.home() / ".pyenv"
    return default if default.is_dir() else None


def find_interpreter(minor: str) -> Path | None:
    """The newest CPython `minor` (such as "3.8") under pyenv, or None."""
    root = pyenv_root()
    if root is None or not (root / "versions").is_dir():
        return None
    pattern = re.compile(rf"^{re.escape(minor)}\.(\d+)$")
    found = []
    for folder in (root / "versions").iterdir():
        match = pattern.match(folder.name)
        python = folder / "bin" / "python"
        if match and python.exists():
            found.append((int(match.group(1)), python))
    return max(found)[1] if found else None
