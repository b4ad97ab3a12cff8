import type { Address, Cart, CartItem, ShippingMethod } from "../../commerce/index.ts";
import type { BundleLineSelection } from "../../commerce/types.ts";
import type { GraphQlContext } from "../context.ts";
import { encodeUid } from "../../catalog/uid.ts";
import { roundPrice, toMoney } from "./money.ts";
import { toProductView } from "./product-view.ts";
import { toCartAddressView } from "./address-view.ts";

const ITEM_TYPENAMES: Record<CartItem["productType"], string> = {
  simple: "SimpleCartItem", virtual: "VirtualCartItem", configurable: "ConfigurableCartItem", downloadable: "DownloadableCartItem",
  bundle: "BundleCartItem",
};

/** A quote as Magento's Cart type; payment and shipping methods are asked of Commerce lazily. */
export function toCartView(cart: Cart, context: GraphQlContext): Record<string, unknown> {
  const { totals } = cart;
  const items = () => cart.items.map((item) => toCartItemView(item, cart, context));
  const method = cart.paymentMethod;
  return {
    id: cart.maskedId, email: cart.email ?? null, total_quantity: totals.itemsQty,
    is_virtual: cart.items.length > 0 && cart.items.every((i) => i.productType === "virtual" || i.productType === "downloadable"),
    items,
    itemsV2: (args: { pageSize?: number; currentPage?: number }) => {
      const pageSize = args.pageSize ?? 20;
      const currentPage = args.currentPage ?? 1;
      const all = items();
      return {
        items: all.slice((currentPage - 1) * pageSize, currentPage * pageSize), total_count: all.length,
        page_info: { current_page: currentPage, page_size: pageSize, total_pages: Math.ceil(all.length / pageSize) },
      };
    },
    prices: {
      grand_total: toMoney(totals.grandTotal), grand_total_excluding_tax: toMoney(totals.grandTotal - totals.tax),
      subtotal_excluding_tax: toMoney(totals.subtotal), subtotal_including_tax: toMoney(totals.subtotal + totals.tax),
      subtotal_with_discount_excluding_tax: toMoney(totals.subtotal - totals.discount),
      applied_taxes: totals.tax > 0 ? [{ label: "US-MI-*-Rate 1", amount: toMoney(totals.tax) }] : [],
      discounts: [], discount: null, gift_options: null,
    },
    shipping_addresses: cart.shippingAddress ? [toShippingAddressView(cart, cart.shippingAddress, items, context)] : [],
    billing_address: cart.billingAddress ? toCartAddressView(cart.billingAddress, cart.id * 2 + 1) : null,
    available_payment_methods: () => context.commerce.getPaymentMethods(cart.maskedId, context.viewer).map((m) => ({ code: m.code, title: m.title, is_deferred: false })),
    selected_payment_method: { code: method?.code ?? "", title: method?.title ?? "", purchase_order_number: null },
    applied_coupons: null, applied_coupon: null, gift_receipt_included: false, printed_card_included: false,
    available_gift_wrappings: [], gift_wrapping: null, gift_message: null,
  };
}

function toShippingAddressView(cart: Cart, address: Address, items: () => unknown[], context: GraphQlContext): Record<string, unknown> {
  const method = cart.shippingMethod;
  return {
    ...toCartAddressView(address, cart.id * 2),
    same_as_billing: false, items_weight: null, pickup_location_code: null,
    cart_items: cart.items.map((i) => ({ cart_item_id: i.id, quantity: i.qty })),
    cart_items_v2: items,
    available_shipping_methods: () => context.commerce.getShippingMethods(cart.maskedId, context.viewer).map((m) => ({
      ...toShippingMethodView(m), available: true, error_message: "",
    })),
    selected_shipping_method: method ? toShippingMethodView(method) : null,
  };
}

export function toShippingMethodView(method: ShippingMethod): Record<string, unknown> {
  const amount = toMoney(method.amount);
  return {
    carrier_code: method.carrierCode, method_code: method.methodCode, carrier_title: method.carrierTitle,
    method_title: method.methodTitle, amount, base_amount: amount, price_excl_tax: amount, price_incl_tax: amount,
  };
}

function toCartItemView(item: CartItem, cart: Cart, context: GraphQlContext): Record<string, unknown> {
  const { catalog } = context;
  const taxFactor = 1 + cart.totals.taxRate / 100;
  const product = catalog.getProductById(item.productId);
  const child = item.childProductId !== undefined ? catalog.getProductById(item.childProductId) : undefined;
  const regular = (child ?? product)?.price ?? item.price;
  const catalogDiscount = roundPrice(Math.max(0, regular - item.price));
  const view: Record<string, unknown> = {
    __typename: ITEM_TYPENAMES[item.productType], id: String(item.id), uid: encodeUid(item.id), quantity: item.qty,
    product: () => (product ? toProductView(product, context) : null),
    prices: {
      price: toMoney(item.price), row_total: toMoney(item.rowTotal),
      price_including_tax: toMoney(item.price * taxFactor), row_total_including_tax: toMoney(item.rowTotal * taxFactor),
      original_item_price: toMoney(regular), original_row_total: toMoney(regular * item.qty),
      catalog_discount: { amount_off: catalogDiscount, percent_off: regular > 0 ? roundPrice((catalogDiscount / regular) * 100) : 0 },
      row_catalog_discount: { amount_off: roundPrice(catalogDiscount * item.qty), percent_off: regular > 0 ? roundPrice((catalogDiscount / regular) * 100) : 0 },
      discounts: [], total_item_discount: toMoney(0), fixed_product_taxes: [],
    },
    // Magento's default stock configuration: min sale qty 1, max 10000.
    errors: null, is_available: true, not_available_message: null, max_qty: 10000, min_qty: 1, discount: [],
    customizable_options: [], available_gift_wrapping: [], gift_message: null, gift_wrapping: null,
    note_from_buyer: null, note_from_seller: null,
  };
  if (item.productType === "configurable") {
    view.configured_variant = () => (child ? toProductView(child, context) : null);
    view.configurable_options = item.selectedOptions.map((option) => ({
      id: option.attributeId, configurable_product_option_uid: encodeUid(`configurable/${item.productId}/${option.attributeId}`),
      configurable_product_option_value_uid: option.uid, option_label: option.label, value_id: option.valueIndex, value_label: option.valueLabel,
    }));
  }
  if (item.productType === "downloadable") {
    view.links = [];
    view.samples = [];
  }
  if (item.productType === "bundle") view.bundle_options = toBundleOptionsView(item.bundleSelections ?? []);
  return view;
}

/** BundleCartItem.bundle_options: the chosen selections grouped by option, in option order. */
export function toBundleOptionsView(selections: BundleLineSelection[]): Record<string, unknown>[] {
  const byOption = new Map<number, BundleLineSelection[]>();
  for (const s of selections) byOption.set(s.optionId, [...(byOption.get(s.optionId) ?? []), s]);
  return [...byOption.values()].map((chosen) => ({
    id: chosen[0]!.optionId, uid: encodeUid(`bundle/${chosen[0]!.optionId}`), label: chosen[0]!.optionLabel, type: chosen[0]!.optionType,
    values: chosen.map((s) => ({
      id: s.selectionId, uid: encodeUid(`bundle/${s.optionId}/${s.selectionId}/${s.qty}`), label: s.name, quantity: s.qty,
      price: s.price, original_price: toMoney(s.price), priceV2: toMoney(s.price),
    })),
  }));
}
