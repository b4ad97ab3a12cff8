import type { Request, Response, Router } from "express";
import { CommerceError, InputError } from "../commerce/errors.ts";
import type { Order } from "../commerce/types.ts";
import { deleteCookie } from "./cookies.ts";
import type { Storefront } from "./context.ts";
import { formatPrice, html, type SafeHtml } from "./html.ts";
import { addMessage, applyVary, getSession, requireFormKey, resendSessionCookie } from "./session.ts";

/**
 * Sign-in (with Magento's quote merge), sign-out, registration, dashboard and order history.
 * Signing in regenerates the session id, drops mage-cache-sessid (so Luma's JS reloads its
 * sections) and sets X-Magento-Vary; the guest quote is merged into the customer's quote.
 */
const loginForm = (formKey: string) => html`<div class="block block-customer-login"><div class="block-title"><strong id="block-customer-login-heading">Registered Customers</strong></div>
<form class="form form-login" action="/customer/account/loginPost/" method="post" id="login-form"><input name="form_key" type="hidden" value="${formKey}">
<div class="field email required"><label class="label" for="email"><span>Email</span></label><div class="control"><input name="login[username]" type="email" id="email" class="input-text" required></div></div>
<div class="field password required"><label for="pass" class="label"><span>Password</span></label><div class="control"><input name="login[password]" type="password" id="pass" class="input-text" required></div></div>
<div class="actions-toolbar"><div class="primary"><button type="submit" class="action login primary" name="send" id="send2"><span>Sign In</span></button></div></div></form></div>`;

function signIn(sf: Storefront, req: Request, res: Response, customerId: number): void {
  const session = getSession(res);
  const guest = session.customerId === undefined && session.cartMaskedId ? sf.commerce.findCart(session.cartMaskedId) : undefined;
  const cart = guest?.isActive && guest.customerId === undefined
    ? sf.commerce.mergeCarts(guest.maskedId, customerId)
    : sf.commerce.getCustomerCart(customerId);
  session.customerId = customerId;
  session.cartMaskedId = cart.maskedId;
  sf.commerce.sessions.regenerate(session);
  resendSessionCookie(req, res);
  deleteCookie(req, res, "mage-cache-sessid");
  applyVary(req, res, sf.commerce, sf.varyFor);
}

function loginPost(sf: Storefront, req: Request, res: Response): void {
  const body = req.body as Record<string, string | undefined>;
  try {
    const customer = sf.commerce.authenticate(body["login[username]"] ?? "", body["login[password]"] ?? "");
    signIn(sf, req, res, customer.id);
    res.redirect(302, "/customer/account/");
  } catch (error) {
    if (!(error instanceof CommerceError)) throw error;
    addMessage(res, "error", error.message);
    res.redirect(302, "/customer/account/login/");
  }
}

function createPost(sf: Storefront, req: Request, res: Response): void {
  const body = req.body as Record<string, string | undefined>;
  try {
    if (body.password !== body.password_confirmation) throw new InputError("Please make sure your passwords match.");
    const customer = sf.commerce.createCustomer({
      email: body.email ?? "", password: body.password ?? "", firstname: body.firstname ?? "", lastname: body.lastname ?? "",
    });
    signIn(sf, req, res, customer.id);
    addMessage(res, "success", "Thank you for registering with Main Website Store.");
    res.redirect(302, "/customer/account/");
  } catch (error) {
    if (!(error instanceof CommerceError)) throw error;
    addMessage(res, "error", error.message);
    res.redirect(302, "/customer/account/create/");
  }
}

function logout(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  session.customerId = undefined;
  session.cartMaskedId = undefined;
  deleteCookie(req, res, "mage-cache-sessid");
  applyVary(req, res, sf.commerce, sf.varyFor);
  res.redirect(302, "/customer/account/logoutSuccess/");
}

function ordersTable(orders: Order[]): SafeHtml {
  if (orders.length === 0) return html`<div class="message info empty"><span>You have placed no orders.</span></div>`;
  return html`<div class="table-wrapper orders-history"><table class="data table table-order-items history" id="my-orders-table"><thead><tr><th class="col id">Order #</th><th class="col date">Date</th><th class="col shipping">Ship To</th><th class="col total">Order Total</th><th class="col status">Status</th><th class="col actions">Action</th></tr></thead><tbody>${orders.map(
    (o) => html`<tr><td data-th="Order #" class="col id">${o.incrementId}</td><td data-th="Date" class="col date">${new Date(o.createdAt).toLocaleDateString("en-US")}</td><td data-th="Ship To" class="col shipping">${o.shippingAddress ? `${o.shippingAddress.firstname} ${o.shippingAddress.lastname}` : ""}</td><td data-th="Order Total" class="col total"><span class="price">${formatPrice(o.totals.grandTotal)}</span></td><td data-th="Status" class="col status">Pending</td><td data-th="Actions" class="col actions"><a href="/sales/order/view/order_id/${o.id}/" class="action view"><span>View Order</span></a></td></tr>`,
  )}</tbody></table></div>`;
}

