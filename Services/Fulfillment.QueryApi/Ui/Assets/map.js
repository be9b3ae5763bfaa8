// The tracking page's drawings: an SVG map of the Paris area (no tiles: the river, the ring road and named places
// drawn from coordinates) with the driver's path, and the ETA history chart.
"use strict";

const Drawing = (() => {
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attributes = {}, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // The Seine through the area, roughly (latitude, longitude), upstream to downstream.
  const seine = [
    [48.765, 2.418], [48.800, 2.420], [48.816, 2.414], [48.837, 2.378], [48.852, 2.356], [48.857, 2.341],
    [48.863, 2.322], [48.862, 2.303], [48.855, 2.288], [48.846, 2.277], [48.833, 2.256], [48.840, 2.228],
    [48.860, 2.222], [48.877, 2.236], [48.893, 2.262], [48.907, 2.300], [48.920, 2.330], [48.935, 2.318],
    [48.937, 2.285], [48.944, 2.250],
  ];
  const ring = { latitude: 48.8566, longitude: 2.3450, latRadius: 0.045, lonRadius: 0.095 };
  const width = 600;

  function projection(points) {
    let [south, north, west, east] = [48.70, 48.97, 2.08, 2.52];
    for (const p of points) {
      south = Math.min(south, p.latitude - 0.02);
      north = Math.max(north, p.latitude + 0.02);
      west = Math.min(west, p.longitude - 0.03);
      east = Math.max(east, p.longitude + 0.03);
    }
    const shrink = Math.cos(((south + north) / 2) * Math.PI / 180);
    const scale = width / ((east - west) * shrink);
    return {
      height: Math.round((north - south) * scale),
      x: (lon) => ((lon - west) * shrink * scale).toFixed(1),
      y: (lat) => ((north - lat) * scale).toFixed(1),
      scale, shrink,
    };
  }

  /** destination, path (driver positions, oldest first) → an SVG element with a text alternative. */
  function map({ destination, path, label }) {
    const points = [destination, ...path].filter(Boolean);
    const p = projection(points);
    const root = svg("svg", { class: "map", viewBox: `0 0 ${width} ${p.height}`, role: "img", "aria-labelledby": "map-title map-desc" });
    root.append(svg("title", { id: "map-title" }, "Delivery map"), svg("desc", { id: "map-desc" }, label));
    root.append(svg("ellipse", {
      cx: p.x(ring.longitude), cy: p.y(ring.latitude), rx: (ring.lonRadius * p.shrink * p.scale).toFixed(1),
      ry: (ring.latRadius * p.scale).toFixed(1), fill: "#f7f3ea", stroke: "#b8a98a", "stroke-width": 3,
    }));
    root.append(svg("polyline", {
      points: seine.map(([lat, lon]) => `${p.x(lon)},${p.y(lat)}`).join(" "), fill: "none", stroke: "#6aa6d8", "stroke-width": 6,
      "stroke-linejoin": "round", "stroke-linecap": "round",
    }));
    for (const place of Ui.places) {
      root.append(svg("circle", { cx: p.x(place.longitude), cy: p.y(place.latitude), r: 3, fill: "#57606a" }));
      root.append(svg("text", { x: Number(p.x(place.longitude)) + 5, y: Number(p.y(place.latitude)) - 4, "font-size": 12, fill: "#57606a" }, place.name));
    }
    if (path.length > 1) {
      root.append(svg("polyline", {
        points: path.map((q) => `${p.x(q.longitude)},${p.y(q.latitude)}`).join(" "), fill: "none", stroke: "#0a58ca",
        "stroke-width": 3, "stroke-dasharray": "6 4",
      }));
    }
    if (destination) {
      const [x, y] = [p.x(destination.longitude), p.y(destination.latitude)];
      root.append(svg("path", { d: `M${x},${y} l0,-22 l14,6 l-14,6`, fill: "#cf222e", stroke: "#82071e", "stroke-width": 1.5, "data-marker": "destination" }));
    }
    const driver = path[path.length - 1];
    if (driver) {
      root.append(svg("circle", {
        cx: p.x(driver.longitude), cy: p.y(driver.latitude), r: 8, fill: "#0a58ca", stroke: "#fff", "stroke-width": 3, "data-marker": "driver",
      }));
    }
    return root;
  }

  /** ETA history: minutes to arrival at each update (etas: [{ at, eta }], oldest first). */
  function etaChart(etas) {
    const h = 140;
    const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${h}`, role: "img", "aria-labelledby": "chart-title chart-desc" });
    const minutes = etas.map((e) => Math.max(0, (Date.parse(e.eta) - Date.parse(e.at)) / 60000));
    root.append(svg("title", { id: "chart-title" }, "ETA history"),
      svg("desc", { id: "chart-desc" }, etas.length
        ? `${etas.length} ETA updates; minutes to arrival went from ${minutes[0].toFixed(1)} to ${minutes[minutes.length - 1].toFixed(1)}.`
        : "No ETA yet."));
    if (etas.length === 0) {
      root.append(svg("text", { x: 12, y: 70, "font-size": 14, fill: "#57606a" }, "No ETA yet"));
      return root;
    }
    const times = etas.map((e) => Date.parse(e.at));
    const [t0, t1] = [Math.min(...times), Math.max(...times, Math.min(...times) + 1)];
    const top = Math.max(...minutes, 1);
    const x = (t) => (40 + ((t - t0) / (t1 - t0)) * (width - 50)).toFixed(1);
    const y = (m) => (10 + (1 - m / top) * (h - 30)).toFixed(1);
    root.append(svg("line", { x1: 40, y1: h - 20, x2: width - 10, y2: h - 20, stroke: "#d0d7de" }));
    root.append(svg("text", { x: 4, y: 16, "font-size": 11, fill: "#57606a" }, `${top.toFixed(0)} min`));
    root.append(svg("text", { x: 4, y: h - 22, "font-size": 11, fill: "#57606a" }, "0"));
    root.append(svg("polyline", {
      points: etas.map((_, i) => `${x(times[i])},${y(minutes[i])}`).join(" "), fill: "none", stroke: "#1a7f37", "stroke-width": 2.5,
    }));
    for (let i = 0; i < etas.length; i++) root.append(svg("circle", { cx: x(times[i]), cy: y(minutes[i]), r: 3, fill: "#1a7f37" }));
    return root;
  }

  return { map, etaChart };
})();
