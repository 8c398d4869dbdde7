"""Sphinx configuration of the package's documentation page (make docs)."""

project = "http-status-registry"
author = "the http-status-registry maintainers"
copyright = "the http-status-registry maintainers"

extensions: list[str] = []
# Every cross-reference must resolve: a misspelt name fails the build (-W).
nitpicky = True
exclude_patterns = ["_build"]
html_theme = "alabaster"
