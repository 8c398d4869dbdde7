"""Format generated Python with black, through its API, pinned so bytes are stable.

Formatting is most of the time of every `generate` and `check`, and its result
depends only on the rendered text, black's version and the mode; so each result is
kept in a cache folder under that key, and a run whose rendered text did not change
reuses it. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import tempfile
from pathlib import Path

# The generated modules must run on Python 3.8, so black may not use newer syntax.
TARGET = "PY38"


class FormatError(Exception):
    pass


def format_python(source: str, name: str, stub: bool = False) -> str:
    """`source` as black writes it; `stub` for a .pyi file, which black lays out
    more tightly."""
    cached = _cache_path(source, stub)
    if cached is not None:
        try:
            return cached.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
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


def _cache_folder() -> Path | None:
    """HTTP_STATUS_FORMAT_CACHE, if set (empty: no cache), else the user's cache folder."""
    configured = os.environ.get("HTTP_STATUS_FORMAT_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "http-status-registry" / "black"


def _cache_path(source: str, stub: bool) -> Path | None:
    folder = _cache_folder()
    if folder is None:
        return None
    key = hashlib.sha256(
        f"{_black_version()}\0{TARGET}\0{stub}\0{source}".encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return folder / key


def _remember(path: Path, text: str) -> None:
    """Write the cache entry whole or not at all: a reader never sees half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        pass
