// Products with odd data still render a sensible page: the real product route over HTTP, reading a
// doctored Magento whose answers are real sandbox products changed the odd way (no image, no price,
// out of stock, 3000 variants, a hostile name and description). The sample store has none of these.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDoctoredFrontend, type DoctoredFrontend } from "../support/doctored-frontend.ts";
import type { ProductDoctoring } from "../support/doctored-magento.ts";

type Item = Record<string, unknown>;
let frontend: DoctoredFrontend;

const zeroPrice = { value: 0, currency: "USD" };
const noPrice = { regular_price: zeroPrice, final_price: zeroPrice, discount: { amount_off: 0, percent_off: 0 } };
const uid = (attributeId: number, valueIndex: number) => Buffer.from(`configurable/${attributeId}/${valueIndex}`).toString("base64");

/** The hoodie with 60 sizes × 50 colors = 3000 variants. */
function multiplyVariants(item: Item): Item {
  const sizes = Array.from({ length: 60 }, (_, index) => ({ uid: uid(144, 1000 + index), label: `Size ${index}`, swatch_data: null }));
  const colors = Array.from({ length: 50 }, (_, index) => ({ uid: uid(93, 2000 + index), label: `Color ${index}`, swatch_data: null }));
  const [first] = item.variants as { product: Item }[];
  const variants = sizes.flatMap((size, s) => colors.map((color, c) => ({
    attributes: [{ code: "size", label: size.label, uid: size.uid }, { code: "color", label: color.label, uid: color.uid }],
    product: { ...first!.product, id: 100_000 + s * 50 + c, sku: `MH01-V${s}-${c}` },
  })));
  return {
    ...item, variants,
    configurable_options: [
      { attribute_code: "size", label: "Size", position: 0, values: sizes },
      { attribute_code: "color", label: "Color", position: 1, values: colors },
    ],
  };
}

const products: Record<string, ProductDoctoring> = {
  "odd-no-image": { fromUrlKey: "joust-duffle-bag", change: (item) => ({ ...item, media_gallery: [], small_image: null }) },
  "odd-no-price": { fromUrlKey: "joust-duffle-bag", change: (item) => ({ ...item, price_range: { minimum_price: noPrice, maximum_price: noPrice }, special_price: null }) },
  "odd-out-of-stock": { fromUrlKey: "joust-duffle-bag", change: (item) => ({ ...item, stock_status: "OUT_OF_STOCK" }) },
  "odd-many-variants": { fromUrlKey: "chaz-kangeroo-hoodie", change: multiplyVariants },
  "odd-hostile": {
    fromUrlKey: "joust-duffle-bag",
    change: (item) => ({ ...item, name: '<img src=x onerror="alert(1)"></script>', description: { html: '<p>ok</p><script>alert(2)</script><a href="javascript:alert(3)" onclick="alert(4)">x</a>' } }),
  },
};

const routeOf = (urlKey: string) => ({ __typename: "SimpleProduct", type: "PRODUCT", redirect_code: 0, relative_url: `${urlKey}.html`, id: 1, uid: "MQ==", url_key: urlKey });

beforeAll(async () => {
  const routes = Object.fromEntries(Object.keys(products).map((urlKey) => [`${urlKey}.html`, routeOf(urlKey)]));
  frontend = await startDoctoredFrontend({ routes, products }, "http://shop.example");
}, 120_000);

afterAll(async () => {
  await frontend?.close();
});

async function getPage(urlKey: string): Promise<string> {
  const response = await fetch(`${frontend.nextUrl}/${urlKey}.html`);
  expect(response.status, urlKey).toBe(200);
  const html = await response.text();
  expect(html).toContain('<meta name="generator" content="strangler-new-frontend"/>');
  expect(html).toContain('<nav class="navigation"');
  return html;
}

const readJsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? "{}") as Record<string, unknown>;

describe("a product page with odd data", () => {
  it("no image: the placeholder, and the rest of the page", async () => {
    const html = await getPage("odd-no-image");
    expect(html).toContain('src="data:image/svg+xml;utf8,');
    expect(html).toContain('<span class="price">$34.00</span>');
    expect(html).toContain('id="product_addtocart_form"');
  });

  it("price 0: $0.00 as Luma shows it, and a JSON-LD offer at 0.00", async () => {
    const html = await getPage("odd-no-price");
    expect(html).toContain('<span class="price">$0.00</span>');
    expect(readJsonLd(html)).toMatchObject({ "@type": "Product", sku: "24-MB01", offers: { price: "0.00" } });
  });

  it("out of stock: says so, offers no add-to-cart, JSON-LD says OutOfStock", async () => {
    const html = await getPage("odd-out-of-stock");
    expect(html).toContain("Out of stock");
    expect(html).not.toContain('id="product_addtocart_form"');
    expect(readJsonLd(html)).toMatchObject({ offers: { availability: "https://schema.org/OutOfStock" } });
  });

  it("3000 variants: one picker per attribute with each value once, never the variants", async () => {
    const html = await getPage("odd-many-variants");
    const form = html.slice(html.indexOf('id="product_addtocart_form"'), html.indexOf("</form>", html.indexOf('id="product_addtocart_form"')));
    expect(form.match(/<option /g)).toHaveLength(60 + 50 + 2);
    expect(form).toContain('name="super_attribute[144]"');
    expect(form).toContain('<option value="1059">Size 59</option>');
    expect(html).not.toContain("MH01-V1-1");
    expect(html.length).toBeLessThan(200_000);
  });

  it("hostile name and description: escaped and sanitized in the page, the title and the JSON-LD", async () => {
    const html = await getPage("odd-hostile");
    expect(html).not.toMatch(/<img src=x|<script>alert|javascript:alert|onclick=/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<p>ok</p>");
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(jsonLd).not.toContain("</script>");
    expect(readJsonLd(html).name).toBe('<img src=x onerror="alert(1)"></script>');
  });
});
