// /ui/: place an order (straight to order-service) and the live list of recent orders (pushed by query-api).
"use strict";

(() => {
  const { el } = Ui;
  const form = document.getElementById("order-form");
  const stockRows = document.getElementById("stock-rows");
  const placeSelect = document.getElementById("place");
  const latitude = document.getElementById("latitude");
  const longitude = document.getElementById("longitude");
  const keyInput = document.getElementById("idempotency-key");
  const result = document.getElementById("place-result");
  const orderRows = document.getElementById("order-rows");
  const filters = document.getElementById("status-filters");
  const pageSize = 20;
  let filter = "";
  let sentLines = [];

  // ---- the form ----

  for (const place of Ui.places) {
    placeSelect.append(el("option", { value: `${place.latitude},${place.longitude}`, text: place.name }));
  }
  placeSelect.append(el("option", { value: "", text: "Other coordinates" }));
  const usePlace = () => {
    if (!placeSelect.value) return;
    const [lat, lon] = placeSelect.value.split(",");
    latitude.value = lat;
    longitude.value = lon;
  };
  placeSelect.addEventListener("change", usePlace);
  for (const input of [latitude, longitude]) input.addEventListener("input", () => { placeSelect.value = ""; });
  usePlace();

  const newKey = () => { keyInput.value = crypto.randomUUID(); };
  document.getElementById("new-key").addEventListener("click", newKey);
  newKey();

  async function loadStock() {
    let stock;
    try {
      stock = await Ui.fetchJson(`${Ui.config.inventoryService}/api/stock`);
    } catch (error) {
      if (!stockRows.querySelector("input")) {
        stockRows.replaceChildren(el("tr", {}, el("td", { colspan: 4, text: `Stock unavailable: ${error.message}` })));
      }
      return;
    }
    for (const item of stock ?? []) {
      const id = `sku-${item.sku}`;
      const existing = document.getElementById(`${id}-available`);
      if (existing) {
        existing.textContent = item.available;
        continue;
      }
      if (!stockRows.querySelector("input")) stockRows.replaceChildren();
      stockRows.append(el("tr", { "data-sku": item.sku },
        el("th", { scope: "row", id: `${id}-name`, text: item.sku }),
        el("td", { id: `${id}-available`, text: item.available }),
        el("td", {},
          el("input", { type: "number", min: 0, step: 1, value: 0, id: `${id}-quantity`, class: "quantity",
            "aria-labelledby": `${id}-name ${id}-quantity-label`, "aria-describedby": `${id}-error` }),
          el("span", { id: `${id}-quantity-label`, class: "visually-hidden", text: "quantity" })),
        el("td", {},
          el("input", { type: "number", min: 0, step: "0.01", value: "9.90", id: `${id}-price`, class: "price",
            "aria-labelledby": `${id}-name ${id}-price-label`, "aria-describedby": `${id}-error` }),
          el("span", { id: `${id}-price-label`, class: "visually-hidden", text: "unit price" }),
          el("p", { id: `${id}-error`, class: "field-error" }))));
    }
  }

  function clearErrors() {
    for (const node of form.querySelectorAll(".field-error")) node.textContent = "";
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  }

  /** Puts each of order-service's field errors next to its field; the first invalid field gets the focus. */
  function showErrors(errors) {
    let first = null;
    for (const [field, messages] of Object.entries(errors)) {
      const text = messages.join(" ");
      const line = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field);
      if (line && sentLines[Number(line[1])]) {
        const sku = sentLines[Number(line[1])];
        const input = document.getElementById(`sku-${sku}-${line[2] === "unitPrice" ? "price" : "quantity"}`);
        const target = document.getElementById(`sku-${sku}-error`);
        target.textContent = `${target.textContent} ${text}`.trim();
        input?.setAttribute("aria-invalid", "true");
        first ??= input;
        continue;
      }
      const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
      const target = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`) ?? document.getElementById("form-error");
      target.textContent = `${target.textContent} ${text}`.trim();
      input?.setAttribute("aria-invalid", "true");
      first ??= input;
    }
    first?.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    Ui.notice(result, "");
    const lines = [...stockRows.querySelectorAll("tr[data-sku]")]
      .map((row) => ({ sku: row.dataset.sku, quantity: row.querySelector(".quantity").value, unitPrice: row.querySelector(".price").value }))
      .filter((line) => line.quantity !== "0" && line.quantity !== "");
    sentLines = lines.map((line) => line.sku);
    const number = (text) => (text.trim() === "" || Number.isNaN(Number(text)) ? text : Number(text));
    const order = {
      customerId: form.customerId.value,
      currency: form.currency.value,
      items: lines.map((line) => ({ sku: line.sku, quantity: number(line.quantity), unitPrice: number(line.unitPrice) })),
      deliveryAddress: { latitude: number(latitude.value), longitude: number(longitude.value) },
    };
    if (form.customerEmail.value.trim()) order.customerEmail = form.customerEmail.value.trim();
    const headers = { "Content-Type": "application/json" };
    if (keyInput.value.trim()) headers["Idempotency-Key"] = keyInput.value.trim();

    await Ui.sendToOrderService(document.getElementById("place-order"), result, "/api/orders",
      { method: "POST", headers, body: JSON.stringify(order) },
      (answer) => {
        if (answer.status === 202 || answer.status === 200) {
          const placed = answer.body;
          const link = el("a", { href: `/ui/orders/${placed.orderId}`, id: "placed-order-link", text: placed.orderId });
          result.className = "notice ok";
          result.replaceChildren(answer.status === 202 ? "Order placed: " : "Already placed with this key: ", link, ` (${placed.status})`);
          if (answer.status === 202) newKey();
          return true;
        }
        if (!answer.body?.errors) return false;
        Ui.notice(result, answer.body.title ?? "The order is not valid.", "error");
        showErrors(answer.body.errors);
        return true;
      });
  });

  // ---- the live list ----

  function orderRow(order) {
    return el("tr", { "data-order-id": order.orderId, "data-updated": order.updatedAt },
      el("td", {}, el("a", { href: `/ui/orders/${order.orderId}`, text: order.orderId.slice(0, 8), "aria-label": `Order ${order.orderId}` })),
      el("td", {}, Ui.statusBadge(order.status)),
      el("td", { text: order.customerId ?? "—" }),
      el("td", { text: Ui.money(order.total, order.currency) }),
      el("td", { text: Ui.time(order.eta) }),
      el("td", { text: Ui.time(order.lastEventAt) }));
  }

  async function loadOrders() {
    const query = new URLSearchParams({ pageSize });
    if (filter) query.set("status", filter);
    const page = await Ui.fetchJson(`/api/orders?${query}`);
    orderRows.replaceChildren(...page.items.map(orderRow));
    document.getElementById("orders-empty").hidden = page.items.length > 0;
  }

  async function loadCounts() {
    const counts = await Ui.fetchJson("/ui/api/status-counts");
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const button = (status, label, count) => el("li", {}, el("button", {
      type: "button", "data-status": status, "aria-pressed": String(filter === status),
      onclick: () => { filter = status; loadCounts(); loadOrders(); },
    }, `${label} `, el("span", { class: "count", text: count })));
    filters.replaceChildren(button("", "All", total), ...counts.map((c) => button(c.status, c.status, c.count)));
  }

  /** A pushed summary: replaces the order's row, or adds it on top when it is new and matches the filter. */
  function applySummary(order) {
    const existing = orderRows.querySelector(`tr[data-order-id="${CSS.escape(order.orderId)}"]`);
    if (existing && Date.parse(existing.dataset.updated) > Date.parse(order.updatedAt)) return;
    const matches = !filter || order.status === filter;
    if (existing) {
      if (matches) existing.replaceWith(orderRow(order));
      else existing.remove();
    } else if (matches) {
      orderRows.prepend(orderRow(order));
      while (orderRows.rows.length > pageSize) orderRows.lastElementChild.remove();
    }
    document.getElementById("orders-empty").hidden = orderRows.rows.length > 0;
    refreshCounts();
    refreshStock();
  }

  const refreshCounts = Ui.debounce(() => loadCounts().catch(() => {}), 500);
  // Stock moves when orders do: re-read it after pushed changes (not on a timer).
  const refreshStock = Ui.debounce(() => loadStock(), 1000);

  loadStock();
  Ui.live("/ui/live/orders", {
    reread: () => { loadOrders().catch(() => {}); loadCounts().catch(() => {}); },
    events: { summary: applySummary },
  });
})();
