#!/usr/bin/env bash
# The fault-injection suite at full length (docs/reliability.md): the platform as processes (embedded Kafka with its
# fault API, durable PostgreSQL, the seven services from their Release build), open-loop load, one fault at a time,
# then the invariants. Prints the scenario table and writes it to $FAULTS_OUT/faults.md.
#   FAULTS_SCENARIOS=kill9-inventory,postgres-restart  (default: every scenario)
#   FAULTS_RATE=50 FAULTS_LOAD_SECONDS=30 FAULTS_FAULT_AFTER=10 FAULTS_DRAIN_TIMEOUT=120 FAULTS_OUT=artifacts/faults/<time>
set -euo pipefail
cd "$(dirname "$0")/../.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export FAULTS_OUT="${FAULTS_OUT:-$PWD/artifacts/faults/$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$FAULTS_OUT"
dotnet build Fulfillment.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Tests/Fulfillment.FaultSuite -c Release --no-build --filter "Category=faults-full" \
  --logger "console;verbosity=detailed"
echo "scenario table: $FAULTS_OUT/faults.md; service logs in $FAULTS_OUT"
