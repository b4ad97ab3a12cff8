// `node src/main.ts` with WORKERS=2 as a real child process: requests spread over both workers (their
// access lines carry two pids), yet every scrape, whichever worker takes it, shows the sum over both:
// counters and histograms added, pools added, shares and circuits not doubled.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl } from "../support/ports.ts";
import { createPlansDir, planYaml } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

const MAIN = join(import.meta.dirname, "..", "..", "src", "main.ts");
const TOKEN = "cluster-metrics-token-0123456789";
const REQUESTS = 24;

/** One request on a connection of its own, so the cluster hands each to a worker anew. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: "close", ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => { body += chunk; }).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject).end();
  });
}

const sample = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}()[\]+.?*|\\^$]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);

let legacy: TestUpstream;
let next: TestUpstream;
let plans: PlansDir;
let stateDir: string;
let child: ReturnType<typeof spawn>;
let output = "";
let ready: { shopUrl: string; adminUrl: string; workers: number };

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  next = await startUpstream("new");
  plans = await createPlansDir({ "p.yaml": planYaml("pdp", "  - path: /p/**") });
  stateDir = await mkdtemp(join(tmpdir(), "strangler-cluster-metrics-"));
  const [port, adminPort] = [new URL(await closedPortUrl()).port, new URL(await closedPortUrl()).port];
  child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "", LOG_LEVEL: "info", LEGACY_URL: legacy.url, NEW_FRONTEND_URL: next.url, ADMIN_TOKEN: TOKEN, PORT: port, ADMIN_PORT: adminPort,
      HOST: "127.0.0.1", WORKERS: "2", PLANS_DIR: plans.dir, FLAG_STATE_DIR: stateDir, KEEP_ALIVE_SOCKETS: "7",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.stdout!.on("data", (data) => { output += data; });
  child.stderr!.on("data", (data) => { output += data; });
  ready = await new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as typeof ready));
    child.once("exit", () => reject(new Error(`exited before ready: ${output}`)));
  });
}, 30_000);
afterAll(async () => {
  child.kill("SIGTERM");
  await new Promise((resolve) => { child.once("exit", resolve); setTimeout(resolve, 5_000); });
  child.kill("SIGKILL");
  await Promise.all([legacy.close(), next.close(), plans.remove(), rm(stateDir, { recursive: true, force: true })]);
});

describe("metrics with WORKERS=2", () => {
  it("answer every scrape with the sum over both workers", async () => {
    expect(ready.workers).toBe(2);
    for (let i = 0; i < REQUESTS; i++) expect((await get(`${ready.shopUrl}/p/${i}`)).status).toBe(200);
    // Both workers served: the access lines name two process ids.
    await expect.poll(() => [...output.matchAll(/"pid":(\d+)[^\n]*"path":"\/p\/\d+"/g)].length, { timeout: 5_000 }).toBe(REQUESTS);
    const pids = new Set([...output.matchAll(/"pid":(\d+)[^\n]*"path":"\/p\/\d+"/g)].map((m) => m[1]));
    expect(pids.size).toBe(2);

    const labels = 'plan="pdp",side="new",upstream="new-frontend",reason="rollout",method="read",status="2xx"';
    for (let scrape = 0; scrape < 4; scrape++) {
      const response = await get(`${ready.adminUrl}/metrics`, { authorization: `Bearer ${TOKEN}` });
      expect(response.status).toBe(200);
      const text = response.body;
      expect(sample(text, `strangler_requests_total{${labels}}`)).toBe(REQUESTS);
      expect(sample(text, `strangler_request_duration_seconds_count{${labels}}`)).toBe(REQUESTS);
      expect(sample(text, `strangler_request_duration_seconds_bucket{${labels},le="+Inf"}`)).toBe(REQUESTS);
      expect(sample(text, `strangler_request_duration_seconds_bucket{${labels},le="30"}`)).toBe(REQUESTS);
      // Pools add up (7 per worker); a share or a circuit is the same in both and is not doubled.
      expect(sample(text, 'strangler_upstream_pool_size{upstream="legacy"}')).toBe(14);
      expect(sample(text, 'strangler_plan_share_percent{plan="pdp"}')).toBe(100);
      expect(sample(text, 'strangler_circuit_open{upstream="new-frontend"}')).toBe(0);
    }
  });
});
