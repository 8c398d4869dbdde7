"""Write generated files all-or-nothing, or compare them with what is on disk."""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def read_current(directory: Path, names: list[str]) -> dict[str, bytes | None]:
    """The bytes of each file of `directory` (names are paths in it, such as
    package/module.py), None where there is none."""
    current = _read_paths([directory / name for name in names])
    return {name: current[directory / name] for name in names}


def write_changed(directory: Path, texts: dict[str, str]) -> list[str]:
    """Write the files of one folder whose bytes differ, as one transaction (see
    write_files); return their names, as paths in the folder."""
    changed = write_files({directory / name: text for name, text in texts.items()})
    return [path.relative_to(directory).as_posix() for path in changed]


def write_files(texts: dict[Path, str]) -> list[Path]:
    """Write the files whose bytes differ, as one transaction; return their paths.

    Each new text goes to a temporary file beside its target first, and only when all
    of them are on disk are they moved into place. If anything fails on the way, even
    an interrupt between two moves, the files already moved get their old bytes back.
    """
    wanted = {path: text.encode("utf-8") for path, text in texts.items()}
    current = _read_paths(list(wanted))
    changed = [path for path in wanted if wanted[path] != current[path]]
    if not changed:
        return []
    staged: dict[Path, str] = {}
    try:
        for path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged[path] = _stage(path, wanted[path])
        for path in changed:
            with _naming(path):
                os.replace(staged[path], path)
    except BaseException:
        # Undo by what is on disk, not by what this loop believes it did: an
        # interrupt can land after a move and before the next line.
        for temporary in staged.values():
            _remove(temporary)
        now = _read_paths(changed)
        for path in changed:
            if now[path] != current[path]:
                _restore(path, current[path])
        raise
    return changed


def _read_paths(paths: list[Path]) -> dict[Path, bytes | None]:
    current: dict[Path, bytes | None] = {}
    for path in paths:
        try:
            current[path] = path.read_bytes()
        except FileNotFoundError:
            current[path] = None
    return current


def _stage(path: Path, data: bytes) -> str:
    with _naming(path):
        return _write_temporary(path, data)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an OSError name the output that could not be written, not a temporary
    file (or nothing at all, as when the disk is full)."""
    try:
        yield
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error


def _write_temporary(path: Path, data: bytes) -> str:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        mode = os.stat(path).st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        _remove(str(path))
    else:
        os.replace(_stage(path, old), path)


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def differences(
    directory: Path, texts: dict[str, str], shown_directory: str
) -> list[str]:
    """A unified diff for each file whose bytes on disk differ from `texts`."""
    current = read_current(directory, list(texts))
    diffs = []
    for name, text in texts.items():
        old = current[name]
        if old == text.encode("utf-8"):
            continue
        old_lines = (
            []
            if old is None
            else old.decode("utf-8", errors="replace").splitlines(keepends=True)
        )
        shown = f"{shown_directory}/{name}"
        diff = "".join(
            difflib.unified_diff(
                old_lines,
                text.splitlines(keepends=True),
                f"{shown} (committed)",
                f"{shown} (generated)",
            )
        )
        diffs.append(
            diff
            or f"--- {shown}: differs in bytes that do not show as lines (line endings or encoding)\n"
        )
    for name in strays(directory, texts):
        diffs.append(
            f"--- {shown_directory}/{name}: no template produces this file; delete it\n"
        )
    return diffs


def strays(directory: Path, texts: dict[str, str]) -> list[str]:
    """What is in the output folder that no template produces: bytecode caches and
    hidden files (an interrupted run's temporary files) aside."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.rglob("*"):
        name = path.relative_to(directory).as_posix()
        parts = name.split("/")
        if "__pycache__" in parts or any(part.startswith(".") for part in parts):
            continue
        if path.is_file() and name not in texts:
            found.append(name)
    return sorted(found)
