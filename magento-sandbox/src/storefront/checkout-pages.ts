import type { Request, Response, Router } from "express";
import { CommerceError } from "../commerce/errors.ts";
import type { Address } from "../commerce/types.ts";
import { renderCheckoutConfig } from "./cart-pages.ts";
import type { Storefront } from "./context.ts";
import { formatPrice, html } from "./html.ts";
import { addMessage, getSession, requireFormKey } from "./session.ts";

/**
 * A one-page checkout in plain HTML forms (Luma's is a Knockout app over REST; the result is
 * the same quote → order conversion): POST /checkout/ places the order, then
 * /checkout/onepage/success/ shows its number once.
 */
const field = (name: string, label: string, value = "", type = "text") =>
  html`<div class="field required"><label class="label" for="${name}"><span>${label}</span></label><div class="control"><input class="input-text" type="${type}" id="${name}" name="${name}" value="${value}" required></div></div>`;

function sendCheckoutPage(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const cart = sf.findCart(session);
  if (!cart || cart.items.length === 0) {
    res.redirect(302, "/checkout/cart/");
    return;
  }
  const customer = session.customerId !== undefined ? sf.commerce.getCustomer(session.customerId) : undefined;
  const saved: Partial<Address> = cart.shippingAddress ?? customer?.addresses[0] ?? {};
  const methods = sf.commerce.getShippingMethods(cart.maskedId, sf.viewer(session));
  const content = html`<form class="form checkout-onepage" id="co-checkout-form" action="/checkout/" method="post"><input name="form_key" type="hidden" value="${session.formKey}">
<fieldset class="fieldset" id="shipping"><legend class="legend"><span>Shipping Address</span></legend>
${customer ? "" : field("email", "Email Address", cart.email ?? "", "email")}
${field("firstname", "First Name", saved.firstname ?? customer?.firstname)}${field("lastname", "Last Name", saved.lastname ?? customer?.lastname)}
${field("street", "Street Address", saved.street?.[0])}${field("city", "City", saved.city)}${field("region", "State/Province", saved.region)}
${field("postcode", "Zip/Postal Code", saved.postcode)}<input type="hidden" name="country_id" value="US">${field("telephone", "Phone Number", saved.telephone, "tel")}</fieldset>
<fieldset class="fieldset" id="opc-shipping_method"><legend class="legend"><span>Shipping Methods</span></legend>${methods.map(
    (m, index) => html`<div class="field choice"><input type="radio" class="radio" id="s_method_${m.carrierCode}_${m.methodCode}" name="shipping_method" value="${m.carrierCode}_${m.methodCode}"${index === 0 ? html` checked` : ""}><label for="s_method_${m.carrierCode}_${m.methodCode}">${formatPrice(m.amount)} ${m.methodTitle} (${m.carrierTitle})</label></div>`,
  )}</fieldset>
<fieldset class="fieldset" id="payment"><legend class="legend"><span>Payment Method</span></legend><div class="field choice"><input type="radio" class="radio" id="checkmo" name="payment_method" value="checkmo" checked><label for="checkmo">Check / Money order</label></div></fieldset>
<div class="opc-block-summary"><span class="title">Order Summary</span> <span class="grand totals price">${formatPrice(cart.totals.subtotal)}</span></div>
<div class="actions-toolbar"><button type="submit" class="action primary checkout" title="Place Order"><span>Place Order</span></button></div></form>${renderCheckoutConfig(cart, customer !== undefined)}`;
  sf.sendPrivate(req, res, { title: "Checkout", bodyClass: "checkout-index-index page-layout-checkout", content });
}

function placeOrder(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const cart = sf.findCart(session);
  if (!cart) {
    res.redirect(302, "/checkout/cart/");
    return;
  }
  const body = req.body as Record<string, string | undefined>;
  const viewer = sf.viewer(session);
  const address: Address = {
    firstname: body.firstname ?? "", lastname: body.lastname ?? "", street: [body.street ?? ""], city: body.city ?? "",
    region: body.region, postcode: body.postcode ?? "", countryId: body.country_id ?? "US", telephone: body.telephone ?? "",
    email: body.email,
  };
  try {
    if (session.customerId === undefined) sf.commerce.setGuestEmail(cart.maskedId, viewer, body.email ?? "");
    sf.commerce.setShippingAddress(cart.maskedId, viewer, address);
    sf.commerce.setBillingAddress(cart.maskedId, viewer, address);
    const [carrier = "", method = ""] = (body.shipping_method ?? "").split("_");
    sf.commerce.setShippingMethod(cart.maskedId, viewer, carrier, method);
    sf.commerce.setPaymentMethod(cart.maskedId, viewer, body.payment_method ?? "");
    const order = sf.commerce.placeOrder(cart.maskedId, viewer);
    session.lastOrderId = order.id;
    session.cartMaskedId = undefined;
    res.redirect(302, "/checkout/onepage/success/");
  } catch (error) {
    if (!(error instanceof CommerceError)) throw error;
    addMessage(res, "error", error.message);
    res.redirect(302, "/checkout/");
  }
}

function sendSuccessPage(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const order = session.lastOrderId !== undefined ? sf.commerce.getOrder(session.lastOrderId) : undefined;
  if (!order) {
    res.redirect(302, "/checkout/cart/");
    return;
  }
  session.lastOrderId = undefined;
  const number = order.customerId !== undefined
    ? html`<a href="/sales/order/view/order_id/${order.id}/" class="order-number"><strong>${order.incrementId}</strong></a>`
    : html`<span>${order.incrementId}</span>`;
  sf.sendPrivate(req, res, {
    title: "Success Page",
    heading: "Thank you for your purchase!",
    bodyClass: "checkout-onepage-success page-layout-1column",
    content: html`<div class="checkout-success"><p>Your order # is: ${number}.</p><p>We'll email you an order confirmation with details and tracking info.</p>
<div class="actions-toolbar"><div class="primary"><a class="action primary continue" href="/"><span>Continue Shopping</span></a></div></div></div>`,
  });
}

export function addCheckoutRoutes(router: Router, sf: Storefront): void {
  router.get(["/checkout", "/checkout/", "/checkout/index", "/checkout/index/"], (req, res) => sendCheckoutPage(sf, req, res));
  router.post(["/checkout", "/checkout/"], requireFormKey, (req, res) => placeOrder(sf, req, res));
  router.get(["/checkout/onepage/success", "/checkout/onepage/success/"], (req, res) => sendSuccessPage(sf, req, res));
}
