# Stance Tracker: `make run` serves the app with demo data; `make test` runs the suite.
# Both create .venv themselves on a machine that has only Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
SEED_CORPUS ?= ../shared/corpus/seed

.PHONY: help install migrate demo run worker test lint format eval bench clean

help:
	@echo "make run     set up and serve the app with demo data on http://$(HOST):$(PORT)/"
	@echo "make test    set up and run the whole test suite (SQLite)"
	@echo "make eval    score statement extraction on $(SEED_CORPUS)"
	@echo "make bench   run the benchmarks (see README)"
	@echo "make lint    ruff and the migrations check"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The web server and a Celery worker (with beat) run side by side. With no
# CELERY_BROKER_URL the worker reads kombu's filesystem transport under var/celery/,
# so requests only enqueue work and never wait for it.
run: demo
	@mkdir -p var/celery/out var/celery/processed
	@$(BIN)/celery -A config worker --beat --schedule var/celerybeat-schedule \
		--queues default,ingest --pool solo --loglevel INFO & \
	worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	@mkdir -p var/celery/out var/celery/processed
	$(BIN)/celery -A config worker --beat --schedule var/celerybeat-schedule \
		--queues default,ingest --pool solo --loglevel INFO

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "not integration" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: migrate
	$(BIN)/python manage.py evaluate $(SEED_CORPUS) --topic strike-restrictions

bench: migrate
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var test-artifacts
