#!/usr/bin/env bash
# One command from a fresh clone: virtual environment, install, and the demo on the sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
.venv/bin/crosscheck demo "$@"
