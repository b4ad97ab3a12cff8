// The prometheus guardrail through the real HTTP reader, against a Prometheus API stand-in on port 0:
// a vector's first sample, a scalar, an empty vector (no data) and an unreachable server (no data).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Guardrail } from "@strangler/migration-plans";
import { judgeGuardrails } from "../../src/rollout/judge-guardrails.ts";
import { createPrometheusSource } from "../../src/rollout/prometheus-source.ts";
import { buildStepWindow } from "../../src/rollout/step-window.ts";

const ANSWERS: Record<string, unknown> = {
  "errors_high": { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "7.5"] }] } },
  "errors_low": { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "0.5"] }] } },
  "scalar(1)": { status: "success", data: { resultType: "scalar", result: [1, "1"] } },
  "nothing": { status: "success", data: { resultType: "vector", result: [] } },
};
let server: Server;
let url: string;
const asked: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const query = new URL(req.url!, "http://x").searchParams.get("query") ?? "";
    asked.push(`${req.method} ${new URL(req.url!, "http://x").pathname} ${query}`);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ANSWERS[query] ?? { status: "error" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the prometheus guardrail", () => {
  it.each([
    ["a value above max", "errors_high", { max: 3 }, "breach", 7.5],
    ["a value under max", "errors_low", { max: 3 }, "pass", 0.5],
    ["a scalar at min", "scalar(1)", { min: 1 }, "pass", 1],
    ["an empty vector", "nothing", { max: 3 }, "no-data", undefined],
  ])("judges %s", async (_name, query, bound, status, value) => {
    const guardrail: Guardrail = { metric: "prometheus", query, minSamples: 1, ...bound };
    const answered = await createPrometheusSource(url).query(query);
    const [verdict] = judgeGuardrails([guardrail], { window: buildStepWindow([], undefined), prometheus: new Map([[query, answered]]) });
    expect([verdict!.status, verdict!.value]).toEqual([status, value]);
    expect(asked.at(-1)).toBe(`GET /api/v1/query ${query}`);
  });

  it("reads nothing from a Prometheus that is not there", async () => {
    expect(await createPrometheusSource("http://127.0.0.1:1", 500).query("up")).toBeUndefined();
  });
});
