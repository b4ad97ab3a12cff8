// The prices a storefront page shows its shopper: the customer group's (signed in) in the session's
// currency (the currency switcher), converted then rounded as PriceCurrency::convertAndRound does. Both
// are in the shopper's X-Magento-Vary, so Magento's full-page cache keeps these pages apart.
import type { Response } from "express";
import type { Catalog, Product, ProductPriceRange } from "../catalog/types.ts";
import { NOT_LOGGED_IN_GROUP_ID } from "../catalog/group-prices.ts";
import type { Commerce } from "../commerce/types.ts";
import { BASE_CURRENCY, DEFAULT_STORE_CURRENCIES, type Currency, type StoreView } from "../store-views.ts";

type StoreCurrencies = Pick<StoreView, "displayCurrency" | "allowedCurrencies">;
import { getSession } from "./session.ts";

/** A catalog whose prices are the shopper's, with Luma's price format for that currency. */
export interface PricedCatalog extends Catalog {
  formatPrice(amount: number): string;
}

export interface ShopperContext {
  customerGroupId: number;
  currency: Currency;
}

/** The session's group (0 unless signed in) and currency (its switched one if the store allows it). */
export function readShopperContext(res: Response, commerce: Commerce, view: StoreCurrencies = DEFAULT_STORE_CURRENCIES): ShopperContext {
  const session = getSession(res);
  const customer = session.customerId !== undefined ? commerce.getCustomer(session.customerId) : undefined;
  const currency = view.allowedCurrencies.find((c) => c.code === session.currencyCode) ?? view.displayCurrency;
  return { customerGroupId: customer?.groupId ?? NOT_LOGGED_IN_GROUP_ID, currency };
}

export function formatCurrency(amount: number, currency: Currency = BASE_CURRENCY): string {
  return `${currency.symbol}${amount.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

export function priceCatalog(catalog: Catalog, shopper: ShopperContext): PricedCatalog {
  const convert = (amount: number) => Math.round(amount * shopper.currency.rate * 100) / 100;
  const convertRange = (range: ProductPriceRange): ProductPriceRange => ({
    minimum: { regular: convert(range.minimum.regular), final: convert(range.minimum.final) },
    maximum: { regular: convert(range.maximum.regular), final: convert(range.maximum.final) },
  });
  return {
    ...catalog,
    getPriceRange: (product: Product) => convertRange(catalog.getPriceRange(product, shopper.customerGroupId)),
    getFinalPrice: (product: Product) => convert(catalog.getFinalPrice(product, shopper.customerGroupId)),
    formatPrice: (amount: number) => formatCurrency(amount, shopper.currency),
  };
}
