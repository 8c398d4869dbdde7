"""Format generated Python with black, through its API, pinned so bytes are stable."""

from __future__ import annotations

import black
from black.mode import TargetVersion

# The generated modules must run on Python 3.8, so black may not use newer syntax.
MODE = black.Mode(target_versions={TargetVersion.PY38})


class FormatError(Exception):
    pass


def format_python(source: str, name: str) -> str:
    try:
        return black.format_str(source, mode=MODE)
    except Exception as error:  # black raises several types for source it cannot parse
        raise FormatError(
            f"{name}: black cannot format the rendered template: {error}"
        ) from error
