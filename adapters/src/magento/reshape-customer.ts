// MagentoCustomer / MagentoCustomerOrders → Customer / OrderPage.
import { z } from "zod";
import type { Customer, OrderPage } from "../domain/customer.ts";
import { moneySchema, numberField, parseShape, textField, toMoney } from "./shape.ts";

const addressSchema = z.object({
  firstname: textField, lastname: textField, street: z.array(z.string().nullable()).nullish(), city: textField,
  region: z.object({ region: textField }).nullish(), postcode: textField, country_code: textField, telephone: textField,
  default_billing: z.boolean().nullish(), default_shipping: z.boolean().nullish(),
});

const customerSchema = z.object({
  email: z.string().min(1),
  firstname: textField,
  lastname: textField,
  is_subscribed: z.boolean().nullish(),
  group_id: numberField.nullish(),
  addresses: z.array(addressSchema.nullable()).nullish(),
});
export type MagentoCustomer = z.input<typeof customerSchema>;

export function reshapeCustomer(raw: unknown): Customer {
  const c = parseShape(customerSchema, raw, "customer");
  return {
    email: c.email, firstName: c.firstname, lastName: c.lastname, isSubscribed: c.is_subscribed ?? false,
    groupId: c.group_id == null ? undefined : String(c.group_id),
    addresses: (c.addresses ?? []).flatMap((a) => a ? [{
      firstName: a.firstname, lastName: a.lastname, street: (a.street ?? []).filter((line) => line !== null),
      city: a.city, region: a.region?.region ?? "", postcode: a.postcode, countryCode: a.country_code, telephone: a.telephone,
      isDefaultBilling: a.default_billing ?? false, isDefaultShipping: a.default_shipping ?? false,
    }] : []),
  };
}

const orderSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  order_date: textField,
  status: textField,
  items: z.array(z.object({
    product_sku: z.string().min(1), product_name: textField, quantity_ordered: numberField.nullish(), product_sale_price: moneySchema,
  }).nullable()).nullish(),
  total: z.object({ grand_total: moneySchema, subtotal: moneySchema, total_shipping: moneySchema }),
});

const ordersSchema = z.object({
  total_count: numberField.nullish(),
  page_info: z.object({ current_page: numberField.nullish(), page_size: numberField.nullish(), total_pages: numberField.nullish() }).nullish(),
  items: z.array(orderSchema.nullable()),
});
export type MagentoCustomerOrders = z.input<typeof ordersSchema>;

export function reshapeOrders(raw: unknown, asked: { page: number; pageSize: number }): OrderPage {
  const o = parseShape(ordersSchema, raw, "customer orders");
  const items = o.items.flatMap((order) => order ? [{
    id: order.id, number: order.number, orderDate: order.order_date, status: order.status,
    items: (order.items ?? []).flatMap((i) => (i ? [{ sku: i.product_sku, name: i.product_name, quantityOrdered: i.quantity_ordered ?? 0, salePrice: toMoney(i.product_sale_price) }] : [])),
    grandTotal: toMoney(order.total.grand_total), subtotal: toMoney(order.total.subtotal), shipping: toMoney(order.total.total_shipping),
  }] : []);
  const total = o.total_count ?? items.length;
  const pageSize = o.page_info?.page_size ?? asked.pageSize;
  return { items, total, page: o.page_info?.current_page ?? asked.page, pageSize, pages: o.page_info?.total_pages ?? Math.ceil(total / pageSize) };
}
