# Quick start: `make run` (set up, prepare models, index the seeds, start the UI); `make test` (the test suite).
.PHONY: run test setup demo bench

.venv/.installed: requirements.txt constraints.txt pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

setup: .venv/.installed
	.venv/bin/factcheck setup

run: setup
	@if [ -f ui/app.py ]; then .venv/bin/factcheck ui; else .venv/bin/factcheck demo; fi

demo: setup
	.venv/bin/factcheck demo

test: .venv/.installed
	.venv/bin/python -m pytest -q -rs

bench: .venv/.installed
	.venv/bin/python benchmarks/run.py
