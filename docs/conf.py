"""Sphinx configuration of the package's documentation page (make docs)."""

import sys
from pathlib import Path

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
exclude_patterns = ["_build", "_registries.rst"]
html_theme = "alabaster"
# Wide enough at 1280 pixels for every example line, which run to 100 characters.
html_theme_options = {
    "page_width": "1240px",
    "sidebar_width": "230px",
    "description": f"release {release}",
}

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


class _Rfc(RFC):
    """:rfc: as Sphinx writes it, without an index entry: the tables cite RFC 9110
    dozens of times, which the index would list as RFC 9110 [1] ... [56]."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found, messages = super().run()
        return [node for node in found if node.tagname != "index"], messages


def setup(app):  # type: ignore[no-untyped-def]
    app.add_role("rfc", _Rfc(), override=True)
