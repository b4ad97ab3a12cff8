import type { Product } from "@strangler/adapters";
import { toStoreHref } from "../../lib/public-url.ts";
import { Gallery } from "./gallery.tsx";
import { PriceBox } from "./price-box.tsx";
import { AddToCartForm } from "../client/add-to-cart-form.tsx";
import { buildAddToCartForm } from "../../lib/add-to-cart.ts";
import { buildProductJsonLd, serializeJsonLd } from "../../lib/json-ld.ts";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";

function Stock({ product }: { product: Product }) {
  const inStock = product.stockStatus === "IN_STOCK";
  return (
    <div className="product-info-stock-sku">
      <div className={`stock ${inStock ? "available" : "unavailable"}`} title="Availability">
        <span>{inStock ? "In stock" : "Out of stock"}</span>
      </div>
      <div className="product attribute sku">
        <strong className="type">SKU</strong>
        <div className="value">{product.sku}</div>
      </div>
    </div>
  );
}

function PurchaseArea({ product, publicUrl, linkBase }: { product: Product; publicUrl: string; linkBase: string }) {
  if (product.stockStatus !== "IN_STOCK") {
    return <div className="message info stock unavailable"><div>This product is out of stock.</div></div>;
  }
  const form = buildAddToCartForm(product, publicUrl);
  const supported = ["SIMPLE", "CONFIGURABLE", "VIRTUAL"].includes(product.type) && form.complete;
  if (!supported) {
    // Bundles, grouped and downloadable products need Magento's own option forms: send the shopper there.
    return <div className="message info"><div>Choose this product&apos;s options on the <a href={toStoreHref(`/catalog/product/view/id/${product.id}`, linkBase)}>full product page</a>.</div></div>;
  }
  return <AddToCartForm action={toStoreHref(form.action, linkBase)} productId={form.productId} sku={product.sku} pickers={form.pickers} />;
}

/** The page body: JSON-LD, price, stock, the add-to-cart form (or why there is none), gallery, description. */
/** `linkBase`: the store view's (public-url.ts toStoreHref), so the form posts within the store's prefix or host. */
export function ProductDetails({ product, publicUrl, linkBase = "" }: { product: Product; publicUrl: string; linkBase?: string }) {
  const description = sanitizeCmsHtml(product.descriptionHtml);
  const jsonLd = serializeJsonLd(buildProductJsonLd(product, publicUrl));
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <div className="columns">
        <div className="column main">
          <div className="product-info-main">
            <div className="product-info-price">
              <PriceBox price={product.price} composite={["CONFIGURABLE", "BUNDLE", "GROUPED"].includes(product.type)} {...(product.specialPrice ? { specialPrice: product.specialPrice } : {})} />
              <Stock product={product} />
            </div>
            <PurchaseArea product={product} publicUrl={publicUrl} linkBase={linkBase} />
          </div>
          <Gallery media={product.media} name={product.name} />
          {description ? (
            <div className="product info detailed">
              <div className="data item title"><strong className="switch">Details</strong></div>
              <div className="data item content" id="description">
                <div className="product attribute description">
                  <div className="value" dangerouslySetInnerHTML={{ __html: description }} />
                </div>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
