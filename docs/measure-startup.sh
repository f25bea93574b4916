#!/usr/bin/env bash
# Cold start to the first page on an empty data folder: starts the built app (Development, so the first start also
# migrates, loads the catalogue and seeds the demo data) and times until the sign-in page answers 200.
# Usage: docs/measure-startup.sh [runs]   (builds Release first; the build is not part of the figure)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build BoligSocialt.App -c Release -o /tmp/boligsocialt-startup-build >/dev/null
port=5799
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Default="Data Source=$data/boligsocialt.db" \
    dotnet /tmp/boligsocialt-startup-build/BoligSocialt.App.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/konto/udvikler-log-ind" 2>/dev/null | grep -q 200; do
    sleep 0.05
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped"; exit 1; }
  done
  end=$(date +%s%N)
  echo "run $i: $(( (end - start) / 1000000 )) ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
