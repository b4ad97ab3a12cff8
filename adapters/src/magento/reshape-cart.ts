// MagentoCart → Cart. Money fields are required (a cart with no grand total is not a cart we can
// show); lists that are null read as [].
import { z } from "zod";
import type { Cart, CartItem } from "../domain/cart.ts";
import { imageSchema, moneySchema, numberField, parseShape, textField, toMoney } from "./shape.ts";

const labelledMoney = z.object({ label: textField, amount: moneySchema }).nullable();

const cartItemSchema = z.object({
  uid: z.string().min(1),
  quantity: numberField,
  product: z.object({ sku: z.string().min(1), name: textField, url_key: textField, small_image: imageSchema.nullish() }),
  prices: z.object({ price: moneySchema, row_total: moneySchema }),
  configurable_options: z.array(z.object({ option_label: textField, value_label: textField }).nullable()).nullish(),
  configured_variant: z.object({ sku: z.string().min(1) }).nullish(),
});

const cartSchema = z.object({
  id: z.string().min(1),
  email: z.string().nullish(),
  total_quantity: numberField.nullish(),
  items: z.array(cartItemSchema.nullable()).nullish(),
  prices: z.object({
    subtotal_excluding_tax: moneySchema,
    subtotal_with_discount_excluding_tax: moneySchema.nullish(),
    grand_total: moneySchema,
    discounts: z.array(labelledMoney).nullish(),
    applied_taxes: z.array(labelledMoney).nullish(),
  }),
});
export type MagentoCart = z.input<typeof cartSchema>;

function reshapeItem(item: z.output<typeof cartItemSchema>): CartItem {
  const image = item.product.small_image;
  return {
    uid: item.uid,
    sku: item.configured_variant?.sku ?? item.product.sku,
    productSku: item.product.sku,
    name: item.product.name,
    urlKey: item.product.url_key,
    image: image ? { url: image.url, label: image.label || item.product.name, position: image.position ?? 0 } : undefined,
    quantity: item.quantity,
    options: (item.configurable_options ?? []).flatMap((o) => (o ? [{ label: o.option_label, value: o.value_label }] : [])),
    unitPrice: toMoney(item.prices.price),
    rowTotal: toMoney(item.prices.row_total),
  };
}

export function reshapeCart(raw: unknown): Cart {
  const cart = parseShape(cartSchema, raw, "cart");
  const items = (cart.items ?? []).flatMap((item) => (item ? [reshapeItem(item)] : []));
  const labelled = (list: z.output<typeof labelledMoney>[] | null | undefined) =>
    (list ?? []).flatMap((entry) => (entry ? [{ label: entry.label, amount: toMoney(entry.amount) }] : []));
  const subtotal = toMoney(cart.prices.subtotal_excluding_tax);
  return {
    id: cart.id,
    email: cart.email ?? undefined,
    items,
    totalQuantity: cart.total_quantity ?? items.reduce((sum, item) => sum + item.quantity, 0),
    totals: {
      subtotal,
      subtotalWithDiscount: cart.prices.subtotal_with_discount_excluding_tax ? toMoney(cart.prices.subtotal_with_discount_excluding_tax) : subtotal,
      discounts: labelled(cart.prices.discounts),
      taxes: labelled(cart.prices.applied_taxes),
      grandTotal: toMoney(cart.prices.grand_total),
    },
  };
}
