# Wissenstransfer-Hub – the four commands of README.md. Each installs what it needs into .venv/
# on first use (exact versions with hashes from requirements-dev.txt), so nothing is set up by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check test new clean bench fuzz

NODE_STAMP := node_modules/.installed

$(STAMP): requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	touch $(STAMP)

# Test tools from npm (axe-core, vnu-jar), exact versions and integrity hashes from package-lock.json.
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## serve: the site with live reload on http://127.0.0.1:8000 (data/, docs/, overrides/, hooks/ reload)
## --dirty: a save rebuilds only the pages whose Markdown changed (the hook rewrites only those);
## --no-strict: MkDocs warns on every dirty build, which would otherwise count as a failed build.
## make build and CI stay strict. bench/run.py and tests/test_serve.py read SERVE_OPTIONS from here.
SERVE_OPTIONS := --livereload --dirty --no-strict
serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve $(SERVE_OPTIONS) --dev-addr 127.0.0.1:8000

## build: the production build into site/; fails on any data or link error
## Dates of the build (sitemap, compressed files) come from the commit, so a second build of the same
## commit gives the same bytes; outside a git checkout a fixed date stands in (2026-11-26).
build: $(STAMP)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 1795651200)} \
		$(BIN)/mkdocs build --strict

## check: validates data/ only – what an editor runs before a pull request
check: $(STAMP)
	$(BIN)/python -m msdz_hub check

## test: the whole test suite
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

## fuzz: the schema-guided fuzz test, random and long (FUZZ_MINUTES, default 10; make test runs a short,
## fixed one); prints how many inputs were tried, refused, accepted and built
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python tests/tools/fuzz_long.py

## new: a new record from its schema's template, e.g. make new COLLECTION=practices TITLE="Mein Beispiel"
## (asks for what is missing); the variables reach the command through the environment, unquoted
new: $(STAMP)
	$(BIN)/python -m msdz_hub new "$$COLLECTION" "$$TITLE"

## bench: the hub against plain MkDocs with the same pages, at 100, 1 000 and 5 000 synthetic records
## (up to ~15 min; see BENCHMARKS.md); e.g. make bench BENCH_SIZES=100,1000 BENCH_RUNS=3 BENCH_VALIDATE=10000
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site .pytest_cache
