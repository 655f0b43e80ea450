# The assessment hub. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help install demo test lint typecheck e2e bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: ## Create .venv with pinned packages and build the front-end assets
	scripts/install.sh

demo: ## Install, migrate, load demo data and run the web server and task worker on 127.0.0.1:8000
	scripts/demo.sh

test: ## Lint, type-check and run every test (browser tests too) on SQLite and on PostgreSQL
	scripts/test.sh

lint: install ## ruff only
	.venv/bin/ruff check .

typecheck: install ## mypy only
	.venv/bin/mypy .

e2e: install ## Only the browser tests, on SQLite
	HUB_VAR_DIR=$$(mktemp -d) .venv/bin/pytest e2e

bench: install ## Run the benchmarks and print their figures
	.venv/bin/python -m bench.run_all

clean: ## Remove the virtual environment, node modules and local data
	rm -rf .venv node_modules var hub/static/build test-artefacts
