"""Problems found in the input, reported as `FILE:LINE: FIELD: what is wrong; what is expected`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What would break a report's line or hide in it: control characters (C0, DEL, C1)
# and the Unicode line and paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def one_line(text: str) -> str:
    """`text` with every character that could end or disguise a line of a report
    written as an escape, so that text from a download or a registry is always shown
    as what it holds, and one finding is always one line."""
    return _UNPRINTABLE.sub(
        lambda match: (
            _ESCAPES.get(match.group(), f"\\x{ord(match.group()):02x}")
            if ord(match.group()) < 0x100
            else f"\\u{ord(match.group()):04x}"
        ),
        text,
    )


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}: {self.field}: {self.message}")


class InputError(Exception):
    """Raised with every problem of the input files, so that a single run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = sorted(
            problems, key=lambda problem: (problem.path, problem.line)
        )
