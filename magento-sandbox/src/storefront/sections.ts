import type { Request, Response } from "express";
import type { Cart } from "../commerce/types.ts";
import { setNoCacheHeaders } from "./cache-headers.ts";
import type { Storefront } from "./context.ts";
import { formatPrice } from "./html.ts";
import { getSession } from "./session.ts";

/**
 * GET /customer/section/load/ — Luma's private-content ("customer data") endpoint: JSON keyed by
 * section, each with a `data_id` timestamp, never cached. Unknown sections are a 400 with
 * `{message}`, as Magento's Section\Load controller answers exceptions.
 *
 * Sandbox addition: the `cart` section also carries `masked_quote_id`, the masked id naming
 * this session's quote in GraphQL (`cart(cart_id:)`) and REST (`guest-carts/{id}`). Stock
 * Magento does not send it; see README "One cart everywhere" for the stock ways.
 */
type SectionSource = (sf: Storefront, res: Response, req: Request) => Record<string, unknown>;

function cartSection(sf: Storefront, res: Response, req: Request): Record<string, unknown> {
  const session = getSession(res);
  const cart: Cart | undefined = sf.findCart(session);
  const base = sf.baseUrl(req);
  const subtotal = cart?.totals.subtotal ?? 0;
  return {
    summary_count: cart?.totals.itemsQty ?? 0,
    subtotalAmount: subtotal.toFixed(4),
    subtotal: `<span class="price">${formatPrice(subtotal)}</span>`,
    possible_onepage_checkout: true,
    items: (cart?.items ?? []).map((item) => {
      const product = sf.catalog.getProductById(item.productId);
      return {
        product_type: item.productType,
        options: item.selectedOptions.map((o) => ({ label: o.label, value: o.valueLabel, option_id: o.attributeId, option_value: String(o.valueIndex) })),
        qty: item.qty,
        item_id: String(item.id),
        configure_url: `${base}checkout/cart/configure/id/${item.id}/product_id/${item.productId}/`,
        is_visible_in_site_visibility: true,
        product_id: String(item.productId),
        product_name: item.name,
        product_sku: item.sku,
        product_url: product ? `${base}${sf.catalog.getProductUrl(product)}` : "",
        product_has_url: product !== undefined,
        product_price: `<span class="price">${formatPrice(item.price)}</span>`,
        product_price_value: item.price,
      };
    }),
    extra_actions: "",
    isGuestCheckoutAllowed: true,
    website_id: "1",
    storeId: "1",
    subtotal_incl_tax: `<span class="price">${formatPrice(subtotal)}</span>`,
    subtotal_excl_tax: `<span class="price">${formatPrice(subtotal)}</span>`,
    masked_quote_id: cart?.maskedId ?? null,
  };
}

function customerSection(sf: Storefront, res: Response): Record<string, unknown> {
  const customerId = getSession(res).customerId;
  const customer = customerId !== undefined ? sf.commerce.getCustomer(customerId) : undefined;
  if (!customer) return {};
  return { fullname: `${customer.firstname} ${customer.lastname}`, firstname: customer.firstname, websiteId: "1" };
}

function messagesSection(_sf: Storefront, res: Response): Record<string, unknown> {
  const session = getSession(res);
  const messages = session.messages.map((m) => ({ type: m.type, text: m.text }));
  session.messages = [];
  return { messages };
}

const sources: Record<string, SectionSource> = {
  cart: cartSection,
  customer: customerSection,
  messages: messagesSection,
  "directory-data": () => ({}),
  wishlist: () => ({ counter: null, items: [] }),
};

export function sendSections(sf: Storefront, req: Request, res: Response): void {
  setNoCacheHeaders(res);
  const requested = typeof req.query.sections === "string" && req.query.sections !== ""
    ? req.query.sections.split(",").map((s) => s.trim()).filter(Boolean)
    : Object.keys(sources);
  const unknown = requested.find((name) => !(name in sources));
  if (unknown) {
    res.status(400).json({ message: `The "${unknown}" section source isn't supported.` });
    return;
  }
  const dataId = Math.floor(Date.now() / 1000);
  const body: Record<string, unknown> = {};
  for (const name of requested) body[name] = { ...sources[name]!(sf, res, req), data_id: dataId };
  res.json(body);
}
