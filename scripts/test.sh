#!/usr/bin/env bash
# The whole test suite: lint, types, accuracy floors (eval/), then pytest.
# Every stage runs even when an earlier one fails, so one run shows everything;
# the exit status is non-zero if any stage failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh || exit 1
set +e
failed=()
stage() {
  local name="$1"; shift
  echo "== $name"
  "$@" || failed+=("$name")
}
stage "ruff" .venv/bin/ruff check src tests eval bench
stage "ruff format" .venv/bin/ruff format --check src tests eval bench
stage "mypy" .venv/bin/mypy
stage "eval floors" .venv/bin/python eval/check_floors.py
stage "pytest" .venv/bin/pytest "$@"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
