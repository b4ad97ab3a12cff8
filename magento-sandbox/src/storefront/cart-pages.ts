import type { Request, Response, Router } from "express";
import { CommerceError } from "../commerce/errors.ts";
import type { Cart, CartItem } from "../commerce/types.ts";
import type { Storefront } from "./context.ts";
import { formatPrice, html, scriptJson, type SafeHtml } from "./html.ts";
import { addMessage, getSession, requireFormKey } from "./session.ts";

/**
 * /checkout/cart/ and its POST actions (add, updatePost, delete). Every POST needs the
 * form_key; the quote is the session's, the same one GraphQL and REST name by masked id.
 */
export function renderCheckoutConfig(cart: Cart | undefined, signedIn: boolean): SafeHtml {
  // Stock Magento's DefaultConfigProvider puts the guest quote's MASKED id in quoteData.entity_id:
  // that is how Luma's checkout JS calls /rest/V1/guest-carts/{id}, and how a headless page can too.
  const quoteData = cart ? { entity_id: signedIn ? String(cart.id) : cart.maskedId, items_qty: cart.totals.itemsQty } : {};
  return html`<script>window.checkoutConfig = ${scriptJson({ quoteData, isCustomerLoggedIn: signedIn, storeCode: "default" })};</script>`;
}

function renderItemOptions(item: CartItem): SafeHtml {
  if (item.bundleSelections?.length) {
    return html`<dl class="item-options">${item.bundleSelections.map((s) => html`<dt>${s.optionLabel}</dt><dd>${s.qty} x ${s.name} <span class="price">${formatPrice(s.price)}</span></dd>`)}</dl>`;
  }
  if (item.selectedOptions.length === 0) return html``;
  return html`<dl class="item-options">${item.selectedOptions.map((o) => html`<dt>${o.label}</dt><dd>${o.valueLabel}</dd>`)}</dl>`;
}

function renderCart(cart: Cart, formKey: string): SafeHtml {
  const rows = cart.items.map((item) => html`<tbody class="cart item"><tr class="item-info" data-item-id="${item.id}">
<td class="col item"><strong class="product-item-name">${item.name}</strong>${renderItemOptions(item)}<div class="product-item-sku">${item.sku}</div></td>
<td class="col price"><span class="price">${formatPrice(item.price)}</span></td>
<td class="col qty"><input id="cart-${item.id}-qty" name="cart[${item.id}][qty]" value="${item.qty}" type="number" class="input-text qty" form="form-validate"></td>
<td class="col subtotal"><span class="price">${formatPrice(item.rowTotal)}</span></td>
<td class="col actions"><form action="/checkout/cart/delete/" method="post" class="action-delete"><input type="hidden" name="id" value="${item.id}"><input type="hidden" name="form_key" value="${formKey}"><button type="submit" class="action action-delete" title="Remove item">Remove item</button></form></td></tr></tbody>`);
  return html`<form action="/checkout/cart/updatePost/" method="post" id="form-validate" class="form form-cart"><input name="form_key" type="hidden" value="${formKey}">
<div class="cart table-wrapper"><table id="shopping-cart-table" class="cart items data table"><thead><tr><th class="col item">Item</th><th class="col price">Price</th><th class="col qty">Qty</th><th class="col subtotal">Subtotal</th><th></th></tr></thead>${rows}</table></div>
<div class="cart main actions"><button type="submit" name="update_cart_action" value="update_qty" title="Update Shopping Cart" class="action update">Update Shopping Cart</button></div></form>
<div class="cart-summary"><strong class="summary title">Summary</strong><table class="data table totals"><tr class="totals sub"><th class="mark">Subtotal</th><td class="amount"><span class="price">${formatPrice(cart.totals.subtotal)}</span></td></tr>
<tr class="grand totals"><th class="mark"><strong>Order Total</strong></th><td class="amount"><strong><span class="price">${formatPrice(cart.totals.grandTotal)}</span></strong></td></tr></table>
<ul class="checkout methods items checkout-methods-items"><li class="item"><a href="/checkout/" class="action primary checkout" title="Proceed to Checkout"><span>Proceed to Checkout</span></a></li></ul></div>`;
}

function sendCartPage(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const cart = sf.findCart(session);
  const empty = !cart || cart.items.length === 0;
  sf.sendPrivate(req, res, {
    title: "Shopping Cart",
    bodyClass: `checkout-cart-index page-layout-1column${empty ? " cart-empty" : ""}`,
    content: html`${empty
      ? html`<div class="cart-empty"><p>You have no items in your shopping cart.</p><p>Click <a href="/">here</a> to continue shopping.</p></div>`
      : renderCart(cart, session.formKey)}${renderCheckoutConfig(cart, session.customerId !== undefined)}`,
  });
}

