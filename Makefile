# The two commands of the quick start:
#   make site   set everything up, then build the sample portal into site/
#   make test   set everything up (Chromium included), then run the whole test suite
# For developers: make test-fast (no browser) and make lint (ruff and mypy, as CI runs them).
# Both create .venv/ on first use and reinstall only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test test-fast lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/portal-gen build --strict

# Build, then serve site/ at http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: $(STAMP)
	$(BIN)/portal-gen serve

test: $(STAMP)
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-node-clients.sh
	sh scripts/ensure-cms.sh
	$(BIN)/python -m pytest

# The inner loop: everything but the browser tests (no Chromium needed).
test-fast: $(STAMP)
	sh scripts/ensure-node-clients.sh
	$(BIN)/python -m pytest -m "not browser"

# Lint and types, as CI checks them.
lint: $(STAMP)
	$(BIN)/ruff check portal_gen tests benchmarks
	$(BIN)/ruff format --check portal_gen tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf build site $(VENV)
