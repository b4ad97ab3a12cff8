// Customer-group prices: Magento's tier price at quantity 1 for one customer group (Advanced Pricing ›
// Customer Group Price). The Luma sample data has none, so the sandbox gives the stock Wholesale group
// (id 2) a price on three bags; a shopper of another group, or a guest, pays the ordinary price.

/** Magento's stock customer groups: NOT LOGGED IN, General, Wholesale, Retailer. */
export const NOT_LOGGED_IN_GROUP_ID = 0;
export const GENERAL_GROUP_ID = 1;
export const WHOLESALE_GROUP_ID = 2;

/** sku → group id → price in the base currency (USD). */
const groupPrices: ReadonlyMap<string, ReadonlyMap<number, number>> = new Map([
  ["24-MB01", new Map([[WHOLESALE_GROUP_ID, 28]])], // Joust Duffle Bag, $34
  ["24-MB04", new Map([[WHOLESALE_GROUP_ID, 27]])], // Strive Shoulder Pack, $32
  ["24-UB02", new Map([[WHOLESALE_GROUP_ID, 62]])], // Impulse Duffle, $74
]);

/** The group's own price for the sku, if it has one. */
export function getGroupPrice(sku: string, customerGroupId: number): number | undefined {
  return groupPrices.get(sku)?.get(customerGroupId);
}

/** Magento's `price_tiers` for the group: the quantity-1 tier, in the base currency. */
export function getGroupTiers(sku: string, customerGroupId: number): { quantity: number; price: number }[] {
  const price = getGroupPrice(sku, customerGroupId);
  return price === undefined ? [] : [{ quantity: 1, price }];
}
