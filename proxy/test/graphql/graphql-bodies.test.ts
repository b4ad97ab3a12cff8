// GraphQL bodies read before the decision, over raw sockets: a chunked body is read up to the bound and
// then sent on as it came; past the bound it streams to the fallback whole; a body too slow ends with 408
// and one that is cut reaches no upstream. The body is read once, never twice.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { sendRaw } from "../support/raw-request.ts";
import { startUpstream } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let legacy: TestUpstream;
let search: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;

beforeAll(async () => {
  legacy = await startUpstream("legacy");
  search = await startUpstream("search");
  plans = await createPlansDir({ "search.yaml": planYaml("catalog-search", "  - graphql: { rootFields: [products], argument: search }", "", "search") });
  proxy = await startTestProxy({
    legacy: legacy.url, plansDir: plans.dir,
    env: { UPSTREAM_SEARCH_URL: search.url, REQUEST_BUFFER_BYTES: "4096", REQUEST_BODY_MIN_RATE: "1000", REQUEST_BODY_RATE_WINDOW_MS: "300" },
  });
});
afterAll(async () => {
  await proxy.close();
  await Promise.all([legacy.close(), search.close(), plans.remove()]);
});

const QUERY = '{"query":"{ products(search: \\"bag\\") { total_count } }"}';

function chunked(body: string, size: number): string {
  let out = "";
  for (let i = 0; i < body.length; i += size) {
    const chunk = body.slice(i, i + size);
    out += `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

const head = (extra = "Transfer-Encoding: chunked") =>
  `POST /graphql HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/json\r\nX-Strangler-Debug: ${ADMIN_TOKEN}\r\nConnection: close\r\n${extra}\r\n\r\n`;

function counts() {
  return { legacy: legacy.received.length, search: search.received.length };
}

describe("GraphQL bodies", () => {
  it("reads a chunked body and sends it on as it came", async () => {
    const before = counts();
    const { raw } = await sendRaw(proxy.shopUrl, head() + chunked(QUERY, 7), 300);
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain("reason=rollout");
    expect(counts()).toEqual({ legacy: before.legacy, search: before.search + 1 });
    expect(search.received.at(-1)!.body).toBe(QUERY);
  });

  it("streams a chunked body past the bound to the fallback, whole", async () => {
    const body = JSON.stringify({ query: `{ products(search: "bag") { total_count } }\n#${"y".repeat(10_000)}` });
    const before = counts();
    const { raw } = await sendRaw(proxy.shopUrl, head() + chunked(body, 1000), 300);
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain("reason=graphql-unreadable");
    expect(counts()).toEqual({ legacy: before.legacy + 1, search: before.search });
    expect(legacy.received.at(-1)!.body).toBe(body);
  });

  it("ends a body that arrives too slowly with 408, no upstream reached", async () => {
    const before = counts();
    const { raw } = await sendRaw(proxy.shopUrl, `${head(`Content-Length: ${QUERY.length}`)}{"qu`, 1_500);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(counts()).toEqual(before);
  });

  it("reaches no upstream when the shopper leaves mid-body", async () => {
    const before = counts();
    const { port } = new URL(proxy.shopUrl);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(`${head(`Content-Length: ${QUERY.length}`)}{"query":`);
        socket.once("data", () => {}); // nothing comes back before the body ends
        setImmediate(() => { socket.destroy(); resolve(); });
      });
    });
    // The access line of the abandoned request: never decided, so nothing was sent anywhere.
    let newest: { reason?: string; path?: string } | undefined;
    for (let tries = 0; tries < 50 && newest?.reason !== "undecided"; tries++) {
      const { decisions } = await (await fetch(`${proxy.adminUrl}/decisions?limit=1`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { decisions: Array<typeof newest> };
      newest = decisions[0];
      if (newest?.reason !== "undecided") await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(newest).toMatchObject({ path: "/graphql", reason: "undecided" });
    expect(counts()).toEqual(before);
  });
});
