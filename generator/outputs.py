"""Every generated file's text, built in memory from the validated registries:
the header, the rendered template, and for Python the formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import tomllib

from .formatting import FormatError, format_python
from .kind import PACKAGE, Output
from .kinds import KINDS
from .registry import Registry
from .render import kind_context, render
from .sourcefile import ROOT, read_text, shown

# The files of the package itself, rendered once from the project: its __init__
# (the version) and the py.typed marker.
PACKAGE_OUTPUTS = (
    Output("__init__.py"),
    Output("_names.py"),
    Output("__init__.pyi"),
    Output("__main__.py"),
    Output("_compare.py"),
    Output("py.typed"),
)
PACKAGE_SOURCES = ("pyproject.toml",)
# Every generated file: the package's own, and every kind's.
OUTPUTS = PACKAGE_OUTPUTS + tuple(output for kind in KINDS for output in kind.outputs)


def build_outputs(registries: Iterable[Registry], templates: Path) -> dict[str, str]:
    """Every output of each registry's kind, and the package's own, by path in the
    output folder."""
    package = _package_context()
    texts = {
        output.path: _build(output, templates, PACKAGE_SOURCES, package)
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
    rendered = render(templates, output.template, context)
    text = output.header(sources) + rendered
    if output.is_python or output.is_stub:
        text = format_python(text, output.template, stub=output.is_stub)
        _refuse_impossible(output, rendered, text)
    return text


def _refuse_impossible(output: Output, rendered: str, text: str) -> None:
    """What can never be a right formatted module, whatever step made it (a damaged
    cache, a formatter's bug): an empty file where the template rendered text, or a
    module that does not compile. Neither is written, nor passes a check."""
    if rendered.strip() and not text.strip():
        raise FormatError(
            f"{output.path}: the template rendered text, but the output is empty"
        )
    try:
        compile(text, output.path, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise FormatError(
            f"{output.path}:{error.lineno}: the formatted module does not compile: {error.msg}"
        ) from None


def project() -> dict[str, Any]:
    """The project's metadata, as pyproject.toml gives it."""
    path = ROOT / "pyproject.toml"
    metadata: dict[str, Any] = tomllib.loads(
        read_text(path, shown(path), "the project's metadata")
    )["project"]
    return metadata


def _package_context() -> dict[str, Any]:
    """The package's name and version, and the names it gives at its top, for its
    own files."""
    return {
        "package": PACKAGE,
        "version": project()["version"],
        "top_level": [
            *(name for kind in KINDS for name in kind.top_level),
            ("compare", "_compare", "compare"),
            ("Comparison", "_compare", "Comparison"),
        ],
        "registries": [
            (kind.name, *kind.constants) for kind in KINDS if kind.constants
        ],
        "folded": [kind.name for kind in KINDS if kind.fold("A") == "a"],
        # Each registry's title, and the names of its constants, lookup and listing
        # at the package's top: what the package's docstring lists.
        "catalogue": [
            (
                kind.title,
                *(
                    name
                    for given in (kind.constants[1], "lookup", "entries")
                    for name, _, attribute in kind.top_level
                    if attribute == given
                ),
            )
            for kind in KINDS
            if kind.constants
        ],
        "enums": [kind.enum.class_name for kind in KINDS if kind.enum],
        # Each registry's lookup, by the registry's name: the module that gives it.
        "lookups": [
            (kind.name, module)
            for kind in KINDS
            for _, module, attribute in kind.top_level
            if attribute == "lookup"
        ],
    }
