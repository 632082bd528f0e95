# The two commands of the README:
#   make demo   set up, then run the main job on the embedded default (no servers)
#   make test   set up, then run the whole test suite (starts Elasticsearch itself)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOME_DIR ?= data

.PHONY: demo test install install-test lint clean-data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-installs when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed scripts/install-extras
	bash scripts/install-extras $(BIN)/pip
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/vonnis --home $(HOME_DIR) ingest samples
	$(BIN)/vonnis --home $(HOME_DIR) extract --all
	$(BIN)/vonnis --home $(HOME_DIR) index
	$(BIN)/vonnis --home $(HOME_DIR) stats
	$(BIN)/vonnis --home $(HOME_DIR) search "mensenhandel" --filter trafficking=true \
	    --facet court_level --facet outcome --facet exploitation_types --size 3

test: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean-data:
	rm -rf $(HOME_DIR)
