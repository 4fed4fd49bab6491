# Sporskifte: `make run` (demo on http://$(HOST):$(PORT), default 127.0.0.1:8000) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= sporskifte.web.settings
# The demo serves plain http on loopback and opens the citizen's form without login;
# production sits behind TLS and the municipality's login, with the secure defaults.
DEMO_ENV := SECURE_SSL_REDIRECT=false SECURE_COOKIES=false CITIZEN_FORM_PUBLIC=true

.PHONY: install run demo-data test lint format typecheck pytest bench clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,spark]"
	touch $(STAMP)

install: $(STAMP)

# Build the embedded demo database (synthetic Copenhagen, trained model) and serve it.
run: install
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py setup_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

test: lint typecheck pytest

bench: install
	$(BIN)/python bench/run.py $(BENCH)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache test-output
