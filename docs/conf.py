"""Sphinx configuration of the package's documentation page (make docs)."""

from pathlib import Path

import tomllib
from docutils import nodes
from sphinx.domains import changeset
from sphinx.roles import RFC

_PROJECT = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(
        encoding="utf-8"
    )
)["project"]

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
# The registries' text shows as it is written: -- stays two hyphens and a quote is
# not curled (Sphinx's smart quotes change both, in the tables too).
smartquotes = False
exclude_patterns = ["_build"]
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


class _Rfc(RFC):
    """:rfc: as Sphinx writes it, without an index entry: the tables cite RFC 9110
    dozens of times, which the index would list as RFC 9110 [1] ... [56]."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        found, messages = super().run()
        return [node for node in found if node.tagname != "index"], messages


def setup(app):  # type: ignore[no-untyped-def]
    app.add_role("rfc", _Rfc(), override=True)
