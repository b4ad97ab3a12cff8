// /readyz waits for legacy Magento: 503 (and one warning naming LEGACY_URL) while it does not answer,
// 200 once it has answered below 500. Real proxy, real legacy that comes up on a port found free.
import { createServer } from "node:http";
import type { Server } from "node:http";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { findFreePort } from "../support/ports.ts";
import { startTestProxy } from "../support/proxy.ts";

interface LogLine { level: number; msg: string; legacy?: string; problem?: string }

function captureLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(JSON.parse(chunk.toString()) as LogLine); done(); } });
  return { logger: pino({ level: "info" }, stream), lines };
}

async function readyz(proxy: RunningProxy): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${proxy.adminUrl}/readyz`);
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function listenOn(port: number, status: number, seen: string[]): Promise<Server> {
  const server = createServer((req, res) => { seen.push(req.url ?? ""); res.writeHead(status).end(); });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

let proxy: RunningProxy | undefined;
let legacy: Server | undefined;
afterEach(async () => {
  await proxy?.close();
  legacy?.closeAllConnections();
  await new Promise((resolve) => legacy ? legacy.close(resolve) : resolve(undefined));
  proxy = legacy = undefined;
});

describe("readiness follows legacy Magento", () => {
  it("warns naming an unreachable LEGACY_URL, answers 503, then 200 once legacy answers", async () => {
    const port = await findFreePort();
    const legacyUrl = `http://127.0.0.1:${port}`;
    const { logger, lines } = captureLogger();
    proxy = await startTestProxy({ legacy: legacyUrl, env: { READY_PROBE_INTERVAL_MS: "50" }, deps: { logger } });

    const warning = lines.find((line) => line.level === 40);
    expect(warning?.msg).toBe(`legacy Magento at ${legacyUrl}/health_check.php does not answer (ECONNREFUSED); /readyz answers 503 until it does`);
    expect(warning?.legacy).toBe(`${legacyUrl}/health_check.php`);
    expect(await readyz(proxy)).toEqual({ status: 503, body: { ready: false, legacyAnswered: false, flagsReady: true, draining: false } });

    const seen: string[] = [];
    legacy = await listenOn(port, 200, seen);
    expect(await until(async () => (await readyz(proxy!)).status === 200, 5_000)).toBe(true);
    expect(await readyz(proxy)).toEqual({ status: 200, body: { ready: true, legacyAnswered: true, flagsReady: true, draining: false } });
    expect(seen[0]).toBe("/health_check.php");
    expect(lines.filter((line) => line.level === 40)).toHaveLength(1); // one warning, not one per attempt
    expect(lines.some((line) => line.msg === "legacy Magento answers; ready")).toBe(true);
  });

  it("stays unready while legacy answers 5xx (maintenance), and asks the configured path under LEGACY_URL's base path", async () => {
    const port = await findFreePort();
    const seen: string[] = [];
    legacy = await listenOn(port, 503, seen);
    proxy = await startTestProxy({
      legacy: `http://127.0.0.1:${port}/shop/`, env: { READY_PROBE_INTERVAL_MS: "50", LEGACY_HEALTH_PATH: "/pub/health_check.php" },
    });
    expect(await until(async () => seen.length >= 3, 5_000)).toBe(true);
    expect((await readyz(proxy)).status).toBe(503);
    expect(new Set(seen)).toEqual(new Set(["/shop/pub/health_check.php"]));
  });

  it("is ready at once when legacy answers at start-up, even with a 404 (a store without health_check.php)", async () => {
    const port = await findFreePort();
    legacy = await listenOn(port, 404, []);
    proxy = await startTestProxy({ legacy: `http://127.0.0.1:${port}` });
    expect((await readyz(proxy)).status).toBe(200);
  });
});
