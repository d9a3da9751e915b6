# Sourced by setup.sh and test.sh: make sure .venv exists and holds this checkout's dependencies.
# Reinstalls only when pyproject.toml changed since the last install (a stamp records its hash).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv with $("$python" --version)" >&2
  "$python" -m venv "$venv"
fi
stamp="$venv/.crosscheck-installed"
wanted="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "installing crosscheck and its dependencies into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  # torch==2.13.0 is pinned in pyproject.toml; our machines carry its CPU build locally.
  "$venv/bin/pip" install --quiet --disable-pip-version-check -e "$root[dev]"
  echo "$wanted" > "$stamp"
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
