import { Router, type Request } from "express";
import { NoSuchEntityError } from "../commerce/errors.ts";
import type { AddItemInput, Commerce, Viewer } from "../commerce/types.ts";
import { requireCustomer } from "./auth.ts";
import { readAddress, shapeCart, shapeCartItem, shapeShippingMethod, shapeTotals } from "./cart-shapes.ts";
import { handle, noSuchEntity, readField, RestError } from "./respond.ts";

/**
 * guest-carts/{cartId}/… (masked id, anonymous) and carts/mine/… (customer token) share one set
 * of handlers; only the way the quote is found differs, as in Magento's Guest* wrappers.
 */
interface CartRef {
  maskedId: string;
  viewer: Viewer;
  /** quote_id as REST shows it on items: the masked id for guests, the quote id for mine. */
  quoteId: string;
}

type FindCart = (req: Request) => CartRef;

export function createCartRoutes(commerce: Commerce): Router {
  const router = Router();
  const guest: FindCart = (req) => {
    const maskedId = String(req.params.cartId);
    const cart = commerce.findCart(maskedId);
    // A missing, inactive or customer-owned quote is "no such entity" for the guest API.
    if (!cart || !cart.isActive || cart.customerId !== undefined) throw noSuchEntity("cartId", maskedId);
    return { maskedId, viewer: {}, quoteId: maskedId };
  };
  const mine: FindCart = (req) => {
    const customerId = requireCustomer(commerce, req);
    const cart = commerce.getCustomerCart(customerId);
    return { maskedId: cart.maskedId, viewer: { customerId }, quoteId: String(cart.id) };
  };

  router.post("/V1/guest-carts", handle(() => commerce.createGuestCart().maskedId));
  router.post("/V1/carts/mine", handle((req) => commerce.getCustomerCart(requireCustomer(commerce, req)).id));
  router.put("/V1/guest-carts/:cartId", handle((req) => {
    const customerId = requireCustomer(commerce, req);
    const { maskedId } = guest(req);
    readField(req.body, "storeId");
    commerce.assignGuestCart(maskedId, customerId);
    return true;
  }));
  addCartOperations(router, "/V1/guest-carts/:cartId", guest, commerce, true);
  addCartOperations(router, "/V1/carts/mine", mine, commerce, false);
  return router;
}

interface RestProductOption {
  configurable_item_options?: { option_id: string; option_value: number }[];
  bundle_options?: { option_id: number; option_qty?: number; option_selections?: number[] }[];
}

function readItemInput(body: unknown): AddItemInput {
  const item = readField<Record<string, unknown>>(body, "cartItem");
  const sku = readField<string>(item, "sku");
  const extension = (item.product_option as { extension_attributes?: RestProductOption } | undefined)?.extension_attributes;
  const options = extension?.configurable_item_options;
  const bundle = extension?.bundle_options;
  return {
    sku: String(sku),
    qty: Number(item.qty ?? 1),
    configurableOptions: options?.map((o) => ({ attributeId: Number(o.option_id), valueIndex: Number(o.option_value) })),
    ...(Array.isArray(bundle) ? { bundleChoices: bundle.flatMap((o) => (Array.isArray(o.option_selections) ? o.option_selections : []).map((selectionId) => ({
      optionId: Number(o.option_id), selectionId: Number(selectionId), ...(o.option_qty ? { qty: Number(o.option_qty) } : {}),
    }))) } : {}),
  };
}

interface Routes {
  router: Router;
  base: string;
  find: FindCart;
  commerce: Commerce;
}

function addCartOperations(router: Router, base: string, find: FindCart, commerce: Commerce, isGuest: boolean): void {
  const routes = { router, base, find, commerce };
  addItemRoutes(routes);
  addCheckoutRoutes(routes, isGuest);
}

