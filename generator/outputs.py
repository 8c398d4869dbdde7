"""Every generated file's text, built in memory from the validated registries:
the header, the rendered template, and for Python the formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .formatting import format_python
from .registry import Registry
from .render import render


def build_outputs(registries: Iterable[Registry], templates: Path) -> dict[str, str]:
    """Every output of each registry's kind, by file name."""
    texts = {}
    for registry in registries:
        for output in registry.kind.outputs:
            text = output.header(registry.kind.sources) + render(
                templates, output.template, registry
            )
            if output.is_python or output.is_stub:
                text = format_python(text, output.template, stub=output.is_stub)
            texts[output.name] = text
    return texts
