# ML System Design — the gap topics. `make demo` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ASSIGNMENTS ?=
# Two notebook kernels at a time: these machines have 2 cores.
WORKERS ?= 2

.PHONY: demo test lab release bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m course demo $(ASSIGNMENTS)

test: $(STAMP)
	$(PY) -m pytest grader_tests -n $(WORKERS) --dist loadgroup $(PYTEST_ARGS)

release: $(STAMP)
	$(PY) -m course release $(ASSIGNMENTS)

bench: $(STAMP)
	$(PY) -m course bench $(ASSIGNMENTS)

# Jupyter refuses to start as root without --allow-root (containers, these course machines).
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf submitted autograded/*/ feedback gradebook.db grades.csv
