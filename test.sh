#!/usr/bin/env bash
# Runs every test of the solution (domain, components, browser) on SQLite, then the service and measurement tests
# again on PostgreSQL (a throwaway server of its own), and prints the result of both runs as the last line:
#   N passed, N failed[, N skipped]
# Exits non-zero when a test failed, when dotnet test failed (e.g. the build) or when it wrote no results.
# Extra arguments go to dotnet test, e.g.: ./test.sh --filter "FullyQualifiedName~BoligSocialt.Tests.Browser"
# Without a --filter of the caller's, the benchmarks (Category=Benchmark) and the load run (Category=Load) are left out;
# with one, only that runs (on SQLite).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  sudo=(false)
fi

# The browser tests drive the system's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: installing it with apt-get."
  if [ "${sudo[*]-}" = false ]; then
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

# The tests that run on PostgreSQL too: the services (measurement, counting, logbook import and export among them), the
# measurement benchmark's seed and the app's start on PostgreSQL. Each test gets a new database on the server
# (BoligSocialt.Tests/Support/TestDatabase.cs); the rest (pages, browser, SQLite files) runs on SQLite only.
postgres_filter="(FullyQualifiedName~BoligSocialt.Tests.Services.|FullyQualifiedName~BoligSocialt.Tests.Startup.MeasurementBenchmarkTests.The_seed|FullyQualifiedName~BoligSocialt.Tests.Startup.PostgresTests.)&Category!=Benchmark"

status=0
env -u BOLIGSOCIALT_TEST_POSTGRES dotnet test BoligSocialt.sln --logger "trx;LogFileName=results.trx" --results-directory "$results_dir" \
  ${filter[@]+"${filter[@]}"} "$@" || status=$?

# A throwaway PostgreSQL server (Debian's postgresql, installed when missing) in a temporary folder on a free loopback
# port, stopped and deleted at exit. Only a caller's own --filter, or a machine where it cannot be installed, skips it.
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
postgres_dir=""
stop_postgres() {
  if [ -n "$postgres_dir" ]; then
    as_postgres "$(postgres_bin)/pg_ctl" -D "$postgres_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$postgres_dir"
  fi
}
trap stop_postgres EXIT
# initdb and the server refuse to run as root: as root they run as the user postgres (made by the package).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_skipped=""
if [ "${#filter[@]}" -eq 0 ]; then
  postgres_skipped="a --filter of the caller's"
elif [ "$status" -ne 0 ] && [ ! -s "$results_dir/results.trx" ]; then
  postgres_skipped="the first run wrote no results"
else
  if [ -z "$(postgres_bin)" ]; then
    echo "PostgreSQL is missing: installing Debian's postgresql with apt-get."
    if [ "${sudo[*]-}" = false ] \
      || ! ${sudo[@]+"${sudo[@]}"} apt-get update \
      || ! ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; then
      postgres_skipped="PostgreSQL could not be installed (as root, or with sudo: apt-get install postgresql)"
    fi
  fi
  if [ -z "$postgres_skipped" ] && [ -z "$(postgres_bin)" ]; then
    postgres_skipped="the package postgresql has no /usr/lib/postgresql/*/bin"
  fi
fi

if [ -z "$postgres_skipped" ]; then
  postgres_dir=$(mktemp -d /tmp/boligsocialt-postgres-XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$postgres_dir"; fi
  port=""
  for candidate in $(seq 55432 55531); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  # A throwaway server: durability is not wanted, speed is.
  if [ -n "$port" ] \
    && as_postgres "$(postgres_bin)/initdb" -D "$postgres_dir/data" -U postgres --auth=trust --encoding=UTF8 >"$postgres_dir/initdb.log" 2>&1 \
    && as_postgres "$(postgres_bin)/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w start \
      -o "-p $port -k $postgres_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
    echo "PostgreSQL $(as_postgres "$(postgres_bin)/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') runs on 127.0.0.1:$port: the service and measurement tests again, on PostgreSQL."
    BOLIGSOCIALT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres" dotnet test BoligSocialt.sln --no-build \
      --logger "trx;LogFileName=results-postgres.trx" --results-directory "$results_dir" --filter "$postgres_filter" "$@" || status=$?
  else
    echo "The throwaway PostgreSQL server did not start (no free port from 55432, or see $postgres_dir/*.log):" >&2
    cat "$postgres_dir"/*.log >&2 2>/dev/null || true
    status=1
  fi
fi
if [ -n "$postgres_skipped" ]; then
  echo "The tests on PostgreSQL were skipped: $postgres_skipped."
fi

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
# Skipped tests are counted as total but not executed (the trx's notExecuted stays 0 for them).
skipped=$(( $(counter total) - $(counter executed) ))

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"

if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
