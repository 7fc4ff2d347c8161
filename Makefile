# Wissenstransfer-Hub – the four commands of README.md. Each installs what it needs into .venv/
# on first use (exact versions with hashes from requirements-dev.txt), so nothing is set up by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check format test test-fast lint new clean bench bench-search system-tools properdocs fuzz generate ready auth release zensical sources

NODE_STAMP := node_modules/.installed

# The editors' commands (serve, build, check, format, new) end, when they fail, with the hub's German
# line that says what to do. GNU make would add its own English line below it („make: *** [Makefile:NN:
# check] Error 1“), and no option of make leaves that out. So a failed editor command ends make itself,
# with SIGPIPE, which shells do not report: make's exit status is then 141, still a failure for scripts
# and CI. $$PPID is make, which runs each recipe line in a shell of its own (tests/test_editor_output.py).
OR_STOP_QUIETLY = || { kill -PIPE $$PPID; exit 1; }

$(STAMP): requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	touch $(STAMP)

# Decap CMS for /admin/ and test tools from npm (axe-core, vnu-jar, decap-server), exact versions and integrity hashes from package-lock.json.
$(NODE_STAMP): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## serve: the site with live reload on http://127.0.0.1:8000 (data/, docs/, overrides/ and the templates under
## hooks/ rebuild; any other save under hooks/ is code, and the preview restarts itself: hooks/msdz_serve.py)
## --dirty: a save rebuilds only the pages whose Markdown changed (the hook rewrites only those);
## --no-strict: MkDocs warns on every dirty build, which would otherwise count as a failed build.
## make build and CI stay strict. bench/run.py and tests/test_serve.py read SERVE_OPTIONS from here.
## After each rebuild the hook indexes the served folder anew for the search (msdz_hub.engine.preview).
## It sees a save by the system's file events; `make serve SERVE_POLL=1` polls every 0.5 s instead (MkDocs' way).
## Ctrl-C ends it with a German line (hooks/msdz_serve.py); make would add „make: *** [...] Interrupt“, so the
## recipe's shell outlives Ctrl-C (trap) and ends make quietly, as OR_STOP_QUIETLY does on a failure.
SERVE_OPTIONS := --livereload --dirty --no-strict
# another port: make serve SERVE_ADDR=127.0.0.1:8001
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP) $(NODE_STAMP)
	@trap : INT; SITE_URL=http://$(SERVE_ADDR)/ $(BIN)/mkdocs serve $(SERVE_OPTIONS) --dev-addr $(SERVE_ADDR); \
		kill -PIPE $$PPID

## build: the production build into site/; fails on any data or link error. node_modules/ holds the
## pinned Decap CMS that the build copies to site/admin/ (npm ci, integrity from package-lock.json).
## Dates of the build (sitemap, compressed files) come from the commit, so a second build of the same
## commit gives the same bytes; outside a git checkout a fixed date stands in (2026-11-26).
## The search index (Pagefind) is written after MkDocs, in a process of its own; the hook writes /admin/
## (after another engine: `python -m msdz_hub finish site --generated FOLDER` does both and the sitemap).
build: $(STAMP) $(NODE_STAMP)
	@SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 1795651200)} \
		$(BIN)/mkdocs build --strict $(OR_STOP_QUIETLY)
	@$(BIN)/python -m msdz_hub index site $(OR_STOP_QUIETLY)

## generate: every page (Markdown) and file (feeds, calendars, open data) the hub makes from data/,
## written to GENERATED (default generated/) without MkDocs: what the hook hands to the engine.
## Bad data stops it as make check does; without the operator's contact it warns, as make build does.
GENERATED ?= generated
generate: $(STAMP)
	$(BIN)/python -m msdz_hub generate $(GENERATED)

## ready: the go-live check – lists in German every setting still missing or not fitting for publication
## (operator's e-mail and telephone, SITE_URL, REPO_URL, CMS_AUTH_URL; README „Inbetriebnahme“);
## exit ≠ 0 until all is set. The deploy workflow runs it before it uploads anything, with
## READY_ARGS="--pages FILE --summary FILE" (GitHub's answer on Pages; the job summary).
ready: $(STAMP)
	$(BIN)/python -m msdz_hub ready $(READY_ARGS)

## auth: the editors' login service for /admin/ (auth/oauth_proxy.py) on http://127.0.0.1 port AUTH_PORT
## (default 8787), configured by GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, ALLOWED_ORIGINS and
## GITHUB_URL; its pinned packages are part of requirements-dev.txt (auth/requirements.txt for the
## container, auth/Containerfile). Loopback only: on a server a web server with TLS stands in front.
auth: $(STAMP)
	AUTH_HOST=127.0.0.1 $(BIN)/python auth/oauth_proxy.py

## sources: the weekly source check (online; the only target that is): every source address of data/
## asked politely, the outcome written to .sources/status.json, the issue text to sources-report.md
sources: $(STAMP)
	$(BIN)/python -m msdz_hub sources --report sources-report.md

## zensical: the Zensical canary – the generated tree built by Zensical (pinned, in a venv of its own:
## requirements-zensical.txt), then the generator's sitemap, /admin/ and the search index put into its site
## by the hub's own steps after any engine (`python -m msdz_hub finish`), and compared with `make build`'s site/;
## the report goes to .zensical/report.md.
## Never fails on a difference: it measures how far a switch away from MkDocs is (README „Zukunft der Technik“).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-zensical.txt
	touch $(ZENSICAL_STAMP)
