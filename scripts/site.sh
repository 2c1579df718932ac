#!/usr/bin/env bash
# Build the guide site into site/ (atomic: a failed build leaves the old site in place).
#   bash scripts/site.sh                 build with the settings named in mkdocs.yml
#   bash scripts/site.sh serve           live preview on http://127.0.0.1:8000/ (reloads on YAML edits)
#   bash scripts/site.sh build --settings municipalities/other.yml
set -euo pipefail
cd "$(dirname "$0")/.."
# The flyer PDFs need Pango (WeasyPrint draws text with it). Their Japanese font is not installed here: it
# ships with tetsuzuki (generator/flyers/fonts/), so every machine makes the same PDFs.
if ! ldconfig -p 2>/dev/null | grep libpangoft2 >/dev/null && command -v apt-get >/dev/null; then
  echo "==> Debian の パッケージを 入れて います（PDF の チラシに 使う Pango）"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
fi
bash scripts/bootstrap.sh
command="${1:-build}"
[ $# -gt 0 ] && shift
exec .venv/bin/tetsuzuki "$command" "$@"
