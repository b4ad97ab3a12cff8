import type { PriceInfo, ProductPriceRange } from "../../catalog/types.ts";
import { BASE_CURRENCY, type Currency } from "../../store-views.ts";

/**
 * A base-currency (USD) amount in `currency`, converted at its fixed rate then rounded, as Magento's
 * PriceCurrency::convertAndRound does. Carts and orders stay in the base currency (see README).
 */
export function toMoney(value: number, currency: Currency = BASE_CURRENCY): { value: number; currency: string } {
  return { value: roundPrice(value * currency.rate), currency: currency.code };
}

export function roundPrice(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Magento's ProductPrice: regular, final and the discount between them. */
export function toProductPrice(price: PriceInfo, currency: Currency = BASE_CURRENCY) {
  const amountOff = roundPrice(Math.max(0, price.regular - price.final) * currency.rate);
  return {
    regular_price: toMoney(price.regular, currency),
    final_price: toMoney(price.final, currency),
    discount: { amount_off: amountOff, percent_off: price.regular > 0 ? roundPrice((Math.max(0, price.regular - price.final) / price.regular) * 100) : 0 },
    fixed_product_taxes: [],
  };
}

export function toPriceRange(range: ProductPriceRange, currency: Currency = BASE_CURRENCY) {
  return { minimum_price: toProductPrice(range.minimum, currency), maximum_price: toProductPrice(range.maximum, currency) };
}

/** The deprecated `price { regularPrice minimalPrice maximalPrice }` some storefronts still read. */
export function toLegacyPrices(range: ProductPriceRange, currency: Currency = BASE_CURRENCY) {
  const price = (value: number) => ({ amount: toMoney(value, currency), adjustments: [] });
  return { regularPrice: price(range.minimum.regular), minimalPrice: price(range.minimum.final), maximalPrice: price(range.maximum.final) };
}
