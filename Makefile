# Tracker: `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app tracker
PORT ?= 5000
# Links in the mails `make run` keeps point at the port it serves (an exported value wins).
TRACKER_BASE_URL ?= http://127.0.0.1:$(PORT)
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast fuzz bench lint format translations initial-migration audit clean

# Compiled as a wheel's install would be: an editable install leaves the package as source, and
# where PYTHONDONTWRITEBYTECODE is set every `flask` command would compile it again (~0.2 s each).
install: $(STAMP) tracker/translations/vi/LC_MESSAGES/messages.mo
	$(BIN)/python -m compileall -q tracker

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

tracker/translations/vi/LC_MESSAGES/messages.mo: tracker/translations/vi/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d tracker/translations -f

run: install
	$(FLASK) db upgrade
	$(FLASK) seed --demo
	TRACKER_SCHEDULER_IN_PROCESS=1 TRACKER_BASE_URL=$(TRACKER_BASE_URL) $(FLASK) run --port $(PORT)

# One test process per core (pytest-xdist): each process builds its own template database and
# every test its own copy, so they share nothing; `make test TEST_PROCESSES=0` runs in one.
TEST_PROCESSES ?= auto
test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -q -n $(TEST_PROCESSES) $(PYTEST_ARGS)

# The fuzz tests, long: every form as every role and the API, with many more generated examples.
FUZZ_EXAMPLES ?= 20
fuzz: install
	TRACKER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/fuzz $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Known vulnerabilities in the installed packages (pip-audit, which asks PyPI's JSON API for each
# package's version). Where that API cannot be reached (an offline machine, or a mirror that
# serves packages but not the API) nothing can be checked: say so plainly and succeed, so that a
# closed network is not a failed build. Probed with the installed pip, a release PyPI has.
AUDIT_PROBE := import pip, urllib.request; urllib.request.urlopen(f"https://pypi.org/pypi/pip/{pip.__version__}/json", timeout=15)
audit: install
	@if $(BIN)/python -c '$(AUDIT_PROBE)' 2>/dev/null; then \
		$(BIN)/pip-audit --skip-editable --progress-spinner off; \
	else \
		echo "make audit: PyPI's vulnerability data (https://pypi.org/pypi/…/json) cannot be reached from here, so nothing was audited."; \
	fi

# Extract the interface's strings and merge them into the catalogs (then translate the .po).
# pybabel skips folders named "_…" unless told which to skip: templates/_macros has messages.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_ngettext:1,2 --ignore-dirs ".* __pycache__" -o tracker/translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i tracker/translations/messages.pot -d tracker/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d tracker/translations -f

# Regenerate the single initial revision from the models (only while nothing is deployed).
initial-migration: install
	rm -f migrations/versions/*.py /tmp/tracker-migration.sqlite
	TRACKER_DATABASE_URL=sqlite:////tmp/tracker-migration.sqlite $(FLASK) db migrate -m "initial schema" --rev-id 0001
	$(BIN)/ruff format migrations/versions -q

clean:
	rm -rf $(VENV) instance .pytest_cache
