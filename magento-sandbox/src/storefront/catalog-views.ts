import type { Catalog, Product, ProductListing } from "../catalog/types.ts";
import { formatPrice, html, trusted, type SafeHtml } from "./html.ts";

/** Luma's product page body and product grid markup (class names kept, Knockout left out). */
const imageUrl = (base: string, file: string | undefined): string =>
  file ? `${base}media/catalog/product${file}` : `${base}static/frontend/Magento/luma/en_US/Magento_Catalog/images/product/placeholder/image.jpg`;

function renderPriceBox(catalog: Catalog, product: Product): SafeHtml {
  const range = catalog.getPriceRange(product);
  const final = product.type === "simple" || product.type === "virtual" ? catalog.getFinalPrice(product) : range.minimum.final;
  const label = product.type === "configurable" || product.type === "bundle" || product.type === "grouped" ? html`<span class="price-label">As low as</span>` : "";
  return html`<div class="price-box price-final_price" data-role="priceBox" data-product-id="${product.id}" data-price-box="product-id-${product.id}"><span class="price-container price-final_price tax weee">${label}<span id="product-price-${product.id}" data-price-amount="${final}" data-price-type="finalPrice" class="price-wrapper "><span class="price">${formatPrice(final)}</span></span></span></div>`;
}

function renderConfigurableOptions(product: Product): SafeHtml {
  const options = product.configurableOptions ?? [];
  if (options.length === 0) return html``;
  return html`<div class="product-options-wrapper" id="product-options-wrapper"><div class="fieldset">${options.map(
    (o) => html`<div class="field configurable required"><label class="label" for="attribute${o.attributeId}"><span>${o.label}</span></label><div class="control"><select name="super_attribute[${o.attributeId}]" data-selector="super_attribute[${o.attributeId}]" id="attribute${o.attributeId}" class="super-attribute-select" required><option value="">Choose an Option...</option>${o.values.map(
      (v) => html`<option value="${v.valueIndex}">${v.label}</option>`,
    )}</select></div></div>`,
  )}</div></div>`;
}

/** Luma's bundle fieldset: one control per option, named bundle_option[id] (with [] for several choices). */
function renderBundleOptions(catalog: Catalog, product: Product): SafeHtml {
  const options = product.bundleOptions ?? [];
  if (options.length === 0) return html``;
  return html`<div class="fieldset fieldset-bundle-options" id="product-options-wrapper">${options.map((option) => {
    const choices = option.selections.map((s) => ({ s, child: catalog.getProductById(s.productId) })).filter((c): c is { s: typeof c.s; child: Product } => c.child !== undefined);
    const label = (c: (typeof choices)[number]) => `${c.child.name} +${formatPrice(catalog.getFinalPrice(c.child))}`;
    const control = option.type === "checkbox"
      ? html`${choices.map((c) => html`<div class="field choice"><input type="checkbox" class="bundle-option-${option.id} checkbox product bundle option" id="bundle-option-${option.id}-${c.s.id}" name="bundle_option[${option.id}][]" value="${c.s.id}"><label for="bundle-option-${option.id}-${c.s.id}"><span>${label(c)}</span></label></div>`)}`
      : html`<select id="bundle-option-${option.id}" name="bundle_option[${option.id}]${option.type === "multi" ? "[]" : ""}" class="bundle-option-${option.id} product bundle option bundle-option-select"${option.type === "multi" ? html` multiple` : ""}${option.required ? html` required` : ""}>${option.type === "multi" ? "" : html`<option value="">Choose a selection...</option>`}${choices.map((c) => html`<option value="${c.s.id}">${label(c)}</option>`)}</select>`;
    return html`<div class="field option${option.required ? " required" : ""}"><label class="label" for="bundle-option-${option.id}"><span>${option.title}</span></label><div class="control">${control}<input type="hidden" name="bundle_option_qty[${option.id}]" value="${option.selections[0]?.qty ?? 1}"></div></div>`;
  })}</div>`;
}

function renderGroupedTable(catalog: Catalog, product: Product): SafeHtml {
  const children = (product.groupedItems ?? []).map((i) => catalog.getProductById(i.productId)).filter((p): p is Product => p !== undefined);
  return html`<div class="table-wrapper grouped"><table class="table data grouped" id="super-product-table"><thead><tr><th class="col item">Product Name</th><th class="col qty">Qty</th></tr></thead><tbody>${children.map(
    (child) => html`<tr><td class="col item"><strong class="product-item-name">${child.name}</strong>${renderPriceBox(catalog, child)}</td><td class="col qty"><div class="control qty"><input type="number" name="super_group[${child.id}]" data-selector="super_group[${child.id}]" value="0" title="Qty" class="input-text qty"></div></td></tr>`,
  )}</tbody></table></div>`;
}

