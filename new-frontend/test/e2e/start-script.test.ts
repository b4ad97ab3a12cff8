// `npm start` (scripts/start.ts): starts sandbox, new frontend, proxy and purge endpoint, prints the URL
// to open, serves the shop through the proxy, and stops every child on SIGINT (Ctrl-C).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, repoRoot } from "../../tools/services.ts";

let child: ChildProcess | undefined;

async function startStore(extraEnv: Record<string, string> = {}): Promise<{ process: ChildProcess; ports: { shop: number; admin: number; sandbox: number; frontend: number; purge: number; search: number }; exited: Promise<number | null> }> {
  const [shop, admin, sandbox, frontend, purge, search] = await Promise.all(Array.from({ length: 6 }, findFreePort));
  const ports = { shop: shop!, admin: admin!, sandbox: sandbox!, frontend: frontend!, purge: purge!, search: search! };
  const started = spawn(process.execPath, [join(repoRoot, "scripts", "start.ts")], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(shop), ADMIN_PORT: String(admin), SANDBOX_PORT: String(sandbox), FRONTEND_PORT: String(frontend), PURGE_PORT: String(purge), SEARCH_PORT: String(search), LOG_LEVEL: "warn", REDIS_URL: "", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  const exited = new Promise<number | null>((resolve) => started.once("exit", (code) => resolve(code)));
  return { process: started, ports, exited };
}

/** The child processes of a pid, from Linux's /proc. */
function readChildren(pid: number): { pid: number; command: string }[] {
  const ids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return ids.map((id) => ({ pid: id, command: readFileSync(`/proc/${id}/cmdline`, "utf8").replace(/\0/g, " ") }));
}

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

function waitForOutput(process: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    process.stdout?.on("data", onData);
    process.stderr?.on("data", onData);
    process.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before ${pattern}:\n${output.slice(-3000)}`));
    });
  });
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** Magento's admin changes a price; the sandbox PURGEs npm start's purge endpoint; the new page shows it. */
async function expectPurgeReachesPages(shop: number, sandbox: number): Promise<void> {
  const readPrice = async () => /<span class="price">([^<]+)</.exec(await (await fetch(`http://127.0.0.1:${shop}/fusion-backpack.html`)).text())?.[1];
  expect(await readPrice()).toBe("$59.00");
  const magento = `http://127.0.0.1:${sandbox}/rest/V1`;
  const json = { "content-type": "application/json" };
  const token = await (await fetch(`${magento}/integration/admin/token`, { method: "POST", headers: json, body: JSON.stringify({ username: "admin", password: "admin123" }) })).json();
  const changed = await fetch(`${magento}/products/24-MB02`, { method: "PUT", headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ product: { price: 66 } }) });
  expect(changed.status).toBe(200);
  await expect.poll(readPrice, { timeout: 15_000 }).toBe("$66.00");
}

describe("npm start", () => {
  it("runs the whole store behind the proxy with Redis, re-renders on Magento's PURGE, and stops all of it on Ctrl-C", async () => {
    // With Redis (optional through env): the frontend and the purge endpoint share the adapters' cache there.
    const adminToken = "start-script-admin-token-0123";
    const { process: store, ports, exited } = await startStore({ REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379", ADMIN_TOKEN: adminToken });
    const { shop, sandbox, frontend, purge } = ports;
    const output = await waitForOutput(store, /Open http:\/\/127\.0\.0\.1:\d+/, 90_000);
    expect(output).toContain(`Open http://127.0.0.1:${shop}`);
    // Progress as each part comes up, then one table of where everything listens.
    for (const line of [
      `npm start: purge endpoint listening on http://127.0.0.1:${purge}`,
      `npm start: magento-sandbox listening on http://127.0.0.1:${sandbox}`,
      `npm start: new-frontend listening on http://127.0.0.1:${frontend}`,
      `npm start: search-service listening on http://127.0.0.1:${ports.search}`,
      `npm start: proxy listening on http://127.0.0.1:${shop} (admin http://127.0.0.1:${ports.admin})`,
    ]) expect(output).toContain(line);
    expect(output).toMatch(new RegExp(`shop \\(the proxy\\) +http://127\\.0\\.0\\.1:${shop} +open this one`));
    expect(output).toMatch(new RegExp(`legacy Magento +http://127\\.0\\.0\\.1:${sandbox} `));
    expect(output).toMatch(new RegExp(`new frontend +http://127\\.0\\.0\\.1:${frontend} `));

    const home = await fetch(`http://127.0.0.1:${shop}/`);
    expect(home.status).toBe(200);
    const product = await (await fetch(`http://127.0.0.1:${shop}/joust-duffle-bag.html`)).text();
    expect(product).toContain('<meta name="generator" content="strangler-new-frontend"/>');
    await expectPurgeReachesPages(shop, sandbox);
    // The example catalog-search plan: a GraphQL search goes to the search service once its index is built
    // (before that the service answers 503 and the proxy replays the search to Magento).
    const searchSide = async () => {
      const answer = await fetch(`http://127.0.0.1:${shop}/graphql`, {
        method: "POST", headers: { "content-type": "application/json", "x-strangler-debug": adminToken },
        body: JSON.stringify({ query: '{ products(search: "duffle") { total_count } }' }),
      });
      const body = await answer.json() as { data?: { products?: { total_count: number } } };
      return `${answer.headers.get("x-strangler-decision")} total=${body.data?.products?.total_count}`;
    };
    await expect.poll(searchSide, { timeout: 30_000, interval: 250 }).toMatch(/^target=search-service; plan=catalog-search; .* total=[1-9]/);
    expect(await (await fetch(`http://127.0.0.1:${shop}/catalogsearch/result/?q=duffle`)).text()).toContain("Joust Duffle Bag");
    // With the example plans (the catalog, CMS and search on the new side) the minicart's data still comes from Magento, uncached.
    const sections = await fetch(`http://127.0.0.1:${shop}/customer/section/load/?sections=cart`);
    expect(sections.headers.get("content-type")).toMatch(/^application\/json/);
    expect(sections.headers.get("cache-control")).toMatch(/no-store/);

    store.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const port of [shop, sandbox, frontend, purge, ports.search]) expect(await isListening(`http://127.0.0.1:${port}/`), `port ${port} closed`).toBe(false);
  }, 120_000);

  it("without Redis, stops the others and exits non-zero when one of them dies", async () => {
    const { process: store, ports, exited } = await startStore();
    await waitForOutput(store, /Open http:\/\/127\.0\.0\.1:\d+/, 90_000);
    const next = readChildren(store.pid!).find((entry) => /next/.test(entry.command) && !/proxy|sandbox/.test(entry.command));
    expect(next, "the Next child").toBeDefined();
    process.kill(next!.pid, "SIGKILL");
    expect(await exited).toBe(1);
    for (const port of [ports.shop, ports.sandbox, ports.purge]) expect(await isListening(`http://127.0.0.1:${port}/`), `port ${port} closed`).toBe(false);
  }, 120_000);

  it("refuses a bad setting before starting anything, saying what each variable expects", async () => {
    const { process: store, exited } = await startStore({ PORT: "eighty", REDIS_URL: "http://redis" });
    let errors = "";
    store.stderr!.on("data", (chunk: Buffer) => { errors += chunk.toString(); });
    expect(await exited).toBe(78);
    expect(errors.trim().split("\n")).toEqual([
      "npm start: PORT must be a port number from 1 to 65535",
      "npm start: REDIS_URL must be a redis:// or rediss:// URL",
    ]);
  });
});
