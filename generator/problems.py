"""Problems found in the input, reported as `FILE:LINE: FIELD: what is wrong; what is expected`."""

from __future__ import annotations

import itertools
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass

# What would break a report's line or hide in it, with the escape it is written as:
# control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_ESCAPES = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
_ESCAPES |= {ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES |= {0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """`text` with every character that could end or disguise a line of a report
    written as an escape, so that text from a download or a registry is always shown
    as what it holds, and one finding is always one line."""
    return text.translate(_ESCAPES)


# The most problems of one file a report prints: past a screenful, more lines help
# nobody, and a generated flood would take minutes and gigabytes to print.
MAX_PER_FILE = 30


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 0 for a problem of the whole file, which has no line
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.field}: {self.message}")


@dataclass(frozen=True)
class Unlisted(Problem):
    """Problems of a file that were counted but not kept, so that a flood of them
    (a million aliases of one entry) takes bounded memory."""

    count: int = 0


def one_problem(path: str, line: int, field: str, message: str) -> InputError:
    """The InputError of an input refused for one problem, which stops it being read."""
    return InputError([Problem(path, line, field, message)])


class InputError(Exception):
    """Raised with every problem of the input files, so that a single run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(
            problems, key=lambda problem: (problem.path, problem.line)
        )
        super().__init__("\n".join(self.report()))

    def report(self) -> Iterator[str]:
        """The report, a line per problem in line order, at most MAX_PER_FILE of each
        file, and then one line that says how many more there are."""
        for path, group in itertools.groupby(self.problems, lambda p: p.path):
            problems, more = [], 0
            for problem in group:
                if isinstance(problem, Unlisted):
                    more += problem.count
                else:
                    problems.append(problem)
            for problem in problems[:MAX_PER_FILE]:
                yield str(problem)
            more += max(0, len(problems) - MAX_PER_FILE)
            if more:
                yield one_line(
                    f"{path}: and {more} more problems, not shown; expected the ones "
                    "above fixed first"
                )


def interrupted(written: int = 0) -> int:
    """Ctrl-C (or SIGTERM) at any moment: one line and exit 130. Writes are
    all-or-nothing (files.write_files), so nothing is half-written: either nothing
    was changed, or `written` files were, whole, before the interrupt. A second
    Ctrl-C while this is said is ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if written:
        print(f"interrupted after {written} files were written whole", file=sys.stderr)
    else:
        print("interrupted; nothing was changed", file=sys.stderr)
    return 130
