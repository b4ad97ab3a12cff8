import type { Product } from "@strangler/adapters";
import { toStoreHref } from "../../lib/public-url.ts";
import { Gallery } from "./gallery.tsx";
import { PriceBox } from "./price-box.tsx";
import { AddToCartForm } from "./add-to-cart-form.tsx";
import { buildAddToCartForm } from "../../lib/add-to-cart.ts";
import { buildProductJsonLd, serializeJsonLd } from "../../lib/json-ld.ts";
import { sanitizeCmsHtml } from "../../lib/sanitize.ts";
import { BundleOptions, DownloadableLinks, GroupedItems } from "./purchase-options.tsx";

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
  // Like Luma's addtocart.phtml: a product that is not saleable gets no add-to-cart box (the stock line says why).
  if (product.stockStatus !== "IN_STOCK") return null;
  const form = buildAddToCartForm(product, publicUrl);
  const supported = ["SIMPLE", "CONFIGURABLE", "VIRTUAL", "BUNDLE", "GROUPED", "DOWNLOADABLE"].includes(product.type) && form.complete;
  if (!supported) {
    // A type (or a uid shape) this page cannot build Magento's form for: send the shopper to legacy's page.
    return <div className="message info"><div>Choose this product&apos;s options on the <a href={toStoreHref(`/catalog/product/view/id/${product.id}`, linkBase)}>full product page</a>.</div></div>;
  }
  const currency = product.price.min.final.currency;
  return (
    <AddToCartForm action={toStoreHref(form.action, linkBase)} productId={form.productId} sku={product.sku} pickers={form.pickers} hideQty={product.type === "GROUPED"}>
      {product.type === "GROUPED" ? <GroupedItems items={product.groupedItems} /> : null}
      <BundleOptions pickers={form.bundlePickers} currency={currency} />
      <DownloadableLinks title={product.downloadable?.linksTitle ?? ""} links={form.downloadableLinks} currency={currency} />
    </AddToCartForm>
  );
}

/** The page body: JSON-LD, price, stock, the add-to-cart form (or why there is none), gallery, description. */
/** `linkBase`: the store view's (public-url.ts toStoreHref), so the form posts within the store's prefix or host. */
export function ProductDetails({ product, publicUrl, linkBase = "" }: { product: Product; publicUrl: string; linkBase?: string }) {
  const description = sanitizeCmsHtml(product.descriptionHtml);
  const overview = sanitizeCmsHtml(product.shortDescriptionHtml);
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
            {overview ? <div className="product attribute overview"><div className="value" dangerouslySetInnerHTML={{ __html: overview }} /></div> : null}
            <PurchaseArea product={product} publicUrl={publicUrl} linkBase={linkBase} />
          </div>
          <Gallery media={product.media} name={product.name} />
          {description ? (
            <div className="product info detailed">
              <div className="product data items">
                <div className="data item title" id="tab-label-description"><a className="data switch" href="#description">Details</a></div>
                <div className="data item content" id="description">
                  <div className="product attribute description">
                    <div className="value" dangerouslySetInnerHTML={{ __html: description }} />
                  </div>
                </div>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
