#!/usr/bin/env bash
# The whole test suite: lint, types, accuracy floors (eval/), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
echo "== ruff" && .venv/bin/ruff check src tests eval bench && .venv/bin/ruff format --check src tests eval bench
echo "== mypy" && .venv/bin/mypy
echo "== eval floors" && .venv/bin/python eval/check_floors.py
echo "== pytest" && .venv/bin/pytest "$@"
