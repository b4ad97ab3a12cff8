// What Magento's own add-to-cart form needs, derived from the domain product: the POST action with the
// `uenc` return URL, and the `super_attribute[<attribute id>]=<value index>` pickers of a configurable
// product. Option value uids are Magento's base64("configurable/<attribute id>/<value index>"). Pure.
import type { Product } from "@strangler/adapters";
import { toPublicUrl } from "./public-url.ts";

export interface OptionPicker {
  attributeId: number;
  code: string;
  label: string;
  values: { valueIndex: number; label: string }[];
}

export interface AddToCartForm {
  action: string;
  productId: number;
  pickers: OptionPicker[];
  /** False when a picker could not be built (unknown uid shape): the page then links to the legacy page. */
  complete: boolean;
}

export function decodeOptionUid(uid: string): { attributeId: number; valueIndex: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(uid)) return undefined;
  const match = /^configurable\/(\d+)\/(\d+)$/.exec(Buffer.from(uid, "base64").toString("utf8"));
  return match ? { attributeId: Number(match[1]), valueIndex: Number(match[2]) } : undefined;
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
  return { action, productId: product.id, pickers, complete };
}
