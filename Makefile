# The project's front door: `make build` and `make test` work alone on a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

# A variable left unset passes nothing: the command's own default applies (its --help says which), so each
# default is declared once, in the command (one_click.sample: the bundled sample's size and seed).
CUSTOMERS ?=
SEED ?=
option = $(if $(2),$(1) $(2))
OUT ?= target/sample
EXPORT_FILES := market_file.csv market_money.csv market_time.csv money.csv

.PHONY: install build score test lint format sample simulate-next loop-check bench-periods docs clean dashboard browser bench java spark-test \
	databricks-venv bench-spark

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(INSTALLED)

install: $(INSTALLED)

build: install  ## install, then build every model and test on the bundled sample into one_click.duckdb
	$(BIN)/dbt build

# The scoring-only rebuild after a build: the published model scores the customers, nothing is trained, every
# data test downstream runs. The selector (selectors.yml) and ONE_CLICK_RETRAIN leave `--vars` as the last
# run's, so dbt reuses its parse.
score: install  ## score with the published model and rebuild what follows from the predictions
	ONE_CLICK_RETRAIN=false $(BIN)/dbt build --selector scoring

test: install lint browser spark-test  ## everything CI checks
	$(BIN)/pytest -m "not spark"

lint: install  ## ruff, import-linter's contracts, sqlfluff, and dbt-score (all configured in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
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
	$(BIN)/python -m one_click.sample $(call option,--customers,$(CUSTOMERS)) --out $(OUT) $(call option,--seed,$(SEED))

# The next export period of a simulated store, from the last published snapshot: the four exports and the
# truth.json they were drawn from (one_click.simulate). Like `make sample`, it refuses to overwrite an export.
PUBLISHED ?=

simulate-next: install  ## make simulate-next OUT=DIR [PUBLISHED=DIR, default the current snapshot] [SEED=S] [OVERWRITE=1]
	$(BIN)/python -m one_click.simulate $(call option,--published,$(PUBLISHED)) --out $(OUT) $(call option,--seed,$(SEED)) \
		$(if $(filter 1,$(OVERWRITE)),--overwrite)

# The loop closed at a size that detects an offer's effect: two periods of a simulated store, the uplift
# intervals against the truth, realised against true ROC-AUC, and the intervals' coverage by repetition.
LOOP_CUSTOMERS ?=
REPETITIONS ?=

loop-check: install  ## make loop-check [LOOP_CUSTOMERS=N] [REPETITIONS=N] (results in target/loop-check)
	$(BIN)/python -m one_click.simulate.check $(call option,--customers,$(LOOP_CUSTOMERS)) \
		$(call option,--repetitions,$(REPETITIONS)) $(call option,--seed,$(SEED))

# Build time per period as the history grows: PERIODS builds of a simulated store, each from the last snapshot.
PERIOD_CUSTOMERS ?=
PERIODS ?=

bench-periods: install  ## make bench-periods [PERIOD_CUSTOMERS=N] [PERIODS=N] (results in target/bench-periods)
	$(BIN)/python -m one_click.simulate.bench $(call option,--customers,$(PERIOD_CUSTOMERS)) \
		$(call option,--periods,$(PERIODS)) $(call option,--seed,$(SEED))

docs: install  ## static dbt docs in target/static_index.html
	$(BIN)/dbt docs generate --static

clean:
	rm -rf target logs $(VENV) $(DATABRICKS_VENV) one_click.duckdb

PORT ?= 8501
CHROMIUM := /usr/bin/chromium

dashboard: install  ## the Streamlit dashboard over the last published build: make dashboard PORT=8501
	$(BIN)/streamlit run dashboard/app.py --server.headless true --browser.gatherUsageStats false \
		--server.address 127.0.0.1 --server.port $(PORT) --client.toolbarMode viewer

# Headless Chromium for the dashboard's browser test (Playwright's own download cannot reach its CDN here).
# A machine where it cannot be installed still runs `make test`: the browser test then skips and says why.
# $(call apt_install,PACKAGE,WARNING): install a Debian package, or only warn when that is impossible here.
apt_install = { DEBIAN_FRONTEND=noninteractive apt-get update \
	&& DEBIAN_FRONTEND=noninteractive apt-get install -y $(1); } || echo "warning: $(2)"

browser:
	@test -x $(CHROMIUM) || $(call apt_install,chromium,could not install chromium; the dashboard's browser test will be skipped)

# Benchmark: a full `dbt build` and a scoring-only rebuild per size, timed per step, with peak memory.
# Raw results in $(BENCH_DIR)/results.json; the tables in docs/benchmarks.md are generated from them.
SIZES ?=
BENCH_DIR ?= target/bench

bench: install  ## make bench SIZES="1300 100000" BENCH_DIR=target/bench
	$(BIN)/python -m one_click.bench run $(call option,--sizes,$(SIZES)) --work-dir $(BENCH_DIR) --docs docs/benchmarks.md

# Spark: the package's Spark path (one_click.spark) on a local Spark of one JVM, and the project parsed for
# the `spark` and `databricks` targets of profiles.yml. pyspark and dbt-spark are in requirements.lock; Java 17
# comes from Debian's packages, like chromium above. A machine without Java still runs `make test`: the Spark
# tests then skip and say why. dbt-databricks pins an older dbt-core, so it lives in its own environment.
JAVA ?= java
DATABRICKS_VENV := .venv-databricks
DATABRICKS_INSTALLED := $(DATABRICKS_VENV)/.installed

java:
	@command -v $(JAVA) >/dev/null || $(call apt_install,openjdk-17-jre-headless,could not install Java (openjdk-17-jre-headless); the Spark tests will be skipped)

$(DATABRICKS_INSTALLED): requirements-databricks.lock
	$(PYTHON) -m venv $(DATABRICKS_VENV)
	$(DATABRICKS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-databricks.lock
	touch $(DATABRICKS_INSTALLED)

databricks-venv:  ## dbt-databricks in .venv-databricks (a warning, not a failure, where it cannot be built)
	@$(MAKE) --no-print-directory $(DATABRICKS_INSTALLED) \
		|| echo "warning: could not build $(DATABRICKS_VENV); the Databricks parse test will be skipped"

spark-test: install java databricks-venv  ## the Spark tests alone, in one process (one JVM)
	$(BIN)/pytest -m spark --numprocesses=0

# Scoring and explaining through Spark's mapInPandas beside the pandas path, on local Spark.
SPARK_SIZES ?=

bench-spark: install java  ## make bench-spark SPARK_SIZES="100000 1000000"
	$(BIN)/python -m one_click.bench.spark $(call option,--sizes,$(SPARK_SIZES)) --out $(BENCH_DIR)/spark.json
