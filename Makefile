# Mrejesho Sandbox. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help run test lint format pytest fuzz bench bench-load bench-scaling translations translations-update clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e . 2> >(grep -v "is ignored: it is neither" >&2)
	@touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e '.[test]' 2> >(grep -v "is ignored: it is neither" >&2)
	@touch $(VENV)/.installed $@

$(VENV)/.installed-bench: setup.cfg pyproject.toml | $(BIN)/activate
	$(BIN)/pip install -q -e '.[test,bench]' 2> >(grep -v "is ignored: it is neither" >&2)
	@touch $(VENV)/.installed $(VENV)/.installed-test $@

CATALOGS = sandbox/translations $(wildcard sandbox/*/translations)

translations: ## Compile the Swahili/English message catalogs (shared + one per area)
	@for d in $(CATALOGS); do $(BIN)/pybabel compile -f -d $$d 2>&1 | grep -v "^compiling" || true; done
	@$(BIN)/pybabel compile -f -D wtforms -d sandbox/translations 2>&1 | grep -v "^compiling" || true

run: $(VENV)/.installed translations ## Set up (venv, database, demo world) and serve on http://127.0.0.1:5000
	$(BIN)/mrejesho setup
	$(BIN)/mrejesho run

test: $(VENV)/.installed-test translations lint pytest ## Set up and run ruff and the whole suite (browser tests included)

lint: ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

pytest: ## Run pytest only (DATABASE_URL selects PostgreSQL)
	$(BIN)/pytest

FUZZ_SCALE ?= 7
fuzz: $(VENV)/.installed-test translations ## The long fuzz: every fuzz test with FUZZ_SCALE x its sample (over 10,000 inputs)
	FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/pytest -m fuzz -q -p no:randomly --hypothesis-show-statistics | tee .fuzz.log
	@awk '/passing, / {n += $$2} END {print "inputs tried / pembejeo zilizojaribiwa: " n}' .fuzz.log

bench: $(VENV)/.installed-bench translations ## Benchmarks (not tests): seeding, pages, scenario, room poll, archive, reset, decision report, hall joining, load and 1-2-4 worker scaling, see docs/PERFORMANCE.md and docs/DEPLOY.md
	$(BIN)/python bench/seed_bench.py
	$(BIN)/python bench/page_bench.py
	$(BIN)/python bench/scenario_bench.py
	$(BIN)/python bench/room_bench.py
	$(BIN)/python bench/archive_bench.py
	$(BIN)/python bench/facilitator_bench.py
	$(BIN)/python bench/reset_bench.py
	$(BIN)/python bench/preview_bench.py
	$(BIN)/python bench/report_bench.py
	$(BIN)/python bench/toggles_bench.py
	$(BIN)/python bench/join_bench.py
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/scaling_bench.py

bench-load: $(VENV)/.installed-bench translations ## The load benchmark alone (ARGS=--quick for a short check)
	$(BIN)/python bench/load_bench.py $(ARGS)

bench-scaling: $(VENV)/.installed-bench translations ## gunicorn with 1, 2, 4 workers on PostgreSQL (ARGS=--quick, --rounds 2)
	$(BIN)/python bench/scaling_bench.py $(ARGS)

clean: ## Remove the venv and caches (keeps instance/, the database)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

translations-update: ## Extract strings into the catalogs: shared, or AREA=desk|portal|… (its own)
ifdef AREA
	@mkdir -p sandbox/$(AREA)/translations
	$(BIN)/pybabel extract -F babel-area.cfg -k _l -k lazy_gettext --no-location -o sandbox/$(AREA)/translations/messages.pot sandbox/$(AREA)
	@for l in sw en; do [ -f sandbox/$(AREA)/translations/$$l/LC_MESSAGES/messages.po ] || \
	  $(BIN)/pybabel init -i sandbox/$(AREA)/translations/messages.pot -d sandbox/$(AREA)/translations -l $$l; done
	$(BIN)/pybabel update -i sandbox/$(AREA)/translations/messages.pot -d sandbox/$(AREA)/translations --width 100 --no-fuzzy-matching
else
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o sandbox/translations/messages.pot .
	$(BIN)/pybabel update -i sandbox/translations/messages.pot -d sandbox/translations --width 100 --no-fuzzy-matching
endif
