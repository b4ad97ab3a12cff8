// REST `GET /V1/guest-carts/:id/totals` (or `carts/mine/totals`) → CartTotalsBreakdown. Discounts
// come negative from Magento and are kept as a positive amount off; null amounts read as 0.
import { z } from "zod";
import type { CartTotalsBreakdown } from "../domain/cart.ts";
import { numberField, parseShape, textField } from "./shape.ts";

const optionalAmount = numberField.nullish().transform((value) => value ?? 0);

const totalsSchema = z.object({
  grand_total: numberField,
  subtotal: numberField,
  discount_amount: optionalAmount,
  shipping_amount: optionalAmount,
  tax_amount: optionalAmount,
  quote_currency_code: z.string().min(3),
  items_qty: optionalAmount,
  total_segments: z.array(z.object({ code: z.string().min(1), title: textField, value: optionalAmount })).nullish(),
});
export type MagentoCartTotals = z.input<typeof totalsSchema>;

export function reshapeCartTotals(raw: unknown): CartTotalsBreakdown {
  const t = parseShape(totalsSchema, raw, "cart totals");
  const money = (amount: number) => ({ amount, currency: t.quote_currency_code });
  return {
    subtotal: money(t.subtotal),
    discount: money(Math.abs(t.discount_amount)),
    shipping: money(t.shipping_amount),
    tax: money(t.tax_amount),
    grandTotal: money(t.grand_total),
    itemsQuantity: t.items_qty,
    segments: (t.total_segments ?? []).map((s) => ({ code: s.code, title: s.title, amount: money(s.value) })),
  };
}
