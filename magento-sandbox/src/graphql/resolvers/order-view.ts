import type { Order, OrderItem } from "../../commerce/index.ts";
import type { GraphQlContext } from "../context.ts";
import { encodeUid } from "../../catalog/uid.ts";
import { toMoney } from "./money.ts";
import { toProductView } from "./product-view.ts";
import { toOrderAddressView } from "./address-view.ts";

/** An order as CustomerOrder (customer.orders, placeOrder.orderV2). */
export function toOrderView(order: Order, context: GraphQlContext): Record<string, unknown> {
  const { totals } = order;
  const shipping = order.shippingMethod;
  return {
    id: encodeUid(order.id), number: order.incrementId, order_number: order.incrementId, increment_id: order.incrementId,
    created_at: order.createdAt, order_date: order.createdAt, order_status_change_date: order.createdAt,
    status: "Pending", email: order.email, token: "", is_virtual: !shipping,
    customer_info: { firstname: order.firstname, lastname: order.lastname, middlename: null, prefix: null, suffix: null },
    items: order.items.map((item) => toOrderItemView(item, context)),
    total: {
      grand_total: toMoney(totals.grandTotal), base_grand_total: toMoney(totals.grandTotal),
      subtotal: toMoney(totals.subtotal), subtotal_excl_tax: toMoney(totals.subtotal), subtotal_incl_tax: toMoney(totals.subtotal + totals.tax),
      total_tax: toMoney(totals.tax), total_shipping: toMoney(totals.shipping), discounts: [],
      taxes: totals.tax > 0 ? [{ title: "US-MI-*-Rate 1", rate: totals.taxRate, amount: toMoney(totals.tax) }] : [],
      shipping_handling: {
        total_amount: toMoney(totals.shipping), amount_excluding_tax: toMoney(totals.shipping),
        amount_including_tax: toMoney(totals.shipping), taxes: [], discounts: [],
      },
      gift_options: null, total_giftcard: null, total_reward_points: null, total_store_credit: null,
    },
    grand_total: totals.grandTotal,
    shipping_address: order.shippingAddress ? toOrderAddressView(order.shippingAddress) : null,
    billing_address: toOrderAddressView(order.billingAddress),
    shipping_method: shipping ? `${shipping.carrierTitle} - ${shipping.methodTitle}` : null,
    carrier: shipping?.carrierTitle ?? null,
    payment_methods: [{ name: order.paymentMethod.title, type: order.paymentMethod.code, additional_data: [] }],
    invoices: [], credit_memos: [], shipments: [], comments: [], applied_coupons: [], applied_gift_cards: [],
    available_actions: [], gift_message: null, gift_wrapping: null, gift_receipt_included: false, printed_card_included: false,
  };
}

function toOrderItemView(item: OrderItem, context: GraphQlContext): Record<string, unknown> {
  const product = context.catalog.getProductById(item.productId);
  return {
    __typename: ORDER_ITEM_TYPENAMES[item.productType] ?? "OrderItem",
    id: encodeUid(item.id), product_name: item.name, product_sku: item.sku, product_type: item.productType,
    product_url_key: product?.urlKey ?? null, product_sale_price: toMoney(item.price),
    quantity_ordered: item.qtyOrdered, quantity_invoiced: 0, quantity_shipped: 0, quantity_canceled: 0,
    quantity_refunded: 0, quantity_returned: 0, quantity_return_requested: 0, status: "Ordered",
    selected_options: item.selectedOptions.map((o) => ({ label: o.label, value: o.valueLabel })),
    entered_options: [], discounts: [], eligible_for_return: false, gift_message: null, gift_wrapping: null,
    product: () => (product ? toProductView(product, context) : null),
    ...(item.productType === "configurable" ? { parent_sku: item.parentSku ?? null } : {}),
    ...(item.productType === "bundle" ? { parent_sku: null, bundle_options: toOrderBundleOptions(item) } : {}),
  };
}

const ORDER_ITEM_TYPENAMES: Partial<Record<OrderItem["productType"], string>> = {
  configurable: "ConfigurableOrderItem", downloadable: "DownloadableOrderItem", bundle: "BundleOrderItem",
};

/** BundleOrderItem.bundle_options (ItemSelectedBundleOption): the chosen selections by option. */
function toOrderBundleOptions(item: OrderItem): Record<string, unknown>[] {
  const options = new Map<number, NonNullable<OrderItem["bundleSelections"]>>();
  for (const s of item.bundleSelections ?? []) options.set(s.optionId, [...(options.get(s.optionId) ?? []), s]);
  return [...options.values()].map((chosen) => ({
    id: encodeUid(`bundle/${chosen[0]!.optionId}`), uid: encodeUid(`bundle/${chosen[0]!.optionId}`), label: chosen[0]!.optionLabel,
    values: chosen.map((s) => ({
      id: encodeUid(`bundle/${s.optionId}/${s.selectionId}/${s.qty}`), uid: encodeUid(`bundle/${s.optionId}/${s.selectionId}/${s.qty}`),
      product_name: s.name, product_sku: s.sku, quantity: s.qty * item.qtyOrdered, price: toMoney(s.price),
    })),
  }));
}

/** customer.orders arguments: filter by number (eq / in / match), newest first, pages. */
export function listOrdersView(orders: Order[], args: Record<string, unknown>, context: GraphQlContext) {
  const number = (args.filter as { number?: { eq?: string; in?: string[]; match?: string } } | undefined)?.number;
  const filtered = orders.filter((o) => {
    if (number?.eq !== undefined && number.eq !== null && o.incrementId !== number.eq) return false;
    if (number?.in && !number.in.includes(o.incrementId)) return false;
    if (number?.match !== undefined && number.match !== null && !o.incrementId.includes(number.match)) return false;
    return true;
  }).sort((a, b) => b.id - a.id);
  const pageSize = typeof args.pageSize === "number" ? args.pageSize : 20;
  const currentPage = typeof args.currentPage === "number" ? args.currentPage : 1;
  return {
    items: filtered.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((o) => toOrderView(o, context)),
    total_count: filtered.length,
    page_info: { current_page: currentPage, page_size: pageSize, total_pages: Math.ceil(filtered.length / pageSize) },
    date_of_first_order: orders.length > 0 ? orders.reduce((a, b) => (a.id < b.id ? a : b)).createdAt : null,
  };
}
