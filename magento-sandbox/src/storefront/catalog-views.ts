import type { Product, ProductListing } from "../catalog/types.ts";
import { html, trusted, type SafeHtml } from "./html.ts";
import type { PricedCatalog } from "./shopper-pricing.ts";

/** Luma's product page body and product grid markup (class names kept, Knockout left out). */
const imageUrl = (base: string, file: string | undefined): string =>
  file ? `${base}media/catalog/product${file}` : `${base}static/frontend/Magento/luma/en_US/Magento_Catalog/images/product/placeholder/image.jpg`;

const isComposite = (product: Product): boolean => product.type === "configurable" || product.type === "bundle" || product.type === "grouped";

function renderPriceBox(catalog: PricedCatalog, product: Product): SafeHtml {
  const range = catalog.getPriceRange(product);
  const final = product.type === "simple" || product.type === "virtual" ? catalog.getFinalPrice(product) : range.minimum.final;
  const regular = range.minimum.regular;
  // Luma's final_price.phtml: a price below the regular one (special price, catalog rule) shows
  // "Special Price" over the struck "Regular Price" (oldPrice); composite products show "As low as".
  if (!isComposite(product) && regular > final) {
    return html`<div class="price-box price-final_price" data-role="priceBox" data-product-id="${product.id}" data-price-box="product-id-${product.id}"><span class="special-price"><span class="price-container price-final_price tax weee"><span class="price-label">Special Price</span><span id="product-price-${product.id}" data-price-amount="${final}" data-price-type="finalPrice" class="price-wrapper "><span class="price">${catalog.formatPrice(final)}</span></span></span></span><span class="old-price"><span class="price-container price-final_price tax weee"><span class="price-label">Regular Price</span><span id="old-price-${product.id}" data-price-amount="${regular}" data-price-type="oldPrice" class="price-wrapper "><span class="price">${catalog.formatPrice(regular)}</span></span></span></span></div>`;
  }
  const label = isComposite(product) ? html`<span class="price-label">As low as</span>` : "";
  return html`<div class="price-box price-final_price" data-role="priceBox" data-product-id="${product.id}" data-price-box="product-id-${product.id}"><span class="price-container price-final_price tax weee">${label}<span id="product-price-${product.id}" data-price-amount="${final}" data-price-type="finalPrice" class="price-wrapper "><span class="price">${catalog.formatPrice(final)}</span></span></span></div>`;
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
function renderBundleOptions(catalog: PricedCatalog, product: Product): SafeHtml {
  const options = product.bundleOptions ?? [];
  if (options.length === 0) return html``;
  return html`<div class="fieldset fieldset-bundle-options" id="product-options-wrapper">${options.map((option) => {
    const choices = option.selections.map((s) => ({ s, child: catalog.getProductById(s.productId) })).filter((c): c is { s: typeof c.s; child: Product } => c.child !== undefined);
    const label = (c: (typeof choices)[number]) => `${c.child.name} +${catalog.formatPrice(catalog.getFinalPrice(c.child))}`;
    const control = option.type === "checkbox"
      ? html`${choices.map((c) => html`<div class="field choice"><input type="checkbox" class="bundle-option-${option.id} checkbox product bundle option" id="bundle-option-${option.id}-${c.s.id}" name="bundle_option[${option.id}][]" value="${c.s.id}"><label for="bundle-option-${option.id}-${c.s.id}"><span>${label(c)}</span></label></div>`)}`
      : html`<select id="bundle-option-${option.id}" name="bundle_option[${option.id}]${option.type === "multi" ? "[]" : ""}" class="bundle-option-${option.id} product bundle option bundle-option-select"${option.type === "multi" ? html` multiple` : ""}${option.required ? html` required` : ""}>${option.type === "multi" ? "" : html`<option value="">Choose a selection...</option>`}${choices.map((c) => html`<option value="${c.s.id}">${label(c)}</option>`)}</select>`;
    return html`<div class="field option${option.required ? " required" : ""}"><label class="label" for="bundle-option-${option.id}"><span>${option.title}</span></label><div class="control">${control}<input type="hidden" name="bundle_option_qty[${option.id}]" value="${option.selections[0]?.qty ?? 1}"></div></div>`;
  })}</div>`;
}

function renderGroupedTable(catalog: PricedCatalog, product: Product): SafeHtml {
  const items = (product.groupedItems ?? []).flatMap((item) => {
    const child = catalog.getProductById(item.productId);
    return child ? [{ child, qty: item.qty }] : [];
  });
  return html`<div class="table-wrapper grouped"><table class="table data grouped" id="super-product-table"><thead><tr><th class="col item">Product Name</th><th class="col qty">Qty</th></tr></thead><tbody>${items.map(
    ({ child, qty }) => html`<tr><td class="col item"><strong class="product-item-name">${child.name}</strong>${renderPriceBox(catalog, child)}</td><td class="col qty">${child.inStock && child.enabled ? html`<div class="control qty"><input type="number" name="super_group[${child.id}]" data-selector="super_group[${child.id}]" value="${qty}" title="Qty" class="input-text qty"></div>` : html`<div class="stock unavailable" title="Availability"><span>Out of stock</span></div>`}</td></tr>`,
  )}</tbody></table></div>`;
}

function renderThumbnails(product: Product, main: Product["media"][number] | undefined, base: string): SafeHtml {
  const rest = product.media.filter((m) => m !== main).slice(0, 12);
  if (rest.length === 0) return html``;
  return html`<ul class="fotorama__nav">${rest.map((m) => html`<li class="fotorama__nav__frame"><img src="${imageUrl(base, m.file)}" alt="${m.label || product.name}" width="88" height="110" loading="lazy"></li>`)}</ul>`;
}

// Cached pages keep the first visitor's form key; Magento's form-key-provider swaps in the cookie's.
const formKeyScript = html`<script>(function(){var m=document.cookie.match(/(?:^|; )form_key=([^;]+)/);if(!m)return;document.querySelectorAll('input[name="form_key"]').forEach(function(i){i.value=decodeURIComponent(m[1])})})();</script>`;

export function renderProductView(catalog: PricedCatalog, product: Product, base: string, formKey: string): SafeHtml {
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
${inStock ? html`<div class="box-tocart"><div class="fieldset"><div class="field qty"${product.type === "grouped" ? html` hidden` : ""}><label class="label" for="qty"><span>Qty</span></label><div class="control"><input type="number" name="qty" id="qty" min="0" value="1" title="Qty" class="input-text qty"></div></div>
<div class="actions"><button type="submit" title="Add to Cart" class="action primary tocart" id="product-addtocart-button"><span>Add to Cart</span></button></div></div></div>` : ""}
</form></div></div>
<div class="product media"><div class="gallery-placeholder"><img alt="${image?.label || product.name}" class="gallery-placeholder__image" src="${imageUrl(base, image?.file)}" width="700" height="700"></div>${renderThumbnails(product, image, base)}</div>
<div class="product info detailed"><div class="product data items"><div class="data item title" id="tab-label-description"><a class="data switch" href="#description">Details</a></div>
<div class="data item content" id="description"><div class="product attribute description"><div class="value">${trusted(product.description)}</div></div></div></div></div>${formKeyScript}`;
}

/** The product list of a category or search page (the toolbars come from listing-views.ts). */
export function renderProductGrid(catalog: PricedCatalog, listing: ProductListing, base: string): SafeHtml {
  if (listing.items.length === 0) {
    return html`<div class="message info empty"><div>We can't find products matching the selection.</div></div>`;
  }
  return html`<div class="products wrapper grid products-grid"><ol class="products list items product-items">${listing.items.map((p) => {
    const url = `${base}${catalog.getProductUrl(p)}`;
    const image = p.media.find((m) => m.roles.includes("small_image")) ?? p.media[0];
    return html`<li class="item product product-item"><div class="product-item-info" id="product-item-info_${p.id}"><a href="${url}" class="product photo product-item-photo" tabindex="-1"><img class="product-image-photo" src="${imageUrl(base, image?.file)}" alt="${p.name}" loading="lazy" width="240" height="300"></a>
<div class="product details product-item-details"><strong class="product name product-item-name"><a class="product-item-link" href="${url}">${p.name}</a></strong>${renderPriceBox(catalog, p)}${p.inStock && p.enabled ? "" : html`<div class="stock unavailable"><span>Out of stock</span></div>`}</div></div></li>`;
  })}</ol></div>`;
}
