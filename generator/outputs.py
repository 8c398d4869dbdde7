"""Every generated file's text, built in memory from the validated registries:
the header, the rendered template, and for Python the formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import tomllib

from .formatting import format_python
from .kind import PACKAGE, Output
from .kinds import KINDS
from .registry import Registry
from .render import kind_context, render

ROOT = Path(__file__).resolve().parent.parent

# The files of the package itself, rendered once from the project: its __init__
# (the version) and the py.typed marker.
PACKAGE_OUTPUTS = (Output("__init__.py"), Output("py.typed"))
PACKAGE_SOURCES = ("pyproject.toml",)
# Every generated file: the package's own, and every kind's.
OUTPUTS = PACKAGE_OUTPUTS + tuple(output for kind in KINDS for output in kind.outputs)


def build_outputs(registries: Iterable[Registry], templates: Path) -> dict[str, str]:
    """Every output of each registry's kind, and the package's own, by path in the
    output folder."""
    registries = list(registries)
    texts = {
        output.path: _build(output, templates, PACKAGE_SOURCES, _package_context())
        for output in PACKAGE_OUTPUTS
    }
    for registry in registries:
        for output in registry.kind.outputs:
            texts[output.path] = _build(
                output, templates, registry.kind.sources, kind_context(registry)
            )
    return texts


def _build(
    output: Output, templates: Path, sources: tuple[str, ...], context: dict[str, Any]
) -> str:
    text = output.header(sources) + render(templates, output.template, context)
    if output.is_python or output.is_stub:
        text = format_python(text, output.template, stub=output.is_stub)
    return text


def project() -> dict[str, Any]:
    """The project's metadata, as pyproject.toml gives it."""
    with open(ROOT / "pyproject.toml", "rb") as stream:
        metadata: dict[str, Any] = tomllib.load(stream)["project"]
    return metadata


def _package_context() -> dict[str, Any]:
    """The package's name and version, for its own files."""
    return {"package": PACKAGE, "version": project()["version"]}
