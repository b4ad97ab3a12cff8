import type { Catalog, Category } from "../catalog/types.ts";
import type { SessionMessage } from "../commerce/types.ts";
import { html, type SafeHtml } from "./html.ts";
import { STATIC_VERSION, themeStylesheets } from "./theme-assets.ts";

/**
 * Luma's page shell: head (title, meta, canonical, robots), .page-header with the mini cart,
 * the .navigation category menu, .breadcrumbs, .page-title, messages, .page-footer.
 */
export interface Breadcrumb {
  label: string;
  url?: string;
  /** Luma's item class suffix, e.g. `category12`, `product`, `cms_page`. */
  key: string;
}

export interface PageView {
  title: string;
  metaDescription?: string;
  metaKeywords?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  /** Default INDEX,FOLLOW. */
  robots?: string;
  bodyClass: string;
  breadcrumbs?: Breadcrumb[];
  /** The h1; defaults to the title. Empty string = no title block (home). */
  heading?: string;
  content: SafeHtml;
  /** The quick-search text a results page shows back in the header's search box, as Luma does. */
  searchText?: string;
  /** The left column (layered navigation) of a 2columns-left page. */
  sidebar?: SafeHtml;
}

export interface Chrome {
  catalog: Catalog;
  baseUrl: string;
  messages: SessionMessage[];
  /** Private pages know the cart count and the shopper; cacheable pages leave them to JS. */
  cartCount?: number;
  customerName?: string;
}

function renderMenu(chrome: Chrome, parent: Category, level: number): SafeHtml {
  const children = chrome.catalog
    .getChildren(parent.id)
    .filter((c) => c.includeInMenu && c.isActive)
    .sort((a, b) => a.position - b.position);
  if (children.length === 0) return html``;
  return html`<ul class="${level === 0 ? "" : `level${level - 1} submenu`}">${children.map(
    (c, index) => html`<li class="level${level} nav-${index + 1} category-item${level === 0 ? " level-top" : ""}"><a href="${chrome.baseUrl}${chrome.catalog.getCategoryUrl(c)}"${level === 0 ? html` class="level-top"` : ""}><span>${c.name}</span></a>${level < 2 ? renderMenu(chrome, c, level + 1) : ""}</li>`,
  )}</ul>`;
}

function renderHeader(chrome: Chrome, searchText = ""): SafeHtml {
  const count = chrome.cartCount;
  const links = chrome.customerName
    ? html`<li class="greet welcome"><span class="logged-in">Welcome, ${chrome.customerName}!</span></li><li><a href="/customer/account/">My Account</a></li><li class="authorization-link"><a href="/customer/account/logout/">Sign Out</a></li>`
    : html`<li class="greet welcome"><span class="not-logged-in">Default welcome msg!</span></li><li class="authorization-link"><a href="/customer/account/login/">Sign In</a></li><li><a href="/customer/account/create/">Create an Account</a></li>`;
  return html`<header class="page-header"><div class="panel wrapper"><div class="panel header"><ul class="header links">${links}</ul></div></div>
<div class="header content"><a class="logo" href="/" title="Luma"><img src="/static/version${STATIC_VERSION}/frontend/Magento/luma/en_US/images/logo.svg" alt="Luma" width="148" height="43"></a>
<div data-block="minicart" class="minicart-wrapper"><a class="action showcart" href="/checkout/cart/"><span class="text">My Cart</span><span class="counter qty${count ? "" : " empty"}"><span class="counter-number">${count ?? ""}</span></span></a></div>
<div class="block block-search"><form class="form minisearch" id="search_mini_form" action="/catalogsearch/result/" method="get"><label class="label" for="search">Search</label><input id="search" type="text" name="q" value="${searchText}" placeholder="Search entire store here..." class="input-text" maxlength="128"><button type="submit" title="Search" class="action search">Search</button></form></div>
</div></header>`;
}

function renderBreadcrumbs(items: Breadcrumb[] | undefined): SafeHtml {
  if (!items || items.length === 0) return html``;
  return html`<div class="breadcrumbs"><ul class="items"><li class="item home"><a href="/" title="Go to Home Page">Home</a></li>${items.map((b) =>
    b.url ? html`<li class="item ${b.key}"><a href="${b.url}" title="${b.label}">${b.label}</a></li>` : html`<li class="item ${b.key}"><strong>${b.label}</strong></li>`,
  )}</ul></div>`;
}

function renderMessages(messages: SessionMessage[]): SafeHtml {
  if (messages.length === 0) return html``;
  return html`<div class="page messages"><div class="messages">${messages.map(
    (m) => html`<div class="message-${m.type} ${m.type} message" data-ui-id="message-${m.type}"><div>${m.text}</div></div>`,
  )}</div></div>`;
}

const footer = html`<footer class="page-footer"><div class="footer content"><ul class="footer links">
<li class="nav item"><a href="/search/term/popular/">Search Terms</a></li><li class="nav item"><a href="/privacy-policy-cookie-restriction-mode">Privacy and Cookie Policy</a></li>
<li class="nav item"><a href="/catalogsearch/advanced/">Advanced Search</a></li><li class="nav item"><a href="/sales/guest/form/">Orders and Returns</a></li>
<li class="nav item"><a href="/contact/">Contact Us</a></li><li class="nav item"><a href="/about-us">About us</a></li><li class="nav item"><a href="/customer-service">Customer Service</a></li></ul>
<small class="copyright"><span>Copyright © 2013-present Magento, Inc. All rights reserved.</span></small></div></footer>`;

// Luma fills the mini cart from the customer-data "cart" section; this is that, minus Knockout.
const minicartScript = html`<script>fetch("/customer/section/load/?sections=cart",{credentials:"same-origin"}).then(function(r){return r.json()}).then(function(d){var n=document.querySelector(".minicart-wrapper .counter-number");if(n&&d.cart&&d.cart.summary_count){n.textContent=d.cart.summary_count;n.parentElement.classList.remove("empty")}}).catch(function(){});</script>`;

export function renderPage(chrome: Chrome, page: PageView): string {
  const root = chrome.catalog.getCategoryById(chrome.catalog.rootCategoryId);
  const heading = page.heading ?? page.title;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="title" content="${page.title}">
${page.metaDescription ? html`<meta name="description" content="${page.metaDescription}">` : ""}
${page.metaKeywords ? html`<meta name="keywords" content="${page.metaKeywords}">` : ""}
<meta name="robots" content="${page.robots ?? "INDEX,FOLLOW"}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${themeStylesheets(chrome.baseUrl).map((sheet) => html`<link rel="stylesheet" type="text/css" media="${sheet.media}" href="${sheet.href}">`)}
${page.canonical ? html`<link rel="canonical" href="${page.canonical}">` : ""}
</head><body class="${page.bodyClass}" id="html-body"><div class="page-wrapper">
${renderHeader(chrome, page.searchText)}
<div class="sections nav-sections"><nav class="navigation" data-action="navigation">${root ? renderMenu(chrome, root, 0) : ""}</nav></div>
${renderBreadcrumbs(page.breadcrumbs)}
<main id="maincontent" class="page-main">${heading ? html`<div class="page-title-wrapper"><h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper">${heading}</span></h1></div>` : ""}
${renderMessages(chrome.messages)}<div class="columns"><div class="column main">${page.content}</div>${page.sidebar && page.sidebar.value ? html`<div class="sidebar sidebar-main">${page.sidebar}</div>` : ""}</div></main>
${footer}</div>${chrome.cartCount === undefined ? minicartScript : ""}</body></html>`.value;
}