function orderView(order: Order): SafeHtml {
  const address = order.shippingAddress ?? order.billingAddress;
  return html`<div class="order-status"><span class="order-status">Pending</span></div><div class="order-date"><span class="label">Order Date:</span> <date>${new Date(order.createdAt).toLocaleDateString("en-US")}</date></div>
<div class="table-wrapper order-items"><table class="data table table-order-items" id="my-orders-table"><thead><tr><th class="col name">Product Name</th><th class="col sku">SKU</th><th class="col price">Price</th><th class="col qty">Qty</th><th class="col subtotal">Subtotal</th></tr></thead><tbody>${order.items.map(
    (i) => html`<tr><td class="col name"><strong class="product name product-item-name">${i.name}</strong></td><td class="col sku">${i.sku}</td><td class="col price"><span class="price">${formatPrice(i.price)}</span></td><td class="col qty">Ordered: ${i.qtyOrdered}</td><td class="col subtotal"><span class="price">${formatPrice(i.rowTotal)}</span></td></tr>`,
  )}</tbody><tfoot><tr class="grand_total"><th class="mark">Grand Total</th><td class="amount"><span class="price">${formatPrice(order.totals.grandTotal)}</span></td></tr></tfoot></table></div>
<div class="block block-order-details-view"><div class="box box-order-shipping-address"><strong class="box-title"><span>Shipping Address</span></strong><div class="box-content"><address>${address.firstname} ${address.lastname}<br>${address.street.join(", ")}<br>${address.city}, ${address.region ?? ""}, ${address.postcode}</address></div></div>
<div class="box box-order-shipping-method"><strong class="box-title"><span>Shipping Method</span></strong><div class="box-content">${order.shippingMethod ? `${order.shippingMethod.carrierTitle} - ${order.shippingMethod.methodTitle}` : ""}</div></div>
<div class="box box-order-billing-method"><strong class="box-title"><span>Payment Method</span></strong><div class="box-content">${order.paymentMethod.title}</div></div></div>`;
}

/** Account pages need a signed-in customer; guests go to the login page, as Magento does. */
function withCustomer(sf: Storefront, render: (req: Request, res: Response, customerId: number) => void) {
  return (req: Request, res: Response): void => {
    const customerId = getSession(res).customerId;
    if (customerId === undefined || !sf.commerce.getCustomer(customerId)) {
      res.redirect(302, "/customer/account/login/");
      return;
    }
    render(req, res, customerId);
  };
}

export function addAccountRoutes(router: Router, sf: Storefront): void {
  const page = (title: string, bodyClass: string, content: SafeHtml) => ({ title, bodyClass: `${bodyClass} page-layout-2columns-left`, content });
  router.get(["/customer/account/login", "/customer/account/login/"], (req, res) => {
    if (getSession(res).customerId !== undefined) return res.redirect(302, "/customer/account/");
    sf.sendPrivate(req, res, page("Customer Login", "customer-account-login", loginForm(getSession(res).formKey)));
  });
  router.post(["/customer/account/loginPost", "/customer/account/loginPost/"], requireFormKey, (req, res) => loginPost(sf, req, res));
  router.get(["/customer/account/create", "/customer/account/create/"], (req, res) => {
    const key = getSession(res).formKey;
    const field = (name: string, label: string, type = "text") => html`<div class="field required"><label class="label" for="${name}"><span>${label}</span></label><div class="control"><input type="${type}" id="${name}" name="${name}" class="input-text" required></div></div>`;
    sf.sendPrivate(req, res, page("Create New Customer Account", "customer-account-create", html`<form class="form create account form-create-account" action="/customer/account/createpost/" method="post" id="form-validate"><input name="form_key" type="hidden" value="${key}">${field("firstname", "First Name")}${field("lastname", "Last Name")}${field("email", "Email", "email")}${field("password", "Password", "password")}${field("password_confirmation", "Confirm Password", "password")}<div class="actions-toolbar"><button type="submit" class="action submit primary" title="Create an Account"><span>Create an Account</span></button></div></form>`));
  });
  router.post(["/customer/account/createpost", "/customer/account/createpost/"], requireFormKey, (req, res) => createPost(sf, req, res));
  router.get(["/customer/account/logout", "/customer/account/logout/"], (req, res) => logout(sf, req, res));
  router.get(["/customer/account/logoutSuccess", "/customer/account/logoutSuccess/"], (req, res) =>
    sf.sendPrivate(req, res, page("You are signed out", "customer-account-logoutsuccess", html`<p>You have signed out and will go to our homepage in 5 seconds.</p>`)),
  );
  router.get(["/customer/account", "/customer/account/", "/customer/account/index", "/customer/account/index/"], withCustomer(sf, (req, res, customerId) => {
    const customer = sf.commerce.getCustomer(customerId)!;
    sf.sendPrivate(req, res, page("My Account", "customer-account-index", html`<div class="block block-dashboard-info"><div class="block-title"><strong>Account Information</strong></div><div class="box box-information"><strong class="box-title"><span>Contact Information</span></strong><div class="box-content"><p>${customer.firstname} ${customer.lastname}<br>${customer.email}</p></div></div></div>
<div class="block block-dashboard-orders"><div class="block-title order"><strong>Recent Orders</strong> <a class="action view" href="/sales/order/history/"><span>View All</span></a></div>${ordersTable(sf.commerce.listCustomerOrders(customerId).slice(-5).reverse())}</div>`));
  }));
  router.get(["/sales/order/history", "/sales/order/history/"], withCustomer(sf, (req, res, customerId) => {
    sf.sendPrivate(req, res, page("My Orders", "sales-order-history", ordersTable(sf.commerce.listCustomerOrders(customerId).reverse())));
  }));
  router.get(/^\/sales\/order\/view\/order_id\/(\d+)\/?$/, withCustomer(sf, (req, res, customerId) => {
    const order = sf.commerce.getOrder(Number(/order_id\/(\d+)/.exec(req.path)?.[1]));
    // Another customer's order is "not found" for this one, as Magento's order view answers.
    if (!order || order.customerId !== customerId) {
      addMessage(res, "error", "This order no longer exists.");
      res.redirect(302, "/sales/order/history/");
      return;
    }
    sf.sendPrivate(req, res, { ...page(`Order # ${order.incrementId}`, "sales-order-view", orderView(order)) });
  }));
}
