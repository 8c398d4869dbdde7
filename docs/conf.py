"""Sphinx configuration of the package's documentation page (make docs)."""

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import tomllib
from docutils import nodes
from sphinx.domains import changeset
from sphinx.roles import RFC

_DOCS = Path(__file__).resolve().parent
_ROOT = _DOCS.parent
_PROJECT = tomllib.loads((_ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]
sys.path.insert(0, str(_ROOT))

from generator.kinds import KINDS  # noqa: E402

project = _PROJECT["name"]
author = "the http-registries maintainers"
copyright = "the http-registries maintainers"
# The release of the registries, shown on every page.
version = release = _PROJECT["version"]
html_title = f"{project} {release}"

# MyST: the changelog and the generated Markdown tables, included as they are.
extensions = ["myst_parser"]
myst_heading_anchors = 2
# Every cross-reference must resolve: a misspelt name fails the build (-W).
nitpicky = True
# Made here at every build, and included by registries.rst and api.rst.
exclude_patterns = ["_build", "_registries.rst", "_declared_*.rst"]
# The API is the package's top: its names show as users import them, without
# the module, which the page says once.
add_module_names = False
# The registries' text shows as it is written: -- stays two hyphens and a quote is
# not curled (Sphinx's smart quotes change both, in the tables too).
smartquotes = False
html_theme = "alabaster"
# Wide enough at 1280 pixels for every example line, which run to 100 characters:
# the text takes the page's width beside the sidebar, not the theme's 800 pixels.
html_theme_options = {
    "page_width": "1240px",
    "sidebar_width": "230px",
    "body_max_width": "none",
    "description": f"release {release}",
}
# Wide tables and long lines scroll in their own box, on a phone too (_static/).
html_static_path = ["_static"]
html_css_files = ["http-registries.css"]

# The package's own versions are dates; every "versionadded" and "versionchanged" on
# these pages is CPython's, copied from its documentation of http: say so.
changeset.versionlabels["versionadded"] = "Added in CPython %s"
changeset.versionlabels["versionchanged"] = "Changed in CPython %s"


def _write(path: Path, text: str) -> None:
    """Write `text` where it differs, so that Sphinx reads no page again for nothing."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _registry_pages() -> None:
    """A page for each registry, which includes its generated table, and the list of
    the pages and the exports that registries.rst includes: made from the registries'
    declarations at every build, so that a new registry needs no page of its own."""
    (_DOCS / "registries").mkdir(exist_ok=True)
    pages, exports = [], []
    for kind in KINDS:
        for output in kind.outputs:
            if output.name.endswith(".md"):
                page = output.name.removesuffix(".md")
                _write(
                    _DOCS / "registries" / output.name,
                    f"```{{include}} ../../generated/{output.name}\n```\n",
                )
                pages.append(f"   registries/{page}\n")
            elif output.name.endswith(".json") and not output.name.endswith(
                ".schema.json"
            ):
                schema = output.path.replace(".json", ".schema.json")
                exports.append(
                    f"- {kind.title}: :download:`{output.name} <../generated/{output.path}>`\n"
                    f"  (:download:`schema <../generated/{schema}>`)\n"
                )
    _write(
        _DOCS / "_registries.rst",
        ".. toctree::\n   :maxdepth: 1\n\n"
        + "".join(pages)
        + "\nEach registry is also exported as JSON, every entry with its defaults "
        "filled in,\nfor other tools and languages, with a JSON Schema of the "
        "export:\n\n" + "".join(exports),
    )


_registry_pages()


def _rst(text: str) -> str:
    """A declaration's prose as reStructuredText shows it: no markup, and None
    where the export's description says null."""
    text = re.sub(r"([\\`*_|])", r"\\\1", text)
    return re.sub(r"\bnull\b", "``None``", text)


def _declared_api() -> None:
    """The API of every registry declared as data (data/*.declaration.yaml), under
    the names the package gives at its top, which api.rst includes: made from the
    declarations at every build, so that a new registry is in the API and the index
    by itself."""
    parts, modules = [], []
    for kind in KINDS:
        table = kind.template_context.get("table")
        if table is None:
            continue  # status, method and field: api.rst documents them
        # The states its lookup answers with, from the registry as generated.
        (export,) = [
            output.path
            for output in kind.outputs
            if output.template == "export.json.j2"
        ]
        exported = json.loads((_ROOT / "generated" / export).read_text(encoding="utf-8"))
        registry = SimpleNamespace(
            entries=[SimpleNamespace(iana=entry["iana"]) for entry in exported["entries"]]
        )
        page = f"/registries/{table.page}"
        argument = "value" if table.numeric else "name"
        title = _rst(table.title)
        if not title.endswith("Registry"):
            title += " registry"
        if table.numeric:
            what = f"An ``IntEnum`` of the codes IANA's {title} names"
            asked = (
                f"any code from {table.shown(table.space[0])} to "
                f"{table.shown(table.space[1])}, whatever its status"
            )
        else:
            what = (
                f"Every token of IANA's {title}, as a constant: a "
                "class of plain strings, not an enum"
            )
            asked = "any token the registry knows" + (
                ", in any spelling, and as bytes (read as Latin-1)"
                if table.case_insensitive
                else ", and as bytes (read as Latin-1)"
            )
        attributes = (
            [
                ("value", "The code asked for."),
                ("name", "IANA's name of the code, or ``None``."),
                (
                    "constant",
                    f"The name of its member of :class:`{table.class_name}`, or "
                    "``None`` where the code names nothing.",
                ),
            ]
            if table.numeric
            else [
                ("name", "The token as IANA spells it."),
                (
                    "constant",
                    f"The name of its constant in :class:`{table.class_name}`.",
                ),
            ]
        )
        states = ", ".join(f"``{state}``" for state in table.states_of(registry))
        attributes.append(("status", f"One of {states}."))
        attributes.append(("reference", "The specification, or ``None``."))
        attributes.append(
            ("reference_url", "A link to the specification, or ``None``.")
        )
        attributes += [
            (column.name, _rst(column.description)) for column in table.columns
        ]
        lines = [
            _rst(kind.title),
            "~" * len(_rst(kind.title)),
            "",
            f".. py:class:: {table.class_name}",
            "",
            f"   {_rst(table.summary)}",
            f"   {what}: :doc:`the table <{page}>` has every one, with its constant",
            "   and aliases.",
            "",
            f".. py:function:: {table.lookup_name}({argument})",
            "",
            f"   What is known of {asked}, as a :class:`{table.info_name}`;",
            "   ``None`` for anything else. It never raises.",
        ]
        if table.formula:
            lines += [
                "",
                f"   {_rst(table.formula.spec.text)} reserves every code of the form",
                f"   {_rst(table.formula.text)}: the lookup answers them as "
                f"``{table.formula.state}``.",
            ]
        listed = (
            "each code a row of the registry holds by itself (its ranges are left out)"
            if table.numeric
            else "each token of the registry"
        )
        lines += [
            "",
            f".. py:function:: {table.entries_name}()",
            "",
            f"   What is known of {listed}, in the registry's order: a tuple of",
            f"   :class:`{table.info_name}`.",
        ]
        lines += [
            "",
            f".. py:class:: {table.info_name}",
            "",
            f"   What is known of one {'code' if table.numeric else 'token'}. An "
            "answer is a value: it cannot be changed, and equal answers are equal.",
        ]
        for name, text in attributes:
            lines += ["", f"   .. py:attribute:: {name}", "", f"      {text}"]
        if table.numeric:
            lines += [
                "",
                "   .. py:property:: member",
                "",
                f"      The member of :class:`{table.class_name}`, or ``None``.",
            ]
        for fact in (*table.subsets, *table.mappings):
            lines += ["", f".. py:data:: {fact.name}", "", f"   {_rst(fact.comment)}"]
        parts.append("\n".join(lines) + "\n")
        names = [table.class_name, table.lookup_name, table.entries_name]
        names += [table.info_name]
        names += [fact.name for fact in (*table.subsets, *table.mappings)]
        functions = (table.lookup_name, table.entries_name)
        modules.append(
            f".. py:module:: http_registries.{table.module}\n\n"
            f"``{table.module}``: "
            + ", ".join(
                f":py:{'func' if name in functions else 'obj'}:"
                f"`~http_registries.{name}`"
                for name in names
            )
            + ".\n"
        )
    _write(_DOCS / "_declared_api.rst", "\n\n".join(parts))
    _write(_DOCS / "_declared_modules.rst", "\n".join(modules))


_declared_api()


class _Rfc(RFC):
    """:rfc: as Sphinx writes it, without an index entry: the tables cite RFC 9110
    dozens of times, which the index would list as RFC 9110 [1] ... [56]."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found, messages = super().run()
        return [node for node in found if node.tagname != "index"], messages


def setup(app):  # type: ignore[no-untyped-def]
    app.add_role("rfc", _Rfc(), override=True)
