"""The generated files: which registry and template make each, and how all of them are built in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .formatting import format_python
from .registry import METHOD, STATUS, Kind, Registry
from .render import render


@dataclass(frozen=True)
class Output:
    name: str
    template: str
    kind: Kind

    @property
    def is_python(self) -> bool:
        """A module to import (its types may be in a stub beside it)."""
        return self.name.endswith(".py")

    @property
    def is_private(self) -> bool:
        """A module that builds an enum for a public one, whose stub types it."""
        return self.name.startswith("_")

    @property
    def is_stub(self) -> bool:
        """The types of the module of the same name, for type checkers."""
        return self.name.endswith(".pyi")


OUTPUTS = (
    Output("http_status.py", "http_status.py.j2", STATUS),
    Output("_http_status_enum.py", "_http_status_enum.py.j2", STATUS),
    Output("http_status.pyi", "http_status.pyi.j2", STATUS),
    Output("http_status_constants.py", "http_status_constants.py.j2", STATUS),
    Output("http_status_info.py", "http_status_info.py.j2", STATUS),
    Output("status-codes.md", "status-codes.md.j2", STATUS),
    Output("status-codes.rst", "status-codes.rst.j2", STATUS),
    Output("http-status-registry.json", "http-status-registry.json.j2", STATUS),
    Output(
        "http-status-registry.schema.json",
        "http-status-registry.schema.json.j2",
        STATUS,
    ),
    Output("http_method.py", "http_method.py.j2", METHOD),
    Output("_http_method_enum.py", "_http_method_enum.py.j2", METHOD),
    Output("http_method_info.py", "http_method_info.py.j2", METHOD),
    Output("http_method.pyi", "http_method.pyi.j2", METHOD),
    Output("http-methods.md", "http-methods.md.j2", METHOD),
    Output("http-methods.rst", "http-methods.rst.j2", METHOD),
)


def build_outputs(registries: dict[str, Registry], templates: Path) -> dict[str, str]:
    """Every output's final text, by file name, from the registry of each kind (by
    kind name); an output whose registry is not given is not built."""
    texts = {}
    for output in OUTPUTS:
        if output.kind.name not in registries:
            continue
        text = render(templates, output.template, registries[output.kind.name])
        if output.is_python or output.is_stub:
            text = format_python(text, output.template, stub=output.is_stub)
        texts[output.name] = text
    return texts
