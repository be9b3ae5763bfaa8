// Shared helpers of the Fulfillment pages: plain DOM, no framework, nothing loaded from elsewhere.
"use strict";

const Ui = (() => {
  const body = document.body;
  const config = {
    orderService: body.dataset.orderService,
    inventoryService: body.dataset.inventoryService,
  };

  // The saga's progress, in order; a failure replaces the step it happened at.
  const progress = ["CREATED", "INVENTORY_RESERVED", "PAYMENT_AUTHORIZED", "DELIVERY_ASSIGNED", "DELIVERED"];
  const failures = {
    INVENTORY_REJECTED: "INVENTORY_RESERVED",
    PAYMENT_FAILED: "PAYMENT_AUTHORIZED",
    DELIVERY_FAILED: "DELIVERY_ASSIGNED",
    CANCELLED: null,
  };

  // A few named places of the Paris area (also drawn on the tracking map).
  const places = [
    { name: "Louvre", latitude: 48.8606, longitude: 2.3376 },
    { name: "Eiffel Tower", latitude: 48.8584, longitude: 2.2945 },
    { name: "Montmartre", latitude: 48.8867, longitude: 2.3431 },
    { name: "Bastille", latitude: 48.8532, longitude: 2.3692 },
    { name: "La Défense", latitude: 48.8918, longitude: 2.2384 },
    { name: "Saint-Denis", latitude: 48.9362, longitude: 2.3574 },
    { name: "Orly", latitude: 48.7262, longitude: 2.3652 },
    { name: "Versailles", latitude: 48.8049, longitude: 2.1204 },
  ];

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const time = (value) => (value ? new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "—");
  const dateTime = (value) => (value ? new Date(value).toLocaleString() : "—");
  const money = (amount, currency) =>
    amount === null || amount === undefined ? "—" : `${Number(amount).toFixed(2)} ${currency ?? ""}`.trim();

  function statusBadge(status) {
    return el("span", { class: "status", "data-status": status, text: status ?? "—" });
  }

  /** GET (or another method) answering JSON; null for 404; throws with the problem's title otherwise. */
  async function fetchJson(url, options = {}) {
    const response = await fetch(url, { ...options, headers: { Accept: "application/json", ...(options.headers ?? {}) } });
    if (response.status === 404 && !options.keep404) return null;
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok && !options.acceptErrors) {
      const error = new Error(body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.problem = body;
      throw error;
    }
    return options.acceptErrors ? { status: response.status, body, response } : body;
  }

  /**
   * A live stream (Server-Sent Events). `ready` and `resync` mean "read the current state now": the first after
   * (re)connecting, the second when pushes were dropped. The browser reconnects by itself; a stream the browser
   * gave up on is opened again.
   */
  function live(url, handlers) {
    const indicator = document.getElementById("live-status");
    const show = (state, text) => {
      if (!indicator) return;
      indicator.dataset.state = state;
      indicator.textContent = text;
    };
    let source;
    const open = () => {
      source = new EventSource(url);
      source.addEventListener("ready", () => {
        show("live", "Live");
        handlers.reread();
      });
      source.addEventListener("resync", () => handlers.reread());
      for (const [type, handler] of Object.entries(handlers.events ?? {})) {
        source.addEventListener(type, (event) => handler(JSON.parse(event.data)));
      }
      source.onerror = () => {
        show("reconnecting", "Reconnecting…");
        if (source.readyState === EventSource.CLOSED) setTimeout(open, 2000);
      };
    };
    show("reconnecting", "Connecting…");
    open();
    return () => source.close();
  }

  /** Runs `action` at most once per `delay` ms however often it is asked for. */
  function debounce(action, delay) {
    let timer = null;
    return () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        action();
      }, delay);
    };
  }

  function notice(element, text, kind) {
    element.className = `notice ${kind ?? ""}`.trim();
    element.textContent = text ?? "";
  }

  /**
   * Sends a request to order-service from a button: disabled meanwhile; `handle(answer)` deals with the answers it
   * knows (returns true), any other answer or a network failure is shown in `result`.
   */
  async function sendToOrderService(button, result, path, options, handle) {
    button.disabled = true;
    try {
      const answer = await fetchJson(`${config.orderService}${path}`, { ...options, acceptErrors: true, keep404: true });
      if (!handle(answer)) {
        notice(result, answer.body?.detail ?? answer.body?.title ?? `order-service answered ${answer.status}`, "error");
      }
    } catch (error) {
      notice(result, `order-service could not be reached: ${error.message}`, "error");
    } finally {
      button.disabled = false;
    }
  }

  return { config, progress, failures, places, el, time, dateTime, money, statusBadge, fetchJson, live, debounce, notice, sendToOrderService };
})();
