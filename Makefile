# Two commands for a fresh machine: `make run` and `make test`.
# `make test` is the lint gate (ruff, then mypy --strict on core and storage) and the whole suite in
# parallel (pytest-xdist, WORKERS processes; `make lint` runs the gate alone). The TUI tests spend much of
# their time waiting on the app's timers, so more workers than cores keep the cores busy: on 2 cores the
# suite took 101 s with 2 workers and 76 s with 4 (docs/benchmarks.md).
# `make bench` runs every benchmark in benchmarks/ (minutes; not part of `make test`) and prints each
# figure beside its goal; it exits non-zero when a goal is missed or a benchmark fails. The aligner's
# benchmark needs the gold sets: `make bench EVAL=/path/to/eval` (skipped, with a message, without them).
# `make bench ONLY=tui,store` runs some of them.
PYTHON ?= python3
EVAL   ?=
ONLY   ?=
WORKERS ?= 4
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint setup clean bench git-setup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dictionary,pdf]'
	touch $(STAMP)

setup: $(STAMP)

# `make run` also registers the merge driver for alignment files in this clone's .git/config when the
# project is a git clone (`workbench git-setup`, idempotent; docs/collaboration.md): `git pull` then merges
# two editors' decisions instead of leaving conflict markers.
run: setup git-setup
	$(BIN)/workbench

git-setup: setup
	-@git rev-parse --git-dir >/dev/null 2>&1 && $(BIN)/workbench git-setup >/dev/null || true

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py $(if $(EVAL),--eval $(EVAL)) $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV)
