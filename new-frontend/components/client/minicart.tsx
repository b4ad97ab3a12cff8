"use client";
import { useEffect, useState } from "react";
import { loadSections, subscribeSections } from "./customer-data.ts";
import { toStoreHref } from "../../lib/public-url.ts";

/** Luma's minicart link with the item count from the shopper's own cart section. */
export function Minicart({ linkBase = "" }: { /** The store view's link base (public-url.ts toStoreHref). */ linkBase?: string }) {
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    const unsubscribe = subscribeSections((sections) => setCount(sections.cart?.summary_count ?? 0));
    void loadSections();
    return unsubscribe;
  }, []);
  // Like Luma: an empty cart shows no number at all.
  const empty = !count;
  return (
    <div data-block="minicart" className="minicart-wrapper">
      <a className="action showcart" href={toStoreHref("/checkout/cart/", linkBase)}>
        <span className="text">My Cart</span>
        <span className={`counter qty${empty ? " empty" : ""}`} data-loaded={count === undefined ? "false" : "true"}>
          <span className="counter-number">{count ? count : ""}</span>
        </span>
      </a>
    </div>
  );
}
