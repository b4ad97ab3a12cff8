import { describe, expect, it } from "vitest";
import { MagentoShapeError } from "../../src/errors.ts";
import { reshapeCart } from "../../src/magento/reshape-cart.ts";
import { collectCategoryIds, reshapeCategoryTree } from "../../src/magento/reshape-category.ts";
import { reshapeCmsPage, reshapeRoute, reshapeStoreConfig } from "../../src/magento/reshape-content.ts";
import { reshapeCustomer, reshapeOrders } from "../../src/magento/reshape-customer.ts";
import { reshapeListing } from "../../src/magento/reshape-listing.ts";
import { loadFixture, withPath } from "../support/fixtures.ts";
import type { AdapterError } from "../../src/errors.ts";

describe("reshapeListing", () => {
  const raw = () => loadFixture<{ data: { products: object } }>("listing-bags").data.products;

  it("keeps good items, drops the one without a price and reports it", () => {
    const dropped: AdapterError[] = [];
    const listing = reshapeListing(raw(), { page: 1, pageSize: 2 }, (error) => dropped.push(error));
    expect(listing.items.map((item) => item.sku)).toEqual(["24-MB01"]);
    expect(listing.items[0]?.url).toBe("/joust-duffle-bag.html");
    expect(dropped.map((error) => error.message)).toEqual([
      "Unexpected Magento answer for product summary at price_range.minimum_price: Invalid input: expected object, received null",
    ]);
    expect(listing).toMatchObject({ total: 14, page: 1, pageSize: 2, pages: 7, defaultSort: "position" });
    expect(listing.facets).toEqual([
      { code: "price", label: "Price", options: [{ value: "20_30", label: "20-30", count: 3 }, { value: "30_40", label: "30-40", count: 6 }] },
      { code: "activity", label: "Activity", options: [{ value: "8", label: "Gym", count: 5 }] },
    ]);
    expect(listing.sortOptions.map((option) => option.value)).toEqual(["position", "name", "price"]);
  });

  it("computes pages when page_info is missing", () => {
    const listing = reshapeListing(withPath(raw(), "page_info", null), { page: 3, pageSize: 5 }, () => {});
    expect(listing).toMatchObject({ page: 3, pageSize: 5, pages: 3 });
  });

  it.each([
    ["total_count missing", "total_count", undefined, "at total_count"],
    ["total_count not a number", "total_count", "many", "at total_count"],
  ])("rejects a listing with %s", (_name, path, value, where) => {
    expect(() => reshapeListing(withPath(raw(), path, value), { page: 1, pageSize: 2 }, () => {})).toThrow(where);
  });
});

describe("reshapeCategoryTree", () => {
  it("reads the root, sorts children by position and defaults nulls", () => {
    const root = reshapeCategoryTree(loadFixture<{ data: { categories: { items: unknown[] } } }>("category-tree").data.categories.items[0]);
    expect(root.children.map((c) => c.name)).toEqual(["Gear", "Women"]);
    const women = root.children[1]!;
    expect(women).toMatchObject({ url: "/women.html", metaTitle: "Women", descriptionHtml: "", productCount: 0 });
    expect(women.children[0]).toMatchObject({ url: "/women/tops-women.html", breadcrumbs: [{ name: "Women", urlPath: "women" }] });
    expect(root.children[0]!.children).toEqual([]);
    expect(collectCategoryIds([root])).toEqual([2, 3, 20, 21]);
  });

  it("rejects a category without uid", () => {
    expect(() => reshapeCategoryTree({ id: 5, name: "X", uid: null })).toThrow(MagentoShapeError);
  });
});

describe("reshapeCart", () => {
  const raw = () => loadFixture<{ data: { cart: object } }>("cart").data.cart;

  it("reshapes simple and configurable lines and totals", () => {
    const cart = reshapeCart(raw());
    expect(cart.items.map((item) => [item.uid, item.sku, item.productSku, item.quantity])).toEqual([
      ["MTE=", "24-MB01", "24-MB01", 2], ["MTI=", "WJ12-XS-Black", "WJ12", 1],
    ]);
    expect(cart.items[1]?.options).toEqual([{ label: "Color", value: "Black" }, { label: "Size", value: "XS" }]);
    expect(cart.totals).toEqual({
      subtotal: { amount: 145, currency: "USD" }, subtotalWithDiscount: { amount: 145, currency: "USD" },
      discounts: [], taxes: [], grandTotal: { amount: 145, currency: "USD" },
    });
    expect(cart.totalQuantity).toBe(3);
    expect(cart.email).toBeUndefined();
  });

  it("rejects a cart without grand total", () => {
    expect(() => reshapeCart(withPath(raw(), "prices.grand_total", null))).toThrow("Unexpected Magento answer for cart at prices.grand_total");
  });
});

