// `node src/main.ts` as a real child process: env validated at start, SIGTERM drains in-flight requests.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream } from "./support/upstream.ts";
import type { TestUpstream } from "./support/upstream.ts";

const MAIN = join(import.meta.dirname, "..", "src", "main.ts");
const TOKEN = "main-test-token-0123456789";

function run(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout!.on("data", (data) => { output += data; });
  child.stderr!.on("data", (data) => { output += data; });
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("start-up configuration", () => {
  it.each([
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, PORT: "eighty" }, 'PORT must be a port number from 0 to 65535 (got "eighty")'],
    [{ ADMIN_TOKEN: TOKEN }, "LEGACY_URL must be the legacy Magento's http(s) base URL, such as http://magento:80 (it is not set)"],
    [{ LEGACY_URL: "ftp://legacy", ADMIN_TOKEN: TOKEN }, 'LEGACY_URL must be the legacy Magento\'s http(s) base URL, such as http://magento:80 (got "ftp://legacy")'],
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: "short" }, "ADMIN_TOKEN must be at least 16 characters (it guards the admin port and the debug header) (value not shown)"],
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, WORKERS: "many" }, 'WORKERS must be a positive integer (at most 256) or "auto" (got "many")'],
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, UPSTREAM_SEARCH_URL: "nope" }, 'UPSTREAM_SEARCH_URL must be an http(s) URL, such as http://search:7700 (got "nope")'],
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, FLAG_REFRESH_MS: "60000" }, 'FLAG_REFRESH_MS must be a whole number of milliseconds from 50 to 10000 (a flag change must apply within 10 s) (got "60000")'],
    [{ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, UNLEASH_URL: "http://127.0.0.1:4242/api" }, "UNLEASH_API_TOKEN is required when UNLEASH_URL is set"],
  ])("refuses to start with %j, naming the variable", async (env, message) => {
    const child = run(env);
    expect(await exited(child)).toBe(78);
    expect(child.output()).toContain("strangler proxy: invalid proxy configuration:");
    expect(child.output()).toContain(message);
  });
});

describe("start-up plans", () => {
  it("refuses to start with a broken plan, naming the file and the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strangler-bad-plans-"));
    writeFileSync(join(dir, "broken.yaml"), "id: Broken Id\ntarget: nowhere\nmatch: []\n");
    const child = run({ LEGACY_URL: "http://127.0.0.1:1", ADMIN_TOKEN: TOKEN, PORT: "0", ADMIN_PORT: "0", PLANS_DIR: dir, FLAG_STATE_DIR: join(dir, "flags") });
    expect(await exited(child)).toBe(78);
    expect(child.output()).toContain(`strangler proxy: PLANS_DIR ${dir} has invalid plans:`);
    expect(child.output()).toContain("broken.yaml");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("SIGTERM", () => {
  let legacy: TestUpstream;
  beforeAll(async () => {
    legacy = await startUpstream("legacy", (req, res) => {
      const delay = req.url === "/slow" ? 800 : 0;
      setTimeout(() => { res.writeHead(200, { "Content-Type": "text/plain" }); res.end(`done ${req.url}`); }, delay);
    });
  });
  afterAll(() => legacy.close());

  it("lets an in-flight request finish, then exits 0", async () => {
    const child = run({ LEGACY_URL: legacy.url, ADMIN_TOKEN: TOKEN, PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", FLAG_STATE_DIR: join(tmpdir(), `strangler-main-test-${process.pid}`) });
    const ready = await new Promise<{ shopUrl: string }>((resolve, reject) => {
      child.once("message", (message) => resolve(message as { shopUrl: string }));
      child.once("exit", () => reject(new Error(`exited before ready: ${child.output()}`)));
    });
    const slow = fetch(`${ready.shopUrl}/slow`).then(async (r) => [r.status, await r.text()]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exit = exited(child);
    child.kill("SIGTERM");
    expect(await slow).toEqual([200, "done /slow"]);
    expect(await exit).toBe(0);
    await expect(fetch(`${ready.shopUrl}/after`)).rejects.toThrow();
  });
});

describe("WORKERS", () => {
  it("runs the proxy in several cluster workers on one port and stops them all on SIGTERM", async () => {
    const legacy = await startUpstream("legacy");
    const { closedPortUrl } = await import("./support/ports.ts");
    const port = new URL(await closedPortUrl()).port;
    const adminPort = new URL(await closedPortUrl()).port;
    const child = run({ LEGACY_URL: legacy.url, ADMIN_TOKEN: TOKEN, PORT: port, ADMIN_PORT: adminPort, HOST: "127.0.0.1", WORKERS: "2", FLAG_STATE_DIR: join(tmpdir(), `strangler-workers-test-${process.pid}`) });
    try {
      const ready = await new Promise<{ shopUrl: string; workers: number }>((resolve, reject) => {
        child.once("message", (message) => resolve(message as { shopUrl: string; workers: number }));
        child.once("exit", () => reject(new Error(`exited before ready: ${child.output()}`)));
      });
      expect(ready.workers).toBe(2);
      const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${ready.shopUrl}/w`).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
      const exit = exited(child);
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
    } finally {
      child.kill("SIGKILL");
      await legacy.close();
    }
  });
});
