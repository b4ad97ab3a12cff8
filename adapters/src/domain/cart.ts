import type { Money } from "./money.ts";
import type { Image } from "./product.ts";

export interface CartItem {
  /** Cart item uid: use it to update or remove the line. */
  uid: string;
  sku: string;
  /** Parent sku for configurable lines, else the same as sku. */
  productSku: string;
  name: string;
  urlKey: string;
  image?: Image;
  quantity: number;
  /** Chosen options for configurable lines, e.g. `[{ label: "Size", value: "M" }]`. */
  options: { label: string; value: string }[];
  unitPrice: Money;
  rowTotal: Money;
}

export interface CartTotals {
  subtotal: Money;
  subtotalWithDiscount: Money;
  discounts: { label: string; amount: Money }[];
  taxes: { label: string; amount: Money }[];
  grandTotal: Money;
}

export interface Cart {
  id: string;
  email?: string;
  items: CartItem[];
  totalQuantity: number;
  totals: CartTotals;
}

/**
 * One line to add. A configurable product is added either as `{ sku: <parent sku>, selectedOptions:
 * [<option value uids>] }` or as `{ sku: <variant sku>, parentSku: <parent sku> }`.
 */
export interface AddToCartLine {
  sku: string;
  /** Integer ≥ 1. */
  quantity: number;
  selectedOptions?: string[];
  parentSku?: string;
}

export interface CartLineUpdate {
  uid: string;
  quantity: number;
}

/** The full totals breakdown Magento computes for checkout (incl. shipping), read over REST. */
export interface CartTotalsBreakdown {
  subtotal: Money;
  discount: Money;
  shipping: Money;
  tax: Money;
  grandTotal: Money;
  itemsQuantity: number;
  /** Magento's total segments in display order, e.g. subtotal, shipping, tax, grand_total. */
  segments: { code: string; title: string; amount: Money }[];
}
