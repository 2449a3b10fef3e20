# Two commands for a newcomer: `make run` and `make test`. Both create .venv and install
# on first use; the stamp file makes the second run skip what is already done.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
export REPORT_ASSISTANT_DATA ?= $(CURDIR)/.data

.PHONY: run test install browser eval bench corpus-eval clean

run: install
	$(BIN)/report-assistant serve --host 127.0.0.1 --port 7860

test: install browser
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

# Browser tests drive Debian's chromium; Playwright's own browser download cannot work offline.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

eval: install
	$(BIN)/report-assistant eval

bench: install
	$(BIN)/report-assistant bench

# The whole-corpus questions (evals/corpus-gold/), over an index of the whole corpus that CI cannot
# reach: CORPUS_INDEX is one built by `report-assistant ingest` or `report-assistant bench --corpus`.
corpus-eval: install
	@test -n "$(CORPUS_INDEX)" || { echo "set CORPUS_INDEX to a whole-corpus index folder"; exit 2; }
	$(BIN)/report-assistant eval --data-dir $(CORPUS_INDEX) --no-ingest --no-baselines \
	  --report-md evals/corpus-gold/report.md $(addprefix --gold ,$(wildcard evals/corpus-gold/*.yaml))

clean:
	rm -rf $(VENV) .data .pytest_cache
