# Development tasks. The first target that needs them creates .venv and installs the
# pinned development dependencies (pyproject.toml, extra "dev") by itself.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: generate check validate iana-check test bench clean

generate: $(INSTALLED)
	$(PY) -m generator generate

check: $(INSTALLED)
	$(PY) -m generator check

validate: $(INSTALLED)
	$(PY) -m generator validate

iana-check: $(INSTALLED)
	$(PY) -m generator iana

test: $(INSTALLED)
	$(PY) -m pytest
	$(PY) -m generator check
	$(PY) -m generator iana

# Side by side with CPython's own http on every CPython 3.8-3.13 that pyenv has;
# prints Markdown tables of medians and ratios (a benchmark, not a test).
bench: $(INSTALLED)
	$(PY) bench/bench.py

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"]))' > $(VENV)/requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
