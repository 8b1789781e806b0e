# The two commands of the README: `make serve` (write and preview) and `make test` (check
# everything). Both set up what they need on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
NODE_STAMP := node_modules/.installed-$(shell sha1sum package-lock.json | cut -c1-12)
PDF_DEPS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
BROWSER_DEPS := chromium chromium-driver poppler-utils

# Material prints an end-of-life banner for MkDocs 2 unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical offline test audit bench bench-quick clean

serve: $(STAMP)
	KB_PDF=false $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP) pdf-deps
	$(BIN)/mkdocs build --strict

# The same site with Zensical, Material's successor: the whole-site pass writes the research
# index and a config for Zensical into build/, then Zensical builds build/zensical/site.
build-zensical: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m citekit.site_pass .
	PYTHONPATH=hooks $(BIN)/zensical build --clean -f build/zensical.yml
	@echo "Wrote build/zensical/site"

offline: $(STAMP) $(NODE_STAMP) pdf-deps
	rm -f site-offline.zip
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	cd site-offline && $(BIN)/python -m zipfile -c ../site-offline.zip .
	@echo "Wrote site-offline.zip: unpack it and open index.html"

test: $(STAMP) $(NODE_STAMP) pdf-deps browser-deps
	$(BIN)/pytest

audit: $(STAMP) browser-deps
	npm ci --no-audit --no-fund
	$(BIN)/python scripts/audit.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes small medium large

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes small medium

clean:
	rm -rf site site-offline site-offline.zip .site-* artifacts build

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=optional --no-audit --no-fund
	touch $@

.PHONY: pdf-deps browser-deps
pdf-deps:
	@scripts/system-deps.sh $(PDF_DEPS)

browser-deps:
	@scripts/system-deps.sh $(BROWSER_DEPS)
