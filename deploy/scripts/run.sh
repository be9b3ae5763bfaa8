#!/usr/bin/env bash
# Runs the whole platform on this machine, no Docker: the embedded Kafka on localhost:9092, a private PostgreSQL
# holding the seven databases, smtp4dev (SMTP on localhost:2525, its web UI and API on localhost:5025) and the seven
# services on ports 8080-8086. Waits until each is ready, prints the URLs and streams every log line with its
# service's name. Ctrl-C (or SIGTERM) stops everything.
#   deploy/scripts/run.sh           run until stopped
#   deploy/scripts/run.sh --demo    also place the demo orders and follow them to their final states
# Environment: FULFILLMENT_STATE_DIR (default .run/), PGPORT (default 5432), KAFKA_PORT (default 9092),
# SMTP_PORT (default 2525), SMTP_UI_PORT (default 5025).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
state=${FULFILLMENT_STATE_DIR:-$root/.run}
pg_port=${PGPORT:-5432}
kafka_port=${KAFKA_PORT:-9092}
smtp_port=${SMTP_PORT:-2525}
smtp_ui_port=${SMTP_UI_PORT:-5025}
demo=false
[ "${1:-}" = "--demo" ] && demo=true

deploy/scripts/bootstrap.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "run: building..."
dotnet build Fulfillment.sln -c Release -nologo -clp:ErrorsOnly -v:q

pids=()
pg_bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)
pg_data=$state/postgres
as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)

stop_all() {
  trap - INT TERM EXIT
  echo "run: stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  echo "run: stopped"
}
trap stop_all INT TERM EXIT

prefix() { local name=$1; while IFS= read -r line; do printf '%-22s %s\n' "[$name]" "$line"; done; }

# PostgreSQL: one private server, one database per service (each service creates and migrates its own).
mkdir -p "$state"
if [ ! -f "$pg_data/PG_VERSION" ]; then
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 >/dev/null
fi
[ "$(id -u)" = 0 ] && chown postgres "$pg_data"
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=${PG_MAX_CONNECTIONS:-330}" start >/dev/null
echo "run: PostgreSQL on 127.0.0.1:$pg_port (data in $pg_data)"

# Embedded Kafka (librdkafka's mock cluster; development only: in memory).
kafka_log=$state/kafka.out
: > "$kafka_log"
dotnet Services/Fulfillment.EmbeddedKafka/bin/Release/net10.0/Fulfillment.EmbeddedKafka.dll --port "$kafka_port" \
  > >(tee -a "$kafka_log" | prefix kafka) 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "embedded-kafka ready" "$kafka_log" && break; sleep 0.2; done
grep -q "embedded-kafka ready" "$kafka_log" || { echo "run: the embedded Kafka did not start" >&2; exit 1; }

# smtp4dev: the SMTP server notification-service writes to; every email is readable in its web UI and API. IMAP and
# POP3 get ports of their own (their defaults, 143 and 110, may be taken). Mail is kept in memory only (--db=).
/opt/fulfillment/tools/smtp4dev --urls="http://127.0.0.1:$smtp_ui_port" --smtpport="$smtp_port" \
  --imapport=$((smtp_port + 1)) --pop3port=$((smtp_port + 2)) --bindaddress=127.0.0.1 --db= --nousersettings \
  --messagestokeep=1000 > >(prefix smtp4dev) 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$smtp_ui_port/api/messages" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$smtp_ui_port/api/messages" >/dev/null 2>&1 || { echo "run: smtp4dev did not start" >&2; exit 1; }

start_service() {
  local name=$1 project=$2 port=$3 database=$4
  Urls="http://127.0.0.1:$port" \
  ConnectionStrings__Database="Host=127.0.0.1;Port=$pg_port;Database=$database;Username=postgres" \
  Kafka__BootstrapServers="localhost:$kafka_port" \
  Delivery__TimeScale="${DELIVERY_TIME_SCALE:-20}" \
  Delivery__ServiceArea__Latitude=48.8566 Delivery__ServiceArea__Longitude=2.3522 Delivery__ServiceArea__RadiusKm=30 \
  Admin__ApiKey="${ADMIN_API_KEY:-local-admin-key}" \
  Cors__AllowedOrigins__0=http://localhost:8080 Cors__AllowedOrigins__1=http://127.0.0.1:8080 \
  Notification__Smtp__Host=127.0.0.1 Notification__Smtp__Port="$smtp_port" \
    dotnet "Services/$project/bin/Release/net10.0/$project.dll" --contentRoot "$root/Services/$project/bin/Release/net10.0" \
    > >(prefix "$name") 2>&1 &
  pids+=($!)
}
start_service query-api Fulfillment.QueryApi 8080 query_db
start_service order-service Fulfillment.OrderService 8081 order_db
start_service payment-service Fulfillment.PaymentService 8082 payment_db
start_service inventory-service Fulfillment.InventoryService 8083 inventory_db
start_service delivery-service Fulfillment.DeliveryService 8084 delivery_db
start_service invoice-service Fulfillment.InvoiceService 8085 invoice_db
start_service notification-service Fulfillment.NotificationService 8086 notification_db

for port in 8080 8081 8082 8083 8084 8085 8086; do
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || { echo "run: the service on port $port is not ready" >&2; exit 1; }
done

cat <<TXT
run: ready.
  tracking UI        http://localhost:8080/ui/   (place an order, watch it move; /ui/admin/dead-letters)
  order-service      http://localhost:8081/api/orders   /api/orders/{orderId}/cancel
  query-api          http://localhost:8080/api/orders   /api/sagas/{orderId}
                     http://localhost:8080/api/admin/dlq   (X-Api-Key: ${ADMIN_API_KEY:-local-admin-key})
  payment-service    http://localhost:8082
  inventory-service  http://localhost:8083
  delivery-service   http://localhost:8084
  invoice-service    http://localhost:8085/api/invoices?orderId=…
  notification-service http://localhost:8086/api/notifications?orderId=…
  emails (smtp4dev)  http://localhost:$smtp_ui_port   (API: /api/messages; SMTP on localhost:$smtp_port)
  Kafka              localhost:$kafka_port   (kcat -b localhost:$kafka_port -L)
  PostgreSQL         127.0.0.1:$pg_port   (psql -h 127.0.0.1 -p $pg_port -U postgres query_db)
  health             http://localhost:808x/health/live   /health/ready
Stop with Ctrl-C.
TXT

if $demo; then
  deploy/scripts/demo.sh || echo "run: the demo did not reach every final state" >&2
fi
wait "${pids[@]}"
