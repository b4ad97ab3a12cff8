// Every cached read against the sandbox: a repeat in the same scope is served from the cache, while a
// different currency or customer group is its own entry (Magento prices and shows by them), counted by
// the calls that really reach Magento. Store codes are covered over nock in areas.test.ts (the sandbox
// has one store view).
import { startSandbox } from "@strangler/magento-sandbox";
import type { RunningSandbox } from "@strangler/magento-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters } from "../../src/index.ts";
import type { Adapters, RequestContext } from "../../src/index.ts";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());

const reads: [string, (adapters: Adapters, ctx: RequestContext) => Promise<unknown>][] = [
  ["getProductByUrlKey", (a, ctx) => a.getProductByUrlKey("joust-duffle-bag", ctx)],
  ["getProductBySku", (a, ctx) => a.getProductBySku("WJ12", ctx)],
  ["getCategoryTree", (a, ctx) => a.getCategoryTree(ctx)],
  ["getCategoryByUrlPath", (a, ctx) => a.getCategoryByUrlPath("gear/bags", ctx)],
  ["listProducts", (a, ctx) => a.listProducts({ categoryUid: "NA==", pageSize: 5 }, ctx)],
  ["searchProducts", (a, ctx) => a.searchProducts({ text: "duffle" }, ctx)],
  ["getCmsPage", (a, ctx) => a.getCmsPage("about-us", ctx)],
  ["getCmsBlocks", (a, ctx) => a.getCmsBlocks(["footer_links_block"], ctx)],
  ["resolveUrl", (a, ctx) => a.resolveUrl("/joust-duffle-bag.html", ctx)],
  ["getStoreConfig", (a, ctx) => a.getStoreConfig(ctx)],
];

describe("cache scope of every cached read (sandbox)", () => {
  it.each(reads)("%s: cached per currency and customer group", async (_name, read) => {
    let calls = 0;
    const adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: () => void (calls += 1) });
    const callsFor = async (ctx: RequestContext) => {
      const before = calls;
      await read(adapters, ctx);
      return calls - before;
    };
    const scopes: RequestContext[] = [{}, {}, { currency: "USD" }, { currency: "USD" }, { customerGroup: "1" }, { customerGroup: "1" }, { currency: "USD", customerGroup: "1" }, {}];
    const counts: number[] = [];
    for (const ctx of scopes) counts.push(await callsFor(ctx));
    expect(counts).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    await adapters.close();
  });

  it("reads through to Magento every time without a cache (the counts are real)", async () => {
    let calls = 0;
    const adapters = createAdapters({ magentoUrl: sandbox.url, cache: false, onMagentoCall: () => void (calls += 1) });
    for (const [, read] of reads) await read(adapters, {});
    for (const [, read] of reads) await read(adapters, {});
    expect(calls).toBe(reads.length * 2);
  });

  it("never caches cart, customer or orders: every repeat in the same scope reaches Magento", async () => {
    let calls = 0;
    const adapters = createAdapters({ magentoUrl: sandbox.url, onMagentoCall: () => void (calls += 1) });
    const { token } = await adapters.signIn("roni_cost@example.com", "Test1234!");
    const ctx = { customerToken: token, customerGroup: "1" };
    const cartId = await adapters.createGuestCart();
    const privateReads: (() => Promise<unknown>)[] = [
      () => adapters.getCart(cartId),
      () => adapters.getCartTotals(cartId),
      () => adapters.getCustomerCart(ctx),
      () => adapters.getCustomer(ctx),
      () => adapters.getOrders(ctx),
    ];
    const counts: number[] = [];
    for (const read of [...privateReads, ...privateReads]) {
      const before = calls;
      await read();
      counts.push(calls - before);
    }
    expect(counts).toEqual(Array.from({ length: privateReads.length * 2 }, () => 1));
    await adapters.close();
  });
});
