import type { Address, Cart, CartItem, Customer, ShippingMethod, Totals } from "../commerce/types.ts";
import { formatDate } from "./catalog-shapes.ts";

/**
 * Reshapes commerce carts into quote-data-* bodies. Magento writes null for unset fields that
 * the schema marks required (a guest cart's customer names, weee amounts): kept as Magento does.
 */
const usd = {
  global_currency_code: "USD",
  base_currency_code: "USD",
  store_currency_code: "USD",
  quote_currency_code: "USD",
  store_to_base_rate: 0,
  store_to_quote_rate: 0,
  base_to_global_rate: 1,
  base_to_quote_rate: 1,
};

export function shapeAddress(address: Address, extra: Record<string, unknown> = {}) {
  return {
    region: address.region ?? "",
    region_id: address.regionId ?? 0,
    region_code: address.regionCode ?? "",
    country_id: address.countryId,
    street: address.street,
    ...(address.company ? { company: address.company } : {}),
    telephone: address.telephone,
    postcode: address.postcode,
    city: address.city,
    firstname: address.firstname,
    lastname: address.lastname,
    email: address.email ?? null,
    ...extra,
  };
}

/** REST quote-data-address-interface → commerce Address. */
export function readAddress(body: Record<string, unknown>): Address {
  const text = (key: string): string => (typeof body[key] === "string" ? (body[key] as string) : "");
  return {
    firstname: text("firstname"),
    lastname: text("lastname"),
    company: text("company") || undefined,
    street: Array.isArray(body.street) ? body.street.map(String) : text("street") ? [text("street")] : [],
    city: text("city"),
    region: text("region") || undefined,
    regionCode: text("region_code") || undefined,
    regionId: typeof body.region_id === "number" ? body.region_id : Number(body.region_id) || undefined,
    postcode: text("postcode"),
    countryId: text("country_id"),
    telephone: text("telephone"),
    email: text("email") || undefined,
  };
}

export function shapeCartItem(item: CartItem, quoteId: string) {
  return {
    item_id: item.id,
    sku: item.sku,
    qty: item.qty,
    name: item.name,
    price: item.price,
    product_type: item.productType,
    quote_id: quoteId,
    ...shapeProductOption(item),
  };
}

/** product_option: the configurable's chosen values, or the bundle's chosen selections. */
function shapeProductOption(item: CartItem) {
  if (item.bundleSelections?.length) {
    const byOption = new Map<number, { option_id: number; option_qty: number; option_selections: number[] }>();
    for (const s of item.bundleSelections) {
      const option = byOption.get(s.optionId) ?? { option_id: s.optionId, option_qty: s.qty, option_selections: [] };
      option.option_selections.push(s.selectionId);
      byOption.set(s.optionId, option);
    }
    return { product_option: { extension_attributes: { bundle_options: [...byOption.values()] } } };
  }
  if (item.selectedOptions.length === 0) return {};
  return {
    product_option: {
      extension_attributes: {
        configurable_item_options: item.selectedOptions.map((o) => ({ option_id: String(o.attributeId), option_value: o.valueIndex })),
      },
    },
  };
}

export function shapeCart(cart: Cart, customer: Customer | undefined, quoteId: string) {
  return {
    id: cart.id,
    created_at: formatDate(cart.createdAt),
    updated_at: formatDate(cart.updatedAt),
    is_active: cart.isActive,
    is_virtual: cart.items.length > 0 && cart.items.every((i) => i.productType === "virtual" || i.productType === "downloadable"),
    items: cart.items.map((item) => shapeCartItem(item, quoteId)),
    items_count: cart.totals.itemsCount,
    items_qty: cart.totals.itemsQty,
    customer: customer
      ? { id: customer.id, group_id: customer.groupId, email: customer.email, firstname: customer.firstname, lastname: customer.lastname, store_id: 1, website_id: 1 }
      : { email: cart.email ?? null, firstname: null, lastname: null },
    ...(cart.billingAddress ? { billing_address: shapeAddress(cart.billingAddress, { id: cart.id * 2 }) } : {}),
    ...(cart.reservedOrderId ? { reserved_order_id: cart.reservedOrderId } : {}),
    orig_order_id: 0,
    currency: usd,
    customer_is_guest: !customer,
    customer_note_notify: true,
    customer_tax_class_id: 3,
    store_id: 1,
  };
}

export function shapeShippingMethod(method: ShippingMethod) {
  return {
    carrier_code: method.carrierCode,
    method_code: method.methodCode,
    carrier_title: method.carrierTitle,
    method_title: method.methodTitle,
    amount: method.amount,
    base_amount: method.amount,
    available: true,
    error_message: "",
    price_excl_tax: method.amount,
    price_incl_tax: method.amount,
  };
}

export function shapeTotals(cart: Cart) {
  const t: Totals = cart.totals;
  const shippingTitle = cart.shippingMethod
    ? `Shipping & Handling (${cart.shippingMethod.carrierTitle} - ${cart.shippingMethod.methodTitle})`
    : "Shipping & Handling";
  return {
    grand_total: t.grandTotal, base_grand_total: t.grandTotal,
    subtotal: t.subtotal, base_subtotal: t.subtotal,
    discount_amount: 0, base_discount_amount: 0,
    subtotal_with_discount: t.subtotal, base_subtotal_with_discount: t.subtotal,
    shipping_amount: t.shipping, base_shipping_amount: t.shipping,
    shipping_discount_amount: 0, base_shipping_discount_amount: 0,
    tax_amount: t.tax, base_tax_amount: t.tax,
    weee_tax_applied_amount: null,
    shipping_tax_amount: 0, base_shipping_tax_amount: 0,
    subtotal_incl_tax: t.subtotal + t.tax, base_subtotal_incl_tax: t.subtotal + t.tax,
    shipping_incl_tax: t.shipping, base_shipping_incl_tax: t.shipping,
    base_currency_code: "USD", quote_currency_code: "USD",
    items_qty: t.itemsQty,
    items: cart.items.map((item) => ({
      item_id: item.id, price: item.price, base_price: item.price, qty: item.qty,
      row_total: item.rowTotal, base_row_total: item.rowTotal, row_total_with_discount: 0,
      tax_amount: 0, base_tax_amount: 0, tax_percent: t.taxRate, discount_amount: 0, base_discount_amount: 0, discount_percent: 0,
      price_incl_tax: item.price, base_price_incl_tax: item.price, row_total_incl_tax: item.rowTotal, base_row_total_incl_tax: item.rowTotal,
      options: JSON.stringify(item.selectedOptions.map((o) => ({ value: o.valueLabel, label: o.label }))),
      weee_tax_applied_amount: null, weee_tax_applied: null, name: item.name,
    })),
    total_segments: [
      { code: "subtotal", title: "Subtotal", value: t.subtotal },
      { code: "shipping", title: shippingTitle, value: t.shipping },
      { code: "tax", title: "Tax", value: t.tax, area: "taxes" },
      { code: "grand_total", title: "Grand Total", value: t.grandTotal, area: "footer" },
    ],
  };
}
