#!/usr/bin/env bash
# Create .venv and install tetsuzuki with exact versions (pyproject.toml pins; requirements/constraints.txt
# pins everything they pull in). Re-running is cheap: it reinstalls only when a pin file changed.
# Usage: scripts/bootstrap.sh [test]
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -c1-16)${extra:+-$extra}"
if [ ! -f "$stamp" ]; then
  echo "==> Python の 部品を 入れて います（.venv）"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
  spec="."
  [ -n "$extra" ] && spec=".[$extra]"
  # setuptools tells every editable install, in a boxed English warning, that a folder named like the
  # package may shadow it (here that folder *is* the package): a webmaster reads it as a failure.
  PYTHONWARNINGS="ignore:Editable installation" \
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e "$spec"
  touch "$stamp"
fi
