// /ui/orders/{orderId}: the order's progress, pushed by query-api as the read model commits each change.
"use strict";

(() => {
  const { el } = Ui;
  const orderId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());
  const cancellable = new Set(["CREATED", "INVENTORY_RESERVED", "PAYMENT_AUTHORIZED"]);
  let order = null;
  let saga = null;
  document.getElementById("order-id").textContent = orderId;
  document.title = `Order ${orderId.slice(0, 8)} · Fulfillment`;

  const newer = (candidate, current, stamp) => !current || stamp(candidate) >= stamp(current);

  function apply(next, nextSaga) {
    if (next && newer(next, order, (o) => Date.parse(o.updatedAt))) order = next;
    if (nextSaga && newer(nextSaga, saga, (s) => s.version)) saga = nextSaga;
    render();
  }

  async function reread() {
    const [next, nextSaga] = await Promise.all([
      Ui.fetchJson(`/api/orders/${encodeURIComponent(orderId)}`),
      Ui.fetchJson(`/api/sagas/${encodeURIComponent(orderId)}`),
    ]);
    apply(next, nextSaga);
  }

  function render() {
    document.getElementById("waiting").hidden = order !== null;
    if (!order) return;
    document.getElementById("order-status").replaceChildren(Ui.statusBadge(order.status));
    renderStepper();
    renderDelivery();
    renderDetails();
    renderTimeline();
    renderSaga();
  }

  function renderStepper() {
    const status = order.status;
    const failedAt = status in Ui.failures ? Ui.failures[status] : undefined;
    const steps = [...Ui.progress];
    let current = steps.indexOf(status);
    if (failedAt !== undefined) {
      // A failure takes the place of the step it happened at; a cancellation comes after the last step reached.
      const reached = order.payment?.authorizedAt ? 2 : order.inventory?.reservedAt ? 1 : 0;
      current = failedAt === null ? reached + 1 : steps.indexOf(failedAt);
      steps.splice(current, steps.length - current, status);
    }
    document.getElementById("stepper").replaceChildren(...steps.map((step, i) => el("li", {
      "data-step": step,
      "data-done": String(i < current || (i === current && status === "DELIVERED")),
      "data-failed": String(i === current && failedAt !== undefined),
      "aria-current": i === current ? "step" : null,
    }, step.replaceAll("_", " ").toLowerCase())));
  }

  /** Driver positions and ETAs from the timeline (delivery.assigned, then eta.updated by sequence). */
  function deliveryHistory() {
    const entries = order.timeline
      .filter((e) => e.eventType === "delivery.assigned" || e.eventType === "eta.updated")
      .map((e) => ({ sequence: e.eventType === "delivery.assigned" ? 0 : e.payload.sequence, at: e.occurredAt, payload: e.payload }))
      .sort((a, b) => a.sequence - b.sequence);
    return {
      path: entries.map((e) => e.payload.driverPosition).filter(Boolean),
      etas: entries.map((e) => ({ at: e.at, eta: e.payload.estimatedArrival })),
    };
  }

  function renderDelivery() {
    const delivery = order.delivery;
    const history = deliveryHistory();
    if (delivery?.driverPosition && history.path.length === 0) history.path.push(delivery.driverPosition);
    document.getElementById("eta").textContent = order.eta ? Ui.dateTime(order.eta) : "—";
    document.getElementById("driver").textContent = delivery?.driverId ?? "—";
    document.getElementById("remaining").textContent = delivery?.remainingKm != null ? `${delivery.remainingKm.toFixed(2)} km` : "—";
    document.getElementById("eta-sequence").textContent = delivery?.etaSequence ?? "—";
    const label = delivery?.driverPosition
      ? `Driver ${delivery.driverId} is ${delivery.remainingKm?.toFixed(1) ?? "?"} km from the destination.`
      : "No driver assigned yet; the red flag is the destination.";
    document.getElementById("map").replaceChildren(Drawing.map({ destination: order.deliveryAddress, path: history.path, label }));
    document.getElementById("eta-chart").replaceChildren(Drawing.etaChart(history.etas));
    tick();
  }

  /** The countdown runs on the page's clock between pushes; the ETA itself only changes by push. */
  function tick() {
    const countdown = document.getElementById("countdown");
    if (!order?.eta || order.status === "DELIVERED" || order.status in Ui.failures) {
      countdown.textContent = order?.status === "DELIVERED" ? "Delivered" : "—";
      return;
    }
    const seconds = Math.max(0, Math.round((Date.parse(order.eta) - Date.now()) / 1000));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    countdown.textContent = `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
    countdown.setAttribute("aria-label", `Arrives in ${h} hours ${m} minutes ${s} seconds`);
  }

  function renderDetails() {
    const facts = [
      ["Customer", order.customerId],
      ["Items", order.items?.map((i) => `${i.quantity} × ${i.sku} @ ${Ui.money(i.unitPrice, order.currency)}`).join(", ")],
      ["Total", Ui.money(order.total, order.currency)],
      ["Correlation id", order.correlationId],
      ["Created", Ui.dateTime(order.createdAt)],
      ["Reservation", order.inventory?.reservationId && `${order.inventory.reservationId} (${order.inventory.warehouse ?? "?"}) at ${Ui.time(order.inventory.reservedAt)}`],
      ["Out of stock", order.inventory?.rejectedAt && `${order.inventory.rejectionReason ?? ""} at ${Ui.time(order.inventory.rejectedAt)}`],
      ["Stock released", order.inventory?.releasedAt && `${order.inventory.releaseReason ?? ""} at ${Ui.time(order.inventory.releasedAt)}`],
      ["Payment", order.payment?.authCode && `${order.payment.paymentId} authorized (${order.payment.authCode}) at ${Ui.time(order.payment.authorizedAt)}`],
      ["Payment failed", order.payment?.failedAt && `${order.payment.failureReason ?? ""} at ${Ui.time(order.payment.failedAt)}`],
      ["Confirmed", order.confirmedAt && Ui.dateTime(order.confirmedAt)],
      ["Invoice", order.invoice && `${order.invoice.number}, ${Ui.money(order.invoice.gross, order.invoice.currency)}, due ${Ui.dateTime(order.invoice.dueAt)}`],
      ["Delivered", order.delivery?.deliveredAt && Ui.dateTime(order.delivery.deliveredAt)],
      ["Cancel requested", order.cancellation?.requestedAt && `${order.cancellation.reason ?? ""} at ${Ui.time(order.cancellation.requestedAt)}`],
      ["Cancelled", order.cancellation?.cancelledAt && Ui.dateTime(order.cancellation.cancelledAt)],
      ["Delivery failed", order.delivery?.failedAt && `${order.delivery.failureReason ?? order.delivery.failureCode ?? ""} at ${Ui.time(order.delivery.failedAt)}`],
      ["Refunded", order.payment?.refundedAt && `${order.payment.refundId ?? ""} at ${Ui.time(order.payment.refundedAt)}`],
      ["Invoice credited", order.invoice?.creditNoteNumber && `${order.invoice.creditNoteNumber} at ${Ui.time(order.invoice.creditedAt)}`],
    ].filter(([, value]) => value);
    document.getElementById("details").replaceChildren(...facts.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]));
    const notifications = order.notifications ?? [];
    document.getElementById("notifications").replaceChildren(...(notifications.length
      ? notifications.map((n) => el("li", {}, `${n.kind}: “${n.subject}” to ${n.recipient} at ${Ui.time(n.sentAt)}`))
      : [el("li", { text: "None yet." })]));
    document.getElementById("cancel-area").hidden = !cancellable.has(order.status);
  }

  function renderTimeline() {
    document.getElementById("timeline").replaceChildren(...order.timeline.map((e) => el("tr", { "data-event-type": e.eventType },
      el("td", { text: Ui.time(e.occurredAt) }),
      el("td", { text: e.eventType }),
      el("td", { text: e.producer }),
      el("td", {}, el("code", { text: e.correlationId })))));
  }

  function renderSaga() {
    document.getElementById("saga-state").replaceChildren(saga ? Ui.statusBadge(saga.state) : "—");
    document.getElementById("saga-history").replaceChildren(...(saga?.history ?? []).map((h) => el("tr", {},
      el("td", { text: Ui.time(h.at) }),
      el("td", { text: h.eventType }),
      el("td", { text: h.from ?? "—" }),
      el("td", { text: h.to }),
      el("td", { text: h.note ?? "" }))));
  }

  document.getElementById("cancel").addEventListener("click", () => {
    const result = document.getElementById("cancel-result");
    return Ui.sendToOrderService(document.getElementById("cancel"), result, `/api/orders/${encodeURIComponent(orderId)}/cancel`,
      { method: "POST" },
      (answer) => {
        if (answer.status !== 202) return false;
        Ui.notice(result, "Cancellation requested: the order is undone asynchronously (unless a driver was assigned first).", "ok");
        return true;
      });
  });

  setInterval(tick, 1000);
  Ui.live(`/ui/live/orders/${encodeURIComponent(orderId)}`, {
    reread: () => reread().catch(() => {}),
    events: { order: (pushed) => apply(pushed.order, pushed.saga) },
  });
})();
