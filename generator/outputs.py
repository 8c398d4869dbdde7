"""The generated files: which template makes each, and how all of them are built in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .formatting import format_python
from .registry import Registry
from .render import render


@dataclass(frozen=True)
class Output:
    name: str
    template: str

    @property
    def is_python(self) -> bool:
        return self.name.endswith(".py")


OUTPUTS = (
    Output("http_status.py", "http_status.py.j2"),
    Output("http_status_constants.py", "http_status_constants.py.j2"),
    Output("status-codes.md", "status-codes.md.j2"),
)


def build_outputs(registry: Registry, templates: Path) -> dict[str, str]:
    """Every output's final text, by file name; nothing is written here."""
    texts = {}
    for output in OUTPUTS:
        text = render(templates, output.template, registry)
        texts[output.name] = (
            format_python(text, output.template) if output.is_python else text
        )
    return texts
