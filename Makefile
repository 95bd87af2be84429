# Every target works on a fresh clone with nothing but python3 and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])")
SPHINXOPTS ?=
# Python code ruff checks (folders that do not exist yet are left out).
LINT_PATHS := src tests docs/conf.py $(wildcard docs/_ext benchmarks scripts noxfile.py)

.PHONY: help venv example test test-fast test-browser browser-deps lint format docs test-matrix test-structurizr bench dist themes locale clean

help:
	@echo "make example      build example_project/ to example_project/_build/html"
	@echo "make test         run the test suite (in parallel)"
	@echo "make test-fast    run the test suite without the tests marked slow"
	@echo "make test-browser run tests/browser in headless Chromium (needs chromium, chromium-driver, npm)"
	@echo "make lint         ruff check, ruff format --check, mypy --strict"
	@echo "make docs         build docs/ and example_project/ with -nW (HTML and LaTeX)"
	@echo "make test-matrix  run the suite on Sphinx 7.4, 8.x, 9.0 and the newest 9.x (nox)"
	@echo "make test-structurizr  parse the Structurizr export with a real DSL parser (nox, Python 3.13)"
	@echo "make bench        run the benchmark"
	@echo "make dist         build sdist and wheel, twine check, check the wheel's contents"
	@echo "make themes       build the example with five themes and screenshot them (needs chromium)"
	@echo "make locale       re-extract the message catalog (.pot), update and compile the .po files"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,myst,dev,docs]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

venv: $(STAMP)

example: venv
	$(BIN)/sphinx-build -b html -nW --keep-going example_project example_project/_build/html $(SPHINXOPTS)
	@echo
	@echo "Built: $(CURDIR)/example_project/_build/html/index.html"

# In parallel (pytest-xdist, one worker per core); `make test-fast` leaves out
# the tests marked slow (about half a second or more each: whole-project
# builds, the builder matrix, property tests), for a run of under a minute.
test: venv
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

test-fast: venv
	$(BIN)/python -m pytest -n auto -m "not slow" $(PYTEST_ARGS)

# Browser tests: Mermaid comes from npm into build/ (no CDN), pages are served
# on 127.0.0.1 and read by Debian's headless chromium through chromedriver.
# MERMAID_VERSION is sphinxcontrib-mermaid's default, the one readers load.
MERMAID_VERSION ?= 11.12.1
MERMAID_DIR := build/mermaid/$(MERMAID_VERSION)
MERMAID_DIST := $(MERMAID_DIR)/package/dist
BROWSER_STAMP := $(VENV)/.browser-installed

$(MERMAID_DIST)/mermaid.esm.min.mjs:
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: apt-get install -y npm"; exit 1; }
	rm -rf $(MERMAID_DIR) && mkdir -p $(MERMAID_DIR)
	cd $(MERMAID_DIR) && npm pack --silent --no-fund --no-audit mermaid@$(MERMAID_VERSION) >/dev/null \
	  && tar -xzf mermaid-$(MERMAID_VERSION).tgz && rm mermaid-$(MERMAID_VERSION).tgz

$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[browser]"
	@touch $@

# Everything test-browser needs besides Chromium (.ci/run installs it quietly first).
browser-deps: $(BROWSER_STAMP) $(MERMAID_DIST)/mermaid.esm.min.mjs

test-browser: browser-deps
	ARCHDOC_MERMAID_DIST="$(CURDIR)/$(MERMAID_DIST)" $(BIN)/python -m pytest --browser tests/browser $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports --no-logo --no-cache

format: venv
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

docs: venv
	$(BIN)/sphinx-build -b html -nW --keep-going docs docs/_build/html $(SPHINXOPTS)
	$(BIN)/sphinx-build -b latex -nW --keep-going docs docs/_build/latex $(SPHINXOPTS)
	$(BIN)/sphinx-build -b html -nW --keep-going example_project example_project/_build/html $(SPHINXOPTS)
	$(BIN)/sphinx-build -b latex -nW --keep-going example_project example_project/_build/latex $(SPHINXOPTS)
	@if command -v latexmk >/dev/null 2>&1; then \
	  for dir in docs/_build/latex example_project/_build/latex; do \
	    $(MAKE) -C $$dir all-pdf LATEXMKOPTS="-silent -halt-on-error" LATEXOPTS="-interaction=nonstopmode" || exit 1; \
	    $(BIN)/python scripts/check_pdf.py $$dir || exit 1; \
	    $(BIN)/python scripts/pdf_pages.py $$dir || exit 1; \
	  done; \
	elif [ -n "$$CI" ]; then \
	  echo "latexmk not found: CI builds the PDFs (.ci/run installs TeX Live)"; exit 1; \
	else \
	  echo "latexmk not found: PDFs not built (the LaTeX sources above were checked with -nW)"; \
	fi

# pyenv's shims only answer for the selected versions: select every installed
# one, so nox finds python3.11/3.12/3.13 wherever they are installed.
test-matrix: venv
	PYENV_VERSION="$${PYENV_VERSION:-$$(pyenv versions --bare 2>/dev/null | tr '\n' ':' | sed 's/:$$//')}" \
	  $(BIN)/nox -s tests $(NOX_ARGS)

# The Structurizr DSL parser (c4studio) needs Python 3.13: its own nox venv.
test-structurizr: venv
	PYENV_VERSION="$${PYENV_VERSION:-$$(pyenv versions --bare 2>/dev/null | tr '\n' ':' | sed 's/:$$//')}" \
	  $(BIN)/nox -s structurizr $(NOX_ARGS)

bench: venv
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

dist: venv
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(BIN)/python scripts/check_dist.py dist

# Themes live in their own environment, so the test environment stays lean.
THEMES_VENV ?= .venv-themes
themes:
	test -x $(THEMES_VENV)/bin/python || $(PYTHON) -m venv $(THEMES_VENV)
	$(THEMES_VENV)/bin/python -m pip install --quiet -e ".[themes]"
	$(THEMES_VENV)/bin/python scripts/theme_check.py $(THEME_ARGS)

LOCALE_DIR := src/sphinx_archdoc/locale

locale: venv
	$(BIN)/pybabel extract -k _ -k N_ --no-location --sort-output --project=sphinx-archdoc \
		-o $(LOCALE_DIR)/sphinx_archdoc.pot src/sphinx_archdoc
	$(BIN)/pybabel update -D sphinx_archdoc -i $(LOCALE_DIR)/sphinx_archdoc.pot -d $(LOCALE_DIR) \
		--no-fuzzy-matching
	$(BIN)/pybabel compile -D sphinx_archdoc -d $(LOCALE_DIR) --statistics

clean:
	rm -rf $(VENV) $(THEMES_VENV) dist build example_project/_build docs/_build .pytest_cache .mypy_cache .ruff_cache
