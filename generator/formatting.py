"""Format generated Python with black, through its API, pinned so bytes are stable.

Formatting is most of the time of every `generate` and `check`, and its result
depends only on the rendered text, black's version and the mode; so each result is
kept in a cache folder under a hash of exactly those, and a run whose rendered text
did not change reuses it. An entry is trusted only when it proves itself: it
carries the sha256 of its own text, and one that does not match (truncated by a
crash, edited, of another layout) is formatted anew and replaced. A cache that
cannot be read or written is simply not used; HTTP_REGISTRIES_FORMAT_CACHE set to
nothing turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import tempfile
from pathlib import Path

from .problems import InputError
from .sourcefile import read_bytes

# The generated modules must run on Python 3.8, so black may not use newer syntax.
TARGET = "PY38"


class FormatError(Exception):
    pass


def format_python(source: str, name: str, stub: bool = False) -> str:
    """`source` as black writes it; `stub` for a .pyi file, which black lays out
    more tightly."""
    cached = _cache_path(source, stub)
    if cached is not None:
        text = _recall(cached)
        if text is not None:
            return text
    # black is imported only when it has work to do: importing it takes longer than a
    # whole run that finds every text in the cache.
    import black
    from black.mode import TargetVersion

    mode = black.Mode(target_versions={TargetVersion[TARGET]}, is_pyi=stub)
    try:
        formatted = black.format_str(source, mode=mode)
    except Exception as error:  # black raises several types for source it cannot parse
        raise FormatError(
            f"{name}: black cannot format the rendered template: {error}"
        ) from error
    if cached is not None:
        _remember(cached, formatted)
    return formatted


@functools.lru_cache(maxsize=None)
def _black_version() -> str:
    return importlib.metadata.version("black")


def _cache_path(source: str, stub: bool) -> Path | None:
    """The entry of `source` in HTTP_REGISTRIES_FORMAT_CACHE, if set (empty: no
    cache), else in the user's cache folder."""
    folder = os.environ.get("HTTP_REGISTRIES_FORMAT_CACHE")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = str(Path(base) / "http-registries" / "black")
    if not folder:
        return None
    key = hashlib.sha256(
        f"{_black_version()}\0{TARGET}\0{stub}\0{source}".encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return Path(folder) / key


def _first_line(text: bytes) -> bytes:
    """An entry's first line: a tag and the sha256 of the text after the line."""
    return b"black-cache-v2 sha256=" + hashlib.sha256(text).hexdigest().encode("ascii")


def _recall(path: Path) -> str | None:
    """The entry's text if it is whole and unaltered, else None."""
    try:
        raw = read_bytes(path, str(path), "a cache entry")
    except InputError:  # a folder, a pipe, a device, or far too large
        return None
    if raw is None:
        return None
    header, _, text = raw.partition(b"\n")
    if header != _first_line(text):
        return None
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _remember(path: Path, text: str) -> None:
    """Write the entry whole or not at all: to a temporary file, flushed to disk, then
    renamed into place, so that a crash leaves the old entry, no entry, or this one;
    and never a temporary file behind."""
    data = text.encode("utf-8")
    entry = _first_line(data) + b"\n" + data
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(entry)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.remove(temporary)
