# The two commands of the README: `make serve` (write and preview) and `make test` (check
# everything). Both set up what they need on a fresh Debian machine with Python 3.11: the
# Debian packages (via apt-get when run as root), a venv from the pinned requirements with the
# project's own package installed editable, and, for the tests, the npm packages of the lock file.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
hash = $(shell cat $(1) | sha1sum | cut -c1-12)
SITE_STAMP := $(VENV)/.site-$(call hash,requirements/site.txt pyproject.toml)
TEST_STAMP := $(VENV)/.test-$(call hash,requirements/site.txt requirements/test.txt pyproject.toml)
NODE_STAMP := node_modules/.installed-$(call hash,package-lock.json)
BASE_DEPS := git python3-venv
PDF_DEPS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
BROWSER_DEPS := chromium chromium-driver poppler-utils
NODE_DEPS := nodejs npm

# Material prints an end-of-life banner for MkDocs 2 unless this is set.
export NO_MKDOCS_2_WARNING := 1
# The builds of the benchmark and the audit are looked at here, never published: they need no
# SITE_URL (hooks/buildkit/publishing.py). `make build`, `make offline` and `make
# build-zensical` publish, and stop without one.
bench bench-quick bench-search audit: export KB_LOCAL := true

.PHONY: serve build build-zensical offline offline-zip offline-zensical test test-unit lint audit bench bench-quick bench-search clean \
        base-deps pdf-deps browser-deps node-deps

serve: $(SITE_STAMP)
	KB_PDF=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

# ENGINE=properdocs builds with ProperDocs, MkDocs' maintained fork, instead (the same site);
# ENGINE=zensical is `make build-zensical`.
ENGINE ?= mkdocs
ifeq ($(ENGINE),zensical)
build: build-zensical
else
build: $(SITE_STAMP) pdf-deps
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml
endif

# The same site with Zensical, Material's successor (hooks/kb_zensical/build.py): the whole-site
# pass writes the research index and a config for Zensical into build/; Zensical builds into a
# staging folder, its rendering checking every page as the MkDocs plugin does; the research
# index's lists and counts are filled in and the PDF made from its pages; then the staging
# folder replaces build/zensical/site (a failed build leaves the last good one).
build-zensical: $(TEST_STAMP) pdf-deps
	$(BIN)/python -m kb_zensical.build .

# The offline build with Zensical: build/zensical/site-offline, zipped as site-offline-zensical.zip.
offline-zensical: $(TEST_STAMP) $(NODE_STAMP) pdf-deps
	rm -f site-offline-zensical.zip
	OFFLINE=true $(BIN)/python -m kb_zensical.build . --site-dir build/zensical/site-offline
	cd build/zensical && $(abspath $(BIN))/python -m zipfile -c ../../site-offline-zensical.zip site-offline/
	@echo "Wrote site-offline-zensical.zip: unpack it and open site-offline/index.html"

offline: $(SITE_STAMP) $(NODE_STAMP) pdf-deps
	rm -f site-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	@$(MAKE) --no-print-directory offline-zip

# The zip step alone (tests/test_build_robustness.py runs it on a fresh copy of this file).
offline-zip:
	$(abspath $(BIN))/python -m zipfile -c site-offline.zip site-offline/
	@echo "Wrote site-offline.zip: unpack it and open site-offline/index.html"

test: $(TEST_STAMP) $(NODE_STAMP) pdf-deps browser-deps lint
	$(BIN)/pytest

# The unit tier: pure functions in process, no subprocess, no site build (under 30 s).
test-unit: $(TEST_STAMP)
	$(BIN)/pytest -m unit -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check hooks tests benchmarks scripts
	$(BIN)/mypy

audit: $(TEST_STAMP) browser-deps
	npm ci --no-audit --no-fund
	$(BIN)/python scripts/audit.py

bench: $(TEST_STAMP) browser-deps
	$(BIN)/python benchmarks/run.py --sizes small medium large
	$(BIN)/python benchmarks/search.py

# The search benchmark alone: reader queries typed into each engine's search box (Chromium).
bench-search: $(TEST_STAMP) browser-deps
	$(BIN)/python benchmarks/search.py

bench-quick: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py --sizes small medium

clean:
	rm -rf site site-offline site-offline.zip site-offline-zensical.zip .site-* artifacts build

$(SITE_STAMP): requirements/site.txt pyproject.toml | base-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/site.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.site-* && touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements/test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/test.txt
	rm -f $(VENV)/.test-* && touch $@

$(NODE_STAMP): package.json package-lock.json | node-deps
	npm ci --omit=optional --no-audit --no-fund
	touch $@

base-deps:
	@scripts/system-deps.sh $(BASE_DEPS)

pdf-deps:
	@scripts/system-deps.sh $(PDF_DEPS)

browser-deps:
	@scripts/system-deps.sh $(BROWSER_DEPS)

node-deps:
	@scripts/system-deps.sh $(NODE_DEPS)
