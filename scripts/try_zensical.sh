#!/usr/bin/env bash
# Try the exported plain MkDocs project (tetsuzuki export) with Zensical, Material's successor, and report the
# result. Never fails: it tells whether our way out of MkDocs works yet (ARCHITECTURE.md, decision 2026-12-06).
# Usage: bash scripts/try_zensical.sh   (CI runs it from scripts/test.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
version="0.1.4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> Zensical ${version} で 書き出した プロジェクトを ためします（失敗しても テストは 止まりません）"
python3 -m venv "$work/venv" >/dev/null 2>&1
if ! "$work/venv/bin/pip" install --quiet --disable-pip-version-check "zensical==${version}" >"$work/pip.log" 2>&1; then
  echo "zensical: 入りませんでした（$(grep -m1 '^ERROR' "$work/pip.log" || tail -1 "$work/pip.log")）"
  exit 0
fi
if ! TETSUZUKI_FLYER_PDFS=0 .venv/bin/tetsuzuki export "$work/plain" >"$work/export.log" 2>&1; then
  echo "zensical: 書き出しに 失敗しました: $(tail -1 "$work/export.log")"
  exit 0
fi
if (cd "$work/plain" && "$work/venv/bin/zensical" build >"$work/build.log" 2>&1); then
  pages=$(find "$work/plain/site" -name index.html | wc -l)
  echo "zensical: ビルド できました（index.html ${pages} 件）"
else
  echo "zensical: ビルドに 失敗しました:"
  tail -5 "$work/build.log"
fi
exit 0
