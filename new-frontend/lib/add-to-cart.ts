// What Magento's own add-to-cart form needs, derived from the domain product: the POST action with the
// `uenc` return URL, and the `super_attribute[<attribute id>]=<value index>` pickers of a configurable
// product, the `bundle_option[<option id>]=<selection id>` pickers of a bundle and the `links[]` of a
// downloadable product. Uids are Magento's base64("configurable/<attribute id>/<value index>"),
// base64("bundle/<option id>/<selection id>/<qty>") and base64("downloadable/<link id>"). Pure.
import type { Product } from "@strangler/adapters";
import { toPublicUrl } from "./public-url.ts";

export interface OptionPicker {
  attributeId: number;
  code: string;
  label: string;
  values: { valueIndex: number; label: string }[];
}

/** A bundle option as Magento's form posts it: `bundle_option[<option id>]=<selection id>`. */
export interface BundlePicker {
  optionId: number;
  title: string;
  required: boolean;
  type: string;
  /** `bundle_option_qty[<option id>]`: the first choice's default quantity, as Luma sends it. */
  quantity: number;
  choices: { selectionId: number; label: string; price: number; isDefault: boolean }[];
}

export interface AddToCartForm {
  action: string;
  productId: number;
  pickers: OptionPicker[];
  bundlePickers: BundlePicker[];
  /** `links[]` a downloadable product sells separately (link ids). */
  downloadableLinks: { linkId: number; title: string; price: number }[];
  /** False when a picker could not be built (unknown uid shape): the page then links to the legacy page. */
  complete: boolean;
}

export function decodeOptionUid(uid: string): { attributeId: number; valueIndex: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(uid)) return undefined;
  const match = /^configurable\/(\d+)\/(\d+)$/.exec(Buffer.from(uid, "base64").toString("utf8"));
  return match ? { attributeId: Number(match[1]), valueIndex: Number(match[2]) } : undefined;
}

/** The ids inside one of Magento's uids, e.g. base64("bundle/3/7/1") with prefix "bundle" → [3, 7, 1]. */
export function decodeUidNumbers(uid: string, prefix: string): number[] | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(uid)) return undefined;
  const parts = Buffer.from(uid, "base64").toString("utf8").split("/");
  if (parts[0] !== prefix || parts.length < 2 || parts.slice(1).some((part) => !/^\d+(\.\d+)?$/.test(part))) return undefined;
  return parts.slice(1).map(Number);
}

function buildBundlePickers(product: Product): BundlePicker[] | undefined {
  const pickers: BundlePicker[] = [];
  for (const option of product.bundleOptions) {
    const optionId = decodeUidNumbers(option.uid, "bundle")?.[0];
    if (optionId === undefined) return undefined;
    const choices = [];
    for (const choice of option.choices) {
      const ids = decodeUidNumbers(choice.uid, "bundle");
      if (!ids || ids[0] !== optionId || ids[1] === undefined) return undefined;
      choices.push({ selectionId: ids[1], label: choice.label, price: choice.price, isDefault: choice.isDefault });
    }
    pickers.push({ optionId, title: option.title, required: option.required, type: option.type, quantity: option.choices[0]?.quantity ?? 1, choices });
  }
  return pickers;
}

function buildDownloadableLinks(product: Product): AddToCartForm["downloadableLinks"] | undefined {
  if (!product.downloadable?.linksPurchasedSeparately) return [];
  const links = [];
  for (const link of product.downloadable.links) {
    const linkId = decodeUidNumbers(link.uid, "downloadable")?.[0];
    if (linkId === undefined) return undefined;
    links.push({ linkId, title: link.title, price: link.price });
  }
  return links;
}

/** Magento's `uenc`: URL-safe base64 of the URL to come back to (`+/=` → `-_,`). */
export function encodeReturnUrl(url: string): string {
  return Buffer.from(url, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, ",");
}

export function buildAddToCartForm(product: Product, publicUrl: string): AddToCartForm {
  const returnUrl = toPublicUrl(product.url, publicUrl);
  const action = `/checkout/cart/add/uenc/${encodeReturnUrl(returnUrl)}/product/${product.id}/`;
  let complete = true;
  const pickers = product.type !== "CONFIGURABLE" ? [] : product.options.map((option): OptionPicker => {
    const decoded = option.values.map((value) => ({ value, ids: decodeOptionUid(value.uid) }));
    const attributeId = decoded[0]?.ids?.attributeId;
    if (attributeId === undefined || decoded.some((entry) => entry.ids?.attributeId !== attributeId)) complete = false;
    return {
      attributeId: attributeId ?? 0,
      code: option.code,
      label: option.label,
      values: decoded.flatMap((entry) => (entry.ids ? [{ valueIndex: entry.ids.valueIndex, label: entry.value.label }] : [])),
    };
  });
  const bundlePickers = buildBundlePickers(product);
  const downloadableLinks = buildDownloadableLinks(product);
  if (!bundlePickers || !downloadableLinks) complete = false;
  return { action, productId: product.id, pickers, bundlePickers: bundlePickers ?? [], downloadableLinks: downloadableLinks ?? [], complete };
}
