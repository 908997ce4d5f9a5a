# Two commands on a fresh machine: `make build` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := tests/browser/node_modules/.installed
# Debian packages the outputs and tests need: LibreOffice converts the Word files to PDF,
# poppler renders PDF pages, Chromium drives the site tests, fonts make the pages legible.
DEBIAN_PACKAGES := libreoffice-writer-nogui poppler-utils chromium chromium-driver fonts-dejavu-core \
	fonts-liberation2 locales

.PHONY: build test lint typecheck setup system-deps schema bench golden clean
.DEFAULT_GOAL := build

build: setup
	$(BIN)/ffu build

test: setup
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(STAMP) system-deps $(NPM_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "Python 3.11 krävs (hittade $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core for the site's accessibility tests, at the version in the lock file.
$(NPM_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(NPM_STAMP)

# Installs only what is missing, so a machine that has everything pays one dpkg query.
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installerar Debian-paket: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

schema: setup
	$(BIN)/ffu schema

# Every stage on a generated corpus (2,000 requirements over 3 years by default), with baselines
# and budgets; figures also go to build/bench/bench.json. BENCH_ARGS passes options, e.g. --runs 5.
bench: setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Rewrites tests/golden/ from the current renderers; review the diff before committing it.
golden: setup
	$(BIN)/python -m tests.golden.regenerate

clean:
	rm -rf site dist build .cache .pytest_cache .mypy_cache .ruff_cache
