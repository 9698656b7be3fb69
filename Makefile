# One command surface for Territoria. Every target installs what it needs in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

JS_STAMP := tests/js/node_modules/.installed
# the portal's browser tests drive Debian's Chromium (Playwright cannot download its own here)
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo test lint bench clean vendor

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Opendatasoft's own JS client (npm), run by the API tests against our server, and axe-core,
# the accessibility checker the browser tests run on every portal page
$(JS_STAMP): tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

$(CHROMIUM):
	$(SUDO) apt-get install -y chromium || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

## demo: create a demo instance in ./var/demo, ingest the bundled real public files, serve it on :8000
demo: $(STAMP)
	$(BIN)/territoria demo

## test: lint (ruff), type-check (mypy --strict) and run the whole test suite
test: $(STAMP) $(JS_STAMP) $(CHROMIUM)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

## bench: the validation benchmarks against frictionless (1M rows in process and as commands;
## 200 small files of one schema) and the serving one against Datasette (1M rows, 8 clients);
## each prints its ratios; figures go to docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python bench/validate_vs_frictionless.py --rows 1000000
	$(BIN)/python bench/validate_many.py --files 200
	$(BIN)/python bench/api_vs_datasette.py --rows 1000000

## vendor: refresh the portal's vendored front-end libraries from the npm registry
## (versions in src/territoria/web/static/vendor/SOURCE.md)
VENDOR := src/territoria/web/static/vendor
vendor:
	rm -rf .vendor-tmp && mkdir .vendor-tmp
	cd .vendor-tmp && npm pack --silent chart.js@4.6.1 leaflet@1.9.4 leaflet.markercluster@1.5.3
	cd .vendor-tmp && for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .vendor-tmp/chart.js-4.6.1/package/dist/chart.umd.min.js .vendor-tmp/chart.js-4.6.1/package/LICENSE.md $(VENDOR)/chartjs/
	cp .vendor-tmp/leaflet-1.9.4/package/dist/leaflet.js .vendor-tmp/leaflet-1.9.4/package/dist/leaflet.css .vendor-tmp/leaflet-1.9.4/package/LICENSE $(VENDOR)/leaflet/
	cp .vendor-tmp/leaflet-1.9.4/package/dist/images/* $(VENDOR)/leaflet/images/
	cp .vendor-tmp/leaflet.markercluster-1.5.3/package/dist/leaflet.markercluster.js .vendor-tmp/leaflet.markercluster-1.5.3/package/dist/MarkerCluster*.css .vendor-tmp/leaflet.markercluster-1.5.3/package/MIT-LICENCE.txt $(VENDOR)/leaflet-markercluster/
	rm -rf .vendor-tmp

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules
