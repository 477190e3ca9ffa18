# The front door. Every target goes through `python -m autograder` (see autograder/README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
WEEKS  := $(patsubst autograder/specs/week%,%,$(sort $(wildcard autograder/specs/week[0-9][0-9])))  # from the spec folders
DEVICE ?= auto
ARGS   ?=

.PHONY: setup data data-verify test verify grade report release help \
        $(addprefix test-week,$(WEEKS)) $(addprefix verify-week,$(WEEKS)) $(addprefix unlock-week,$(WEEKS))

help:
	@echo "make setup              create $(VENV), install requirements.txt, check DATA/"
	@echo "make test-weekNN        grade your code in weeks/weekNN and print the score table"
	@echo "make verify-weekNN      grade the reference solutions of week NN (must be full marks)"
	@echo "make verify             the same for every week"
	@echo "make test               the project's own tests (grader, solutions full, stubs zero, data)"
	@echo "make grade SUBMISSIONS=dir   grade every student folder (or zip) into the gradebook"
	@echo "make report             regenerate grades.csv, feedback pages and plots from the gradebook"
	@echo "make release            build dist/student and the encrypted solutions and hidden specs"
	@echo "make unlock-weekNN KEY=...   decrypt a week's published solutions"

# Every target below needs the venv; say so plainly instead of failing on a missing interpreter.
$(PY):
	@echo "There is no $(VENV) yet: run 'make setup' first." >&2; exit 1

setup: $(VENV)/.installed
	$(VENV)/bin/python -m autograder data verify

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

data-verify: | $(PY)
	$(PY) -m autograder data verify

data: | $(PY)
	$(PY) -m autograder data build

$(addprefix test-week,$(WEEKS)): test-week%: | $(PY)
	$(PY) -m autograder grade week$* --target weeks --device $(DEVICE) $(ARGS)

$(addprefix verify-week,$(WEEKS)): verify-week%: | $(PY)
	$(PY) -m autograder grade week$* --target solutions --device $(DEVICE) --require-full $(ARGS)

verify: | $(PY)
	$(PY) -m autograder grade all --target solutions --device $(DEVICE) --require-full $(ARGS)

test: | $(PY)
	$(PY) -m autograder data verify
	$(PY) -m pytest tests -q -p no:cacheprovider $(ARGS)
	$(PY) -m autograder data verify --quiet  # no run may have changed DATA/

SUBMISSIONS ?= submissions
KEY         ?=

grade: | $(PY)
	$(PY) -m autograder grade-submissions $(SUBMISSIONS) $(ARGS)

report: | $(PY)
	$(PY) -m autograder report --out reports $(ARGS)

release: | $(PY)
	$(PY) -m autograder release --out dist $(ARGS)

$(addprefix unlock-week,$(WEEKS)): unlock-week%: | $(PY)
	$(PY) -m autograder unlock week$* --key "$(KEY)" $(ARGS)
