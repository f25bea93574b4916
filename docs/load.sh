#!/usr/bin/env bash
# The load command: starts the app (Release, Development: development sign-in and demo data) as a process of its own on
# a new temporary database, adds a mentor with an open case per tablet, and drives N simulated tablets in one headless
# Chromium, each a browser context with a live Blazor circuit on its case page: every 2-5 s the mentor types a short
# follow-up note and saves it. Prints p50/p95/max click-to-update latency, saves, errors, the saved rows against the
# confirmed saves, and the server's memory (managed heap and working set) before, with N circuits and per circuit.
# Exits non-zero when there was an error or a lost save. See docs/performance.md, "Operations: load".
# Usage: docs/load.sh [--tablets N] [--seconds S] [more dotnet test arguments, e.g. --artifacts-path DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

tablets=100
seconds=60
passed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tablets) tablets=${2:?--tablets needs a number}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) passed+=("$1"); shift ;;
  esac
done
case "$tablets$seconds" in *[!0-9]*) echo "--tablets and --seconds take whole numbers" >&2; exit 2 ;; esac

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
report=${TMPDIR:-/tmp}/boligsocialt-load.txt
rm -f "$report"
status=0
BOLIGSOCIALT_LOAD_TABLETS=$tablets BOLIGSOCIALT_LOAD_SECONDS=$seconds \
  dotnet test BoligSocialt.Tests -c Release -v q --filter "Category=Load" ${passed[@]+"${passed[@]}"} >"${report%.txt}.log" 2>&1 || status=$?
if [ ! -s "$report" ]; then
  cat "${report%.txt}.log" >&2
  echo "The load run wrote no report (see the dotnet test output above)." >&2
  exit 1
fi
cat "$report"
exit "$status"