function readSuperAttributes(body: Record<string, unknown>): { attributeId: number; valueIndex: number }[] {
  return Object.entries(body)
    .map(([key, value]) => [/^super_attribute\[(\d+)\]$/.exec(key)?.[1], value] as const)
    .filter(([id, value]) => id !== undefined && value !== "")
    .map(([id, value]) => ({ attributeId: Number(id), valueIndex: Number(value) }));
}

/** bundle_option[option] = selection (or an array for checkbox/multi options), bundle_option_qty[option] = qty. */
function readBundleOptions(body: Record<string, unknown>): { optionId: number; selectionId: number; qty?: number }[] {
  return Object.entries(body).flatMap(([key, value]) => {
    const optionId = /^bundle_option\[(\d+)\](?:\[\])?$/.exec(key)?.[1];
    if (optionId === undefined) return [];
    const qty = Number(body[`bundle_option_qty[${optionId}]`]);
    return (Array.isArray(value) ? value : [value])
      .filter((v) => typeof v === "string" && v !== "")
      .map((v) => ({ optionId: Number(optionId), selectionId: Number(v), ...(qty > 0 ? { qty } : {}) }));
  });
}

function readSuperGroup(body: Record<string, unknown>): { productId: number; qty: number }[] {
  return Object.entries(body)
    .map(([key, value]) => [/^super_group\[(\d+)\]$/.exec(key)?.[1], Number(value)] as const)
    .filter(([id, qty]) => id !== undefined && qty > 0)
    .map(([id, qty]) => ({ productId: Number(id), qty }));
}

function addToCart(sf: Storefront, req: Request, res: Response): void {
  const body = req.body as Record<string, unknown>;
  const session = getSession(res);
  const product = sf.catalog.getProductById(Number(body.product));
  const back = product ? `/${sf.catalog.getProductUrl(product)}` : "/checkout/cart/";
  if (!product) {
    addMessage(res, "error", "The product that was requested doesn't exist. Verify the product and try again.");
    res.redirect(302, back);
    return;
  }
  try {
    const cart = sf.ensureCart(session);
    const qty = body.qty === undefined || body.qty === "" ? 1 : Number(body.qty);
    sf.commerce.addItem(cart.maskedId, sf.viewer(session), {
      sku: product.sku, qty, configurableOptions: readSuperAttributes(body), groupedQuantities: readSuperGroup(body), bundleChoices: readBundleOptions(body),
    });
    addMessage(res, "success", `You added ${product.name} to your shopping cart.`);
    res.redirect(302, "/checkout/cart/");
  } catch (error) {
    if (!(error instanceof CommerceError)) throw error;
    addMessage(res, "error", error.message);
    res.redirect(302, back);
  }
}

function updateCart(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const cart = sf.findCart(session);
  const body = req.body as Record<string, unknown>;
  try {
    for (const [key, value] of Object.entries(body)) {
      const itemId = /^cart\[(\d+)\]\[qty\]$/.exec(key)?.[1];
      if (cart && itemId) sf.commerce.updateItemQty(cart.maskedId, sf.viewer(session), Number(itemId), Number(value));
    }
  } catch (error) {
    if (!(error instanceof CommerceError)) throw error;
    addMessage(res, "error", error.message);
  }
  res.redirect(302, "/checkout/cart/");
}

function deleteItem(sf: Storefront, req: Request, res: Response): void {
  const session = getSession(res);
  const cart = sf.findCart(session);
  const id = Number((req.body as Record<string, unknown>).id);
  if (cart && cart.items.some((i) => i.id === id)) sf.commerce.removeItem(cart.maskedId, sf.viewer(session), id);
  res.redirect(302, "/checkout/cart/");
}

export function addCartRoutes(router: Router, sf: Storefront): void {
  router.get(["/checkout/cart", "/checkout/cart/", "/checkout/cart/index", "/checkout/cart/index/"], (req, res) => sendCartPage(sf, req, res));
  // Luma posts to /checkout/cart/add/uenc/<base64 url>/product/<id>/: the path pairs are optional here.
  router.post(/^\/checkout\/cart\/add(\/.*)?$/, requireFormKey, (req, res) => addToCart(sf, req, res));
  router.post(["/checkout/cart/updatePost", "/checkout/cart/updatePost/"], requireFormKey, (req, res) => updateCart(sf, req, res));
  router.post(["/checkout/cart/delete", "/checkout/cart/delete/"], requireFormKey, (req, res) => deleteItem(sf, req, res));
}
