// One pino-shaped line per shop request with method, path, status, upstream, plan, route, reason and duration,
// through pino (a test's own logger) or written straight to the process logger's destination.
import { hostname } from "node:os";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "p.yaml": planYaml("pdp", "  - path: /p/**") });
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(chunk.toString())); done(); } });
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { logger: pino({ level: "info" }, sink) } });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), next.close(), plans.remove()]);
});

const requestLines = () => lines.filter((line) => line.msg === "request");

describe("access log", () => {
  it("writes one line per request with the decision", async () => {
    await fetch(`${proxy.shopUrl}/p/a?x=1`).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/cart`).then((r) => r.text());
    await fetch(`${proxy.shopUrl}/a%2fb`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [routed, unrouted, refused] = requestLines().slice(-3);
    expect(routed).toMatchObject({ level: 30, method: "GET", path: "/p/a", status: 200, upstream: "new-frontend", plan: "pdp", route: "pdp#0", reason: "rollout" });
    expect(routed!.ms).toEqual(expect.any(Number));
    expect(unrouted).toMatchObject({ method: "GET", path: "/cart", status: 200, upstream: "legacy", reason: "no-route" });
    expect(unrouted).not.toHaveProperty("plan");
    expect(refused).toMatchObject({ path: "/a%2fb", status: 400, reason: "refused", refused: "PATH_ENCODED_SLASH" });
  });

  it("logs the failure stage when the new side failed and legacy answered", async () => {
    next.handle((_req, res) => { res.writeHead(503); res.end(); });
    await fetch(`${proxy.shopUrl}/p/down`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestLines().at(-1)).toMatchObject({ path: "/p/down", status: 200, upstream: "legacy", plan: "pdp", reason: "fallback", failure: "status" });
    expect(lines.some((line) => line.msg === "new side failed; replaying to fallback" && line.from === "new-frontend")).toBe(true);
  });
});

describe("a decision from the flag service's saved state", () => {
  it.each([[true, "new-frontend", "flag-on-saved"], [false, "legacy", "flag-off-saved"]])(
    "says so (enabled %s) in the access log and the admin decisions", async (enabled, upstream, reason) => {
      next.handle(textHandler("new"));
      const saved: string[] = [];
      const sink = new Writable({ write(chunk, _encoding, done) { saved.push(chunk.toString()); done(); } });
      const flagProvider = { evaluate: () => ({ enabled, source: "unleash-saved" as const }), ready: () => true, close: async () => {} };
      const savedProxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, deps: { logger: pino({ level: "info" }, sink), flagProvider } });
      try {
        await fetch(`${savedProxy.shopUrl}/p/saved`).then((r) => r.text());
        const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
        const { decisions } = await (await fetch(`${savedProxy.adminUrl}/decisions?limit=1`, { headers: auth })).json() as { decisions: unknown[] };
        expect(decisions).toEqual([expect.objectContaining({ path: "/p/saved", upstream, plan: "pdp", reason })]);
        const logged = saved.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === "request");
        expect(logged).toEqual([expect.objectContaining({ path: "/p/saved", upstream, reason })]);
      } finally {
        await savedProxy.close();
      }
    });
});

describe("the access line written straight to the logger's destination", () => {
  it("is the line pino writes for the same record, field for field and in order", async () => {
    const direct: string[] = [];
    const viaPino: string[] = [];
    const collect = (into: string[]) => new Writable({ write(chunk, _encoding, done) { into.push(chunk.toString()); done(); } });
    const destination = collect(direct);
    const directProxy = await startTestProxy({
      legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir,
      deps: { logger: pino({ level: "info" }, destination), logDestination: destination },
    });
    const reference = pino({ level: "info" }, collect(viaPino));
    try {
      next.handle(textHandler("new"));
      await fetch(`${directProxy.shopUrl}/p/direct?x=1`).then((r) => r.text());
      await fetch(`${directProxy.shopUrl}/cart/"quoted"\u00e9`).then((r) => r.text());
      await fetch(`${directProxy.shopUrl}/a%2fb`).then((r) => r.text());
      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = direct.filter((line) => line.includes('"msg":"request"'));
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        expect(line.endsWith("}\n")).toBe(true);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        const { level, time, pid, hostname: host, msg, ...record } = parsed;
        expect({ level, pid, host, msg }).toEqual({ level: 30, pid: process.pid, host: hostname(), msg: "request" });
        expect(time).toEqual(expect.any(Number));
        reference.info(record, "request");
        const expected = JSON.parse(viaPino.at(-1)!) as Record<string, unknown>;
        expect(Object.keys(parsed)).toEqual(Object.keys(expected));
        expect({ ...parsed, time: 0 }).toEqual({ ...expected, time: 0 });
      }
      const [routed, quoted, refused] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(routed).toMatchObject({ method: "GET", path: "/p/direct", status: 200, upstream: "new-frontend", plan: "pdp", route: "pdp#0", reason: "rollout" });
      expect(routed!.ms).toEqual(expect.any(Number));
      expect(quoted).toMatchObject({ path: "/cart/%22quoted%22%C3%A9", upstream: "legacy", reason: "no-route" });
      expect(quoted).not.toHaveProperty("plan");
      expect(refused).toMatchObject({ path: "/a%2fb", status: 400, reason: "refused", refused: "PATH_ENCODED_SLASH" });
    } finally {
      await directProxy.close();
    }
  });
});
