# The front door. Every target goes through `python -m autograder` (see autograder/README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
WEEKS  := 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15
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

setup: $(VENV)/.installed data-verify

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

data-verify:
	$(PY) -m autograder data verify

data:
	$(PY) -m autograder data build

$(addprefix test-week,$(WEEKS)): test-week%:
	$(PY) -m autograder grade week$* --target weeks --device $(DEVICE) $(ARGS)

$(addprefix verify-week,$(WEEKS)): verify-week%:
	$(PY) -m autograder grade week$* --target solutions --device $(DEVICE) --require-full $(ARGS)

verify:
	$(PY) -m autograder grade all --target solutions --device $(DEVICE) --require-full $(ARGS)

test:
	$(PY) -m autograder data verify
	$(PY) -m pytest tests -q -p no:cacheprovider $(ARGS)

SUBMISSIONS ?= submissions
KEY         ?=

grade:
	$(PY) -m autograder grade-submissions $(SUBMISSIONS) --device $(DEVICE) $(ARGS)

report:
	$(PY) -m autograder report --out reports $(ARGS)

release:
	$(PY) -m autograder release --out dist $(ARGS)

$(addprefix unlock-week,$(WEEKS)): unlock-week%:
	$(PY) -m autograder unlock week$* --key "$(KEY)" $(ARGS)
