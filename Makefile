# The project's front door: `make build` and `make test` work alone on a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

CUSTOMERS ?= 1300
SEED ?= 42
OUT ?= target/sample
EXPORT_FILES := market_file.csv market_money.csv market_time.csv money.csv

.PHONY: install build test lint format sample docs clean dashboard browser bench

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(INSTALLED)

install: $(INSTALLED)

build: install  ## install, then build every model and test on the bundled sample into one_click.duckdb
	$(BIN)/dbt build

test: install lint browser  ## everything CI checks
	$(BIN)/pytest

lint: install  ## ruff, sqlfluff, and dbt-score on the parsed manifest (minimums in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models tests/data_tests
	$(BIN)/dbt parse --quiet --target-path target/lint
	$(BIN)/dbt-score lint --manifest target/lint/manifest.json

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/sqlfluff fix models tests/data_tests

# A folder that already holds an export (the bundled sample in seeds/, or a real export) is not overwritten
# unless OVERWRITE=1 says so.
sample: install  ## make sample CUSTOMERS=N OUT=DIR SEED=S [OVERWRITE=1]
	@for file in $(EXPORT_FILES); do \
		if [ -e "$(OUT)/$$file" ] && [ "$(OVERWRITE)" != 1 ]; then \
			echo "make sample: $(OUT)/$$file exists and would be overwritten;" \
				"pass OVERWRITE=1 to replace it, or choose another OUT=DIR" >&2; \
			exit 1; \
		fi; \
	done
	$(BIN)/python -m one_click.sample --customers $(CUSTOMERS) --out $(OUT) --seed $(SEED)

docs: install  ## static dbt docs in target/static_index.html
	$(BIN)/dbt docs generate --static

clean:
	rm -rf target logs $(VENV) one_click.duckdb

PORT ?= 8501
CHROMIUM := /usr/bin/chromium

dashboard: install  ## the Streamlit dashboard over the last published build: make dashboard PORT=8501
	$(BIN)/streamlit run dashboard/app.py --server.headless true --browser.gatherUsageStats false \
		--server.address 127.0.0.1 --server.port $(PORT) --client.toolbarMode viewer

# Headless Chromium for the dashboard's browser test (Playwright's own download cannot reach its CDN here).
# A machine where it cannot be installed still runs `make test`: the browser test then skips and says why.
browser:
	@test -x $(CHROMIUM) || { DEBIAN_FRONTEND=noninteractive apt-get update \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } \
		|| echo "warning: could not install chromium; the dashboard's browser test will be skipped"

# Benchmark: a full `dbt build` and a scoring-only rebuild per size, timed per step, with peak memory.
# Raw results in $(BENCH_DIR)/results.json; the tables in docs/benchmarks.md are generated from them.
SIZES ?= 1300 100000 1000000
BENCH_DIR ?= target/bench

bench: install  ## make bench SIZES="1300 100000" BENCH_DIR=target/bench
	$(BIN)/python -m one_click.bench run --sizes $(SIZES) --work-dir $(BENCH_DIR) --docs docs/benchmarks.md
