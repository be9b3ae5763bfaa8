#!/usr/bin/env bash
# Places five orders on a running platform — one that is delivered, one out of stock, one whose payment is
# declined, one the customer cancels at once, one addressed outside the service area (its delivery fails after
# payment) — and prints each order's lifecycle and ETA from query-api as they change, until all five are final;
# then the delivered order's saga, its invoice, what the cancelled and the failed orders gave back (refund, stock,
# credit note), and the emails the customers were sent.
#   deploy/scripts/demo.sh            (run.sh --demo calls it once the platform is ready)
# Environment: ORDER_URL (default http://localhost:8081), QUERY_URL (default http://localhost:8080),
# INVOICE_URL (default http://localhost:8085), SMTP_UI_URL (default http://localhost:5025), DEMO_TIMEOUT (s, 180).
set -euo pipefail
order_url=${ORDER_URL:-http://localhost:8081}
query_url=${QUERY_URL:-http://localhost:8080}
invoice_url=${INVOICE_URL:-http://localhost:8085}
smtp_ui_url=${SMTP_UI_URL:-http://localhost:5025}
timeout=${DEMO_TIMEOUT:-180}

place() {
  local label=$1 customer=$2 sku=$3 quantity=$4 price=$5 latitude=$6 longitude=$7
  curl -fsS -X POST "$order_url/api/orders" \
    -H 'Content-Type: application/json' -H "X-Correlation-Id: demo-$label-$$" \
    -d "{\"customerId\":\"$customer\",\"customerEmail\":\"$customer@example.com\",\"currency\":\"EUR\",
         \"items\":[{\"sku\":\"$sku\",\"quantity\":$quantity,\"unitPrice\":$price}],
         \"deliveryAddress\":{\"latitude\":$latitude,\"longitude\":$longitude}}" | jq -r .orderId
}

# The Louvre is inside run.sh's service area (30 km around Paris); Marseille's Vieux-Port is not.
declare -A label expected last
for spec in "delivered customer-42 SKU-001 2 19.90 48.8606 2.3376 DELIVERED" \
            "out-of-stock customer-43 SKU-LOW 5 4.50 48.8606 2.3376 INVENTORY_REJECTED" \
            "declined blocked-44 SKU-002 1 99.00 48.8606 2.3376 PAYMENT_FAILED" \
            "cancelled customer-45 SKU-001 1 19.90 48.8606 2.3376 CANCELLED" \
            "not-delivered customer-46 SKU-002 1 24.00 43.2951 5.3739 DELIVERY_FAILED"; do
  read -r name customer sku quantity price latitude longitude final <<<"$spec"
  id=$(place "$name" "$customer" "$sku" "$quantity" "$price" "$latitude" "$longitude")
  label[$id]=$name; expected[$id]=$final; last[$id]=""
  printf 'demo: placed %-13s order %s (%s x%s for %s)\n' "$name" "$id" "$sku" "$quantity" "$customer"
  if [ "$name" = cancelled ]; then
    # At once: the cancel reaches delivery-service long before the payment does, so it wins (decision 0019). Had a
    # driver been assigned first, the answer would still be 202 and the order would go on to DELIVERED.
    answer=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$order_url/api/orders/$id/cancel" \
      -H 'Content-Type: application/json' -d '{"reason":"changed my mind"}')
    printf 'demo: asked to cancel   order %s (order-service answered %s)\n' "$id" "$answer"
  fi
done

deadline=$((SECONDS + timeout))
while :; do
  pending=0
  for id in "${!label[@]}"; do
    view=$(curl -fs "$query_url/api/orders/$id" || true)
    [ -n "$view" ] || { pending=1; continue; }
    line=$(jq -r '"\(.status)\(if .eta then "  eta " + .eta else "" end)\(if .delivery.etaSequence then "  (update #\(.delivery.etaSequence))" else "" end)"' <<<"$view")
    if [ "$line" != "${last[$id]}" ]; then
      printf 'demo: %-13s %s  %s\n' "${label[$id]}" "$(date +%T)" "$line"
      last[$id]=$line
    fi
    [ "$(jq -r .status <<<"$view")" = "${expected[$id]}" ] || pending=1
  done
  [ $pending = 0 ] && break
  if [ $SECONDS -ge $deadline ]; then
    echo "demo: not every order reached its final state in ${timeout}s" >&2
    exit 1
  fi
  sleep 0.5
done

echo "demo: every order reached its final state. Saga of the delivered order:"
for id in "${!label[@]}"; do
  # An if, not `[ … ] && …`: the loop's status (and so the script's) must not depend on which order comes last.
  if [ "${label[$id]}" = delivered ]; then
    curl -fs "$query_url/api/sagas/$id" | jq '{state, version, history: [.history[] | "\(.from // "-") -> \(.to) on \(.eventType)"]}'
    # invoice-service issues the invoice once order-service confirms the order (stock and payment secured).
    invoice=""
    for _ in $(seq 1 40); do
      invoice=$(curl -fs "$invoice_url/api/invoices?orderId=$id" | jq -r '.[0] | select(.) | "\(.invoiceNumber): net \(.net), tax \(.tax), gross \(.gross) \(.currency), due \(.dueAt)"' || true)
      [ -n "$invoice" ] && break
      sleep 0.5
    done
    echo "demo: invoice of the delivered order: ${invoice:-not issued yet}"
  fi
done
for id in "${!label[@]}"; do
  if [ "${label[$id]}" = cancelled ] || [ "${label[$id]}" = not-delivered ]; then
    # The verdict comes first; the refund and the release follow it (each its own service), so wait for them briefly.
    for _ in $(seq 1 40); do
      view=$(curl -fs "$query_url/api/orders/$id")
      undone=$(jq -r '[if .payment.refundedAt then "payment refunded (\(.payment.refundId))" else empty end,
                       if .inventory.releasedAt then "stock released (\(.inventory.releaseReason))" else empty end,
                       if .invoice.creditNoteNumber then "invoice credited (\(.invoice.creditNoteNumber))" else empty end] | join(", ")' <<<"$view")
      [ "$(jq -r '(.payment.authorizedAt == null or .payment.refundedAt != null) and (.inventory.reservedAt == null or .inventory.releasedAt != null)' <<<"$view")" = true ] && break
      sleep 0.5
    done
    printf 'demo: %-13s %s: %s\n' "${label[$id]}" "$(jq -r '.status + (if .delivery.failureReason then " (" + .delivery.failureReason + ")" else "" end)' <<<"$view")" "${undone:-nothing to give back}"
  fi
done
echo "demo: follow any of them in the browser: http://localhost:8080/ui/orders/<orderId>"
echo "demo: emails sent to the customers (one per step; read them at $smtp_ui_url):"
curl -fs "$smtp_ui_url/api/messages?pageSize=50" | jq -r '(.results // .)[] | "  \(.to | if type == "array" then join(", ") else . end)  \(.subject)"' || echo "  (smtp4dev not reachable at $smtp_ui_url)"
