import type { ProductSummary } from "@strangler/adapters";
import { PriceBox } from "../product/price-box.tsx";
import { storeHref } from "../../lib/store-view.ts";
import { placeholderImage, toSameOriginMediaUrl } from "../../lib/format.ts";

/** The first row (four on a desktop) is what a shopper sees first: loaded at once; the rest lazily. */
const eagerImages = 4;

export function ProductGrid({ items }: { items: ProductSummary[] }) {
  if (items.length === 0) {
    return <div className="message info empty"><div>We can&apos;t find products matching the selection.</div></div>;
  }
  return (
    <div className="products wrapper grid products-grid">
      <ol className="products list items product-items">
        {items.map((item, index) => (
          <li key={item.uid} className="item product product-item">
            <div className="product-item-info" data-container="product-grid">
              <a href={storeHref(item.url)} className="product photo product-item-photo" tabIndex={-1}>
                <img className="product-image-photo" src={item.image ? toSameOriginMediaUrl(item.image.url) : placeholderImage} alt={item.image?.label || item.name} width={240} height={300} loading={index < eagerImages ? "eager" : "lazy"} />
              </a>
              <div className="product details product-item-details">
                <strong className="product name product-item-name">
                  <a className="product-item-link" href={storeHref(item.url)}>{item.name}</a>
                </strong>
                <PriceBox price={item.price} composite={["CONFIGURABLE", "BUNDLE", "GROUPED"].includes(item.type)} />
                {item.stockStatus === "OUT_OF_STOCK" ? <div className="stock unavailable"><span>Out of stock</span></div> : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
