// Who may purge, over real connections: loopback by default (Magento's PURGE carries no credentials),
// an allow-list of addresses and blocks, and an optional shared token from anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, createPurgeHandler, startPurgeServer } from "../../src/index.ts";
import type { Adapters, PurgeHandlerOptions, PurgeServer } from "../../src/index.ts";

const token = "a-purge-token-of-32-characters!!";
const tagPurge = { "X-Magento-Tags-Pattern": "((^|,)cat_p_1(,|$))" };
let adapters: Adapters;
const servers: PurgeServer[] = [];
const revalidated: string[][] = [];

beforeAll(() => {
  // Nothing is read from Magento here: the purges only need a cache to drop from.
  adapters = createAdapters({ magentoUrl: "http://127.0.0.1:9" });
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await adapters.close();
});

async function serve(options: Partial<PurgeHandlerOptions> = {}, host = "127.0.0.1"): Promise<string> {
  const handler = createPurgeHandler({ cache: adapters, onPurged: (tags) => void revalidated.push(tags), ...options });
  const server = await startPurgeServer({ port: 0, host, handler });
  servers.push(server);
  return server.url;
}

async function purge(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: "PURGE", headers: { ...tagPurge, ...headers } });
  return { status: res.status, body: await res.json(), authenticate: res.headers.get("www-authenticate") };
}

const purged = { purged: true, tags: ["cat_p_1"], all: false, dropped: 0 };

describe("purge access, default (loopback, no token)", () => {
  it("accepts Magento's PURGE from 127.0.0.1", async () => {
    expect(await purge(await serve())).toMatchObject({ status: 200, body: purged });
  });

  it("accepts a PURGE from ::1", async () => {
    expect(await purge(await serve({}, "::1"))).toMatchObject({ status: 200, body: purged });
  });

  it("accepts an IPv4 client of a dual-stack listener (::ffff:127.0.0.1)", async () => {
    const url = (await serve({}, "::")).replace("[::]", "127.0.0.1");
    expect(await purge(url)).toMatchObject({ status: 200, body: purged });
  });
});

describe("purge access, allow-list without loopback", () => {
  it("rejects 127.0.0.1 with 403 and purges nothing", async () => {
    const before = revalidated.length;
    const url = await serve({ allowedAddresses: ["10.0.0.0/8"] });
    expect(await purge(url)).toEqual({ status: 403, body: { error: "127.0.0.1 is not in PURGE_ALLOWED_ADDRESSES" }, authenticate: null });
    expect(revalidated.length).toBe(before);
  });

  it("rejects an X-Forwarded-For from the allowed block: only the socket's address counts", async () => {
    const url = await serve({ allowedAddresses: ["10.0.0.0/8"] });
    expect((await purge(url, { "X-Forwarded-For": "10.1.2.3" })).status).toBe(403);
  });
});

describe("purge access with a token", () => {
  let tokenOnly = "";
  beforeAll(async () => {
    tokenOnly = await serve({ allowedAddresses: [], token });
  });

  it.each([
    ["accepts X-Purge-Token", { "X-Purge-Token": token }],
    ["accepts Authorization: Bearer", { Authorization: `Bearer ${token}` }],
  ])("%s from an address that is not listed", async (_name, headers) => {
    expect(await purge(tokenOnly, headers)).toMatchObject({ status: 200, body: purged });
  });

  it.each([
    ["rejects no token", {}, "127.0.0.1 may purge only with X-Purge-Token or Authorization: Bearer <PURGE_TOKEN>"],
    ["rejects a wrong X-Purge-Token", { "X-Purge-Token": `${token}x` }, "the purge token is not valid"],
    ["rejects a wrong bearer token", { Authorization: "Bearer nope" }, "the purge token is not valid"],
  ])("%s with 401", async (_name, headers, error) => {
    const before = revalidated.length;
    expect(await purge(tokenOnly, headers)).toEqual({ status: 401, body: { error }, authenticate: 'Bearer realm="purge"' });
    expect(revalidated.length).toBe(before);
  });

  it("accepts loopback without a token when loopback is also allowed", async () => {
    expect((await purge(await serve({ token }))).status).toBe(200);
  });

  it("rejects a wrong token even from an allowed address", async () => {
    expect(await purge(await serve({ token }), { "X-Purge-Token": "wrong-token-of-some-length" })).toMatchObject({ status: 401, body: { error: "the purge token is not valid" } });
  });

  it("rejects a token sent to an endpoint that has none", async () => {
    expect(await purge(await serve(), { "X-Purge-Token": token })).toMatchObject({ status: 401, body: { error: "the purge token is not valid" } });
  });
});
