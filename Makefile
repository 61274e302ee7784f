# Two commands for a fresh machine: `make run` and `make test`.
# `make test` is the lint gate (ruff, then mypy --strict on core and storage) and the whole suite on every
# core (pytest-xdist); `make lint` runs the gate alone.
# `make bench` runs every benchmark in benchmarks/ (minutes; not part of `make test`) and prints each
# figure beside its goal; it exits non-zero when a goal is missed or a benchmark fails. The aligner's
# benchmark needs the gold sets: `make bench EVAL=/path/to/eval` (skipped, with a message, without them).
# `make bench ONLY=tui,store` runs some of them.
PYTHON ?= python3
EVAL   ?=
ONLY   ?=
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint setup clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dictionary]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/workbench

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n auto --dist worksteal

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py $(if $(EVAL),--eval $(EVAL)) $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV)
