#!/usr/bin/env bash
# One command from a fresh clone: set up, pull the small test model, lint, type-check, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefing models pull smollm2-135m-instruct-q4_1
echo "test: ruff" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "test: mypy" >&2
.venv/bin/mypy
echo "test: pytest" >&2
exec .venv/bin/python -m pytest "$@"
