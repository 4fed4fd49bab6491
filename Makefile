# Sporskifte: `make run` (demo on http://$(HOST):$(PORT), default 127.0.0.1:8000) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
IDP_PORT ?= 8001
export DJANGO_SETTINGS_MODULE ?= sporskifte.web.settings
# `make run` serves the demo exactly as production does (gunicorn, the production settings,
# collected static files); only these switches differ: plain http on loopback, local demo
# passwords, and the local test identity provider for staff and citizen logins.
IDP := http://$(HOST):$(IDP_PORT)
DEMO_ENV := SECURE_SSL_REDIRECT=false SECURE_COOKIES=false CITIZEN_FORM_PUBLIC=true \
	LOCAL_LOGIN=all SAML_ENABLED=true SAML_BASE_URL=http://$(HOST):$(PORT) \
	SAML_STAFF_IDP=$(IDP)/staff/metadata SAML_CITIZEN_IDP=$(IDP)/citizen/metadata \
	SAML_IDP_METADATA=var/saml/idp-staff-metadata.xml,var/saml/idp-citizen-metadata.xml
SERVER := $(BIN)/gunicorn -c python:sporskifte.ops.gunicorn_conf sporskifte.web.wsgi:application

.PHONY: install run demo-data test lint format typecheck pytest bench clean

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,spark]"
	touch $(STAMP)

install: $(STAMP)

# Build the embedded demo database (synthetic Copenhagen, trained model) and serve it with the
# production server; the test identity provider runs beside it until the server stops.
run: install
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py setup_demo
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py demo_idp --host $(HOST) --port $(IDP_PORT) \
		--sp http://$(HOST):$(PORT) & idp=$$!; trap "kill $$idp" EXIT; \
	for _ in $$(seq 60); do test -f var/saml/idp-citizen-metadata.xml && break; sleep 1; done; \
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) $(SERVER)

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
