import type { Money, PriceRange } from "@strangler/adapters";
import { formatMoney, hasPrice } from "../../lib/format.ts";

function Amount({ money, id }: { money: Money; id?: string }) {
  return (
    <span className="price-container price-final_price">
      <span className="price-wrapper" data-price-amount={money.amount} data-price-type={id}>
        <span className="price">{formatMoney(money)}</span>
      </span>
    </span>
  );
}

/**
 * Luma's price box: the final price, or "Special Price" over a struck "Regular Price" when Magento's
 * special price (or a rule) makes the final lower; "As low as" for a range. Nothing for a missing price.
 */
export function PriceBox({ price, specialPrice, composite = false }: { price: PriceRange; specialPrice?: Money; composite?: boolean }) {
  if (!hasPrice(price)) return null;
  const { final, regular } = price.min;
  // Luma labels composite products (configurable, bundle, grouped) "As low as" even without a range.
  const isRange = price.max.final.amount > final.amount || composite;
  const discounted = final.amount < regular.amount || (specialPrice !== undefined && specialPrice.amount < regular.amount);
  if (discounted && !isRange) {
    return (
      <div className="price-box price-final_price">
        <span className="special-price">
          <span className="price-label">Special Price</span>
          <Amount money={specialPrice && specialPrice.amount < final.amount ? specialPrice : final} id="finalPrice" />
        </span>
        <span className="old-price">
          <span className="price-label">Regular Price</span>
          <Amount money={regular} id="oldPrice" />
        </span>
      </div>
    );
  }
  return (
    <div className="price-box price-final_price">
      {isRange ? <span className="price-label">As low as</span> : null}
      <Amount money={final} id="finalPrice" />
    </div>
  );
}