zensical: build $(ZENSICAL_STAMP)
	rm -rf .zensical && mkdir -p .zensical
	$(BIN)/python -m msdz_hub generate .zensical/generated
	$(BIN)/python -m msdz_hub canary --zensical $(ZENSICAL_VENV)/bin/zensical --generated .zensical/generated \
		--site site --work .zensical/project > .zensical/report.md
	cat .zensical/report.md

## release: a dated state of the open data and of the whole site (for reading offline) in release/,
## from `make build`'s site/; deploy.yml publishes it as a GitHub release after each deploy.
## TAG names the state (e.g. 2026-12-07-abc1234); DOWNLOAD_BASE is where its files will lie.
release: $(STAMP)
	$(BIN)/python -m msdz_hub release --site site --out release --tag "$(TAG)" --download-base "$(DOWNLOAD_BASE)"

## check: validates data/ only – what an editor runs before a pull request. Another spelling than the
## one file style is no error: it is named as a notice with the canonical text (make format writes it).
check: $(STAMP)
	@$(BIN)/python -m msdz_hub check $(OR_STOP_QUIETLY)
	@$(BIN)/python -m msdz_hub format --notice $(OR_STOP_QUIETLY)

## format: data/ in the one file style the browser CMS writes too (values unchanged); make check tests it
format: $(STAMP)
	@$(BIN)/python -m msdz_hub format $(OR_STOP_QUIETLY)

## test: the whole test suite; installs the system tools it needs first (.ci/system-tools: apt-get
## as root or with sudo; on other systems it names what is missing and stops)
test: lint system-tools $(STAMP) $(NODE_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m pytest

## test-fast: the tests that neither build the site nor start a browser (loader, validation, model,
## pages, feeds in memory), for the edit-test loop; the marks `build` and `browser` (tests/tiers.py)
## leave the others out, and a test that builds without its mark fails. make test runs everything.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not build and not browser"

## lint: the code gates (configured in pyproject.toml); each must pass, so make test fails with any
## ruff: style and common bugs, and the formatter's layout (`.venv/bin/ruff format hooks tests bench` fixes it)
## mypy: the types of hooks/ (and of auth/, the editors' login service, with the same gates)
lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy hooks
	$(BIN)/ruff check auth
	$(BIN)/ruff format --check auth
	$(BIN)/mypy auth

system-tools:
	@bash .ci/system-tools

## fuzz: the schema-guided fuzz test, random and long (FUZZ_MINUTES, default 10; make test runs a short,
## fixed one); prints how many inputs were tried, refused, accepted and built
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	FUZZ_MINUTES=$(FUZZ_MINUTES) $(BIN)/python tests/tools/fuzz_long.py

## new: a new record from its schema's template, e.g. make new COLLECTION=practices TITLE="Mein Beispiel"
## (asks for what is missing); the variables reach the command through the environment, unquoted
new: $(STAMP)
	@$(BIN)/python -m msdz_hub new "$$COLLECTION" "$$TITLE" $(OR_STOP_QUIETLY)

## bench: the hub against plain MkDocs with the same pages, at 100, 1 000 and 5 000 synthetic records
## (up to ~15 min; see BENCHMARKS.md); e.g. make bench BENCH_SIZES=100,1000 BENCH_RUNS=3 BENCH_VALIDATE=10000
bench: $(STAMP)
	$(BIN)/python bench/run.py

## bench-search: a reader's first query at N = 5 000 on a phone in Chromium, 5 readers with an empty
## cache: median and spread (bench/search_reader_bench.py); BENCH_SEARCH_RECORDS, BENCH_SEARCH_RUNS
bench-search: $(STAMP)
	$(BIN)/python bench/search_reader_bench.py

# CI runs this on every pull request, so it too ends in German (see OR_STOP_QUIETLY).
OR_DIFFERENT_FILES = || { echo "ProperDocs baut andere Dateien als MkDocs (Unterschiede oben: < nur MkDocs, > nur ProperDocs) \
	– das betrifft den Code, nicht die Inhalte; bitte dem Technik-Team melden." >&2; kill -PIPE $$PPID; exit 1; }
## properdocs: the hub built with ProperDocs (a fork of MkDocs 1.6, pinned in requirements-dev.txt),
## the fallback engine should MkDocs 1.x or Material stop being installable; CI checks that it
## builds the same files as make build.
properdocs: build
	@$(BIN)/properdocs build --strict --quiet --site-dir site-properdocs $(OR_STOP_QUIETLY)
	@$(BIN)/python -m msdz_hub index site-properdocs $(OR_STOP_QUIETLY)
	cd site && find . -type f -not -path './pagefind/*' | sort > ../.files-mkdocs.txt
	cd site-properdocs && find . -type f -not -path './pagefind/*' | sort > ../.files-properdocs.txt
	@diff .files-mkdocs.txt .files-properdocs.txt $(OR_DIFFERENT_FILES)
	@echo "ProperDocs baut dieselben $$(wc -l < .files-mkdocs.txt) Dateien."
	rm -f .files-mkdocs.txt .files-properdocs.txt

clean:
	rm -rf site site-properdocs generated .cache .pytest_cache .mypy_cache .ruff_cache
