import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProductDetails } from "../../components/product/product-details.tsx";
import { buildAddToCartForm, decodeOptionUid, encodeReturnUrl } from "../../lib/add-to-cart.ts";
import { makeBundle, makeConfigurable, makePrice, makeProduct } from "../support/products.ts";
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

  it("shows $0.00 when Magento's price is 0, as Luma does", () => {
    const html = render(makeProduct({ price: { min: makePrice(0), max: makePrice(0) } }));
    expect(html).toContain('data-price-amount="0" data-price-type="finalPrice"><span class="price">$0.00</span>');
    expect(html).toContain('"price":"0.00"');
  });

  it("offers no add-to-cart when out of stock (Luma's addtocart.phtml needs a saleable product)", () => {
    const html = render(makeProduct({ stockStatus: "OUT_OF_STOCK" }));
    expect(html).toContain("Out of stock");
    expect(html).not.toContain("product_addtocart_form");
    expect(html).not.toContain("product-addtocart-button");
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

  it("renders a bundle's option pickers as Magento's form posts them", () => {
    const html = render(makeBundle());
    expect(html).toContain('id="product-addtocart-button"');
    expect(html).toContain('<select id="bundle-option-1" name="bundle_option[1]" class="bundle-option-1 product bundle option bundle-option-select" required=""><option value="" selected="">Choose a selection...</option><option value="2">Sprite Yoga Strap 6 foot +$14.00</option><option value="3">Sprite Yoga Strap 8 foot +$17.00</option></select>');
    expect(html).toContain('<input type="checkbox" class="bundle-option-4 checkbox product bundle option" id="bundle-option-4-5" name="bundle_option[4][]" value="5"/>');
    expect(html).toContain('<input type="hidden" name="bundle_option_qty[1]" value="1"/>');
  });

  it("sends a bundle whose uids are not Magento's shape to Magento's own page", () => {
    const product = makeBundle();
    product.bundleOptions[0]!.choices[0]!.uid = Buffer.from("bundle/9/2/1").toString("base64");
    const html = render(product);
    expect(html).not.toContain("product_addtocart_form");
    expect(html).toContain('href="/catalog/product/view/id/1"');
  });

  it("renders a grouped product's items with their own quantities and hides the product's qty", () => {
    const html = render(makeProduct({ type: "GROUPED", groupedItems: [
      { id: 33, sku: "24-WG085", name: "Sprite Yoga Strap 6 foot", quantity: 0, price: { min: makePrice(14), max: makePrice(14) }, stockStatus: "IN_STOCK" },
      { id: 34, sku: "24-WG086", name: "Sprite Yoga Strap 8 foot", quantity: 2, price: { min: makePrice(17), max: makePrice(17) }, stockStatus: "OUT_OF_STOCK" },
    ] }));
    expect(html).toContain('id="super-product-table"');
    expect(html).toContain('<input type="number" min="0" title="Qty" class="input-text qty" name="super_group[33]" value="0"/>');
    expect(html).not.toContain("super_group[34]");
    expect(html).toContain('<div class="field qty" hidden="">');
    expect(html).toContain('id="product-addtocart-button"');
  });

  it("renders a downloadable product's links when they are sold separately", () => {
    const uid = (id: number) => Buffer.from(`downloadable/${id}`).toString("base64");
    const links = [{ uid: uid(7), title: "Episode 1", price: 5 }, { uid: uid(8), title: "Episode 2", price: 6 }];
    const together = render(makeProduct({ type: "DOWNLOADABLE", downloadable: { linksTitle: "Downloads", linksPurchasedSeparately: false, links } }));
    expect(together).toContain('id="product-addtocart-button"');
    expect(together).not.toContain('name="links[]"');
    const separately = render(makeProduct({ type: "DOWNLOADABLE", downloadable: { linksTitle: "Downloads", linksPurchasedSeparately: true, links } }));
    expect(separately).toContain('<input type="checkbox" class="checkbox" id="links_8" name="links[]" value="8"/>');
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
