/** A second store view (`fr`) in the same website, as Magento 2.4 answers for it through the `Store` header. */
import { describe, expect, it } from "vitest";
import { startSandbox } from "../../src/index.ts";
import { createGraphQlClient } from "../support/graphql-client.ts";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox({ storeUrls: { fr: "http://fr.shop.test/" } });
const { gql } = sandbox;

const STORE_CONFIG = `{ storeConfig { id store_code store_name is_default_store website_code locale default_title
  base_currency_code default_display_currency_code base_url secure_base_media_url root_category_uid } }`;
const PRICE = `{ products(filter: { sku: { eq: "24-MB01" } }) { items { sku
  price_range { minimum_price { regular_price { value currency } final_price { value currency } } }
  price { regularPrice { amount { value currency } } } } } }`;
const ROUTE = `query ($url: String!) { route(url: $url) { relative_url type ... on ProductInterface { sku } } }`;

type PriceAnswer = { products: { items: { price_range: { minimum_price: { final_price: { value: number; currency: string } } } }[] } };

describe("the fr store view", () => {
  it("answers storeConfig with its own code, name, base URLs and display currency", async () => {
    const { body } = await gql.get(STORE_CONFIG, { headers: { Store: "fr" } });
    expect(body).toEqual({ data: { storeConfig: {
      id: 2, store_code: "fr", store_name: "French Store View", is_default_store: false, website_code: "base", locale: "fr_FR",
      default_title: "Magento Commerce FR", base_currency_code: "USD", default_display_currency_code: "EUR",
      base_url: "http://fr.shop.test/", secure_base_media_url: "http://fr.shop.test/media/", root_category_uid: "Mg==",
    } } });
  });

  it("keeps the default store as it was", async () => {
    const { body } = await gql.get(STORE_CONFIG);
    expect(body.data).toMatchObject({ storeConfig: {
      id: 1, store_code: "default", store_name: "Default Store View", default_display_currency_code: "USD", base_url: `${sandbox.url}/`,
    } });
  });

  it("prices the shared catalog in EUR at the fixed rate, or in USD when Content-Currency asks", async () => {
    const fr = await gql.get(PRICE, { headers: { Store: "fr" } });
    expect(fr.body.data).toEqual({ products: { items: [{
      sku: "24-MB01",
      price_range: { minimum_price: { regular_price: { value: 30.6, currency: "EUR" }, final_price: { value: 30.6, currency: "EUR" } } },
      price: { regularPrice: { amount: { value: 30.6, currency: "EUR" } } },
    }] } });
    const usd = await gql.get<PriceAnswer>(PRICE, { headers: { Store: "fr", "Content-Currency": "usd" } });
    expect(usd.body.data!.products.items[0]!.price_range.minimum_price.final_price).toEqual({ value: 34, currency: "USD" });
    const gbp = await gql.get(PRICE, { headers: { Store: "fr", "Content-Currency": "GBP" } });
    expect(gbp.body.errors?.[0]).toMatchObject({ message: "Please correct the target currency", extensions: { category: "graphql-input" } });
  });

  it("varies the cache id by store and currency, as X-Magento-Cache-Id does", async () => {
    const variants: Record<string, string>[] = [{}, { Store: "fr" }, { Store: "fr", "Content-Currency": "USD" }];
    const ids = await Promise.all(variants
      .map(async (headers) => (await gql.get(PRICE, { headers })).headers.get("x-magento-cache-id")));
    expect(new Set(ids).size).toBe(3);
  });

  it("resolves route on the shared catalog's URLs", async () => {
    const { body } = await gql.get(ROUTE, { variables: { url: "joust-duffle-bag.html" }, headers: { Store: "fr" } });
    expect(body.data).toEqual({ route: { relative_url: "joust-duffle-bag.html", type: "PRODUCT", sku: "24-MB01" } });
  });

  it("names its currencies in the currency query", async () => {
    const { body } = await gql.get(`{ currency { default_display_currency_code default_display_currency_symbol available_currency_codes exchange_rates { currency_to rate } } }`, { headers: { Store: "fr" } });
    expect(body.data).toEqual({ currency: {
      default_display_currency_code: "EUR", default_display_currency_symbol: "€", available_currency_codes: ["EUR", "USD"],
      exchange_rates: [{ currency_to: "EUR", rate: 0.9 }, { currency_to: "USD", rate: 1 }],
    } });
  });

  it("derives its base URL from the default one when none is configured", async () => {
    const other = await startSandbox();
    try {
      const { body } = await createGraphQlClient(other.url).get("{ storeConfig { base_url } }", { headers: { Store: "fr" } });
      expect(body).toEqual({ data: { storeConfig: { base_url: `${other.url}/fr/` } } });
    } finally {
      await other.close();
    }
  });
});
