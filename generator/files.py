"""Write generated files all-or-nothing, or compare them with what is on disk."""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def read_current(directory: Path, names: list[str]) -> dict[str, bytes | None]:
    current: dict[str, bytes | None] = {}
    for name in names:
        try:
            current[name] = (directory / name).read_bytes()
        except FileNotFoundError:
            current[name] = None
    return current


def write_changed(directory: Path, texts: dict[str, str]) -> list[str]:
    """Write the files whose bytes differ, as one transaction; return their names.

    Each new text goes to a temporary file in the same folder first, and only when all
    of them are on disk are they moved into place. If anything fails on the way, even
    an interrupt between two moves, the files already moved get their old bytes back.
    """
    wanted = {name: text.encode("utf-8") for name, text in texts.items()}
    current = read_current(directory, list(wanted))
    changed = [name for name in wanted if wanted[name] != current[name]]
    if not changed:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    staged: dict[str, str] = {}
    try:
        for name in changed:
            staged[name] = _stage(directory, name, wanted[name])
        for name in changed:
            with _naming(directory / name):
                os.replace(staged[name], directory / name)
    except BaseException:
        # Undo by what is on disk, not by what this loop believes it did: an
        # interrupt can land after a move and before the next line.
        for temporary in staged.values():
            _remove(temporary)
        now = read_current(directory, changed)
        for name in changed:
            if now[name] != current[name]:
                _restore(directory, name, current[name])
        raise
    return changed


def _stage(directory: Path, name: str, data: bytes) -> str:
    with _naming(directory / name):
        return _write_temporary(directory, name, data)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an OSError name the output that could not be written, not a temporary
    file (or nothing at all, as when the disk is full)."""
    try:
        yield
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error


def _write_temporary(directory: Path, name: str, data: bytes) -> str:
    descriptor, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        mode = (
            os.stat(directory / name).st_mode & 0o777
            if (directory / name).exists()
            else 0o644
        )
        os.chmod(temporary, mode)
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _restore(directory: Path, name: str, old: bytes | None) -> None:
    if old is None:
        _remove(str(directory / name))
    else:
        os.replace(_stage(directory, name, old), directory / name)


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
    return sorted(
        path.name
        for path in directory.iterdir()
        if path.name not in texts
        and path.name != "__pycache__"
        and not path.name.startswith(".")
    )
