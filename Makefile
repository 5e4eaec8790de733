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

# pytest reads DJANGO_SETTINGS_MODULE from the environment before pyproject.toml, so name it here.
PYTEST := DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest

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
# Rasa 3.6 runs on Python 3.10 only, in its own environment. Its commands run from $(RASA_DIR).
RASA := ../../$(RASA_VENV)/bin/rasa
RASA_PY := ../../$(RASA_VENV)/bin/python
RASA_MODEL := $(RASA_DIR)/models/send-assistant.tar.gz
# What the model is trained from: files and folders (a folder changes when a file is added or removed).
RASA_TRAINING_INPUTS = $(RASA_DIR)/config.yml $(shell find $(RASA_DIR)/domain $(RASA_DIR)/data 2>/dev/null)
RASA_CV_FOLDS ?= 5
RASA_F1_GATE ?= 0.90
# Rasa would otherwise report usage to Rasa Technologies from every command and server.
export RASA_TELEMETRY_ENABLED := false
# The action server (rasa-sdk) listens on every interface unless told otherwise; it has no
# authentication of its own, so it stays on loopback (the Rasa server is its only caller).
export SANIC_HOST := 127.0.0.1

$(STAMP)/rasa-venv: $(RASA_DIR)/requirements.txt $(RASA_DIR)/requirements-dev.txt $(RASA_DIR)/constraints.txt | $(STAMP)
	$(call step,Python 3.10 environment for Rasa ($(RASA_VENV)); the first time takes several minutes)
	@py310=$$(pyenv prefix 3.10 2>/dev/null | head -n1)/bin/python3.10; \
	  test -x "$$py310" || py310=$$(command -v python3.10); \
	  if [ -z "$$py310" ] || ! "$$py310" --version >/dev/null 2>&1; then \
	    echo "Rasa 3.6 needs Python 3.10: install it (for example 'pyenv install 3.10') and run make again." >&2; exit 1; fi; \
	  test -x $(RASA_VENV)/bin/python || "$$py310" -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/python -m pip install --upgrade --quiet pip
	$(RASA_VENV)/bin/python -m pip install --progress-bar on -r $(RASA_DIR)/requirements-dev.txt -c $(RASA_DIR)/constraints.txt
	@touch $@

.PHONY: rasa-venv rasa-model rasa-test rasa-compare
rasa-venv: $(STAMP)/rasa-venv ## Create Rasa's virtual environment (Python 3.10)

# Make compares file times and skips Rasa entirely when nothing changed (instant). When something
# did change, `rasa train` still reuses every component whose own inputs are unchanged (its cache).
rasa-model: rasa-venv ## Train the assistant when its training data changed (reused otherwise)
	$(call step,Rasa model (trained only when the training data changed))
	@if [ -f $(RASA_MODEL) ] && [ -z "$$(find $(RASA_TRAINING_INPUTS) -newer $(RASA_MODEL) | head -n1)" ]; then \
	  echo "Training data unchanged since $(RASA_MODEL) was trained: model reused."; \
	else \
	  cd $(RASA_DIR) && $(RASA) train --domain domain --fixed-model-name send-assistant --out models \
	    && touch models/send-assistant.tar.gz; \
	fi

rasa-test: rasa-model ## Rasa's own checks: data validation, NLU cross-validation gate, test stories, action tests
	$(call step,Rasa data validation)
	cd $(RASA_DIR) && $(RASA) data validate --domain domain --fail-on-warnings
	$(call step,Rasa NLU cross-validation ($(RASA_CV_FOLDS) folds) and the macro F1 gate ($(RASA_F1_GATE)))
	cd $(RASA_DIR) && $(RASA_PY) scripts/cross_validate.py --config config.yml --folds $(RASA_CV_FOLDS) \
	  --out results/cross-validation
	cd $(RASA_DIR) && $(RASA_PY) scripts/nlu_gate.py results/cross-validation --min $(RASA_F1_GATE)
	$(call step,Rasa test stories (every rule and form path))
	cd $(RASA_DIR) && $(RASA) test core --stories tests/ --model models/send-assistant.tar.gz \
	  --fail-on-prediction-errors --no-plot --out results/core
	$(call step,Rasa channel and action tests (pytest in $(RASA_VENV)))
	cd $(RASA_DIR) && ../../$(RASA_VENV)/bin/pytest

rasa-compare: rasa-venv ## Compare the NLU pipeline with DIET by cross-validation (slow: DIET trains for minutes)
	$(call step,Cross-validating the kept pipeline (config.yml) and DIET (configs/config-diet.yml))
	cd $(RASA_DIR) && $(RASA_PY) scripts/cross_validate.py --config config.yml --folds 3 --out results/compare-kept
	cd $(RASA_DIR) && $(RASA_PY) scripts/cross_validate.py --config configs/config-diet.yml --folds 3 \
	  --out results/compare-diet
	cd $(RASA_DIR) && for run in kept diet; do echo "== $$run"; cat results/compare-$$run/timing.json; echo; \
	  $(RASA_PY) scripts/nlu_gate.py results/compare-$$run --min 0; done

# --- Run --------------------------------------------------------------------------------------

setup: venv frontend demo rasa-model ## Set up everything without starting it
	$(PY) manage.py collectstatic --noinput -v0

.PHONY: run
run: setup ## Set up everything, then start the site on http://127.0.0.1:8000 with the chatbot
	$(call step,Starting the site on http://127.0.0.1:8000 (Ctrl+C stops everything))
	$(VENV)/bin/honcho start -f Procfile -e config/development.env

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
	CHROMIUM=$(CHROMIUM) $(PYTEST) -m "not e2e"
	$(call step,Browser tests in headless Chromium with axe-core)
	CHROMIUM=$(CHROMIUM) $(PYTEST) -m e2e
	$(MAKE) --no-print-directory rasa-test

# The same suite against this machine's PostgreSQL and Redis, as production runs.
PG_TEST_ENV = DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/send_portal} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} CHROMIUM=$(CHROMIUM)

test-postgres: venv frontend chromium rasa-model ## The test suite again on PostgreSQL and Redis (used by CI)
	$(call step,Test suite on PostgreSQL and Redis)
	$(PG_TEST_ENV) $(PYTEST) -m "not e2e" --create-db
	$(call step,Browser tests on PostgreSQL and Redis)
	$(PG_TEST_ENV) $(PYTEST) -m e2e --create-db

.PHONY: clean
clean: ## Remove build output and set-up stamps (keeps the database and virtual environments)
	rm -rf $(STAMP) static/build staticfiles
