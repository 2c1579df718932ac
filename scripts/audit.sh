#!/usr/bin/env bash
# Run the browser test suite over the example site and publish its results as accessibility/audit.json,
# the file the build turns into the 試験結果 table of the ウェブアクセシビリティ方針 page.
# The file is replaced only when every check ran on every page; failures are published too (tests/browser/audit.py).
# Commit accessibility/audit.json afterwards, then build the site (bash scripts/site.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# One process: the record is kept by one session (two workers would each hold half of it).
TETSUZUKI_TEST_JOBS=1 TETSUZUKI_UPDATE_AUDIT=1 bash scripts/test.sh tests/browser -q "$@"
echo "==> accessibility/audit.json を 書きました。コミットして から サイトを つくって ください。"
