// Domain products for render tests: a plain simple product and builders for odd data.
import type { ConfigurableOption, Money, Price, Product, ProductVariant } from "@strangler/adapters";

const money = (amount: number): Money => ({ amount, currency: "USD" });

export function makePrice(final: number, regular = final): Price {
  return { regular: money(regular), final: money(final), discount: { amountOff: regular - final, percentOff: regular ? ((regular - final) / regular) * 100 : 0 } };
}

export function makeProduct(fields: Partial<Product> = {}): Product {
  return {
    id: 1, uid: "MQ==", sku: "24-MB01", name: "Joust Duffle Bag", type: "SIMPLE", urlKey: "joust-duffle-bag", url: "/joust-duffle-bag.html",
    descriptionHtml: "<p>The sporty Joust Duffle Bag</p>", shortDescriptionHtml: "", metaTitle: "", metaDescription: "",
    media: [{ url: "http://127.0.0.1:8081/media/catalog/product/m/b/mb01-blue-0.jpg", label: "Blue", position: 1 }],
    price: { min: makePrice(34), max: makePrice(34) }, stockStatus: "IN_STOCK", rating: { summary: 0, reviewCount: 0 }, options: [], variants: [], bundleOptions: [], groupedItems: [], categories: [], breadcrumbs: [],
    ...fields,
  };
}

const uid = (attributeId: number, valueIndex: number) => Buffer.from(`configurable/${attributeId}/${valueIndex}`).toString("base64");

/** A configurable product with `sizes × colors` variants (the options list each value once). */
export function makeConfigurable(sizes: number, colors: number): Product {
  const options: ConfigurableOption[] = [
    { code: "size", label: "Size", values: Array.from({ length: sizes }, (_, index) => ({ uid: uid(144, 1000 + index), label: `S${index}` })) },
    { code: "color", label: "Color", values: Array.from({ length: colors }, (_, index) => ({ uid: uid(93, 2000 + index), label: `C${index}` })) },
  ];
  const variants: ProductVariant[] = [];
  for (const size of options[0]!.values) {
    for (const color of options[1]!.values) {
      variants.push({ sku: `V-${size.label}-${color.label}`, attributes: { size, color }, price: { min: makePrice(52), max: makePrice(52) }, stockStatus: "IN_STOCK" });
    }
  }
  return makeProduct({ id: 68, sku: "MH01", name: "Chaz Kangeroo Hoodie", type: "CONFIGURABLE", urlKey: "chaz-kangeroo-hoodie", url: "/chaz-kangeroo-hoodie.html", options, variants });
}

const bundleUid = (...ids: number[]) => Buffer.from(`bundle/${ids.join("/")}`).toString("base64");

/** A bundle with a required drop-down (option 1) and an optional checkbox list (option 4). */
export function makeBundle(): Product {
  return makeProduct({
    type: "BUNDLE", price: { min: makePrice(14), max: makePrice(40) },
    bundleOptions: [
      { uid: bundleUid(1), title: "Strap", required: true, type: "select", choices: [
        { uid: bundleUid(1, 2, 1), label: "Sprite Yoga Strap 6 foot", quantity: 1, price: 14, isDefault: true },
        { uid: bundleUid(1, 3, 1), label: "Sprite Yoga Strap 8 foot", quantity: 1, price: 17, isDefault: false },
      ] },
      { uid: bundleUid(4), title: "Ball", required: false, type: "checkbox", choices: [
        { uid: bundleUid(4, 5, 1), label: "Sprite Stasis Ball 55 cm", quantity: 1, price: 23, isDefault: false },
      ] },
    ],
  });
}
