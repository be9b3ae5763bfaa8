// /ui/admin/dead-letters: query-api's admin API (list, inspect, replay) behind the admin key.
"use strict";

(() => {
  const { el } = Ui;
  const storageKey = "fulfillment.adminKey";
  const keyInput = document.getElementById("api-key");
  const keyResult = document.getElementById("key-result");
  const topic = document.getElementById("topic");
  const letters = document.getElementById("letters");
  const detailPanel = document.getElementById("detail-panel");
  const replayResult = document.getElementById("replay-result");

  for (const name of (document.body.dataset.dlqTopics ?? "").split(",").filter(Boolean)) {
    topic.append(el("option", { value: name, text: name }));
  }

  const admin = (url, options = {}) =>
    Ui.fetchJson(url, { ...options, headers: { "X-Api-Key": sessionStorage.getItem(storageKey) ?? "" }, keep404: true, acceptErrors: true });

  async function loadLetters() {
    const query = new URLSearchParams({ pageSize: 100 });
    if (topic.value) query.set("topic", topic.value);
    const answer = await admin(`/api/admin/dlq?${query}`);
    if (answer.status === 401) {
      document.getElementById("list-panel").hidden = true;
      Ui.notice(keyResult, "The admin key was refused.", "error");
      keyInput.focus();
      return;
    }
    Ui.notice(keyResult, "");
    document.getElementById("list-panel").hidden = false;
    const items = answer.body?.items ?? [];
    letters.replaceChildren(...items.map((d) => el("tr", { "data-id": d.id, "data-key": d.key ?? "" },
      el("td", { text: d.id }),
      el("td", { text: `${d.topic} [${d.partition}] @${d.offset}` }),
      el("td", {}, el("code", { text: d.key ?? "—" })),
      el("td", { text: d.eventType ?? "—" }),
      el("td", { text: d.consumerGroup ?? "—" }),
      el("td", { text: d.error ?? "—" }),
      el("td", { text: d.replayCount }),
      el("td", {}, el("button", { type: "button", class: "secondary", "aria-label": `Inspect dead letter ${d.id}`, onclick: () => inspect(d.id) }, "Inspect")))));
    document.getElementById("letters-empty").hidden = items.length > 0;
  }

  async function inspect(id, keepNotice) {
    const answer = await admin(`/api/admin/dlq/${id}`);
    if (answer.status !== 200) {
      Ui.notice(replayResult, answer.body?.detail ?? `query-api answered ${answer.status}`, "error");
      return;
    }
    const d = answer.body;
    if (!keepNotice) Ui.notice(replayResult, "");
    const facts = [
      ["Id", d.id], ["Topic", `${d.topic} [${d.partition}] @${d.offset}`], ["Original", `${d.originalTopic ?? "—"} [${d.originalPartition ?? "?"}] @${d.originalOffset ?? "?"}`],
      ["Key", d.key], ["Event type", d.eventType], ["Consumer group", d.consumerGroup], ["Exception", d.exceptionType],
      ["Error", d.error], ["Retries", d.retryCount], ["Failed at", Ui.dateTime(d.failedAt)],
      ["Replays", d.replayCount], ["Last replay", Ui.dateTime(d.replayedAt)],
    ];
    document.getElementById("detail-heading").textContent = `Dead letter ${d.id}`;
    document.getElementById("detail-facts").replaceChildren(...facts.flatMap(([t, v]) => [el("dt", { text: t }), el("dd", { text: v ?? "—" })]),
      el("dt", { text: "Action" }),
      el("dd", {}, el("button", { type: "button", id: "replay", onclick: () => replay(d.id) }, "Replay to original topic")));
    document.getElementById("detail-headers").replaceChildren(...d.headers.map((h) => el("tr", {},
      el("th", { scope: "row", text: h.key }), el("td", {}, el("code", { text: h.value ?? (h.base64 ? `base64:${h.base64}` : "null") })))));
    document.getElementById("detail-payload").textContent =
      d.valueJson !== null && d.valueJson !== undefined ? JSON.stringify(d.valueJson, null, 2) : d.valueText ?? d.valueBase64 ?? "(no value)";
    detailPanel.hidden = false;
    if (!keepNotice) detailPanel.focus();
  }

  async function replay(id) {
    const answer = await admin(`/api/admin/dlq/${id}/replay`, { method: "POST" });
    if (answer.status === 200) {
      const r = answer.body;
      Ui.notice(replayResult, `Replayed to ${r.topic} [${r.partition}] @${r.offset} (replay ${r.replayCount}).`, "ok");
    } else {
      Ui.notice(replayResult, answer.body?.detail ?? `query-api answered ${answer.status}`, "error");
    }
    await Promise.all([loadLetters(), inspect(id, true)]);
  }

  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(storageKey, keyInput.value);
    loadLetters();
  });
  document.getElementById("refresh").addEventListener("click", loadLetters);
  topic.addEventListener("change", loadLetters);
  if (sessionStorage.getItem(storageKey)) {
    keyInput.value = sessionStorage.getItem(storageKey);
    loadLetters();
  }
})();
