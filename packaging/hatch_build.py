"""What the wheel holds, derived from generated/ (which `make check` keeps equal to
the generator's outputs), so that a new kind's modules need no edit here.

PEP 561 reads py.typed only inside a package, so each public module is installed as
the __init__ of a package of its name, with its stub and an empty py.typed marker
beside it; a private module (_http_status_enum.py), typed by its public module's
stub, is installed as it is.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._packages = Path(tempfile.mkdtemp(prefix="wheel-packages-"))
        included = build_data["force_include"]
        for module in sorted(Path(self.root, "generated").glob("*.py")):
            if module.name.startswith("_"):
                included[str(module)] = module.name
                continue
            package = self._packages / module.stem
            package.mkdir()
            shutil.copyfile(module, package / "__init__.py")
            stub = module.with_suffix(".pyi")
            if stub.exists():
                shutil.copyfile(stub, package / "__init__.pyi")
            (package / "py.typed").write_bytes(b"")
            included[str(package)] = module.stem

    def finalize(
        self, version: str, build_data: dict[str, Any], artifact_path: str
    ) -> None:
        shutil.rmtree(self._packages, ignore_errors=True)