// Cached pages keep the first visitor's form key; Magento's form-key-provider swaps in the cookie's.
const formKeyScript = html`<script>(function(){var m=document.cookie.match(/(?:^|; )form_key=([^;]+)/);if(!m)return;document.querySelectorAll('input[name="form_key"]').forEach(function(i){i.value=decodeURIComponent(m[1])})})();</script>`;

export function renderProductView(catalog: Catalog, product: Product, base: string, formKey: string): SafeHtml {
  const image = product.media.find((m) => m.roles.includes("image")) ?? product.media[0];
  const uenc = Buffer.from(`${base}${catalog.getProductUrl(product)}`).toString("base64url");
  const inStock = product.inStock && product.enabled;
  return html`<div class="product-info-main"><div class="product-info-price">${renderPriceBox(catalog, product)}
<div class="product-info-stock-sku"><div class="stock ${inStock ? "available" : "unavailable"}" title="Availability"><span>${inStock ? "In stock" : "Out of stock"}</span></div>
<div class="product attribute sku"><strong class="type">SKU</strong><div class="value" itemprop="sku">${product.sku}</div></div></div></div>
${product.shortDescription ? html`<div class="product attribute overview"><div class="value" itemprop="description">${trusted(product.shortDescription)}</div></div>` : ""}
<div class="product-add-form"><form data-product-sku="${product.sku}" action="/checkout/cart/add/uenc/${uenc}/product/${product.id}/" method="post" id="product_addtocart_form">
<input type="hidden" name="product" value="${product.id}"><input type="hidden" name="selected_configurable_option" value=""><input type="hidden" name="related_product" id="related-products-field" value=""><input type="hidden" name="item" value="${product.id}"><input name="form_key" type="hidden" value="${formKey}">
${renderConfigurableOptions(product)}${product.type === "grouped" ? renderGroupedTable(catalog, product) : ""}${renderBundleOptions(catalog, product)}
<div class="box-tocart"><div class="fieldset"><div class="field qty"${product.type === "grouped" ? html` hidden` : ""}><label class="label" for="qty"><span>Qty</span></label><div class="control"><input type="number" name="qty" id="qty" min="0" value="1" title="Qty" class="input-text qty"></div></div>
<div class="actions"><button type="submit" title="Add to Cart" class="action primary tocart" id="product-addtocart-button"${inStock ? "" : html` disabled`}><span>Add to Cart</span></button></div></div></div>
</form></div></div>
<div class="product media"><div class="gallery-placeholder"><img alt="${image?.label || product.name}" class="gallery-placeholder__image" src="${imageUrl(base, image?.file)}"></div></div>
<div class="product info detailed"><div class="product data items"><div class="data item title" id="tab-label-description"><a class="data switch" href="#description">Details</a></div>
<div class="data item content" id="description"><div class="product attribute description"><div class="value">${trusted(product.description)}</div></div></div></div></div>${formKeyScript}`;
}

export function renderProductGrid(
  catalog: Catalog,
  listing: ProductListing,
  base: string,
  pageHref: (page: number) => string,
): SafeHtml {
  if (listing.items.length === 0) {
    return html`<div class="message info empty"><div>We can't find products matching the selection.</div></div>`;
  }
  const first = (listing.currentPage - 1) * listing.pageSize + 1;
  const last = first + listing.items.length - 1;
  return html`<div class="toolbar toolbar-products"><p class="toolbar-amount" id="toolbar-amount">Items <span class="toolbar-number">${first}</span>-<span class="toolbar-number">${last}</span> of <span class="toolbar-number">${listing.totalCount}</span></p></div>
<div class="products wrapper grid products-grid"><ol class="products list items product-items">${listing.items.map((p) => {
    const url = `${base}${catalog.getProductUrl(p)}`;
    const image = p.media.find((m) => m.roles.includes("small_image")) ?? p.media[0];
    return html`<li class="item product product-item"><div class="product-item-info" id="product-item-info_${p.id}"><a href="${url}" class="product photo product-item-photo" tabindex="-1"><img class="product-image-photo" src="${imageUrl(base, image?.file)}" alt="${p.name}" loading="lazy"></a>
<div class="product details product-item-details"><strong class="product name product-item-name"><a class="product-item-link" href="${url}">${p.name}</a></strong>${renderPriceBox(catalog, p)}</div></div></li>`;
  })}</ol></div>${renderPager(listing, pageHref)}`;
}

function renderPager(listing: ProductListing, pageHref: (page: number) => string): SafeHtml {
  if (listing.totalPages <= 1) return html``;
  const pages = Array.from({ length: listing.totalPages }, (_, i) => i + 1);
  return html`<div class="pages"><ul class="items pages-items">${pages.map((n) =>
    n === listing.currentPage
      ? html`<li class="item current"><strong class="page"><span>${n}</span></strong></li>`
      : html`<li class="item"><a class="page" href="${pageHref(n)}"><span>${n}</span></a></li>`,
  )}</ul></div>`;
}