describe("content reshapes", () => {
  it("reshapes a route with redirect code and id", () => {
    const route = loadFixture<{ data: { route: object } }>("route-product").data.route;
    expect(reshapeRoute(route, "joust-duffle-bag.html")).toEqual({
      type: "PRODUCT", id: 1, uid: "MQ==", identifier: "joust-duffle-bag", redirectCode: 0, relativeUrl: "joust-duffle-bag.html",
    });
  });

  it.each([
    ["an unknown page type", { type: "BLOG_POST", redirect_code: 0 }, "at type"],
    ["a redirect code Magento never sends", { type: "CMS_PAGE", redirect_code: 307 }, "at redirect_code"],
  ])("rejects a route with %s", (_name, raw, where) => {
    expect(() => reshapeRoute(raw, "x")).toThrow(where);
  });

  it("reshapes a CMS page and falls back to the title for meta title", () => {
    expect(reshapeCmsPage({ identifier: "home", title: "Home Page", content: "<p>Hi</p>", content_heading: null, meta_title: null, url_key: "home" }))
      .toEqual({ identifier: "home", title: "Home Page", contentHeading: "", contentHtml: "<p>Hi</p>", metaTitle: "Home Page", metaDescription: "", metaKeywords: "", url: "/home" });
  });

  it("reshapes store config with defaults for missing suffixes", () => {
    const config = reshapeStoreConfig({ store_code: "default", base_currency_code: "USD", product_url_suffix: null, grid_per_page: "12" });
    expect(config).toMatchObject({ storeCode: "default", baseCurrency: "USD", defaultDisplayCurrency: "USD", productUrlSuffix: ".html", gridPerPage: 12, locale: "en_US" });
  });

  it("reshapes a customer and an order page", () => {
    expect(reshapeCustomer({ email: "roni_cost@example.com", firstname: "Veronica", lastname: "Costello", addresses: [null, { city: "Calder", street: ["6146 Honey Bluff Parkway", null], region: { region: "Michigan" }, default_billing: true }] }))
      .toEqual({ email: "roni_cost@example.com", firstName: "Veronica", lastName: "Costello", isSubscribed: false, groupId: undefined, addresses: [{
        firstName: "", lastName: "", street: ["6146 Honey Bluff Parkway"], city: "Calder", region: "Michigan", postcode: "", countryCode: "", telephone: "", isDefaultBilling: true, isDefaultShipping: false,
      }] });
    const money = (value: number) => ({ value, currency: "USD" });
    const page = reshapeOrders({ total_count: 1, page_info: null, items: [{ id: "MQ==", number: "000000001", order_date: "2026-11-01 10:00:00", status: "Pending",
      items: [{ product_sku: "24-MB01", product_name: "Joust Duffle Bag", quantity_ordered: 1, product_sale_price: money(34) }],
      total: { grand_total: money(39), subtotal: money(34), total_shipping: money(5) } }] }, { page: 1, pageSize: 20 });
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20, pages: 1 });
    expect(page.items[0]).toMatchObject({ number: "000000001", grandTotal: { amount: 39, currency: "USD" }, shipping: { amount: 5, currency: "USD" } });
  });
});

describe("odd data across reshapes", () => {
  const money = (value: unknown, currency: unknown = "USD") => ({ value, currency });
  const order = { id: "MQ==", number: "1", items: [], total: { grand_total: money(1), subtotal: money(1), total_shipping: money(0) } };
  const cart = () => loadFixture<{ data: { cart: object } }>("cart").data.cart;

  it.each([
    ["a CMS page without identifier", () => reshapeCmsPage({ identifier: null, title: "x" }), "Unexpected Magento answer for CMS page at identifier"],
    ["store config without base currency", () => reshapeStoreConfig({ store_code: "default", base_currency_code: null }), "Unexpected Magento answer for store config at base_currency_code"],
    ["a customer without email", () => reshapeCustomer({ email: null }), "Unexpected Magento answer for customer at email"],
    ["an order total that is not a number", () => reshapeOrders({ items: [{ ...order, total: { ...order.total, grand_total: money("12,50") } }] }, { page: 1, pageSize: 1 }), "at items.0.total.grand_total.value"],
    ["an order without currency", () => reshapeOrders({ items: [{ ...order, total: { ...order.total, subtotal: money(1, null) } }] }, { page: 1, pageSize: 1 }), "at items.0.total.subtotal.currency"],
    ["orders with items null", () => reshapeOrders({ items: null }, { page: 1, pageSize: 1 }), "Unexpected Magento answer for customer orders at items"],
    ["a cart line with a quantity that is not a number", () => reshapeCart(withPath(cart(), "items.0.quantity", "two")), "at items.0.quantity"],
    ["a cart line without product", () => reshapeCart(withPath(cart(), "items.1.product", null)), "at items.1.product"],
  ])("rejects %s with MagentoShapeError", (_name, run, message) => {
    expect(run).toThrow(MagentoShapeError);
    expect(run).toThrow(message);
  });

  it.each([
    ["null cart lines are skipped", () => reshapeCart(withPath(cart(), "items", [null])).items, []],
    ["a cart without total_quantity sums its lines", () => reshapeCart(withPath(cart(), "total_quantity", null)).totalQuantity, 3],
    ["a numeric-string order quantity is read as a number", () => reshapeOrders({ items: [{ ...order, items: [{ product_sku: "a", quantity_ordered: "2", product_sale_price: money(1) }] }] }, { page: 1, pageSize: 1 }).items[0]?.items[0]?.quantityOrdered, 2],
    ["a store config without grid size defaults to 12", () => reshapeStoreConfig({ store_code: "default", base_currency_code: "USD" }).gridPerPage, 12],
    ["a category tree node with null children has none", () => reshapeCategoryTree({ id: 3, uid: "Mw==", name: "Gear", children: null }).children, []],
  ])("accepts odd data: %s", (_name, run, expected) => {
    expect(run()).toEqual(expected);
  });
});
