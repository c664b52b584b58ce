# The README's two commands are `make build` and `make test`; .ci/run calls `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: build test lint snapshot bench bench-network clean

# Install the package (and, for tests, its test tools) into a local virtual environment.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $@

## The main job: build, validate and export the graph into build/ (fonts for figures first).
build: $(VENV)/.installed
	$(BIN)/kg build

## Lint, type-check and run the whole test suite (installs the Debian tools it uses first).
test: $(VENV)/.installed-test
	bash .ci/system-deps
	$(BIN)/ruff check kg tests notebooks
	$(BIN)/ruff format --check kg tests notebooks
	$(BIN)/mypy --strict kg
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kg tests notebooks
	$(BIN)/mypy --strict kg

## Refresh the graph snapshot after an intended data change (review `git diff` after).
snapshot: $(VENV)/.installed
	$(BIN)/kg build
	cp build/rujp.nt tests/snapshots/rujp.nt

## Speed benchmarks (figures are quoted in issue notes, never asserted in tests).
bench: $(VENV)/.installed-test
	$(BIN)/python -m tests.benchmarks.bench
	$(BIN)/python -m tests.benchmarks.bench_sparql --scales 1,10,100

## Network benchmarks: every measure at 10x, 100x, 1000x.
bench-network: $(VENV)/.installed
	$(BIN)/python -m tests.benchmarks.bench_network

clean:
	rm -rf build
