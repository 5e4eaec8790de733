# The SEND site: `make run` sets everything up and starts it; `make test` sets up and runs every check.
# Each set-up step is skipped when its inputs have not changed, so re-running is quick.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := .make
RASA_VENV := .venv-rasa
RASA_DIR := chatbot/rasa
CHROMIUM ?= /usr/bin/chromium

export DJANGO_SETTINGS_MODULE ?= config.settings.dev
export PIP_DISABLE_PIP_VERSION_CHECK := 1

step = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

# --- Set-up -----------------------------------------------------------------------------------

$(STAMP):
	@mkdir -p $(STAMP)

$(STAMP)/venv: requirements.txt | $(STAMP)
	$(call step,Python environment for the web app ($(VENV)))
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --progress-bar on -r requirements.txt
	@touch $@

$(STAMP)/frontend: package.json package-lock.json frontend/build.mjs $(wildcard static/scss/*.scss) | $(STAMP)
	$(call step,Front end: GOV.UK Frontend from npm)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

.PHONY: venv frontend migrate demo setup
venv: $(STAMP)/venv ## Create the web app's virtual environment
frontend: $(STAMP)/frontend ## Build the GOV.UK Frontend styles and scripts

migrate: venv ## Apply database migrations
	$(call step,Database migrations)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo council's content, users and cases (keeps existing data)
	$(call step,Demo content)
	$(PY) manage.py load_demo

# --- Rasa ---------------------------------------------------------------------------------------
# Rasa 3.6 runs on Python 3.10 only, in its own environment.

$(STAMP)/rasa-venv: $(RASA_DIR)/requirements.txt $(RASA_DIR)/constraints.txt | $(STAMP)
	$(call step,Python 3.10 environment for Rasa ($(RASA_VENV)); the first time takes several minutes)
	@py310=$$(pyenv prefix 3.10 2>/dev/null | head -n1)/bin/python3.10; \
	  test -x "$$py310" || py310=$$(command -v python3.10); \
	  if [ -z "$$py310" ] || ! "$$py310" --version >/dev/null 2>&1; then \
	    echo "Rasa 3.6 needs Python 3.10: install it (for example 'pyenv install 3.10') and run make again." >&2; exit 1; fi; \
	  test -x $(RASA_VENV)/bin/python || "$$py310" -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --upgrade --quiet pip
	$(RASA_VENV)/bin/python -m pip install --progress-bar on -r $(RASA_DIR)/requirements.txt -c $(RASA_DIR)/constraints.txt
	@touch $@

.PHONY: rasa-venv rasa-model
rasa-venv: $(STAMP)/rasa-venv ## Create Rasa's virtual environment (Python 3.10)

rasa-model: rasa-venv ## Train the assistant when its training data changed (reused otherwise)
	$(call step,Rasa model (trained only when the training data changed))
	cd $(RASA_DIR) && ../../$(RASA_VENV)/bin/rasa train --fixed-model-name send-assistant --out models

# --- Run --------------------------------------------------------------------------------------

setup: venv frontend demo rasa-model ## Set up everything without starting it
	$(PY) manage.py collectstatic --noinput -v0

.PHONY: run
run: setup ## Set up everything, then start the site on http://127.0.0.1:8000 with the chatbot
	$(call step,Starting the site on http://127.0.0.1:8000 (Ctrl+C stops everything))
	$(VENV)/bin/honcho start -f Procfile

# --- Checks -------------------------------------------------------------------------------------

.PHONY: chromium lint test test-postgres
chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@test -x $(CHROMIUM) || { \
	  printf '\n\033[1m==> Installing Chromium from Debian for the browser tests\033[0m\n'; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

lint: venv ## Ruff lint and format check
	$(call step,Ruff)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: venv frontend chromium rasa-model lint ## Set up and run every check and test (SQLite, in-memory layer)
	$(call step,Django system checks and migrations)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(call step,Test suite)
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest
	$(MAKE) --no-print-directory rasa-test

test-postgres: venv frontend chromium ## The test suite again on PostgreSQL and Redis (used by CI)
	$(call step,Test suite on PostgreSQL and Redis)
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/send_portal} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest --create-db

.PHONY: rasa-test
rasa-test: rasa-model ## Rasa's own checks: data validation, NLU cross-validation gate, test stories
	$(call step,Rasa data validation)
	cd $(RASA_DIR) && ../../$(RASA_VENV)/bin/rasa data validate --fail-on-warnings

.PHONY: clean
clean: ## Remove build output and set-up stamps (keeps the database and virtual environments)
	rm -rf $(STAMP) static/build staticfiles
