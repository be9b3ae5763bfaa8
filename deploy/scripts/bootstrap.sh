#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with the .NET SDK lacks to build, test and run Fulfillment:
# kcat (an independent Kafka client used by tests and the runbook), jq and curl (the demo), yamllint and
# docker-compose (static checks of compose.yaml and deploy/k8s; no engine is needed), PostgreSQL's server binaries
# and Chromium (the browser the UI tests drive).
# No OS librdkafka: the services, the embedded broker and the tests load librdkafka.redist's own build from their
# output folder (docs/decisions/0011). kcat brings Debian's librdkafka1 for itself, which nothing else uses.
# Idempotent: installs only what is missing.
set -euo pipefail

missing=()
command -v kcat >/dev/null 2>&1 || missing+=(kcat)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
# Debian's Chromium: the UI tests (Tests/Fulfillment.EndToEnd.Tests/Ui) drive it headless through Playwright.
# A font too: without recommends nothing brings one, and the screenshots would show empty boxes.
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A private PostgreSQL refuses to run as root; tests and the launcher start it as this user.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home postgres
fi

command -v dotnet >/dev/null 2>&1 || { echo "bootstrap: the .NET SDK (dotnet) is required" >&2; exit 1; }

# smtp4dev, the local SMTP server of notification-service (run.sh and the tests start it; compose uses its image):
# a dotnet tool in a fixed path rather than ~/.dotnet/tools, so every user and script finds it in the same place.
smtp4dev_tools=/opt/fulfillment/tools
smtp4dev_version=3.15.0
if [ ! -x "$smtp4dev_tools/smtp4dev" ]; then
  echo "bootstrap: installing smtp4dev $smtp4dev_version into $smtp4dev_tools"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" mkdir -p "$smtp4dev_tools"
  "${sudo[@]}" dotnet tool install --tool-path "$smtp4dev_tools" Rnwood.Smtp4dev --version "$smtp4dev_version" >/dev/null
fi
