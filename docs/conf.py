"""Sphinx configuration of the package's documentation page (make docs)."""

project = "http-registries"
author = "the http-registries maintainers"
copyright = "the http-registries maintainers"

extensions: list[str] = []
# Every cross-reference must resolve: a misspelt name fails the build (-W).
nitpicky = True
exclude_patterns = ["_build"]
html_theme = "alabaster"
