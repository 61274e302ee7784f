# Two commands for a fresh machine: `make run` and `make test`.
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

.PHONY: run test setup clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dictionary]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/workbench

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py $(if $(EVAL),--eval $(EVAL)) $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV)
