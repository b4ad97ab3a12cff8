// The migration dashboard page: polls GET /dashboard/api/state every 2 s and redraws; the kill switch
// and share buttons call the flags admin API with the session's CSRF token, after a confirmation that
// asks why (the reason lands in the audit log). Everything is built with DOM calls (no innerHTML).
"use strict";

const POLL_MS = 2000;
const COLORS = { legacy: "#8a6d3b", new: "#2a7ab0", legacyLight: "rgba(138,109,59,0.15)", newLight: "rgba(42,122,176,0.15)" };
const page = { csrf: null, state: null, plan: null, charts: {}, markers: [], timer: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

const time = (iso) => new Date(iso).toLocaleTimeString();
const pct = (value) => (value === null || value === undefined ? "?" : `${value} %`);

async function api(path, init = {}) {
  const response = await fetch(path, { credentials: "same-origin", ...init });
  if (response.status === 401) { location.reload(); throw new Error("signed out"); }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body;
}

// ---- plans table and buttons ----

function shareCell(plan) {
  const decided = { "kill-switch": "kill switch", local: "local flag", "plan-rollout": "plan rollout", unleash: "Unleash", "unknown-to-unleash": "not in Unleash" }[plan.share.decidedBy] ?? plan.share.decidedBy;
  return el("td", { "data-share": plan.share.percentage ?? "" }, el("span", { className: "share" }, pct(plan.share.percentage)), " ", el("span", { className: "muted" }, decided));
}

function actionsCell(plan) {
  if (!page.state.managedFlags) return el("td", { className: "muted" }, "flags not managed here");
  const cell = el("td");
  if (page.state.flagsMode === "local") cell.append(el("button", { type: "button", "data-action": "share", onclick: (e) => { e.stopPropagation(); void changeShare(plan); } }, "Set share…"), " ");
  if (plan.killed) cell.append(el("button", { type: "button", "data-action": "revive", onclick: (e) => { e.stopPropagation(); void revive(plan); } }, "Revive"));
  else cell.append(el("button", { type: "button", className: "danger", "data-action": "kill", onclick: (e) => { e.stopPropagation(); void kill(plan); } }, "Kill switch"));
  return cell;
}

function renderPlans(state) {
  $("flags-mode").textContent = state.managedFlags ? `flags: ${state.flagsMode}` : "flags: the plans' own rollout";
  const rows = state.plans.map((plan) => el("tr", { "data-plan": plan.id, className: plan.id === page.plan ? "selected" : undefined, onclick: () => selectPlan(plan.id) },
    el("td", {}, el("strong", {}, plan.id)),
    el("td", {}, plan.target, el("span", { className: "muted" }, ` (else ${plan.fallback})`)),
    el("td", { className: "match" }, plan.match.join(" | ")),
    el("td", {}, plan.flag),
    el("td", { className: plan.killed ? "killed" : "on" }, plan.killed ? "killed" : "on"),
    shareCell(plan),
    el("td", {}, plan.lastChange ? [plan.lastChange.actor, el("br"), el("span", { className: "muted" }, `${plan.lastChange.action} ${pct(plan.lastChange.from)} → ${pct(plan.lastChange.to)} at ${time(plan.lastChange.at)}`)] : el("span", { className: "muted" }, "no change logged")),
    actionsCell(plan)));
  $("plans").tBodies[0].replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 8, className: "muted" }, "no plans loaded"))]));
}

/** Opens the confirmation dialog; resolves with { why, share } or null when cancelled. */
function confirmChange({ title, text, share }) {
  const dialog = $("confirm");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-share-label").hidden = share === undefined;
  $("confirm-share").required = share !== undefined;
  $("confirm-share").value = share ?? "";
  $("confirm-why").value = "";
  $("confirm-error").hidden = true;
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "ok" ? { why: $("confirm-why").value.trim(), share: Number($("confirm-share").value) } : null);
    }, { once: true });
  });
}

