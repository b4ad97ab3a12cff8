import { readCsv } from "../catalog/csv.ts";
import type { Address, CartItem, PaymentMethod, ShippingMethod, Totals } from "./types.ts";

/**
 * Shipping, payment and tax rules of the Luma sample store:
 * - flatrate: $5 per item (Magento's default Flat Rate, "per item");
 * - tablerate "Best Way": OfflineShippingSampleData/tablerate.csv by order subtotal;
 * - freeshipping: offered from a $100 subtotal (a sandbox setting, documented in the README);
 * - tax: TaxSampleData's US-MI-*-Rate 1 (8.25 %) on the subtotal for Michigan addresses;
 * - payment: Check / Money order (checkmo) only.
 */
export interface TableRate {
  country: string;
  region: string;
  minSubtotal: number;
  price: number;
}

export const flatRatePerItem = 5;
export const freeShippingThreshold = 100;
export const checkmo: PaymentMethod = { code: "checkmo", title: "Check / Money order" };

const taxRates = [{ countryId: "US", regionCode: "MI", rate: 8.25 }];

export const round = (amount: number): number => Math.round(amount * 100) / 100;

export function loadTableRates(sampleDataDir: string): TableRate[] {
  return readCsv(sampleDataDir, "OfflineShippingSampleData/tablerate.csv", { optional: true }).map((row) => ({
    country: row.country ?? "*",
    region: row.region ?? "*",
    minSubtotal: Number(row.order_subtotal ?? 0),
    price: Number(row.price ?? 0),
  }));
}

function findTableRate(rates: TableRate[], subtotal: number, address?: Address): number | undefined {
  const country = address?.countryId ?? "US";
  const region = address?.regionCode ?? "*";
  const candidates = rates.filter((r) => r.country === country && (r.region === region || r.region === "*"));
  // A region-specific row beats the country-wide ones, as Magento's tablerate lookup orders them.
  const specific = candidates.filter((r) => r.region === region && region !== "*");
  const pool = specific.length > 0 ? specific : candidates;
  const match = pool.filter((r) => r.minSubtotal <= subtotal).sort((a, b) => b.minSubtotal - a.minSubtotal)[0];
  return match?.price;
}

export function listShippingMethods(rates: TableRate[], items: CartItem[], address?: Address): ShippingMethod[] {
  const qty = items.reduce((sum, item) => sum + item.qty, 0);
  const subtotal = sumRows(items);
  const methods: ShippingMethod[] = [
    { carrierCode: "flatrate", methodCode: "flatrate", carrierTitle: "Flat Rate", methodTitle: "Fixed", amount: round(qty * flatRatePerItem) },
  ];
  const table = findTableRate(rates, subtotal, address);
  if (table !== undefined) {
    methods.push({ carrierCode: "tablerate", methodCode: "bestway", carrierTitle: "Best Way", methodTitle: "Table Rate", amount: table });
  }
  if (subtotal >= freeShippingThreshold) {
    methods.push({ carrierCode: "freeshipping", methodCode: "freeshipping", carrierTitle: "Free Shipping", methodTitle: "Free", amount: 0 });
  }
  return methods;
}

function sumRows(items: CartItem[]): number {
  return round(items.reduce((sum, item) => sum + item.rowTotal, 0));
}

export function findTaxRate(address?: Address): number {
  if (!address) return 0;
  return taxRates.find((r) => r.countryId === address.countryId && r.regionCode === address.regionCode)?.rate ?? 0;
}

export function computeTotals(items: CartItem[], shippingMethod?: ShippingMethod, taxAddress?: Address): Totals {
  const subtotal = sumRows(items);
  const taxRate = findTaxRate(taxAddress);
  const tax = round((subtotal * taxRate) / 100);
  const shipping = shippingMethod?.amount ?? 0;
  return {
    subtotal,
    discount: 0,
    shipping,
    tax,
    taxRate,
    grandTotal: round(subtotal + shipping + tax),
    itemsQty: items.reduce((sum, item) => sum + item.qty, 0),
    itemsCount: items.length,
  };
}
