#!/usr/bin/env bash
# Run the whole test suite. Installs what the tests need first: the Python test extras, Debian's Chromium,
# a Japanese font, poppler-utils and a Java runtime (for the Nu Html Checker), and the pinned npm packages.
# Usage: bash scripts/test.sh [--quick] [pytest arguments]
#   --quick  leaves out the slow tests (real browser, PDFs, fuzzing, killed builds, page-reuse comparisons): for developers. It still
#            builds sites; no test lays out a PDF (1,049 tests in 80–94 s, median 85 s, fresh runs at load 1–3, 2026-12-07 late;
#            issue #24 wants 90 s). CI runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
if [ "${1:-}" = "--quick" ]; then
  shift
  quick=(-m "not slow")
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep "BIZ UDPGothic" >/dev/null || missing+=(fonts-morisawa-bizud-gothic fontconfig)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v java >/dev/null || missing+=(default-jre-headless)
ldconfig -p | grep libpangoft2 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v faketime >/dev/null || missing+=(faketime)  # a build "on another day" in the reproducibility test
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Debian の パッケージを 入れて います: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash scripts/bootstrap.sh test

if [ -f tests/browser/package.json ]; then
  if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
    echo "==> npm の 部品を 入れて います（tests/browser）"
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
  fi
fi

# The way out of MkDocs (tetsuzuki export) tried with Zensical and ProperDocs: reported, never failing (CI only).
# It runs beside the tests at the lowest priority (mostly pip downloads, then two builds in the tests' idle
# tail), and its report is printed after theirs: 40 s less of CI than running it first.
engines_log=""
if [ "${CI:-}" = "true" ] && [ ${#quick[@]} -eq 0 ]; then
  engines_log="$(mktemp)"
  nice -n 19 bash scripts/try_engines.sh >"$engines_log" 2>&1 &
  engines=$!
fi

# Both cores (CI machines have two): the tests of a module stay on one worker, the PDF tests share one, the
# browser sweeps and the other browser tests run side by side (work_unit in tests/conftest.py). Why not one
# worker more, to fill the third of the CPU that sits idle: tried on 2026-12-07 on the same commit, quiet, three
# workers took 609 s and 867 s of CPU, two took 527 s and 770 s. For --quick three workers were no faster (110 s
# against 108 s, 2026-12-07 afternoon). The whole suite: 361-367 s quiet on b654b2e (benchmarks/results/tests-2026-12-07b.md).
# TETSUZUKI_TEST_JOBS=1 runs everything in one process (a developer debugging with pdb, say).
workers="${TETSUZUKI_TEST_JOBS:-2}"
jobs=(-n "$workers" --dist loadscope)  # scopes: work_unit in tests/conftest.py
[ "$workers" = "1" ] && jobs=(-p no:xdist)
# One temporary folder per clone, emptied by pytest when the next run starts. Left to itself, pytest 9 keeps the
# last three runs' trees (0.4-1.1 GB each) in /tmp/pytest-of-$USER and deletes the oldest inside its own session,
# before the summary: 2-113 s of a run on this shared machine (benchmarks/results/tests-2026-12-07d.md). A fresh
# CI machine has nothing to delete either way. Named by the clone's path, so two clones never share one.
basetemp="${TMPDIR:-/tmp}/tetsuzuki-tests-$(printf '%s' "$PWD" | sha1sum | cut -c1-12)"
# The 25 slowest tests end the report: where CI time goes, visible in every CI log.
status=0
.venv/bin/python -m pytest "${jobs[@]}" "${quick[@]}" --basetemp="$basetemp" --durations=25 "$@" || status=$?
if [ -n "$engines_log" ]; then
  wait "$engines" || true
  cat "$engines_log"
  rm -f "$engines_log"
fi
exit "$status"
