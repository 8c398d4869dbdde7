"""The declared registries (HTTP/2, HTTP/3, WebSocket, codings, ...) against what a
library writes by hand: the same IntEnum (h2's and aioquic's style) or class of string
constants, and a dict of answers for lookups. bench.py runs it per interpreter.

Import: what importing the module adds to importing the package, in instructions
under callgrind, against the hand-written module in the same package. lookup(): the
best of 9 timeit rounds of 100,000 against `d.get(key)` on a dict of the registry's
answers, for a key asked before; and a key never asked before (a code of a range, or
a GREASE value) against the same get.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

from generator.kind import PACKAGE
from generator.kinds import KINDS
from generator.registry import load_registry
from generator.sourcefile import ROOT

# Each declared registry, by its module.
TABLES = [kind for kind in KINDS if "table" in kind.template_context]

LOOKUPS = """
import timeit
from {package}.{module} import lookup
from {package}.{plain}_answers import ANSWERS as d
key = {key!r}
lookup(key)
ours = min(timeit.repeat("lookup(key)", globals=globals(), number=100_000, repeat=9))
theirs = min(timeit.repeat("d.get(key)", globals=globals(), number=100_000, repeat=9))
fresh = iter(range({fresh!r}, {fresh!r} + 10**7)) if isinstance(key, int) else iter(
    "".join(c.upper() if n >> i & 1 else c for i, c in enumerate(key.ljust(20, "x")))
    for n in range(2**20)
)
first = min(timeit.repeat("lookup(next(fresh))", globals=globals(), number=2_000, repeat=9))
steady = min(timeit.repeat("d.get(next(fresh))", globals=globals(), number=2_000, repeat=9))
print(ours / theirs, first / steady)
"""


def plain_name(module: str) -> str:
    return f"plain_{module}"


def write_plain_modules(package: Path) -> None:
    """For each declared registry, the module a library would write by hand: its
    constants (an IntEnum of the codes, aliases after their member, or a class of
    strings) and a dict of every key to an answer, in `package`."""
    for kind in TABLES:
        table = kind.template_context["table"]
        registry = load_registry(kind, ROOT / "data" / kind.registry, kind.registry)
        members = [entry for entry in registry.entries if entry.constant]
        if table.numeric:
            lines = ["import enum", "", "", f"class {table.class_name}(enum.IntEnum):"]
            for entry in members:
                for name in (entry.constant, *entry.aliases):
                    lines.append(f"    {name} = {entry.value:#x}")
            keys = [entry.value for entry in registry.entries]
        else:
            lines = [f"class {table.class_name}:"]
            for entry in members:
                for name in (entry.constant, *entry.aliases):
                    lines.append(f"    {name} = {entry.name!r}")
            keys = [table.fold(entry.name) for entry in registry.entries]
        (package / f"{plain_name(table.module)}.py").write_text("\n".join(lines) + "\n")
        answers = ["ANSWERS = {", *(f"    {key!r}: ({key!r},)," for key in keys), "}"]
        (package / f"{plain_name(table.module)}_answers.py").write_text(
            "\n".join(answers) + "\n"
        )


def protocol_rows(
    python: Path, folder: str, instructions: Callable[[Path, str, str], int]
) -> list[str]:
    """A row per declared registry, on one interpreter."""
    rows = []
    counted = shutil.which("valgrind") is not None
    package = instructions(python, f"import {PACKAGE}", folder) if counted else 0
    for kind in TABLES:
        table: Any = kind.template_context["table"]
        registry = load_registry(kind, ROOT / "data" / kind.registry, kind.registry)
        imports = "(no valgrind) | |"
        if counted:
            ours, plain = (
                instructions(python, f"import {PACKAGE}.{module}", folder) - package
                for module in (table.module, plain_name(table.module))
            )
            imports = f"{ours:,} | {plain:,} | **{ours / plain:.3f}**"
        member = next(entry for entry in registry.entries if entry.constant)
        key = member.value if table.numeric else member.name
        # Codes no row names: those after the last row, or GREASE values.
        fresh = (
            max(entry.last or entry.value for entry in registry.entries) + 1
            if table.numeric
            else 0
        )
        timed = subprocess.run(
            [
                str(python),
                "-c",
                LOOKUPS.format(
                    package=PACKAGE,
                    module=table.module,
                    plain=plain_name(table.module),
                    key=key,
                    fresh=fresh,
                ),
            ],
            env={**os.environ, "PYTHONPATH": folder},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        steady, first = (float(ratio) for ratio in timed)
        rows.append(
            f"| {table.module} | {imports} | **{steady:.2f}** | {first:.2f} |"
        )
    return rows


HEADER = (
    "| module | import, instructions | hand-written | ratio "
    "| lookup, asked before, to d.get | a new key to d.get |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: |"
)
