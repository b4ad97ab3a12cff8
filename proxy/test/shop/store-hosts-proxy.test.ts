// Through a real proxy in front of the Magento sandbox (two store views, default and fr): STORE_HOSTS maps
// the Host to a store, plans match `store: fr`, page types resolve on the fr host and on /fr/ paths, and
// the new side is told the store by a `Store` header, which legacy (behind a recording relay) never gets.
import { request } from "node:http";
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningProxy } from "../../src/index.ts";
import { ADMIN_TOKEN, createPlansDir, planYaml, startTestProxy } from "../support/proxy.ts";
import type { PlansDir } from "../support/proxy.ts";
import { startRecordingRelay } from "../support/recording-relay.ts";
import type { RecordingRelay } from "../support/recording-relay.ts";
import { startUpstream, textHandler } from "../support/upstream.ts";
import type { TestUpstream } from "../support/upstream.ts";

let sandbox: RunningSandbox;
let legacy: RecordingRelay;
let next: TestUpstream;
let plans: PlansDir;
let proxy: RunningProxy;
let split: RunningProxy;

beforeAll(async () => {
  sandbox = await startSandbox();
  next = await startUpstream("new");
  legacy = await startRecordingRelay(sandbox.url);
  plans = await createPlansDir({ "fr.yaml": planYaml("fr-products", "  - pageType: PRODUCT\n    store: fr") });
  const env = { STORE_CODES: "default,fr", STORE_HOSTS: "fr.shop.test=fr, Shop.Test=default" };
  proxy = await startTestProxy({ legacy: legacy.url, newFrontend: next.url, plansDir: plans.dir, env });
  split = await startTestProxy({
    legacy: sandbox.url, newFrontend: next.url, plansDir: plans.dir, env: { ...env, STORE_HOSTS: "fr.shop.test=fr@europe,shop.test=default" },
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([proxy?.close(), split?.close()]);
  await Promise.all([next?.close(), legacy?.close(), plans?.remove()]);
  await sandbox?.close();
});

interface Answer { decision: string; body: string; store: string | undefined }

function get(base: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const before = next.received.length;
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { "x-strangler-debug": ADMIN_TOKEN, ...headers } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => { body += chunk.toString(); });
      res.on("end", () => resolve({
        decision: String(res.headers["x-strangler-decision"]), body, store: next.received.slice(before)[0]?.headers.store as string | undefined,
      }));
    });
    req.on("error", reject);
    req.end();
  });
}

const TO_FR_PLAN = "target=new-frontend; plan=fr-products; route=fr-products#0; reason=rollout";

describe("store views by Host", () => {
  it("sends a product on the fr host to the new side, with Store: fr", async () => {
    const answer = await get(proxy.shopUrl, "/joust-duffle-bag.html", { host: "FR.shop.test:8443" });
    expect(answer).toEqual({ decision: TO_FR_PLAN, body: "new GET /joust-duffle-bag.html", store: "fr" });
  });

  it("keeps the same product on the default host on legacy", async () => {
    const answer = await get(proxy.shopUrl, "/joust-duffle-bag.html", { host: "shop.test" });
    expect(answer.decision).toBe("target=legacy; plan=-; route=-; reason=no-route");
    expect(answer.body).toContain("Joust Duffle Bag");
  });

  it("resolves the page type on a /fr/ prefixed path on the default host, whatever the store cookie says", async () => {
    const answer = await get(proxy.shopUrl, "/fr/joust-duffle-bag.html", { host: "shop.test", cookie: "store=default" });
    expect(answer).toEqual({ decision: TO_FR_PLAN, body: "new GET /fr/joust-duffle-bag.html", store: undefined });
  });

  it("keeps a /default/ prefixed path in default, whatever the store cookie says", async () => {
    const answer = await get(proxy.shopUrl, "/default/joust-duffle-bag.html", { host: "fr.shop.test", cookie: "store=fr" });
    expect(answer.decision).toBe("target=legacy; plan=-; route=-; reason=no-route");
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    ["a Store header", { host: "shop.test", store: "fr" }, "fr"],
    ["a store cookie within the host's website", { host: "shop.test", cookie: "store=fr" }, undefined],
  ])("accepts %s choosing fr over the host's default", async (_name, headers, store) => {
    const answer = await get(proxy.shopUrl, "/joust-duffle-bag.html", headers);
    expect(answer).toEqual({ decision: TO_FR_PLAN, body: "new GET /joust-duffle-bag.html", store });
  });

  it("lets the store cookie switch the fr host back to default in the same website", async () => {
    const answer = await get(proxy.shopUrl, "/joust-duffle-bag.html", { host: "fr.shop.test", cookie: "store=default" });
    expect(answer.decision).toBe("target=legacy; plan=-; route=-; reason=no-route");
  });

  it("ignores a store cookie from another website, as Magento's StoreResolver does", async () => {
    const answer = await get(split.shopUrl, "/joust-duffle-bag.html", { host: "fr.shop.test", cookie: "store=default" });
    expect(answer).toEqual({ decision: TO_FR_PLAN, body: "new GET /joust-duffle-bag.html", store: "fr" });
  });

  it("keeps a host STORE_HOSTS does not name on the first store code", async () => {
    const answer = await get(proxy.shopUrl, "/joust-duffle-bag.html", { host: "other.test" });
    expect(answer.decision).toBe("target=legacy; plan=-; route=-; reason=no-route");
  });
});

describe("the Store header a Host chose reaches the new side only", () => {
  async function toLegacy(path: string, headers: Record<string, string>) {
    const before = legacy.received.length;
    const answer = await get(proxy.shopUrl, path, headers);
    // The proxy's own page-type lookups (GraphQL `route`, which names the store) are not the shopper's request.
    const seen = legacy.received.slice(before).filter((request) => !request.url.startsWith("/graphql"));
    return { decision: answer.decision, legacyCalls: seen.length, legacyStore: seen.map((request) => request.headers.store) };
  }

  it("sends a page no plan takes on the fr host to legacy without a Store header", async () => {
    const answer = await toLegacy("/gear.html", { host: "fr.shop.test" });
    expect(answer.decision).toMatch(/^target=legacy; /);
    expect(answer).toMatchObject({ legacyCalls: 1, legacyStore: [undefined] });
  });

  it("replays to legacy without it when the new side fails, though the new side got it", async () => {
    next.handle((_req, res) => { res.writeHead(502); res.end(); });
    const newBefore = next.received.length;
    try {
      const answer = await toLegacy("/joust-duffle-bag.html", { host: "fr.shop.test" });
      expect(answer.decision).toMatch(/^target=legacy; plan=fr-products; .*reason=fallback/);
      expect(next.received.slice(newBefore).map((request) => request.headers.store)).toEqual(["fr"]);
      expect(answer).toMatchObject({ legacyCalls: 1, legacyStore: [undefined] });
    } finally {
      next.handle(textHandler("new"));
    }
  });

  it("passes a Store header the shopper sent to legacy as it came", async () => {
    const answer = await toLegacy("/gear.html", { host: "fr.shop.test", store: "default" });
    expect(answer).toMatchObject({ legacyCalls: 1, legacyStore: ["default"] });
  });
});
