# Development tasks. The first target that needs them creates .venv and installs the
# pinned development dependencies (pyproject.toml, dependency group "dev") by itself.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The stamp names the interpreter and the pins it was made with: a .venv made by
# another Python, or before the pins changed, is made again.
VENV_ID := $(shell $(PYTHON) -c 'import sys; print(sys.version.split()[0])' 2>/dev/null)-$(shell cksum < pyproject.toml | cut -d' ' -f1)
INSTALLED := $(VENV)/.installed-$(VENV_ID)

# Every target but clean needs the tools, and so a Python 3.11 or newer: say so in
# one sentence before anything runs.
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),generate)),)
ifeq ($(shell command -v $(PYTHON) 2>/dev/null),)
$(error '$(PYTHON)' was not found. The development tools need Python 3.11 or newer: install one, or run make with PYTHON=python3.11 (or the path of a newer one))
endif
ifneq ($(shell $(PYTHON) -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null),True)
$(error '$(PYTHON)' is Python $(shell $(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null). The development tools need Python 3.11 or newer: run make with PYTHON=python3.11 (or the path of a newer one))
endif
endif

.PHONY: generate check validate iana-check iana-update test quick bench docs dist clean

generate: $(INSTALLED)
	$(PY) -m generator generate

check: $(INSTALLED)
	$(PY) -m generator check

validate: $(INSTALLED)
	$(PY) -m generator validate

iana-check: $(INSTALLED)
	$(PY) -m generator iana

# Downloads IANA's current files (the only target that uses the network), replaces
# the vendored ones that parse, and compares; review and commit what it changed.
iana-update: $(INSTALLED)
	$(PY) -m generator iana-update

# The whole truth: every test on every supported CPython, then the committed files,
# formatted anew (no cache), and IANA (whose expiry dates are only warnings here, so
# that a commit passes on any date).
test: $(INSTALLED)
	$(PY) -m pytest -n 2 --dist loadfile
	HTTP_REGISTRIES_FORMAT_CACHE= $(PY) -m generator check
	$(PY) -m generator iana --expiry warn

# The edit-test loop: everything but the slow tests (the interpreter matrix, type
# checkers, the wheel, the documentation page, property tests, real processes and
# servers), which make test runs. Its two commands keep their bytecode from one run
# to the next, in .pytest_cache/ rather than beside the sources, even where
# PYTHONDONTWRITEBYTECODE is set: compiling the tests (and rewriting their asserts)
# anew in each worker is a good part of a run. (Only these two: pip, setting up
# .venv, would put the tools' bytecode there too, where make test never looks.) Nor
# does it load the pytest plugins of hypothesis and anyio, which none of its tests
# use, in each of its three processes.
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX="$(CURDIR)/.pytest_cache/pycache"
quick: $(INSTALLED)
	$(KEEP_BYTECODE) $(PY) -m pytest -q -n 2 -m "not slow" -p no:hypothesispytest -p no:anyio
	$(KEEP_BYTECODE) $(PY) -m generator check

# Side by side with CPython's own http on every supported CPython found;
# prints Markdown tables of medians and ratios (a benchmark, not a test).
bench: $(INSTALLED)
	$(PY) bench/bench.py

# The documentation page, from docs/ (it includes the generated tables): any warning,
# or a reference that does not resolve, fails it. Open docs/_build/html/index.html.
docs: $(INSTALLED)
	$(PY) -m sphinx -W -n --keep-going -q -b html docs docs/_build/html

# The wheel and the source distribution, in dist/, built offline with the pinned
# backend and checked as a package index checks them (metadata, and the README as the
# index page renders it), the wheel's contents, and the metadata's completeness.
dist: $(INSTALLED)
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .
	$(PY) -m twine check --strict dist/*
	$(PY) -m check_wheel_contents dist/*.whl
	$(PY) -m pyroma --min 10 dist/*.tar.gz

$(INSTALLED): pyproject.toml
	@echo "Setting up .venv: the pinned development tools (pyproject.toml, group dev), about a minute on a first run."
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"]))' > $(VENV)/requirements-dev.txt
	$(PY) -m pip install --quiet --quiet --disable-pip-version-check -r $(VENV)/requirements-dev.txt
	touch $@

# Removes what make and the tests made here: .venv and the tools' caches.
clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis docs/_build
