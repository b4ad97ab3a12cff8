// In-process price of the per-request metrics: record() over the Decisions of a compiled route table (as
// the access log calls it), against prom-client's own labelled Counter + Histogram doing the same work
// with a label object per request; then what one scrape of the result costs. Prints one line.
import { checkPlanTexts } from "@strangler/migration-plans";
import { Counter, Histogram, Registry } from "prom-client";
import { createRequestMetrics, DURATION_BUCKETS, labelsOf } from "../src/admin/request-metrics.ts";
import { compileRouteTable } from "../src/routing/route-table.ts";
import type { Decision } from "../src/routing/route-table.ts";

const RECORDS = 2_000_000;
const plan = (id: string, path: string) => ({ file: `${id}.yaml`, text: `id: ${id}\ntarget: new-frontend\nmatch:\n  - path: ${path}\nrollout: { percentage: 50, stickiness: sessionId }\n` });
const checked = checkPlanTexts([plan("a", "/a/**"), plan("b", "/b/**"), plan("c", "/c/**")], { knownTargets: ["legacy", "new-frontend"] });
if (!checked.ok) throw new Error("bench plans invalid");
const decisions: Decision[] = compileRouteTable(checked.plans).routes.flatMap((route) => [route.decisions.split.rolloutIn, route.decisions.split.rolloutOut, route.decisions.fallback]);
const methods = ["GET", "GET", "GET", "POST", "HEAD"];
const statuses = [200, 200, 200, 304, 404, 502];
const seconds = [0.0004, 0.0012, 0.003, 0.02, 0.2];

function time(record: (decision: Decision, method: string, status: number, s: number) => void): number {
  for (let round = 0; round < 2; round++) { // the first round warms the JIT
    const started = process.hrtime.bigint();
    for (let i = 0; i < RECORDS; i++) record(decisions[i % decisions.length]!, methods[i % 5]!, statuses[i % 6]!, seconds[i % 5]!);
    if (round === 1) return Number(process.hrtime.bigint() - started) / RECORDS;
  }
  return NaN;
}

const registry = new Registry();
const bound = createRequestMetrics(registry);
const boundNs = time((d, m, st, s) => bound.record(d, m, st, s));
const scrapeStarted = performance.now();
const text = await registry.metrics();
const scrapeMs = performance.now() - scrapeStarted;

const plain = new Registry();
const labelNames = ["plan", "side", "upstream", "reason", "method", "status"];
const counter = new Counter({ name: "plain_requests_total", help: "-", labelNames, registers: [plain] });
const histogram = new Histogram({ name: "plain_request_duration_seconds", help: "-", labelNames, buckets: [...DURATION_BUCKETS], registers: [plain] });
const plainNs = time((d, m, st, s) => {
  const labels = { ...labelsOf(d), method: m === "GET" || m === "HEAD" ? "read" : "write", status: `${Math.floor(st / 100)}xx` };
  counter.inc(labels);
  histogram.observe(labels, s);
});

console.log(`record() ${boundNs.toFixed(0)} ns/request bound per Decision (${(boundNs / 1000).toFixed(3)} µs; aim <= 3 µs), ` +
  `prom-client labelled counter + histogram ${plainNs.toFixed(0)} ns/request; one scrape of ${text.split("\n").length} lines ${scrapeMs.toFixed(1)} ms ` +
  `(${RECORDS.toLocaleString("en")} records, node ${process.version})`);
