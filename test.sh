#!/usr/bin/env bash
# Runs every test of the solution (domain, components, browser) and prints the result as the last line:
#   N passed, N failed[, N skipped]
# Exits non-zero when a test failed, when dotnet test failed (e.g. the build) or when it wrote no results.
# Extra arguments go to dotnet test, e.g.: ./test.sh --filter "FullyQualifiedName~BoligSocialt.Tests.Browser"
# Without a --filter of the caller's, the benchmarks (Category=Benchmark) and the load run (Category=Load) are left out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The browser tests drive the system's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: installing it with apt-get."
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "Cannot install Chromium: not root and no sudo. Install the package 'chromium' and run again." >&2
    exit 1
  fi
  ${sudo[@]+"${sudo[@]}"} apt-get update
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet is missing: install the .NET 10 SDK (see global.json) and run again." >&2
  exit 1
fi

# TestResults/ is ignored by git (.gitignore: [Tt]est[Rr]esult*/).
results_dir="$PWD/TestResults"
mkdir -p "$results_dir"
rm -f "$results_dir"/results*.trx

# The benchmarks (Category=Benchmark) measure rather than test: they run only when asked for with a filter of one's own,
# e.g. ./test.sh -c Release --filter Category=Benchmark (docs/performance.md); the load run through docs/load.sh.
filter=(--filter "Category!=Benchmark&Category!=Load")
for argument in "$@"; do
  case "$argument" in --filter|--filter=*) filter=() ;; esac
done

status=0
dotnet test BoligSocialt.sln --logger "trx;LogFileName=results.trx" --results-directory "$results_dir" ${filter[@]+"${filter[@]}"} "$@" || status=$?

shopt -s nullglob
trx_files=("$results_dir"/results*.trx)
shopt -u nullglob
if [ "${#trx_files[@]}" -eq 0 ]; then
  echo "No test results were written ($results_dir/results.trx is missing): see the dotnet test output above." >&2
  echo "0 passed, 0 failed"
  exit 1
fi

# The sum of one attribute of <Counters .../> (ResultSummary) over the trx files.
counter() {
  local name=$1 sum=0 file value
  for file in "${trx_files[@]}"; do
    value=$(grep -o '<Counters [^>]*>' "$file" | sed -n "s/.* $name=\"\([0-9]*\)\".*/\1/p" | head -n 1)
    sum=$((sum + ${value:-0}))
  done
  echo "$sum"
}

passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(counter notExecuted)

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"

if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
