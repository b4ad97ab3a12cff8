import type { Address, Order } from "../commerce/types.ts";
import { formatDate } from "./catalog-shapes.ts";

/** Reshapes a commerce order into sales-data-order-interface. */
function shapeOrderAddress(address: Address, type: "billing" | "shipping", order: Order, entityId: number) {
  return {
    address_type: type,
    city: address.city,
    country_id: address.countryId,
    email: address.email ?? order.email,
    entity_id: entityId,
    firstname: address.firstname,
    lastname: address.lastname,
    parent_id: order.id,
    postcode: address.postcode,
    region: address.region ?? "",
    region_code: address.regionCode ?? "",
    region_id: address.regionId ?? 0,
    street: address.street,
    telephone: address.telephone,
    ...(order.customerId ? { customer_id: order.customerId } : {}),
  };
}

export function shapeOrder(order: Order) {
  const t = order.totals;
  const created = formatDate(order.createdAt);
  const money = (key: string, value: number) => ({ [key]: value, [`base_${key}`]: value });
  return {
    ...money("grand_total", t.grandTotal),
    ...money("subtotal", t.subtotal),
    ...money("subtotal_incl_tax", Math.round((t.subtotal + t.tax) * 100) / 100),
    ...money("shipping_amount", t.shipping),
    ...money("shipping_incl_tax", t.shipping),
    ...money("tax_amount", t.tax),
    ...money("discount_amount", 0),
    ...money("total_due", t.grandTotal),
    base_currency_code: "USD",
    global_currency_code: "USD",
    order_currency_code: "USD",
    store_currency_code: "USD",
    created_at: created,
    updated_at: created,
    customer_email: order.email,
    customer_firstname: order.firstname,
    customer_lastname: order.lastname,
    customer_group_id: order.isGuest ? 0 : 1,
    customer_is_guest: order.isGuest ? 1 : 0,
    ...(order.customerId ? { customer_id: order.customerId } : {}),
    entity_id: order.id,
    increment_id: order.incrementId,
    is_virtual: order.shippingAddress ? 0 : 1,
    quote_id: order.quoteId,
    shipping_description: order.shippingMethod ? `${order.shippingMethod.carrierTitle} - ${order.shippingMethod.methodTitle}` : "",
    state: order.state,
    status: order.status,
    store_id: 1,
    store_name: "Main Website\nMain Website Store\nDefault Store View",
    total_item_count: order.items.length,
    total_qty_ordered: order.items.reduce((sum, i) => sum + i.qtyOrdered, 0),
    items: order.items.map((item) => ({
      item_id: item.id,
      order_id: order.id,
      sku: item.sku,
      name: item.name,
      product_id: item.productId,
      product_type: item.productType,
      qty_ordered: item.qtyOrdered,
      price: item.price,
      base_price: item.price,
      original_price: item.price,
      row_total: item.rowTotal,
      base_row_total: item.rowTotal,
      created_at: created,
      updated_at: created,
      store_id: 1,
    })),
    billing_address: shapeOrderAddress(order.billingAddress, "billing", order, order.id * 2 - 1),
    payment: {
      account_status: null,
      additional_information: [order.paymentMethod.title],
      cc_last4: null,
      method: order.paymentMethod.code,
      amount_ordered: t.grandTotal,
      base_amount_ordered: t.grandTotal,
      entity_id: order.id,
      parent_id: order.id,
    },
    status_histories: [],
    extension_attributes: {
      shipping_assignments: order.shippingAddress
        ? [{ shipping: { address: shapeOrderAddress(order.shippingAddress, "shipping", order, order.id * 2), method: `${order.shippingMethod?.carrierCode}_${order.shippingMethod?.methodCode}` }, items: [] }]
        : [],
    },
  };
}

/** Reads an order field for searchCriteria from the shaped body's top-level scalars. */
export function readOrderField(order: ReturnType<typeof shapeOrder>, field: string): unknown {
  return (order as Record<string, unknown>)[field];
}
