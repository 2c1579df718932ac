#!/usr/bin/env bash
# Try the exported plain MkDocs project (tetsuzuki export) with the engines that may replace MkDocs 1.6 +
# Material (end of life 2027-05-05): Zensical and ProperDocs. Reports each result and never fails: it tells
# whether our way out works yet (decisions/2026-12-06-way-out-of-mkdocs.md).
# Usage: bash scripts/try_engines.sh   (CI runs it from scripts/test.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> 書き出した プロジェクトを Zensical と ProperDocs で ためします（失敗しても テストは 止まりません）"
if ! TETSUZUKI_FLYER_PDFS=0 .venv/bin/tetsuzuki export "$work/plain" >"$work/export.log" 2>&1; then
  echo "export: 失敗しました: $(tail -1 "$work/export.log")"
  exit 0
fi
reference="$work/reference"
TETSUZUKI_FLYER_PDFS=0 .venv/bin/tetsuzuki build -d "$reference" >/dev/null 2>&1

try() {  # try NAME COMMAND PACKAGES...
  local name="$1" command="$2"
  shift 2
  # A venv without its own pip, filled by the project's pip (--python), and nothing compiled ahead: each is used for
  # one build and deleted: the whole trial 25.8 -> 17.6 CPU-s, 138 -> 78 s niced (2026-12-08, the same report).
  python3 -m venv --without-pip "$work/$name-venv" >/dev/null 2>&1
  if ! .venv/bin/python -m pip --python "$work/$name-venv/bin/python" install --quiet --disable-pip-version-check \
      --no-compile "$@" >"$work/$name-pip.log" 2>&1; then
    echo "$name: 入りませんでした（$(grep -m1 '^ERROR' "$work/$name-pip.log" || tail -1 "$work/$name-pip.log")）"
    return
  fi
  rm -rf "$work/$name-tree" && cp -r "$work/plain" "$work/$name-tree"
  if (cd "$work/$name-tree" && NO_MKDOCS_2_WARNING=1 "$work/$name-venv/bin/$command" build >"$work/$name-build.log" 2>&1); then
    local same
    same=$(.venv/bin/python - "$reference" "$work/$name-tree/site" <<'PY'
import sys
from pathlib import Path
ours, theirs = Path(sys.argv[1]), Path(sys.argv[2])
pages = sorted(ours.rglob("*.html"))
same = sum(1 for p in pages if (theirs / p.relative_to(ours)).is_file() and (theirs / p.relative_to(ours)).read_bytes() == p.read_bytes())
print(f"{same}/{len(pages)}")
PY
)
    echo "$name: ビルド できました（tetsuzuki build と 同じ ページ: $same）"
  else
    echo "$name: ビルドに 失敗しました:"
    tail -5 "$work/$name-build.log"
  fi
}

try zensical zensical "zensical==0.1.4"
try properdocs properdocs "properdocs==1.6.7"
exit 0
