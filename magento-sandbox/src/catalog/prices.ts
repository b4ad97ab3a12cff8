import type { PriceInfo, Product, ProductPriceRange } from "./types.ts";
import { getGroupPrice, NOT_LOGGED_IN_GROUP_ID } from "./group-prices.ts";

/**
 * Final price of one unit for a customer group (0: not logged in): the lowest of regular, special,
 * catalog-rule and the group's own price, as Magento's price index keeps one final price per group.
 */
export function getFinalPrice(product: Product, customerGroupId: number = NOT_LOGGED_IN_GROUP_ID): number {
  let final = product.price;
  const groupPrice = getGroupPrice(product.sku, customerGroupId);
  if (groupPrice !== undefined && groupPrice < final) final = groupPrice;
  if (product.specialPrice !== undefined && product.specialPrice < final) final = product.specialPrice;
  const percent = product.catalogRuleDiscountPercent;
  if (percent !== undefined) final = Math.min(final, Math.round(product.price * (100 - percent)) / 100);
  return final;
}

/**
 * Magento's price_range: configurable and grouped span their children; a dynamic bundle sums
 * the cheapest (minimum) and dearest (maximum) selection of each required option.
 */
export function getPriceRange(product: Product, byId: (id: number) => Product | undefined, customerGroupId: number = NOT_LOGGED_IN_GROUP_ID): ProductPriceRange {
  const priceOf = (p: Product): PriceInfo => ({ regular: p.price, final: getFinalPrice(p, customerGroupId) });
  const own = priceOf(product);
  if (product.type === "configurable" || product.type === "grouped") {
    const ids = product.variants?.map((v) => v.productId) ?? product.groupedItems?.map((i) => i.productId) ?? [];
    const children = ids.map(byId).filter((c): c is Product => c !== undefined && c.enabled && c.inStock);
    return children.length > 0 ? spanOf(children.map(priceOf)) : { minimum: own, maximum: own };
  }
  if (product.type === "bundle" && product.bundleOptions) {
    const minimum = { regular: 0, final: 0 };
    const maximum = { regular: 0, final: 0 };
    for (const option of product.bundleOptions) {
      const prices = option.selections.map((s) => byId(s.productId)).filter((c): c is Product => c !== undefined).map(priceOf);
      if (prices.length === 0) continue;
      const span = spanOf(prices);
      if (option.required) addTo(minimum, span.minimum);
      addTo(maximum, span.maximum);
    }
    return { minimum, maximum };
  }
  return { minimum: own, maximum: own };
}

function spanOf(prices: PriceInfo[]): ProductPriceRange {
  const byFinal = [...prices].sort((a, b) => a.final - b.final);
  const first = byFinal[0] ?? { regular: 0, final: 0 };
  const last = byFinal[byFinal.length - 1] ?? first;
  return { minimum: { ...first }, maximum: { ...last } };
}

function addTo(total: PriceInfo, price: PriceInfo): void {
  total.regular += price.regular;
  total.final += price.final;
}
