"""Write generated files all-or-nothing, or compare them with what is on disk.

Two runs on one tree take turns: a run holds a lock on the folder it writes into
(shared while it only reads), so that a run that is interrupted and rolls back
never puts back the old bytes over the files of a run that finished meanwhile.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .sourcefile import read_bytes, shown

try:
    import fcntl
except ImportError:
    # Windows: no advisory locks; a rollback still restores only its own bytes.
    fcntl = None  # type: ignore[assignment]


class RollbackIncomplete(OSError):
    """A failed write whose rollback could not restore every file."""

    def __init__(self, left: list[Path]) -> None:
        super().__init__(
            "could not be restored after a failed write, and are left changed: "
            + ", ".join(shown(path) for path in left)
        )
        self.left = left


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
    if not wanted:
        return []
    folder = Path(os.path.commonpath([path.parent for path in wanted]))
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder, shared=False):
        current = {path: _read(path) for path in wanted}
        changed = [path for path in wanted if wanted[path] != current[path]]
        staged: dict[Path, str] = {}
        try:
            for path in changed:
                path.parent.mkdir(parents=True, exist_ok=True)
                staged[path] = _stage(path, wanted[path])
            for path in changed:
                with _naming(path):
                    os.replace(staged[path], path)
        except BaseException as error:
            _roll_back(changed, staged, current, wanted, error)
            raise
    return changed


def _roll_back(
    changed: list[Path],
    staged: dict[Path, str],
    current: dict[Path, bytes | None],
    wanted: dict[Path, bytes],
    error: BaseException,
) -> None:
    """Put back the old bytes of every file that holds this run's new ones: undo by
    what is on disk, not by what the loop believes it did (an interrupt can land
    after a move and before the next line), and never touch a file that holds
    anything else. Every file is tried; RollbackIncomplete names those that failed."""
    for temporary in staged.values():
        _remove(temporary)
    left = []
    for path in changed:
        try:
            if _bytes_of(path) == wanted[path]:
                _restore(path, current[path])
        except OSError:
            left.append(path)
    if left:
        raise RollbackIncomplete(left) from error


def _bytes_of(path: Path) -> bytes | None:
    try:
        return _read(path)
    except Exception:  # unreadable now: not this run's bytes, so not touched
        return b""


@contextlib.contextmanager
def _locked(folder: Path, shared: bool) -> Iterator[None]:
    """Hold the folder's lock: exclusive to write, shared to read. A run that has to
    wait says so once, then waits."""
    if fcntl is None or not folder.is_dir():
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"{folder}: waiting for another run to finish with it", file=sys.stderr
            )
            fcntl.flock(descriptor, mode)
        yield
    finally:
        os.close(descriptor)  # which releases the lock


def _read(path: Path) -> bytes | None:
    """The file's bytes (None: no file), through the reader that refuses a file that
    is not a regular one, or too large to be an output."""
    return read_bytes(path, shown(path), "a generated file")


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


def differences(directory: Path, texts: dict[str, str]) -> list[str]:
    """A unified diff for each file whose bytes on disk differ from `texts` (by path
    in `directory`, such as package/module.py)."""
    with _locked(directory, shared=True):
        current = {name: _read(directory / name) for name in texts}
    shown_directory = shown(directory)
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
        where = f"{shown_directory}/{name}"
        diff = "".join(
            difflib.unified_diff(
                old_lines,
                text.splitlines(keepends=True),
                f"{where} (committed)",
                f"{where} (generated)",
            )
        )
        diffs.append(
            diff
            or f"--- {where}: differs in bytes that do not show as lines (line endings or encoding)\n"
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
