#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test project against real components:
# each test assembly starts its own private PostgreSQL and librdkafka mock clusters (no Docker, no Kafka server).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/scripts/bootstrap.sh

# Static checks of the deployment files (no Docker engine or cluster needed).
yamllint -s -c .yamllint.yaml .yamllint.yaml compose.yaml deploy/k8s deploy/prometheus deploy/grafana
docker-compose -f compose.yaml config -q

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Fulfillment.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
dotnet format Fulfillment.sln --verify-no-changes --no-restore

log=$(mktemp)
status=0
# Normal verbosity shows each assembly's "test infrastructure: ..." line (embedded or containers, and why).
dotnet test Fulfillment.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One closing line over every test assembly, in the form CI reads: "N passed, N failed".
awk '
  # minimal verbosity: "Passed!  - Failed: 0, Passed: 84, Skipped: 0, Total: 84, ..." per assembly
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) { v = $(i+1); gsub(",", "", v); if ($i == "Failed:") f += v; if ($i == "Passed:") p += v; if ($i == "Skipped:") s += v }
    next
  }
  # normal verbosity: "Total tests: 84" then "     Passed: 84", "     Failed: 1", "    Skipped: 2" per assembly
  /^ *Passed: [0-9]+$/  { p += $2 }
  /^ *Failed: [0-9]+$/  { f += $2 }
  /^ *Skipped: [0-9]+$/ { s += $2 }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
