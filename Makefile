# Every target works on a fresh clone with nothing but python3 and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])")
SPHINXOPTS ?=

.PHONY: help venv example test lint format docs test-matrix bench clean

help:
	@echo "make example      build example_project/ to example_project/_build/html"
	@echo "make test         run the test suite"
	@echo "make lint         ruff check, ruff format --check, mypy --strict"
	@echo "make docs         build docs/ and example_project/ with -nW (HTML and LaTeX)"
	@echo "make test-matrix  run the suite on the oldest and newest supported Sphinx"
	@echo "make bench        run the benchmark"

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

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy --strict src

format: venv
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

docs: venv
	$(BIN)/sphinx-build -b html -nW --keep-going docs docs/_build/html $(SPHINXOPTS)
	$(BIN)/sphinx-build -b latex -nW --keep-going docs docs/_build/latex $(SPHINXOPTS)
	$(BIN)/sphinx-build -b html -nW --keep-going example_project example_project/_build/html $(SPHINXOPTS)
	$(BIN)/sphinx-build -b latex -nW --keep-going example_project example_project/_build/latex $(SPHINXOPTS)

test-matrix: venv
	$(BIN)/nox -s tests

bench: venv
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) example_project/_build docs/_build .pytest_cache .mypy_cache .ruff_cache
