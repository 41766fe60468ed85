# Commune Desk — the everyday commands. Each target sets up .venv by itself on a fresh machine.
# Python 3.12 (the one the suite is run on), else 3.13, on PATH or pyenv's; else python3. PySide6
# 6.12.0 drops a reference to None or True on every Qt call that returns one: from Python
# 3.12 on those objects never die, on 3.11 a long session aborts (docs/troubleshooting.md).
PYTHON ?= $(or $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3 python3.13 $$HOME/.pyenv/versions/3.13*/bin/python3; do "$$p" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { echo "$$p"; break; }; done),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

venv: $(STAMP)

# On Linux, first the X11 libraries Qt's xcb plugin needs: says the apt-get line, or runs it
# as root (desk/qt_libs.py).
run: $(STAMP)
	$(BIN)/python -m desk.qt_libs --install
	$(BIN)/desk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check desk tests bench
	$(BIN)/ruff format --check desk tests bench
	$(BIN)/mypy desk bench tests

# DB=postgresql://user:password@host/database adds the same office on PostgreSQL, side by
# side with SQLite (bench/engines.py; .ci/postgres.sh starts a local server).
bench: $(STAMP)
	$(BIN)/python -m bench $(if $(DB),--db $(DB)) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