function addItemRoutes({ router, base, find, commerce }: Routes): void {
  const load = (ref: CartRef) => commerce.getCart(ref.maskedId, ref.viewer);
  const customerOf = (ref: CartRef) => (ref.viewer.customerId ? commerce.getCustomer(ref.viewer.customerId) : undefined);
  const itemId = (req: Request): number => {
    const value = String(req.params.itemId);
    if (!/^\d+$/.test(value)) {
      throw new RestError(400, 'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.', { value, type: "int" });
    }
    return Number(value);
  };

  router.get(base, handle((req) => {
    const ref = find(req);
    return shapeCart(load(ref), customerOf(ref), ref.quoteId);
  }));
  router.get(`${base}/items`, handle((req) => {
    const ref = find(req);
    return load(ref).items.map((i) => shapeCartItem(i, ref.quoteId));
  }));
  router.post(`${base}/items`, handle((req) => {
    const ref = find(req);
    const { item } = commerce.addItem(ref.maskedId, ref.viewer, readItemInput(req.body));
    return shapeCartItem(item, ref.quoteId);
  }));
  router.put(`${base}/items/:itemId`, handle((req) => {
    const ref = find(req);
    const qty = Number(readField<Record<string, unknown>>(req.body, "cartItem").qty);
    const cart = commerce.updateItemQty(ref.maskedId, ref.viewer, itemId(req), qty);
    const item = cart.items.find((i) => i.id === itemId(req));
    if (!item) throw new NoSuchEntityError("The %1 Cart doesn't contain the %2 item.", [String(cart.id), String(itemId(req))]);
    return shapeCartItem(item, ref.quoteId);
  }));
  router.delete(`${base}/items/:itemId`, handle((req) => {
    const ref = find(req);
    commerce.removeItem(ref.maskedId, ref.viewer, itemId(req));
    return true;
  }));
  router.get(`${base}/totals`, handle((req) => shapeTotals(load(find(req)))));
}

function addCheckoutRoutes({ router, base, find, commerce }: Routes, isGuest: boolean): void {
  router.get(`${base}/shipping-methods`, handle((req) => {
    const ref = find(req);
    return commerce.getShippingMethods(ref.maskedId, ref.viewer).map(shapeShippingMethod);
  }));
  router.post(`${base}/estimate-shipping-methods`, handle((req) => {
    const ref = find(req);
    const address = readAddress(readField(req.body, "address"));
    return commerce.estimateShippingMethods(ref.maskedId, ref.viewer, address).map(shapeShippingMethod);
  }));
  router.get(`${base}/payment-methods`, handle((req) => {
    const ref = find(req);
    return commerce.getPaymentMethods(ref.maskedId, ref.viewer);
  }));
  router.post(`${base}/shipping-information`, handle((req) => {
    const ref = find(req);
    const info = readField<Record<string, unknown>>(req.body, "addressInformation");
    const shipping = readAddress(readField(info, "shipping_address"));
    commerce.setShippingAddress(ref.maskedId, ref.viewer, shipping);
    const billing = info.billing_address ? readAddress(info.billing_address as Record<string, unknown>) : shipping;
    commerce.setBillingAddress(ref.maskedId, ref.viewer, billing);
    const cart = commerce.setShippingMethod(ref.maskedId, ref.viewer, readField(info, "shipping_carrier_code"), readField(info, "shipping_method_code"));
    return { payment_methods: commerce.getPaymentMethods(ref.maskedId, ref.viewer), totals: shapeTotals(cart) };
  }));
  router.post(`${base}/billing-address`, handle((req) => {
    const ref = find(req);
    const address = readAddress(readField(req.body, "address"));
    const useForShipping = (req.body as Record<string, unknown>).useForShipping === true;
    return commerce.setBillingAddress(ref.maskedId, ref.viewer, address, useForShipping).id * 2;
  }));
  router.put(`${base}/order`, handle((req) => {
    const ref = find(req);
    const payment = (req.body as Record<string, unknown> | undefined)?.paymentMethod as Record<string, unknown> | undefined;
    if (payment) commerce.setPaymentMethod(ref.maskedId, ref.viewer, String(readField(payment, "method")));
    return commerce.placeOrder(ref.maskedId, ref.viewer).id;
  }));
  router.post(`${base}/payment-information`, handle((req) => {
    const ref = find(req);
    if (isGuest) commerce.setGuestEmail(ref.maskedId, ref.viewer, String(readField(req.body, "email")));
    const payment = readField<Record<string, unknown>>(req.body, "paymentMethod");
    const billing = (req.body as Record<string, unknown>).billingAddress as Record<string, unknown> | undefined;
    if (billing) commerce.setBillingAddress(ref.maskedId, ref.viewer, readAddress(billing));
    commerce.setPaymentMethod(ref.maskedId, ref.viewer, String(readField(payment, "method")));
    return commerce.placeOrder(ref.maskedId, ref.viewer).id;
  }));
}
