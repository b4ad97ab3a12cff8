// `npm start -w services/search` as a real process: SIGTERM stops it cleanly at any stage — while the
// first index build is under way (Magento slow, or not answering at all) and once it is ready.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, inject, it } from "vitest";

const serviceDir = fileURLToPath(new URL("../..", import.meta.url));

interface Magento { url: string; calls: () => number; close(): Promise<void> }

/** The sandbox behind a relay that answers every call after `delayMs`, or never (`hang`). */
async function startMagento(mode: { delayMs: number } | "hang"): Promise<Magento> {
  const target = inject("sandboxUrl");
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls += 1;
    if (mode === "hang") return;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => setTimeout(() => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== "host" && name !== "connection" && name !== "content-length")) as Record<string, string>;
      fetch(`${target}${req.url}`, { method: req.method!, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
          res.end(Buffer.from(await answer.arrayBuffer()));
        }, () => res.destroy());
    }, mode.delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

interface Service { child: ChildProcess; url: Promise<string>; log: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function startService(magentoUrl: string): Service {
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: serviceDir, stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: process.env.PATH, MAGENTO_URL: magentoUrl, SEARCH_PORT: "0", SEARCH_HOST: "127.0.0.1", SEARCH_ENGINE: "orama" },
  });
  let log = "";
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const listening = /listening on (http:\/\/[^/\s]+)\/graphql/.exec(log);
      if (listening) resolve(listening[1]!);
    });
    child.once("exit", () => reject(new Error(`exited before listening:\n${log}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, url, log: () => log, exited };
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe("the search service process stops on SIGTERM", () => {
  it("while the first index build is under way: the build is abandoned, exit 0", async () => {
    const magento = await startMagento({ delayMs: 50 });
    cleanup.push(() => magento.close());
    const service = startService(magento.url);
    cleanup.push(async () => { service.child.kill("SIGKILL"); await service.exited; });
    const url = await service.url;
    await until(() => magento.calls() >= 20);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    service.child.kill("SIGTERM");
    expect(await service.exited).toEqual({ code: 0, signal: null });
    // A whole build is ~560 calls, 12 at a time at 50 ms each (seconds): it was stopped, not finished.
    expect(service.log()).toContain("index build stopped: the service is closing");
    expect(service.log()).not.toContain("built the index");
  });

  it("while Magento does not answer the first call at all", async () => {
    const magento = await startMagento("hang");
    cleanup.push(() => magento.close());
    const service = startService(magento.url);
    cleanup.push(async () => { service.child.kill("SIGKILL"); await service.exited; });
    await service.url;
    await until(() => magento.calls() >= 1);
    service.child.kill("SIGTERM");
    // Well before the adapters' 8 s timeout would free the hung call.
    const exit = await Promise.race([service.exited, new Promise((resolve) => setTimeout(() => resolve("still running after 6 s"), 6_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it("once the index is built and it answers", async () => {
    const service = startService(inject("sandboxUrl"));
    cleanup.push(async () => { service.child.kill("SIGKILL"); await service.exited; });
    const url = await service.url;
    await until(async () => (await fetch(`${url}/readyz`)).status === 200);
    const answer = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ products(search: \"bag\") { total_count } }" }) });
    expect(answer.status).toBe(200);
    service.child.kill("SIGTERM");
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.log()).toContain("SIGTERM: stopping");
  });
});