async function writeFlag(plan, method, suffix, why, body) {
  const headers = { "x-strangler-csrf": page.csrf };
  if (why) headers["x-strangler-why"] = encodeURIComponent(why);
  if (body) headers["content-type"] = "application/json";
  try {
    await api(`/flags/${encodeURIComponent(plan.flag)}${suffix}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    showProblem(null);
  } catch (error) {
    showProblem(`${plan.id}: ${error.message}`);
  }
  await refresh();
}

async function changeShare(plan) {
  const answer = await confirmChange({ title: `Set the share of ${plan.id}`, text: `Now ${pct(plan.share.percentage)} of sessions go to ${plan.target}. Raising it moves legacy shoppers over; lowering it moves new-side shoppers back.`, share: plan.share.percentage ?? 0 });
  if (answer) await writeFlag(plan, "PUT", "", answer.why, { percentage: answer.share });
}

async function kill(plan) {
  const answer = await confirmChange({ title: `Kill switch for ${plan.id}`, text: `Every request of ${plan.id} goes to ${plan.fallback} at once, whatever the share says.` });
  if (answer) await writeFlag(plan, "POST", "/kill", answer.why);
}

async function revive(plan) {
  const answer = await confirmChange({ title: `Revive ${plan.id}`, text: `Lifts the kill switch: the flag's share decides again.` });
  if (answer) await writeFlag(plan, "DELETE", "/kill", answer.why);
}

// ---- charts ----

function markerPlugin() {
  return {
    hooks: {
      draw: [(u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = "#b0302a";
        ctx.fillStyle = "#b0302a";
        ctx.setLineDash([4, 3]);
        ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
        for (const marker of page.markers) {
          const x = u.valToPos(marker.t, "x", true);
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.beginPath(); ctx.moveTo(x, bbox.top); ctx.lineTo(x, bbox.top + bbox.height); ctx.stroke();
          ctx.fillText(marker.label, x + 4, bbox.top + 12 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  };
}

// The x axis runs to now, so a flag change in the current minute shows right of its last point.
const X_SCALE = { time: true, range: (u, min, max) => [min, Math.max(max, page.state ? page.state.now / 1000 : max)] };

function makeChart(id, series, axes, plugins = [], y = {}) {
  const box = $(id);
  const width = Math.max(300, box.clientWidth - 4);
  // Points always shown: a minute with traffic between quiet ones is a lone point, not a line.
  series = series.map((one) => ({ points: { show: true, size: 4 }, ...one }));
  const options = { width, height: id === "chart-split" ? 200 : 170, series: [{}, ...series], axes, plugins, scales: { x: X_SCALE, y }, legend: { live: true }, cursor: { drag: { x: false, y: false } } };
  return new uPlot(options, [[], ...series.map(() => [])], box);
}

function ensureCharts() {
  if (page.charts.split) return;
  const ms = (u, v) => (v === null || v === undefined ? "–" : `${v.toFixed(1)} ms`);
  page.charts.split = makeChart("chart-split", [
    { label: "legacy req/min", stroke: COLORS.legacy, fill: COLORS.legacyLight, width: 2 },
    { label: "new req/min", stroke: COLORS.new, fill: COLORS.newLight, width: 2 },
  ], [{}, { label: "req/min" }], [markerPlugin()]);
  const rate = (u, v) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(1)} %`);
  page.charts.errors = makeChart("chart-errors", [
    { label: "legacy errors", stroke: COLORS.legacy, width: 2, value: rate },
    { label: "new errors", stroke: COLORS.new, width: 2, value: rate },
  ], [{}, { values: (u, vals) => vals.map((v) => `${(v * 100).toFixed(0)}%`) }], [], { range: (u, min, max) => [0, Math.max(0.05, max ?? 0)] });
  page.charts.latency = makeChart("chart-latency", [
    { label: "legacy p50", stroke: COLORS.legacy, width: 1, value: ms },
    { label: "legacy p95", stroke: COLORS.legacy, width: 2, dash: [6, 3], value: ms },
    { label: "new p50", stroke: COLORS.new, width: 1, value: ms },
    { label: "new p95", stroke: COLORS.new, width: 2, dash: [6, 3], value: ms },
  ], [{}, {}], [], { range: (u, min, max) => [0, Math.max(10, max ?? 0)] });
}

function renderCharts(state) {
  const select = $("chart-plan");
  const ids = state.plans.map((plan) => plan.id);
  if (page.plan === null || !ids.includes(page.plan)) page.plan = ids[0] ?? null;
  if ([...select.options].map((o) => o.value).join() !== ids.join()) select.replaceChildren(...ids.map((id) => el("option", { value: id }, id)));
  select.value = page.plan ?? "";
  const plan = state.plans.find((p) => p.id === page.plan);
  if (!plan || typeof uPlot === "undefined") return;
  ensureCharts();
  const s = plan.series;
  const t = s.totals;
  $("split-totals").textContent = `last ${state.windowMinutes} min: legacy ${t.legacy.requests} req, new ${t.new.requests} req (${t.new.requests + t.legacy.requests ? Math.round((100 * t.new.requests) / (t.new.requests + t.legacy.requests)) : 0} % new), new errors ${t.new.errors}, fallbacks ${t.new.fallbacks}`;
  $("split-totals").dataset.legacy = t.legacy.requests;
  $("split-totals").dataset.new = t.new.requests;
  const since = s.minutes[0];
  page.markers = state.audit.filter((entry) => entry.plan === plan.id && Date.parse(entry.at) / 1000 >= since)
    .map((entry) => ({ t: Date.parse(entry.at) / 1000, label: entry.action === "set" ? `→${entry.to}%` : entry.action }));
  page.charts.split.setData([s.minutes, s.legacy.requests, s.new.requests]);
  page.charts.errors.setData([s.minutes, s.legacy.errorRate, s.new.errorRate]);
  page.charts.latency.setData([s.minutes, s.legacy.p50, s.legacy.p95, s.new.p50, s.new.p95]);
}

function selectPlan(id) {
  page.plan = id;
  if (page.state) { renderPlans(page.state); renderCharts(page.state); }
}

// ---- upstreams, panels, decisions, audit ----

function renderUpstreams(state) {
  $("upstreams").tBodies[0].replaceChildren(...state.upstreams.map((u) => el("tr", { "data-upstream": u.name },
    el("td", {}, u.name), el("td", { className: `circuit-${u.circuit}` }, u.circuit), el("td", {}, u.fallbacks), el("td", { className: "muted" }, u.url))));
}

function renderPanel(id, panel, hint) {
  const box = $(id);
  if (panel === null) return box.replaceChildren(el("p", { className: "muted" }, hint));
  if (panel.error) return box.replaceChildren(el("p", { className: "error" }, panel.error));
  box.replaceChildren(
    el("table", {}, el("thead", {}, el("tr", {}, panel.columns.map((c) => el("th", {}, c)))),
      el("tbody", {}, panel.rows.map((row) => el("tr", {}, row.map((v) => el("td", {}, v ?? "–")))))),
    panel.note ? el("p", { className: "muted" }, panel.note) : null);
}

function fillSelect(select, values) {
  const current = select.value;
  const wanted = ["", ...values];
  if ([...select.options].map((o) => o.value).join() === wanted.join()) return;
  select.replaceChildren(...wanted.map((v) => el("option", { value: v }, v || "all")));
  select.value = wanted.includes(current) ? current : "";
}

function renderDecisions(state) {
  fillSelect($("decision-plan"), [...new Set(state.decisions.map((d) => d.plan).filter(Boolean))].sort());
  fillSelect($("decision-reason"), [...new Set(state.decisions.map((d) => d.reason))].sort());
  const plan = $("decision-plan").value;
  const reason = $("decision-reason").value;
  const shown = state.decisions.filter((d) => (!plan || d.plan === plan) && (!reason || d.reason === reason)).slice(0, 200);
  $("decisions").tBodies[0].replaceChildren(...shown.map((d) => el("tr", {},
    el("td", {}, time(d.time)), el("td", {}, d.method), el("td", { className: "match" }, d.path), el("td", {}, d.status),
    el("td", {}, d.upstream), el("td", {}, d.plan ?? "–"), el("td", {}, d.reason, d.failure ? el("span", { className: "error" }, ` (${d.failure})`) : null), el("td", {}, d.ms))));
}

function renderAudit(state) {
  $("audit").tBodies[0].replaceChildren(...state.audit.slice(0, 100).map((a) => el("tr", {},
    el("td", {}, `${new Date(a.at).toLocaleDateString()} ${time(a.at)}`), el("td", {}, a.actor), el("td", {}, a.action),
    el("td", {}, a.plan ?? "–"), el("td", {}, a.flag ?? "–"), el("td", {}, `${pct(a.from)} → ${pct(a.to)}`), el("td", {}, a.why ?? ""))));
}

function showProblem(text) {
  $("problem").hidden = !text;
  $("problem").textContent = text ?? "";
}

async function refresh() {
  try {
    const state = await api(`/dashboard/api/state?minutes=${$("window").value}`);
    page.state = state;
    renderPlans(state);
    renderCharts(state);
    renderUpstreams(state);
    renderPanel("panel-parity", state.panels.parity, "No parity scores: the shadow comparison is not running on this proxy.");
    renderPanel("panel-rollout", state.panels.rollout, "No rollout controller on this proxy: shares change only by hand.");
    renderDecisions(state);
    renderAudit(state);
    if (state.statsError) showProblem(`traffic stats unavailable: ${state.statsError}`);
    $("live").textContent = `updated ${new Date(state.now).toLocaleTimeString()}`;
    $("live").className = "live ok";
  } catch (error) {
    $("live").textContent = `not updating: ${error.message}`;
    $("live").className = "live stale";
  }
}

async function start() {
  const session = await api("/dashboard/api/session");
  page.csrf = session.csrf;
  $("who").textContent = session.name ? `signed in as ${session.name}` : "";
  $("chart-plan").addEventListener("change", (e) => selectPlan(e.target.value));
  $("window").addEventListener("change", () => void refresh());
  for (const id of ["decision-plan", "decision-reason"]) $(id).addEventListener("change", () => page.state && renderDecisions(page.state));
  await refresh();
  page.timer = setInterval(() => void refresh(), POLL_MS);
}

void start();
