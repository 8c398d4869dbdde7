"""Every registry kind, in the order the generator loads, builds and reports them.

Each module here declares one registry: a Table (generator/table.py), which is data,
or for a registry with an enum of CPython's own, a Kind with its own templates.
Adding a registry is adding its module here and its registry in data/; KINDS finds
every module, and says in one line what one lacks."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import NoReturn

from ..kind import Kind
from ..table import Table


def _refuse(message: str) -> NoReturn:
    """A declaration that cannot be loaded: one line, and the exit status of invalid
    input, before any command runs."""
    print(f"generator/kinds/{message}", file=sys.stderr)
    raise SystemExit(2)


def _declared() -> tuple[Kind, ...]:
    kinds = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue  # what several declarations share
        try:
            module = importlib.import_module(f"{__name__}.{module_info.name}")
        except (TypeError, ValueError) as error:
            # A declaration missing a field, or one that does not hold together.
            _refuse(
                f"{module_info.name}.py: {error}; expected a declaration as "
                "generator/table.py describes it"
            )
        declared = getattr(module, "TABLE", None) or getattr(module, "KIND", None)
        if isinstance(declared, Table):
            declared = declared.kind()
        if not isinstance(declared, Kind):
            _refuse(
                f"{module_info.name}.py: declares no registry; expected "
                "TABLE = Table(...) (generator/table.py) or KIND = Kind(...)"
            )
        kinds.append(declared)
    names = [kind.name for kind in kinds]
    for name in names:
        if names.count(name) > 1:
            _refuse(
                f": two modules declare the registry {name!r}; expected each name once"
            )
    return tuple(sorted(kinds, key=lambda kind: (kind.position, kind.name)))


KINDS = _declared()
