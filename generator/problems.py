"""Problems found in the input, reported as `FILE:LINE: FIELD: what is wrong; what is expected`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class InputError(Exception):
    """Raised with every problem of the input files, so that a single run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = sorted(
            problems, key=lambda problem: (problem.path, problem.line)
        )
