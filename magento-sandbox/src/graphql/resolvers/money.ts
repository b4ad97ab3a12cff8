import type { PriceInfo, ProductPriceRange } from "../../catalog/types.ts";

/** All sandbox prices are in the base currency. */
export const CURRENCY = "USD";

export function toMoney(value: number): { value: number; currency: string } {
  return { value: roundPrice(value), currency: CURRENCY };
}

export function roundPrice(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Magento's ProductPrice: regular, final and the discount between them. */
export function toProductPrice(price: PriceInfo) {
  const amountOff = roundPrice(Math.max(0, price.regular - price.final));
  return {
    regular_price: toMoney(price.regular),
    final_price: toMoney(price.final),
    discount: { amount_off: amountOff, percent_off: price.regular > 0 ? roundPrice((amountOff / price.regular) * 100) : 0 },
    fixed_product_taxes: [],
  };
}

export function toPriceRange(range: ProductPriceRange) {
  return { minimum_price: toProductPrice(range.minimum), maximum_price: toProductPrice(range.maximum) };
}

/** The deprecated `price { regularPrice minimalPrice maximalPrice }` some storefronts still read. */
export function toLegacyPrices(range: ProductPriceRange) {
  const price = (value: number) => ({ amount: toMoney(value), adjustments: [] });
  return { regularPrice: price(range.minimum.regular), minimalPrice: price(range.minimum.final), maximalPrice: price(range.maximum.final) };
}
