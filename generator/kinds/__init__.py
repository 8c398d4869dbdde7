"""Every registry kind, in the order the generator loads, builds and reports them.

A registry of IANA's that is a table of codes or tokens is declared as data:
data/MODULE.declaration.yaml, beside its registry data/MODULE.yaml (the declaration's
fields: data/declaration.schema.json; what is made of them: generator/table.py).
The registries with an enum of CPython's own (status codes, methods) and the field
names are modules here, each a Kind with its own record type, rules and templates.
KINDS finds every declaration and every module by itself; one that cannot be loaded
stops every command with its problems, each at its line."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import NoReturn

from ..kind import Kind
from ..problems import InputError
from ..sourcefile import DATA
from ..table import read_declaration


def _refuse(lines: list[str]) -> NoReturn:
    """Declarations that cannot be loaded: their problems, and the exit status of
    invalid input, before any command runs."""
    for line in lines:
        print(line, file=sys.stderr)
    raise SystemExit(2)


def _declared() -> tuple[Kind, ...]:
    kinds = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        kind = getattr(module, "KIND", None)
        if not isinstance(kind, Kind):
            _refuse(
                [
                    f"generator/kinds/{module_info.name}.py: declares no registry; "
                    "expected KIND = Kind(...)"
                ]
            )
        kinds.append(kind)
    problems = []
    for path in sorted(DATA.glob("*.declaration.yaml")):
        try:
            kinds.append(read_declaration(path).kind())
        except InputError as error:
            problems += error.problems
    if problems:
        _refuse(list(InputError(problems).report()))
    names = [kind.name for kind in kinds]
    for name in names:
        if names.count(name) > 1:
            _refuse(
                [
                    f"data/: two declarations name the registry {name!r}; expected "
                    "each name once"
                ]
            )
    return tuple(sorted(kinds, key=lambda kind: (kind.position, kind.name)))


KINDS = _declared()
