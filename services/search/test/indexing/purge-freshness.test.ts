// Freshness through the real purge chain, on two replicas per engine: a product saved in Magento
// (the sandbox's REST admin API) shows in every replica's answers within 5 s. The Orama replicas
// each hold an index of their own; the PostgreSQL replicas share one (the second adopts it at start,
// reading nothing from Magento). The measured delays are printed.
import { startSandbox, type RunningSandbox } from "@strangler/magento-sandbox";
import { createRestClient } from "@strangler/magento-sandbox/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisUrl, uniqueChannel, uniqueSchema } from "../support/environment.ts";
import { startPurgeChain, type PurgeChain } from "../support/purge-chain.ts";
import { ENGINES, startService, type EngineName, type RunningService } from "../support/search-fixture.ts";

const DEADLINE_MS = 5000;
const channel = uniqueChannel("freshness");
let sandbox: RunningSandbox;
let chain: PurgeChain;
let adminToken: string;
const replicas = new Map<EngineName, RunningService[]>();
let adoptingReplicaCalls = 0;
let callsOfAdoptingStart = -1;
let rest: ReturnType<typeof createRestClient>;

beforeAll(async () => {
  sandbox = await startSandbox();
  chain = await startPurgeChain(sandbox, redisUrl, channel);
  const purge = { redisUrl, channel };
  const schema = uniqueSchema("fresh");
  const [orama1, orama2, postgres1] = await Promise.all([
    startService({ magentoUrl: sandbox.url, engine: "orama", purge }),
    startService({ magentoUrl: sandbox.url, engine: "orama", purge }),
    startService({ magentoUrl: sandbox.url, engine: "postgres", purge, schema, dropOnClose: false }),
  ]);
  const postgres2 = await startService({ magentoUrl: sandbox.url, engine: "postgres", purge, schema, onMagentoCall: () => void (adoptingReplicaCalls += 1) });
  callsOfAdoptingStart = adoptingReplicaCalls;
  replicas.set("orama", [orama1!, orama2!]).set("postgres", [postgres1!, postgres2]);
  rest = createRestClient(sandbox.url);
  adminToken = await rest<string>("POST", "/rest/V1/integration/admin/token", { body: { username: "admin", password: "admin123" }, schema: { type: "string" } });
});

afterAll(async () => {
  // The replica that owns the schema's drop closes last.
  for (const engine of ENGINES) for (const replica of [...(replicas.get(engine) ?? [])].reverse()) await replica.close();
  await chain?.close();
  await sandbox?.close();
});

async function saveProduct(sku: string, product: Record<string, unknown>): Promise<void> {
  await rest("PUT", `/rest/V1/products/${encodeURIComponent(sku)}`, { token: adminToken, body: { product }, schema: "catalog-data-product-interface" });
}

/** Milliseconds until `seen` holds on the replica's answer, or the deadline passes. */
async function timeUntil(replica: RunningService, query: string, seen: (products: { items: Record<string, unknown>[] }) => boolean, started: number): Promise<number> {
  for (;;) {
    const { body } = await replica.gql.post<{ products: { items: Record<string, unknown>[] } }>(query);
    if (body.data && seen(body.data.products)) return Date.now() - started;
    if (Date.now() - started > DEADLINE_MS) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const priceOf = (item: Record<string, unknown> | undefined) => (item?.price_range as { minimum_price: { final_price: { value: number } } } | undefined)?.minimum_price.final_price.value;

describe.each(ENGINES)("with %s, on two replicas", (engine) => {
  it("shows a price saved in Magento within 5 s", async () => {
    const price = engine === "orama" ? 71.5 : 72.5;
    const started = Date.now();
    await saveProduct("24-MB01", { sku: "24-MB01", price });
    const query = '{ products(search: "Joust Duffle Bag", pageSize: 1) { items { sku price_range { minimum_price { final_price { value } } } } } }';
    const delays = await Promise.all(replicas.get(engine)!.map((r) => timeUntil(r, query, (p) => priceOf(p.items[0]) === price, started)));
    console.log(`${engine}: price change visible after ${delays.map((ms) => `${ms} ms`).join(" and ")}`);
    expect(delays.every((ms) => ms < DEADLINE_MS)).toBe(true);
  });

  it("shows a renamed URL key within 5 s", async () => {
    const urlKey = `overnight-duffle-${engine}`;
    const started = Date.now();
    await saveProduct("24-WB07", { sku: "24-WB07", custom_attributes: [{ attribute_code: "url_key", value: urlKey }] });
    const query = '{ products(filter: { url_key: { eq: "' + urlKey + '" } }) { items { sku url_key } } }';
    const delays = await Promise.all(replicas.get(engine)!.map((r) => timeUntil(r, query, (p) => p.items[0]?.url_key === urlKey, started)));
    console.log(`${engine}: url key change visible after ${delays.map((ms) => `${ms} ms`).join(" and ")}`);
    expect(delays.every((ms) => ms < DEADLINE_MS)).toBe(true);
  });

  it("moves a configurable into the price filter and layered navigation when a variant's price drops", async () => {
    const price = engine === "orama" ? 3 : 4;
    const started = Date.now();
    await saveProduct("MH07-XS-Black", { sku: "MH07-XS-Black", price });
    const query = `{ products(filter: { price: { from: "0", to: "${price}" } }) { items { sku price_range { minimum_price { final_price { value } } } } } }`;
    const delays = await Promise.all(replicas.get(engine)!.map((r) => timeUntil(r, query, (p) => p.items.some((i) => i.sku === "MH07" && priceOf(i) === price), started)));
    expect(delays.every((ms) => ms < DEADLINE_MS)).toBe(true);
  });
});

describe("the second PostgreSQL replica", () => {
  it("adopted the shared index at start, reading nothing from Magento, then refreshed from purges", () => {
    expect(callsOfAdoptingStart).toBe(0);
    expect(adoptingReplicaCalls).toBeGreaterThan(0);
  });
});
