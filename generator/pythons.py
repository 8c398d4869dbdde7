"""The CPython versions the generated modules are built for and tested on.

One list for everything that depends on it: the test matrix, the benchmark, and the
range of versions on which the generated enum takes CPython's own fast path.
"""

from __future__ import annotations

import re

SUPPORTED = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15")

# enum._simple_enum, with which CPython builds its own http enums, is private: the
# generated modules use it only from the version that has it to the newest one the
# tests cover, and fall back to a plain class statement on any other version.
SIMPLE_ENUM_FIRST = "3.11"


PYTHON_VERSION = re.compile(r"3\.[0-9]+")


def version_tuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def simple_enum_range() -> tuple[tuple[int, int], tuple[int, int]]:
    """(first version, first version after the newest tested) of the fast path."""
    major, minor = version_tuple(SUPPORTED[-1])
    return version_tuple(SIMPLE_ENUM_FIRST), (major, minor + 1)


def stdlib_range(
    since: tuple[int, int] | None,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(first, first after the newest tested) of the versions on which a generated
    module gives the standard library's own enum, from the first whose enum is the
    registry's; None where there is none. Past the newest tested CPython nobody has
    checked the standard enum, so the module builds its own there."""
    stop = simple_enum_range()[1]
    return None if since is None or since >= stop else (since, stop)
