"""Every registry kind, in the order the generator loads, builds and reports them.

Each module here declares one registry: a Table (generator/table.py), which is data,
or for a registry with an enum of CPython's own, a Kind with its own templates.
Adding a registry is adding its module here and its registry in data/; KINDS finds
every module, and says in one line what one lacks."""

from __future__ import annotations

import importlib
import pkgutil

from ..kind import Kind
from ..table import Table


def _declared() -> tuple[Kind, ...]:
    kinds = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue  # what several declarations share
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        declared = getattr(module, "TABLE", None) or getattr(module, "KIND", None)
        if isinstance(declared, Table):
            declared = declared.kind()
        if not isinstance(declared, Kind):
            raise SystemExit(
                f"generator/kinds/{module_info.name}.py: declares no registry; "
                "expected TABLE = Table(...) (generator/table.py) or KIND = Kind(...)"
            )
        kinds.append(declared)
    names = [kind.name for kind in kinds]
    for name in names:
        if names.count(name) > 1:
            raise SystemExit(
                f"generator/kinds/: two modules declare the registry {name!r}; "
                "expected each name once"
            )
    return tuple(sorted(kinds, key=lambda kind: (kind.position, kind.name)))


KINDS = _declared()
