#!/usr/bin/env bash
# Build the guide site into site/ (atomic: a failed build leaves the old site in place).
#   bash scripts/site.sh                 build with the settings named in mkdocs.yml
#   bash scripts/site.sh serve           live preview on http://127.0.0.1:8000/ (reloads on YAML edits)
#   bash scripts/site.sh build --settings municipalities/other.yml
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
command="${1:-build}"
[ $# -gt 0 ] && shift
exec .venv/bin/tetsuzuki "$command" "$@"
