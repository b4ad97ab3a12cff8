import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProductDetails } from "../../components/product/product-details.tsx";
import { buildAddToCartForm, decodeOptionUid, encodeReturnUrl } from "../../lib/add-to-cart.ts";
import { makeConfigurable, makePrice, makeProduct } from "../support/products.ts";
import type { Product } from "@strangler/adapters";

const render = (product: Product) => renderToStaticMarkup(createElement(ProductDetails, { product, publicUrl: "https://shop.example" }));

describe("ProductDetails with odd data", () => {
  it("renders price, stock and Magento's add-to-cart form for a plain product", () => {
    const html = render(makeProduct());
    expect(html).toContain('<span class="price">$34.00</span>');
    expect(html).toContain("In stock");
    expect(html).toContain(`action="/checkout/cart/add/uenc/${encodeReturnUrl("https://shop.example/joust-duffle-bag.html")}/product/1/"`);
    expect(html).toContain('name="form_key"');
    expect(html).toContain('src="/media/catalog/product/m/b/mb01-blue-0.jpg"');
  });

  it("shows a special price over the struck regular price", () => {
    const html = render(makeProduct({ price: { min: makePrice(29, 34), max: makePrice(29, 34) }, specialPrice: { amount: 29, currency: "USD" } }));
    expect(html).toMatch(/special-price.*Special Price.*\$29\.00.*old-price.*Regular Price.*\$34\.00/s);
  });

  it("renders the placeholder when the product has no image", () => {
    const html = render(makeProduct({ media: [] }));
    expect(html).toContain('src="data:image/svg+xml;utf8,');
    expect(html).toContain('alt="Joust Duffle Bag"');
  });

  it("renders no price box when Magento has no price", () => {
    const html = render(makeProduct({ price: { min: makePrice(0), max: makePrice(0) } }));
    expect(html).not.toContain("price-box");
    expect(html).not.toContain('"offers"');
  });

  it("replaces add-to-cart with a message when out of stock", () => {
    const html = render(makeProduct({ stockStatus: "OUT_OF_STOCK" }));
    expect(html).toContain("Out of stock");
    expect(html).toContain("This product is out of stock.");
    expect(html).not.toContain("product_addtocart_form");
  });

  it("labels a configurable product's price As low as, like Luma", () => {
    expect(render(makeConfigurable(2, 2))).toMatch(/<span class="price-label">As low as<\/span>.*\$34\.00/s);
    expect(render(makeProduct())).not.toContain("As low as");
  });

  it("renders option pickers, not variants, for thousands of variants", () => {
    const product = makeConfigurable(60, 50);
    expect(product.variants).toHaveLength(3000);
    const html = render(product);
    expect(html.match(/<option /g)).toHaveLength(60 + 50 + 2);
    expect(html).toContain('name="super_attribute[144]"');
    expect(html).toContain('<option value="1059">S59</option>');
    expect(html).not.toContain("V-S1-C1");
    expect(html.length).toBeLessThan(30_000);
  });

  it("escapes names and drops scripts from descriptions", () => {
    const html = render(makeProduct({ name: '<img src=x onerror="alert(1)">', descriptionHtml: '<p>ok</p><script>alert(1)</script>' }));
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("<p>ok</p>");
  });

  it("sends bundles to Magento's own page for their option form", () => {
    const html = render(makeProduct({ type: "BUNDLE" }));
    expect(html).not.toContain("product_addtocart_form");
    expect(html).toContain('href="/catalog/product/view/id/1"');
  });
});

describe("buildAddToCartForm", () => {
  it("decodes Magento option uids into super_attribute ids", () => {
    expect(decodeOptionUid(Buffer.from("configurable/93/49").toString("base64"))).toEqual({ attributeId: 93, valueIndex: 49 });
    expect(decodeOptionUid("not base64!")).toBeUndefined();
    const form = buildAddToCartForm(makeConfigurable(2, 1), "https://shop.example");
    expect(form.pickers.map((picker) => [picker.attributeId, picker.values.map((value) => value.valueIndex)])).toEqual([[144, [1000, 1001]], [93, [2000]]]);
    expect(form.complete).toBe(true);
  });

  it("rejects option values whose uid is not Magento's configurable shape", () => {
    const product = makeConfigurable(1, 1);
    product.options[0]!.values[0]!.uid = "Zm9v";
    expect(buildAddToCartForm(product, "https://shop.example").complete).toBe(false);
  });
});
