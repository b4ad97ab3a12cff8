import type { Request, Response, Router } from "express";
import type { Storefront } from "./context.ts";
import { html, type SafeHtml } from "./html.ts";
import { addMessage, getSession, requireFormKey } from "./session.ts";

/**
 * The footer's other destinations (contact, advanced search, popular search terms, orders and
 * returns) and the forgotten-password form, so a crawl of Luma's links finds pages, not 404s.
 * Forms post with the form key; nothing is sent anywhere.
 */
const input = (name: string, label: string, type = "text") =>
  html`<div class="field ${name} required"><label class="label" for="${name}"><span>${label}</span></label><div class="control"><input name="${name}" id="${name}" type="${type}" class="input-text" required></div></div>`;

const form = (action: string, id: string, formKey: string, fields: SafeHtml, button: string) =>
  html`<form class="form" action="${action}" id="${id}" method="post"><input name="form_key" type="hidden" value="${formKey}"><fieldset class="fieldset">${fields}</fieldset><div class="actions-toolbar"><div class="primary"><button type="submit" class="action submit primary" title="${button}"><span>${button}</span></button></div></div></form>`;

function sendContact(sf: Storefront, req: Request, res: Response): void {
  const fields = html`${input("name", "Name")}${input("email", "Email", "email")}${input("telephone", "Phone Number", "tel")}<div class="field comment required"><label class="label" for="comment"><span>What’s on your mind?</span></label><div class="control"><textarea name="comment" id="comment" class="input-text" required></textarea></div></div>`;
  sf.sendPrivate(req, res, {
    title: "Contact Us",
    bodyClass: "contact-index-index page-layout-1column",
    content: form("/contact/index/post/", "contact-form", getSession(res).formKey, fields, "Submit"),
  });
}

function sendAdvancedSearch(sf: Storefront, req: Request, res: Response): void {
  const fields = html`${["name", "sku", "description", "short_description"].map((name) => html`<div class="field ${name}"><label class="label" for="${name}"><span>${name === "sku" ? "SKU" : name.replace("_", " ")}</span></label><div class="control"><input type="text" name="${name}" id="${name}" class="input-text"></div></div>`)}<div class="field price"><label class="label" for="price"><span>Price</span></label><div class="control"><input name="price[from]" id="price" type="number" class="input-text"> - <input name="price[to]" id="price_to" type="number" class="input-text"></div></div>`;
  sf.sendPublic(req, res, {
    title: "Advanced Search",
    bodyClass: "catalogsearch-advanced-index page-layout-1column",
    breadcrumbs: [{ label: "Catalog Advanced Search", key: "search" }],
    content: html`<form class="form search advanced" action="/catalogsearch/result/" method="get" id="form-validate"><fieldset class="fieldset">${fields}</fieldset><div class="actions-toolbar"><button type="submit" class="action search primary" title="Search"><span>Search</span></button></div></form>`,
  }, ["SEARCH_QUERY"]);
}

function sendPopularTerms(sf: Storefront, req: Request, res: Response): void {
  const terms = ["bag", "jacket", "hoodie", "yoga", "shorts", "watch"];
  sf.sendPublic(req, res, {
    title: "Popular Search Terms",
    bodyClass: "search-term-popular page-layout-1column",
    breadcrumbs: [{ label: "Popular Search Terms", key: "search" }],
    content: html`<ul class="search-terms">${terms.map((t) => html`<li class="item"><a href="/catalogsearch/result/?q=${t}">${t}</a></li>`)}</ul>`,
  }, ["SEARCH_QUERY"]);
}

function sendGuestOrderForm(sf: Storefront, req: Request, res: Response): void {
  const fields = html`${input("oar_order_id", "Order ID")}${input("oar_billing_lastname", "Billing Last Name")}${input("oar_email", "Email", "email")}`;
  sf.sendPrivate(req, res, {
    title: "Orders and Returns",
    bodyClass: "sales-guest-form page-layout-1column",
    content: form("/sales/guest/view/", "oar-widget-orders-and-returns-form", getSession(res).formKey, fields, "Continue"),
  });
}

function sendForgotPassword(sf: Storefront, req: Request, res: Response): void {
  sf.sendPrivate(req, res, {
    title: "Forgot Your Password?",
    bodyClass: "customer-account-forgotpassword page-layout-1column",
    content: form("/customer/account/forgotpasswordpost/", "form-validate", getSession(res).formKey, input("email", "Email", "email"), "Reset My Password"),
  });
}

export function addMiscRoutes(router: Router, sf: Storefront): void {
  router.get(["/contact", "/contact/", "/contact/index/index/"], (req, res) => sendContact(sf, req, res));
  router.post(["/contact/index/post", "/contact/index/post/"], requireFormKey, (_req, res) => {
    addMessage(res, "success", "Thanks for contacting us with your comments and questions. We'll respond to you very soon.");
    res.redirect(302, "/contact/");
  });
  router.get(["/catalogsearch/advanced", "/catalogsearch/advanced/"], (req, res) => sendAdvancedSearch(sf, req, res));
  router.get(["/search/term/popular", "/search/term/popular/"], (req, res) => sendPopularTerms(sf, req, res));
  router.get(["/sales/guest/form", "/sales/guest/form/"], (req, res) => sendGuestOrderForm(sf, req, res));
  router.get(["/customer/account/forgotpassword", "/customer/account/forgotpassword/"], (req, res) => sendForgotPassword(sf, req, res));
  router.post(["/customer/account/forgotpasswordpost", "/customer/account/forgotpasswordpost/"], requireFormKey, (req, res) => {
    const email = String((req.body as Record<string, unknown>).email ?? "");
    addMessage(res, "success", `If there is an account associated with ${email} you will receive an email with a link to reset your password.`);
    res.redirect(302, "/customer/account/login/");
  });
}
