"""Find a CPython of each supported version: through pyenv, as python3.X on PATH, or in
the cache that .ci/cpython.py fills with Debian's builds of the versions pyenv lacks."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def _from_pyenv(minor: str) -> Path | None:
    """The newest CPython `minor` (such as "3.8") that pyenv installed."""
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


def _from_path(minor: str) -> Path | None:
    found = shutil.which(f"python{minor}")
    # pyenv's shims answer to every name and fail for versions it lacks.
    if found and "shims" not in Path(found).parts:
        return Path(found)
    return None


@functools.lru_cache(maxsize=None)
def _provisioning():  # type: ignore[no-untyped-def]
    """.ci/cpython.py, which knows where its cache is."""
    spec = importlib.util.spec_from_file_location(
        "cpython_provisioning", ROOT / ".ci" / "cpython.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _from_cache(minor: str) -> Path | None:
    python = _provisioning().cache_folder() / minor / "usr" / "bin" / "python"
    return python if python.exists() else None


@functools.lru_cache(maxsize=None)
def find_interpreter(minor: str) -> Path | None:
    """A CPython `minor` that runs and says it is that version, or None."""
    for finder in (_from_pyenv, _from_path, _from_cache):
        python = finder(minor)
        if python is not None and full_version(python).startswith(f"{minor}."):
            return python
    return None


@functools.lru_cache(maxsize=None)
def full_version(python: Path) -> str:
    """Such as 3.14.10, or "" when the interpreter does not run."""
    return str(_provisioning().full_version(python))


def how_to_get(minor: str) -> str:
    return (
        f"no CPython {minor} found (pyenv, python{minor} on PATH, or the cache of "
        f".ci/cpython.py); install it with `pyenv install {minor}`, or fetch Debian's "
        f"build with `python3 .ci/cpython.py {minor}`"
    )
